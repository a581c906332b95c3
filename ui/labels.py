"""Display names and colours of countries and topics, for the pages, the charts and the exports.

The one place ``ui`` and ``pages`` get them from (the gazetteer and the taxonomy live in
``analysis``); no streamlit here.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

from analysis.countries import country_name, country_table
from analysis.topics import load_taxonomy, topic_color, topic_label

__all__ = ["country_label", "country_name", "country_names", "distinct_names", "folded", "known_country", "known_topic",
           "topic_color", "topic_description", "topic_label", "topic_labels", "unique_labels"]


def country_label(iso3: str) -> str:
    """Name and code, as the filter widgets show them: ``"Germany (DEU)"`` (a value that is no
    country or region is shown as it is).
    """
    name = country_name(iso3)
    return iso3 if name == iso3 else f"{name} ({iso3})"


#: Apostrophes and quotation marks typed or pasted in place of "'" (a link copied from an article: "d’Ivoire").
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})


def folded(value: str) -> str:
    """``value`` as a name is compared: blanks collapsed, any case, without accents and with one
    apostrophe ("Cote d’ivoire" and "Côte d'Ivoire" are one name; session 20, qa6: the first selected
    nothing, "not a country or region").
    """
    text = unicodedata.normalize("NFKD", " ".join(str(value).split()).translate(APOSTROPHES))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _key(value: str) -> str:
    return folded(value)


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    table = country_table()  # names only: not the place finder (docs/speed.md, session 17)
    known = {}
    for code in [*table.countries, *table.regions]:
        known[_key(code)] = code
        known.setdefault(_key(country_name(code)), code)
    return known


@functools.lru_cache(maxsize=1)
def _topics() -> dict[str, str]:
    known = {}
    for topic in load_taxonomy():
        known[_key(topic.id)] = topic.id
        known.setdefault(_key(topic.label), topic.id)
    return known


def known_country(value: str) -> str | None:
    """The gazetteer's code of a country or region named by its code or name, in any case and with
    or without accents (``"antarctica"`` -> ``"ATA"``, ``"cote d'ivoire"`` -> ``"CIV"``), whether or
    not a corpus names it; None for anything else.
    """
    return _countries().get(_key(value))


def known_topic(value: str) -> str | None:
    """The taxonomy's id of a topic named by its id or label, in any case (:func:`folded`), whether
    or not a corpus has it; None for anything else.
    """
    return _topics().get(_key(value))


def distinct_names(names: Iterable[str]) -> list[str]:
    """``names`` in order, each once whatever its case: "He, The cardinal" for "He, The cardinal, he,
    the Cardinal, the cardinal" (how the texts named Cormac Murphy-O'Connor; session 20).
    """
    seen: set[str] = set()
    kept = []
    for name in names:
        key = " ".join(str(name).split()).casefold()
        if key not in seen:
            seen.add(key)
            kept.append(name)
    return kept


def country_names(codes: Iterable[str]) -> dict[str, str]:
    """Display name of each code (ISO-3 or region key), for chart axes."""
    return {code: country_name(code) for code in codes}


def topic_labels(topic_ids: Iterable[str]) -> dict[str, str]:
    """Display label of each topic id, for chart axes."""
    return {topic: topic_label(topic) for topic in topic_ids}


def topic_description(topic_id: str) -> str:
    """The taxonomy's one-sentence description of a topic ("" when unknown)."""
    return next((topic.description for topic in load_taxonomy() if topic.id == topic_id), "")


def unique_labels(keys: Iterable[str], labels: Iterable[str | None]) -> dict[str, str]:
    """Map each key to a label no other key shares: a missing label is the key, a repeated one gets
    " (2)", " (3)"... in order.

    Streamlit's selectbox tells options apart by their shown label, so two articles with one
    title would be one entry that always opens the same article.
    """
    out: dict[str, str] = {}
    taken: set[str] = set()
    last: dict[str, int] = {}  # per label, the number given last: every lower one is taken (100,000 copies)
    for key, label in zip(keys, labels, strict=True):
        base = label if isinstance(label, str) and label else key
        number = last.get(base, 1)
        shown = base if number == 1 else f"{base} ({number})"
        while shown in taken:
            number += 1
            shown = f"{base} ({number})"
        taken.add(shown)
        last[base] = number
        out[key] = shown
    return out
