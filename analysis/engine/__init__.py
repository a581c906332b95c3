"""The out-of-core data layer: the answers of :mod:`analysis.query` as SQL on the store's warehouse.

:func:`open_engine` gives the one :class:`Engine` of a store per process: one read-only DuckDB
connection (memory limit and threads from :class:`analysis.settings.Settings`), and every call
runs on a cursor of its own, so threads and sessions never share one (a shared cursor gave
wrong answers when another session replaced its temporary objects). Only the rows a page shows
come back to Python: counts, aggregates, and a page of statements.

Each method takes the user's :class:`~analysis.query.Filters` and answers as the function of
:mod:`analysis.query` with the same name does on the filtered frame (same rows, values and
order; ``cross_counts`` and ``tone_by_target`` order ties by value). Without any filter, the
counts come from the pre-aggregated tables :mod:`analysis.store.warehouse` writes; a filter of
one value with a slice of its own from that value's tables, a union of values from their slices
(:meth:`Engine._union`), and any other filter of countries, topics and speakers from the clustered
copies of its values' statements (:meth:`Engine._source`), never a scan of every statement. The
pages' other questions (a speaker's representative statements and mentions, a comparison side,
the country evidence...) read through the same selection (:meth:`Engine._selected`), narrowed to
one more speaker, country, topic or period where they ask it. Whole-store questions the pages
ask at every visit (the confident store of the Briefing, a typed name, the most recent
statements, an article's statements) read the tables of :mod:`analysis.store.page_tables` when
the warehouse has them. Full-text search, of statements and of whole articles (the Corpus page's,
:meth:`Engine.article_search`), reads the warehouse's own FTS5 index (same tokenizer and query syntax
as :mod:`analysis.search`).

One module per job, put together in :class:`Engine` (:mod:`~analysis.engine.core`):
:mod:`~analysis.engine.selection` (how a filter becomes the statements it selects, with
:mod:`~analysis.engine.clustered`, :mod:`~analysis.engine.kept` and :mod:`~analysis.engine.unions`),
:mod:`~analysis.engine.counts` (what the charts count), :mod:`~analysis.engine.crossed` (crossed
tables), :mod:`~analysis.engine.phrases` (key phrases and representative statements),
:mod:`~analysis.engine.sides` (the distinctive phrases of two compared sides),
:mod:`~analysis.engine.rows` (the rows a page lists) and :mod:`~analysis.engine.columns` (the
columns they carry).
"""

from analysis.engine.columns import ARTICLE_COLUMNS, QUOTE_COLUMNS
from analysis.engine.core import Engine, WarehouseMissing, open_engine, release_caches

__all__ = ["ARTICLE_COLUMNS", "Engine", "QUOTE_COLUMNS", "WarehouseMissing", "open_engine", "release_caches"]
