"""The name a source is shown under (analysis.quotes.source_names): a capital or seat of power
speaking for its government is its country (rules/quotes/government_seats.tsv), an agency is one
source without "news agency"; table cases, with those that stay."""

import pytest

from analysis.quotes import extract_quotes
from analysis.quotes.national_bodies import country_adjective
from analysis.quotes.source_names import government_source, is_institution, organization_name


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


# --- A body every state has is named with its country (rules/quotes/state_bodies.txt) --------------

#: (text, content the statement holds, speaker, description of an unnamed source)
STATE_BODY_CASES = [
    # The country in the mention: possessive, demonym, "of"/"in" after, "the country's".
    ("Russia's Foreign Ministry said the vote was illegal. The ministry added that talks must go on.",
     "the vote was illegal", "Russian Foreign Ministry", None),
    ("Russia's Foreign Ministry said the vote was illegal. The ministry added that talks must go on.",
     "talks must go on", "Russian Foreign Ministry", None),
    ("Ukraine's Security Service said that it had detained a Russian officer.", "detained a Russian officer",
     "Ukrainian Security Service", None),
    ("The Security Service of Ukraine said that it had detained a Russian officer.", "detained a Russian officer",
     "Ukrainian Security Service", None),
    ("Protests spread across Ukraine on Monday. The country's Interior Ministry denied that it had sent the "
     "messages.", "it had sent the messages", "Ukrainian Interior Ministry", None),
    ("A statement by Mexico's Congress said that the reform was needed.", "the reform was needed",
     "Mexican Congress", None),
    # The country the article gives the same body elsewhere, whatever form its name takes.
    ("South Korea's Ministry of Foreign Affairs said it did not recognise the annexation. The Foreign Ministry "
     "added that the sovereignty of Ukraine must be respected.", "sovereignty of Ukraine",
     "South Korean Foreign Ministry", None),
    ("Russian Foreign Ministry spokesman Alexander Lukashevich spoke in Moscow. The Foreign Ministry said that the "
     "referendum was legal.", "referendum was legal", "Russian Foreign Ministry", None),
    # Words run on after the ministry's field are no part of its name.
    ("It is needed a lot of time to refloat this ship, according to the Ukrainian Ministry of Defense Ochakov was "
     "stationed in the Black Sea Fleet.", "refloat this ship", "Ukrainian Ministry of Defense", None),
    ("Shelling resumed on Monday, said a spokesman for the Ukrainian Armed Forces in Marinka. The Ukrainian Armed "
     "Forces in Marinka said that three soldiers had died.", "three soldiers had died", "Ukrainian Armed Forces",
     None),
    # A former state kept as a region has bodies too: "FRY" is the Federal Republic of Yugoslavia (session 14).
    ("The FRY Ministry of Foreign Affairs is denying that any official Slovene delegation came to Belgrade.",
     "delegation came to Belgrade", "Yugoslav Ministry of Foreign Affairs", None),
    ("The Soviet Foreign Ministry said the talks had failed.", "the talks had failed", "Soviet Foreign Ministry", None),
    # Else the country the article is about: its dateline, or the one country it names (session 15).
    ("MOSCOW, August 8 (RIA Novosti) — Kiev's decision is a violation, the Foreign Ministry said Friday.",
     "Kiev's decision", "Russian Foreign Ministry", None),
    ("Shining Path has infiltrated 167 unions in the Lima slums, says a confidential Interior Ministry report.",
     "Shining Path has infiltrated", "Peruvian Interior Ministry", None),
    ("Russia moved troops out of three provinces, according to the defence ministry.", "Russia moved troops",
     "Russian defence ministry", None),
    ("Guerrillas in Peru fled to Bolivia. Lima police said Peru was calm. The rebels have infiltrated 167 unions in "
     "Peru, says a confidential Interior Ministry report.", "The rebels have infiltrated",
     "Peruvian Interior Ministry", None),
    # Stay: only a ministry takes the article's country; a place's own body, "Congress", "the Cabinet" do not.
    ("The California Supreme Court in San Francisco said that the law was constitutional.", "the law was",
     "California Supreme Court", None),
    ("Police in Manchester said people were hit. Greater Manchester Police said the waste was thrown.",
     "the waste was thrown", "Greater Manchester Police", None),
    ("Congress said it would investigate the vote in Washington.", "it would investigate", "Congress", None),
    # No country given, or several: the body's own words, as the article writes them (no country guessed).
    ("The Foreign Ministry said the vote was illegal.", "the vote was illegal", "Foreign Ministry", None),
    ("The country's Interior Ministry, however, denied sending the messages.", "sending the messages",
     "Interior Ministry", None),
    ("Russia moved troops out of three provinces that border Ukraine, according to the defence ministry.",
     "Russia moved troops", "defence ministry", None),
    ("Russia and Ukraine met. Kiev and Moscow disagreed. The border is calm, the defence ministry said.",
     "The border is calm", "defence ministry", None),
    ("Germany imported 2,092 tonnes of British beef. The research ministry said that more than 100,000 cattle "
     "had died.", "cattle had died", "research ministry", None),
    ("LONDON, August 8 - Kiev's decision is a violation, the Foreign Ministry said Friday.", "Kiev's decision",
     "Foreign Ministry", None),
    # Bodies with a name of their own, or already with their country, stay as they are.
    ("The Blair government said the plan was sound.", "the plan was sound", "Blair government", None),
    ("The Donetsk regional government said the referendum would go ahead.", "referendum would go ahead",
     "Donetsk regional government", None),
    ("The German government said that talks would resume.", "talks would resume", "German government", None),
    ("The Foreign Office said that the embassy would stay open.", "embassy would stay open", "Foreign Office", None),
]


@pytest.mark.parametrize(("text", "content", "speaker", "description"), STATE_BODY_CASES)
def test_a_state_body_is_named_with_its_country(nlp, text, content, speaker, description):
    quotes = [q for q in extract_quotes(nlp(text)) if content in q.text]
    assert [(q.speaker, q.speaker_description) for q in quotes] == [(speaker, description)]
    assert all(q.speaker_kind == ("organization" if speaker else None) for q in quotes)


@pytest.mark.parametrize(("iso3", "adjective"), [
    ("RUS", "Russian"), ("UKR", "Ukrainian"), ("KOR", "South Korean"), ("SRB", "Serbian"), ("CHN", "Chinese"),
    ("USA", "US"), ("GBR", "British"), ("YUGOSLAVIA", "Yugoslav"), ("USSR", "Soviet"),
])
def test_country_adjective(iso3, adjective):
    assert country_adjective(iso3) == adjective


@pytest.mark.parametrize(("name", "expected"), [
    ("Downing Street", True), ("the White House", True), ("Pentagon", True),
    # Not seats or institutions: a person, a country, nothing.
    ("Tony Blair", False), ("Russia", False), ("Washington Post", False), ("", False), (None, False),
])
def test_is_institution(name, expected):
    assert is_institution(name) is expected


def test_an_untagged_seat_of_government_is_an_organisation(nlp):
    quotes = extract_quotes(nlp("Downing Street insisted that the prime minister was confident."))
    assert [(q.speaker, q.speaker_kind) for q in quotes] == [("Downing Street", "organization")]
