"""The five tables of the store, derived from the record dataclasses of :mod:`analysis.records`.

Each table is a record's fields (in the record's order, with its types) plus the keys that
join it to its article and the few columns the store adds (a statement's cue and speaker
mention as text, an article's word count and analysis version). :func:`rows_of` flattens one
:class:`~analysis.records.ArticleAnalysis` into rows with exactly these columns.
"""

from __future__ import annotations

import dataclasses
import typing

import pyarrow as pa

from analysis import records
from analysis.records import Article, ArticleAnalysis, EntityMention, Keyword, Quote, TopicHit

TABLES = ("articles", "quotes", "mentions", "keywords", "topic_hits")

_ARROW_TYPES = {str: pa.string(), int: pa.int64(), float: pa.float64()}

#: Rows per Parquet row group of the batch tables read a few rows at a time (default: one group per
#: file): the Corpus page's search reads its hits' texts, and DuckDB skips the groups without one
#: (one article's text from a batch of 5,000 unique texts: 14.5 ms in one group, 3.2 ms in groups
#: of 500; benchmarks/search_ab.py). Batches written before read the same, only slower.
ROW_GROUP_ROWS = {"articles": 500}


def _arrow_type(annotation) -> pa.DataType:
    """The Arrow type of a record field (``str | None`` is a nullable string, ``Literal`` a string,
    ``tuple[str, ...]`` a list of strings, ``tuple[tuple[int, int], ...]`` a list of integer lists).
    """
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return pa.string()
    if origin is tuple:
        return pa.list_(_arrow_type(args[0]))
    if args and origin is not None and origin is not tuple:  # an Optional / union
        return _arrow_type(args[0])
    return _ARROW_TYPES[annotation]


def _record_fields(cls, skip: tuple[str, ...] = ()) -> list[tuple[str, pa.DataType]]:
    """(name, Arrow type) of a record's fields, in the record's order."""
    hints = typing.get_type_hints(cls, vars(records))
    return [(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(cls) if f.name not in skip]


SCHEMAS = {
    "articles": pa.schema([("article_id", pa.string()), *_record_fields(Article, skip=("id",)),
                           ("tone", pa.float64()), ("words", pa.int64()), ("n_quotes", pa.int64()),
                           ("version", pa.string())]),
    "quotes": pa.schema([("quote_id", pa.string()), ("article_id", pa.string()), *_record_fields(Quote),
                         ("speaker_mention", pa.string()), ("cue", pa.string())]),
    "mentions": pa.schema([("article_id", pa.string()), *_record_fields(EntityMention)]),
    "keywords": pa.schema([("article_id", pa.string()), ("rank", pa.int64()), *_record_fields(Keyword)]),
    "topic_hits": pa.schema([("article_id", pa.string()), *_record_fields(TopicHit)]),
}

#: List columns, read back as tuples of shared strings (lists of lists, like a statement's
#: ``segments``, as tuples of tuples; a column an older store lacks reads as empty tuples).
LIST_COLUMNS = {table: tuple(f.name for f in schema if pa.types.is_list(f.type)) for table, schema in SCHEMAS.items()}
LIST_COLUMNS = {table: columns for table, columns in LIST_COLUMNS.items() if columns}

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


def _span_text(text: str, start: int | None, end: int | None) -> str | None:
    return text[start:end] if start is not None else None


def rows_of(analysis: ArticleAnalysis) -> dict[str, list[dict]]:
    """Flatten one analysis into rows of the five tables (columns as in :data:`SCHEMAS`)."""
    article, text = analysis.article, analysis.article.text
    aid = article.id
    fields = {k: v for k, v in article.to_dict().items() if k != "id"}
    return {
        "articles": [{
            "article_id": aid, **fields, "tone": analysis.tone,
            "words": int(analysis.meta.get("words", len(text.split()))),
            "n_quotes": len(analysis.quotes), "version": analysis.version,
        }],
        "quotes": [{
            "quote_id": f"{aid}:{index}", "article_id": aid, **q.to_dict(),
            "speaker_mention": _span_text(text, q.speaker_start, q.speaker_end),
            "cue": _span_text(text, q.cue_start, q.cue_end),
        } for index, q in enumerate(analysis.quotes)],
        "mentions": [{"article_id": aid, **m.to_dict()} for m in analysis.mentions],
        "keywords": [{"article_id": aid, "rank": rank, **k.to_dict()}
                     for rank, k in enumerate(analysis.keywords, start=1)],
        "topic_hits": [{"article_id": aid, **h.to_dict()} for h in analysis.topic_hits],
    }


def article_of(row: dict) -> Article:
    """The :class:`~analysis.records.Article` of a stored article row (missing values as None)."""
    def value(v):
        return None if v is None or (isinstance(v, float) and v != v) else v  # NaN -> None

    data = {key: value(v) for key, v in row.items()}
    data["id"] = data.pop("article_id")
    data["source"], data["title"] = data.get("source") or "", data.get("title") or ""
    return Article.from_dict(data)
