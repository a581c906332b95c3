"""How much a selection lists and keeps: read at call time as ``limits.NAME``, so that a test
lowers one with ``monkeypatch.setattr(ui.selection.limits, NAME, value)``.
"""

from __future__ import annotations

#: While the engine answers, a store of more articles is never loaded whole into memory (pandas): that
#: design ran out of the smallest Community Cloud machine's 690 MB at about 12,500 articles (issue #19,
#: docs/speed.md), and at a million a compared brief took minutes loading before it would. The views
#: that need the loaded corpus (the long or compared brief, a search by meaning) say so instead.
LOADED_AT_MOST = 10_000
#: Selections of at most this many articles list them all in corpus order (:meth:`Selection.article_choices`).
LISTED_IN_FULL = 20_000
#: Above it, the articles of this many most recent statements are listed.
RECENT_STATEMENTS = 40_000
#: Pages of statement rows kept for all sessions (a page of 2,000 statements is a few MB: the
#: shared table's 400 results would hold too many of them).
MAX_ROW_PAGES = 16
#: ... and at most this many bytes of them (a page of 2,000 statements: about 1.2 MB at 100,000 articles).
MAX_ROW_PAGE_BYTES = 24 * 2**20
#: Key phrases asked of the selection at most, so that some are left when those a page may not show
#: (:func:`analysis.keywords.shown.shown_phrases`) are taken out: the engine answers up to 13 from
#: a value's slice (its best ``SLICE_KEYWORDS`` = 400 phrases, 30 candidates a phrase), more from
#: the statements themselves (seconds at a million articles).
KEYWORDS_ASKED = 13
