"""The corpus store: Parquet tables in a folder, appended batch by batch, crash-safe.

Layout::

    STORE/batches/<batch>/articles.parquet   one row per article
                         /quotes.parquet     one row per quote
                         /mentions.parquet   one row per country/region/person/org mention
                         /keywords.parquet   ranked key phrases per article
                         /topic_hits.parquet topics per sentence, with evidence

A batch is written into a hidden temporary folder and then renamed into ``batches/`` in one
atomic step, so a crash or kill during an ingest never leaves a half-written batch visible and
never touches what was stored before. When the same article (same text, hence same id) is in
several batches, the newest batch wins. Each article row records the analysis version; a
build re-analyses stored articles whose version differs from :func:`current_version`
(:data:`ANALYSIS_VERSION`, marked when the content tagger is on).
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.records import ANALYSIS_VERSION, Article, ArticleAnalysis

#: Appended to the version of analyses made with the content tagger on.
TAGGER_MARK = "+tagger"

TABLES = ("articles", "quotes", "mentions", "keywords", "topic_hits")
BATCHES = "batches"

ARTICLE_COLUMNS = ["article_id", "title", "date", "outlet", "source", "url", "text", "tone",
                   "words", "n_quotes", "version", "batch"]


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


def analysis_to_rows(analysis: ArticleAnalysis) -> dict[str, list[dict]]:
    """Flatten one analysis into rows of the five tables."""
    article = analysis.article
    aid = article.id
    text = article.text
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    rows["articles"].append({
        "article_id": aid, "title": article.title, "date": article.date, "outlet": article.outlet,
        "source": article.source, "url": article.url, "text": text, "tone": analysis.tone,
        "words": int(analysis.meta.get("words", len(text.split()))),
        "n_quotes": len(analysis.quotes), "version": analysis.version,
    })
    for index, q in enumerate(analysis.quotes):
        rows["quotes"].append({
            "quote_id": f"{aid}:{index}", "article_id": aid, "kind": q.kind, "start": q.start,
            "end": q.end, "text": q.text, "speaker": q.speaker, "speaker_kind": q.speaker_kind,
            "speaker_mention": text[q.speaker_start:q.speaker_end] if q.speaker_start is not None else None,
            "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
            "cue": text[q.cue_start:q.cue_end] if q.cue_start is not None else None,
            "cue_start": q.cue_start, "cue_end": q.cue_end,
            "countries": list(q.countries), "topics": list(q.topics), "tone": q.tone,
        })
    for m in analysis.mentions:
        rows["mentions"].append({"article_id": aid, **m.to_dict()})
    for rank, k in enumerate(analysis.keywords, start=1):
        rows["keywords"].append({"article_id": aid, "rank": rank, "phrase": k.phrase, "score": k.score})
    for h in analysis.topic_hits:
        rows["topic_hits"].append({"article_id": aid, "topic": h.topic, "start": h.start, "end": h.end,
                                   "evidence": list(h.evidence), "score": h.score})
    return rows


SCHEMAS = {
    "articles": pa.schema([("article_id", pa.string()), ("title", pa.string()), ("date", pa.string()),
                           ("outlet", pa.string()), ("source", pa.string()), ("url", pa.string()),
                           ("text", pa.string()), ("tone", pa.float64()), ("words", pa.int64()),
                           ("n_quotes", pa.int64()), ("version", pa.string())]),
    "quotes": pa.schema([("quote_id", pa.string()), ("article_id", pa.string()), ("kind", pa.string()),
                         ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
                         ("speaker", pa.string()), ("speaker_kind", pa.string()),
                         ("speaker_mention", pa.string()), ("speaker_start", pa.int64()),
                         ("speaker_end", pa.int64()), ("cue", pa.string()), ("cue_start", pa.int64()),
                         ("cue_end", pa.int64()), ("countries", pa.list_(pa.string())),
                         ("topics", pa.list_(pa.string())), ("tone", pa.float64())]),
    "mentions": pa.schema([("article_id", pa.string()), ("kind", pa.string()), ("key", pa.string()),
                           ("name", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                           ("evidence", pa.string()), ("via", pa.string())]),
    "keywords": pa.schema([("article_id", pa.string()), ("rank", pa.int64()), ("phrase", pa.string()),
                           ("score", pa.float64())]),
    "topic_hits": pa.schema([("article_id", pa.string()), ("topic", pa.string()), ("start", pa.int64()),
                             ("end", pa.int64()), ("evidence", pa.list_(pa.string())),
                             ("score", pa.float64())]),
}


def write_batch(store_dir: str, analyses: Iterable[ArticleAnalysis]) -> str | None:
    """Write analyses as one new batch, atomically; returns the batch name (None if empty)."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for analysis in analyses:
        for name, table_rows in analysis_to_rows(analysis).items():
            rows[name].extend(table_rows)
    if not rows["articles"]:
        return None
    batches = os.path.join(store_dir, BATCHES)
    os.makedirs(batches, exist_ok=True)
    # Names sort by creation time so "newest batch wins" is a string comparison.
    name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
    tmp = os.path.join(store_dir, f".tmp-{name}")
    os.makedirs(tmp)
    try:
        for table, table_rows in rows.items():
            arrow = pa.Table.from_pylist(table_rows, schema=SCHEMAS[table])
            path = os.path.join(tmp, f"{table}.parquet")
            pq.write_table(arrow, path)
            with open(path, "rb+") as handle:
                os.fsync(handle.fileno())
        os.rename(tmp, os.path.join(batches, name))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return name


def list_batches(store_dir: str) -> list[str]:
    """Committed batch names, oldest first."""
    folder = os.path.join(store_dir, BATCHES)
    if not os.path.isdir(folder):
        return []
    return sorted(n for n in os.listdir(folder) if not n.startswith("."))


def remove_stale_temporaries(store_dir: str) -> int:
    """Delete temporary folders left by an interrupted write; returns how many."""
    if not os.path.isdir(store_dir):
        return 0
    stale = [n for n in os.listdir(store_dir) if n.startswith(".tmp-")]
    for name in stale:
        shutil.rmtree(os.path.join(store_dir, name), ignore_errors=True)
    return len(stale)


#: List columns, read back as tuples of shared strings (see :func:`_shared_tuples`).
LIST_COLUMNS = {"quotes": ("countries", "topics"), "topic_hits": ("evidence",)}


def _shared_tuples(values: list) -> list[tuple[str, ...]]:
    """Lists as tuples, equal tuples and strings stored once.

    Most statements name the same few countries and topics (or none), so sharing them
    takes a list column of 145,000 rows from about 17 MB of small arrays to about 1 MB.
    """
    canonical: dict[tuple[str, ...], tuple[str, ...]] = {}
    strings: dict[str, str] = {}
    out = []
    for value in values:
        key = tuple(strings.setdefault(v, v) for v in value) if value else ()
        out.append(canonical.setdefault(key, key))
    return out


def _read_table(store_dir: str, batches: list[str], table: str, skip: tuple[str, ...] = ()) -> pd.DataFrame:
    """One table of all ``batches`` (with a ``batch`` column), without the columns ``skip`` (never read)."""
    schema = SCHEMAS[table]
    for name in skip:
        schema = schema.remove(schema.get_field_index(name))
    lists = LIST_COLUMNS.get(table, ())
    arrows = []
    for batch in batches:
        path = os.path.join(store_dir, BATCHES, batch, f"{table}.parquet")
        arrow = pq.read_table(path, schema=schema, columns=schema.names)
        arrows.append(arrow.append_column("batch", pa.array([batch] * arrow.num_rows, pa.string())))
    if not arrows:
        return schema.empty_table().to_pandas().assign(batch=pd.Series(dtype="str"))
    # One concatenation in Arrow, one conversion to pandas (not a pandas concat per batch).
    arrow = pa.concat_tables(arrows)
    frame = arrow.drop_columns(list(lists)).to_pandas()
    for column in lists:
        frame.insert(schema.names.index(column), column, _shared_tuples(arrow.column(column).to_pylist()))
    return frame


#: Columns of repeated strings held as pandas categoricals by ``load_corpus(categorical=True)``
#: (the app): each value once plus a small integer code per row. Statement texts and ids are
#: unique per row in a real corpus and stay strings.
CATEGORICAL_COLUMNS = {
    "quotes": ("article_id", "kind", "speaker", "speaker_kind", "speaker_mention", "cue", "title", "date",
               "outlet"),
    "mentions": ("article_id", "kind", "key", "name", "evidence", "via"),
    "topic_hits": ("article_id", "topic"),
    "quote_countries": ("iso3",),
    "quote_topics": ("topic",),
}


def _as_categories(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """``frame`` with the :data:`CATEGORICAL_COLUMNS` of ``table`` as categoricals (sorted categories)."""
    return frame.astype({column: "category" for column in CATEGORICAL_COLUMNS[table]})


def _explode(quotes: pd.DataFrame, column: str, value_name: str) -> pd.DataFrame:
    """Long table (quote_id, value, row): ``row`` is the statement's position in ``quotes``."""
    long = quotes[["quote_id", column]].explode(column).dropna()
    long["row"] = long.index.to_numpy(dtype="int64")
    return long.rename(columns={column: value_name}).reset_index(drop=True)


def merge_names_across_articles(quotes: pd.DataFrame, mentions: pd.DataFrame) -> None:
    """Give one person one name across the corpus, in place on freshly loaded frames.

    Each article already names a speaker by the fullest form it uses; an article that only
    says "Putin" still stores "Putin", so the corpus-wide alias merge
    (:func:`analysis.entities.canonicalize_names`) maps it to "Vladimir Putin" here.
    """
    from analysis.entities import canonicalize_names

    people = mentions["kind"] == "person"
    names = quotes["speaker"].dropna().tolist() + mentions.loc[people, "key"].tolist()
    if not names:
        return
    changed = {surface: canonical for surface, canonical in canonicalize_names(names).items()
               if surface != canonical}
    if changed:
        quotes["speaker"] = quotes["speaker"].replace(changed)
        mentions.loc[people, "key"] = mentions.loc[people, "key"].replace(changed)
        mentions.loc[people, "name"] = mentions.loc[people, "key"]


def article_texts(store_dir: str, article_ids) -> dict[str, str]:
    """Texts of some stored articles, read from disk (newest copy wins).

    For a corpus loaded without texts: the Reader needs one article, not ten thousand.
    """
    wanted = list(dict.fromkeys(article_ids))
    texts: dict[str, str] = {}
    if not wanted:
        return texts
    for batch in list_batches(store_dir):
        path = os.path.join(store_dir, BATCHES, batch, "articles.parquet")
        table = pq.read_table(path, columns=["article_id", "text"], filters=[("article_id", "in", wanted)])
        texts.update(zip(table.column("article_id").to_pylist(), table.column("text").to_pylist(), strict=True))
    return texts


def with_texts(corpus: Corpus, store_dir: str, article_ids) -> Corpus:
    """A view of ``corpus`` whose ``articles`` (only ``article_ids``) carry their texts."""
    import dataclasses

    ids = list(dict.fromkeys(article_ids))
    articles = corpus.articles[corpus.articles["article_id"].isin(ids)]
    if "text" not in articles.columns:
        texts = article_texts(store_dir, ids)
        articles = articles.assign(text=articles["article_id"].map(texts))
    return dataclasses.replace(corpus, articles=articles)


def load_corpus(store_dir: str, mention_kinds: tuple[str, ...] | None = None, texts: bool = True,
                sentence_topics: bool = True, article_keywords: bool = True, categorical: bool = False) -> Corpus:
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
    """
    batches = list_batches(store_dir)
    articles = _read_table(store_dir, batches, "articles", skip=() if texts else ("text",))
    stored_rows = len(articles)
    articles = articles.sort_values("batch").drop_duplicates("article_id", keep="last")
    keep = set(zip(articles["article_id"], articles["batch"], strict=True))

    def current(frame: pd.DataFrame) -> pd.DataFrame:
        if frame.empty or stored_rows == len(articles):  # no article stored twice: all rows are current
            return frame.drop(columns="batch").reset_index(drop=True)
        mask = [pair in keep for pair in zip(frame["article_id"], frame["batch"], strict=True)]
        return frame[mask].drop(columns="batch").reset_index(drop=True)

    quotes = current(_read_table(store_dir, batches, "quotes"))
    titles = articles.set_index("article_id")[["title", "date", "outlet"]]
    quotes = quotes.join(titles, on="article_id")
    mentions = current(_read_table(store_dir, batches, "mentions"))
    merge_names_across_articles(quotes, mentions)
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
    topic_hits = current(_read_table(store_dir, batches, "topic_hits"))
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
        keywords=current(_read_table(store_dir, batches if article_keywords else [], "keywords")),
        topic_hits=topic_hits,
        quote_countries=quote_countries,
        quote_topics=quote_topics,
    )
    # Reading leaves Arrow's allocator holding freed buffers (about 70 MB at 10,000 articles);
    # a long-running app server should give them back.
    pa.default_memory_pool().release_unused()
    return corpus


def current_version(tagger: bool | None = None) -> str:
    """Return the version new analyses get: :data:`ANALYSIS_VERSION`, with ``+tagger`` when
    the content tagger runs (its quotes differ), so switching it re-analyses a store.

    Args:
        tagger: On or off; None follows ``QUOTE_ATLAS_TAGGER``.
    """
    from analysis.quotes.tagger import load_tagger

    return ANALYSIS_VERSION + (TAGGER_MARK if load_tagger(tagger) is not None else "")


def stored_versions(store_dir: str) -> dict[str, str]:
    """article_id -> analysis version of the newest stored copy."""
    batches = list_batches(store_dir)
    versions: dict[str, str] = {}
    for batch in batches:
        path = os.path.join(store_dir, BATCHES, batch, "articles.parquet")
        table = pq.read_table(path, columns=["article_id", "version"])
        versions.update(zip(table.column("article_id").to_pylist(), table.column("version").to_pylist(),
                            strict=True))
    return versions


def stored_articles(store_dir: str) -> list[Article]:
    """Articles in the store (newest copies), to re-analyse them after a version change."""
    def value(v):
        return None if v is None or (isinstance(v, float) and v != v) else v  # NaN -> None

    corpus = load_corpus(store_dir)
    return [Article(id=r.article_id, text=r.text, source=value(r.source) or "", title=value(r.title) or "",
                    date=value(r.date), outlet=value(r.outlet), url=value(r.url))
            for r in corpus.articles.itertuples()]


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    analysed: int
    skipped: int
    duplicates: int
    batches: int


def build_store(store_dir: str, articles: Iterable[Article], batch_size: int = 50,
                progress: Callable[[int, int], None] | None = None, n_process: int = 1,
                tagger: bool | None = None) -> BuildReport:
    """Analyse and append articles not yet stored at the current version.

    Stored articles whose version is outdated are re-analysed too. Rerunning on the same
    input writes nothing. Each ``batch_size`` articles are committed as one atomic batch,
    so an interruption keeps every finished batch.

    Args:
        store_dir: The store folder (created when missing).
        articles: Candidate articles (duplicates by text are analysed once).
        batch_size: Articles per committed batch.
        progress: Called with (done, total) after each batch.
        n_process: spaCy worker processes.
        tagger: Run the content tagger or not; None follows ``QUOTE_ATLAS_TAGGER``.
    """
    from analysis.pipeline import analyse_articles

    os.makedirs(store_dir, exist_ok=True)
    remove_stale_temporaries(store_dir)
    versions, version = stored_versions(store_dir), current_version(tagger)
    todo: list[Article] = []
    seen: set[str] = set()
    skipped = duplicates = 0
    for article in articles:
        if article.id in seen:
            duplicates += 1
            continue
        seen.add(article.id)
        if versions.get(article.id) == version:
            skipped += 1
        else:
            todo.append(article)
    outdated = [aid for aid, v in versions.items() if v != version and aid not in seen]
    if outdated:
        todo.extend(a for a in stored_articles(store_dir) if a.id in set(outdated))
    written = 0
    for offset in range(0, len(todo), batch_size):
        chunk = todo[offset:offset + batch_size]
        if write_batch(store_dir, analyse_articles(chunk, n_process=n_process, tagger=tagger)):
            written += 1
        if progress:
            progress(min(offset + batch_size, len(todo)), len(todo))
    return BuildReport(analysed=len(todo), skipped=skipped, duplicates=duplicates, batches=written)


def compact_store(store_dir: str) -> int:
    """Merge all batches into one (newest copies only); returns the number of batches removed.

    The merged batch is committed before the old ones are deleted, so a crash in between
    only leaves duplicates that loading already resolves.
    """
    old = list_batches(store_dir)
    if len(old) <= 1:
        return 0
    corpus = load_corpus(store_dir)
    batches = os.path.join(store_dir, BATCHES)
    name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
    tmp = os.path.join(store_dir, f".tmp-{name}")
    os.makedirs(tmp)
    frames = {"articles": corpus.articles, "quotes": corpus.quotes, "mentions": corpus.mentions,
              "keywords": corpus.keywords, "topic_hits": corpus.topic_hits}
    for table, frame in frames.items():
        columns = SCHEMAS[table].names
        arrow = pa.Table.from_pandas(frame[columns], schema=SCHEMAS[table], preserve_index=False)
        pq.write_table(arrow, os.path.join(tmp, f"{table}.parquet"))
    os.rename(tmp, os.path.join(batches, name))
    for batch in old:
        shutil.rmtree(os.path.join(batches, batch), ignore_errors=True)
    return len(old)
