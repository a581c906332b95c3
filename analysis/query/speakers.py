"""Speakers by any alias: the names each speaker goes by, and the canonical speaker a typed name means."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pandas as pd

from analysis.query.categoricals import strings
from analysis.store import Corpus


def _name_key(text: str) -> str:
    """A typed or stored name compared without case, spacing or edge punctuation."""
    return " ".join(str(text).replace("’", "'").split()).strip(" .,;:'\"“”").casefold()


#: A capital after a mention's first character (a name, not "He" at a sentence start).
_CAPITAL_INSIDE = re.compile(r".[A-Z]")


def speaker_aliases(corpus: Corpus) -> dict[str, str]:
    """Every name a speaker goes by -> its canonical name; built once per corpus (``corpus.derived``).

    The names: each canonical name; each way the texts name a speaker that shares a word with
    the name or has a capital after its first letter ("Putin", "President Putin", "the Russian
    President"; not "He" at a sentence start, nor "whom");
    the surname of each canonical name. Keys are case-folded. A name used for several
    speakers goes to the one it names most often, and a surname to the speaker with most
    statements.
    """
    cached = corpus.derived.get("speaker_aliases")
    if cached is not None:
        return cached
    speakers = strings(corpus.quotes["speaker"])
    mentions = strings(corpus.quotes["speaker_mention"]) if "speaker_mention" in corpus.quotes else speakers
    # value_counts sorts stably: most first, ties in order of first use (as the engine's counts are ordered).
    totals = speakers.value_counts()
    pairs = pd.DataFrame({"mention": mentions, "speaker": speakers}).dropna().value_counts()
    aliases = aliases_from_counts(list(totals.items()),
                                  [(m, n, k) for (m, n), k in pairs.sort_values(kind="stable").items()])
    corpus.derived["speaker_aliases"] = aliases
    return aliases


def aliases_from_counts(totals: list[tuple[str, int]], pairs: Iterable[tuple[str, str, int]]) -> dict[str, str]:
    """The aliases of :func:`speaker_aliases` from counts: ``totals`` (speaker, statements), most
    first, and ``pairs`` (mention, speaker, statements; read once, may be streamed), fewest first,
    ties of both in order of first use; the warehouse build reads both from its pre-counted
    tables (:mod:`analysis.store.page_tables`).
    """
    from analysis.names.aliases import surname

    aliases: dict[str, str] = {}
    for name, _count in reversed(totals):  # the most quoted speaker writes last and wins
        last = surname(name)
        if last:
            aliases[_name_key(last)] = name
    for mention, speaker, _count in pairs:  # ascending: the most frequent pairing writes last
        if _CAPITAL_INSIDE.search(mention) or set(_name_key(mention).split()) & set(_name_key(speaker).split()):
            aliases[_name_key(mention)] = speaker
    for name, _count in totals:
        aliases[_name_key(name)] = name
    return aliases


def resolve_speaker(corpus: Corpus, typed: str) -> str | None:
    """The canonical speaker a typed name means, or None.

    ``"putin"``, ``"Vladimir Putin"``, ``"President Putin"`` and ``"russian president vladimir
    putin"`` all give "Vladimir Putin" when the corpus quotes him: the name itself, then the
    name without its titles, then its surname (see :func:`speaker_aliases`).
    """
    return resolve_name(typed, speaker_aliases(corpus).get)


def resolve_name(typed: str, alias: Callable[[str], str | None]) -> str | None:
    """The canonical speaker a typed name means (as :func:`resolve_speaker`), looking each
    candidate key up with ``alias`` (key -> speaker or None): a dictionary's ``get``, or the
    engine's pre-computed aliases (:meth:`analysis.engine.Engine.speaker_alias`).
    """
    from analysis.names.aliases import surname
    from analysis.names.titles import strip_titles

    key = _name_key(typed)
    if not key:
        return None
    found = alias(key)
    if found is not None:
        return found
    bare = strip_titles(" ".join(w[:1].upper() + w[1:] for w in key.split()))
    for candidate in (bare, surname(bare) if bare else ""):
        if candidate:
            found = alias(_name_key(candidate))
            if found is not None:
                return found
    return None
