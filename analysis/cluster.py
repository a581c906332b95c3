"""Analysis on a Dask cluster: chunks of articles spread over workers that each load the model once.

``python -m analysis build ... --cluster ADDRESS`` (a running ``dask scheduler``) or
``--cluster local:N`` (a :class:`distributed.LocalCluster` of N worker processes started here)
runs :func:`analysis.pipeline.analyse_articles` on the workers. This module only analyses:
:func:`analysis.build.build_store`, the client, commits each chunk's results to the store as
they arrive, so a worker killed mid-build loses nothing stored (Dask reruns its unfinished
tasks on another worker) and the store's writer lock stays with the client.

Each worker process loads the spaCy model (and the content tagger and the tone model, when on) once, when it
joins: :class:`ModelLoader` is a worker plugin, and :func:`analysis.nlp.load_nlp` caches the
model per process for every task after. Workers must run the same checkout of the analysis
(docs/scale.md): a result whose analysis version differs from the client's stops the build.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from analysis.pipeline import analyse_articles, current_version
from analysis.records import Article, ArticleAnalysis

#: ``--cluster local:N`` starts N local worker processes instead of joining a scheduler.
LOCAL_PREFIX = "local:"
#: Tasks in flight per worker thread: enough to keep every worker busy while the client commits,
#: few enough that a million articles are not all sent to the scheduler at once.
IN_FLIGHT_PER_THREAD = 2


class ClusterVersionMismatch(RuntimeError):
    """A worker runs another version of the analysis than the client (its results would be mislabelled)."""


#: Analysed once by each worker as it joins, so that every model, word list and gazetteer the
#: pipeline loads on first use is loaded before the first real chunk.
WARM_UP_TEXT = 'Chancellor Olaf Scholz told reporters in Berlin on Monday: "Talks with France will resume."'


class ModelLoader(WorkerPlugin):
    """Loads the spaCy model, the tagger and the tone model (when on) and every resource of the pipeline once in each
    worker process, when it joins (by analysing :data:`WARM_UP_TEXT`).
    """

    name = "quote-atlas-model"

    def __init__(self, tagger: bool = False, target_tone: bool = False, similar_topics: bool = False,
                 conll_people: bool = True):
        """Remember whether the workers' analyses run the content tagger, the tone towards targets and
        topics by similar meaning.
        """
        self.tagger = tagger
        self.target_tone = target_tone
        self.similar_topics = similar_topics
        self.conll_people = conll_people

    def setup(self, worker) -> None:
        """Load the models into the worker process (a restarted worker loads them again)."""
        from analysis.ingest import make_article

        list(analyse_articles([make_article(WARM_UP_TEXT, source="warm-up")], tagger=self.tagger,
                              target_tone=self.target_tone, similar_topics=self.similar_topics,
                              conll_people=self.conll_people))


def parse_address(address: str) -> int | None:
    """The number of local workers of ``local:N`` (None for a scheduler address).

    Raises:
        ValueError: ``local:`` without a positive whole number.
    """
    if not address.startswith(LOCAL_PREFIX):
        return None
    count = address[len(LOCAL_PREFIX):]
    if not count.isdigit() or int(count) < 1:
        raise ValueError(f"--cluster {address}: expected local:N with N workers, e.g. local:2")
    return int(count)


@contextlib.contextmanager
def connect(cluster: str | Client) -> Iterator[Client]:
    """A Dask client for the ``with`` block: ``cluster`` as given (a :class:`Client`, left open),
    ``local:N`` (a LocalCluster of N single-threaded worker processes, closed afterwards), or a
    scheduler address such as ``tcp://10.0.0.5:8786``.
    """
    if isinstance(cluster, Client):
        yield cluster
        return
    workers = parse_address(cluster)
    if workers is None:
        with Client(cluster) as client:
            yield client
        return
    # One thread per worker process: spaCy's pipeline is not shared between threads here, and on
    # a machine with N cores N processes are what parallelise the parse.
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as local, \
            Client(local) as client:
        yield client


def prepare_workers(client: Client, tagger: bool = False, target_tone: bool = False,
                    similar_topics: bool = False, conll_people: bool = True) -> None:
    """Register :class:`ModelLoader` so every worker (and any that joins or restarts later) holds the model."""
    client.register_plugin(ModelLoader(tagger, target_tone, similar_topics, conll_people))


def analyse_chunk(articles: Sequence[Article], tagger: bool, budget_seconds: float | None,
                  target_tone: bool = False, similar_topics: bool = False,
                  conll_people: bool = True) -> list[ArticleAnalysis]:
    """Analyse one chunk of articles on a worker (the model is already loaded there)."""
    return list(analyse_articles(articles, tagger=tagger, budget_seconds=budget_seconds, target_tone=target_tone,
                                 similar_topics=similar_topics, conll_people=conll_people))


def analyse_on_cluster(client: Client, chunks: Sequence[Sequence[Article]], tagger: bool = False,
                       budget_seconds: float | None = None,
                       target_tone: bool = False,
                       similar_topics: bool = False,
                       conll_people: bool = True) -> Iterator[tuple[int, list[ArticleAnalysis]]]:
    """Analyse ``chunks`` on the cluster; yields ``(chunk index, analyses)`` as chunks finish.

    At most :data:`IN_FLIGHT_PER_THREAD` chunks per worker thread (counted as chunks finish, so
    workers that join later get work) are submitted at a time, so the articles reach the
    scheduler as the workers need them. A task whose worker dies is
    rerun by Dask; a task that fails (or kills workers repeatedly) raises here, after the
    chunks yielded before it.

    Raises:
        ClusterVersionMismatch: A worker produced analyses of another version than this process.
    """
    version = current_version(tagger, target_tone, similar_topics, conll_people)
    prepare_workers(client, tagger, target_tone, similar_topics, conll_people)
    pending = iter(enumerate(chunks))
    index_of = {}
    running = as_completed()

    def fill() -> None:
        # The window follows the cluster's size (workers may join, e.g. on Kubernetes, mid-build).
        window = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
        while running.count() < window:
            item = next(pending, None)
            if item is None:
                return
            future = client.submit(analyse_chunk, list(item[1]), tagger, budget_seconds, target_tone, similar_topics,
                                   conll_people, pure=False)
            index_of[future.key] = item[0]
            running.add(future)

    fill()
    for future in running:
        analyses = future.result()
        future.release()
        fill()
        wrong = {a.version for a in analyses} - {version}
        if wrong:
            raise ClusterVersionMismatch(
                f"a worker analysed with version {', '.join(sorted(wrong))}, this client with {version}: "
                "install the same checkout of Quote Atlas on every worker (docs/scale.md)")
        yield index_of.pop(future.key), analyses
