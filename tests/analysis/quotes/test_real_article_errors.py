"""Who-said-what errors seen on the 300 shared real articles (session 14), each fixed by a rule.

Table-driven: each error's sentence (shortened from the article) with what must come out, and
neighbouring sentences that must stay as they were.
"""

from __future__ import annotations

import pytest

from analysis.quotes.extract import extract_quotes
from analysis.quotes.source_names import after_subheading

#: (text, content the quote starts with, the whole content it must have)
DATELINE_CASES = [
    # A title line glued to the first sentence: the statement ends before the dateline.
    ("Despite large opposition to his cozy stance on Russia, Czech president says Ukraine is experiencing "
     "nothing other than a ‘civil war’ Moscow, Nov.17 (ČTK) — Czech President Miloš Zeman again voiced his "
     "critical position.", "Ukraine is experiencing",
     "Ukraine is experiencing nothing other than a ‘civil war’"),
    ("The minister said the talks would go on KIEV (Reuters) - Ukraine said on Monday it would fight.",
     "the talks", "the talks would go on"),
    # Stay: a place and a date inside the statement, no agency and no dash after them.
    ("The minister said the talks in Moscow, Nov. 17 were useful.", "the talks",
     "the talks in Moscow, Nov. 17 were useful"),
    ("The minister said the talks in MOSCOW were useful.", "the talks", "the talks in MOSCOW were useful"),
    ("Mr Livingstone said it is important that the IOC (International Olympic Committee) members realise that "
     "London will deliver the games on time.", "it is important",
     "it is important that the IOC (International Olympic Committee) members realise that London will deliver "
     "the games on time"),
    # A dateline before the cue: the statement starts after it.
    ("Poroshenko's Move Met With Mockery WASHINGTON (Sputnik) — Hundreds of Russian soldiers were killed in "
     "eastern Ukraine, Victoria Nuland said on Tuesday.", "Hundreds",
     "Hundreds of Russian soldiers were killed in eastern Ukraine"),
]


@pytest.mark.parametrize(("text", "start", "content"), DATELINE_CASES, ids=[c[2][-20:] for c in DATELINE_CASES])
def test_a_statement_ends_before_a_dateline(nlp, text, start, content):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.startswith(start)]
    assert [q.text for q in quotes] == [content]


#: (text, content the quote contains, speaker, speaker mention, description)
SOURCE_CASES = [
    # A subheading run into the sentence is no part of the subject: unnamed experts, not an organisation.
    ("The committee did not comment Tuesday. No Invasion Before Talks Military and political experts polled by "
     "The Moscow Times said the evidence did not make it possible to say whether any paratroops fought.",
     "the evidence", None, "Military and political experts polled by The Moscow Times",
     "Military and political experts polled by The Moscow Times"),
    ("Peace In Our Time Prime Minister Tony Blair said the war was over.", "the war was over", "Tony Blair",
     "Prime Minister Tony Blair", None),
    # Stay: a name with a capitalised small word, a subject with no run before it.
    ("The Secretary Of State and his aides said the plan was bad.", "the plan was bad", None,
     "The Secretary Of State and his aides", "The Secretary Of State and his aides"),
    ("The Bank of England said rates would rise.", "rates would rise", "Bank of England", "The Bank of England",
     None),
    # A plural of a title is a body ("Law Lords"), never a person, nor the "he" after it.
    ('Director Shami Chakrabarti called on the government to "practise what it preaches" and either free or charge '
     "12 detainees at Belmarsh and Woodhill prisons. Law Lords ruled last month that the 12 were being held in "
     "contravention of human rights laws.", "the 12", "Law Lords", "Law Lords", None),
    # A peer's title with his surname is the person the article names in full.
    ("Former Labour leader Neil Kinnock has been made a life peer. He will be known as Baron Kinnock. Baron "
     "Kinnock said he would use the House to advocate its reform.", "advocate its reform", "Neil Kinnock",
     "Baron Kinnock", None),
]


@pytest.mark.parametrize(("text", "content", "speaker", "mention", "description"), SOURCE_CASES,
                         ids=[c[1] for c in SOURCE_CASES])
def test_the_source_of_a_statement(nlp, text, content, speaker, mention, description):
    quotes = [q for q in extract_quotes(nlp(text)) if content in q.text]
    assert [(q.speaker, text[q.speaker_start : q.speaker_end], q.speaker_description) for q in quotes] == [
        (speaker, mention, description)]
    people = {"Tony Blair", "Neil Kinnock"}
    assert quotes[0].speaker_kind == (None if speaker is None else "person" if speaker in people else "organization")


def test_law_lords_are_an_organisation_and_he_is_the_man_named_before(nlp):
    text = ("But Mr Clarke has been forced to change the regime of detention without trial after Law Lords ruled it "
            "illegal. He has opted for a system of control orders whereby suspects can be held under house arrest.")
    quotes = extract_quotes(nlp(text))
    assert all(q.speaker != "Law Lords" or q.speaker_kind == "organization" for q in quotes)
    assert [q.speaker for q in quotes if "control orders" in q.text] in ([], ["Clarke"])


@pytest.mark.parametrize(("text", "mention"), [
    ("No Invasion Before Talks Military and political experts", "Military and political experts"),
    # Stay: too short a run after the small word, or no lower-case words after the run.
    ("The Secretary Of State and his aides", "The Secretary Of State and his aides"),
    ("Friends of the Earth campaigners", "Friends of the Earth campaigners"),
    ("The Head Of The Bank", "The Head Of The Bank"),
])
def test_after_subheading(nlp, text, mention):
    assert after_subheading(nlp(text)[:]).text == mention
