"""The corpus store: Parquet tables in a folder, appended batch by batch, crash-safe.

- :mod:`analysis.store.schema`: the five tables, derived from the record dataclasses.
- :mod:`analysis.store.batches`: Parquet I/O (atomic batches, reading tables, article columns).
- :mod:`analysis.store.corpus`: the loaded corpus the app queries, and compaction.
- :mod:`analysis.store.lock`: one writer at a time (a lock a killed writer cannot leave behind).
- :mod:`analysis.store.fs`: where a store lives: a local folder or an object-store URL
  (``s3://bucket/prefix``); :mod:`analysis.store.objects` commits batches there (marker last).

The store never analyses: :mod:`analysis.build` is the one module that runs the pipeline
and writes its results here. Each stored article records the analysis version that made it.
"""

from analysis.store.batches import (
    BATCHES,
    article_texts,
    list_batches,
    new_batch_names,
    remove_stale_temporaries,
    set_aside_incomplete,
    store_problems,
    stored_versions,
    write_batch,
    write_frames,
)
from analysis.store.corpus import STATEMENT_ACTS, Corpus, compact_store, load_corpus, stored_articles, with_texts
from analysis.store.fs import access_errors, is_remote, store_exists
from analysis.store.lock import StoreBusy, writer_lock
from analysis.store.schema import CATEGORICAL_COLUMNS, SCHEMAS, TABLES, rows_of

__all__ = [
    "BATCHES", "CATEGORICAL_COLUMNS", "SCHEMAS", "STATEMENT_ACTS", "TABLES", "Corpus", "StoreBusy", "access_errors",
    "article_texts",
    "compact_store",
    "is_remote", "list_batches", "load_corpus", "new_batch_names", "remove_stale_temporaries", "rows_of",
    "set_aside_incomplete", "store_exists", "store_problems", "stored_articles", "stored_versions", "with_texts",
    "write_batch", "write_frames", "writer_lock",
]
