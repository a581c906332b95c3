"""The statements of a store for outside tools: ``python -m analysis export``.

Rows are the statements exactly as the app holds them after :func:`analysis.store.load_corpus`
(the corpus-wide name merge included), each with its article's id, source path and metadata
and every stored quote field (new quote fields of :data:`analysis.store.SCHEMAS` come along
without a change here). Three forms:

- ``jsonl``: one statement per line (:func:`statement_rows`).
- ``csv``: the same rows; list fields joined with ``;`` (``target_tones`` as
  ``country:RUS:negative;person:Boris Johnson:positive``, other lists of lists as JSON), text
  cells that a spreadsheet would run as a formula neutralised (:func:`neutralise`).
- ``articles``: one article per line, ``{article_id, source, title, date, outlet, url, text,
  quotes}`` with the article's statements (without the article fields) under ``quotes``: the
  shape of ``python -m analysis extract``, so ``../shared/eval/score_speakers.py`` and
  ``score_quotes.py`` can score a store.

Which statements: by default those that report words (``act`` "speech"), as the
who-said-what view shows them; ``acts=("speech", "stance")`` (``--acts speech,stance``) adds
the attitudes and acts PolNeAR also counts as attributions (:mod:`analysis.quotes.acts`).
Statements of stores made before the field read as speech.

Offsets (``start``, ``end``, ``speaker_start``...) index the stored article ``text``.
The analysts' corrections (:mod:`analysis.store.corrections`: hidden statements, fixed speakers,
countries and topics) are applied as the app applies them; the command says how many.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterator
from typing import IO, Any

import pyarrow as pa

from analysis.records import target_tones_text
from analysis.store import (
    SCHEMAS,
    Corpus,
    list_batches,
    load_corpus,
    store_exists,  # noqa: F401 - for the command line, which may not import the store
)
from analysis.store.corrections import applied_note, apply_corrections, read_log

FORMATS = ("jsonl", "csv", "articles")
#: Kinds of statement (``act``) an export may hold; the first is the default.
ACTS = ("speech", "stance")

#: Article fields on every statement row, first (the source path is how tools find the file).
ARTICLE_FIELDS = ("article_id", "source", "title", "date", "outlet", "url")
#: Stored quote fields, in the store's order (the article key is among ARTICLE_FIELDS).
QUOTE_FIELDS = tuple(name for name in SCHEMAS["quotes"].names if name != "article_id")
ROW_FIELDS = ARTICLE_FIELDS + QUOTE_FIELDS

_INTEGER_FIELDS = frozenset(f.name for table in ("articles", "quotes") for f in SCHEMAS[table]
                            if pa.types.is_integer(f.type))

#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def plain(value: Any, integer: bool = False) -> Any:
    """A JSON-ready copy of a stored value: missing values (None, NaN) as None, numpy scalars
    and arrays as Python numbers and lists, tuples as lists; ``integer`` casts numbers to int
    (nullable integer columns come back from Parquet as floats).
    """
    if value is None:
        return None
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()  # numpy scalar or array
    if isinstance(value, (list, tuple)):
        return [plain(v, integer) for v in value]
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if integer else value
    return value


def statement_rows(corpus: Corpus) -> list[dict[str, Any]]:
    """Every statement of ``corpus`` as a dict with :data:`ROW_FIELDS`, articles in the corpus's
    order (by date, then title), statements in stored order within an article.
    """
    articles = {a["article_id"]: {name: plain(a.get(name)) for name in ARTICLE_FIELDS}
                for a in corpus.articles.to_dict("records")}
    order = {aid: rank for rank, aid in enumerate(articles)}
    quotes = corpus.quotes.assign(_rank=corpus.quotes["article_id"].map(order))
    quotes = quotes.sort_values("_rank", kind="stable")
    rows = []
    for record in quotes.to_dict("records"):
        row = dict(articles[record["article_id"]])
        row.update({name: plain(record.get(name), name in _INTEGER_FIELDS) for name in QUOTE_FIELDS})
        rows.append(row)
    return rows


def parse_acts(text: str) -> tuple[str, ...]:
    """The acts of ``--acts`` ("speech", "speech,stance"), checked against :data:`ACTS`.

    Raises:
        ValueError: naming the unknown act, when one is not in :data:`ACTS` or none is given.
    """
    acts = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [act for act in acts if act not in ACTS]
    if unknown or not acts:
        raise ValueError(f"unknown act {(unknown or [text])[0]!r} (choose from {', '.join(ACTS)})")
    return acts


def with_acts(rows: list[dict[str, Any]], acts: tuple[str, ...] = ACTS[:1]) -> list[dict[str, Any]]:
    """The statement rows whose ``act`` is one of ``acts``; a missing act (a store made before
    the field) counts as speech.
    """
    return [row for row in rows if (row.get("act") or "speech") in acts]


def article_records(corpus: Corpus, rows: list[dict[str, Any]] | None = None) -> Iterator[dict[str, Any]]:
    """One record per article of ``corpus`` (loaded with texts): its fields, ``text`` and its
    statements under ``quotes`` (statement rows without the article fields), as
    ``python -m analysis extract`` prints them.
    """
    by_article: dict[str, list[dict[str, Any]]] = {}
    for row in statement_rows(corpus) if rows is None else rows:
        quote = {name: row[name] for name in QUOTE_FIELDS}
        by_article.setdefault(row["article_id"], []).append(quote)
    for article in corpus.articles.to_dict("records"):
        record = {name: plain(article.get(name)) for name in ARTICLE_FIELDS}
        record["text"] = article["text"]
        record["quotes"] = by_article.get(article["article_id"], [])
        yield record


def neutralise(cell: Any) -> Any:
    """A text cell a spreadsheet cannot run: one starting with ``= + - @``, tab or carriage
    return gets a leading apostrophe (OWASP, CSV injection). Numbers are left as they are:
    a negative tone is a number, not a formula.
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_cell(value: Any) -> Any:
    """A value as one CSV cell: lists of strings joined by ``;``, other lists as JSON, None empty,
    text neutralised (:func:`neutralise`).
    """
    if value is None:
        return ""
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            value = ";".join(value)
        else:
            value = json.dumps(value)
    return neutralise(value)


def write_rows(rows: list[dict[str, Any]], handle: IO[str], fmt: str) -> None:
    """Write statement rows as ``jsonl`` or ``csv`` (with a header, also when there are none)."""
    if fmt == "jsonl":
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(ROW_FIELDS)
        for row in rows:
            writer.writerow([csv_cell(target_tones_text(row[name]) if name == "target_tones" else row[name])
                             for name in ROW_FIELDS])
    else:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def export_store(store_dir: str, handle: IO[str], fmt: str = "jsonl",
                 acts: tuple[str, ...] = ACTS[:1]) -> tuple[int, int, str]:
    """Write the statements of the store at ``store_dir`` to ``handle`` in ``fmt`` (:data:`FORMATS`),
    with the store's corrections applied, only those whose ``act`` is in ``acts`` (speech by
    default; :func:`with_acts`).

    Returns:
        (statements, articles) written, and "N corrections applied" ("" when there are none;
        :func:`analysis.store.corrections.applied_note`).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if not list_batches(store_dir):  # an empty store (load_corpus expects at least one batch)
        write_rows([], handle, "jsonl" if fmt == "articles" else fmt)
        return 0, 0, ""
    corpus = load_corpus(store_dir, texts=fmt == "articles", sentence_topics=False, article_keywords=False,
                         acts=acts)
    corpus, report = apply_corrections(corpus, read_log(store_dir))
    rows = with_acts(statement_rows(corpus), acts)
    if fmt == "articles":
        for record in article_records(corpus, rows):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        write_rows(rows, handle, fmt)
    return len(rows), len(corpus.articles), applied_note(report)
