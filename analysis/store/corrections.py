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
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import uuid
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.store.corpus import Corpus
from analysis.store.fs import is_remote, remote
from analysis.store.lock import writer_lock

LOG_NAME = "corrections.jsonl"
#: What an entry can do: hide a statement, set its speaker, its countries, its topics, or undo an entry.
ACTIONS = ("hide", "speaker", "countries", "topics", "undo")
#: The longest name, speaker or excerpt kept in an entry (characters).
MAX_TEXT = 200
#: The most countries or topics one entry may set.
MAX_VALUES = 40
#: The largest log read or written (bytes): beyond it appending is refused and loading stops there.
MAX_LOG_BYTES = 5_000_000
#: The longest line read (characters); a longer one is reported and skipped.
MAX_LINE = 4_000
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


@dataclass(frozen=True)
class Report:
    """What :func:`apply_corrections` did.

    Attributes:
        applied: Corrections in force that found their statement.
        unmatched: Corrections in force whose statement is not in the store (reported, not applied).
        hidden: Statements hidden.
        log: The log read.
        status: Entry id -> "applied", "not found" (in force, statement missing), "undone" or "undo".
    """

    applied: int = 0
    unmatched: tuple[Correction, ...] = ()
    hidden: int = 0
    log: Log = field(default_factory=Log)
    status: dict = field(default_factory=dict)


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


def _entry(record: Any) -> Correction:
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
            entry = _entry(record)
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
    entry = _entry(record)
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


def _statement_index(quotes: pd.DataFrame, article_ids: set[str]) -> tuple[dict, dict]:
    """For the statements of ``article_ids``: ``{(article, text hash): [(start, row), ...]}`` and
    ``{(article, start, end): row}`` (``row``: the position in ``quotes``).
    """
    articles = quotes["article_id"].astype(object).to_numpy()
    rows = np.flatnonzero(pd.Series(articles).isin(article_ids).to_numpy())
    texts, starts, ends = (quotes[c].to_numpy()[rows] for c in ("text", "start", "end"))
    by_text: dict[tuple[str, str], list[tuple[int, int]]] = {}
    by_span: dict[tuple[str, int, int], int] = {}
    for row, text, start, end in zip(rows.tolist(), texts, starts.tolist(), ends.tolist(), strict=True):
        article = articles[row]
        by_text.setdefault((article, text_hash(text)), []).append((start, row))
        by_span.setdefault((article, start, end), row)
    return by_text, by_span


def _match(by_text: dict, by_span: dict, key: dict) -> int | None:
    """The row of the statement ``key`` names: the same text hash in its article (the nearest start
    when several), else the same span; None when none matches.
    """
    same_text = by_text.get((key["article"], key["text"]))
    if same_text:
        return min(same_text, key=lambda pair: (abs(pair[0] - key["start"]), pair[1]))[1]
    return by_span.get((key["article"], key["start"], key["end"]))


def _long_table(quotes: pd.DataFrame, column: str, value_name: str, like: pd.DataFrame) -> pd.DataFrame:
    """(quote_id, value, row) of a list column, as :func:`analysis.store.load_corpus` derives them."""
    long = quotes[["quote_id", column]].explode(column).dropna()
    long["row"] = long.index.to_numpy(dtype="int64")
    long = long.rename(columns={column: value_name}).reset_index(drop=True)
    if value_name in like.columns and isinstance(like[value_name].dtype, pd.CategoricalDtype):
        long[value_name] = long[value_name].astype("category")
    return long


def _set_values(column: pd.Series, rows: list[int], values: list) -> pd.Series:
    """``column`` with ``values`` at positions ``rows`` (a new Series; categoricals stay categoricals)."""
    array = column.astype(object).to_numpy(copy=True)
    array = np.where(pd.isna(array), None, array) if column.dtype != object else array
    for row, value in zip(rows, values, strict=True):
        array[row] = value
    if isinstance(column.dtype, pd.CategoricalDtype):
        return pd.Series(array, index=column.index, name=column.name).astype("category")
    if column.dtype == object:
        return pd.Series(array, index=column.index, name=column.name, dtype=object)
    return pd.Series(array, index=column.index, name=column.name).astype(column.dtype)


def apply_corrections(corpus: Corpus, log: Log) -> tuple[Corpus, Report]:
    """``corpus`` with the corrections in force applied, and what was done.

    Later corrections of the same field of a statement win; a hidden statement leaves the
    statements (and the country and topic tables). Fixing a speaker to a name gives a statement
    without a speaker kind the kind "person"; fixing its countries keeps only those of its
    ``about`` countries (what it is mainly about) that are still among them. A correction whose
    statement is not found is reported in :attr:`Report.unmatched`, never applied elsewhere.
    The new corpus has its own (empty) ``derived``: indexes over the statements are rebuilt.
    """
    force = in_force(log.entries)
    status = {e.id: "undone" if not force[e.id] else "undo" for e in log.entries
              if not force[e.id] or e.action == "undo"}
    active = [e for e in log.entries if force[e.id] and e.action != "undo"]
    if not active:
        return corpus, Report(log=log, status=status)
    quotes = corpus.quotes
    by_text, by_span = _statement_index(quotes, {e.statement["article"] for e in active})
    hidden: set[int] = set()
    changes: dict[str, dict[int, Any]] = {"speaker": {}, "countries": {}, "topics": {}}
    unmatched = []
    for entry in active:
        row = _match(by_text, by_span, entry.statement)
        if row is None:
            unmatched.append(entry)
            status[entry.id] = "not found"
            continue
        status[entry.id] = "applied"
        if entry.action == "hide":
            hidden.add(row)
        else:
            changes[entry.action][row] = entry.new
    columns = {}
    for name, values in changes.items():
        if values and name in quotes.columns:
            columns[name] = _set_values(quotes[name], list(values), list(values.values()))
    if changes["speaker"] and "speaker_kind" in quotes.columns:
        kinds = quotes["speaker_kind"]
        rows = [r for r, name in changes["speaker"].items() if name is not None and pd.isna(kinds.iloc[r])]
        columns["speaker_kind"] = _set_values(kinds, rows, ["person"] * len(rows))
    if changes["countries"] and "about" in quotes.columns:
        about = quotes["about"]
        rows = list(changes["countries"])
        kept = [tuple(c for c in (about.iloc[r] if isinstance(about.iloc[r], (tuple, list, np.ndarray)) else ())
                      if c in changes["countries"][r]) for r in rows]
        columns["about"] = _set_values(about, rows, kept)
    corrected = quotes.assign(**columns) if columns else quotes.copy(deep=False)
    if hidden:
        keep = np.ones(len(corrected), dtype=bool)
        keep[sorted(hidden)] = False
        corrected = corrected[keep].reset_index(drop=True)
    new = dataclasses.replace(
        corpus, quotes=corrected, derived={},
        quote_countries=_long_table(corrected, "countries", "iso3", corpus.quote_countries),
        quote_topics=_long_table(corrected, "topics", "topic", corpus.quote_topics))
    applied = sum(1 for e in active if status[e.id] == "applied")
    return new, Report(applied=applied, unmatched=tuple(unmatched), hidden=len(hidden), log=log, status=status)


def applied_note(report: Report | None) -> str:
    """"3 corrections applied" (with the ones not found), or "" when there are none."""
    if report is None or not (report.applied or report.unmatched):
        return ""
    note = f"{report.applied:,} correction{'' if report.applied == 1 else 's'} applied"
    if report.unmatched:
        note += f" ({len(report.unmatched):,} not matching a stored statement, not applied)"
    return note
