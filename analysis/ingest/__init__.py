"""Reading articles from files and uploads into :class:`analysis.records.Article` records.

Every reader returns articles or raises :class:`IngestError` with a message a user can act
on; one bad file never stops a batch. Supported: plain text and Markdown, HTML (scripts and
styles dropped, text only), JSON / JSONL (objects with a ``text`` field), CSV (a ``text``
column), DOCX and PDF (when python-docx / pypdf are installed).
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from collections.abc import Iterable

from analysis.ingest.articles import (
    MAX_ARTICLE_CHARS,
    MAX_FILE_BYTES,
    IngestError,
    IngestResult,
    article_id,
    display_name,
    first_line_title,
    make_article,
    normalise_text,
    too_large,
)
from analysis.ingest.dates import with_found_metadata
from analysis.ingest.decode import decode_bytes, html_to_text
from analysis.ingest.formats import read_csv, read_docx, read_json, read_jsonl, read_pdf

__all__ = [
    "MAX_ARTICLE_CHARS", "MAX_FILE_BYTES", "SUPPORTED_EXTENSIONS", "IngestError", "IngestResult", "article_id",
    "decode_bytes", "display_name", "expand_paths", "first_line_title", "html_to_text", "make_article",
    "normalise_text", "read_bytes", "read_path",
]


def read_bytes(data: bytes, name: str) -> IngestResult:
    """Read one uploaded or on-disk file's bytes into articles, by file extension.

    Never raises for bad content: problems come back in :attr:`IngestResult.errors`.
    """
    name = display_name(name)
    try:
        if len(data) > MAX_FILE_BYTES:
            raise IngestError(too_large(name, len(data)))
        extension = os.path.splitext(name)[1].lower()
        if extension == ".docx":
            return IngestResult(name, (with_found_metadata(make_article(read_docx(data, name), source=name)),))
        if extension == ".pdf":
            return IngestResult(name, (with_found_metadata(make_article(read_pdf(data, name), source=name)),))
        text, warnings = decode_bytes(data, name)
        text = normalise_text(text)
        if extension == ".jsonl":
            result = read_jsonl(text, name)
        elif extension == ".json":
            result = read_json(text, name)
        elif extension in (".csv", ".tsv"):
            result = read_csv(text, name)
        elif extension in (".html", ".htm") or re.match(r"\s*(<!doctype html|<html)", text, re.I):
            body, title = html_to_text(text)
            article = make_article(body, source=name, title=title or None)
            result = IngestResult(name, (with_found_metadata(article, markup=text),))
        else:
            result = IngestResult(name, (make_article(text, source=name),))
        # Dates and outlets the text states for itself, where no field or meta tag gave them.
        result = dataclasses.replace(result, articles=tuple(with_found_metadata(a) for a in result.articles))
        if not result.articles and not result.errors:
            raise IngestError(f"{name}: no articles found")
        return IngestResult(name, result.articles, result.errors, result.warnings + tuple(warnings))
    except IngestError as error:
        return IngestResult(name, errors=(str(error),))


def read_path(path: str) -> IngestResult:
    """Read a file from disk (see :func:`read_bytes`); unreadable files become an error.

    Only regular files are read (a FIFO would block, ``/dev/zero`` never ends), and never more
    than :data:`MAX_FILE_BYTES` + 1 bytes, whatever the file claims its size is.
    """
    shown = display_name(path)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return IngestResult(shown, errors=(f"{shown}: not a regular file (a device, pipe or socket); skipped",))
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return IngestResult(shown, errors=(f"{shown}: cannot read ({error.strerror or error})",))
    if len(data) > MAX_FILE_BYTES:
        return IngestResult(shown, errors=(too_large(shown, os.path.getsize(path) or len(data)),))
    return read_bytes(data, path)


SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".csv", ".tsv",
                        ".docx", ".pdf")


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Expand folders into their supported files (sorted, recursive); files pass through."""
    expanded = []
    for path in paths:
        if os.path.isdir(path):
            for root, _dirs, names in sorted(os.walk(path)):
                for name in sorted(names):
                    full = os.path.join(root, name)
                    # Only regular files: a FIFO among the articles would block the whole build.
                    if name.lower().endswith(SUPPORTED_EXTENSIONS) and not name.startswith(".") and \
                            os.path.isfile(full):
                        expanded.append(full)
        else:
            expanded.append(path)
    return expanded
