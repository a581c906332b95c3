"""Reading articles from files and uploads into :class:`analysis.records.Article` records.

Every reader returns articles or raises :class:`IngestError` with a message a user can act
on; one bad file never stops a batch. Supported: plain text and Markdown, HTML (scripts and
styles dropped, text only), JSON / JSONL (objects with a ``text`` field), CSV (a ``text``
column), DOCX and PDF (when python-docx / pypdf are installed).
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from analysis.records import Article

#: Larger inputs are refused: they are rarely news articles and would exhaust a small server.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: A single article longer than this is refused (about 300 pages of text).
MAX_ARTICLE_CHARS = 2_000_000

TEXT_FIELDS = ("text", "body", "content", "article", "maintext", "full_text")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date", "published", "publish_date", "date_publish", "pubdate")
OUTLET_FIELDS = ("outlet", "source", "publisher", "media", "site")
URL_FIELDS = ("url", "link", "href")


class IngestError(ValueError):
    """An input that cannot become an article; the message names the problem for a user."""


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


def decode_bytes(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode file bytes to text.

    UTF-8 (with or without BOM) and UTF-16 with BOM are read as such; other bytes are tried
    as Windows-1252 when they look like text, with a warning.

    Returns:
        The decoded text and a list of warnings.

    Raises:
        IngestError: For empty, binary or undecodable input.
    """
    if not data.strip():
        raise IngestError(f"{name}: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), []
    if b"\x00" in data[:8192]:
        raise IngestError(f"{name}: this looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise IngestError(
            f"{name}: not UTF-8 text (byte {utf8_error.start}); save it as UTF-8 and retry"
        ) from None
    if re.search(r"[\x00-\x08\x0e-\x1f]", text):
        raise IngestError(f"{name}: this looks like a binary file, not text")
    return text, [f"{name}: not valid UTF-8, read as Windows-1252"]


class _HTMLText(HTMLParser):
    """Collect visible text and the <title> of an HTML page; scripts and styles are dropped."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
             "article", "blockquote", "header", "footer", "ul", "ol", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):  # noqa: D102
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):  # noqa: D102
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):  # noqa: D102
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str]:
    """Return (visible text, title) of an HTML document; markup and scripts never survive."""
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    raw = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in raw.split("\n")]
    paragraphs = "\n\n".join(line for line in lines if line)
    return paragraphs, html.unescape(parser.title).strip()


def first_line_title(text: str, limit: int = 160) -> str:
    """A title from the first non-empty line, shortened to ``limit`` characters."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return ""


def _pick(record: dict, names: Iterable[str]) -> str | None:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, ""):
            return str(value)
    return None


def _normalise_date(value: str | None) -> str | None:
    if not value:
        return None
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        return match.group(0)
    match = re.fullmatch(r"\s*(\d{4})\s*", value)
    return f"{match.group(1)}-01-01" if match else None


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
    if len(text) > MAX_ARTICLE_CHARS:
        raise IngestError(
            f"{source}: {len(text):,} characters is more than the limit of {MAX_ARTICLE_CHARS:,}; split it"
        )
    return Article(
        id=article_id(text) if article_key is None else article_key,
        text=text,
        source=source,
        title=(title or first_line_title(text)).strip(),
        date=_normalise_date(date),
        outlet=outlet,
        url=url,
    )


def _records_to_articles(records: Iterable[tuple[str, dict]], name: str) -> IngestResult:
    articles, errors = [], []
    for label, record in records:
        if not isinstance(record, dict):
            errors.append(f"{label}: not an object with a text field")
            continue
        text = _pick(record, TEXT_FIELDS)
        if text is None:
            errors.append(f"{label}: no text field (expected one of {', '.join(TEXT_FIELDS)})")
            continue
        try:
            articles.append(make_article(
                text, source=label, title=_pick(record, TITLE_FIELDS),
                date=_pick(record, DATE_FIELDS), outlet=_pick(record, OUTLET_FIELDS),
                url=_pick(record, URL_FIELDS)))
        except IngestError as error:
            errors.append(str(error))
    return IngestResult(name, tuple(articles), tuple(errors))


def _read_jsonl(text: str, name: str) -> IngestResult:
    def records() -> Iterator[tuple[str, dict]]:
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                yield f"{name}:{number}", json.loads(line)
            except json.JSONDecodeError as error:
                yield f"{name}:{number}", f"invalid JSON ({error.msg})"
    result = _records_to_articles(records(), name)
    return result


def _read_json(text: str, name: str) -> IngestResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return _read_jsonl(text, name)
    if isinstance(data, dict):
        data = data.get("articles", [data]) if "text" not in data else [data]
    if not isinstance(data, list):
        raise IngestError(f"{name}: expected a JSON object or a list of objects with a text field")
    return _records_to_articles(((f"{name}[{i}]", r) for i, r in enumerate(data)), name)


def _read_csv(text: str, name: str) -> IngestResult:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    fields = [f.lower() for f in (reader.fieldnames or []) if f]
    if not any(f in TEXT_FIELDS for f in fields):
        raise IngestError(
            f"{name}: no text column (found: {', '.join(fields) or 'none'}; expected one of "
            f"{', '.join(TEXT_FIELDS)})"
        )
    csv.field_size_limit(MAX_FILE_BYTES)
    return _records_to_articles(((f"{name}:row {i}", r) for i, r in enumerate(reader, start=2)), name)


def _read_docx(data: bytes, name: str) -> str:
    try:
        import docx  # python-docx
    except ImportError:
        raise IngestError(f"{name}: reading .docx needs the python-docx package") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many types for broken files
        raise IngestError(f"{name}: not a readable .docx file ({type(error).__name__})") from None
    return "\n\n".join(p.text for p in document.paragraphs if p.text.strip())


def _read_pdf(data: bytes, name: str) -> str:
    try:
        import pypdf
    except ImportError:
        raise IngestError(f"{name}: reading .pdf needs the pypdf package") from None
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as error:  # pypdf raises many types for broken files
        raise IngestError(f"{name}: not a readable PDF ({type(error).__name__})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise IngestError(f"{name}: the PDF has no extractable text (scanned images?)")
    return text


def read_bytes(data: bytes, name: str) -> IngestResult:
    """Read one uploaded or on-disk file's bytes into articles, by file extension.

    Never raises for bad content: problems come back in :attr:`IngestResult.errors`.
    """
    try:
        if len(data) > MAX_FILE_BYTES:
            raise IngestError(
                f"{name}: {len(data) / 1e6:.0f} MB is more than the {MAX_FILE_BYTES // 2**20} MB limit"
            )
        extension = os.path.splitext(name)[1].lower()
        if extension == ".docx":
            return IngestResult(name, (make_article(_read_docx(data, name), source=name),))
        if extension == ".pdf":
            return IngestResult(name, (make_article(_read_pdf(data, name), source=name),))
        text, warnings = decode_bytes(data, name)
        text = normalise_text(text)
        if extension == ".jsonl":
            result = _read_jsonl(text, name)
        elif extension == ".json":
            result = _read_json(text, name)
        elif extension in (".csv", ".tsv"):
            result = _read_csv(text, name)
        elif extension in (".html", ".htm") or re.match(r"\s*(<!doctype html|<html)", text, re.I):
            body, title = html_to_text(text)
            result = IngestResult(name, (make_article(body, source=name, title=title or None),))
        else:
            result = IngestResult(name, (make_article(text, source=name),))
        if not result.articles and not result.errors:
            raise IngestError(f"{name}: no articles found")
        return IngestResult(name, result.articles, result.errors, result.warnings + tuple(warnings))
    except IngestError as error:
        return IngestResult(name, errors=(str(error),))


def read_path(path: str) -> IngestResult:
    """Read a file from disk (see :func:`read_bytes`); unreadable files become an error."""
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            return IngestResult(path, errors=(
                f"{path}: {size / 1e6:.0f} MB is more than the {MAX_FILE_BYTES // 2**20} MB limit",))
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return IngestResult(path, errors=(f"{path}: cannot read ({error.strerror or error})",))
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
                    if name.lower().endswith(SUPPORTED_EXTENSIONS) and not name.startswith("."):
                        expanded.append(os.path.join(root, name))
        else:
            expanded.append(path)
    return expanded
