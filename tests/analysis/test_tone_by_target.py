"""``tone_by_target``: speaker x country tone from the tone towards each country when the statements
hold it (a store built with ``--target-tone``), else from the whole statement's VADER tone."""

import pandas as pd
import pytest

from analysis.query import (
    STATEMENT_MEASURE,
    TARGET_MEASURE,
    has_target_tones,
    tone_by_target,
    tone_measure,
)

RUS_NEG, RUS_POS = ("country", "RUS", "negative"), ("country", "RUS", "positive")
RUS_NEU = ("country", "RUS", "neutral")
UKR_POS, UKR_NEG = ("country", "UKR", "positive"), ("country", "UKR", "negative")
PUTIN_NEG = ("person", "Vladimir Putin", "negative")


def statements(*rows) -> pd.DataFrame:
    """Statements (speaker, countries, VADER tone, target tones), indexed like corpus rows (not from 0)."""
    frame = pd.DataFrame(rows, columns=["speaker", "countries", "tone", "target_tones"])
    frame.index = range(10, 10 + len(frame))
    return frame


def cells(table: pd.DataFrame, row="speaker", column="countries") -> dict:
    """{(row, column): (statements, tone rounded)} of a long table."""
    return {(r, c): (int(n), round(float(t), 3))
            for r, c, n, t in zip(table[row], table[column], table["statements"], table["tone"], strict=True)}


CASES = [
    pytest.param(  # the model's tones: one cell per (speaker, target country), counts of the statements behind it
        statements(("Johnson", ("RUS",), 0.6, (RUS_NEG,)),
                   ("Johnson", ("RUS", "UKR"), 0.6, (RUS_NEG, UKR_POS)),
                   ("Johnson", ("RUS",), 0.0, (RUS_POS,)),
                   ("Scholz", ("RUS",), -0.9, (RUS_NEU, PUTIN_NEG))),
        TARGET_MEASURE,
        {("Johnson", "RUS"): (3, round(-1 / 3, 3)), ("Johnson", "UKR"): (1, 1.0), ("Scholz", "RUS"): (1, 0.0)},
        id="target-tones"),
    pytest.param(  # a country the statement mentions but the model gives no tone towards is no cell;
        # a statement without target tones adds nothing, people as targets are no country column
        statements(("Johnson", ("RUS", "FRA"), 0.6, (RUS_NEG,)),
                   ("Johnson", ("UKR",), 0.5, ()),
                   (None, ("UKR",), 0.5, (UKR_NEG,)),
                   ("Putin", (), 0.5, (PUTIN_NEG,))),
        TARGET_MEASURE,
        {("Johnson", "RUS"): (1, -1.0), ("(unknown)", "UKR"): (1, -1.0)},
        id="only-countries-named-as-targets"),
    pytest.param(  # no statement holds target tones: the whole statement's VADER tone, as before
        statements(("Johnson", ("RUS",), 0.6, ()),
                   ("Johnson", ("RUS", "UKR"), -0.2, ()),
                   ("Scholz", ("RUS",), -0.9, ())),
        STATEMENT_MEASURE,
        {("Johnson", "RUS"): (2, 0.2), ("Johnson", "UKR"): (1, -0.2), ("Scholz", "RUS"): (1, -0.9)},
        id="vader-without-target-tones"),
    pytest.param(  # a store from before the column existed
        statements(("Johnson", ("RUS",), 0.6, ()), ("Scholz", ("RUS",), -0.4, ())).drop(columns="target_tones"),
        STATEMENT_MEASURE,
        {("Johnson", "RUS"): (1, 0.6), ("Scholz", "RUS"): (1, -0.4)},
        id="vader-without-the-column"),
    pytest.param(statements(), STATEMENT_MEASURE, {}, id="empty-selection"),
    pytest.param(  # target tones of people only: the model path, and no country cell
        statements(("Johnson", ("RUS",), 0.6, (PUTIN_NEG,))),
        TARGET_MEASURE, {}, id="people-only"),
]


@pytest.mark.parametrize(("quotes", "measure", "expected"), CASES)
def test_speaker_by_country_tone(quotes, measure, expected):
    table = tone_by_target(quotes, "speaker", "countries")
    assert tone_measure(quotes, "speaker", "countries") == measure
    assert list(table.columns) == ["speaker", "countries", "statements", "tone"]
    assert cells(table) == expected
    if expected:
        assert table["statements"].is_monotonic_decreasing  # most statements first, as the chart expects


def test_the_empty_selection_gives_an_empty_frame():
    empty = statements().iloc[0:0]
    assert tone_by_target(empty, "speaker", "countries").empty
    assert not has_target_tones(empty)


def test_other_pairs_keep_the_statement_tone_even_with_target_tones():
    quotes = statements(("Johnson", ("RUS",), 0.6, (RUS_NEG,))).assign(topics=[("war",)])
    assert tone_measure(quotes, "topics", "countries") == STATEMENT_MEASURE
    assert cells(tone_by_target(quotes, "topics", "countries"), "topics") == {("war", "RUS"): (1, 0.6)}
    assert cells(tone_by_target(quotes, "speaker", "topics"), "speaker", "topics") == {("Johnson", "war"): (1, 0.6)}


@pytest.mark.parametrize(("column", "expected"), [
    ([(), ()], False), ([(), (RUS_NEG,)], True), ([None, ()], False), ([float("nan"), (PUTIN_NEG,)], True),
])
def test_has_target_tones(column, expected):
    quotes = statements(("a", (), 0.0, ()), ("b", (), 0.0, ())).assign(target_tones=column)
    assert has_target_tones(quotes) is expected
