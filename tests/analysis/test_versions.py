"""Versions of one story (analysis.versions): near-duplicate articles grouped, repeats counted once.

Synthetic texts pin the rule; the 300 shared articles give the real cases: the two BBC versions
of "Kilroy launches 'Veritas' party" (and of "Chancellor rallies Labour voters") group, while
distinct stories that reuse a background paragraph do not.
"""

import pandas as pd
import pytest

from analysis import versions as V
from analysis.query import Filters, filter_quotes
from analysis.store import article_texts, load_corpus

LEDE = ("The foreign minister said on Monday that the talks on the border would resume next week in Geneva "
        "after a pause of three months, and that both sides had agreed to a list of topics for the first round ")
BODY_A = ("Officials from both countries met in the capital to prepare the agenda. The opposition criticised the "
          "plan and called for a vote in parliament before any agreement is signed. Analysts expect little "
          "progress before the elections in the spring, when the government faces a difficult campaign. ")
BODY_B = ("A separate report on farm subsidies was published by the ministry of agriculture on Tuesday. It "
          "proposes cutting payments to large estates and shifting money to young farmers in the north. "
          "Farmers' unions said they would study the proposals carefully before responding to them. ")
MORE_A = ("The minister later travelled to the coast to open a new harbour, paid for by a loan from the regional "
          "development bank, and spoke to fishermen about quotas. Local councillors asked for more money for "
          "roads and schools, and a group of teachers handed him a petition about pay and working hours. ")
MORE_B = ("In the afternoon a court in the south ruled on a long dispute over water rights between two villages, "
          "ordering the larger one to share its wells during dry summers. Lawyers for both sides said they would "
          "appeal, and the mayor promised to build a pipeline within five years if the funds were found. ")
OTHER_LEDE = ("Farmers protested outside the ministry of agriculture on Wednesday against the proposed cuts to "
              "subsidies, blocking traffic for several hours in the centre of the city with their tractors ")


def words_changed(text: str, every: int) -> str:
    """``text`` with every ``every``-th word replaced (an edited version)."""
    return " ".join("changed" if i % every == 0 else w for i, w in enumerate(text.split(), start=1))


PAIRS = [
    # (text a, text b, versions of one story?)
    (LEDE + BODY_A, LEDE + BODY_A + BODY_B, True),  # an extended version
    (LEDE + BODY_A, words_changed(LEDE, 9) + BODY_A, True),  # a lightly edited lede
    (LEDE + BODY_A, OTHER_LEDE + BODY_A, False),  # the same background, another lede: another story
    (LEDE + BODY_A, OTHER_LEDE + BODY_B, False),
    (LEDE + BODY_A + MORE_A, LEDE + BODY_B + MORE_B, False),  # the same lede, then other stories
    (LEDE + BODY_A, words_changed(LEDE + BODY_A, 2), False),  # every other word changed
    ("Short.", "Short.", True),
    ("", "", False),
]


@pytest.mark.parametrize(("a", "b", "grouped"), PAIRS)
def test_pairs(a, b, grouped):
    versions = V.find_versions(["a", "b"], [a, b])
    assert (versions.others("a") == ("b",)) is grouped
    assert bool(versions.stories) is grouped


def test_the_longest_version_comes_first_and_three_versions_make_one_story():
    texts = [LEDE + BODY_A, LEDE + BODY_A + BODY_B, words_changed(LEDE, 11) + BODY_A, OTHER_LEDE + BODY_B]
    versions = V.find_versions(["a", "b", "c", "d"], texts)
    assert versions.stories == (("b", "a", "c"),)
    assert versions.others("d") == ()


def test_repeats_within_a_story_and_word_for_word_elsewhere():
    versions = V.Versions((("long", "short"),), {"long": 0, "short": 0})
    quotes = pd.DataFrame({
        "article_id": ["long", "long", "short", "short", "other", "other", "third"],
        "speaker": ["A", "B", "A", "B", "A", "C", "C"],
        "text": ["we will fight for every vote in every seat",  # kept
                 "the plan is dead",  # kept
                 "We will fight for every vote in every seat!",  # a repeat in a later version
                 "the plan is alive and well",  # differs: kept
                 "we will fight for every vote in every seat",  # the same words by the same speaker elsewhere
                 "we will see",  # short: said again and again, never a repeat
                 "we will see"],
    })
    assert V.repeated_statements(quotes, versions).tolist() == [False, False, True, False, True, False, False]
    assert V.repeated_statements(quotes.iloc[:0], versions).tolist() == []
    other_speaker = quotes.assign(speaker=["A", "B", "A", "B", "Z", "C", "C"])
    assert V.repeated_statements(other_speaker, versions).tolist()[4] is False


@pytest.mark.parametrize(("rows", "expected"), [
    # A scraped page repeating its lede under the headline: the same statement twice in one article.
    ([("x", "T", "he will be pushing for a responsible use of sanctions"),
      ("x", "T", "he will be pushing for a responsible use of sanctions")], [False, True]),
    ([("x", "T", "he will be pushing for a responsible use of sanctions"),
      ("x", "U", "he will be pushing for a responsible use of sanctions")], [False, False]),  # two speakers
    ([("x", "T", "we will see"), ("x", "T", "we will see")], [False, False]),  # short: said again and again
    ([("x", "T", "he will be pushing for a responsible use of sanctions"),
      ("x", "T", "he will be pushing for a careful use of sanctions")], [False, False]),  # other words
])
def test_the_same_statement_twice_in_one_article_counts_once(rows, expected):
    quotes = pd.DataFrame(rows, columns=["article_id", "speaker", "text"])
    assert V.repeated_statements(quotes, V.Versions((), {})).tolist() == expected


@pytest.fixture(scope="module")
def real(shared_corpus_store):
    corpus = load_corpus(shared_corpus_store, texts=False)
    texts = article_texts(shared_corpus_store, corpus.articles["article_id"].tolist())
    versions = V.attach_versions(corpus, lambda ids: {a: texts[a] for a in ids})
    return corpus, versions


def titles_of(corpus, versions):
    title = dict(zip(corpus.articles["article_id"], corpus.articles["title"], strict=True))
    return [sorted(title[a] for a in story) for story in versions.stories]


MUST_GROUP = [["Kilroy launches 'Veritas' party"] * 2, ["Chancellor rallies Labour voters"] * 2]
#: Distinct stories of the 300 articles that share paragraphs and quotes (text Jaccard 0.17-0.47).
MUST_NOT_GROUP = [
    ("Kilroy launches 'Veritas' party", "Kilroy names election seat target"),
    ("Kennedy begins pre-election tour", "Lib Dems highlight problem debt"),
    ("Tories urge 'change at the top'", "UK needs tax cuts, Tories insist"),
    ("Goldsmith denies war advice claim", "Goldsmith: 'I was not leant on'"),
    ("Blair hails Turkey-EU talks deal", "Turkey deal 'to help world peace'"),
    ("Lords wrong on detainees - Straw", "Terror detainees win Lords appeal"),
    ("Blair to face MPs amid feud talk", "Labour seeks to quell feud talk"),
    ("Blair says mayor should apologise", "Mayor will not retract Nazi jibe"),
    ("Luhansk Region Closes Nine Coal Mines Over Power Outage Risk",
     "Self-Defense Forces Blast Bridge in Horlivka, Ukraine to Stop Kiev Army"),
    ("New UKIP defection to 'Veritas'", "UKIP candidate suspended"),
]


def test_the_real_versions_group(real):
    corpus, versions = real
    stories = titles_of(corpus, versions)
    for story in MUST_GROUP:
        assert sorted(story) in stories


@pytest.mark.parametrize(("a", "b"), MUST_NOT_GROUP)
def test_distinct_real_stories_do_not_group(real, a, b):
    corpus, versions = real
    for story in titles_of(corpus, versions):
        assert not (a in story and b in story), (a, b)


def test_the_kilroy_silk_statements_of_two_versions_count_once(real):
    corpus, versions = real
    veritas = corpus.articles.loc[corpus.articles["title"] == "Kilroy launches 'Veritas' party", "article_id"].tolist()
    assert len(veritas) == 2 and versions.others(veritas[0]) == (veritas[1],)
    kilroy = ("Robert Kilroy-Silk",)
    every = filter_quotes(corpus, Filters(speakers=kilroy, articles=tuple(veritas), versions_once=False))
    once = filter_quotes(corpus, Filters(speakers=kilroy, articles=tuple(veritas)))
    per_article = every.groupby("article_id").size()
    assert len(per_article) == 2 and per_article.min() >= 8  # both versions quote him at length
    distinct = {" ".join(V.words(t)) for t in every["text"]}
    assert len(once) < len(every)
    # Once: the longer version's statements and those of the shorter one that say something else.
    assert len(distinct) - 2 <= len(once) <= len(distinct)
    longer = versions.stories[versions.story_of[veritas[0]]][0]
    assert (once["article_id"] == longer).sum() == (every["article_id"] == longer).sum()


def test_switching_off_gives_every_copy(real):
    corpus, _ = real
    assert len(filter_quotes(corpus, Filters(versions_once=False))) == len(corpus.quotes)
    repeated = int(corpus.derived["repeated_statements"].sum())
    assert 0 < repeated < len(corpus.quotes) // 10
    assert len(filter_quotes(corpus, Filters())) == len(corpus.quotes) - repeated
