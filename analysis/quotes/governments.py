"""Places standing for a government as a source: one source per country.

News names a government by its country ("Russia said"), its capital ("Moscow said") or its seat
("the Kremlin said"). A country standing for its government is a real source and stays; a
capital or seat of power listed in ``rules/quotes/government_seats.tsv`` is the same source as its
country ("Moscow", "the Kremlin" -> "Russia"; "Washington", "US" -> "United States"), so that
an analyst's speaker list counts one Russian government, not three. The offices of a head of
government ("Downing Street", "the White House") are not listed: news and speakers_dev's
annotators name them as sources of their own (the Prime Minister's or President's office).
The mention in the text is kept (``speaker_start``/``speaker_end``), so the reader still sees
"the Kremlin".
"""

from __future__ import annotations

import functools

from analysis import resources


@functools.cache
def _seats() -> dict[str, str]:
    """``{capital or seat as written: country}`` of ``government_seats.tsv``."""
    rows = [line.split("\t") for line in resources.entries(resources.rules_file("quotes", "government_seats.tsv"))]
    return {seat.strip(): country.strip() for seat, country in rows}


def government_source(name: str | None) -> str | None:
    """The country a capital or seat of power stands for as a source ("Moscow", "the Kremlin" ->
    "Russia"), or None for any other name (a country, a person, "Downing Street").
    """
    if not name:
        return None
    bare = name[4:] if name[:4] in ("the ", "The ") else name
    return _seats().get(bare.strip())
