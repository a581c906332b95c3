"""The corrections log applied to a loaded corpus: a new :class:`~analysis.store.Corpus`, and what was done.

Pure pandas; :func:`apply_corrections` never modifies the corpus it gets. Each correction in force
finds its statement by the key of :mod:`analysis.store.correction_entries` (the same text hash in its
article, else the same span); one whose statement is not found is reported, never applied elsewhere.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.store.corpus import Corpus
from analysis.store.correction_entries import Correction, Log, in_force, text_hash


@dataclass(frozen=True)
class Report:
    """What :func:`apply_corrections` did.

    Attributes:
        applied: Corrections in force that found their statement.
        unmatched: Corrections in force whose statement is not in the store (reported, not applied).
        hidden: Statements hidden.
        log: The log read.
        status: Entry id -> "applied", "not found" (in force, statement missing), "undone" or "undo".
    """

    applied: int = 0
    unmatched: tuple[Correction, ...] = ()
    hidden: int = 0
    log: Log = field(default_factory=Log)
    status: dict = field(default_factory=dict)


def _statement_index(quotes: pd.DataFrame, article_ids: set[str]) -> tuple[dict, dict]:
    """For the statements of ``article_ids``: ``{(article, text hash): [(start, row), ...]}`` and
    ``{(article, start, end): row}`` (``row``: the position in ``quotes``).
    """
    articles = quotes["article_id"].astype(object).to_numpy()
    rows = np.flatnonzero(pd.Series(articles).isin(article_ids).to_numpy())
    texts, starts, ends = (quotes[c].to_numpy()[rows] for c in ("text", "start", "end"))
    by_text: dict[tuple[str, str], list[tuple[int, int]]] = {}
    by_span: dict[tuple[str, int, int], int] = {}
    for row, text, start, end in zip(rows.tolist(), texts, starts.tolist(), ends.tolist(), strict=True):
        article = articles[row]
        by_text.setdefault((article, text_hash(text)), []).append((start, row))
        by_span.setdefault((article, start, end), row)
    return by_text, by_span


def _match(by_text: dict, by_span: dict, key: dict) -> int | None:
    """The row of the statement ``key`` names: the same text hash in its article (the nearest start
    when several), else the same span; None when none matches.
    """
    same_text = by_text.get((key["article"], key["text"]))
    if same_text:
        return min(same_text, key=lambda pair: (abs(pair[0] - key["start"]), pair[1]))[1]
    return by_span.get((key["article"], key["start"], key["end"]))


def _long_table(quotes: pd.DataFrame, column: str, value_name: str, like: pd.DataFrame) -> pd.DataFrame:
    """(quote_id, value, row) of a list column, as :func:`analysis.store.load_corpus` derives them."""
    long = quotes[["quote_id", column]].explode(column).dropna()
    long["row"] = long.index.to_numpy(dtype="int64")
    long = long.rename(columns={column: value_name}).reset_index(drop=True)
    if value_name in like.columns and isinstance(like[value_name].dtype, pd.CategoricalDtype):
        long[value_name] = long[value_name].astype("category")
    return long


def _set_values(column: pd.Series, rows: list[int], values: list) -> pd.Series:
    """``column`` with ``values`` at positions ``rows`` (a new Series; categoricals stay categoricals)."""
    array = column.astype(object).to_numpy(copy=True)
    array = np.where(pd.isna(array), None, array) if column.dtype != object else array
    for row, value in zip(rows, values, strict=True):
        array[row] = value
    if isinstance(column.dtype, pd.CategoricalDtype):
        return pd.Series(array, index=column.index, name=column.name).astype("category")
    if column.dtype == object:
        return pd.Series(array, index=column.index, name=column.name, dtype=object)
    return pd.Series(array, index=column.index, name=column.name).astype(column.dtype)


def apply_corrections(corpus: Corpus, log: Log) -> tuple[Corpus, Report]:
    """``corpus`` with the corrections in force applied, and what was done.

    Later corrections of the same field of a statement win; a hidden statement leaves the
    statements (and the country and topic tables). Fixing a speaker to a name gives a statement
    without a speaker kind the kind "person"; fixing its countries keeps only those of its
    ``about`` countries (what it is mainly about) that are still among them. A correction whose
    statement is not found is reported in :attr:`Report.unmatched`, never applied elsewhere.
    The new corpus has its own (empty) ``derived``: indexes over the statements are rebuilt.
    """
    force = in_force(log.entries)
    status = {e.id: "undone" if not force[e.id] else "undo" for e in log.entries
              if not force[e.id] or e.action == "undo"}
    active = [e for e in log.entries if force[e.id] and e.action != "undo"]
    if not active:
        return corpus, Report(log=log, status=status)
    quotes = corpus.quotes
    by_text, by_span = _statement_index(quotes, {e.statement["article"] for e in active})
    hidden: set[int] = set()
    changes: dict[str, dict[int, Any]] = {"speaker": {}, "countries": {}, "topics": {}}
    unmatched = []
    for entry in active:
        row = _match(by_text, by_span, entry.statement)
        if row is None:
            unmatched.append(entry)
            status[entry.id] = "not found"
            continue
        status[entry.id] = "applied"
        if entry.action == "hide":
            hidden.add(row)
        else:
            changes[entry.action][row] = entry.new
    columns = {}
    for name, values in changes.items():
        if values and name in quotes.columns:
            columns[name] = _set_values(quotes[name], list(values), list(values.values()))
    if changes["speaker"] and "speaker_kind" in quotes.columns:
        kinds = quotes["speaker_kind"]
        rows = [r for r, name in changes["speaker"].items() if name is not None and pd.isna(kinds.iloc[r])]
        columns["speaker_kind"] = _set_values(kinds, rows, ["person"] * len(rows))
    if changes["countries"] and "about" in quotes.columns:
        about = quotes["about"]
        rows = list(changes["countries"])
        kept = [tuple(c for c in (about.iloc[r] if isinstance(about.iloc[r], (tuple, list, np.ndarray)) else ())
                      if c in changes["countries"][r]) for r in rows]
        columns["about"] = _set_values(about, rows, kept)
    corrected = quotes.assign(**columns) if columns else quotes.copy(deep=False)
    if hidden:
        keep = np.ones(len(corrected), dtype=bool)
        keep[sorted(hidden)] = False
        corrected = corrected[keep].reset_index(drop=True)
    new = dataclasses.replace(
        corpus, quotes=corrected, derived={},
        quote_countries=_long_table(corrected, "countries", "iso3", corpus.quote_countries),
        quote_topics=_long_table(corrected, "topics", "topic", corpus.quote_topics))
    applied = sum(1 for e in active if status[e.id] == "applied")
    return new, Report(applied=applied, unmatched=tuple(unmatched), hidden=len(hidden), log=log, status=status)


def applied_note(report: Report | None) -> str:
    """"3 corrections applied" (with the ones not found), or "" when there are none."""
    if report is None or not (report.applied or report.unmatched):
        return ""
    note = f"{report.applied:,} correction{'' if report.applied == 1 else 's'} applied"
    if report.unmatched:
        note += f" ({len(report.unmatched):,} not matching a stored statement, not applied)"
    return note
