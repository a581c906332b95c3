"""Who-said-what errors seen in the 300 shared articles (session 18), each fixed by a rule.

Table-driven: each error's text (shortened from the article) with what must come out, and
neighbouring texts that must stay as they were or return nothing.
"""

from __future__ import annotations

import pytest

from analysis.quotes.extract import extract_quotes

#: (text, content the statement starts with, or None when the text must give no statement at all)
CONTENT_CASES = [
    # A fronted adverbial is no content of "called for": the object of the "for" after the verb is.
    ("For years, Russia has persistently called for the adoption of universal rules in cyber space.",
     "the adoption"),
    ("For years, Russia has called for talks.", "talks"),
    # Stay: the "for" after the verb, with a time phrase after it.
    ("Russia has called for talks for years.", "talks for years"),
    # A time adverbial before the source, and "co-operation" split so that the parser makes the
    # reported clause a second verb of "insisted": the clause is still what he insisted.
    ("On Monday Tony Blair insisted closer co-operation did not mean losing control of British borders.",
     "closer co-operation did not mean"),
    # Nothing: a time adverbial and no reporting verb.
    ("On Monday Tony Blair visited closer allies in Brussels.", None),
]


@pytest.mark.parametrize(("text", "start"), CONTENT_CASES, ids=[c[0][:30] for c in CONTENT_CASES])
def test_the_content_of_a_cue(nlp, text, start):
    quotes = [q.text for q in extract_quotes(nlp(text))]
    if start is None:
        assert quotes == []
    else:
        assert any(q.startswith(start) for q in quotes), quotes
        assert not any(q in ("years", "co") for q in quotes)


#: (text, content the statement starts with, its speaker, the mention shown)
SPEAKER_CASES = [
    # "PM" is the prime minister: the person the article gives that title.
    ("Prime Minister Tony Blair met Gordon Brown on Monday. The PM insisted nothing would derail the campaign.",
     "nothing would", "Tony Blair", "The PM"),
    # Stay: "PM" of a clock time is no title.
    ("Gordon Brown spoke at 3 PM on Monday. He said nothing would derail the campaign.", "nothing would",
     "Gordon Brown", "He"),
    # A law, a legal text and a region no one government speaks for are unnamed sources.
    ("The high treason article of the Russian Criminal Code says that any assistance to a foreign state is treason.",
     "that any assistance", None, "The high treason article of the Russian Criminal Code"),
    ("The Constitution simply calls for apportioning the House on the basis of the whole number of persons.",
     "apportioning", None, "The Constitution"),
    ("The West says they were aides to the separatist leader of the peninsula.", "they were aides", None,
     "The West"),
    # Stay: names that only start like a region, or end like a law in lower case.
    ("West Germany said it would raise its aid to the region.", "it would raise", "West Germany", "West Germany"),
    ("The Western European Union said it would meet in June.", "it would meet", "Western European Union",
     "The Western European Union"),
]


@pytest.mark.parametrize(("text", "start", "speaker", "mention"), SPEAKER_CASES,
                         ids=[c[3][-14:] + c[0][:8] for c in SPEAKER_CASES])
def test_who_speaks(nlp, text, start, speaker, mention):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.startswith(start)]
    assert [(q.speaker, text[q.speaker_start : q.speaker_end]) for q in quotes] == [(speaker, mention)]


#: (text, words of a statement that must not be found, words of one that must stay, its speaker)
NO_STATEMENT_CASES = [
    # The journalist's question to the speaker is nobody's statement, nor the person's named before it.
    ("On 22 August, Russian President Vladimir Putin warned that Moscow may retaliate. Asked by EURACTIV if he "
     "thought that a recent document published by Zerkalo Nedeli is genuine, Yatseniuk said: “We are not the "
     "experts to determine the signature of this action plan.”", "that a recent document",
     "We are not the experts", "Yatseniuk"),
    ("Asked whether he believed the talks would succeed, the minister said he was hopeful.",
     "the talks would succeed", "he was hopeful", None),
    # Stay: a statement in an adverbial of the asking verb, not inside the question.
    ("Following claims that US forces had worked inside Iran to identify potential targets, Mr Blair was asked if "
     "the SAS had also been in the country.", "the SAS", "that US forces had worked", None),
    # A law's words in quotation marks are no speech of who signed it.
    ("Experts told The Moscow Times about the new rules. The amendments, signed by President Vladimir Putin, make "
     "“information disclosing the loss of personnel during special operations in peacetime” a state secret.",
     None, "information disclosing", None),
    # Stay: a quotation that goes on after its speaker's own words.
    ("Vladimir Putin spoke on Monday. “We will never give up our land,” he said. “Russia is strong and united.”",
     None, "We will never give up", "Vladimir Putin"),
]


@pytest.mark.parametrize(("text", "wrong", "kept", "speaker"), NO_STATEMENT_CASES,
                         ids=[c[2][:20] for c in NO_STATEMENT_CASES])
def test_no_statement_of_anyone(nlp, text, wrong, kept, speaker):
    quotes = extract_quotes(nlp(text))
    if wrong is not None:
        assert not any(q.text.startswith(wrong) for q in quotes)
    assert [q.speaker for q in quotes if q.text.startswith(kept)] == [speaker]


#: (text, the content exactly)
EDGE_CASES = [
    # No-break spaces split the source's title from its name in the parse: the content ran on through
    # the title (and, moved by the boundary model, through the cue to the end of the sentence).
    ("WASHINGTON (Sputnik)\u00a0— Hundreds of\u00a0Russian soldiers were killed during\u00a0the crisis in\u00a0eastern "
     "Ukraine, US Assistant Secretary of\u00a0State for\u00a0European and Eurasian Affairs Victoria Nuland said "
     "during\u00a0a testimony before\u00a0the US Senate Foreign Relations Committee on\u00a0Tuesday.",
     "Hundreds of\u00a0Russian soldiers were killed during\u00a0the crisis in\u00a0eastern Ukraine"),
    # Stay: the same with plain spaces, and an attribution set off inside its sentence.
    ("Hundreds of Russian soldiers were killed in eastern Ukraine, US Assistant Secretary of State Victoria "
     "Nuland said during a testimony on Tuesday.", "Hundreds of Russian soldiers were killed in eastern Ukraine"),
    ("Climate change, Mr. Obama often says, is the greatest threat to future generations.",
     "Climate change, Mr. Obama often says, is the greatest threat to future generations"),
]


@pytest.mark.parametrize(("text", "content"), EDGE_CASES, ids=[c[1][:24] for c in EDGE_CASES])
def test_a_content_before_its_source_stops_there(nlp, text, content):
    assert [q.text for q in extract_quotes(nlp(text))] == [content]

