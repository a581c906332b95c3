"""The name a source is shown under (analysis.quotes.source_names): a capital or seat of power
speaking for its government is its country (rules/quotes/government_seats.tsv), an agency is one
source without "news agency"; table cases, with those that stay."""

import pytest

from analysis.quotes import extract_quotes
from analysis.quotes.source_names import government_source, organization_name


@pytest.mark.parametrize(("name", "expected"), [
    ("Moscow", "Russia"),
    ("Kremlin", "Russia"),
    ("the Kremlin", "Russia"),
    ("Washington", "United States"),
    ("US", "United States"),
    ("Kiev", "Ukraine"),
    ("Kyiv", "Ukraine"),
    ("Britain", "United Kingdom"),
    # A country's own name, an office of a head of government, a person, nothing: unchanged.
    ("Russia", None),
    ("Downing Street", None),
    ("White House", None),
    ("Moscow City Court", None),
    ("Craig Washington", None),
    ("", None),
    (None, None),
])
def test_government_source(name, expected):
    assert government_source(name) == expected


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Moscow said on Monday that the sanctions were illegal.", "sanctions were illegal", "Russia"),
    ("The Kremlin said that the talks would go on.", "talks would go on", "Russia"),
    ("Kiev said that the rebels had fired first.", "rebels had fired first", "Ukraine"),
    ("Russia said that it would respond.", "it would respond", "Russia"),
    # Stay: the office of a head of government, and a person who bears the name.
    ("Downing Street said that the Prime Minister was confident.", "Prime Minister was confident",
     "Downing Street"),
    ("Congressman Craig Washington spoke first. Washington said that the bill was unfair.",
     "bill was unfair", "Craig Washington"),
])
def test_a_seat_of_power_speaks_for_its_country(nlp, text, content, speaker):
    quotes = [q for q in extract_quotes(nlp(text)) if content in q.text]
    assert [q.speaker for q in quotes] == [speaker]


@pytest.mark.parametrize(("text", "content", "speaker"), [
    # A place named as a location is no source of a later "it".
    ("France, which has the biggest commercial interests in Crimea, tried to water down the measures. "
     "It said the ban should apply only to firms.", "ban should apply", "France"),
    ("NATO sent more troops to Ukraine on Monday. It said the move was defensive.",
     "move was defensive", "NATO"),
    # A country acting is one.
    ("Russia rejected the plan on Monday. It said the plan was unacceptable.", "plan was unacceptable", "Russia"),
    # A work's title that names a country: its author speaks, and "it" is not the country.
    ("Brown's Britain, by Robert Peston, says there is mutual animosity between the two men.",
     "mutual animosity", "Robert Peston"),
    ("Brown's Britain, by Robert Peston, says there is animosity. It claims Mr Blair would stand down.",
     "would stand down", None),
    ("Britain, by contrast, said that the plan was wrong.", "plan was wrong", "United Kingdom"),
])
def test_it_never_means_a_place_that_is_just_a_location(nlp, text, content, speaker):
    quotes = [q for q in extract_quotes(nlp(text)) if content in q.text]
    assert [q.speaker for q in quotes] == [speaker]


def test_a_capital_in_a_group_keeps_its_name(nlp):
    text = "Kiev and the West have accused Russia of intervening in the crisis."
    speakers = {q.speaker for q in extract_quotes(nlp(text))}
    assert "Ukraine" not in speakers


@pytest.mark.parametrize(("name", "expected"), [
    ("AFP news agency", "AFP"),
    ("Reuters news service", "Reuters"),
    ("a local news portal CityNews", "CityNews"),
    ("a Leadership Conference", "Leadership Conference"),
    # No name: an unnamed source.
    ("its tax and business advisory service", None),
    ("a news agency", None),
    # Left as they are.
    ("news agency", "news agency"),
    ("defence ministry", "defence ministry"),
    ("Tanjug", "Tanjug"),
    ("the Kremlin's rights council", "the Kremlin's rights council"),
    ("Daily Telegraph", "Daily Telegraph"),
])
def test_organization_name(name, expected):
    assert organization_name(name) == expected
