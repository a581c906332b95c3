"""Tests for analysis.keywords: article key phrases (spaCy doc) and short-text key phrases."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.keywords import extract_keywords, idf, keywords_for_texts, stem_word
from analysis.nlp import load_nlp

SEED = Path(__file__).resolve().parents[2] / "data" / "seed" / "putin-spief-2024.txt"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_doc(nlp, seed_text):
    return nlp(seed_text)


@pytest.fixture(scope="module")
def seed_keywords(seed_doc):
    return extract_keywords(seed_doc, top_n=10)


def test_seed_keywords_are_ranked_phrases_from_the_text(seed_keywords, seed_text):
    assert len(seed_keywords) == 10
    scores = [k.score for k in seed_keywords]
    assert scores == sorted(scores, reverse=True)
    assert all(k.phrase in seed_text for k in seed_keywords)


@pytest.mark.parametrize("expected", ["Vladimir Putin", "Imperial Ambitions", "Ukraine"])
def test_seed_keywords_contain_central_phrases(seed_keywords, expected):
    assert expected.lower() in {k.phrase.lower() for k in seed_keywords}


def test_seed_keywords_drop_sub_phrases_and_stem_duplicates(seed_keywords):
    stem_sets = [frozenset(stem_word(w) for w in k.phrase.split()) for k in seed_keywords]
    assert len(stem_sets) == len(set(stem_sets))
    phrases = {k.phrase for k in seed_keywords}
    assert "Putin" not in phrases  # "Vladimir Putin" ranks higher


@pytest.mark.parametrize("top_n", [1, 3, 25])
def test_top_n_limits_the_result(seed_doc, top_n):
    keywords = extract_keywords(seed_doc, top_n=top_n)
    assert 0 < len(keywords) <= top_n


def test_hyphenated_compounds_stay_whole(nlp):
    doc = nlp("Germany sends long-range weapons. The long-range weapons reach far. Weapons matter.")
    phrases = [k.phrase for k in extract_keywords(doc)]
    assert "long-range weapons" in phrases
    assert "range weapons" not in phrases


def test_superlatives_do_not_start_candidates(nlp):
    doc = nlp("The biggest oil spill in history hit the coast. The oil spill spread. Oil spill crews came.")
    phrases = [k.phrase.lower() for k in extract_keywords(doc)]
    assert "oil spill" in phrases
    assert not any(p.startswith("biggest") for p in phrases)


@pytest.mark.parametrize("text", ["", "   ", "He said that they will go there and do it again.", "Yes! No?"])
def test_texts_without_noun_phrases_give_no_keywords(nlp, text):
    assert extract_keywords(nlp(text)) == []


def test_background_idf_ranks_rare_words_above_common_ones():
    assert idf(stem_word("Russophobia")) > idf(stem_word("government")) > idf(stem_word("the"))


def test_keywords_for_texts_ranks_repeated_phrases_first():
    texts = [
        "New sanctions against Russia will hurt the economy.",
        "The sanctions against Russia are illegal, he said.",
        "We will not accept sanctions.",
        "The weather is nice today.",
    ]
    keywords = keywords_for_texts(texts, top_n=5)
    phrases = [k.phrase for k in keywords]
    assert phrases[0] in {"sanctions", "Russia"}
    assert {"sanctions", "Russia"} <= set(phrases)
    assert all(k.score > 0 for k in keywords)


def test_keywords_for_texts_merges_inflections_and_skips_contained_words():
    texts = ["Nuclear weapons are dangerous.", "nuclear weapon tests", "Nuclear weapons again."]
    phrases = [k.phrase for k in keywords_for_texts(texts)]
    assert phrases[0] == "Nuclear weapons"
    assert "nuclear weapon" not in phrases
    assert "Nuclear" not in phrases and "weapons" not in phrases


@pytest.mark.parametrize(
    "texts", [[], [""], ["   "], ["He said that it is what it is."], ["2024, 3, 15!"]]
)
def test_keywords_for_texts_without_content_words_is_empty(texts):
    assert keywords_for_texts(texts) == []


def test_keywords_for_texts_breaks_phrases_at_verbs():
    phrases = [k.phrase for k in keywords_for_texts(["If the Ukrainians use German missiles, it is bad."])]
    assert "German missiles" in phrases
    assert not any("use" in p.split() for p in phrases)


def test_keywords_for_texts_prefers_full_name_over_surname():
    texts = ["Kutcher said so.", "Kutcher said it.", "Ashton Kutcher said so.", "Ashton Kutcher said it."]
    phrases = [k.phrase for k in keywords_for_texts(texts)]
    assert phrases == ["Ashton Kutcher"]


def test_keywords_for_texts_ends_phrase_at_possessive():
    phrases = {k.phrase for k in keywords_for_texts(["Italy’s position is restrained.", "Italy's economy."])}
    assert "Italy" in phrases
    assert not any("’s" in p or "'s" in p for p in phrases)


@pytest.mark.parametrize(("texts", "forms", "groups"), [
    # "Missile tests", "missile test" and "missile tests": three forms of one group; "Japan" twice
    (["Missile tests, said Japan.", "the missile test in Japan", "missile tests"], [[0, 1], [2, 1], [3]], 2),
    (["", "and the of"], [[], []], 0),                                                 # nothing to number
])
def test_phrase_numbering_numbers_forms_and_groups_in_order(texts, forms, groups):
    from analysis.keywords import PhraseNumbering

    numbering = PhraseNumbering()
    assert [numbering.forms_of(text) for text in texts] == forms
    assert len(numbering.group_stems) == groups
    assert sum(numbering.occurrences) == sum(map(len, forms))
    assert PhraseNumbering().occurrences == [], "every numbering starts empty (not a shared instance)"
