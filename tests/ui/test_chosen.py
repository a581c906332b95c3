"""ui.chosen: the split of the chosen values of a filter (which statements carry one of them only)."""

from __future__ import annotations

import pandas as pd
import pytest

from ui.chosen import chosen_bars, chosen_split

COUNTS = pd.DataFrame({"iso3": ["GBR", "DEU", "USA", "FRA"], "statements": [300, 29, 20, 12]})


# (chosen values, both, expected rows: key, statements, only, shared)
CASES = [
    (("DEU", "FRA"), 7, [("DEU", 29, 22, 7), ("FRA", 12, 5, 7)]),
    (("FRA", "DEU"), 7, [("FRA", 12, 5, 7), ("DEU", 29, 22, 7)]),  # the filter's order, not the counts'
    (("DEU", "FRA"), None, [("DEU", 29, 29, 0), ("FRA", 12, 12, 0)]),
    (("DEU", "FRA"), 50, [("DEU", 29, 0, 29), ("FRA", 12, 0, 12)]),  # never more shared than a value has
    (("DEU", "ATA"), 0, [("DEU", 29, 29, 0)]),  # a value no statement carries: no row
    (("ATA", "XYZ"), None, []),
]


@pytest.mark.parametrize(("chosen", "both", "rows"), CASES)
def test_chosen_split(chosen, both, rows):
    split = chosen_split(COUNTS, "iso3", chosen, both)
    assert list(split.itertuples(index=False, name=None)) == rows


def test_the_shared_part_is_hatched_and_says_which_other_value():
    split = chosen_split(COUNTS, "iso3", ("DEU", "FRA"), 7)
    figure = chosen_bars(split, "iso3", {"DEU": "Germany", "FRA": "France"}.get, lambda _v: "#000000", "t",
                         "also naming")
    only, shared = figure.data
    assert list(only.y) == ["France", "Germany"]  # the first value on top
    assert list(shared.text) == ["7 also naming Germany", "7 also naming France"]
    assert shared.marker.pattern.shape == "/"
    alone = chosen_bars(chosen_split(COUNTS, "iso3", ("DEU", "FRA"), None), "iso3", str, lambda _v: "#000000", "t")
    assert len(alone.data) == 1 and list(alone.data[0].text) == ["12", "29"]


@pytest.mark.parametrize(("chosen", "note"), [
    (("DEU", "FRA"), "The chosen countries: Germany in 29 statements, France in 12 (side by side on the Countries "
                     "page)."),
    (("FRA", "ATA", "GBR"), "The chosen countries: France in 12 statements, United Kingdom in 300 (side by side on the "
                            "Countries page)."),
    (("DEU",), ""),
    (("DEU", "ATA"), ""),  # one carried value: nothing to set side by side
    ((), ""),
])
def test_chosen_note(chosen, note):
    from ui.chosen import chosen_note

    assert chosen_note("country", COUNTS, chosen) == note
