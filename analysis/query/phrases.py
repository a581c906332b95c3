"""Key phrases of a selection and phrase counts, from an index of every statement's phrases built
once per corpus.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import keywords
from analysis.records import Keyword
from analysis.store import Corpus

#: A speaker's representative statements (the one-page brief) are ranked on their last this many
#: statements in corpus order, the most recently stored, when they have more: enough to choose a
#: page's few quotes from, and read in a second at a million articles where all of a large
#: speaker's texts took 5-7 s (the page says so: ``pages/briefing.py``).
REPRESENTATIVE_SAMPLE = 20_000


def index_phrases(corpus: Corpus) -> None:
    """Build the key-phrase index of every statement now (see :func:`statement_keywords`), so the
    first view that draws key phrases does not pay for it (about 1.5 s at 300 articles).
    """
    _phrase_index(corpus)


def _phrase_index(corpus: Corpus) -> dict:
    """Phrases of every statement, as integer arrays; built on first use, kept in ``corpus.derived``.

    ``pair_rows``/``pair_groups``: each (statement row, phrase group) once; ``form_rows``/
    ``forms``: every phrase occurrence; ``form_group``: group of each surface form;
    ``group_forms``: surface forms of each group; ``rarity``: mean background idf of a group.
    """
    cached = corpus.derived.get("phrase_index")
    if cached is not None:
        return cached
    numbering = keywords.PhraseNumbering()
    pair_rows: list[int] = []
    pair_groups: list[int] = []
    form_rows: list[int] = []
    forms: list[int] = []
    for row, text in enumerate(corpus.quotes["text"].tolist()):
        seen: set[int] = set()
        for form_id in numbering.forms_of(text):
            form_rows.append(row)
            forms.append(form_id)
            group_id = numbering.form_group[form_id]
            if group_id not in seen:
                seen.add(group_id)
                pair_rows.append(row)
                pair_groups.append(group_id)
    index = {
        "quote_rows": pd.Index(corpus.quotes["quote_id"]),
        "pair_rows": np.asarray(pair_rows, dtype=np.int64), "pair_groups": np.asarray(pair_groups, dtype=np.int64),
        "form_rows": np.asarray(form_rows, dtype=np.int64), "forms": np.asarray(forms, dtype=np.int64),
        "form_text": list(numbering.form_ids), "groups": list(numbering.group_ids),
        "group_forms": numbering.group_forms(), "rarity": numbering.rarity(),
    }
    corpus.derived["phrase_index"] = index
    return index


def statement_keywords(corpus: Corpus, quotes: pd.DataFrame, top_n: int = 10) -> list[Keyword]:
    """Key phrases of the statements ``quotes`` (rows of ``corpus.quotes``), fast.

    Gives the result of :func:`analysis.keywords.keywords_for_texts` on ``quotes["text"]``
    (same scoring, merging and ordering) from phrase counts precomputed once per corpus,
    so a filter change counts integers instead of re-reading every statement: at 10,000
    articles about 40x faster for a large selection. Statements not in the corpus fall
    back to :func:`~analysis.keywords.keywords_for_texts`.
    """
    if quotes.empty:
        return []
    index = _phrase_index(corpus)
    rows = index["quote_rows"].get_indexer(quotes["quote_id"])
    if (rows < 0).any():
        return keywords.keywords_for_texts(quotes["text"].tolist(), top_n=top_n)
    selected = np.zeros(len(index["quote_rows"]), dtype=bool)
    selected[rows] = True
    statements = np.bincount(index["pair_groups"][selected[index["pair_rows"]]],
                             minlength=len(index["groups"]))
    occurrences = np.bincount(index["forms"][selected[index["form_rows"]]], minlength=len(index["form_text"]))
    form_text, group_forms, rarity = index["form_text"], index["group_forms"], index["rarity"]
    scored = []
    for group_id in np.flatnonzero(statements).tolist():
        counts = {form_text[f]: int(occurrences[f]) for f in group_forms[group_id] if occurrences[f]}
        phrase = keywords.best_form(counts)
        scored.append((keywords.phrase_score(int(statements[group_id]), rarity[group_id], phrase), phrase,
                       index["groups"][group_id]))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return keywords.drop_contained_words(scored, top_n)


def phrase_counts(corpus: Corpus, quotes: pd.DataFrame) -> dict[str, int]:
    """How many of the statements ``quotes`` (rows of ``corpus.quotes``) hold each key phrase.

    Phrases are those of :func:`statement_keywords` (word forms of one phrase counted together),
    each named by its most frequent form in the whole corpus, so counts of two selections and of
    the corpus share their keys (for :func:`analysis.compare.log_odds_dirichlet`).
    """
    if quotes.empty:
        return {}
    index = _phrase_index(corpus)
    names = corpus.derived.get("phrase_names")
    if names is None:
        occurrences = np.bincount(index["forms"], minlength=len(index["form_text"]))
        names = [keywords.best_form({index["form_text"][f]: int(occurrences[f]) for f in forms if occurrences[f]})
                 for forms in index["group_forms"]]
        corpus.derived["phrase_names"] = names
    rows = index["quote_rows"].get_indexer(quotes["quote_id"])
    selected = np.zeros(len(index["quote_rows"]), dtype=bool)
    selected[rows[rows >= 0]] = True
    statements = np.bincount(index["pair_groups"][selected[index["pair_rows"]]], minlength=len(index["groups"]))
    counts: dict[str, int] = {}
    for group_id in np.flatnonzero(statements).tolist():
        counts[names[group_id]] = counts.get(names[group_id], 0) + int(statements[group_id])
    return counts
