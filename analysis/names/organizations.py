"""Organisations known by several names: party aliases, and party labels before a person's name.

``rules/names/organization_aliases.tsv`` lists the other names of one party or body
("Tories", "Conservative Party" -> "Conservatives"; "Lib Dems" -> "Liberal Democrats";
"Labour Party" -> "Labour"). :func:`organization_alias` gives a name's canonical form, used
per article for speakers (:mod:`analysis.quotes.speakers`) and for organisations, and across
the corpus (:func:`analysis.names.canonicalize_names`): spelling and containment alone never
join "Tories" to "Conservatives". :func:`strip_party_label` drops a party name used as a label
before a person ("Lib Dem Norman Baker" -> "Norman Baker").
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from analysis import resources

#: Words before an organisation's name that are not part of it ("the Tories", "both Plaid Cymru").
_LEADING_WORDS = ("the ", "The ", "both ")


@functools.cache
def _aliases() -> dict[str, str]:
    """``{alias or canonical name: canonical name}`` of ``organization_aliases.tsv``."""
    rows = [line.split("\t") for line in resources.entries(resources.rules_file("names", "organization_aliases.tsv"))]
    aliases = {alias.strip(): canonical.strip() for alias, canonical in rows}
    aliases.update({canonical: canonical for canonical in aliases.values()})
    return aliases


@functools.cache
def _labels() -> tuple[str, ...]:
    """Party names of one or two words that may stand as a label before a person, longest first."""
    return tuple(sorted((name for name in _aliases() if len(name.split()) <= 2), key=len, reverse=True))


def _bare(name: str) -> str:
    """``name`` without its outer spaces and the leading words that are no part of a name."""
    name = " ".join(name.split())
    for word in _LEADING_WORDS:
        if name.startswith(word):
            return name[len(word):]
    return name


def organization_alias(name: str) -> str | None:
    """Return the canonical name of a known party or body ("Tories" -> "Conservatives"), else None.

    Examples:
        "the Lib Dems" -> "Liberal Democrats"; "Labour" -> "Labour"; "Labour MPs" -> None.
    """
    return _aliases().get(_bare(name))


def strip_party_label(name: str, starts_person: Callable[[str], bool]) -> str:
    """Drop a party name standing as a label before a person's name, else return ``name``.

    Args:
        name: A name as found ("Tory David Heathcoat-Amory").
        starts_person: Tells whether the words after the label (two words or more) start as a
            person's name does (a first name, a title): only then is the label dropped, so
            "Labour Party" and "Green Party" stay whole.

    Examples:
        "Lib Dem Norman Baker" -> "Norman Baker"; "Labour Party" -> "Labour Party".
    """
    for label in _labels():
        if name.startswith(label + " "):
            rest = name[len(label) + 1:]
            if len(rest.split()) >= 2 and starts_person(rest):
                return rest
    return name
