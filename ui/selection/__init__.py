"""What a page reads of the store: the whole store's facts (:class:`Source`) and the statements
the sidebar's filters select (:class:`Selection`), answered out of core when possible.

Two implementations answer the same questions with the same numbers:

- the engine (:mod:`analysis.engine`, DuckDB on the store's warehouse) when the store is local,
  its warehouse was built from the batches as they are now, no analyst's correction is in force
  and the search is not by meaning: counts and aggregates are SQL, only the rows a page shows
  come to Python, and the corpus is never loaded (:mod:`ui.selection.engine`);
- pandas on the loaded corpus (:func:`ui.data.get_corpus`) otherwise: a fresh seed store, an
  object-store URL, right after an upload in the app (whose batches the warehouse does not hold
  until ``python -m analysis refresh`` rewrites it), corrections in force, a search by meaning
  (:mod:`ui.selection.frame`).

Every answer goes through :func:`ui.shared.shared`, so sessions on the same view share it.

The package's modules, each read in one sitting:

- :mod:`ui.selection.limits`: how much a selection lists and keeps (tests lower them there);
- :mod:`ui.selection.base`: :class:`Selection`, the questions a page asks and how answers are shared;
- :mod:`ui.selection.frame`: :class:`FrameSelection`, the answers in pandas;
- :mod:`ui.selection.engine`: :class:`EngineSelection`, the answers in SQL;
- :mod:`ui.selection.evidence`: the words that named each country, for the map and its table;
- :mod:`ui.selection.source`: :class:`Source`, the whole store, which picks the selection's kind.
"""

from __future__ import annotations

from ui.selection.base import SOURCE_FIELDS, Selection
from ui.selection.engine import EngineSelection
from ui.selection.evidence import evidence_rows, evidence_words
from ui.selection.frame import FrameSelection
from ui.selection.limits import MAX_ROW_PAGE_BYTES, MAX_ROW_PAGES
from ui.selection.source import Source

__all__ = ["MAX_ROW_PAGES", "MAX_ROW_PAGE_BYTES", "SOURCE_FIELDS", "EngineSelection", "FrameSelection", "Selection",
           "Source", "evidence_rows", "evidence_words"]
