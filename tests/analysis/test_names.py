"""Tests for analysis.names: titles, honorifics, aliases and the one alias-merging algorithm."""

from __future__ import annotations

from collections import Counter

import pytest

from analysis import names, resources


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("President Vladimir Putin", "Vladimir Putin"),
        ("Russian President Vladimir Putin", "Vladimir Putin"),
        ("Mr. Lavrov", "Lavrov"),
        ("Mr Putin", "Putin"),
        ("Mr. Putin's", "Putin"),
        ("Putin’s", "Putin"),
        ("Chancellor Olaf Scholz", "Olaf Scholz"),
        ("Prime Minister Giorgia Meloni", "Giorgia Meloni"),
        ("US Secretary of State Antony Blinken", "Antony Blinken"),
        ("Dr Jane Smith", "Jane Smith"),
        ("former President Donald Trump", "Donald Trump"),
        ("Joe Biden", "Joe Biden"),
        ("  Joe   Biden, ", "Joe Biden"),
        ("Taras Shevchenko - the", "Taras Shevchenko"),
        # A title alone is not stripped to nothing; empty input stays empty.
        ("President", "President"),
        ("", ""),
    ],
)
def test_strip_titles(raw, clean):
    assert names.strip_titles(raw) == clean


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        (["President", "Joe", "Biden"], ["Joe", "Biden"]),
        (["Mr.", "Lavrov"], ["Lavrov"]),
        (["former", "Prime", "Minister", "Tony", "Blair"], ["Tony", "Blair"]),
        (["Vladimir", "Putin"], ["Vladimir", "Putin"]),
        (["Mr."], []),  # a title alone leaves no name
        ([], []),
    ],
)
def test_strip_title_words(words, kept):
    assert names.strip_title_words(words) == kept


@pytest.mark.parametrize(
    ("text", "titled"),
    [("talks with Chancellor ", True), ("said Prime Minister ", True), ("talks with ", False), ("", False)],
)
def test_ends_with_title(text, titled):
    assert names.ends_with_title(text) is titled


def test_one_title_list_with_two_uses():
    rows = [line.split("\t") for line in resources.entries(resources.rules_file("names", "titles.tsv"))]
    assert all(len(row) == 2 and set(row[1].split()) <= {"names", "speakers"} and row[1].split() for row in rows)
    assert {"president", "mr.", "former"} <= names.title_words()
    assert "lord" not in names.title_words()  # a "names" title only: "Lord" stays in speakers' names
    assert names.strip_titles("Lord Carrington") == "Carrington"
    assert all(" " not in word for word in names.title_words())


@pytest.mark.parametrize(
    ("word", "gender"),
    [("mr", "m"), ("mr.", "m"), ("sir", "m"), ("mrs.", "f"), ("ms", "f"), ("lady", "f"), ("dr", None), ("", None)],
)
def test_honorific_gender(word, gender):
    assert names.honorific_gender(word) == gender


@pytest.mark.parametrize(
    ("text", "surnames"),
    [
        ("Mr Kucan's party met Dr. Jordan and Ms Ivanova.", {"Kucan", "Jordan", "Ivanova"}),
        ("Mrs. May said so; Mr. said nothing.", {"May"}),
        ("mr smith and Sir John", set()),  # lowercase; "Sir" also precedes first names
        ("", set()),
    ],
)
def test_addressed_surnames(text, surnames):
    assert names.addressed_surnames(text) == surnames


@pytest.mark.parametrize(("name", "last"), [("Vladimir Putin", "Putin"), ("Putin", "Putin"), ("", "")])
def test_surname(name, last):
    assert names.surname(name) == last


def _counts(*names_: str) -> Counter:
    return Counter(names_)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # A surname joins the full name; chains are followed.
        (_counts("Putin", "Vladimir Putin"), {"Putin": "Vladimir Putin"}),
        (
            _counts("Putin", "Vladimir Putin", "Vladimir Putin", "Vladimir Vladimirovich Putin"),
            {"Putin": "Vladimir Vladimirovich Putin", "Vladimir Putin": "Vladimir Vladimirovich Putin"},
        ),
        (_counts("Makarov", "Viktor Makarov"), {"Makarov": "Viktor Makarov"}),
        (_counts("Thomas", "Clarence Thomas"), {"Thomas": "Clarence Thomas"}),
        # A full name joins a longer one with the same first name (a middle name or initial).
        (_counts("John Danforth", "John C. Danforth"), {"John Danforth": "John C. Danforth"}),
        # Transliteration, accent, case and hyphen variants are one name (the most frequent form).
        (_counts("Viktor Yanukovych", "Viktor Yanukovych", "Viktor Yanukovich"),
         {"Viktor Yanukovich": "Viktor Yanukovych"}),
        (_counts("Yanukovich", "Viktor Yanukovych"), {"Yanukovich": "Viktor Yanukovych"}),
        (_counts("Arseniy Yatsenyuk", "Arseniy Yatsenyuk", "Arsenyi Yatsenyuk", "Yatseniuk"),
         {"Arsenyi Yatsenyuk": "Arseniy Yatsenyuk", "Yatseniuk": "Arseniy Yatsenyuk"}),
        (_counts("Vitaly Klitschko", "Vitaly Klitschko", "Vitali Klitschko"), {"Vitali Klitschko": "Vitaly Klitschko"}),
        (_counts("Viktor Makarov", "Victor Makarov"), {"Victor Makarov": "Viktor Makarov"}),
        (_counts("Aleksander Borodai", "Alexander Boroday"), {"Alexander Boroday": "Aleksander Borodai"}),
        (_counts("Scholz", "SCHOLZ"), {"SCHOLZ": "Scholz"}),
        (_counts("José Díaz", "Jose Diaz", "Jose Diaz"), {"José Díaz": "Jose Diaz"}),
        # The writer's hyphen wins over the tokenizer's space, whatever their frequency.
        (_counts("Robert Kilroy Silk", "Robert Kilroy Silk", "Robert Kilroy-Silk"),
         {"Robert Kilroy Silk": "Robert Kilroy-Silk"}),
        (_counts("Bill de Blasio", "De Blasio"), {"De Blasio": "Bill de Blasio"}),
        # A first name alone joins the full name starting with it...
        (_counts("Hillary", "Hillary Clinton"), {"Hillary": "Hillary Clinton"}),
        # ...unless it is no known first name, or also a surname there.
        (_counts("Universe", "Universe Alicia Machado"), {}),
        (_counts("Clinton", "Clinton Plan", "Hillary Clinton"), {"Clinton": "Hillary Clinton"}),
        (_counts("Clinton", "Clinton Breaks", "Hillary Clinton"), {"Clinton": "Hillary Clinton"}),
        # Never into a phrase that merely contains the name.
        (_counts("Clarence Thomas", "Such recent body-blows to Congress as Kitegate and the Clarence Thomas"), {}),
        (_counts("Hillary", "Crooked Hillary Clinton"), {}),
        (_counts("Hillary Clinton", "Crooked Hillary Clinton"), {}),
        (_counts("Gandhi", "Outside Gandhi"), {}),
        (_counts("Clinton", "Standard Clinton"), {}),
        (_counts("Ken Clarke", "Tories Ken Clarke"), {}),
        # A surname of several words takes first names ("Munoz Rocha"); a full name does not.
        (_counts("Munoz Rocha", "Manuel Munoz Rocha"), {"Munoz Rocha": "Manuel Munoz Rocha"}),
        (_counts("Williams", "Rowan Williams"), {"Williams": "Rowan Williams"}),
        (_counts("Canales", "Abraham Rubio Canales"), {"Canales": "Abraham Rubio Canales"}),
        (_counts("Cherie", "Cherie Blair", "Cherie Booth"), {"Cherie": "Cherie Blair"}),  # tie: first seen
        (_counts("Cherie", "Cherie Blair", "Cherie Blair", "Cherie Booth"), {"Cherie": "Cherie Blair"}),
        (_counts("Birkenhead", "Nicholls of Birkenhead"), {}),
        # Different people with one surname never merge into each other...
        (_counts("John Smith", "Jane Smith"), {}),
        (_counts("Vladimir Putin", "Lyudmila Alexandrovna Putin"), {}),
        # ...and the bare surname stays unless one is three times as frequent as the others.
        (_counts("Smith", "John Smith", "Jane Smith"), {}),
        (_counts("Trump", "Melania Trump", "Melania Trump", "Donald Trump"), {}),
        (_counts("Clinton", "Bill Clinton", "Hillary Clinton"), {}),
        (_counts("Blair", "Tony Blair", "Tony Blair", "Cherie Blair"), {}),
        (_counts("Blair", "Tony Blair", "Tony Blair", "Tony Blair", "Cherie Blair"), {"Blair": "Tony Blair"}),
        # Spelling keys keep apart what sounds alike but is written apart at the end.
        (_counts("Marx", "Milton Marks"), {}),
        # Nothing in, nothing out.
        (Counter(), {}),
    ],
)
def test_merge_aliases_people(counts, expected):
    merged = names.merge_aliases(counts, names.ENTITY_RULES, "person")
    assert set(merged) == set(counts)
    assert {name: canonical for name, canonical in merged.items() if name != canonical} == expected


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (_counts("Foreign Ministry", "Russian Foreign Ministry"), {"Foreign Ministry": "Russian Foreign Ministry"}),
        (_counts("Democratic Party", "Among Democratic Party"), {}),
        (_counts("EU", "senior EU"), {}),
        (_counts("Kremlin", "advisory body, whose outspoken criticism of the Kremlin"), {}),
        (_counts("Foreign Ministry", "Russian Foreign Ministry", "Ukrainian Foreign Ministry"), {}),
        (_counts("Lib Dems", "The Lib Dems", "The Lib Dems"), {"The Lib Dems": "Lib Dems"}),
        (_counts("ITAR-TASS", "Itar-Tass"), {"Itar-Tass": "ITAR-TASS"}),
        (Counter(), {}),
    ],
)
def test_merge_aliases_organizations(counts, expected):
    merged = names.merge_aliases(counts, names.ENTITY_RULES, "organization")
    assert {name: canonical for name, canonical in merged.items() if name != canonical} == expected


def test_speakers_and_entities_share_the_rules():
    assert names.SPEAKER_RULES == names.ENTITY_RULES
    counts = _counts("Hillary", "Hillary Clinton", "Clinton")
    assert names.merge_aliases(counts, names.SPEAKER_RULES) == names.merge_aliases(counts, names.ENTITY_RULES)


@pytest.mark.parametrize(
    ("names_", "keys"),
    [
        (["Yanukovych", "Yanukovich"], {("ianukovich",)}),
        (["Robert Kilroy-Silk", "Robert Kilroy Silk", "robert kilroy‑silk"], {("robert", "kilroi", "silk")}),
        (["Vitaly", "Vitali"], {("vitali",)}),
        (["Yatsenyuk", "Yatseniuk"], {("iatseniuk",)}),
        (["Putin's", "Putin"], {("putin",)}),
        (["The Times", "Times"], {("times",)}),
        ([""], {()}),
    ],
)
def test_name_keys(names_, keys):
    assert {names.name_keys(name) for name in names_} == keys


@pytest.mark.parametrize(
    ("name", "is_name"),
    [
        ("Vladimir Putin", True), ("Bill de Blasio", True), ("Bank of England", True), ("EU", True),
        ("US", True), ("G7", True), ("May", True), ("Robert Kilroy-Silk", True),
        ("senior EU", False), ("advisory body, whose outspoken criticism of the Kremlin", False),
        ("Among Democratic Party", False), ("The Lib Dems", False), ("his grandfather", False),
        ("Such recent body-blows to Congress as Kitegate and the Clarence Thomas", False),
        ("government", False), ("Bank of", False), ("", False),
    ],
)
def test_is_name(name, is_name):
    assert names.is_name(name) is is_name


@pytest.mark.parametrize(
    ("surfaces", "expected"),
    [
        (
            ["Putin", "Vladimir Putin", "Mr Putin", "Russian President Vladimir Putin", "Putin's"],
            dict.fromkeys(
                ["Putin", "Vladimir Putin", "Mr Putin", "Russian President Vladimir Putin", "Putin's"], "Vladimir Putin"
            ),
        ),
        (
            ["Biden", "Joe Biden", "Joe Biden", "Joe Biden", "Hunter Biden", "President Biden"],
            {"Biden": "Joe Biden", "Joe Biden": "Joe Biden", "Hunter Biden": "Hunter Biden",
             "President Biden": "Joe Biden"},
        ),
        (["Smith", "John Smith", "Jane Smith"], {s: s for s in ["Smith", "John Smith", "Jane Smith"]}),
        (["Scholz", "Olaf Scholz", "SCHOLZ"], dict.fromkeys(["Scholz", "Olaf Scholz", "SCHOLZ"], "Olaf Scholz")),
        (["President"], {"President": "President"}),
        ([], {}),
    ],
)
def test_canonicalize_names(surfaces, expected):
    assert names.canonicalize_names(surfaces) == expected


_PEOPLE = {"Putin": "person", "Vladimir Putin": "person", "Mr Lavrov": "person", "Sergei Lavrov": "person",
           "Trump": "person", "Donald Trump": "person", "Melania Trump": "person", "Kyiv": "place",
           "Dynamo Kyiv": "person", "Police": "organization", "Greater Manchester Police": "organization",
           "Foreign Ministry": "organization", "Russian Foreign Ministry": "organization",
           "Robert Kilroy Silk": "person", "Robert Kilroy-Silk": "person", "Yanukovych": "person",
           "Viktor Yanukovich": "person", "Viktor Yanukovych": "person", "Hillary": "person",
           "Hillary Clinton": "person", "Clarence Thomas": "person", "Thomas": "person", "MPs": "person",
           "Lib Dem MPs": "person", "Mr Cable": "organization", "Vincent Cable": "person",
           "The Lib Dems": "person", "Lib Dems": "person"}


@pytest.mark.parametrize(
    ("surfaces", "renames"),
    [
        (["Putin", "Vladimir Putin", "Vladimir Putin", "Mr Lavrov", "Sergei Lavrov"],
         {"Putin": "Vladimir Putin", "Mr Lavrov": "Sergei Lavrov"}),
        (["Robert Kilroy Silk", "Robert Kilroy-Silk", "Yanukovych", "Viktor Yanukovich", "Viktor Yanukovych",
          "Viktor Yanukovych"],
         {"Robert Kilroy Silk": "Robert Kilroy-Silk", "Yanukovych": "Viktor Yanukovych",
          "Viktor Yanukovich": "Viktor Yanukovych"}),
        # Never across kinds, never a generic word, organisations only by spelling across articles.
        (["Kyiv", "Dynamo Kyiv"], {}),
        (["government", "Colombian Government", "police", "Police", "Greater Manchester Police"], {}),
        (["Foreign Ministry", "Russian Foreign Ministry"], {}),
        (["MPs", "Lib Dem MPs"], {}),
        # "Mr" makes a person of a name voted an organisation; "The" is no part of a name.
        (["Mr Cable", "Vincent Cable"], {"Mr Cable": "Vincent Cable"}),
        (["The Lib Dems", "Lib Dems", "Lib Dems"],
         {"The Lib Dems": "Liberal Democrats", "Lib Dems": "Liberal Democrats"}),
        # A known alias of a party is its one name (rules/names/organization_aliases.tsv).
        (["Tories", "Conservative Party", "Conservatives"],
         {"Tories": "Conservatives", "Conservative Party": "Conservatives"}),
        (["EU", "senior EU", "Kremlin", "advisory body, whose outspoken criticism of the Kremlin"], {}),
        (["Clarence Thomas", "Such recent body-blows to Congress as Kitegate and the Clarence Thomas"], {}),
        # An ambiguous surname stays; a first name alone joins no full name of another article.
        (["Trump", "Donald Trump", "Melania Trump"], {}),
        (["Hillary", "Hillary Clinton"], {}),
        # A name of unknown kind merges by spelling only.
        (["Thomas", "Clarence Thomas", "Unknown Person"], {}),
        ([], {}),
    ],
)
def test_merge_across_articles(surfaces, renames):
    kinds = {name: kind for name, kind in _PEOPLE.items() if name != "Thomas" or "Unknown Person" not in surfaces}
    assert names.merge_across_articles(surfaces, kinds) == renames


@pytest.mark.parametrize(
    ("surfaces", "renames"),
    [
        # Safe: one person with that surname in the corpus, no middle names added.
        (["Putin", "Vladimir Putin", "Vladimir Putin"], {"Putin": "Vladimir Putin"}),
        (["Musharraf", "Pervez Musharraf"], {"Musharraf": "Pervez Musharraf"}),
        # Two people with the surname, however rare the second: the surname stays.
        (["Bush", "George W Bush", "George W Bush", "George W Bush", "George W Bush", "George Bush"], {}),
        (["Trump", "Donald Trump", "Donald Trump", "Donald Trump", "Donald Trump", "Melania Trump"], {}),
        # A surname that is also someone's first name there: its article gave no first name.
        (["Clinton", "Bill Clinton", "Bill Clinton", "Clinton Miller"], {}),
        (["Carter", "Jimmy Carter", "Carter Page"], {}),
        (["Clinton", "Bill Clinton", "Bill Clinton"], {"Clinton": "Bill Clinton"}),
        # Middle names or initials of another article are not added (father and son, or two people).
        (["George Bush", "George W Bush"], {}),
        (["Howard Metzenbaum", "Howard M. Metzenbaum"], {}),
        (["James Baker", "James Jay Baker"], {}),
        # Spelling variants still join.
        (["Vitali Klitschko", "Vitaly Klitschko", "Vitaly Klitschko"], {"Vitali Klitschko": "Vitaly Klitschko"}),
    ],
)
def test_merge_across_articles_only_when_safe(surfaces, renames):
    assert names.merge_across_articles(surfaces, dict.fromkeys(surfaces, "person")) == renames


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # Within one article the same names do merge (the article itself says who is meant).
        ({"Clinton": 2, "Bill Clinton": 1}, {"Clinton": "Bill Clinton"}),
        ({"Howard Metzenbaum": 1, "Howard M. Metzenbaum": 1}, {"Howard Metzenbaum": "Howard M. Metzenbaum"}),
        ({"Bush": 1, "George W Bush": 4, "George Bush": 1}, {"Bush": "George W Bush", "George Bush": "George W Bush"}),
    ],
)
def test_article_rules_still_merge_what_the_corpus_rules_keep_apart(counts, expected):
    merged = names.merge_aliases(counts, names.ENTITY_RULES)
    assert {name: merged[name] for name in expected} == expected


def test_merge_across_articles_without_kinds_merges_spelling_only():
    assert names.merge_across_articles(["Putin", "Vladimir Putin", "Viktor Yanukovich", "Viktor Yanukovych",
                                        "Viktor Yanukovych"]) == {"Viktor Yanukovich": "Viktor Yanukovych"}


@pytest.mark.parametrize(
    ("rows", "renamed"),
    [
        # A surname alone is renamed only in an outlet that also has the full name.
        ([("Kennedy", "US paper"), ("Kennedy", "BBC"), ("Charles Kennedy", "BBC")],
         ["Kennedy", "Charles Kennedy", "Charles Kennedy"]),
        # Other renames apply in every outlet; missing names stay missing.
        ([("Viktor Yanukovich", "Reuters"), ("Viktor Yanukovych", "BBC"), (None, "BBC")],
         ["Viktor Yanukovych", "Viktor Yanukovych", None]),
        ([], []),
    ],
)
def test_rename_rows(rows, renamed):
    renames = {"Kennedy": "Charles Kennedy", "Viktor Yanukovich": "Viktor Yanukovych"}
    assert names.rename_rows(rows, renames) == renamed


@pytest.mark.parametrize(("surfaces", "kinds", "renames"), [
    # A phrase written partly in lower case joins the same words written as a name (session 14).
    (["Ukrainian interior ministry", "Ukrainian Interior Ministry", "Ukrainian Interior Ministry"],
     {"Ukrainian interior ministry": "organization", "Ukrainian Interior Ministry": "organization"},
     {"Ukrainian interior ministry": "Ukrainian Interior Ministry"}),
    (["Clinton administration", "Clinton Administration"], {}, {"Clinton administration": "Clinton Administration"}),
    # Stay: one word (generic), no name spelt alike, or a different kind.
    (["government", "Government"], {}, {}),
    (["interior ministry", "Ukrainian Interior Ministry"], {}, {}),
    # Stay: a kind of body every state has, without its country (Peru's in one article, Ukraine's in another).
    (["interior ministry", "Interior Ministry", "Interior Ministry"], {"Interior Ministry": "organization"}, {}),
    (["Foreign ministry", "Foreign Ministry"], {}, {}),
    (["the party lawyers"], {}, {}),
    (["white house staff", "White House Staff"], {"white house staff": "person", "White House Staff": "organization"},
     {}),
])
def test_merge_across_articles_joins_lower_case_spellings(surfaces, kinds, renames):
    assert names.merge_across_articles(surfaces, kinds) == renames


@pytest.mark.parametrize(("word", "plural"), [
    ("Lords", True), ("Senators", True), ("presidents", True),
    # Stay: a title ending in "s", a title itself, a word that is no title's plural.
    ("Mrs", False), ("Lord", False), ("Ms", False), ("Times", False), ("Jones", False),
])
def test_is_title_plural(word, plural):
    assert names.is_title_plural(word) is plural


@pytest.mark.parametrize(("name", "generic"), [
    # A kind of body every state has, in common words: no one body's name (session 15).
    ("Foreign Ministry", True), ("defence ministry", True), ("Interior Ministry", True), ("High Court", True),
    ("government", True),
    # Stay names: a country, a name of its own, a party, a body of one state only named so.
    ("Russian Foreign Ministry", False), ("Ukrainian interior ministry", False), ("Donetsk regional government", False),
    ("Blair government", False), ("Labour Party", False), ("Bank of England", False), ("Electoral Commission", False),
    ("US Supreme Court", False), ("Vladimir Putin", False), ("European Commission", False),
])
def test_a_kind_of_state_body_is_generic(name, generic):
    assert names.is_generic(name) is generic
