"""Build the first-name gender gazetteer used to resolve "he" and "she" to a person.

Source: the name data of ``nomquamgender`` 0.1.4 (MIT licence; Van Buskirk, Clauset and
Larremore, "An open-source cultural consensus approach to name-based gender classification",
2023), about 720,000 names with the share of female bearers p(gf) pooled from 36 sources.
Kept: alphabetic names seen at least ``--min-count`` times whose p(gf) is at most 0.1 (m) or
at least 0.9 (f), the package's own default for a classified name. Written to
``analysis/data/generated/names/first_names.tsv``; the package itself is not a dependency.

Usage:
    .venv/bin/pip download --no-deps nomquamgender==0.1.4 -d /tmp/nqg && unzip -o /tmp/nqg/*.whl -d /tmp/nqg
    .venv/bin/python benchmarks/build_first_names.py --name-data /tmp/nqg/nomquamgender/name_data.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.quotes.speakers import FIRST_NAMES_PATH  # noqa: E402

_NAME = re.compile(r"[a-z][a-z'-]+")


def gendered_names(name_data: dict, min_count: int, certainty: float = 0.9) -> dict[str, str]:
    """Return {lower-case first name: "m" or "f"} for the confidently gendered names.

    Args:
        name_data: nomquamgender's ``{name: [sources, count, p(gf), ...]}``.
        min_count: Fewest recorded bearers for a name to be kept.
        certainty: Share of bearers of one gender needed (0.9: p(gf) <= 0.1 or >= 0.9).
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
    parser.add_argument("--name-data", required=True, help="nomquamgender/name_data.json from the 0.1.4 wheel")
    parser.add_argument("--min-count", type=int, default=100)
    args = parser.parse_args(argv)
    names = gendered_names(json.loads(Path(args.name_data).read_text(encoding="utf-8")), args.min_count)
    header = (
        "# First names and the gender of at least 90% of their bearers (m / f), from nomquamgender 0.1.4\n"
        f"# (MIT licence), names with at least {args.min_count} bearers; built by benchmarks/build_first_names.py.\n"
    )
    body = "".join(f"{name}\t{gender}\n" for name, gender in sorted(names.items()))
    FIRST_NAMES_PATH.write_text(header + body, encoding="utf-8")
    males = sum(1 for gender in names.values() if gender == "m")
    print(f"{len(names)} names ({males} m, {len(names) - males} f) written to {FIRST_NAMES_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
