"""The app's store: read through its engine when it can be, else the precomputed corpus loaded
into memory, cached once per store state.

The store folder comes from the ``QUOTE_ATLAS_STORE`` environment variable (default
``data/store`` in the repo). When it holds nothing yet (first start on Community Cloud),
the bundled seed article is analysed into it once. :func:`store_source` decides per store state
whether the pages read the store's warehouse out of core (:mod:`ui.selection`) or the corpus.

Split by job: the store folder and its cache keys are in :mod:`ui.store_keys`, one article read on
demand in :mod:`ui.article_reads`, the cached filter options and briefs in :mod:`ui.cached_answers`;
the names pages import from here are re-exported (tests patch a name where it is read).
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Iterable

import pandas as pd
import streamlit as st

from analysis.ingest import read_path
from analysis.query import index_phrases
from analysis.records import Article
from analysis.semantic_search import set_index_location
from analysis.settings import load_settings
from analysis.store import STATEMENT_ACTS, Corpus, StoreBusy, article_texts, list_batches, load_corpus, store_problems
from analysis.store.batches import article_column
from analysis.store.corrections import Report, apply_corrections, in_force, log_token, read_log
from analysis.versions import Versions, attach_versions, find_versions, repeated_statements
from ui.article_reads import article_index, article_text, corpus_with_texts, stored_article
from ui.cached_answers import cached_brief, cached_option_values, cached_selection_brief
from ui.catch_up import catch_up_later
from ui.selection import Source
from ui.shell import ADDED_ARTICLES, REFRESH_AFTER_ADD
from ui.store_keys import batch_state, current_engine, store_dir, store_state, warehouse_stamp

#: The public names of ui.data, with those of the modules it was split into that callers import from
#: here (and StoreBusy, which the Corpus page catches around :func:`add_articles`).
__all__ = ["APP_MENTION_KINDS", "VERSIONS_IN_REQUEST", "StoreBusy", "add_articles", "article_index", "article_text",
           "batch_state", "cached_brief", "cached_option_values", "cached_selection_brief", "corpus_with_texts",
           "corrections", "engine_versions", "ensure_seed", "forget_corpus", "get_corpus", "load_app_corpus",
           "problems", "repeated_count", "store_dir", "store_source", "store_state", "story_versions",
           "stored_article", "warehouse_stamp"]

#: Mention kinds the pages read (countries for maps and evidence, regions for context).
APP_MENTION_KINDS = ("country", "region")


def load_app_corpus(path: str) -> Corpus:
    """The corpus as the app holds it (not cached; see :func:`get_corpus`).

    The pages use country and region mentions only; people and organisations stay on disk.
    Article texts stay on disk until a page shows one (:func:`article_text`).
    Sentence-level topic hits are only needed by the command line; the pages show statements'.
    Per-article key phrases are not drawn (the pages compute those of the selection).
    Repeated strings (speakers, titles, dates, outlets, ids, mention fields) are categoricals:
    pages read them through :func:`analysis.query.strings` where they need plain strings.
    """
    return load_corpus(path, mention_kinds=APP_MENTION_KINDS, texts=False, sentence_topics=False,
                       article_keywords=False, categorical=True, acts=STATEMENT_ACTS)


@st.cache_resource(show_spinner="Loading the corpus…", max_entries=1)
def _load(path: str, state: tuple[str, ...]) -> Corpus:
    # ``state`` is only part of the cache key: a new batch gives a new key. One corpus is
    # held in memory for all sessions (``st.cache_data`` would unpickle a private copy of
    # every frame on every call: 10,000 articles took gigabytes); callers get views of it.
    corpus = load_app_corpus(path)
    # Versions of one story and repeated statements, once per store state (texts read once here).
    attach_versions(corpus, lambda ids: article_texts(path, ids))
    index_phrases(corpus)  # the key phrases every Overview draws, indexed once with the load
    set_index_location(corpus, path)  # statement vectors for search by meaning, saved beside the store
    return corpus


def _private_view(corpus: Corpus) -> Corpus:
    """A Corpus of shallow frame copies: writes to them never reach the shared cached frames.

    pandas copy-on-write (always on since pandas 3) makes ``copy(deep=False)`` share the
    data until either side is modified, so this costs no memory and microseconds.
    """
    frames = {f.name: getattr(corpus, f.name) for f in dataclasses.fields(corpus)}
    return dataclasses.replace(corpus, **{name: frame.copy(deep=False) for name, frame in frames.items()
                                          if isinstance(frame, pd.DataFrame)})


def _analyse_into(path: str, articles: Iterable[Article], **options):
    """Analyse ``articles`` and append them to the store at ``path``: the app's only call of
    the build step (the seed on first start, uploads on the Corpus page). Returns the build report.
    """
    from analysis.build import build_store  # spaCy loads here, not on every cold page view

    settings = load_settings()
    # The warehouse is appended to after the upload, in the background (ui.catch_up): 12-57 s from
    # 300 to 100,000 articles (docs/speed.md), too long for the request.
    return build_store(path, articles, tagger=settings.tagger, budget_seconds=settings.article_seconds,
                       target_tone=settings.target_tone, similar_topics=settings.similar_topics,
                       conll_people=settings.conll_people, warehouse=False,
                       **options)


def ensure_seed(path: str, wait_seconds: float = 120.0) -> None:
    """Analyse the bundled seed article into an empty store (first start).

    When another session is analysing it already (the store's writer lock is held), wait for
    that one instead of analysing twice.
    """
    if list_batches(path):  # every run but the first: no spinner (it costs a thread and messages per run)
        return
    deadline = time.monotonic() + wait_seconds
    with st.spinner("First start: analysing the bundled article…"):
        while not list_batches(path):
            try:
                _analyse_into(path, read_path(str(load_settings().seed)).articles)
            except StoreBusy:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)


def add_articles(articles: Iterable[Article], progress: Callable[[int, int], None] | None = None):
    """Analyse uploaded articles into this app's store, then drop the cached corpus.

    Articles already stored (same text) are skipped; ``progress(done, total)`` is called as
    batches of 10 are analysed. Returns the build report (``analysed``, ``skipped``). When
    articles were added, the page runs once more when it ends (:func:`ui.shell.refresh_after_add`),
    so the header and sidebar count them, and the next run lists each new article with a link
    to the Reader (:func:`ui.shell.added_notice`).

    Raises:
        StoreBusy: Another session or a ``build`` is writing the store; nothing was added.
    """
    path = store_dir()
    # The stored ids and titles are read from the batches' article tables, not from a loaded corpus
    # (with the engine the app has none, and loading one costs minutes at 100,000 articles).
    before = set(article_column(path, "title")) if list_batches(path) else set()
    report = _analyse_into(path, articles, batch_size=10, progress=progress)
    forget_corpus()
    if report.analysed:
        catch_up_later(path, done=forget_corpus)  # the engine answers again once the warehouse holds them
        new = [(str(a), t) for a, t in article_column(path, "title").items() if a not in before]
        st.session_state[ADDED_ARTICLES] = {
            "articles": [(a, "" if t is None or t != t else str(t)) for a, t in new],
            "skipped": report.skipped, "too_slow": list(report.too_slow)}
        st.session_state[REFRESH_AFTER_ADD] = True
    return report


@st.cache_resource(show_spinner="Applying the corrections…", max_entries=1)
def _corrected(path: str, state: tuple[str, ...], token: str, _base: Corpus) -> Corpus:
    # Keyed by the batches and the log's token: the base corpus (and its versions, found once per
    # batch state) is reused when only the log changed.
    log = read_log(path)
    corpus, report = apply_corrections(_base, log)
    if corpus is _base:  # nothing in force: a view that can carry its own report
        corpus = dataclasses.replace(_base, derived=dict(_base.derived))
    else:
        versions = _base.derived.get("versions")
        if versions is not None:
            corpus.derived["versions"] = versions
            corpus.derived["repeated_statements"] = repeated_statements(corpus.quotes, versions)
        index_phrases(corpus)  # its statements changed: index their key phrases again, once
    corpus.derived["corrections"] = report
    return corpus


def get_corpus() -> Corpus:
    """The corpus for this run (cached; callers must not modify its frames), with the analysts'
    corrections applied after the corpus-wide name merge (:func:`corrections`).
    """
    path = store_dir()
    ensure_seed(path)
    state = batch_state(path)
    corpus = _load(path, state)
    token = log_token(path)
    if token is not None:
        corpus = _corrected(path, state, token, corpus)
    return _private_view(corpus)


def _corrections_in_force(path: str) -> bool:
    """True when the store's corrections log holds a correction in force (not undone)."""
    entries = read_log(path).entries
    force = in_force(entries)
    return any(force.get(entry.id) and entry.action != "undo" for entry in entries)


#: A warehouse built before it kept its ``stories`` table: stores of at most this many articles have
#: their stories (:mod:`analysis.versions`) found by the app (0.9 s at 300 articles); above it they
#: are not listed until ``refresh`` rebuilds the warehouse (at 10,000 articles finding them took
#: 15 s and 1.16 GB, docs/speed.md, over the app's memory budget).
VERSIONS_IN_REQUEST = 2_000
_VERSIONS: dict = {}
_VERSIONS_LOCK = threading.Lock()


def engine_versions(path: str, engine) -> Versions | None:
    """The stories stored in several versions: as the warehouse's build found them; from an older
    warehouse, for a store of at most :data:`VERSIONS_IN_REQUEST` articles, found once per warehouse
    from the article texts; None for a larger store with an older warehouse (not known).
    """
    stored = engine.story_versions()
    if stored is not None:
        return stored
    key = (path, engine.build_id)
    with _VERSIONS_LOCK:
        found = _VERSIONS.get(key)
    if found is not None:
        return found
    if engine.store_facts()["articles"] > VERSIONS_IN_REQUEST:
        return None
    ids = engine.articles_of(None, ("article_id",))["article_id"].astype(object).tolist()
    found = find_versions(ids, read=lambda chunk: article_texts(path, chunk))
    with _VERSIONS_LOCK:
        for old in [k for k in _VERSIONS if k[0] == path]:
            del _VERSIONS[old]
        _VERSIONS[key] = found
    return found


@st.cache_resource(max_entries=2, show_spinner=False)
def _engine_source(path: str, state: tuple[str, ...], stamp: tuple[int, int] | None) -> Source | None:
    # Keyed by the store state (batches and corrections) and the warehouse file: the engine is used
    # only when its warehouse holds the batches as they are and no correction is in force.
    if stamp is None or (state and state[-1].startswith("corrections ") and _corrections_in_force(path)):
        return None
    engine = current_engine(path)
    if engine is None:
        return None
    facts = engine.store_facts()
    return Source(articles=facts["articles"], statements=facts["statements"], repeats=facts["repeated"],
                  stories=None, load_corpus=get_corpus, engine=engine, report=_log_report(path),
                  load_versions=lambda: engine_versions(path, engine))


def _log_report(path: str) -> Report:
    """The corrections report of a store whose log holds no correction in force (every entry undone
    or an undo): the log and each entry's status, as :func:`apply_corrections` reports them.
    """
    log = read_log(path)
    force = in_force(log.entries)
    return Report(log=log, status={e.id: "undone" if not force[e.id] else "undo" for e in log.entries
                                   if not force[e.id] or e.action == "undo"})


def store_source() -> Source:
    """The store as this run's sidebar and pages read it: through the engine when its warehouse is
    current and no correction is in force (the corpus is then not loaded), else the loaded corpus.
    """
    path = store_dir()
    ensure_seed(path)
    source = _engine_source(path, store_state(path), warehouse_stamp(path))
    if source is not None:
        return source
    corpus = get_corpus()
    versions = story_versions(corpus)
    return Source(articles=len(corpus.articles), statements=len(corpus.quotes), repeats=repeated_count(corpus),
                  stories=len(versions.stories), load_corpus=lambda: corpus, report=corrections(corpus),
                  versions=versions if versions.stories else None)


def corrections(corpus: Corpus) -> Report:
    """What the corrections log did to ``corpus`` (an empty report when the store has no log)."""
    return corpus.derived.get("corrections") or Report()


def story_versions(corpus: Corpus) -> Versions:
    """The stories with several versions in ``corpus`` (found when it was loaded)."""
    return corpus.derived.get("versions") or Versions()


def repeated_count(corpus: Corpus) -> int:
    """How many statements repeat one counted already (left out when versions count once)."""
    repeated = corpus.derived.get("repeated_statements")
    return 0 if repeated is None else int(repeated.sum())


def problems() -> list[str]:
    """What the store reports about itself (e.g. an incomplete batch left out of loading)."""
    return store_problems(store_dir())


def forget_corpus() -> None:
    """Drop cached corpora (after an upload changed the store)."""
    _load.clear()
    _corrected.clear()
    _engine_source.clear()
