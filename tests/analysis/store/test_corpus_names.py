"""The corpus-wide name merge at load time (analysis.store.corpus.merge_names_across_articles)."""

from __future__ import annotations

import pandas as pd

from analysis.store.corpus import merge_names_across_articles, name_kinds


def _frames():
    quotes = pd.DataFrame({
        "article_id": ["a", "b", "c", "c", "d"],
        "speaker": ["Putin", "Kyiv", "government", "Kennedy", None],
        "speaker_kind": ["person", "organization", "organization", "person", None],
    })
    mentions = pd.DataFrame({
        "article_id": ["b", "b", "b", "e", "e", "f", "f"],
        "kind": ["person", "country", "organization", "person", "organization", "person", "person"],
        "key": ["Vladimir Putin", "UKR", "Colombian Government", "Dynamo Kyiv", "Greater Manchester Police",
                "Charles Kennedy", "Viktor Yanukovich"],
        "name": ["Vladimir Putin", "Ukraine", "Colombian Government", "Dynamo Kyiv", "Greater Manchester Police",
                 "Charles Kennedy", "Viktor Yanukovich"],
        "evidence": ["Putin", "Kyiv", "Colombian Government", "Dynamo Kyiv", "Greater Manchester Police",
                     "Charles Kennedy", "Viktor Yanukovich"],
    })
    articles = pd.DataFrame({"article_id": list("abcdef"), "outlet": ["R", "R", "US", "US", "BBC", "BBC"]})
    return quotes, mentions, articles


def test_name_kinds_are_voted_by_rows():
    quotes, mentions, _ = _frames()
    kinds = name_kinds(quotes, mentions)
    assert kinds["Kyiv"] == "place"  # one vote each: the kind voted first (mention surfaces before statements)
    assert kinds["Vladimir Putin"] == "person" and kinds["Dynamo Kyiv"] == "person"
    assert kinds["Colombian Government"] == "organization"


def test_merge_keeps_kinds_outlets_and_generic_words_apart():
    quotes, mentions, articles = _frames()
    merge_names_across_articles(quotes, mentions, articles)
    assert quotes["speaker"].tolist()[:4] == ["Vladimir Putin", "Kyiv", "government", "Kennedy"]
    assert pd.isna(quotes["speaker"].iloc[4])
    assert mentions["key"].tolist()[3:] == ["Dynamo Kyiv", "Greater Manchester Police", "Charles Kennedy",
                                            "Viktor Yanukovich"]
    people = mentions["kind"] == "person"
    assert (mentions.loc[people, "name"] == mentions.loc[people, "key"]).all()


def test_merge_without_articles_renames_a_surname_everywhere():
    quotes, mentions, _ = _frames()
    merge_names_across_articles(quotes, mentions)
    assert quotes["speaker"].tolist()[3] == "Charles Kennedy"
