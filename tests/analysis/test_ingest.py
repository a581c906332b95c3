"""Reading inputs: every bad input gets a clear message and the rest of a batch goes on."""

import json

import pytest

from analysis.ingest import article_id, expand_paths, html_to_text, read_bytes, read_path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        ("latin.txt", "Caf\u00e9 au lait".encode("cp1252") + b"\x81", "not UTF-8"),
        ("table.csv", b"headline,author\nA,B\n", "no text column"),
        ("broken.json", b'{"title": "x"}', "no text field"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable .docx"),
        ("broken.pdf", b"%PDF-1.4 garbage", "PDF"),
    ],
)
def test_bad_inputs_get_a_clear_message(name, data, message):
    result = read_bytes(data, name)
    assert result.articles == ()
    assert result.errors and message in result.errors[0]
    assert name in result.errors[0]


def test_windows_1252_is_read_with_a_warning():
    result = read_bytes("Merkel said: \u201cWir schaffen das.\u201d".encode("cp1252"), "old.txt")
    assert result.articles[0].text.startswith("Merkel said: \u201cWir")
    assert "Windows-1252" in result.warnings[0]


def test_crlf_becomes_lf_and_nothing_else_changes():
    text = "Title\r\n\r\n  Body with  two spaces.\t\r\n"
    article = read_bytes(text.encode(), "a.txt").articles[0]
    assert article.text == text.replace("\r\n", "\n")
    assert article.title == "Title"


def test_html_drops_scripts_and_keeps_text():
    page = ("<html><head><title>Summit &amp; talks</title><script>alert('x')</script></head>"
            "<body><p>Scholz said: \u201cNo.\u201d</p><script>evil()</script><p>&lt;b&gt;</p></body></html>")
    text, title = html_to_text(page)
    assert title == "Summit & talks"
    assert "alert" not in text and "evil" not in text
    assert "Scholz said" in text and "<b>" in text  # an escaped tag is text, shown as such later


def test_jsonl_reads_each_line_and_reports_bad_ones():
    lines = [json.dumps({"title": "One", "text": "First text.", "date": "2024-06-05T10:00", "source": "AP"}),
             "{not json", json.dumps({"title": "No text"}), json.dumps({"text": "First text."})]
    result = read_bytes("\n".join(lines).encode(), "batch.jsonl")
    assert [a.title for a in result.articles] == ["One", "First text."]
    assert result.articles[0].date == "2024-06-05" and result.articles[0].outlet == "AP"
    assert result.articles[0].id == result.articles[1].id  # same text: a duplicate
    assert len(result.errors) == 2 and "batch.jsonl:2" in result.errors[0]


def test_csv_with_text_column():
    data = b"title,text,date\nA,\"He said, \"\"yes\"\".\",2024-01-02\n"
    result = read_bytes(data, "rows.csv")
    assert result.articles[0].text == 'He said, "yes".'
    assert result.articles[0].date == "2024-01-02"


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    import analysis.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    result = read_path(str(path))
    assert result.articles == () and "limit" in result.errors[0]


def test_missing_file_is_an_error_not_a_crash(tmp_path):
    result = read_path(str(tmp_path / "nope.txt"))
    assert "cannot read" in result.errors[0]


def test_expand_paths_walks_folders_in_order(tmp_path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.md").write_text("a")
    (tmp_path / "skip.png").write_bytes(b"x")
    assert [p.rsplit("/", 1)[1] for p in expand_paths([str(tmp_path)])] == ["a.md", "b.txt"]


def test_article_id_is_stable_and_whitespace_insensitive_at_the_edges():
    assert article_id("Text.") == article_id("  Text.\n")
    assert article_id("Text.") != article_id("Other.")
