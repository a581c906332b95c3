"""The corrections log's entries: statement keys that survive re-analysis, each line checked, and which are in force.

A statement is named by :func:`statement_key`: its article's id, a hash of its :func:`normalised`
text and its character span (the fallback when the text no longer matches). :func:`parse_entry`
turns one parsed line into a :class:`Correction` or says what is wrong with it (values bounded:
:data:`MAX_TEXT`, :data:`MAX_VALUES`); :func:`in_force` decides which entries undos took back.
The log file itself (reading, appending) is :mod:`analysis.store.corrections`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

#: What an entry can do: hide a statement, set its speaker, its countries, its topics, or undo an entry.
ACTIONS = ("hide", "speaker", "countries", "topics", "undo")
#: The longest name, speaker or excerpt kept in an entry (characters).
MAX_TEXT = 200
#: The most countries or topics one entry may set.
MAX_VALUES = 40
DEFAULT_WHO = "analyst"

_NON_WORD = re.compile(r"[\W_]+")
_CODE = re.compile(r"^[A-Za-z0-9_]{1,40}$")


def normalised(text: str) -> str:
    """``text`` lower case with every run of non-word characters as one space (for the key)."""
    return _NON_WORD.sub(" ", str(text).lower()).strip()


def text_hash(text: str) -> str:
    """A short hash of the :func:`normalised` text of a statement (16 hex digits)."""
    return hashlib.sha256(normalised(text).encode("utf-8")).hexdigest()[:16]


def statement_key(article_id: str, text: str, start: int, end: int) -> dict[str, Any]:
    """The key of a statement in the log: article id, text hash, span and a short excerpt (shown
    in the log's listing; not used for matching).
    """
    excerpt = " ".join(str(text).split())
    return {"article": str(article_id), "text": text_hash(text), "start": int(start), "end": int(end),
            "excerpt": excerpt[:MAX_TEXT]}


@dataclass(frozen=True)
class Correction:
    """One line of the log.

    Attributes:
        id: The entry's id (``c-`` and 12 hex digits), named by an undo.
        who: Who made it, as they typed their name.
        when: UTC time, ISO 8601 (``2026-12-05T23:01:02Z``).
        action: One of :data:`ACTIONS`.
        statement: The statement's key (:func:`statement_key`); None for an undo.
        old: The value before (None for hide and undo).
        new: The value after: a speaker name (None: no named speaker), a tuple of ISO-3 codes or
            topic ids; None for hide and undo.
        target: The id of the entry an undo takes back; None otherwise.
    """

    id: str
    who: str
    when: str
    action: str
    statement: dict | None = None
    old: Any = None
    new: Any = None
    target: str | None = None

    def to_json(self) -> str:
        """The entry as one line of the log (no newline)."""
        record = {"id": self.id, "who": self.who, "when": self.when, "action": self.action}
        if self.action == "undo":
            record["target"] = self.target
        else:
            record["statement"] = self.statement
            if self.action != "hide":
                record["old"] = list(self.old) if isinstance(self.old, tuple) else self.old
                record["new"] = list(self.new) if isinstance(self.new, tuple) else self.new
        return json.dumps(record, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class Log:
    """What :func:`read_log` found: the valid entries in order and a message per skipped line."""

    entries: tuple[Correction, ...] = ()
    problems: tuple[str, ...] = ()


def _clean_text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text")
    value = " ".join(value.split())
    if len(value) > MAX_TEXT:
        raise ValueError(f"{what} is longer than {MAX_TEXT} characters")
    return value


def _clean_codes(values: Any, what: str) -> tuple[str, ...]:
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{what} must be a list of codes")
    if len(values) > MAX_VALUES:
        raise ValueError(f"{what}: at most {MAX_VALUES} values")
    bad = [v for v in values if not _CODE.match(v)]
    if bad:
        raise ValueError(f"{what}: {bad[0][:40]!r} is not a code")
    return tuple(dict.fromkeys(values))


def _clean_value(action: str, value: Any, what: str) -> Any:
    """A speaker name (None or "" for no named speaker) or a tuple of codes, checked."""
    if action == "speaker":
        return None if value is None else (_clean_text(value, what) or None)
    return _clean_codes(value if value is not None else (), what)


def _clean_key(key: Any) -> dict:
    if not isinstance(key, dict):
        raise ValueError("statement must be an object")
    article, digest = key.get("article"), key.get("text")
    if not isinstance(article, str) or not article or len(article) > MAX_TEXT:
        raise ValueError("statement has no article id")
    if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{16}", digest):
        raise ValueError("statement has no text hash")
    start, end = key.get("start"), key.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end) or isinstance(start, bool):
        raise ValueError("statement has no character span")
    excerpt = key.get("excerpt", "")
    return {"article": article, "text": digest, "start": start, "end": end,
            "excerpt": excerpt[:MAX_TEXT] if isinstance(excerpt, str) else ""}


def parse_entry(record: Any) -> Correction:
    """A :class:`Correction` from one parsed line, or ValueError saying what is wrong with it."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    action = record.get("action")
    if action not in ACTIONS:
        raise ValueError(f"unknown action {str(action)[:40]!r}")
    entry_id = record.get("id")
    if not isinstance(entry_id, str) or not re.fullmatch(r"c-[0-9a-f]{12}", entry_id):
        raise ValueError("no valid id")
    who = _clean_text(record.get("who"), "who") or DEFAULT_WHO
    when = record.get("when")
    if not isinstance(when, str) or len(when) > 40:
        raise ValueError("no valid time")
    try:
        dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"time {when!r} is not ISO 8601") from None
    if action == "undo":
        target = record.get("target")
        if not isinstance(target, str) or not re.fullmatch(r"c-[0-9a-f]{12}", target):
            raise ValueError("undo names no entry")
        return Correction(entry_id, who, when, action, target=target)
    statement = _clean_key(record.get("statement"))
    if action == "hide":
        return Correction(entry_id, who, when, action, statement)
    return Correction(entry_id, who, when, action, statement, _clean_value(action, record.get("old"), "old value"),
                      _clean_value(action, record.get("new"), "new value"))


def in_force(entries) -> dict[str, bool]:
    """Entry id -> whether it is in force: not taken back by an undo that is itself in force.

    An undo names an earlier entry, so going from the last entry back decides every entry
    after the ones that could undo it: an undo of an undo puts the first entry back.
    """
    undone: set[str] = set()
    force = {}
    for entry in reversed(entries):
        force[entry.id] = entry.id not in undone
        if entry.action == "undo" and force[entry.id]:
            undone.add(entry.target)
    return force
