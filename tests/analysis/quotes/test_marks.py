"""Tests for quotation marks and paragraphs (analysis.quotes.marks)."""

from __future__ import annotations

import pytest

from analysis.quotes.marks import find_quotations, line_paragraph_bounds


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said “yes, of course.” Then he left.", ["yes, of course."]),
        ("“Russia’s attack on NATO?” he asked.", ["Russia’s attack on NATO?"]),
        ("Unclosed “quote here.\n\nNext paragraph is plain text.", []),
        # A line that re-opens the open quotation continues it, as a paragraph would.
        ("“First line.\n“Second line,” she said.", ["First line.\n“Second line,"]),
        # ...but only the very next line: a later line opening a quote starts its own.
        ("“Never closed.\nA plain line.\n“Own quote,” she said.", ["Own quote,"]),
        # Single marks follow the paragraph convention too (British style).
        ("He said 'Hello,\n\n'this is the second part.' Then he left.", ["Hello,\n\n'this is the second part."]),
        # Quotations closed inside one that never closes are not lost with it.
        ("He said “this never closes, then “a quote” and “another.”", ["a quote", "another."]),
        ("“Open at the end.\n\nHe called it “odd” and left.", ["odd"]),
        # Paragraphs flattened into one line (BBC texts): a mark re-opening the open quotation
        # after a full stop continues it, one quotation from the first mark to the last.
        ('He told BBC News: "We acted. "It is a distraction." Mr Croucher left.',
         ['We acted. "It is a distraction.']),
        ("She said: “First point. “Second point?” Then she left.", ["First point. “Second point?"]),
        # ...still never an unbalanced one swallowing the line, and quotes after commas stay apart
        ('He said: "We acted. "It is open. Then he left.', []),
        ('"A deal," he said, "is a deal."', ["A deal,", "is a deal."]),
        # a stray space before the closing mark after a full stop still closes the quotation
        ('He said: "Peace begins at home. " A spokesman declined to comment.', ["Peace begins at home. "]),
    ],
)
def test_find_quotations(text, expected):
    assert [q.inner(text) for q in find_quotations(text)] == expected


@pytest.mark.parametrize(
    "text, paragraphs",
    [
        ("One line ends.\nAnother starts.", ["One line ends.", "Another starts."]),
        ("A line wrapped\ninside a sentence.", ["A line wrapped\ninside a sentence."]),
        ("“Quoted.”\n“Next.”\n\nNew paragraph.", ["“Quoted.”", "“Next.”", "New paragraph."]),
        ("Ends with a colon:\nlower case goes on.", ["Ends with a colon:\nlower case goes on."]),
        # ".; " is a paragraph break flattened by the archive (SJMN in DUC-2001) ...
        ('It ended.; "We won," he said.; But Sen. Leahy said no.',
         ["It ended.", '"We won," he said.', "But Sen. Leahy said no."]),
        # ... a semicolon inside a sentence is none
        ("He said no; she said yes. Then; Later.", ["He said no; she said yes. Then; Later."]),
    ],
)
def test_line_paragraph_bounds(text, paragraphs):
    assert [text[start:end] for start, end in line_paragraph_bounds(text)] == paragraphs


def test_unbalanced_quotation_is_dropped():
    text = "“Hello,” he said, “how are you doing?"
    assert [q.inner(text) for q in find_quotations(text)] == ["Hello,"]
