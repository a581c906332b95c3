"""Tests for analysis.nlp: the default pipeline is the model as shipped; the opt-in CoNLL-trained
recogniser loads offline in place of the model's ``ner``, keeps its OntoNotes labels and finds
people, organisations, places and dates (and nothing in sentences without them).
"""

from __future__ import annotations

import pytest
import spacy

from analysis.nlp import (
    JOIN_PIPE,
    LABEL_PIPE,
    NER_PATH,
    PARAGRAPH_PIPE,
    drop_headline_verbs,
    fixed_label_patterns,
    installed_model_name,
    join_hyphenated,
    load_nlp,
    places_and_people,
    use_shipped_ner,
    with_the,
)

ONTONOTES = {
    "CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP", "ORDINAL", "ORG",
    "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART",
}


@pytest.fixture(scope="module")
def conll_nlp():
    """The pipeline of the opt-in ``conll_people`` setting, loaded once for the module."""
    return load_nlp(conll=True)


def test_shipped_recogniser_loads_offline_and_keeps_the_ontonotes_labels(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the recogniser must load without the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    nlp = spacy.load(installed_model_name())
    weights = nlp.get_pipe("ner").model.to_bytes()
    use_shipped_ner(nlp)
    assert nlp.get_pipe("ner").model.to_bytes() != weights
    assert set(nlp.get_pipe("ner").labels) == ONTONOTES
    assert 1_000_000 < NER_PATH.stat().st_size < 20_000_000
    ents = nlp("Angela Merkel met the chief executive of Siemens in Munich.").ents
    assert {(e.text, e.label_) for e in ents} >= {("Angela Merkel", "PERSON"), ("Siemens", "ORG"), ("Munich", "GPE")}


def test_one_recogniser_replaces_the_model_ner(conll_nlp):
    names = conll_nlp.pipe_names
    assert names.count("ner") == 1 and names.index(LABEL_PIPE) == names.index("ner") + 1
    assert names.index(JOIN_PIPE) == names.index("ner") + 2
    assert len(names) == len(load_nlp(conll=False).pipe_names) + 2


def test_the_recogniser_is_the_default():
    assert load_nlp().pipe_names == load_nlp(conll=True).pipe_names
    assert JOIN_PIPE in load_nlp().pipe_names


def test_without_the_recogniser_the_pipeline_is_the_model_as_shipped():
    text = "Kofi Annan told Reuters the talks would resume in Geneva."
    model = spacy.load(installed_model_name())
    assert JOIN_PIPE not in load_nlp(conll=False).pipe_names
    expected = [(e.start_char, e.end_char, e.label_) for e in model(text).ents]
    assert [(e.start_char, e.end_char, e.label_) for e in load_nlp(conll=False)(text).ents] == expected


CASES = [
    # (sentence, {(text, label)} that must be among doc.ents, labels that must be absent)
    (
        "Angela Merkel met Emmanuel Macron in Paris on Tuesday.",
        {("Angela Merkel", "PERSON"), ("Emmanuel Macron", "PERSON"), ("Paris", "GPE"), ("Tuesday", "DATE")},
        set(),
    ),
    (
        "Shares of Siemens rose 3 percent after Deutsche Bank raised its forecast.",
        {("Siemens", "ORG"), ("Deutsche Bank", "ORG"), ("3 percent", "PERCENT")},
        {"PERSON"},
    ),
    (
        "The United Nations sent aid to Sudan and Chad in March 2024.",
        {("United Nations", "ORG"), ("Sudan", "GPE"), ("Chad", "GPE"), ("March 2024", "DATE")},
        {"PERSON"},
    ),
    ("Kofi Annan told Reuters the talks would resume.", {("Kofi Annan", "PERSON"), ("Reuters", "ORG")}, set()),
    (
        "Ships crossed the Black Sea towards the Middle East, and German officials watched.",
        {("Black Sea", "LOC"), ("Middle East", "LOC"), ("German", "NORP")},
        {"PERSON", "ORG"},
    ),
    ("Robert Kilroy-Silk said he would quit the party.", {("Robert Kilroy-Silk", "PERSON")}, set()),
    # a title before a name stays outside it, as CoNLL annotates (the product strips titles anyway)
    (
        "Billions should have been spent on poverty, Cardinal Cormac Murphy-O'Connor has said.",
        {("Cormac Murphy-O'Connor", "PERSON")},
        {"ORG", "GPE"},
    ),
    (
        "Sir Menzies Campbell spoke in Edinburgh on Friday.",
        {("Menzies Campbell", "PERSON"), ("Edinburgh", "GPE"), ("Friday", "DATE")},
        {"ORG"},
    ),
    # sentences with no name: no person, organisation or place may be found
    ("the talks will resume next week, officials said.", set(), {"PERSON", "ORG", "GPE", "LOC", "FAC"}),
    ("He said it was a very good day for everyone.", set(), {"PERSON", "ORG", "GPE", "LOC", "FAC"}),
    # a headline in Title Case names nobody
    ("Prices Rise Again As Winter Sets In", set(), {"PERSON", "ORG", "GPE", "LOC", "FAC"}),
    ("Talks Will Resume Next Week, Officials Say", set(), {"PERSON", "ORG", "GPE", "LOC", "FAC"}),
    # seats of bodies speak for the body, party nicknames stay NORP (rules/entities/fixed_labels.tsv)
    (
        "Downing Street said the Tories were wrong, and the Kremlin and the White House agreed.",
        {("Downing Street", "ORG"), ("Tories", "NORP"), ("Kremlin", "ORG"), ("White House", "ORG")},
        {"PERSON", "LOC", "FAC", "GPE"},
    ),
    ("A Downing Street spokesman said Tory plans were costed.", {("Downing Street", "ORG"), ("Tory", "NORP")},
     {"PERSON", "LOC", "FAC"}),
    ("The Lib Dems and UKIP disagreed.", {("Lib Dems", "NORP"), ("UKIP", "ORG")}, {"PERSON", "GPE"}),
    # a headline's reporting verb is no part of the speaker's name
    ("Shining Path Rebels Have Formed New Urban Front, Garcia Says", {("Garcia", "PERSON")}, set()),
    ("", set(), ONTONOTES),
]


@pytest.mark.parametrize(("sentence", "expected", "absent"), CASES)
def test_recogniser_finds_people_organisations_places_dates(conll_nlp, sentence, expected, absent):
    # a leading "the" is in OntoNotes spans (and the recogniser's, `with_the`); the product strips it
    ents = {(e.text.removeprefix("the ").removeprefix("The "), e.label_) for e in conll_nlp(sentence).ents}
    assert expected <= ents
    assert not {label for _, label in ents} & absent


@pytest.mark.parametrize(
    ("words", "spans", "expected"),
    [
        (["Robert", "Kilroy", "-", "Silk", "quit"], [(0, 2, "PERSON"), (3, 4, "PERSON")], ["Robert Kilroy-Silk"]),
        (["Jean", "-", "Marie", "Le", "Pen"], [(0, 1, "ORG"), (2, 5, "PERSON")], ["Jean-Marie Le Pen"]),
        (["Cormac", "Murphy", "-", "O'Connor", "spoke"], [(0, 2, "PERSON")], ["Cormac Murphy-O'Connor"]),
        (["Hans", "-", "Dietrich", "Genscher"], [(2, 4, "PERSON")], ["Hans-Dietrich Genscher"]),
        (["Merkel", "-", "Sarkozy", "plan"], [(0, 1, "PERSON"), (2, 3, "PERSON")], ["Merkel", "Sarkozy"]),
        (["Sarkozy", "-", "led", "talks"], [(0, 1, "PERSON")], ["Sarkozy"]),
        (["pro", "-", "Kremlin", "groups"], [(2, 3, "ORG")], ["Kremlin"]),
    ],
)
def test_join_hyphenated_spans(words, spans, expected):
    from spacy.tokens import Doc, Span

    spaces = [not (w == "-" or (i + 1 < len(words) and words[i + 1] == "-")) for i, w in enumerate(words)]
    doc = Doc(load_nlp().vocab, words=words, spaces=spaces)
    joined = join_hyphenated(doc, [Span(doc, s, e, label=k) for s, e, k in spans])
    assert [doc[s:e].text for _, s, e in joined] == expected


@pytest.mark.parametrize(
    ("words", "spans", "expected"),
    [
        (["Jean", "-", "Marie", "Le", "Pen", "and", "Hans", "Genscher", "met"], [(0, 8, "PERSON")],
         ["Jean-Marie Le Pen", "Hans Genscher"]),
        # one word a side, an organisation, or a lowercase start: the span stays whole
        (["Simon", "and", "Garfunkel", "sang"], [(0, 3, "PERSON")], ["Simon and Garfunkel"]),
        (["Marks", "and", "Spencer", "Group", "rose"], [(0, 4, "ORG")], ["Marks and Spencer Group"]),
        (["the", "Smith", "and", "Jones", "Brown"], [(0, 5, "PERSON")], ["the Smith and Jones Brown"]),
    ],
)
def test_people_joined_by_and_are_cut_in_two(words, spans, expected):
    from spacy.tokens import Doc

    from analysis.nlp import split_coordinated

    spaces = [not (w == "-" or (i + 1 < len(words) and words[i + 1] == "-")) for i, w in enumerate(words)]
    doc = Doc(load_nlp().vocab, words=words, spaces=spaces)
    cut = split_coordinated(doc, [(label, s, e) for s, e, label in spans])
    assert [doc[s:e].text for _, s, e in cut] == expected


@pytest.mark.parametrize(
    ("words", "tags", "expected"),
    [
        # a one-word PERSON after a hyphen takes in the word before it and a first name before that
        (["Cardinal", "Cormac", "Murphy", "-", "O'Connor", "said"], ["NNP", "NNP", "NNP", "HYPH", "NNP", "VBD"],
         ["Cormac Murphy-O'Connor"]),
        # no proper noun before the hyphenated word: nothing is taken in
        (["The", "Merkel", "-", "Sarkozy", "plan"], ["DT", "NNP", "HYPH", "NNP", "NN"], ["Sarkozy"]),
    ],
)
def test_a_surname_after_a_hyphen_takes_in_the_first_name(words, tags, expected):
    from spacy.tokens import Doc, Span

    spaces = [not (w == "-" or (i + 1 < len(words) and words[i + 1] == "-")) for i, w in enumerate(words)]
    doc = Doc(load_nlp().vocab, words=words, spaces=spaces, tags=tags)
    person = words.index("-") + 1
    joined = join_hyphenated(doc, [Span(doc, person, person + 1, label="PERSON")])
    assert [doc[s:e].text for _, s, e in joined] == expected


@pytest.mark.parametrize(("conll_people", "mark"), [(False, True), (True, False), (None, False)])
def test_the_conll_recogniser_is_the_default_and_the_model_ner_is_recorded_in_the_version(conll_people, mark):
    from analysis.ingest import make_article
    from analysis.pipeline import analyse_articles
    from analysis.records import CONLL_MARK

    article = make_article("Robert Kilroy-Silk said he would quit the party on Monday.", source="t")
    options = {} if conll_people is None else {"conll_people": conll_people}
    analysis = next(analyse_articles([article], **options))
    assert analysis.version.endswith(CONLL_MARK) is mark
    people = {m.key for m in analysis.mentions if m.kind == "person"}
    if conll_people is not False:
        assert "Robert Kilroy-Silk" in people


def test_fixed_labels_are_names_with_ontonotes_labels():
    patterns = fixed_label_patterns()
    assert {"label": "ORG", "pattern": "Downing Street"} in patterns
    assert {"label": "NORP", "pattern": "Tories"} in patterns
    assert all(p["label"] in ONTONOTES and p["pattern"][0].isupper() for p in patterns)


@pytest.mark.parametrize(
    ("words", "spans", "expected"),
    [
        (["Urban", "Front", ",", "Garcia", "Says"], [(3, 5, "PERSON")], ["Garcia"]),
        (["Buildup", ",", "Peskov", "Tells", "Reporters"], [(2, 5, "PERSON")], ["Peskov"]),
        # a verb first, a lowercase verb, another label, or no verb: the span stays
        (["Says", "Garcia"], [(0, 2, "PERSON")], ["Says Garcia"]),
        (["Garcia", "says"], [(0, 2, "PERSON")], ["Garcia says"]),
        (["Nothing", "Says"], [(0, 2, "WORK_OF_ART")], ["Nothing Says"]),
        (["Alan", "Garcia", "spoke"], [(0, 2, "PERSON")], ["Alan Garcia"]),
    ],
)
def test_a_headline_verb_is_cut_from_the_name(words, spans, expected):
    from spacy.tokens import Doc

    doc = Doc(load_nlp().vocab, words=words)
    cut = drop_headline_verbs(doc, [(label, s, e) for s, e, label in spans])
    assert [doc[s:e].text for _, s, e in cut] == expected


@pytest.mark.parametrize(
    ("words", "spans", "expected"),
    [
        # a place's name alone, taken for a person: a place again
        (["Limerick", "hospitals", "recorded"], [(0, 1, "PERSON")], [("Limerick", "GPE")]),
        (["Russia", "annexed", "Crimea"], [(0, 1, "GPE"), (2, 3, "PERSON")], [("Russia", "GPE"), ("Crimea", "GPE")]),
        # names that can be a person's stay people: listed as such, a first name, a surname of the doc
        (["Jordan", "said", "he", "would", "retire"], [(0, 1, "PERSON")], [("Jordan", "PERSON")]),
        (["Houston", "said", "so"], [(0, 1, "PERSON")], [("Houston", "PERSON")]),
        (["Abraham", "Lincoln", "spoke", ";", "Lincoln", "said"], [(0, 2, "PERSON"), (4, 5, "PERSON")],
         [("Abraham Lincoln", "PERSON"), ("Lincoln", "PERSON")]),
        # no place, or not a person: unchanged
        (["Mubanga", "said", "so"], [(0, 1, "PERSON")], [("Mubanga", "PERSON")]),
        (["Limerick", "City", "Council"], [(0, 3, "ORG")], [("Limerick City Council", "ORG")]),
        # the surname of a person of the doc taken for a place: a person again
        (["Barbara", "Bosworth", "died", ";", "Bosworth", "was", "41"], [(0, 2, "PERSON"), (4, 5, "GPE")],
         [("Barbara Bosworth", "PERSON"), ("Bosworth", "PERSON")]),
        # a country's name or capital stays a place, and so does a place no person of the doc is named after
        (["George", "Washington", "left", "Washington"], [(0, 2, "PERSON"), (3, 4, "GPE")],
         [("George Washington", "PERSON"), ("Washington", "GPE")]),
        (["Charles", "Clarke", "went", "to", "Bosworth"], [(0, 2, "PERSON"), (4, 5, "GPE")],
         [("Charles Clarke", "PERSON"), ("Bosworth", "GPE")]),
    ],
)
def test_places_taken_for_people_and_surnames_taken_for_places(words, spans, expected):
    from spacy.tokens import Doc

    doc = Doc(load_nlp().vocab, words=words)
    relabelled = places_and_people(doc, [(label, s, e) for s, e, label in spans])
    assert [(doc[s:e].text, label) for label, s, e in relabelled] == expected


@pytest.mark.parametrize(
    ("words", "spans", "expected"),
    [
        # a name of two words or more takes in the "the" before it, as OntoNotes writes it
        (["in", "the", "Ontario", "Municipal", "Board"], [(2, 5, "ORG")], ["the Ontario Municipal Board"]),
        (["The", "White", "House", "said"], [(1, 3, "ORG")], ["The White House"]),
        # one word, a person, or no "the" before: unchanged
        (["the", "Kremlin", "said"], [(1, 2, "ORG")], ["Kremlin"]),
        (["the", "Tony", "Blair", "era"], [(1, 3, "PERSON")], ["Tony Blair"]),
        (["a", "Labour", "Party", "leaflet"], [(1, 3, "ORG")], ["Labour Party"]),
        # a "the" that ends another entity stays there (entities never overlap)
        (["Meet", "the", "Press", "Club", "said"], [(0, 2, "WORK_OF_ART"), (2, 4, "ORG")], ["Meet the", "Press Club"]),
    ],
)
def test_the_is_taken_into_names_of_two_words_or_more(words, spans, expected):
    from spacy.tokens import Doc

    doc = Doc(load_nlp().vocab, words=words)
    widened = with_the(doc, [(label, s, e) for s, e, label in spans])
    assert [doc[s:e].text for _, s, e in widened] == expected


@pytest.mark.parametrize(
    ("text", "first_words"),
    [
        # A title and its article: two sentences, not one whose subject is the title.
        ("Blair says UK tsunami aid to soar\n\nTony Blair has predicted the aid will rise.", ["Blair", "Tony"]),
        ("Ukraine Says It Uncovered Plot\n \n\nUkraine's Security Service said it had detained people.",
         ["Ukraine", "Ukraine"]),
        # Stay: a single line break may be a wrapped line; a text ending in blank lines.
        ("The minister said the talks\nwould go on next week.", ["The"]),
        ("The minister said the talks would go on.\n\n", ["The"]),
    ],
)
def test_a_sentence_starts_after_every_blank_line(text, first_words):
    for pipeline in (load_nlp(), load_nlp(conll=False)):
        assert PARAGRAPH_PIPE in pipeline.pipe_names
        assert pipeline.pipe_names.index(PARAGRAPH_PIPE) < pipeline.pipe_names.index("parser")
        assert [sentence[0].text for sentence in pipeline(text).sents if not sentence[0].is_space] == first_words


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ('"There is a lot of uncertainty," Lt.-Gen. Yvan Blondin said, as the jets left.', 1),
        ("The rules are clear, explained Sgt. Fred Nichols, the academy's expert.", 1),
        ("Los Angeles City Atty. James K. Hahn described the vote.", 1),
        # Stay: a sentence that ends in a word like a title, and one without a full stop after the title.
        ("He was promoted to the rank of sergeant. Fred Nichols said so.", 2),
        ("The rules are clear, explained Sgt Fred Nichols. He left.", 2),
    ],
)
def test_an_abbreviated_title_ends_no_sentence(text, sentences):
    for pipeline in (load_nlp(), load_nlp(conll=False)):
        assert len(list(pipeline(text).sents)) == sentences


@pytest.mark.parametrize(
    ("words", "spaces", "spans", "expected"),
    [
        # A dash with spaces opens an apposition: no part of the person's name.
        (["David", "Kahn", "-", "a", "former", "historian"], [1, 1, 1, 1, 1, 0], [(0, 4, "PERSON")], ["David Kahn"]),
        (["Ann", "Lee", "—", "the", "envoy"], [1, 1, 1, 1, 0], [(0, 3, "PERSON")], ["Ann Lee"]),
        # Stay: a hyphen inside a name, an organisation, a dash at the start.
        (["Robert", "Kilroy", "-", "Silk", "said"], [1, 0, 0, 1, 0], [(0, 4, "PERSON")], ["Robert Kilroy-Silk"]),
        (["Marks", "-", "Spencer", "rose"], [1, 1, 1, 0], [(0, 3, "ORG")], ["Marks - Spencer"]),
    ],
)
def test_a_person_ends_before_a_spaced_dash(words, spaces, spans, expected):
    from spacy.tokens import Doc

    from analysis.nlp import cut_at_spaced_dashes

    doc = Doc(load_nlp().vocab, words=words, spaces=[bool(s) for s in spaces])
    cut = cut_at_spaced_dashes(doc, [(label, s, e) for s, e, label in spans])
    assert [doc[s:e].text for _, s, e in cut] == expected
