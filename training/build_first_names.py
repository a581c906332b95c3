"""Build the first-name gender gazetteer used to resolve "he" and "she" to a person.

Source: the name data of ``nomquamgender`` 0.1.4 (MIT licence; Van Buskirk, Clauset and
Larremore, "An open-source cultural consensus approach to name-based gender classification",
2023), about 720,000 names with the share of female bearers p(gf) pooled from 36 sources.
Kept: alphabetic names seen at least ``--min-count`` times whose p(gf) is at most 0.1 (m) or
at least 0.9 (f), the package's own default for a classified name. Written to
``analysis/data/generated/names/first_names.tsv``; the package itself is not a dependency.

Usage (from the repo root)::

    .venv/bin/pip download --no-deps nomquamgender==0.1.4 -d /tmp/nqg && unzip -o /tmp/nqg/*.whl -d /tmp/nqg
    .venv/bin/python -m training.build_first_names --name-data /tmp/nqg/nomquamgender/name_data.json [--out FILE]
    .venv/bin/python -m training.build_first_names --self-check   # the examples below, no data needed
"""

from __future__ import annotations

import argparse
import doctest
import json
import re
import sys
from pathlib import Path

from analysis.names import FIRST_NAMES_PATH

_NAME = re.compile(r"[a-z][a-z'-]+")


def gendered_names(name_data: dict, min_count: int, certainty: float = 0.9) -> dict[str, str]:
    """Return {lower-case first name: "m" or "f"} for the confidently gendered names.

    Args:
        name_data: nomquamgender's ``{name: [sources, count, p(gf), ...]}``.
        min_count: Fewest recorded bearers for a name to be kept.
        certainty: Share of bearers of one gender needed (0.9: p(gf) <= 0.1 or >= 0.9).

    Names of one gender seen often enough are kept; "jean" (borne by both), "zed" (too rare)
    and "&amp;me" (not a name) are not:

    >>> data = {"anna": [5, 900, 0.99, 3], "jean": [5, 900, 0.48, 3], "olaf": [5, 900, 0.0, 3],
    ...         "zed": [1, 20, 0.0, 3], "o'neil": [2, 300, 0.02, 3], "&amp;me": [1, 900, 0.0, 3]}
    >>> gendered_names(data, min_count=100)
    {'anna': 'f', 'olaf': 'm', "o'neil": 'm'}
    """
    kept = {}
    for name, (_sources, count, p_female, *_rest) in name_data.items():
        if count < min_count or not _NAME.fullmatch(name):
            continue
        if p_female <= 1 - certainty:
            kept[name] = "m"
        elif p_female >= certainty:
            kept[name] = "f"
    return kept


def main(argv: list[str] | None = None) -> int:
    """Read nomquamgender's name data and write the gazetteer."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name-data", help="nomquamgender/name_data.json from the 0.1.4 wheel")
    parser.add_argument("--min-count", type=int, default=100)
    parser.add_argument("--out", type=Path, default=FIRST_NAMES_PATH, help="file to write (default: the shipped one)")
    parser.add_argument("--self-check", action="store_true", help="run the examples of this script and stop")
    args = parser.parse_args(argv)
    if args.self_check:
        failed, tried = doctest.testmod()
        print(f"{tried - failed} of {tried} examples pass")
        return int(failed > 0)
    if not args.name_data:
        parser.error("--name-data is required (or --self-check)")
    names = gendered_names(json.loads(Path(args.name_data).read_text(encoding="utf-8")), args.min_count)
    header = (
        "# First names and the gender of at least 90% of their bearers (m / f), from nomquamgender 0.1.4\n"
        f"# (MIT licence), names with at least {args.min_count} bearers; built by training/build_first_names.py.\n"
    )
    body = "".join(f"{name}\t{gender}\n" for name, gender in sorted(names.items()))
    args.out.write_text(header + body, encoding="utf-8")
    males = sum(1 for gender in names.values() if gender == "m")
    print(f"{len(names)} names ({males} m, {len(names) - males} f) written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
