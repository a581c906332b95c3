"""Places below the country level, context-decided names, article focus and statement 'about'."""

from __future__ import annotations

import pytest

from analysis.countries import find_places
from analysis.nlp import load_nlp
from analysis.places.focus import article_focus, focus_countries, statement_about, title_end_of
from analysis.places.readings import (
    NAME_PRIOR,
    Candidate,
    Reading,
    apply_qualifier,
    choose,
    dominant_country,
    resolve,
)
from analysis.records import EntityMention, Quote


@pytest.fixture(scope="module")
def nlp():
    """The spaCy pipeline, loaded once for the module."""
    return load_nlp()


def _countries(text, doc=None):
    return sorted({m.key for m in find_places(text, doc) if m.kind == "country"})


# (text, exact country set). Qualified names, states and provinces work with and without a doc.
CASES = [
    ("He grew up in London, Ontario, and moved away.", ["CAN"]),
    ("The festival in London, Ont., drew crowds.", ["CAN"]),
    ("She was born in Paris, Texas, in 1950.", ["USA"]),
    ("A rally in Birmingham, Alabama, drew thousands.", ["USA"]),
    ("Turkey, Texas, has about 400 residents.", ["USA"]),
    ("Lebanon, Pa., police arrested a man on Friday.", ["USA"]),
    ("Officials in Athens, Greece, denied it.", ["GRC"]),
    ("Voters in Atlanta, Georgia, waited for hours.", ["USA"]),
    ("Trump narrowly lost Georgia in the election.", ["USA"]),
    ("Georgia's governor certified the results in Atlanta.", ["USA"]),
    ("Russian tanks rolled into Georgia in 2008, and Tbilisi appealed for help.", ["GEO", "RUS"]),
    ("Russia, Georgia and Ukraine were on the agenda.", ["GEO", "RUS", "UKR"]),
    ("Under Scots law the case differs.", ["GBR"]),
    ("Fishermen in Cornwall protested, and Scotland voted.", ["GBR"]),
    ("Wildfires spread across British Columbia and Alberta.", ["CAN"]),
    ("The governor of New Mexico met farmers from Texas.", ["USA"]),
    ("Flooding hit Queensland again.", ["AUS"]),
    ("Guernsey County deputies found the car.", ["USA"]),
    ("Tuition to Paris High School rose again.", ["USA"]),
    ("London, Ky., police said a London woman was hurt.", ["USA"]),
    # must return nothing
    ("Reading the report, she smiled.", []),
    ("Mobile phones were banned in class.", []),
    ("Let us split the bill.", []),
    ("Jack London wrote about the sea.", []),
    ("Split decisions are common.", []),
    ("Turkey is the star of the Thanksgiving dinner, with stuffing and gravy.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_places_resolve_to_their_country_with_doc(text, expected, nlp):
    assert _countries(text, nlp(text)) == expected


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_places_resolve_to_their_country_without_doc(text, expected):
    assert _countries(text) == expected


# Cities without a qualifier: decided by spaCy's tag and the article's other places.
CITY_CASES = [
    ("Police in Gainesville arrested two men on Friday.", ["USA"]),
    ("Talks in Mumbai and Karachi ended.", ["IND", "PAK"]),
    ("The council of Athens met; Atlanta and Savannah sent observers.", ["USA"]),
    ("Athens and Thessaloniki saw strikes as Greek unions marched.", ["GRC"]),
    ("A Paris firm sued; the Lamar County court in Texas heard it.", ["USA"]),
    ("Ministers met in Paris to discuss the euro.", ["FRA"]),
    ("Delegates from Alexandria, Virginia, and Richmond met.", ["USA"]),
]


@pytest.mark.parametrize(("text", "expected"), CITY_CASES, ids=[c[0][:40] for c in CITY_CASES])
def test_cities_by_context(text, expected, nlp):
    assert _countries(text, nlp(text)) == expected


def test_decoys_are_not_the_famous_namesake(nlp):
    for text, decoy in [("Paris, Texas", "FRA"), ("London, Ontario", "GBR"), ("Birmingham, Alabama", "GBR"),
                        ("Georgia's governor spoke in Atlanta", "GEO"), ("Turkey, Texas", "TUR")]:
        assert decoy not in _countries(f"He lives in {text} now.", nlp(f"He lives in {text} now."))


def test_mentions_say_how_they_were_resolved():
    mentions = {m.evidence: m for m in find_places("Crowds in Paris, Texas, and Laurel County cheered.")}
    assert (mentions["Paris"].key, mentions["Paris"].via) == ("USA", "city")
    assert (mentions["Texas"].key, mentions["Texas"].via) == ("USA", "state")
    assert (mentions["Laurel County"].key, mentions["Laurel County"].via) == ("USA", "county")


PARIS = (Reading("FRA", "FR-11", 4_000_000, "capital"), Reading("USA", "US-TX", 24_782, "city"))


@pytest.mark.parametrize(
    ("qualifier", "strict", "expected"),
    [
        (("USA", "US-TX"), False, Reading("USA", "US-TX", 24_782, "city")),
        (("FRA", ""), False, PARIS[0]),
        (("USA", "US-KY"), False, Reading("USA", "US-KY", 0, "city")),  # a town the gazetteer lacks
        (("USA", "US-KY"), True, None),  # a country's own name in a list: no qualifier
        (None, False, None),
    ],
)
def test_apply_qualifier(qualifier, strict, expected):
    assert apply_qualifier(Candidate(0, 5, "Paris", PARIS, qualifier, own_name=strict)) == expected


@pytest.mark.parametrize(
    ("regions", "countries", "dominant", "expected"),
    [
        (set(), set(), None, "FRA"),  # no context: the larger prior
        ({"US-TX"}, {"USA"}, "USA", "USA"),  # US local news naming Texas
        ({"US-TX"}, {"USA"}, None, "FRA"),  # Texas in news of several countries: the capital stays
        (set(), {"USA"}, "USA", "USA"),  # local news: the article names only US places
        (set(), {"USA"}, None, "FRA"),  # the US among other countries: a small namesake stays out
        (set(), {"USA", "FRA"}, None, "FRA"),
    ],
)
def test_choose_by_context(regions, countries, dominant, expected):
    assert choose(Candidate(0, 5, "Paris", PARIS), regions, countries, dominant).iso3 == expected


def test_a_country_name_yields_only_to_local_news():
    lebanon = (Reading("LBN", "", NAME_PRIOR, "name"), Reading("USA", "US-PA", 25_534, "city"))
    assert choose(Candidate(0, 7, "Lebanon", lebanon), set(), {"USA"}, "USA").iso3 == "USA"
    assert choose(Candidate(0, 7, "Lebanon", lebanon), set(), {"USA", "ISR"}, None).iso3 == "LBN"
    assert choose(Candidate(0, 7, "Lebanon", lebanon), {"US-PA"}, {"USA"}, None).iso3 == "LBN"  # mixed news
    assert choose(Candidate(0, 7, "Lebanon", lebanon), set(), set(), None).iso3 == "LBN"
    jamaica = (Reading("JAM", "", NAME_PRIOR, "name"), Reading("USA", "US-NY", 216_866, "city"))
    assert choose(Candidate(0, 7, "Jamaica", jamaica), set(), {"USA"}, "USA").iso3 == "JAM"
    georgia = (Reading("GEO", "", NAME_PRIOR, "name"), Reading("USA", "US-GA", 5_000_000, "state"))
    assert choose(Candidate(0, 7, "Georgia", georgia), set(), {"USA"}, "USA").iso3 == "USA"
    assert choose(Candidate(0, 7, "Georgia", georgia), set(), {"USA", "RUS"}, None).iso3 == "GEO"
    assert dominant_country([("USA", ""), ("USA", "US-TX"), ("USA", ""), ("ISR", "")]) == "USA"
    assert dominant_country([("USA", ""), ("ISR", "")]) is None
    assert dominant_country([]) is None


def test_choose_gives_nothing_for_close_rivals_and_small_places():
    richmond = (Reading("USA", "US-VA", 226_610, "city"), Reading("CAN", "CA-BC", 209_937, "city"))
    assert choose(Candidate(0, 8, "Richmond", richmond), set(), set()) is None
    assert choose(Candidate(0, 8, "Richmond", richmond), {"CA-BC"}, set()).iso3 == "CAN"
    small = (Reading("USA", "US-TX", 18_288, "city"),)
    assert choose(Candidate(0, 9, "Palestine", small), set(), set()) is None


def test_one_sense_per_article():
    first = Candidate(0, 6, "London", (Reading("GBR", "GB-ENG", 9_000_000, "capital"),), ("USA", "US-KY"))
    later = Candidate(40, 46, "London", (Reading("GBR", "GB-ENG", 9_000_000, "capital"),))
    resolved = resolve([first, later], [])
    assert [reading.iso3 for _candidate, reading in resolved] == ["USA", "USA"]


def _mention(key, start, end, via="name"):
    return EntityMention(kind="country", key=key, name=key, start=start, end=end, evidence=key, via=via)


def test_focus_weights_title_and_lead():
    # DEU named twice late, FRA once in the title: the title wins; a far third country drops out.
    mentions = [("FRA", 5), ("DEU", 900), ("DEU", 1000), ("ITA", 1200)]
    assert focus_countries(mentions, title_end=20, text_length=1300) == ("FRA", "DEU")
    assert focus_countries([], title_end=0, text_length=10) == ()
    assert title_end_of("Merkel in Paris\nBody", "Merkel in Paris") == len("Merkel in Paris")
    assert title_end_of("Body only", "Another title") == 0


def test_article_focus_from_mentions():
    text = "Germany and France talk\n" + "x " * 600 + "Italy."
    places = [_mention("DEU", 0, 7), _mention("FRA", 12, 18), _mention("ITA", len(text) - 6, len(text) - 1)]
    assert article_focus(text, "Germany and France talk", places) == ("DEU", "FRA")


def test_statement_about_leaves_out_where_and_who():
    text = "The Russian minister, speaking in Berlin, said Ukraine and Poland must talk."
    quote = Quote(kind="indirect", start=text.index("Ukraine"), end=len(text) - 1, text="",
                  speaker_start=0, speaker_end=text.index(","), cue_start=text.index("said"),
                  cue_end=text.index("said") + 4)
    places = [_mention("RUS", 4, 11, "demonym"), _mention("DEU", 33, 39, "capital"),
              _mention("UKR", text.index("Ukraine"), text.index("Ukraine") + 7),
              _mention("POL", text.index("Poland"), text.index("Poland") + 6)]
    assert statement_about(quote, places, text) == ("UKR", "POL")
    warned = "Putin warned Germany that Moscow would respond."
    quote = Quote(kind="indirect", start=warned.index("Moscow"), end=len(warned) - 1, text="",
                  speaker_start=0, speaker_end=5, cue_start=6, cue_end=12)
    places = [_mention("DEU", 13, 20), _mention("RUS", warned.index("Moscow"), warned.index("Moscow") + 6, "capital")]
    assert statement_about(quote, places, warned) == ("DEU", "RUS")
    assert statement_about(quote, [], warned) == ()


def test_the_pipeline_stores_focus_and_about(seed_analysis):
    from analysis.pipeline import summary

    assert seed_analysis.focus == ("RUS",)  # Putin's forum speech: Russia first, far ahead
    assert all(set(q.about) <= set(q.countries) for q in seed_analysis.quotes)
    assert any(q.about for q in seed_analysis.quotes)
    assert any(set(q.about) < set(q.countries) for q in seed_analysis.quotes)  # a place that only says where
    printed = summary(seed_analysis)
    assert printed["focus"] == ["RUS"] and printed["countries"][0]["iso3"] == "RUS"
