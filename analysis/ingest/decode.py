"""Bytes to text: encodings (UTF-8, UTF-16 with or without a byte-order mark, Windows-1252) and HTML."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from analysis.ingest.articles import IngestError


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
    unmarked = _utf16_without_bom(data)
    if unmarked:
        return data.decode(unmarked), [f"{name}: read as {unmarked.upper()} (no byte-order mark)"]
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


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when the bytes look like UTF-16 text without a byte-order mark
    (mostly ASCII: every other byte zero), else None.
    """
    head = data[:8192] if len(data) % 2 == 0 else b""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for encoding, zeros, text in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) > 0.9 * len(zeros) and text.count(0) == 0:
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding
    return None


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


