"""speakers_dev's statements matched to predicted quotes, as ``../shared/eval/score_speakers.py`` matches them.

Used to calibrate the confidence model (``training/calibrate_confidence.py``) and to measure its
calibration (``benchmarks/confidence_reliability.py``): each predicted statement is matched to a
gold one one-to-one (trimmed spans, Jaccard >= 0.5, best first) and is right when matched and
its canonical speaker is an accepted name (or both are unnamed); predictions matching an
optional gold statement are left out. The scorer's own helpers (trim, jac, norm) are loaded
from its path so that the two can never disagree on what a match is.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import NamedTuple

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "benchmarks" / "speakers_dev" / "gold.json"
SCORER = SHARED / "eval" / "score_speakers.py"


class Scored(NamedTuple):
    """One predicted statement of a gold article: its article, confidence, whether it is right and
    its ``act`` (None for records without one).
    """

    article: str
    confidence: float | None
    right: int
    act: str | None = None


def scorer_module(path: Path = SCORER):
    """Load the shared scorer's module (for trim, jac, norm) from its path."""
    spec = importlib.util.spec_from_file_location("score_speakers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_articles(path: Path = GOLD) -> list[dict]:
    """Return the gold articles ({id, text, statements, ...})."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def scored(article: dict, text: str, quotes: list[dict], scorer) -> list[Scored]:
    """Return each predicted quote (dicts with start, end, speaker, confidence) of one gold
    article, matched and judged as the scorer does.
    """
    quotes = [q for q in quotes if isinstance(q.get("start"), int)]
    spans = [scorer.trim(text, q["start"], q["end"]) for q in quotes]
    statements = article["statements"]
    golds = [scorer.trim(text, st["start"], st["start"] + len(st["content"])) for st in statements]
    pairs = sorted(((scorer.jac(p, g), i, j) for i, p in enumerate(spans) for j, g in enumerate(golds)), reverse=True)
    used_p, used_g, matched = set(), set(), {}
    for value, i, j in pairs:
        if value < 0.5:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched[i] = j
    result = []
    for i, quote in enumerate(quotes):
        statement = statements[matched[i]] if i in matched else None
        if statement is not None and statement.get("optional"):
            continue
        right = 0
        if statement is not None:
            speaker = scorer.norm(quote.get("speaker"))
            names = {scorer.norm(a) for a in statement.get("accept", [])}
            if statement.get("speaker"):
                names.add(scorer.norm(statement["speaker"]))
            right = int((not statement.get("speaker") and not speaker) or (bool(speaker) and speaker in names))
        result.append(Scored(article["id"], quote.get("confidence"), right, quote.get("act")))
    return result


def gold_count(articles: list[dict]) -> int:
    """Return the number of gold statements that are not optional."""
    return sum(1 for article in articles for st in article["statements"] if not st.get("optional"))
