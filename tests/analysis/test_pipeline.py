"""Tests for analysis.pipeline: the tagger working ahead in a thread changes nothing but speed."""

from __future__ import annotations

import pytest

from analysis.ingest import make_article
from analysis.nlp import load_nlp
from analysis.pipeline import analyse_articles, analyse_doc
from analysis.quotes.tagger import TAGGER_PATH

TEXTS = [
    "The minister said on Monday that the talks in Berlin had failed. Officials denied it.",
    "“We will not give up,” Merkel told reporters. She added that Germany would keep trying.",
    "The river flows through the city. The weather was cold.",
    "According to the Kremlin, the sanctions against Russia are illegal.",
] * 3


@pytest.mark.skipif(not TAGGER_PATH.exists(), reason="the tagger is not shipped")
def test_articles_analysed_with_the_tagger_ahead_equal_one_at_a_time():
    from analysis.quotes.fusion import tagged_contents
    from analysis.quotes.tagger import load_tagger

    articles = [make_article(text, source=f"a{i}") for i, text in enumerate(TEXTS)]
    together = list(analyse_articles(articles, batch_size=4, tagger=True))
    nlp, tagger = load_nlp(), load_tagger(True)
    one_at_a_time = []
    for article in articles:
        doc = nlp(article.text)
        one_at_a_time.append(analyse_doc(article, doc, tagged_contents(doc, tagger)))
    assert [a.article.source for a in together] == [f"a{i}" for i in range(len(TEXTS))]
    assert [a.quotes for a in together] == [a.quotes for a in one_at_a_time]
    assert any(q.speaker == "Angela Merkel" or q.speaker == "Merkel" for a in together for q in a.quotes)


def test_analyse_articles_without_the_tagger_quotes_the_same():
    articles = [make_article(text, source=f"a{i}") for i, text in enumerate(TEXTS[:4])]
    nlp = load_nlp()
    assert [a.quotes for a in analyse_articles(articles)] == [analyse_doc(a, nlp(a.text), []).quotes for a in articles]
