"""How well an article's body predicts the countries of its headline: a proxy for focus weighting.

No focus gold is available for tuning (the hand-coded focus set is held out), so this measures
the weighting of :mod:`analysis.places.focus` on a proxy: for each article of the shared corpus
whose title names a country, rank the countries of the body (title left out) and count how
often the top-ranked one is among the title's countries (top-1) and how often the title's
countries are among the focus countries (recall). Plain mention counts are the baseline; the
other rows add weight to mentions in the lead (the first ``LEAD_CHARS`` characters of the body).

Usage:
    .venv/bin/python benchmarks/places_focus.py [--corpus ../shared/corpus/news_politics_world_300.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.countries import find_places  # noqa: E402
from analysis.nlp import load_nlp  # noqa: E402
from analysis.places import focus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news_politics_world_300.jsonl"


def rank(mentions: list[tuple[str, int]], lead_weight: float, lead_chars: int) -> list[str]:
    """Countries of a body ranked by count plus ``lead_weight`` per mention in the lead."""
    scores: dict[str, float] = {}
    for iso3, start in mentions:
        scores[iso3] = scores.get(iso3, 0.0) + 1.0 + (lead_weight if start < lead_chars else 0.0)
    return sorted(scores, key=lambda iso3: -scores[iso3])


def main() -> int:
    """Parse the corpus, then print top-1 and focus recall per weighting."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args = parser.parse_args()
    articles = [json.loads(line) for line in Path(args.corpus).read_text(encoding="utf-8").splitlines() if line]
    nlp = load_nlp()
    cases = []
    for article, doc in zip(articles, nlp.pipe(a["text"] for a in articles), strict=True):
        title = article.get("title") or ""
        wanted = {m.key for m in find_places(title, nlp(title)) if m.kind == "country"}
        body = [(m.key, m.start) for m in find_places(doc.text, doc) if m.kind == "country"]
        if wanted and body:
            cases.append((wanted, body))
    print(f"{len(cases)} of {len(articles)} articles have a country in the title and one in the body")
    print("| lead weight | lead chars | top-1 in title countries | title countries in focus |")
    print("|---|---|---|---|")
    settings = [(0.0, 0)] + [(w, c) for w in (0.5, 1.0, 2.0) for c in (200, 400, 800)]
    for weight, chars in settings:
        top = recall = total = 0
        for wanted, body in cases:
            ranked = rank(body, weight, chars)
            top += ranked[0] in wanted
            best = ranked[0]
            scores = {iso3: sum(1.0 + (weight if s < chars else 0.0) for k, s in body if k == iso3) for iso3 in ranked}
            chosen = [c for c in ranked[: focus.MAX_FOCUS] if scores[c] >= focus.FOCUS_SHARE * scores[best]]
            recall += len(wanted & set(chosen))
            total += len(wanted)
        print(f"| {weight:g} | {chars} | {100 * top / len(cases):.1f}% | {100 * recall / total:.1f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
