"""Settings of a run, read from the environment in one place and passed on explicitly.

Entry points (``python -m analysis``, the app's data layer) call :func:`load_settings` once
per run and hand the values to the functions that need them; nothing else reads the
environment, and nothing writes it.

=========================  ==========================================================
environment variable       setting
=========================  ==========================================================
``QUOTE_ATLAS_STORE``      :attr:`Settings.store`: the store folder (default ``data/store``) or URL
``QUOTE_ATLAS_TAGGER``     :attr:`Settings.tagger`: also run the content tagger (``1``/``0``)
``QUOTE_ATLAS_TARGET_TONE``  :attr:`Settings.target_tone`: also measure the tone towards targets (``1``/``0``)
``QUOTE_ATLAS_SIMILAR_TOPICS``  :attr:`Settings.similar_topics`: also find topics by similar meaning (``1``/``0``)
``QUOTE_ATLAS_CONLL_PEOPLE``  :attr:`Settings.conll_people`: CoNLL recogniser (default ``1``; ``0``: the model's)
``QUOTE_ATLAS_CHROMIUM``   :attr:`Settings.chromium`: the browser that prints PDF briefs
``QUOTE_ATLAS_ARTICLE_SECONDS``  :attr:`Settings.article_seconds`: time budget per article
``QUOTE_ATLAS_BUDGET_MB``  :attr:`Settings.budget_mb`: the memory the app's whole process may use (MB)
``QUOTE_ATLAS_MEMORY_MB``  :attr:`Settings.memory_mb`: the data engine's memory limit (MB; default: from the budget)
``QUOTE_ATLAS_THREADS``    :attr:`Settings.threads`: the data engine's threads
=========================  ==========================================================

A store URL (``s3://bucket/prefix``) is opened through fsspec, whose client reads its own
credentials and endpoint (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``,
``AWS_ENDPOINT_URL``...; docs/scale.md): they are the object store's settings, not this module's.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: The checkout (or, once installed, the folder above the package): default paths hang off it.
REPO_ROOT = Path(__file__).resolve().parents[1]
#: The article the product ships with, analysed into an empty store.
SEED_ARTICLE = REPO_ROOT / "data" / "seed" / "putin-spief-2024.txt"
#: The store the app reads and ``build`` writes when none is named.
DEFAULT_STORE = REPO_ROOT / "data" / "store"

STORE_VARIABLE = "QUOTE_ATLAS_STORE"
TAGGER_VARIABLE = "QUOTE_ATLAS_TAGGER"
TARGET_TONE_VARIABLE = "QUOTE_ATLAS_TARGET_TONE"
SIMILAR_TOPICS_VARIABLE = "QUOTE_ATLAS_SIMILAR_TOPICS"
CONLL_PEOPLE_VARIABLE = "QUOTE_ATLAS_CONLL_PEOPLE"
CHROMIUM_VARIABLE = "QUOTE_ATLAS_CHROMIUM"
ARTICLE_SECONDS_VARIABLE = "QUOTE_ATLAS_ARTICLE_SECONDS"
#: Seconds one parsed article may take to analyse before it is skipped (a normal one takes < 1 s).
DEFAULT_ARTICLE_SECONDS = 120.0
BUDGET_VARIABLE = "QUOTE_ATLAS_BUDGET_MB"
#: The memory of the machine the app runs on (MB) when none is set: Streamlit Community Cloud's smallest.
DEFAULT_BUDGET_MB = 690
#: What the app's process holds at its peak beside the data engine's own buffers (MB): Python,
#: Streamlit, pandas, pyarrow, plotly, the answers being built and sent, the allocators' kept pages
#: (docs/speed.md: peak RSS in a browser minus the engine's limit; at 100,000 realistic articles
#: 406-439 MB in session 14, at a million 525 MB in session 16, the larger taken).
APP_MB = 530
#: The engine's limit never goes below this (MB), however small the budget: at 64 MB the first
#: Compare and Briefing views at 100,000 articles took 48 and 111 s (spilling to disk).
MIN_MEMORY_MB = 96
MEMORY_VARIABLE = "QUOTE_ATLAS_MEMORY_MB"
THREADS_VARIABLE = "QUOTE_ATLAS_THREADS"
#: DuckDB's memory limit for the app's queries when none is set: the process runs 250-440 MB above it.
#: At 100,000 realistic articles 96 MB keeps the app at about 500 MB in a browser (peak 502, VmHWM 506;
#: 551-567 at 128 MB) for filter changes about as fast (p95 661 vs 602 ms under load 6-7); 64 MB made
#: the first Compare and Briefing views 48 and 111 s (docs/speed.md, session 14, rss).
DEFAULT_MEMORY_MB = 96
#: ... and for a warehouse file larger than :data:`LARGE_WAREHOUSE_BYTES`: at a million articles
#: (4.9 GB) 128 MB runs out on a filter of two large countries; 256 MB answers it at 614-639 MB RSS.
LARGE_MEMORY_MB = 256
#: Warehouses up to this size were measured at :data:`DEFAULT_MEMORY_MB` (100,000 articles: 0.5-0.9 GB).
LARGE_WAREHOUSE_BYTES = 2 * 1024**3
#: DuckDB threads for the app's queries (the machines it runs on have 2 cores).
DEFAULT_THREADS = 2
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


@dataclass(frozen=True)
class Settings:
    """What a run is configured to do.

    Attributes:
        store: The store folder (a :class:`~pathlib.Path`), or an object-store URL such as
            ``s3://bucket/prefix`` (kept as the string given: a Path would fold its ``//``).
        seed: The bundled article (``build`` with no input analyses it).
        tagger: Also run the content tagger: more reported speech found, at about half the
            speed and 120 MB more memory (off by default; docs/accuracy_quotes.md).
        target_tone: Also give each statement its tone towards each person and country it
            names (``Quote.target_tones``; the speaker x country tone chart then shows it): about
            0.2-0.3 times bare spaCy's time more (off by default; docs/speed.md, docs/accuracy_tone.md).
        similar_topics: Also file sentences and statements whose words trigger no topic under the
            topic nearest in meaning (:mod:`analysis.topics.similar`): about 0.35 times bare spaCy's
            time more, and no gain measured on hand-labelled statements (off by default; docs/accuracy.md).
        conll_people: Find people and organisations with the recogniser trained on CoNLL-2003
            (:mod:`analysis.nlp`, in place of the model's ``ner``): CoNLL dev PER F1 92.5 instead
            of 75.9 at no extra time (the default since analysis 1.16.0; ``QUOTE_ATLAS_CONLL_PEOPLE=0``
            falls back to the model's own recogniser; docs/accuracy_entities.md).
        chromium: A browser binary asked for explicitly, or None to look one up on PATH.
        article_seconds: Time budget to analyse one parsed article; a slower one is skipped with
            a message (hostile input cannot stall a build or a session).
        budget_mb: The memory the app's whole process may use (MB; the machine's, by default the
            smallest Community Cloud machine's): the engine's limit is chosen to fit in it.
        memory_mb: Memory limit of the data engine (DuckDB, :mod:`analysis.engine`), in MB; None
            (not set) lets :func:`engine_memory_mb` choose it by the warehouse's size and the budget.
        threads: Threads of the data engine.
    """

    store: Path | str = DEFAULT_STORE
    seed: Path = SEED_ARTICLE
    tagger: bool = False
    target_tone: bool = False
    similar_topics: bool = False
    conll_people: bool = True
    chromium: str | None = None
    article_seconds: float = DEFAULT_ARTICLE_SECONDS
    budget_mb: int = DEFAULT_BUDGET_MB
    memory_mb: int | None = None
    threads: int = DEFAULT_THREADS


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from ``environ`` (default: this process's environment)."""
    env = os.environ if environ is None else environ
    return Settings(
        store=_store(env.get(STORE_VARIABLE)),
        tagger=env.get(TAGGER_VARIABLE, "").strip().lower() in _TRUE,
        target_tone=env.get(TARGET_TONE_VARIABLE, "").strip().lower() in _TRUE,
        similar_topics=env.get(SIMILAR_TOPICS_VARIABLE, "").strip().lower() in _TRUE,
        conll_people=env.get(CONLL_PEOPLE_VARIABLE, "1").strip().lower() not in _FALSE,
        chromium=env.get(CHROMIUM_VARIABLE) or None,
        article_seconds=_positive(env.get(ARTICLE_SECONDS_VARIABLE), DEFAULT_ARTICLE_SECONDS),
        budget_mb=int(_positive(env.get(BUDGET_VARIABLE), DEFAULT_BUDGET_MB)),
        memory_mb=int(_positive(env.get(MEMORY_VARIABLE), 0)) or None,
        threads=int(_positive(env.get(THREADS_VARIABLE), DEFAULT_THREADS)),
    )


def engine_memory_mb(asked: int | None, warehouse_bytes: int, budget_mb: int = DEFAULT_BUDGET_MB) -> int:
    """The data engine's memory limit in MB: ``asked`` when set; else what the warehouse needs
    (:data:`DEFAULT_MEMORY_MB`, or :data:`LARGE_MEMORY_MB` for a file above :data:`LARGE_WAREHOUSE_BYTES`),
    lowered to what ``budget_mb`` leaves beside the app's own :data:`APP_MB`, and never below
    :data:`MIN_MEMORY_MB`.

    A larger budget does not raise the limit above the warehouse's need: the process's memory
    grows with the limit (250-400 MB above it), the answers' speed little (docs/speed.md).
    """
    if asked:
        return int(asked)
    need = LARGE_MEMORY_MB if warehouse_bytes > LARGE_WAREHOUSE_BYTES else DEFAULT_MEMORY_MB
    return max(MIN_MEMORY_MB, min(need, int(budget_mb) - APP_MB))


def _store(value: str | None) -> Path | str:
    """The store a setting names: a URL as given, a folder as a Path, the default when empty."""
    value = (value or "").strip()
    if not value:
        return DEFAULT_STORE
    return value if "://" in value else Path(value)


def _positive(value: str | None, default: float) -> float:
    """A positive number from a setting's text, else ``default``."""
    try:
        number = float(value) if value else default
    except ValueError:
        return default
    return number if number > 0 else default
