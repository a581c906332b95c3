"""``python -m analysis tone FILE.jsonl``: the tone towards each target of NewsMTSC-style lines.

Input: one JSON object per line with ``sentence_normalized`` (the sentence) and ``targets``
(a list of objects with ``from`` and ``to``, character offsets into the sentence, end
exclusive; other fields, such as a gold ``polarity``, are ignored). Output: one JSON object
per valid input line, in input order, ``{"line": N, "targets": [{"from", "to", "polarity"}]}``
with N the input's line number (1-based) and polarity ``negative``, ``neutral`` or
``positive``; a line with an empty ``targets`` list gives an empty list.

A bad line (not JSON, not an object, a missing or mistyped field, offsets outside the
sentence) is skipped with a one-line error on stderr naming the file and line; the other
lines are still read, the output's ``line`` keeps them aligned with the input, and the
exit status is 1. Blank lines are skipped silently.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import TextIO

from analysis.tone.targeted import TONE_PATH, load_tone_model

#: Lines read before the model runs (the output streams chunk by chunk).
CHUNK = 256


class BadLine(ValueError):
    """An input line that cannot be read; the message says why."""


def _offset(target: dict, name: str, number: int) -> int:
    value = target.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadLine(f'target {number}: "{name}" must be an integer, got {json.dumps(value)[:40]}')
    return value


def parse_line(line: str) -> tuple[str, list[tuple[int, int]]]:
    """Return the sentence and target spans of one input line.

    Raises:
        BadLine: The line is not a JSON object with a string ``sentence_normalized`` and a
            list ``targets`` of objects whose integer ``from`` < ``to`` lie inside the sentence.
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadLine(f"not JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise BadLine(f"expected a JSON object, got {type(record).__name__}")
    sentence = record.get("sentence_normalized")
    if not isinstance(sentence, str):
        raise BadLine('missing "sentence_normalized" (a string)')
    targets = record.get("targets")
    if not isinstance(targets, list):
        raise BadLine('missing "targets" (a list of {"from", "to"})')
    spans = []
    for number, target in enumerate(targets, start=1):
        if not isinstance(target, dict):
            raise BadLine(f'target {number}: expected an object with "from" and "to"')
        start, end = _offset(target, "from", number), _offset(target, "to", number)
        if not 0 <= start < end <= len(sentence):
            raise BadLine(f"target {number}: from {start} to {end} is not a span of the sentence "
                          f"(0 <= from < to <= {len(sentence)})")
        if not sentence[start:end].strip():
            raise BadLine(f"target {number}: from {start} to {end} is only white space")
        spans.append((start, end))
    return sentence, spans


def tone_lines(lines: Iterable[str], name: str, out: TextIO, err: TextIO) -> int:
    """Write the tone of every valid line to ``out`` and an error per bad line to ``err``.

    Args:
        lines: The input's lines.
        name: The input's name, for the error messages.
        out: Where the JSON lines go.
        err: Where the errors go.

    Returns:
        The exit status: 0 when every line was read, 1 when a line was bad or the model is missing.
    """
    model = load_tone_model()
    if model is None:
        print(f"error: the tone model {TONE_PATH} is missing", file=err)
        return 1
    failed = False
    pending: list[tuple[int, str, list[tuple[int, int]]]] = []

    def flush() -> None:
        found = model.polarities([(sentence, spans) for _number, sentence, spans in pending])
        for (number, _sentence, spans), polarities in zip(pending, found, strict=True):
            targets = [{"from": s, "to": e, "polarity": p} for (s, e), p in zip(spans, polarities, strict=True)]
            out.write(json.dumps({"line": number, "targets": targets}) + "\n")
        pending.clear()

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            pending.append((number, *parse_line(line)))
        except BadLine as error:
            print(f"error: {name}:{number}: {error}", file=err)
            failed = True
        if len(pending) >= CHUNK:
            flush()
    flush()
    return 1 if failed else 0


def tone_file(path: str, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run :func:`tone_lines` over a UTF-8 file (``-`` reads stdin); an unreadable file is one error line.

    ``out`` and ``err`` default to the standard output and error streams of the moment.
    """
    out, err = out or sys.stdout, err or sys.stderr
    if path == "-":
        return tone_lines(sys.stdin, "<stdin>", out, err)
    try:
        with open(path, encoding="utf-8") as handle:
            return tone_lines(handle, path, out, err)
    except OSError as error:
        print(f"error: cannot read {path}: {error.strerror or error}", file=err)
    except UnicodeDecodeError as error:
        print(f"error: {path} is not UTF-8 text (byte {error.start})", file=err)
    return 1
