"""Offices and parties as speakers (session 16): the person a title fits, an unheld office, "the party".

Table-driven: each text (shortened from the 300 shared articles or speakers_dev) with the
speaker its statement must have, and neighbouring texts that must stay as they were.
"""

from __future__ import annotations

import pytest

from analysis.quotes.extract import extract_quotes
from analysis.quotes.offices import fits_office, government_country, national_role

#: (text, content the quote starts with, the speaker it must have)
SPEAKER_CASES = [
    # "the foreign secretary" is not "Home Secretary Charles Clarke"; the previous speaker holds no title.
    ("Jack Straw has attacked the decision of the court.\n\nThe foreign secretary said the right to life was the "
     "most important liberty. New Home Secretary Charles Clarke vowed the men would remain in prison.",
     "the right to life", "Jack Straw"),
    # "the chancellor" is not "ex-Conservative chancellor Ken Clarke", nor the person named in the statement
    # (no institution says the country: unnamed).
    ("Earlier, ex-Conservative chancellor Ken Clarke welcomed the plan. Conservative Michael Fallon asked Mr Brown "
     "whether the Treasury had leaned on the ONS. But the chancellor said Mr Fallon was wrong.", "Mr Fallon was",
     None),
    # "The government" of a story whose institutions are Britain's, naming no country.
    ("The Cabinet Office has confirmed it is reviewing the pension system. The government says unions will be "
     "consulted before any changes are made. Tony Blair's official spokesman said a process was going on.",
     "unions will be", "British government"),
    # "the prime minister" nobody is named holding, in a story naming Downing Street and the Commons.
    ("Downing Street denied the claims on Monday. Critics in the Commons said the plans were rushed.\n\n"
     "The prime minister told MPs the abusers would be weeded out.", "the abusers", "British Prime Minister"),
    # An agency dateline says the country.
    ("MOSCOW (RIA Novosti) — The government said the talks would resume on Monday.", "the talks", "Russian government"),
    # Stay: a bare title the previous speaker may hold, or a holder the article names.
    ("Gordon Brown has issued a rallying cry to supporters.\n\nThe chancellor said the vote was close.",
     "the vote", "Gordon Brown"),
    ("Foreign Secretary Jack Straw spoke in the Commons. Home Secretary Charles Clarke spoke too. The foreign "
     "secretary said the law was right.", "the law", "Jack Straw"),
    ("Former chancellor Ken Clarke spoke on Monday. The former chancellor said the euro was safe.", "the euro",
     "Ken Clarke"),
    # Stay unnamed: no country to give the office ("the government" of an article that names none), a
    # government with words of its own, an office not of the list.
    ("The government says unions will be consulted before any changes are made.", "unions will be", None),
    ("Whitehall sources said so. The Kremlin denied it. The government says unions will be consulted.",
     "unions will be", None),
    ("Downing Street denied it. The Labour government says unions will be consulted.", "unions will be",
     "Labour government"),
    ("Downing Street denied it. The ambassador said unions would be consulted.", "unions would", None),
]


@pytest.mark.parametrize(("text", "start", "speaker"), SPEAKER_CASES, ids=[f"{c[2]}:{c[1]}" for c in SPEAKER_CASES])
def test_the_speaker_of_a_statement(nlp, text, start, speaker):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.startswith(start)]
    assert [q.speaker for q in quotes] == [speaker]


@pytest.mark.parametrize(("words", "context", "fits"), [
    ({"foreign", "secretary"}, {"foreign", "secretary"}, True),
    ({"secretary"}, {"home", "secretary"}, True),  # "the secretary" may be any secretary
    ({"foreign", "secretary"}, {"new", "home", "secretary"}, False),
    ({"chancellor"}, {"former", "chancellor"}, False),
    ({"chancellor"}, {"ex", "conservative", "chancellor"}, False),
    ({"former", "chancellor"}, {"former", "chancellor"}, True),
    ({"prime", "minister"}, {"prime", "minister"}, True),
])
def test_fits_office(words, context, fits):
    assert fits_office(words, context) is fits


@pytest.mark.parametrize(("text", "country"), [
    ("Downing Street said so. MPs in the Commons agreed. Iraq and Iraq and Iraq were named.", "GBR"),
    ("KIEV (Reuters) - The Kremlin said so. Downing Street agreed.", "UKR"),  # the dateline first
    ("The Kremlin said so. Downing Street agreed.", None),  # two countries' institutions as often
    # one institution of a country the places name less than another: no country
    ("Egypt honored its speaker. Egypt and Egypt mourned. In Washington, a White House spokesman spoke.", None),
    ("Tony Blair spoke. Downing Street agreed.", "GBR"),  # one, and no place names another country
    ("Lima and Peru and Peru were named, Bolivia once.", None),  # places alone say no government
    ("The talks went on.", None),
])
def test_government_country(nlp, text, country):
    assert government_country(nlp(text)) == country


@pytest.mark.parametrize(("text", "mention", "role"), [
    ("Downing Street said so. The prime minister agreed.", "The prime minister", ("British Prime Minister", "person")),
    ("Downing Street said so. The premier agreed.", "The premier", ("British Prime Minister", "person")),
    ("Downing Street said so. The government agreed.", "The government", ("British government", "organization")),
    ("Downing Street said so. The foreign secretary agreed.", "The foreign secretary", None),
    ("Downing Street said so. A government agreed.", "A government", None),
    ("The prime minister agreed.", "The prime minister", None),
])
def test_national_role(nlp, text, mention, role):
    doc = nlp(text)
    start = text.index(mention)
    assert national_role(doc.char_span(start, start + len(mention))) == role


#: "the party" is the one party named shortly before it (source_names.party_before).
PARTY_CASES = [
    ("Alastair Campbell will return to strengthen Labour's election campaign, the party has confirmed.",
     "Alastair Campbell", "Labour"),
    ("Tory delegates are gathering for their conference.\n\nThe party says it offers a clear choice.",
     "it offers", "Conservatives"),
    ("The killing was ordered by a deputy of the ruling Institutional Revolutionary party (PRI). The ruling party "
     "has denied that the crime reflects a battle between factions.", "that the crime",
     "Institutional Revolutionary party"),
    # Stay unnamed: two parties named before it, none, or a modifier the article never gives the party.
    ("Labour attacked the Tories on Monday. The party says it offers a clear choice.", "it offers", None),
    ("Delegates are gathering for their conference. The party says it offers a clear choice.", "it offers", None),
    ("Labour met on Monday. The ruling party says it offers a clear choice.", "it offers", None),
]


@pytest.mark.parametrize(("text", "start", "speaker"), PARTY_CASES, ids=[f"{c[2]}:{c[1]}" for c in PARTY_CASES])
def test_the_party(nlp, text, start, speaker):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.startswith(start)]
    assert [q.speaker for q in quotes] == [speaker]
