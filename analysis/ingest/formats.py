"""Readers of the structured formats: JSON, JSONL, CSV, DOCX and PDF.

Archive-like formats are checked before anything is inflated (:func:`check_archive`), and PDF
text extraction stops at the article limit: a small hostile file cannot exhaust the server.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import zipfile
from collections.abc import Iterator

from analysis.ingest.articles import (
    MAX_ARTICLE_CHARS,
    MAX_FILE_BYTES,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_PACKING_RATIO,
    MAX_PDF_PAGES,
    MAX_UNPACKED_BYTES,
    TEXT_FIELDS,
    BadLine,
    IngestError,
    IngestResult,
    mib,
    records_to_articles,
)


def read_jsonl(text: str, name: str) -> IngestResult:
    """Articles of a JSONL text, one object per line; a line that is not JSON is an error naming it."""
    def records() -> Iterator[tuple[str, dict]]:
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                yield f"{name}:{number}", json.loads(line)
            except json.JSONDecodeError as error:
                yield f"{name}:{number}", BadLine(f"invalid JSON at line {number} ({error.msg})")
    result = records_to_articles(records(), name)
    return result


def read_json(text: str, name: str) -> IngestResult:
    """Articles of a JSON object, a list of objects or ``{\"articles\": [...]}`` (else read as JSONL)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return read_jsonl(text, name)
    if isinstance(data, dict):
        data = data.get("articles", [data]) if "text" not in data else [data]
    if not isinstance(data, list):
        raise IngestError(f"{name}: expected a JSON object or a list of objects with a text field")
    return records_to_articles(((f"{name}[{i}]", r) for i, r in enumerate(data)), name)


def read_csv(text: str, name: str) -> IngestResult:
    """Articles of a CSV/TSV text with a text column (delimiter sniffed)."""
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
    return records_to_articles(((f"{name}:row {i}", r) for i, r in enumerate(reader, start=2)), name)


def check_archive(data: bytes, name: str) -> None:
    """Refuse a zip whose members would inflate too far, from the sizes its directory declares
    (checked before anything is inflated; zipfile also stops a member at its declared size).
    """
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError):
        raise IngestError(f"{name}: not a readable .docx file (not a zip archive)") from None
    if len(members) > MAX_MEMBERS:
        raise IngestError(f"{name}: {len(members):,} parts in the archive; refused (at most {MAX_MEMBERS:,})")
    unpacked = sum(m.file_size for m in members)
    largest = max(members, key=lambda m: m.file_size, default=None)
    if unpacked > MAX_UNPACKED_BYTES or (largest and largest.file_size > MAX_MEMBER_BYTES):
        raise IngestError(f"{name}: unpacks to {mib(unpacked)}; refused (at most {MAX_UNPACKED_BYTES // 2**20} MiB)")
    for member in members:
        if member.file_size > 2**20 and member.file_size > MAX_PACKING_RATIO * max(member.compress_size, 1):
            raise IngestError(f"{name}: a part inflates {member.file_size // max(member.compress_size, 1):,} times; "
                              "refused as a possible zip bomb")


def read_docx(data: bytes, name: str) -> str:
    """The paragraphs of a Word document, after :func:`check_archive`."""
    try:
        import docx  # python-docx
    except ImportError:
        raise IngestError(f"{name}: reading .docx needs the python-docx package") from None
    check_archive(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many types for broken files
        raise IngestError(f"{name}: not a readable .docx file ({type(error).__name__})") from None
    return "\n\n".join(p.text for p in document.paragraphs if p.text.strip())


def read_pdf(data: bytes, name: str) -> str:
    """The text of a PDF's pages (at most :data:`MAX_PDF_PAGES`, stopping past the article limit)."""
    try:
        import pypdf
    except ImportError:
        raise IngestError(f"{name}: reading .pdf needs the pypdf package") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the user's business
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise IngestError(f"{name}: {len(reader.pages):,} pages; refused (at most {MAX_PDF_PAGES:,})")
        pages, chars = [], 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            if chars > MAX_ARTICLE_CHARS:
                raise IngestError(f"{name}: more than {MAX_ARTICLE_CHARS:,} characters of text; split it")
    except IngestError:
        raise
    except Exception as error:  # pypdf raises many types for broken files (and LimitReachedError for bombs)
        raise IngestError(f"{name}: not a readable PDF ({type(error).__name__})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise IngestError(f"{name}: the PDF has no extractable text (scanned images?)")
    return text


