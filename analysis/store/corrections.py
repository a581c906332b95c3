"""An analyst's corrections of statements: an append-only log beside the store, applied at load.

The log is ``STORE/corrections.jsonl`` (``PREFIX/corrections.jsonl`` on an object store): one
JSON object per line, never edited or shortened. Each entry says who (a name the analyst
typed), when (UTC, ISO 8601) and what: an ``action`` (:data:`ACTIONS`), the statement it is
about, and the old and new value. ``undo`` entries name the entry they take back (an undo can
itself be undone, which puts the correction back); nothing is ever deleted.

A statement is named by a key that survives re-analysis (:func:`statement_key`): its article's
id (a hash of the article's content), a hash of its normalised text (lower case, runs of
non-word characters as one space, so a changed quotation mark or a moved comma still
matches) and its character span as the fallback when the text no longer matches. The
generated ``quote_id`` (the statement's position in its article) is not used: a new analysis
version may number statements differently.

Writing holds the store's writer lock (:func:`analysis.store.lock.writer_lock`) and replaces
the whole log by a complete new copy (write a temporary file, then rename it; one PUT of the
whole object on an object store), so a reader sees the old log or the new one, never half a
line. Reading never fails on the log: a line that is not a valid entry is reported and
skipped. The log is data from users: values are bounded in size (:data:`MAX_TEXT`,
:data:`MAX_VALUES`, :data:`MAX_LOG_BYTES`) and the app shows them escaped (docs/security.md).

Pure pandas; :func:`apply_corrections` gives a new :class:`~analysis.store.Corpus` and never
modifies the one it gets.

This module is the log file (its path, reading, appending); its entries (statement keys, each line
checked, undo) are :mod:`analysis.store.correction_entries`, and :mod:`analysis.store.corrections_apply`
applies them to a loaded corpus. The names callers use are re-exported here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import uuid
from typing import Any

from analysis.store.correction_entries import (
    ACTIONS,
    DEFAULT_WHO,
    MAX_TEXT,
    MAX_VALUES,
    Correction,
    Log,
    in_force,
    normalised,
    parse_entry,
    statement_key,
    text_hash,
)
from analysis.store.corrections_apply import Report, applied_note, apply_corrections
from analysis.store.fs import is_remote, remote
from analysis.store.lock import writer_lock

LOG_NAME = "corrections.jsonl"
#: The largest log read or written (bytes): beyond it appending is refused and loading stops there.
MAX_LOG_BYTES = 5_000_000
#: The longest line read (characters); a longer one is reported and skipped.
MAX_LINE = 4_000


def log_path(store: str) -> str:
    """Where the log of ``store`` is (a path, or a path inside the object store)."""
    if is_remote(store):
        return f"{remote(store)[1]}/{LOG_NAME}"
    return os.path.join(store, LOG_NAME)


def _read_raw(store: str) -> bytes | None:
    """The log's bytes (at most :data:`MAX_LOG_BYTES` plus one), None when there is no log."""
    if is_remote(store):
        filesystem, _ = remote(store)
        path = log_path(store)
        filesystem.invalidate_cache(path)
        try:
            with filesystem.open(path, "rb") as handle:
                return handle.read(MAX_LOG_BYTES + 1)
        except FileNotFoundError:
            return None
    try:
        with open(log_path(store), "rb") as handle:
            return handle.read(MAX_LOG_BYTES + 1)
    except FileNotFoundError:
        return None


def log_token(store: str) -> str | None:
    """A fingerprint of the log's content (for caches and a view's provenance), None when there is
    no log: a hash of its bytes locally (a log is small), the object's ETag on an object store.
    """
    if is_remote(store):
        filesystem, _ = remote(store)
        path = log_path(store)
        filesystem.invalidate_cache(path)
        try:
            info = filesystem.info(path)
        except FileNotFoundError:
            return None
        return f"{info.get('ETag') or info.get('mtime') or ''}:{info.get('size')}"
    raw = _read_raw(store)
    return None if raw is None else hashlib.sha256(raw).hexdigest()[:16]


def parse_log(raw: bytes) -> Log:
    """The entries of a log's bytes; each line that is not a valid entry is reported and skipped."""
    problems = []
    if len(raw) > MAX_LOG_BYTES:
        problems.append(f"{LOG_NAME} is larger than {MAX_LOG_BYTES:,} bytes: only its beginning is read")
        raw = raw[:MAX_LOG_BYTES]
        raw = raw[:raw.rfind(b"\n") + 1]
    entries, seen = [], set()
    for number, line in enumerate(raw.decode("utf-8", errors="replace").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            if len(line) > MAX_LINE:
                raise ValueError(f"longer than {MAX_LINE:,} characters")
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                raise ValueError("not JSON") from None
            entry = parse_entry(record)
            if entry.id in seen:
                raise ValueError(f"id {entry.id} used before")
            if entry.action == "undo" and entry.target not in seen:
                raise ValueError(f"undoes {entry.target}, which is not an earlier entry")
        except ValueError as error:
            problems.append(f"{LOG_NAME} line {number}: {error}; skipped")
            continue
        seen.add(entry.id)
        entries.append(entry)
    return Log(tuple(entries), tuple(problems))


def read_log(store: str) -> Log:
    """The corrections of ``store`` (an empty :class:`Log` when it has none)."""
    raw = _read_raw(store)
    return Log() if raw is None else parse_log(raw)


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _write_whole(store: str, data: bytes) -> None:
    """Replace the log by ``data`` at once: a renamed temporary file, or one PUT of the object."""
    if is_remote(store):
        filesystem, _ = remote(store)
        filesystem.pipe_file(log_path(store), data)
        return
    os.makedirs(store, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{LOG_NAME}.", suffix=".tmp", dir=store)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, log_path(store))
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def append_correction(store: str, who: str, action: str, statement: dict | None = None, old: Any = None,
                      new: Any = None, target: str | None = None, when: str | None = None) -> Correction:
    """Append one entry to the log of ``store`` (atomically, holding the writer lock) and return it.

    Args:
        store: The store folder or object-store URL.
        who: The analyst's name (empty: :data:`DEFAULT_WHO`).
        action: One of :data:`ACTIONS`.
        statement: The statement's :func:`statement_key` (not for an undo).
        old: The value before (a speaker name or None; a list of codes).
        new: The value after (as ``old``).
        target: For an undo, the id of the entry taken back.
        when: The time to record (default now, UTC).

    Raises:
        ValueError: A bad value (the message says which), an undo of an entry that is not in the
            log or not in force, or a log that would grow beyond :data:`MAX_LOG_BYTES`.
        StoreBusy: Another process holds the store's writer lock.
    """
    record = {"id": "c-" + uuid.uuid4().hex[:12], "who": who if isinstance(who, str) else "",
              "when": when or _now(), "action": action, "statement": statement, "old": old, "new": new,
              "target": target}
    entry = parse_entry(record)
    line = (entry.to_json() + "\n").encode("utf-8")
    with writer_lock(store):
        raw = _read_raw(store) or b""
        if action == "undo":
            entries = parse_log(raw).entries
            if target not in {e.id for e in entries}:
                raise ValueError(f"there is no entry {target} to undo")
            if not in_force(entries)[target]:
                raise ValueError(f"entry {target} is undone already")
        if len(raw) + len(line) > MAX_LOG_BYTES:
            raise ValueError(f"the corrections log would grow beyond {MAX_LOG_BYTES:,} bytes")
        if raw and not raw.endswith(b"\n"):  # a log edited by hand without a final newline
            raw += b"\n"
        _write_whole(store, raw + line)
    return entry


__all__ = ["ACTIONS", "DEFAULT_WHO", "LOG_NAME", "MAX_LINE", "MAX_LOG_BYTES", "MAX_TEXT", "MAX_VALUES", "Correction",
           "Log", "Report", "append_correction", "applied_note", "apply_corrections", "in_force", "log_path",
           "log_token", "normalised", "parse_log", "read_log", "statement_key", "text_hash"]
