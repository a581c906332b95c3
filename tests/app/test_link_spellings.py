"""A link's filter values as analysts write them (session 20, qa6): a country or speaker without its
accents, in another case, with a typographic apostrophe, selects what its proper spelling selects.
``?country=cote d'ivoire`` selected nothing before ("not a country or region"), where ``Milos Zeman``
already found Miloš Zeman. On the 300 shared articles; each case against the canonical value's own view.
"""

from __future__ import annotations

import pytest

from tests.app.opening import open_app

QUOTES = "pages/quotes.py"


def _statements(at) -> int:
    header = at.main.caption[0].value
    return int(header.split(" · ")[1].split()[0].replace(",", ""))


# (parameter, as written in the link, the filter's canonical value or None when it must match nothing)
CASES = [
    ("country", "cote d'ivoire", "CIV"),
    ("country", "Cote d’Ivoire", "CIV"),
    ("country", "CÔTE D'IVOIRE", "CIV"),
    ("speaker", "milos zeman", "Miloš Zeman"),
    ("speaker", "Cormac Murphy-O’Connor", "Cormac Murphy-O'Connor"),
    ("speaker", "miroslav lajcak", "Miroslav Lajčák"),
    ("speaker", "LAJCAK", "Miroslav Lajčák"),  # the surname alone, as "putin" finds Vladimir Putin
    ("country", "cote divoire", None),
    ("speaker", "Cormac Murphy O Connor Jr", None),
]


@pytest.mark.parametrize(("param", "written", "canonical"), CASES)
def test_a_value_selects_what_its_proper_spelling_selects(shared_corpus_store, monkeypatch, param, written,
                                                          canonical):
    at = open_app(shared_corpus_store, monkeypatch, QUOTES, **{param: written})
    key = f"filter_{param}"
    if canonical is None:
        assert at.multiselect(key=key).value == [" ".join(written.split())]
        assert _statements(at) == 0 and len(at.main.warning) == 1
        return
    proper = open_app(shared_corpus_store, monkeypatch, QUOTES, **{param: canonical})
    expected = _statements(proper)
    if expected == 0:
        pytest.skip(f"{canonical} is not in this build of the shared corpus")
    assert at.multiselect(key=key).value == [canonical]
    assert _statements(at) == expected
    assert not at.main.warning, [w.value for w in at.main.warning]
