"""Nickname forms of first names: "Vince" and "Vincent", "Bill" and "William", "Tony" and "Anthony".

The data is the hand-curated table of the PyPI package ``nicknames`` (Apache-2.0, Carlton
Northern and contributors; 2,690 name/nickname pairs of English first names, read from the
installed package, no network). :func:`are_nickname_forms` says whether two first words are the
same first name in a formal and a familiar form; :mod:`analysis.names.aliases` joins two full
names with the same surname when their first names are (only when no other first name of that
surname could also be meant: "Vince Cable" and "Vincent Cable" are one person, "Vince Cable" and
"Vincent Smith" never).
"""

from __future__ import annotations

import functools

from analysis.names.shape import word_key


@functools.lru_cache(maxsize=1)
def nickname_pairs() -> frozenset[tuple[str, str]]:
    """Return (nickname key, formal name key) pairs, spelling keys as :func:`~analysis.names.shape.word_key` gives."""
    from nicknames import NickNamer

    pairs = set()
    for formal, nicks in NickNamer().nickname_lookup.items():
        for nick in nicks:
            if word_key(nick) != word_key(formal):
                pairs.add((word_key(nick), word_key(formal)))
    return frozenset(pairs)


def are_nickname_forms(a: str, b: str) -> bool:
    """True when two different first-name keys are one name's familiar and formal forms ("vinke", "vinkent").

    Args:
        a: A first word's spelling key (:func:`~analysis.names.shape.word_key`).
        b: Another first word's spelling key.
    """
    if a == b:
        return False
    pairs = nickname_pairs()
    return (a, b) in pairs or (b, a) in pairs
