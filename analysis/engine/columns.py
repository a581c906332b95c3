"""The columns the engine's answers carry, and how their list values come back to Python."""

from __future__ import annotations

#: The statement columns :func:`Engine.filter_quotes` returns by default (those of ``load_corpus``).
QUOTE_COLUMNS = ("quote_id", "article_id", "kind", "start", "end", "text", "speaker", "speaker_start",
                 "speaker_end", "cue_start", "cue_end", "countries", "topics", "tone", "speaker_kind", "segments",
                 "speaker_description", "confidence", "about", "target_tones", "speaker_mention", "cue", "title",
                 "date", "outlet")
#: Statement columns that may be asked for besides :data:`QUOTE_COLUMNS`.
EXTRA_QUOTE_COLUMNS = ("day", "month", "repeated")
#: The article columns :meth:`Engine.articles_of` returns.
ARTICLE_COLUMNS = ("article_id", "source", "title", "date", "outlet", "url", "tone", "words", "n_quotes", "version")
#: The stored articles' order (:func:`analysis.store.load_corpus`'s): by date, then title, missing last.
ARTICLE_ORDER = "a.date NULLS LAST, a.title NULLS LAST, a.bidx, a.frow"
#: Statement columns holding lists (returned as tuples).
LIST_COLUMNS = ("countries", "topics", "about", "segments", "target_tones")


def tuples(value):
    """A list value as a tuple (inner lists too); a missing one as ()."""
    if value is None or (isinstance(value, float) and value != value):
        return ()
    return tuple(tuple(v) if hasattr(v, "__len__") and not isinstance(v, str) else v for v in value)


def check_columns(columns, allowed, what: str = "statement") -> None:
    """Raise ValueError naming the ``columns`` that are not ``allowed``."""
    unknown = [c for c in columns if c not in allowed]
    if unknown:
        raise ValueError(f"no {what} column {', '.join(map(repr, unknown))}")


def with_tuples(frame):
    """``frame`` with its list columns (:data:`LIST_COLUMNS`) as tuples, indexed by ``pos`` (unnamed)."""
    for column in LIST_COLUMNS:
        if column in frame.columns:
            frame[column] = [tuples(v) for v in frame[column]]
    return frame.set_index("pos").rename_axis(None)
