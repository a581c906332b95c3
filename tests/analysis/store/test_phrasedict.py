"""The phrase dictionary numbered in DuckDB (analysis/store/phrasedict.py) gives PhraseNumbering's ids."""

from __future__ import annotations

import duckdb
import pytest

from analysis.keywords import PhraseNumbering, best_form
from analysis.store import load_corpus
from analysis.store.phrasedict import PhraseStream

TRICKY = [
    "Missile tests, Seoul says.",             # group {missil, test} first seen as "Missile tests"
    "",                                       # no phrases at all
    None,                                     # a missing text
    "The and of it, but.",                    # only stopwords: no phrases
    "Missile tests, Seoul says.",             # a repeated text: same ids, occurrences count again
    "A missile test, another missile test.",  # a second form of the group, twice in one statement
    "Seoul said the missile test failed; Seoul waits.",  # forms seen before, twice, among new ones
    "Test missiles; Missile Test.",           # the group's stems in another order; a capitalised form
    "Missile tests, Seoul says.",
    "cease-fire talks; Cease-Fire Talks; ceasefire talks",  # hyphenated words, capitals tie-break
]


def _reference(texts) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Per statement (pos, groups, forms), the form table and the group table by PhraseNumbering."""
    numbering = PhraseNumbering()
    statements = []
    for pos, text in enumerate(texts):
        forms = numbering.forms_of(text)
        statements.append((pos, list(dict.fromkeys(numbering.form_group[f] for f in forms)), forms))
    form_text = list(numbering.form_ids)
    forms = [(i, form, numbering.form_group[i]) for i, form in enumerate(form_text)]
    names = [best_form({form_text[f]: numbering.occurrences[f] for f in group if numbering.occurrences[f]})
             for group in numbering.group_forms()]
    groups = [(i, sorted(set(stems)), rarity, names[i])
              for i, (stems, rarity) in enumerate(zip(numbering.group_stems, numbering.rarity(), strict=True))]
    return statements, forms, groups


def _numbered(con, texts, first_pos: int = 0, chunk: int = 3, appending: bool = False, **caches) -> None:
    """Add ``texts`` (positions from ``first_pos``) ``chunk`` statements at a time, then number them."""
    stream = PhraseStream(con, **caches)
    if not appending:
        con.execute("CREATE TABLE phr (pos BIGINT, phrase_groups BIGINT[], phrase_forms BIGINT[])")
    for low in range(0, len(texts), chunk):
        part = texts[low : low + chunk]
        stream.add(list(range(first_pos + low, first_pos + low + len(part))), part)
    stream.finish(appending, range_rows=4)


def _tables(con) -> tuple[list[tuple], list[tuple], list[tuple]]:
    return (con.execute("SELECT * FROM phr ORDER BY pos").fetchall(),
            con.execute("SELECT * FROM phrase_forms ORDER BY form_id").fetchall(),
            con.execute("SELECT * FROM phrase_groups ORDER BY group_id").fetchall())


@pytest.mark.parametrize("chunk, caches", [
    (3, {}),
    (1, {"text_cache": 1, "form_cache": 1}),  # every text split again, every form written again
    (4, {"text_cache": 2, "form_cache": 3}),
    (100, {}),
])
def test_the_tricky_cases_are_numbered_as_phrase_numbering_does(chunk, caches):
    with duckdb.connect() as con:
        _numbered(con, TRICKY, chunk=chunk, **caches)
        got = _tables(con)
    expected = _reference(TRICKY)
    assert got == expected
    _, groups, forms = got[0][5]
    assert len(groups) == 1 and forms == [forms[0], forms[0]], "a group once per statement, a form twice"
    assert len(got[1]) > len(got[2]), "some groups have several forms"


def test_statements_without_phrases_only_get_empty_lists():
    with duckdb.connect() as con:
        _numbered(con, ["", None, "the of and"])
        assert _tables(con) == ([(0, [], []), (1, [], []), (2, [], [])], [], [])


@pytest.mark.parametrize("split", [1, 4, 6, 9])
def test_an_append_goes_on_from_the_previous_dictionary(tmp_path, split):
    path = str(tmp_path / "prev.duckdb")
    with duckdb.connect(path) as con:
        _numbered(con, TRICKY[:split], chunk=2)
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{path}' AS prev (READ_ONLY)")
        con.execute("CREATE TABLE phr AS SELECT * FROM prev.phr ORDER BY pos")
        _numbered(con, TRICKY[split:], first_pos=split, chunk=2, appending=True)
        got = _tables(con)
    assert got == _reference(TRICKY)


def test_the_shared_corpus_is_numbered_as_phrase_numbering_does(shared_corpus_store):
    texts = load_corpus(shared_corpus_store).quotes["text"].tolist()
    assert len(texts) > 1000
    with duckdb.connect() as con:
        _numbered(con, texts, chunk=700, text_cache=500, form_cache=2000)
        got = _tables(con)
    expected = _reference(texts)
    assert len(expected[1]) > 2000, "more forms than the cache holds"
    assert got[0] == expected[0]
    assert got[1] == expected[1]
    assert got[2] == expected[2]


def test_the_warehouse_holds_the_numbering_of_the_app(shared_corpus_store):
    from analysis.store.warehouse import warehouse_path

    texts = load_corpus(shared_corpus_store).quotes["text"].tolist()
    statements, forms, groups = _reference(texts)
    with duckdb.connect(warehouse_path(shared_corpus_store), read_only=True) as con:
        assert con.execute("SELECT * FROM phrase_forms ORDER BY form_id").fetchall() == forms
        assert con.execute("SELECT * FROM phrase_groups ORDER BY group_id").fetchall() == groups
        stored = con.execute("SELECT pos, phrase_groups, phrase_forms FROM quotes ORDER BY pos").fetchall()
    assert stored == statements
