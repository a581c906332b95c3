"""The loaded corpus: every committed batch as pandas frames, newest copy of each article.

:func:`load_corpus` is what the app and :mod:`analysis.query` read; :func:`stored_articles`
gives the articles back for re-analysis; :func:`compact_store` merges all batches into one.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

from analysis import names
from analysis.records import Article
from analysis.store.batches import article_texts, list_batches, read_table, remove_batches, write_frames
from analysis.store.lock import writer_lock
from analysis.store.schema import CATEGORICAL_COLUMNS, article_of


@dataclass(frozen=True)
class Corpus:
    """The loaded store: one DataFrame per table (treat them as read-only).

    ``quote_countries`` and ``quote_topics`` are long tables (quote_id, value, row) derived
    at load time so filters are set lookups, not scans over list columns; ``row`` is the
    statement's position in ``quotes``. List columns (``countries``, ``topics``,
    ``evidence``) hold tuples.
    """

    articles: pd.DataFrame
    quotes: pd.DataFrame
    mentions: pd.DataFrame
    keywords: pd.DataFrame
    topic_hits: pd.DataFrame
    quote_countries: pd.DataFrame
    quote_topics: pd.DataFrame
    #: Indexes derived lazily from the frames (e.g. by :mod:`analysis.query`), shared by views.
    derived: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_empty(self) -> bool:
        """True when no article is stored."""
        return self.articles.empty


def _as_categories(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """``frame`` with the :data:`CATEGORICAL_COLUMNS` of ``table`` as categoricals (sorted categories)."""
    return frame.astype({column: "category" for column in CATEGORICAL_COLUMNS[table]})


def _explode(quotes: pd.DataFrame, column: str, value_name: str) -> pd.DataFrame:
    """Long table (quote_id, value, row): ``row`` is the statement's position in ``quotes``."""
    long = quotes[["quote_id", column]].explode(column).dropna()
    long["row"] = long.index.to_numpy(dtype="int64")
    return long.rename(columns={column: value_name}).reset_index(drop=True)


#: The acts of the statements the app and ``export`` show: speech (quoted words, a verb of saying, a
#: reported clause); stances (attributed attitudes and acts, :mod:`analysis.quotes.acts`) stay in
#: the store for ``export --acts speech,stance`` and PolNeAR-style use.
STATEMENT_ACTS = ("speech",)
#: Mention kinds and statement speaker kinds as the kinds of names the corpus-wide merge keeps apart.
_NAME_KINDS = {"person": "person", "organization": "organization", "country": "place", "region": "place"}


def name_kinds(quotes: pd.DataFrame, mentions: pd.DataFrame) -> dict[str, str]:
    """``{name: "person" | "organization" | "place"}``: the kind most rows give each name.

    Votes: person and organisation mentions for their ``key``, country and region mentions for
    their surface (``evidence``: "Kyiv" is a place), statements for their ``speaker`` by
    ``speaker_kind``. Ties go to the kind voted first in that order.
    """
    votes: dict[str, Counter] = {}
    people = mentions["kind"].isin(["person", "organization"])
    places = mentions["kind"].isin(["country", "region"])
    pairs = [
        zip(mentions.loc[people, "key"], mentions.loc[people, "kind"], strict=True),
        zip(mentions.loc[places, "evidence"], mentions.loc[places, "kind"], strict=True),
        zip(quotes["speaker"], quotes["speaker_kind"], strict=True),
    ]
    for rows in pairs:
        for name, kind in rows:
            if isinstance(name, str) and isinstance(kind, str) and kind in _NAME_KINDS:
                votes.setdefault(name, Counter())[_NAME_KINDS[kind]] += 1
    return {name: counter.most_common(1)[0][0] for name, counter in votes.items()}


def merge_names_across_articles(quotes: pd.DataFrame, mentions: pd.DataFrame,
                                articles: pd.DataFrame | None = None) -> None:
    """Give one person or body one name across the corpus, in place on freshly loaded frames.

    Each article already names a speaker by the fullest form it uses; an article that only
    says "Putin" still stores "Putin", so the corpus-wide alias merge
    (:func:`analysis.names.merge_across_articles`, with the kinds of :func:`name_kinds`) maps
    it to "Vladimir Putin" here, and spelling variants ("Viktor Yanukovich") to one form. With
    ``articles`` (their ``outlet``), a surname alone joins only a full name of its own outlet
    (:func:`analysis.names.rename_rows`).
    """
    named = mentions["kind"].isin(["person", "organization"])
    speakers, keys = quotes["speaker"].tolist(), mentions.loc[named, "key"].tolist()
    changed = names.merge_across_articles([s for s in speakers if isinstance(s, str)] + keys,
                                          name_kinds(quotes, mentions))
    if not changed:
        return
    outlet_of = {}
    if articles is not None:
        outlet_of = dict(zip(articles["article_id"], articles["outlet"].fillna(""), strict=True))
    outlets = [outlet_of.get(a, "") for a in [*quotes["article_id"], *mentions.loc[named, "article_id"]]]
    renamed = names.rename_rows(zip([*speakers, *keys], outlets, strict=True), changed)
    quotes["speaker"] = pd.Series(renamed[: len(speakers)], index=quotes.index, dtype=quotes["speaker"].dtype)
    mentions.loc[named, "key"] = renamed[len(speakers):]
    mentions.loc[named, "name"] = mentions.loc[named, "key"]


def statement_act(quotes: pd.DataFrame) -> pd.Series:
    """Each statement's ``act``, "speech" where the store predates the field."""
    if "act" not in quotes.columns:
        return pd.Series("speech", index=quotes.index)
    return quotes["act"].astype(object).where(quotes["act"].notna(), "speech")


def with_texts(corpus: Corpus, store_dir: str, article_ids, read=None) -> Corpus:
    """A view of ``corpus`` whose ``articles`` (only ``article_ids``) carry their texts, read by
    ``read(ids)`` (article_id -> text) when given, else from every batch (:func:`article_texts`).
    """
    ids = list(dict.fromkeys(article_ids))
    articles = corpus.articles[corpus.articles["article_id"].isin(ids)]
    if "text" not in articles.columns:
        texts = read(ids) if read is not None else article_texts(store_dir, ids)
        articles = articles.assign(text=articles["article_id"].map(texts))
    return dataclasses.replace(corpus, articles=articles)


def load_corpus(store_dir: str, mention_kinds: tuple[str, ...] | None = None, texts: bool = True,
                sentence_topics: bool = True, article_keywords: bool = True, categorical: bool = False,
                acts: tuple[str, ...] | None = STATEMENT_ACTS) -> Corpus:
    """Load every committed batch; the newest batch wins for an article stored twice.

    Args:
        store_dir: The store folder.
        mention_kinds: Keep only these mention kinds in memory (the dashboard needs
            ``("country", "region")``: about half the rows); None keeps all.
        texts: Keep article texts in memory; without them use :func:`article_texts`.
        sentence_topics: Keep the topic hits of every sentence; False keeps only those of
            statements (the evidence the pages show), about half the rows.
        article_keywords: Load the per-article key phrases (False leaves the table empty).
        categorical: Hold the repeated strings of statements, mentions, topic hits and the
            long tables (:data:`CATEGORICAL_COLUMNS`) as categoricals: at 10,000 articles
            about 80 MB less memory. Code reading them must not assume ``str`` dtype
            (``fillna`` with a new value fails; ``value_counts`` lists unused categories):
            :func:`analysis.query.strings` gives plain strings.
        acts: Keep only statements whose ``act`` is one of these (by default
            :data:`STATEMENT_ACTS`, what the app, the warehouse and ``export`` show: statements of
            speech); None keeps every record (compaction does). A
            statement stored before the field existed counts as speech. Names are merged across
            the articles among the statements kept, as the warehouse does.
    """
    batches = list_batches(store_dir)
    articles = read_table(store_dir, batches, "articles", skip=() if texts else ("text",))
    stored_rows = len(articles)
    articles = articles.sort_values("batch").drop_duplicates("article_id", keep="last")
    keep = set(zip(articles["article_id"], articles["batch"], strict=True))

    def current(frame: pd.DataFrame) -> pd.DataFrame:
        if frame.empty or stored_rows == len(articles):  # no article stored twice: all rows are current
            return frame.drop(columns="batch").reset_index(drop=True)
        mask = [pair in keep for pair in zip(frame["article_id"], frame["batch"], strict=True)]
        return frame[mask].drop(columns="batch").reset_index(drop=True)

    quotes = current(read_table(store_dir, batches, "quotes"))
    if acts is not None:
        quotes = quotes[statement_act(quotes).isin(acts)].reset_index(drop=True)
    titles = articles.set_index("article_id")[["title", "date", "outlet"]]
    if articles.empty:  # an empty store (a join on empty Arrow-backed keys fails in pandas)
        quotes = quotes.assign(**{column: pd.Series(dtype="str") for column in titles.columns})
    else:
        quotes = quotes.join(titles, on="article_id")
    mentions = current(read_table(store_dir, batches, "mentions"))
    merge_names_across_articles(quotes, mentions, articles)
    if mention_kinds is not None:
        mentions = mentions[mentions["kind"].isin(mention_kinds)].reset_index(drop=True)
        pa.default_memory_pool().release_unused()  # the unfiltered mentions' buffers (see below)
    spans = None if sentence_topics else quotes[["article_id", "start", "end"]].drop_duplicates()
    quote_countries = _explode(quotes, "countries", "iso3")
    quote_topics = _explode(quotes, "topics", "topic")
    if categorical:  # before the topic hits are read, so the string copies are gone by then
        quotes, mentions = _as_categories(quotes, "quotes"), _as_categories(mentions, "mentions")
        quote_countries = _as_categories(quote_countries, "quote_countries")
        quote_topics = _as_categories(quote_topics, "quote_topics")
    # Arrow's allocator keeps the buffers freed by the steps above unless asked to give them
    # back; giving them back before the next table is read lowers the peak of a load (at
    # 10,000 articles in the app about 65 MB, with the release after the mention filter).
    pa.default_memory_pool().release_unused()
    topic_hits = current(read_table(store_dir, batches, "topic_hits"))
    if spans is not None:
        topic_hits = topic_hits.merge(spans, on=["article_id", "start", "end"])
        del spans
    if categorical:
        topic_hits = _as_categories(topic_hits, "topic_hits")
    corpus = Corpus(
        articles=articles.drop(columns="batch").sort_values(["date", "title"], na_position="last")
        .reset_index(drop=True),
        quotes=quotes,
        mentions=mentions,
        keywords=current(read_table(store_dir, batches if article_keywords else [], "keywords")),
        topic_hits=topic_hits,
        quote_countries=quote_countries,
        quote_topics=quote_topics,
    )
    # Reading leaves Arrow's allocator holding freed buffers (about 70 MB at 10,000 articles);
    # a long-running app server should give them back.
    pa.default_memory_pool().release_unused()
    return corpus


def stored_articles(store_dir: str) -> list[Article]:
    """Articles in the store (newest copies), to re-analyse them after a version change."""
    return [article_of(row) for row in load_corpus(store_dir).articles.to_dict("records")]


def compact_store(store_dir: str) -> int:
    """Merge all batches into one (newest copies only); returns the number of batches removed.

    The merged batch is committed before the old ones are removed (each by an atomic rename out
    of ``batches/``), so a kill at any step leaves a loadable store: duplicates that loading
    resolves (newest wins), or hidden folders the next writer deletes. Holds the writer lock.
    """
    with writer_lock(store_dir):
        old = list_batches(store_dir)
        if len(old) <= 1:
            return 0
        corpus = load_corpus(store_dir, acts=None)
        write_frames(store_dir, {"articles": corpus.articles, "quotes": corpus.quotes, "mentions": corpus.mentions,
                                 "keywords": corpus.keywords, "topic_hits": corpus.topic_hits})
        remove_batches(store_dir, old)
        return len(old)
