"""Build the store: analyse articles not yet stored at the current version and commit them.

The only module that imports both the pipeline (:mod:`analysis.pipeline`) and the store
(:mod:`analysis.store`): ingest -> analyse -> store flows through here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from analysis.pipeline import analyse_articles, current_version
from analysis.records import Article
from analysis.settings import DEFAULT_ARTICLE_SECONDS
from analysis.store import (
    StoreBusy,
    access_errors,
    is_remote,
    list_batches,
    new_batch_names,
    remove_stale_temporaries,
    set_aside_incomplete,
    store_exists,
    stored_articles,
    stored_versions,
    write_batch,
    writer_lock,
)
from analysis.store import compact_store as compact_batches
from analysis.store.warehouse import write_warehouse

__all__ = ["BuildReport", "StoreBusy", "access_errors", "build_store", "compact_store", "repair_store",
           "store_exists"]


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    analysed: int
    skipped: int
    duplicates: int
    batches: int
    #: One message per article left out because its analysis ran over the time budget.
    too_slow: tuple[str, ...] = ()


def build_store(store_dir: str, articles: Iterable[Article], batch_size: int = 50,
                progress: Callable[[int, int], None] | None = None, n_process: int = 1,
                tagger: bool = False, budget_seconds: float | None = DEFAULT_ARTICLE_SECONDS,
                cluster=None, target_tone: bool = False, warehouse: bool = True,
                similar_topics: bool = False, conll_people: bool = True) -> BuildReport:
    """Analyse and append articles not yet stored at the current version.

    Stored articles whose version is outdated are re-analysed too (an upgrade, or the content
    tagger or the tone towards targets switched). Rerunning on the same input writes nothing.
    Each ``batch_size`` articles are committed as one atomic batch, so an interruption keeps
    every finished batch.

    Args:
        store_dir: The store folder (created when missing).
        articles: Candidate articles (duplicates by text are analysed once).
        batch_size: Articles per committed batch.
        progress: Called with (done, total) after each batch.
        n_process: spaCy worker processes.
        tagger: Run the content tagger (see :class:`analysis.settings.Settings`).
        budget_seconds: Time budget per article; slower ones are not stored (``too_slow`` says which).
        cluster: Analyse on a Dask cluster (:mod:`analysis.cluster`): a scheduler address,
            ``local:N`` for N local worker processes, or a ``distributed.Client``. This process
            still commits every batch (as each arrives) and holds the lock; the store equals the
            one a build without a cluster writes. ``n_process`` is then ignored.
        target_tone: Also give each statement its tone towards each person and country it names
            (see :class:`analysis.settings.Settings`); switching it re-analyses the stored articles.
        similar_topics: Also file sentences and statements under topics by similar meaning where no
            word triggers one (see :class:`analysis.settings.Settings`); switching it re-analyses too.
        conll_people: Find people and organisations with the CoNLL-trained recogniser (see
            :class:`analysis.settings.Settings`); switching it re-analyses too.
        warehouse: Rewrite the store's warehouse (:mod:`analysis.store.warehouse`, what
            :mod:`analysis.engine` queries) when batches were committed or it is missing or stale;
            a whole rewrite: seconds at 300 articles, minutes at 100,000 (docs/speed.md).

    Raises:
        StoreBusy: Another process is writing the store (one writer at a time; readers go on).
    """
    with writer_lock(store_dir):
        remove_stale_temporaries(store_dir)
        versions = stored_versions(store_dir)
        version = current_version(tagger, target_tone, similar_topics, conll_people)
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
        chunks = [todo[offset:offset + batch_size] for offset in range(0, len(todo), batch_size)]
        if cluster is None:
            results = ((index, analyse_articles(chunk, n_process=n_process, tagger=tagger,
                                                budget_seconds=budget_seconds, target_tone=target_tone,
                                                similar_topics=similar_topics, conll_people=conll_people))
                       for index, chunk in enumerate(chunks))
        else:
            results = _on_cluster(cluster, chunks, tagger, budget_seconds, target_tone, similar_topics, conll_people)
        # Names reserved in input order: batches that arrive out of order from a cluster still
        # load in the order a build without one would write them.
        names = new_batch_names(len(chunks), after=next(reversed(list_batches(store_dir)), None))
        written, done, too_slow = 0, 0, []
        for index, chunk_analyses in results:
            analyses = []
            for analysis in chunk_analyses:
                if analysis.meta.get("skipped"):
                    too_slow.append(analysis.meta["skipped"])
                else:
                    analyses.append(analysis)
            if write_batch(store_dir, analyses, name=names[index]):
                written += 1
            done += len(chunks[index])
            if progress:
                progress(done, len(todo))
        if warehouse and (written or not _warehouse_current(store_dir)):
            write_warehouse(store_dir)  # the engine's database (analysis.engine); local stores only
        return BuildReport(analysed=len(todo) - len(too_slow), skipped=skipped, duplicates=duplicates,
                           batches=written, too_slow=tuple(too_slow))


def _warehouse_current(store_dir: str) -> bool:
    """True when the store's warehouse was made from its batches as they are (or it cannot have one)."""
    from analysis.store.warehouse import lacks_stories, warehouse_batches

    if is_remote(str(store_dir)):
        return True
    return warehouse_batches(store_dir) == list_batches(store_dir) and not lacks_stories(store_dir)


def compact_store(store_dir: str) -> int:
    """Merge all batches into one (:func:`analysis.store.compact_store`) and rewrite the warehouse
    from it; returns the number of batches removed.
    """
    removed = compact_batches(store_dir)
    if removed:
        with writer_lock(store_dir):
            write_warehouse(store_dir)
    return removed


def _on_cluster(cluster, chunks, tagger, budget_seconds, target_tone, similar_topics=False, conll_people=True):
    """(chunk index, analyses) from a Dask cluster, in the order chunks finish."""
    from analysis.cluster import analyse_on_cluster, connect  # Dask loads only for a cluster build

    with connect(cluster) as client:
        yield from analyse_on_cluster(client, chunks, tagger=tagger, budget_seconds=budget_seconds,
                                      target_tone=target_tone, similar_topics=similar_topics,
                                      conll_people=conll_people)


@dataclass(frozen=True)
class RepairReport:
    """What a repair did."""

    set_aside: tuple[str, ...]
    leftovers_removed: int


def repair_store(store_dir: str) -> RepairReport:
    """Make a store loadable again after an interrupted change of an older version.

    Incomplete batches are moved to hidden ``.broken-<name>`` folders (nothing is deleted; their
    articles can be analysed again with ``build``), and the hidden folders of interrupted writes
    and removals are deleted. Holds the writer lock.
    """
    with writer_lock(store_dir):
        return RepairReport(set_aside=tuple(set_aside_incomplete(store_dir)),
                            leftovers_removed=remove_stale_temporaries(store_dir))
