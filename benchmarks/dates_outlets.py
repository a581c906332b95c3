"""How many articles get a date and an outlet when read, with and without the file's own fields.

Reads a JSONL corpus (default: the 300 shared articles) twice through :mod:`analysis.ingest`:
as it is (``date`` / ``source`` fields where the file has them), and as plain texts with every
field but ``text`` removed (what an analyst pasting or uploading the texts gets). For each it
prints the articles with a date and with an outlet, and how many of those came from the text
itself (:mod:`analysis.ingest.dates`: "Published ...", datelines, agencies), which the readers
before issue #17 did not look at.

Usage::

    .venv/bin/python benchmarks/dates_outlets.py [--corpus ../shared/corpus/news_politics_world_300.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from analysis.ingest import read_bytes  # noqa: E402
from analysis.ingest.dates import date_in_text, outlet_in_text  # noqa: E402


def count(lines: list[str], label: str) -> None:
    articles = read_bytes("\n".join(lines).encode("utf-8"), "corpus.jsonl").articles
    dated = sum(bool(a.date) for a in articles)
    with_outlet = sum(bool(a.outlet) for a in articles)
    from_text_dates = sum(bool(date_in_text(a.text)) for a in articles)
    from_text_outlets = sum(bool(outlet_in_text(a.text)) for a in articles)
    print(f"{label}: {len(articles)} articles, {dated} with a date ({from_text_dates} dates stated in the text), "
          f"{with_outlet} with an outlet ({from_text_outlets} agencies named in a dateline)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=os.path.join(os.path.dirname(REPO), "shared", "corpus",
                                                         "news_politics_world_300.jsonl"))
    args = parser.parse_args()
    with open(args.corpus, encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip()]
    count(lines, "with the file's fields")
    count([json.dumps({"text": json.loads(line)["text"]}) for line in lines], "texts only")


if __name__ == "__main__":
    main()
