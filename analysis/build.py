"""Build the store: analyse articles not yet stored at the current version and commit them.

The only module that imports both the pipeline (:mod:`analysis.pipeline`) and the store
(:mod:`analysis.store`): ingest -> analyse -> store flows through here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from analysis.pipeline import analyse_articles, current_version
from analysis.records import Article
from analysis.store import compact_store, remove_stale_temporaries, stored_articles, stored_versions, write_batch

__all__ = ["BuildReport", "build_store", "compact_store"]


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    analysed: int
    skipped: int
    duplicates: int
    batches: int


def build_store(store_dir: str, articles: Iterable[Article], batch_size: int = 50,
                progress: Callable[[int, int], None] | None = None, n_process: int = 1,
                tagger: bool = False) -> BuildReport:
    """Analyse and append articles not yet stored at the current version.

    Stored articles whose version is outdated are re-analysed too (an upgrade, or the content
    tagger switched). Rerunning on the same input writes nothing. Each ``batch_size`` articles
    are committed as one atomic batch, so an interruption keeps every finished batch.

    Args:
        store_dir: The store folder (created when missing).
        articles: Candidate articles (duplicates by text are analysed once).
        batch_size: Articles per committed batch.
        progress: Called with (done, total) after each batch.
        n_process: spaCy worker processes.
        tagger: Run the content tagger (see :class:`analysis.settings.Settings`).
    """
    os.makedirs(store_dir, exist_ok=True)
    remove_stale_temporaries(store_dir)
    versions, version = stored_versions(store_dir), current_version(tagger)
    todo: list[Article] = []
    seen: set[str] = set()
    skipped = duplicates = 0
    for article in articles:
        if article.id in seen:
            duplicates += 1
            continue
        seen.add(article.id)
        if versions.get(article.id) == version:
            skipped += 1
        else:
            todo.append(article)
    outdated = {aid for aid, v in versions.items() if v != version and aid not in seen}
    if outdated:
        todo.extend(a for a in stored_articles(store_dir) if a.id in outdated)
    written = 0
    for offset in range(0, len(todo), batch_size):
        chunk = todo[offset:offset + batch_size]
        if write_batch(store_dir, analyse_articles(chunk, n_process=n_process, tagger=tagger)):
            written += 1
        if progress:
            progress(min(offset + batch_size, len(todo)), len(todo))
    return BuildReport(analysed=len(todo), skipped=skipped, duplicates=duplicates, batches=written)
