"""Turning uploads and pasted text into articles ready to analyse (no streamlit here).

The Corpus page shows the result as an editable table (title, date, outlet, URL), marks
duplicates, and hands the kept rows to :func:`ui.data.add_articles`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.ingest import MAX_FILE_BYTES, SUPPORTED_EXTENSIONS, IngestError, make_article, read_bytes
from analysis.ingest.articles import normalise_date
from analysis.ingest.dates import with_found_metadata
from analysis.records import Article

__all__ = ["EDITABLE", "MAX_FILE_BYTES", "SUPPORTED_EXTENSIONS", "Prepared", "apply_edits", "prepare_files",
           "prepare_pasted", "set_for_batch", "to_frame"]
EDITABLE = ["title", "date", "outlet", "url"]


@dataclass(frozen=True)
class Prepared:
    """Articles read from a batch of inputs, with what went wrong per input.

    Attributes:
        articles: Articles in input order (duplicates included, flagged in :func:`to_frame`).
        errors: One message per skipped input or record.
        warnings: Messages worth showing (e.g. a file read as Windows-1252).
    """

    articles: tuple[Article, ...]
    errors: tuple[str, ...]
    warnings: tuple[str, ...]


def prepare_files(files: Iterable[tuple[str, bytes]]) -> Prepared:
    """Read (name, bytes) pairs; one bad file never stops the others."""
    articles, errors, warnings = [], [], []
    for name, data in files:
        result = read_bytes(data, name)
        articles.extend(result.articles)
        errors.extend(result.errors)
        warnings.extend(result.warnings)
    return Prepared(tuple(articles), tuple(errors), tuple(warnings))


def prepare_pasted(text: str, title: str = "", date: str = "", outlet: str = "", url: str = "") -> Prepared:
    """An article from pasted text and optional metadata."""
    try:
        article = with_found_metadata(make_article(text, source="pasted text", title=title or None,
                                                   date=date or None, outlet=outlet or None, url=url or None))
    except IngestError as error:
        return Prepared((), (str(error),), ())
    return Prepared((article,), (), ())


def set_for_batch(articles: Iterable[Article], date: str = "", outlet: str = "",
                  replace_found: bool = False) -> tuple[tuple[Article, ...], str | None]:
    """The articles of an upload with one date and/or outlet set for the whole batch.

    Args:
        articles: The prepared articles.
        date: A date in any form :func:`analysis.ingest.normalise_date` reads ("2024-06-12",
            "12 June 2024"); "" leaves dates alone.
        outlet: An outlet name; "" leaves outlets alone.
        replace_found: Also replace dates and outlets read from the files; by default only
            articles without one get the batch's.

    Returns:
        The articles and an error message when the date cannot be read (dates then unchanged).
    """
    error = None
    iso = normalise_date(date) if date.strip() else None
    if date.strip() and iso is None:
        error = f"“{date.strip()}” is not a date the app can read; write it as YYYY-MM-DD (e.g. 2024-06-12)."
    outlet = " ".join(outlet.split())[:120]
    changed = []
    for article in articles:
        new_date = iso if iso and (replace_found or not article.date) else article.date
        new_outlet = outlet if outlet and (replace_found or not article.outlet) else article.outlet
        changed.append(dataclasses.replace(article, date=new_date, outlet=new_outlet))
    return tuple(changed), error


def to_frame(articles: Iterable[Article], stored_ids: set[str]) -> pd.DataFrame:
    """Editable table of prepared articles with a ``status`` column (new / duplicate / already stored)."""
    rows, seen = [], set()
    for article in articles:
        if article.id in stored_ids:
            status = "already stored"
        elif article.id in seen:
            status = "duplicate in upload"
        else:
            status = "new"
        seen.add(article.id)
        rows.append({"add": status == "new", "status": status, "title": article.title,
                     "date": article.date or "", "outlet": article.outlet or "", "url": article.url or "",
                     "source": article.source, "words": len(article.text.split()), "id": article.id})
    return pd.DataFrame(rows, columns=["add", "status", *EDITABLE, "source", "words", "id"])


def apply_edits(articles: Iterable[Article], edited: pd.DataFrame) -> list[Article]:
    """Articles ticked in ``edited`` with the user's title/date/outlet/URL edits applied.

    The text (and so the id) never changes; an invalid date is dropped rather than stored.
    """
    by_id = {a.id: a for a in articles}
    chosen = []
    for row in edited.itertuples():
        if not row.add or row.id not in by_id:
            continue
        original = by_id[row.id]
        chosen.append(make_article(
            original.text, source=original.source, title=str(row.title or "") or None,
            date=str(row.date or "") or None, outlet=str(row.outlet or "") or None,
            url=str(row.url or "") or None, article_key=original.id))
    return chosen
