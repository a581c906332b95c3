"""Articles from raw text: the record, its id, limits and the messages users see.

Shared by every reader of :mod:`analysis.ingest`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.ingest.dates import parse_date
from analysis.records import Article

#: Larger inputs are refused: they are rarely news articles and would exhaust a small server.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: A single article longer than this is refused (about 300 pages of text).
MAX_ARTICLE_CHARS = 2_000_000
#: Archive-like formats (DOCX is a zip of XML) are checked BEFORE anything is inflated: at most
#: this many bytes unpacked in all, this many per member, this ratio of unpacked to packed bytes
#: for a member of over 1 MiB, and this many members (a 2 MB zip bomb inflates to gigabytes).
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_MEMBER_BYTES = 24 * 1024 * 1024
MAX_PACKING_RATIO = 100
MAX_MEMBERS = 2_000
#: PDF pages read at most; text extraction also stops past :data:`MAX_ARTICLE_CHARS`.
MAX_PDF_PAGES = 3_000

TEXT_FIELDS = ("text", "body", "content", "article", "maintext", "full_text")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date", "published", "publish_date", "date_publish", "pubdate", "published_at", "publishedat",
               "datepublished", "pub_date", "publication_date")
OUTLET_FIELDS = ("outlet", "source", "publisher", "media", "site", "site_name", "publication", "newspaper",
                 "source_name")
URL_FIELDS = ("url", "link", "href")


class IngestError(ValueError):
    """An input that cannot become an article; the message names the problem for a user."""


def display_name(name: str) -> str:
    """A file name fit for a one-line message: control characters (a newline in a name) escaped."""
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", name)


def mib(size: int) -> str:
    """A size in MiB, the unit of every limit."""
    return f"{size / 2**20:.1f} MiB" if size < 10 * 2**20 else f"{size / 2**20:.0f} MiB"


def too_large(name: str, size: int) -> str:
    """The message for an input over :data:`MAX_FILE_BYTES` (sizes in MiB, like the limit, and exact bytes)."""
    return (f"{name}: {mib(size)} ({size:,} bytes) is more than the {MAX_FILE_BYTES // 2**20} MiB limit "
            f"({MAX_FILE_BYTES:,} bytes)")


@dataclass(frozen=True)
class IngestResult:
    """What reading one input produced.

    Attributes:
        name: The file name or label the user gave.
        articles: Articles read (several for JSONL/CSV).
        errors: One message per skipped item or for the whole input.
        warnings: Things a user should know (e.g. decoded as Windows-1252).
    """

    name: str
    articles: tuple[Article, ...] = ()
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def normalise_text(text: str) -> str:
    """Turn ``\\r\\n`` into ``\\n``; nothing else changes, so offsets stay exact."""
    return text.replace("\r\n", "\n")


def article_id(text: str) -> str:
    """Stable id from the text: equal texts (duplicates) get equal ids."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def first_line_title(text: str, limit: int = 160) -> str:
    """A title from the first non-empty line, shortened to ``limit`` characters."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return ""


def pick_field(record: dict, names: Iterable[str]) -> str | None:
    """The first non-empty value of ``record`` under one of ``names`` (case-insensitive), as text."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name)
        if isinstance(value, dict):  # {"source": {"id": "bbc-news", "name": "BBC News"}} (NewsAPI)
            value = value.get("name") or value.get("title")
        if value not in (None, "") and not isinstance(value, (dict, list)):
            return str(value)
    return None


def normalise_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date-like value, a bare year as 1 January, else None
    (:func:`analysis.ingest.dates.parse_date`: also "12 June 2024", "June 12, 2024", RFC 2822).
    """
    return parse_date(value)


def make_article(text: str, source: str, title: str | None = None, date: str | None = None,
                 outlet: str | None = None, url: str | None = None,
                 article_key: str | None = None) -> Article:
    """Build an :class:`Article`, checking size and emptiness.

    Raises:
        IngestError: When the text is empty or too long.
    """
    text = normalise_text(text)
    if not text.strip():
        raise IngestError(f"{source}: no text")
    if not re.search(r"[^\W\d_]{2,}", text):
        raise IngestError(f"{source}: nothing to analyse (no words)")
    if len(text) > MAX_ARTICLE_CHARS:
        raise IngestError(
            f"{source}: {len(text):,} characters is more than the limit of {MAX_ARTICLE_CHARS:,}; split it"
        )
    return Article(
        id=article_id(text) if article_key is None else article_key,
        text=text,
        source=source,
        title=(title or first_line_title(text)).strip(),
        date=normalise_date(date),
        outlet=outlet,
        url=url,
    )


@dataclass(frozen=True)
class BadLine:
    """A JSONL line that is not JSON, with the message to show."""

    message: str


def records_to_articles(records: Iterable[tuple[str, dict]], name: str) -> IngestResult:
    """Articles from labelled records (JSON objects, CSV rows); each bad record becomes an error."""
    articles, errors = [], []
    for label, record in records:
        if isinstance(record, BadLine):
            errors.append(f"{label}: {record.message}")
            continue
        if not isinstance(record, dict):
            errors.append(f"{label}: not an object with a text field")
            continue
        text = pick_field(record, TEXT_FIELDS)
        if text is None:
            errors.append(f"{label}: no text field (expected one of {', '.join(TEXT_FIELDS)})")
            continue
        try:
            articles.append(make_article(
                text, source=label, title=pick_field(record, TITLE_FIELDS),
                date=pick_field(record, DATE_FIELDS), outlet=pick_field(record, OUTLET_FIELDS),
                url=pick_field(record, URL_FIELDS)))
        except IngestError as error:
            errors.append(str(error))
    return IngestResult(name, tuple(articles), tuple(errors))


