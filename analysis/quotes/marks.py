"""Finding quotations delimited by quotation marks in raw text.

A small character scanner, independent of spaCy, that pairs opening and closing marks
(straight, curly, guillemets, LaTeX-style), tells apostrophes from single quotation marks
("Russia’s", "don't" are never quote marks), allows nested quotations, continues a
quotation over a paragraph break (or a line break, in texts with one line a paragraph) when
the next paragraph re-opens it with the same kind of mark (the newspaper convention, for
double and single marks) and never lets an unbalanced mark swallow the rest of the
article: a quotation still open at the end of its paragraph is dropped, and the quotations
closed inside it are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Double quotation marks (two-character LaTeX/NYT forms are handled separately).
DOUBLE_MARKS = frozenset('"“”„‟«»「」')
#: Single quotation marks; only taken as quote marks at word boundaries.
SINGLE_MARKS = frozenset("'‘’‚‛`")
#: Characters after which a mark may open a quotation.
_OPENING_CONTEXT = frozenset(" \t\n\r([{—–-/:;,") | DOUBLE_MARKS | SINGLE_MARKS
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


@dataclass(frozen=True)
class Quotation:
    """A top-level span between quotation marks.

    Attributes:
        open_start: Offset of the opening mark.
        start: First character inside the marks.
        end: Offset just past the last character inside the marks.
        close_end: Offset just past the closing mark.
    """

    open_start: int
    start: int
    end: int
    close_end: int

    def inner(self, text: str) -> str:
        """Return the text between the marks."""
        return text[self.start : self.end]


@dataclass
class _Mark:
    position: int
    length: int
    is_double: bool
    can_open: bool
    can_close: bool


def _marks_in(text: str, start: int, end: int) -> list[_Mark]:
    """Return the candidate quotation marks of ``text[start:end]`` with their possible roles."""
    marks: list[_Mark] = []
    i = start
    while i < end:
        char = text[i]
        pair = text[i : i + 2]
        if pair in ("``", "''"):
            length, is_double = 2, True
        elif char in DOUBLE_MARKS:
            length, is_double = 1, True
        elif char in SINGLE_MARKS:
            length, is_double = 1, False
        else:
            i += 1
            continue
        before = text[i - 1] if i > start else " "
        after = text[i + length] if i + length < end else " "
        space_before = before in _OPENING_CONTEXT or before.isspace()
        space_after = after.isspace() or (not after.isalnum() and after not in "$£€#@(")
        can_open = space_before and not after.isspace()
        can_close = not before.isspace() and (space_after or after in DOUBLE_MARKS | SINGLE_MARKS)
        if is_double and before.isspace() and (after.isspace() or i + length >= end) and text[i - 2 : i - 1] in ".?!":
            can_open, can_close = False, True  # a stray space before a closing mark: "... the community. " A"
        if char in "«「„" and length == 1:
            can_open, can_close = not after.isspace(), False
        elif char in "»」" and length == 1:
            can_open, can_close = False, True
        if not is_double:
            # Inside a word ("Russia’s", "don't") a single mark is an apostrophe.
            if before.isalnum() and after.isalnum():
                i += length
                continue
        if can_open or can_close:
            marks.append(_Mark(i, length, is_double, can_open, can_close))
        i += length
    return marks


def _is_plural_possessive(text: str, mark: _Mark, later_closers: bool) -> bool:
    """Return True for the apostrophe of "Jones' cow" when a later mark can close instead."""
    before = text[mark.position - 1] if mark.position else ""
    after = text[mark.position + 1 : mark.position + 3]
    return later_closers and before in "sS" and after[:1] == " " and after[1:2].isalpha()


def _scan_paragraph(text: str, start: int, end: int, carried: list | None):
    """Pair the marks of one paragraph.

    Returns (closed top-level spans as (open_start, inner_start, inner_end, close_end),
    the open top-level quotation at the paragraph end or None, and the spans closed
    directly inside that open quotation: if it is never closed, they are top level).
    """
    marks = _marks_in(text, start, end)
    stack: list[tuple[_Mark, int]] = []  # (mark, open offset)
    if carried is not None:
        stack.append(carried)
    found, inside_open = [], []
    line_opened = None  # where the open top-level quotation was last opened or re-opened
    for index, mark in enumerate(marks):
        if (
            mark.can_open
            and not mark.can_close
            and len(stack) == 1
            and stack[0][0].is_double == mark.is_double
            and (
                _starts_next_line(text, max(stack[0][0].position, line_opened or 0), mark.position)
                or (mark.is_double and _reopens_after_sentence(text, stack[0][0].position, mark.position))
            )
        ):
            line_opened = mark.position  # the next line re-opening the quotation continues it
            continue
        closable = next(
            (depth for depth in range(len(stack) - 1, -1, -1) if stack[depth][0].is_double == mark.is_double),
            None,
        )
        if mark.can_close and closable is not None:
            if not mark.is_double and _is_plural_possessive(
                text, mark, any(m.can_close and not m.is_double for m in marks[index + 1 :])
            ):
                continue
            if mark.can_open and closable != len(stack) - 1 and mark.is_double:
                # An ambiguous mark inside a deeper quotation of the other kind opens a nested one.
                stack.append((mark, mark.position))
                continue
            if mark.can_open and not mark.can_close:
                stack.append((mark, mark.position))
                continue
            opener, open_at = stack[closable]
            del stack[closable:]
            span = (open_at, opener.position + opener.length, mark.position, mark.position + mark.length)
            if not stack:
                found.append(span)
                inside_open = []
            elif len(stack) == 1:
                inside_open.append(span)
            continue
        if mark.can_open:
            stack.append((mark, mark.position))
    open_quote = stack[0] if stack else None
    return found, open_quote, inside_open if open_quote is not None else []


def _reopens_after_sentence(text: str, opened: int, position: int) -> bool:
    """Return True for a double mark that only opens, right after the end of a sentence inside
    an open double quotation: a paragraph break the source flattened into a space
    (``told BBC News: "A. "B. "C."`` is one quotation of three paragraphs).
    """
    before = text[opened + 1 : position].rstrip(" \t")
    return len(before) < len(text[opened + 1 : position]) and before[-1:] in (".", "?", "!")


def _starts_next_line(text: str, opened: int, position: int) -> bool:
    """Return True when ``position`` starts the line right after the one holding ``opened``."""
    line_start = text.rfind("\n", 0, position) + 1
    return line_start > 0 and not text[line_start:position].strip() and "\n" not in text[opened : line_start - 1]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of the paragraphs of ``text`` (separated by blank lines)."""
    bounds, last = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((last, match.start()))
        last = match.end()
    bounds.append((last, len(text)))
    return [(s, e) for s, e in bounds if s < e]


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the blank-line separated paragraphs of ``text``."""
    return _paragraphs(text)


_LINE_PARAGRAPH_BREAK = re.compile(
    r"(?<=[.?!\"”’:)])[ \t\r]*\n(?=[ \t]*[A-Z“\"‘'])"
    # a paragraph break some newswire archives flatten into ".; " (San Jose Mercury News in DUC)
    r"|(?:(?<=[.?!][\"”’)])|(?<=[.?!]));[ \t]+(?=[A-Z“\"‘(])"
)


def line_paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Return paragraphs as :func:`paragraph_bounds` does, but also split where a line ends a
    sentence and the next starts a new one: texts with one line per paragraph have no blank
    lines, while a line wrapped inside a sentence stays whole. A semicolon right after the end
    of a sentence (``... in the future."; But Sen. Leahy said``) is a flattened paragraph break.
    """
    bounds = []
    for start, end in _paragraphs(text):
        last = start
        for match in _LINE_PARAGRAPH_BREAK.finditer(text, start, end):
            bounds.append((last, match.start()))
            last = match.end()
        bounds.append((last, end))
    return [(s, e) for s, e in bounds if s < e]


def _opens_with_mark(text: str, start: int, end: int, is_double: bool) -> int | None:
    """Return the length of an opening mark at the start of a paragraph (after spaces), else None."""
    i = start
    while i < end and text[i] in " \t":
        i += 1
    for mark in _marks_in(text, i, min(end, i + 3))[:1]:
        if mark.position == i and mark.can_open and mark.is_double == is_double:
            return i + mark.length
    return None


def find_quotations(text: str) -> list[Quotation]:
    """Return the top-level quotations of ``text`` in order.

    A quotation left open at the end of a paragraph continues only when the next
    paragraph opens with a quotation mark of the same kind; otherwise it is dropped, so an
    unbalanced mark never swallows the following text, and the quotations closed inside it
    become top-level ones.

    Args:
        text: The exact article text.

    Returns:
        Quotations with offsets into ``text``; nested quotations are inside their parents.
    """
    quotations: list[Quotation] = []
    carried = None  # (mark, original open offset) of a quotation continuing from before
    carried_inner = None
    orphans: list[tuple[int, int, int, int]] = []  # closed inside a quotation not closed yet
    for start, end in _paragraphs(text):
        if carried is not None:
            reopened = _opens_with_mark(text, start, end, carried[0].is_double)
            if reopened is None:
                carried = None
                quotations.extend(Quotation(*span) for span in orphans)
                orphans = []
            else:
                start = reopened
        found, open_quote, inside_open = _scan_paragraph(text, start, end, carried)
        if found:
            orphans = []
        for open_at, inner_start, inner_end, close_end in found:
            if carried is not None and open_at == carried[1]:
                inner_start = carried_inner
            quotations.append(Quotation(open_at, inner_start, inner_end, close_end))
        if open_quote is not None:
            if carried is None or open_quote[1] != carried[1]:
                carried_inner = open_quote[0].position + open_quote[0].length
                orphans = []
            carried = open_quote
            orphans += inside_open
        else:
            # The open quotation is dropped: the quotations closed inside it stand alone.
            quotations.extend(Quotation(*span) for span in orphans + inside_open)
            orphans = []
            carried = None
    quotations.extend(Quotation(*span) for span in orphans)
    return sorted(quotations, key=lambda q: q.open_start)
