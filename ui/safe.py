"""Text from the data or the URL, made safe for the place the app shows it (issue #16).

Titles, outlets, speaker names, article text, file names and URL parameters are data: the app
shows them as text, never as markup. Three places need care, one helper each:

- :func:`md` for Streamlit elements that render Markdown (``st.caption``, ``st.markdown``,
  ``st.warning``, ``st.title`` ...): every Markdown punctuation character is backslash-escaped, so
  no link, image, emphasis, list, heading, HTML tag, autolink, ``:red[...]`` colour or ``$``
  LaTeX can come from data, and line breaks become spaces (one line stays one line).
- :func:`http_url` for every ``href`` the app or its exports write: http(s) URLs only, so a
  ``javascript:`` or ``data:`` URL never becomes a link.
- :func:`plotly_text` for chart labels and hovers: plotly.js reads its text as a subset of HTML
  (``<a href>``, ``<b>``, ``<br>``), so ``<`` and ``>`` are written as entities.
- :func:`csv_cell` for text cells of CSV downloads: OWASP's defence against formula injection
  (a leading apostrophe before ``=``, ``+``, ``-``, ``@``, tab and carriage return).

Long article text is not Markdown at all: the Reader draws its escaped HTML with ``st.html``.
No streamlit here (also used by the HTML brief).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# One defence for every CSV the product writes (the command line's export and the app's downloads).
from analysis.export import FORMULA_STARTS
from analysis.export import neutralise as csv_cell

__all__ = ["FORMULA_STARTS", "WORD_JOINER", "csv_cell", "http_url", "md", "plotly_text"]

#: ASCII punctuation that Markdown, GFM or Streamlit's directives give a meaning to (links, images,
#: emphasis, code, headings, lists, tables, strikethrough, HTML, autolinks through "/" and "@",
#: LaTeX through "$"): each is backslash-escaped, as CommonMark allows for any ASCII punctuation.
#: ":" is escaped where it could open a directive (":red[...]", and ":red" alone, which Streamlit
#: draws as an empty coloured span): before an ASCII letter; "Briefing: Germany" stays as it is.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$/@])")
_DIRECTIVE = re.compile(r":(?=[A-Za-z])")
#: "&" only where it would start an entity reference ("&amp;" is shown as typed).
_ENTITY = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
#: GFM autolink literals ("http://x.y", "www.x.y", "a@x.y") are found in the text after escapes
#: are resolved (Streamlit's renderer links them despite a backslash): an invisible WORD JOINER
#: after "://", "www" and "@" stops them.
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(:(?=//)|\b(?i:www)(?=\.)|@)")
#: Streamlit also replaces, in the text, emoji shortcodes (":smile:"), its logo (":streamlit:") and
#: spaced arrows (" -> ", " <= ", " -- "): a word joiner inside each pattern keeps the characters.
_SHORTCODE = re.compile(r":(?=[A-Za-z])")
_ARROW = re.compile(r"(?<=[-<>~])(?=[-<>=])")


def md(value) -> str:
    """``value`` as Markdown source that renders as exactly its characters, on one line.

    The only additions are invisible: a word joiner (U+2060) after "://", "www", "@" and a ":"
    before a letter, and inside "->"-like pairs, which stops what no escape can: autolinks,
    emoji shortcodes and arrows, which Streamlit's renderer finds in the already unescaped text.

    Args:
        value: Any value; None and NaN become "".
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = _AUTOLINK.sub(r"\1" + WORD_JOINER, _LINE_BREAKS.sub(" ", str(value)))
    text = _ARROW.sub(WORD_JOINER, text)
    text = _DIRECTIVE.sub(r"\\:", _SPECIAL.sub(r"\\\1", text))
    return _SHORTCODE.sub(":" + WORD_JOINER, _ENTITY.sub(r"\\&", text))


def http_url(value) -> str:
    """``value`` when it is an absolute http or https URL with a host, else "".

    Leading and trailing whitespace is removed first; control characters inside (which browsers
    drop, turning ``java\\tscript:`` into ``javascript:``) reject the URL.
    """
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if not url or any(ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def plotly_text(value) -> str:
    """``value`` for a plotly label or hover: no ``<a href>``, ``<b>`` or ``<br>`` from data.

    plotly.js draws ``&lt;`` and ``&gt;`` as ``<`` and ``>``, so the label reads as typed.
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).replace("<", "&lt;").replace(">", "&gt;")
