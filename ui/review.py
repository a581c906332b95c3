"""Review and correct: hide a statement, fix its speaker, countries or topics, and undo corrections.

The widgets behind the Quotes and Reader pages' "Review this statement" and the Corpus page's
"Corrections" panel. Each correction is one entry appended to the store's corrections log
(:mod:`analysis.store.corrections`) with the analyst's name (typed once per session) and the
time; the next run loads the corpus with it applied (:func:`ui.data.get_corpus`), so every
page, filter, export and brief shows the corrected statements. Nothing is ever deleted: an
undo is one more entry. Everything from the log is shown as text (:func:`ui.safe.md`, tables).
"""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from analysis.countries import country_table
from analysis.store import StoreBusy, access_errors
from analysis.store.corrections import (
    DEFAULT_WHO,
    MAX_TEXT,
    Correction,
    Report,
    append_correction,
    applied_note,
    in_force,
    statement_key,
)
from analysis.topics import load_taxonomy
from ui.data import store_dir
from ui.labels import country_label, country_name, topic_label
from ui.safe import md

#: Session-state key of the analyst's name (kept across pages for the session).
WHO = "review_who"
#: Session-state key of the message of the last correction (shown once, on the next run).
DONE = "review_done"
#: Session-state key of the sidebar's "Presentation mode" toggle (:func:`ui.components.presentation_mode`).
PRESENTING = "presentation_mode"
#: Log entries listed in the Corrections panel (most recent first).
PANEL_ROWS = 500
ACTION_LABELS = {"hide": "hid the statement", "speaker": "speaker", "countries": "countries",
                 "topics": "topics", "undo": "undo"}


def reviewer(key: str) -> str:
    """The analyst's name: a text box filled with the name typed before this session (default
    "analyst"); what is typed is kept for the session.
    """
    st.session_state.setdefault(WHO, DEFAULT_WHO)
    name = st.text_input("Your name (kept for this session; recorded with each correction)",
                         value=st.session_state[WHO], key=f"{key}_who", max_chars=80)
    st.session_state[WHO] = name.strip() or DEFAULT_WHO
    return st.session_state[WHO]


@functools.cache
def country_options() -> tuple[str, ...]:
    """Every country and region key of the gazetteer, by name."""
    table = country_table()
    return tuple(sorted([*table.countries, *table.regions], key=country_name))


@functools.cache
def topic_options() -> tuple[str, ...]:
    """Every topic id of the taxonomy, in its order."""
    return tuple(topic.id for topic in load_taxonomy())


def _speaker(value) -> str:
    return value if isinstance(value, str) else ""


def _codes(value) -> list[str]:
    return [str(v) for v in value] if isinstance(value, (tuple, list)) or hasattr(value, "tolist") else []


def _log(who: str, action: str, key: dict | None = None, old=None, new=None, target: str | None = None) -> bool:
    """Append one correction; say what went wrong (as text) and return False when it was refused."""
    try:
        append_correction(store_dir(), who, action, key, old=old, new=new, target=target)
    except StoreBusy as error:
        st.error(md(f"Not saved: {error}"))
        return False
    except ValueError as error:
        st.error(md(f"Not saved: {error}."))
        return False
    except access_errors() as error:
        st.error(md(f"Not saved: the corrections log cannot be written ({error})."))
        return False
    return True


def done_notice() -> None:
    """The message of the correction made on the previous run, once."""
    message = st.session_state.pop(DONE, None)
    if message:
        st.success(md(message), icon=":material/check:")


def review_statement(row: pd.Series, key: str) -> None:
    """"Review this statement": hide it, or fix its speaker, countries or topics (one log entry
    per changed field), for the statement ``row`` (a row of the loaded statements). Not drawn in
    presentation mode.

    Args:
        row: The statement (``article_id``, ``text``, ``start``, ``end``, ``speaker``, ``countries``, ``topics``).
        key: A prefix for the widget keys, one per place on a page.
    """
    if st.session_state.get(PRESENTING):  # a projector shows statements; corrections are made at a desk
        return
    done_notice()
    statement = statement_key(row["article_id"], row["text"], row["start"], row["end"])
    # Keys per statement: picking another statement starts its form afresh.
    suffix = f"{key}_{statement['article']}_{statement['start']}_{statement['end']}"
    with st.expander("Review this statement: hide it, fix its speaker, countries or topics"):
        st.caption("Each change is logged beside the store with your name and the time; every page, the "
                   "brief and the export show the corrected statement. Undo any change in the Corpus "
                   "page's Corrections panel.")
        who = reviewer(key)
        if st.button("Hide this statement", key=f"{suffix}_hide", icon=":material/visibility_off:"):
            if _log(who, "hide", statement):
                st.session_state[DONE] = "Statement hidden (undo it in the Corpus page's Corrections panel)."
                st.rerun()
        speaker, countries, topics = _speaker(row.get("speaker")), _codes(row.get("countries")), _codes(
            row.get("topics"))
        with st.form(f"{suffix}_fix", border=False):
            new_speaker = st.text_input("Speaker (empty: no named speaker)", value=speaker, max_chars=MAX_TEXT,
                                        key=f"{suffix}_speaker")
            country_choices = list(dict.fromkeys([*countries, *country_options()]))
            new_countries = st.multiselect("Countries", country_choices, default=countries,
                                           format_func=country_label, key=f"{suffix}_countries")
            topic_choices = list(dict.fromkeys([*topics, *topic_options()]))
            new_topics = st.multiselect("Topics", topic_choices, default=topics, format_func=topic_label,
                                        key=f"{suffix}_topics")
            submitted = st.form_submit_button("Save corrections", icon=":material/edit:")
        if submitted:
            changes = [(action, old, new) for action, old, new in (
                ("speaker", speaker or None, " ".join(new_speaker.split()) or None),
                ("countries", countries, list(new_countries)), ("topics", topics, list(new_topics)))
                if old != new]
            if not changes:
                st.info("Nothing changed.")
                return
            saved = [action for action, old, new in changes if _log(who, action, statement, old=old, new=new)]
            if saved:
                st.session_state[DONE] = f"Saved: {', '.join(saved)} (undo in the Corpus page's Corrections panel)."
                st.rerun()


def _value(action: str, value) -> str:
    """A logged value as words."""
    if action == "speaker":
        return value or "(no named speaker)"
    if action == "countries":
        return ", ".join(country_name(v) for v in value or ()) or "(none)"
    if action == "topics":
        return ", ".join(topic_label(v) for v in value or ()) or "(none)"
    return ""


STATUS_LABELS = {"applied": "applied", "not found": "statement not in the store: not applied",
                 "undone": "undone", "undo": "undo"}


def log_table(entries: tuple[Correction, ...], status: dict, titles: dict) -> pd.DataFrame:
    """The log as a table, most recent first: when, who, what, the statement and its article, old
    and new value, status (shown by ``st.dataframe``: text, never markup).
    """
    by_id = {entry.id: entry for entry in entries}
    rows = []
    for entry in reversed(entries[-PANEL_ROWS:]):
        target = by_id.get(entry.target) if entry.action == "undo" else entry
        statement = (target.statement or {}) if target else {}
        if entry.action == "undo":
            what = f"undo: {ACTION_LABELS.get(target.action, '') if target else ''} ({entry.target})"
        else:
            what = ACTION_LABELS[entry.action]
        rows.append({"When (UTC)": entry.when.replace("T", " ").rstrip("Z"), "Who": entry.who, "What": what,
                     "Statement": statement.get("excerpt", ""),
                     "Article": titles.get(statement.get("article"), statement.get("article", "")),
                     "Old": _value(entry.action, entry.old), "New": _value(entry.action, entry.new),
                     "Status": STATUS_LABELS.get(status.get(entry.id, ""), ""), "Entry": entry.id})
    return pd.DataFrame(rows, columns=["When (UTC)", "Who", "What", "Old", "New", "Status", "Statement", "Article",
                                       "Entry"])


def corrections_panel(report: Report, titles: dict) -> None:
    """The Corrections panel: what is applied (``report``: :func:`ui.data.corrections`), the log
    (who, when, what; statements named by their articles' ``titles``), and undo of any entry in force.
    """
    done_notice()
    log = report.log
    st.subheader("Corrections")
    note = applied_note(report)
    st.caption((note + ". " if note else "") + "Statements are corrected from the Quotes and Reader pages "
               "(“Review this statement”); each change is a line of the log beside the store, never deleted: "
               "an undo is one more line.")
    for problem in log.problems[:5]:
        st.warning(md(problem), icon=":material/warning:")
    if len(log.problems) > 5:
        st.warning(f"{len(log.problems) - 5:,} more lines of the log skipped.", icon=":material/warning:")
    if not log.entries:
        st.caption("No corrections yet.")
        return
    table = log_table(log.entries, report.status, {k: v for k, v in titles.items() if isinstance(v, str)})
    st.dataframe(table, hide_index=True, key="corrections_log", height=min(400, 35 * len(table) + 40),
                 column_config={"Statement": st.column_config.TextColumn(width="large"),
                                "Old": st.column_config.TextColumn(width="medium"),
                                "New": st.column_config.TextColumn(width="medium")})
    if len(log.entries) > PANEL_ROWS:
        st.caption(f"The {PANEL_ROWS:,} most recent of {len(log.entries):,} entries.")
    force = in_force(log.entries)
    undoable = [entry for entry in reversed(log.entries) if force[entry.id]][:PANEL_ROWS]
    labels = dict(zip(table["Entry"], zip(table["When (UTC)"], table["Who"], table["What"], table["Statement"],
                                          strict=True), strict=True))

    def label(entry_id: str) -> str:
        when, who, what, excerpt = labels.get(entry_id, ("", "", "", ""))
        short = excerpt if len(excerpt) <= 60 else excerpt[:59] + "…"
        return f"{when} · {who} · {what} · {short} ({entry_id})"

    who = reviewer("corrections")
    with st.form("corrections_undo", border=False):
        picked = st.selectbox("Correction to undo", [e.id for e in undoable], format_func=label,
                              key="corrections_undo_pick")
        undo = st.form_submit_button("Undo", icon=":material/undo:")
    if undo and picked:
        if _log(who, "undo", target=picked):
            st.session_state[DONE] = f"Undone: {label(picked)}."
            st.rerun()
