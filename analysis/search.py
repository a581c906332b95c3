"""Full-text search over the loaded corpus's statements (and titles) with SQLite FTS5.

What a user types is read, never passed on as FTS syntax: words are searched in any form
(the Porter stemmer: "missile" finds "missiles"), ``"two words"`` is a phrase, ``word*`` a
prefix, ``OR`` joins alternatives, ``-word`` excludes, and ``title:word`` searches article
titles instead of statements (statements only by default). Every term is turned into a quoted
FTS5 string, so no input (``NEAR(``, ``*``, an unclosed quote, 10,000 characters) can be a
syntax error; what was ignored comes back as notes to show the user.

The index is built once per loaded corpus (in memory, on first use) and kept in
``corpus.derived``; it is contentless (only the index, not a second copy of the texts), so
highlights are made on the few rows shown (:func:`hit_spans`). Standard library only
(Python's ``sqlite3`` ships FTS5), works offline.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass, field

import numpy as np

from analysis.store import Corpus

#: Longer queries are cut here (a pasted article is not a search), with a note.
MAX_QUERY_CHARS = 300
#: At most this many terms are searched, with a note.
MAX_TERMS = 24
#: Column of the statement text and of the article title in the index.
TEXT, TITLE = "text", "title"
#: Private-use characters marking hits in FTS5's ``highlight()`` output (never in the stored text:
#: they are replaced before indexing).
_OPEN, _CLOSE = "\ue000", "\ue001"
#: The FTS5 tokenizer of every search index, these and the warehouse's: words in any form.
TOKENIZER = "porter unicode61 remove_diacritics 2"
#: A word as FTS5's unicode61 tokenizer sees it: letters and digits (underscore separates).
_WORD = re.compile(r"[^\W_]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"'})
_TERM = re.compile(r'(?P<neg>-)?(?P<col>title:)?(?:"(?P<phrase>[^"]*)(?P<closed>"?)|(?P<word>[^\s"]+))', re.I)
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Term:
    """One searched item: the words of a word or phrase, where, and how."""

    words: tuple[str, ...]
    column: str = TEXT
    prefix: bool = False
    exclude: bool = False

    def fts(self) -> str:
        """The term as an FTS5 expression that cannot be a syntax error."""
        phrase = '"' + " ".join(self.words) + '"' + (" *" if self.prefix else "")
        return f"{self.column} : {phrase}"


@dataclass(frozen=True)
class SearchQuery:
    """A parsed search: groups of alternatives (all groups must match), exclusions, and notes.

    Attributes:
        raw: What the user typed (cut to :data:`MAX_QUERY_CHARS`).
        groups: Each group is a tuple of alternative :class:`Term` s (``a OR b``).
        excluded: Terms a match must not contain.
        notes: What was ignored or changed, in words for the user.
    """

    raw: str
    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        """True when nothing is left to search for (the search is then ignored)."""
        return not self.groups

    @property
    def titles_only(self) -> bool:
        """True when every searched term is a ``title:`` term."""
        return bool(self.groups) and all(t.column == TITLE for group in self.groups for t in group)

    def expression(self) -> str:
        """The FTS5 MATCH expression ("" when empty)."""
        if not self.groups:
            return ""
        parts = ["(" + " OR ".join(t.fts() for t in group) + ")" for group in self.groups]
        expression = " AND ".join(parts)
        for term in self.excluded:
            expression += f" NOT ({term.fts()})"
        return expression

    def describe(self) -> str:
        """The query as read, for a caption: ``“missile” or “rocket” and “air strike”, without “nato”``."""
        if not self.groups:
            return ""

        def quoted(term: Term) -> str:
            return "“" + " ".join(term.words) + ("*" if term.prefix else "") + "”"

        text = " and ".join(" or ".join(quoted(t) for t in group) for group in self.groups)
        if self.excluded:
            text += ", without " + ", ".join(quoted(t) for t in self.excluded)
        return text


def parse_query(raw: str) -> SearchQuery:
    """Read what a user typed into a :class:`SearchQuery` (never raises).

    Words are ANDed; ``OR`` (capitals) between two terms makes them alternatives; a term in
    double quotes (straight or curly) is a phrase, an unclosed quote runs to the end; a trailing
    ``*`` makes a prefix; a leading ``-`` excludes; ``title:`` searches titles. Punctuation inside
    a term separates words as the index does ("U.S." is the phrase "u s"); FTS operators typed
    by the user (``NEAR``, ``AND``, ``NOT``, parentheses, ``^``, ``:``) are searched as words or dropped.
    """
    text = str(raw or "")
    notes: list[str] = []
    if len(text) > MAX_QUERY_CHARS:
        notes.append(f"only the first {MAX_QUERY_CHARS} of {len(text):,} characters were searched")
        text = text[:MAX_QUERY_CHARS]
    text = text.translate(_QUOTES)
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    dropped: list[str] = []
    for match in _TERM.finditer(text):
        token = match.group(0)
        if match.group("word") == "OR" and not match.group("neg") and not match.group("col"):
            join_next = bool(groups)
            continue
        if match.group("word") == "AND" and not match.group("neg") and not match.group("col"):
            continue
        body = match.group("phrase") if match.group("phrase") is not None else match.group("word")
        if match.group("phrase") is not None and not match.group("closed"):
            notes.append("an unclosed quotation mark was read as a phrase to the end")
        words = tuple(w.lower() for w in _WORD.findall(body or ""))
        if not words:
            dropped.append(token)
            join_next = False
            continue
        prefix = match.group("word") is not None and body.endswith("*")
        term = Term(words, TITLE if match.group("col") else TEXT, prefix, bool(match.group("neg")))
        if term.exclude:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if dropped:
        notes.append("nothing to search in " + ", ".join(f"“{d}”" for d in dict.fromkeys(dropped)))
    count = sum(len(g) for g in groups) + len(excluded)
    if count > MAX_TERMS:
        notes.append(f"only the first {MAX_TERMS} of {count} terms were searched")
        kept, left = [], MAX_TERMS
        for group in groups:
            if left <= 0:
                break
            kept.append(group[:left])
            left -= len(kept[-1])
        groups, excluded = kept, excluded[:max(0, left)]
    if excluded and not groups:
        notes.append("a search of exclusions only (-word) needs a word to find; ignored")
        excluded = []
    if not groups and text.strip() and not any("ignored" in n for n in notes):
        notes.append("no words to search for; the search is ignored")
    return SearchQuery(str(raw or "")[:MAX_QUERY_CHARS], tuple(tuple(g) for g in groups), tuple(excluded),
                       tuple(dict.fromkeys(notes)))


def indexed_text(value) -> str:
    """A text as the search indexes store it: missing -> "", the highlight markers replaced (same
    length, offsets kept); the warehouse's indexes store the same (:mod:`analysis.store.warehouse`).
    """
    if not isinstance(value, str):
        return ""
    return value.replace(_OPEN, "\ufffd").replace(_CLOSE, "\ufffd")


class SearchIndex:
    """An in-memory FTS5 index of statements (``rowid`` = row position in ``corpus.quotes``)."""

    def __init__(self, texts: list[str], titles: list[str]) -> None:
        """Index ``texts`` and ``titles`` (one of each per statement, in row order)."""
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute(f"CREATE VIRTUAL TABLE s USING fts5({TEXT}, {TITLE}, content='', "
                             f"tokenize='{TOKENIZER}')")
            self._db.executemany("INSERT INTO s(rowid, text, title) VALUES (?, ?, ?)",
                                 ((i, indexed_text(t), indexed_text(h)) for i, (t, h) in enumerate(zip(texts, titles,
                                                                                            strict=True))))
            self._db.commit()
        self.size = len(texts)

    def rows(self, query: SearchQuery) -> np.ndarray:
        """Sorted row positions of the statements matching ``query`` (all rows when it is empty)."""
        if query.is_empty:
            return np.arange(self.size, dtype=np.int64)
        with self._lock:
            found = self._db.execute("SELECT rowid FROM s WHERE s MATCH ?", (query.expression(),)).fetchall()
        return np.sort(np.fromiter((r for (r,) in found), dtype=np.int64, count=len(found)))


@dataclass(frozen=True)
class ArticleHit:
    """An article the text search found: its id, a snippet (text with hit spans) and its title."""

    article_id: str
    snippet: str
    spans: tuple[tuple[int, int], ...]
    title: str = ""


class ArticleIndex:
    """An in-memory FTS5 index of whole articles (titles and texts), for the Corpus page's search."""

    def __init__(self, ids: list[str], titles: list[str], texts: list[str]) -> None:
        """Index one title and text per article id."""
        self._ids = list(ids)
        self._titles = [indexed_text(h) for h in titles]
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute(f"CREATE VIRTUAL TABLE a USING fts5({TEXT}, {TITLE}, tokenize='{TOKENIZER}')")
            self._db.executemany("INSERT INTO a(rowid, text, title) VALUES (?, ?, ?)",
                                 ((i, indexed_text(t), indexed_text(h)) for i, (h, t) in enumerate(zip(titles, texts,
                                                                                           strict=True))))
            self._db.commit()

    #: Every match is ranked (the warehouse's index ranks the newest only beyond a cap).
    ranked_at_most: int | None = None

    def ranks_all(self, total: int) -> bool:
        """True: a search ranks every matching article, however many (``total``)."""
        return True

    def search(self, raw: str, limit: int = 50) -> tuple[int, list[ArticleHit]]:
        """(number of matching articles, the ``limit`` best as :class:`ArticleHit` s, best first; ties
        in the order the articles were given).
        """
        query = parse_query(raw)
        if query.is_empty:
            return 0, []
        expression = query.expression()
        with self._lock:
            total = self._db.execute("SELECT count(*) FROM a WHERE a MATCH ?", (expression,)).fetchone()[0]
            rows = self._db.execute(
                f"SELECT rowid, snippet(a, 0, '{_OPEN}', '{_CLOSE}', '…', 40) FROM a WHERE a MATCH ? "
                "ORDER BY bm25(a), rowid LIMIT ?", (expression, limit)).fetchall()
        hits = []
        for rowid, marked in rows:
            spans = _spans(marked)
            hits.append(ArticleHit(self._ids[rowid], marked.replace(_OPEN, "").replace(_CLOSE, ""), tuple(spans),
                                   self._titles[rowid]))
        return total, hits


def search_index(corpus: Corpus) -> SearchIndex:
    """The corpus's index, built on first use and kept in ``corpus.derived`` (shared by views)."""
    index = corpus.derived.get("search_index")
    if index is None:
        with _LOCK:
            index = corpus.derived.get("search_index")
            if index is None:
                titles = corpus.quotes["title"].astype(object).where(corpus.quotes["title"].notna(), "")
                index = SearchIndex(corpus.quotes["text"].astype(object).tolist(), titles.tolist())
                corpus.derived["search_index"] = index
    return index


def matching_mask(corpus: Corpus, raw: str) -> np.ndarray:
    """Boolean mask over ``corpus.quotes`` of the statements matching the search ``raw``."""
    mask = np.zeros(len(corpus.quotes), dtype=bool)
    mask[search_index(corpus).rows(parse_query(raw))] = True
    return mask


def hit_spans(texts: list[str], raw: str) -> list[list[tuple[int, int]]]:
    """Where the search ``raw`` hits in each of ``texts`` (statement texts): ``(start, end)`` pairs.

    Uses FTS5's own ``highlight()`` on a throwaway index of just these texts, so the words
    marked are exactly those the search matched (any form, phrases whole). Title-only terms
    and exclusions mark nothing.
    """
    query = parse_query(raw)
    terms = [t for group in query.groups for t in group if t.column == TEXT]
    if not terms or not texts:
        return [[] for _ in texts]
    expression = " OR ".join(t.fts() for t in terms)
    db = sqlite3.connect(":memory:")
    try:
        db.execute(f"CREATE VIRTUAL TABLE h USING fts5({TEXT}, tokenize='{TOKENIZER}')")
        db.executemany("INSERT INTO h(rowid, text) VALUES (?, ?)", ((i, indexed_text(t)) for i, t in enumerate(texts)))
        marked = dict(db.execute(f"SELECT rowid, highlight(h, 0, '{_OPEN}', '{_CLOSE}') FROM h WHERE h MATCH ?",
                                 (expression,)).fetchall())
    finally:
        db.close()
    return [_spans(marked[i]) if i in marked else [] for i in range(len(texts))]


def _spans(marked: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the marked stretches, as offsets into the unmarked text."""
    spans, position, start = [], 0, None
    for char in marked:
        if char == _OPEN:
            start = position
        elif char == _CLOSE:
            if start is not None and position > start:
                spans.append((start, position))
            start = None
        else:
            position += 1
    return spans


def highlight_html(text: str, spans: list[tuple[int, int]], limit: int | None = None) -> str:
    """``text`` as escaped HTML with each span in ``<mark>``; nothing from the text is markup.

    Args:
        text: The plain text.
        spans: Sorted, non-overlapping ``(start, end)`` offsets into ``text``.
        limit: Cut the text at this many characters (with an ellipsis), or None for all of it.
    """
    import html

    end_at = len(text) if limit is None or len(text) <= limit else limit
    parts, position = [], 0
    for start, end in spans:
        if start >= end_at:
            break
        end = min(end, end_at)
        parts.append(html.escape(text[position:start]))
        parts.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        position = end
    parts.append(html.escape(text[position:end_at]))
    return "".join(parts) + ("…" if end_at < len(text) else "")


def bracketed(text: str, spans: list[tuple[int, int]], open_mark: str = "«", close_mark: str = "»") -> str:
    """``text`` with each span between visible brackets: hits in a plain-text table cell."""
    parts, position = [], 0
    for start, end in spans:
        parts.append(text[position:start] + open_mark + text[start:end] + close_mark)
        position = end
    return "".join(parts) + text[position:]
