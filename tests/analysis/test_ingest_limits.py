"""Hostile and odd files: bounded before anything is inflated or read, each with a clear one-line message."""

import io
import os
import subprocess
import sys
import zipfile

import pytest

from analysis.ingest import MAX_FILE_BYTES, expand_paths, read_bytes, read_path

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PARAGRAPH = '<w:p><w:r><w:t>{}</w:t></w:r></w:p>'
DOCX_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="xml" ContentType="application/xml"/></Types>')


def _docx(document_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def _pdf(pages: int) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=72, height=72)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


REFUSED = [
    # (file name, bytes, words the one-line error must contain)
    ("bomb.docx", lambda: _docx(" " * (30 * 2**20)), "refused"),
    ("paragraphs.docx", lambda: _docx("<w:document>" + "<w:p/>" * 2_000_000 + "</w:document>"), "refused"),
    ("notzip.docx", lambda: b"PK\x03\x04 broken", "not a readable .docx"),
    ("pages.pdf", lambda: _pdf(3_001), "3,001 pages; refused"),
    ("big.txt", lambda: b"a" * (MAX_FILE_BYTES + 1), "(52,428,801 bytes) is more than the 50 MiB limit"),
    ("bad.jsonl", lambda: b'{"text": "Merkel said the talks failed."}\n{"text": broken\n', "invalid JSON at line 2"),
    ("nothing.txt", lambda: b"... 123 -- 45\n", "nothing to analyse"),
    ("evil\nname.txt", lambda: b"", "evil\\x0aname.txt: the file is empty"),
]


@pytest.mark.parametrize(("name", "make", "message"), REFUSED, ids=[case[0] for case in REFUSED])
def test_hostile_or_odd_files_get_one_clear_line(name, make, message):
    result = read_bytes(make(), name)
    assert result.errors, result
    assert any(message in error for error in result.errors), result.errors
    assert all("\n" not in error for error in result.errors)


def test_good_lines_of_a_jsonl_file_are_kept_beside_a_bad_one():
    result = read_bytes(b'{"text": "Merkel said the talks failed."}\n{"text": broken\n', "mixed.jsonl")
    assert len(result.articles) == 1 and result.errors == ("mixed.jsonl:2: invalid JSON at line 2 (Expecting value)",)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text(encoding):
    text = "Chancellor Scholz said Germany would help Ukraine."
    result = read_bytes(text.encode(encoding), "article.txt")
    assert [a.text for a in result.articles] == [text]
    assert result.warnings and encoding.upper() in result.warnings[0]


def test_devices_and_pipes_are_skipped_not_read(tmp_path):
    result = read_path("/dev/zero")
    assert result.errors and "not a regular file" in result.errors[0]
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Merkel said the talks had failed.", encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    assert expand_paths([str(folder)]) == [str(folder / "a.txt")]
    assert "not a regular file" in read_path(str(folder / "b.txt")).errors[0]
    # The command line finishes (a FIFO opened for reading would block forever).
    done = subprocess.run([sys.executable, "-m", "analysis", "extract", str(folder)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.count("\n") == 1
