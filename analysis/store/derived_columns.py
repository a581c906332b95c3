"""The columns a warehouse build adds to each statement: its day and month, and whether it is a repeat.

:func:`write_months` makes table ``months`` (date text -> ``day``, ``month``) and
:func:`write_repeats` table ``rep`` (``pos`` -> ``repeated``, what "count versions once" leaves out,
:mod:`analysis.versions`) with table ``stories`` (the stories stored in several versions); the
build joins them into ``quotes``.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from analysis.store.batches import article_texts


def write_months(con) -> None:
    """Table ``months`` (date text -> its ``day`` and the first day of its ``month``), each distinct
    date read as pandas reads it (unreadable ones left out: undated).
    """
    dates = [d for (d,) in con.execute("SELECT DISTINCT date FROM q0 WHERE date IS NOT NULL").fetchall()]
    parsed = [pd.to_datetime(d, errors="coerce") for d in dates]
    con.execute("CREATE OR REPLACE TABLE months (date VARCHAR, day DATE, month DATE)")
    rows = [[d, p.date(), p.to_period("M").to_timestamp().date()] for d, p in zip(dates, parsed, strict=True)
            if not pd.isna(p)]
    if rows:
        con.executemany("INSERT INTO months VALUES (?, ?, ?)", rows)


def write_repeats(con, store_dir: str) -> None:
    """Table ``rep`` (pos, repeated): the repeats "count versions once" leaves out, found by
    :mod:`analysis.versions` on the narrow statement frame (article, text, merged speaker).
    """
    from analysis.versions import find_versions, repeated_statements

    ids = [a for (a,) in con.execute(
        "SELECT article_id FROM articles ORDER BY date NULLS LAST, title NULLS LAST, bidx, frow").fetchall()]
    versions = find_versions(ids, read=lambda chunk: article_texts(store_dir, chunk))
    _stories(con, versions)
    frame = con.execute("SELECT pos, article_id, text, speaker FROM q0 ORDER BY pos").df()
    mask = repeated_statements(frame, versions)
    con.register("rep_arrow", pa.table({"pos": frame["pos"].to_numpy(), "repeated": mask}))
    con.execute("CREATE OR REPLACE TABLE rep AS SELECT * FROM rep_arrow")
    con.unregister("rep_arrow")


def _stories(con, versions) -> None:
    """Table ``stories`` (story, rank, article_id): each story stored in several versions, its
    versions longest first (``rank`` 0), as :class:`analysis.versions.Versions` holds them, so the
    app lists them without reading every text again (:meth:`analysis.engine.Engine.story_versions`).
    """
    rows = [(number, rank, article_id) for number, story in enumerate(versions.stories)
            for rank, article_id in enumerate(story)]
    con.register("stories_arrow", pa.table({"story": pa.array([r[0] for r in rows], pa.int64()),
                                            "rank": pa.array([r[1] for r in rows], pa.int64()),
                                            "article_id": pa.array([r[2] for r in rows], pa.string())}))
    con.execute("CREATE OR REPLACE TABLE stories AS SELECT * FROM stories_arrow ORDER BY story, rank")
    con.unregister("stories_arrow")
