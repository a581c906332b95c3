"""Who-said-what errors seen on speakers_dev and the 300 shared articles (session 17), each fixed by a rule.

Table-driven: each error's text (shortened from the article) with what must come out, and
neighbouring texts that must stay as they were or return nothing.
"""

from __future__ import annotations

import pytest

from analysis.quotes.extract import extract_quotes
from analysis.quotes.source_names import after_time_stamp

#: (text, content the quote starts with, speaker, speaker mention as shown)
TIME_STAMP_CASES = [
    # A live blog's time stamp is no part of the mention shown to users.
    ("14:24 - US Defense Secretary Chuck Hagel said the US would not act alone.", "the US would",
     "Chuck Hagel", "US Defense Secretary Chuck Hagel"),
    ("10.55 GMT – Russia's Foreign Ministry said it was alarmed by the shelling.", "it was alarmed",
     "Russian Foreign Ministry", "Russia's Foreign Ministry"),
    # Stay: no time stamp before the subject.
    ("US Defense Secretary Chuck Hagel said the US would not act alone.", "the US would", "Chuck Hagel",
     "US Defense Secretary Chuck Hagel"),
]


@pytest.mark.parametrize(("text", "start", "speaker", "mention"), TIME_STAMP_CASES,
                         ids=[c[3][-12:] + c[0][:2] for c in TIME_STAMP_CASES])
def test_a_mention_starts_after_a_time_stamp(nlp, text, start, speaker, mention):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.startswith(start)]
    assert [(q.speaker, text[q.speaker_start : q.speaker_end]) for q in quotes] == [(speaker, mention)]


@pytest.mark.parametrize(("text", "mention"), [
    ("14:24 - US Defense Secretary Chuck Hagel", "US Defense Secretary Chuck Hagel"),
    ("11:05 GMT: The ministry", "The ministry"),
    # Stay: a number that is no clock time, a time with no dash after it, a time stamp and nothing else.
    ("10.30 people", "10.30 people"),
    ("1.5 million people", "1.5 million people"),
    ("14:24 US officials", "14:24 US officials"),
    ("14:24 -", "14:24 -"),
])
def test_after_time_stamp(nlp, text, mention):
    assert after_time_stamp(nlp(text)[:]).text == mention


#: (text, words a wrong statement starts with, words of a statement that must stay)
COLON_CASES = [
    # A timeline: what comes before a colon is not what the subject after it says.
    ("21 November 2013: Ukraine announces it will not sign a deal aimed at strengthening ties with the EU, "
     "sparking protests 17 December: Russia agrees to buy $15bn of Ukrainian government bonds.",
     "Ukraine announces", None),
    ("Other initiatives in Congress and in state legislatures are under way: the Senate last week agreed in a "
     "separate bill to ban assault weapons.", "Other initiatives", None),
    # Stay: a colon inside the content (as before), and no colon before the source.
    ("The message was clear: Ukraine will not sign the deal, the minister said.", None, "The message was clear"),
    ("Ukraine will not sign the deal, Russia said on Monday.", None, "Ukraine will not sign"),
]


@pytest.mark.parametrize(("text", "wrong", "kept"), COLON_CASES, ids=[c[0][:24] for c in COLON_CASES])
def test_no_content_across_a_colon_before_its_source(nlp, text, wrong, kept):
    quotes = [q.text for q in extract_quotes(nlp(text))]
    if wrong is not None:
        assert not any(q.startswith(wrong) for q in quotes)
    if kept is not None:
        assert any(q.startswith(kept) for q in quotes)


#: (text, content the quote starts with, the speaker it must have)
PRONOUN_CASES = [
    # A person named only inside another's quotation is no antecedent of a later "he".
    ('The donor attacked the government. Mr Bannatyne said: "Disunity has a corrosive effect. Gordon Brown is a '
     'great chancellor who has delivered a stable economy." The businessman also voiced concern about Iraq. '
     'And he branded the response to the tsunami as "piecemeal and poor".', "the response", "Bannatyne"),
    # Stay: a person named outside quotation marks, and the previous speaker whose quotation names someone.
    ('Gordon Brown spoke on Monday in Leeds. And he branded the response to the tsunami as "piecemeal and poor".',
     "the response", "Gordon Brown"),
    ('Mr Smith said: "We met Gordon Brown." He added that the talks went well.', "that the talks", "Smith"),
    # A person made the main subject after the previous speaker is who "she" means.
    ("Amina Okuyeva said the war was hard. Olga Kurnosova, a familiar face at opposition rallies, is already here. "
     "She said the elite could turn on the president.", "the elite", "Olga Kurnosova"),
    # Stay: the subject of a subordinate clause, or of a clause that is the statement.
    ("Trevor Phillips said applications were down. He did not think Mr Howard intended to centre the debate about "
     "race. But he warned that campaigners could use his words.", "that campaigners", "Trevor Phillips"),
    ("Mr. Gartner said 3,000 teen-agers will use handguns to kill themselves. Richard W. Bonds Cordova, Tenn. --- "
     "Mr. Gartner should have read The Federalist No. 46 by James Madison before he wrote his anti-gun diatribe.",
     "his anti-gun", "Gartner"),
    ("Peter Nielson said he had suspended Mr Houston on Friday. He said that Mr Houston may be interviewed by the "
     "party. He added that the matter was closed.", "that the matter", "Peter Nielson"),
]


@pytest.mark.parametrize(("text", "start", "speaker"), PRONOUN_CASES, ids=[c[2] + c[0][-12:] for c in PRONOUN_CASES])
def test_the_person_a_pronoun_means(nlp, text, start, speaker):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.startswith(start)]
    assert [q.speaker for q in quotes] == [speaker]
