"""The store's tables are derived from the record dataclasses: every field stored, with its type."""

import dataclasses

import pyarrow as pa
import pytest

from analysis.records import Article, EntityMention, Keyword, Quote, TopicHit
from analysis.store.schema import SCHEMAS, TABLES, article_of, rows_of

TABLE_RECORDS = [
    ("articles", Article, {"id"}),
    ("quotes", Quote, set()),
    ("mentions", EntityMention, set()),
    ("keywords", Keyword, set()),
    ("topic_hits", TopicHit, set()),
]

EXPECTED_TYPES = [  # a few columns, checked by hand
    ("quotes", "countries", pa.list_(pa.string())),
    ("quotes", "segments", pa.list_(pa.list_(pa.int64()))),
    ("quotes", "speaker_start", pa.int64()),
    ("quotes", "tone", pa.float64()),
    ("quotes", "kind", pa.string()),
    ("articles", "date", pa.string()),
    ("topic_hits", "evidence", pa.list_(pa.string())),
    ("keywords", "rank", pa.int64()),
]


@pytest.mark.parametrize(("table", "record", "not_stored"), TABLE_RECORDS)
def test_every_record_field_is_a_column(table, record, not_stored):
    names = SCHEMAS[table].names
    fields = [f.name for f in dataclasses.fields(record) if f.name not in not_stored]
    assert [n for n in names if n in fields] == fields  # all of them, in the record's order
    assert "article_id" in names


@pytest.mark.parametrize(("table", "column", "arrow_type"), EXPECTED_TYPES)
def test_column_types_follow_the_annotations(table, column, arrow_type):
    assert SCHEMAS[table].field(column).type == arrow_type


def test_rows_of_an_analysis_have_exactly_the_schema_columns(seed_analysis):
    rows = rows_of(seed_analysis)
    assert set(rows) == set(TABLES)
    for table, table_rows in rows.items():
        assert table_rows, table
        assert all(list(row) == SCHEMAS[table].names for row in table_rows), table
        pa.Table.from_pylist(table_rows, schema=SCHEMAS[table])  # the values fit the types
    text = seed_analysis.article.text
    for row in rows["quotes"]:
        assert row["text"] == text[row["start"]:row["end"]]
        if row["cue"] is not None:
            assert row["cue"] == text[row["cue_start"]:row["cue_end"]]


def test_an_article_row_gives_the_article_back(seed_analysis):
    row = rows_of(seed_analysis)["articles"][0]
    assert article_of(row) == seed_analysis.article
    assert article_of({**row, "date": float("nan"), "title": None}).date is None
    assert article_of({**row, "title": None}).title == ""
