"""Whom a speaking "it" means: an organisation or country that was a subject, not a place named in passing.

Errors seen in the 300 shared articles (session 19): "The paper said the document had been found in a London
street. It said ..." gave the statement to the United Kingdom; "... sent to the country by Iraq ... It said"
to Iraq; "the Crimean port town of Sebastopol. “...,” it said" to Sebastopol; a name inside a quotation
("“the Boston Globe of the airwaves.” In April, it denounced ...") became the speaker "Boston Globe of".
"""

from __future__ import annotations

import pytest

from analysis.quotes.extract import extract_quotes

#: (text, content the statement starts with, the speaker it must have: None for an unnamed source)
CASES = [
    ("The Mirror newspaper said on Tuesday it had been handed a dossier on Gen Musharraf's visit to Britain. "
     "The paper said the document had been found in a London street. It said the dossier contained details "
     "about his movements.", "the dossier contained", "Mirror"),
    ("The state-owned newspaper Al-Ahram reported Monday that extremists were collaborating with terrorists sent "
     "to the country by Iraq. It said the extremists had provided weapons to five Palestinians.",
     "the extremists had provided", "Al-Ahram"),
    ("The report gave an account of the incident as the team attempted to reach the Crimean port town of "
     "Sebastopol. \"Numerous roadblock personnel were observed with safety catches off,\" it said.",
     "Numerous roadblock", None),
    ("WCVB-TV has often had its editorials called \"the Boston Globe of the airwaves.\" In April, it denounced "
     "term limits as \"the latest fad to sweep the country.\"", "term limits", None),
    # Stay: an organisation that was the subject, also behind a country named as its owner or in passing.
    ("Downing Street said the talks would go ahead in Brussels. It said Mr Blair would attend.",
     "Mr Blair would attend", "Downing Street"),
    ("Russia's foreign ministry said on Monday that the talks had failed. It said Moscow would respond.",
     "Moscow would respond", "Russian foreign ministry"),
    ("Turkey said on Monday that it would close the border. It said the decision was final.",
     "the decision was final", "Turkey"),
]


@pytest.mark.parametrize(("text", "start", "speaker"), CASES, ids=[c[1][:25] for c in CASES])
def test_the_organisation_a_speaking_it_means(nlp, text, start, speaker):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.startswith(start)]
    assert len(quotes) == 1, [q.text for q in extract_quotes(nlp(text))]
    assert quotes[0].speaker == speaker


#: Texts in which "it" names no speaker: nothing of theirs is a statement.
NOTHING = [
    "The ports of Kerch, Sevastopol and Yalta are closed. It rained in Yalta on Monday.",
    "It was cold in London when the delegation from Britain arrived.",
]


@pytest.mark.parametrize("text", NOTHING, ids=[t[:25] for t in NOTHING])
def test_no_statement_without_a_cue(nlp, text):
    assert extract_quotes(nlp(text)) == []
