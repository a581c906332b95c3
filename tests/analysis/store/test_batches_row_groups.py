"""A batch's articles.parquet is written in row groups of :data:`analysis.store.schema.ROW_GROUP_ROWS`
(the Corpus page's search reads a few rows of it), the other tables in one; the rows read back the same.
"""

from __future__ import annotations

import os

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis.store import write_frames
from analysis.store.batches import read_table
from analysis.store.schema import ROW_GROUP_ROWS, SCHEMAS, TABLES


@pytest.mark.parametrize(("articles", "groups"), [(1, 1), (500, 1), (501, 2), (1_234, 3)])
def test_articles_are_written_in_row_groups_of_500(tmp_path, articles, groups):
    assert ROW_GROUP_ROWS == {"articles": 500}
    frames = {table: pd.DataFrame({f.name: pd.Series([], dtype=object) for f in SCHEMAS[table]}) for table in TABLES}
    frames["articles"] = pd.DataFrame({
        "article_id": [f"a{i}" for i in range(articles)], "text": [f"text {i} " * 50 for i in range(articles)],
        "title": [f"title {i}" for i in range(articles)], **{f.name: None for f in SCHEMAS["articles"]
                                                            if f.name not in ("article_id", "text", "title")}})
    frames["articles"] = frames["articles"].reindex(columns=SCHEMAS["articles"].names)
    store = str(tmp_path)
    batch = write_frames(store, frames)
    path = os.path.join(store, "batches", batch, "articles.parquet")
    assert pq.ParquetFile(path).num_row_groups == groups
    quotes = os.path.join(store, "batches", batch, "quotes.parquet")
    assert pq.ParquetFile(quotes).num_row_groups <= 1  # the other tables: one group (none when empty)
    read = read_table(store, [batch], "articles")
    assert read["article_id"].tolist() == frames["articles"]["article_id"].tolist()
    assert read["text"].tolist() == frames["articles"]["text"].tolist()
