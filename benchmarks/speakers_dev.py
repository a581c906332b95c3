"""Who said what on real news: ``python -m analysis extract`` scored on speakers_dev.

Writes each of the 39 hand-annotated articles of ``../shared/benchmarks/speakers_dev/gold.json``
to ``<id>.txt`` (its ``text`` is exactly what the gold offsets index), runs the command line on
them as a user would, and scores the JSONL with ``../shared/eval/score_speakers.py``: statement
P/R/F1, who-said-what P/R/F1 (statement found and given to an accepted canonical name),
speaker accuracy on found statements and the share of junk speakers.

It scores what ``extract`` prints by default, the statements the app and ``export`` show
(``act`` "speech"); ``--acts speech,stance`` is passed on to ``extract`` to score every record,
stances included (for the record: the gold does not count them as who said what).
``--misses`` then lists, matched as the scorer matches (content Jaccard >= 0.5 after trimming marks,
one to one, best first), the gold statements not found, the matches with a wrong speaker and the
predictions matching no gold statement, each with its speaker and text (optional gold is left out).

Usage:
    .venv/bin/python benchmarks/speakers_dev.py [--out benchmarks/out/speakers_dev] [--tagger] [--acts ACTS]
        [--misses]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
#: What the scorer trims from both ends of a content before comparing spans.
_TRIM = set(" \t\n\r\"'“”‘’«»,.;:!?—–-()`")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    union = max(a[1], b[1]) - min(a[0], b[0])
    return max(0, min(a[1], b[1]) - max(a[0], b[0])) / union if union else 0.0


def _norm(name: str | None) -> str:
    """A name as the scorer compares it (lower case, no "'s", no leading article)."""
    n = re.sub(r"'s\b", "", (name or "").lower().replace("’", "'"))
    n = re.sub(r"^(the|a|an)\s+", "", re.sub(r"[^\w\s-]", " ", n).strip())
    return re.sub(r"\s+", " ", n).strip()


def misses(predictions: Path, gold_path: str) -> list[str]:
    """Lines naming each gold statement not found, each wrong speaker and each prediction
    matching no gold statement, matched as ``score_speakers.py`` matches.
    """
    records = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_id = {os.path.splitext(os.path.basename(r["source"]))[0]: r for r in records}
    missed, wrong, extra = [], [], []
    for article in json.loads(Path(gold_path).read_text(encoding="utf-8")):
        record = by_id.get(article["id"], {"text": "", "quotes": []})
        text, quotes = record["text"], [q for q in record["quotes"] if isinstance(q.get("start"), int)]
        gold = article["statements"]
        spans = [_trim(text, q["start"], q["end"]) for q in quotes]
        golds = [_trim(text, s["start"], s["start"] + len(s["content"])) for s in gold]
        pairs = sorted(((_jaccard(p, g), i, j) for i, p in enumerate(spans) for j, g in enumerate(golds)), reverse=True)
        matched: dict[int, int] = {}
        for score, i, j in pairs:
            if score < 0.5:
                break
            if i not in matched and j not in matched.values():
                matched[i] = j
        for i, quote in enumerate(quotes):
            mention = text[quote.get("speaker_start") or 0 : quote.get("speaker_end") or 0]
            cue = text[quote.get("cue_start") or 0 : quote.get("cue_end") or 0]
            said = f"{quote.get('speaker')!r} ({mention!r}, cue {cue!r})"
            if i not in matched:
                extra.append(f"  {article['id']}: {said}: {quote['text'][:100]!r}")
                continue
            statement = gold[matched[i]]
            accepted = {_norm(a) for a in statement.get("accept", [])} | {_norm(statement.get("speaker"))}
            right = _norm(quote.get("speaker")) in accepted if quote.get("speaker") else not statement.get("speaker")
            if not statement.get("optional") and not right:
                wrong.append(f"  {article['id']}: {said}, gold {statement.get('speaker')!r}: {quote['text'][:100]!r}")
        for j, statement in enumerate(gold):
            if j not in matched.values() and not statement.get("optional"):
                missed.append(f"  {article['id']}: {statement.get('speaker')!r} ({statement.get('mention')!r}): "
                              f"{statement['content'][:100]!r}")
    return ([f"gold statements not found: {len(missed)}", *missed, f"wrong speakers: {len(wrong)}", *wrong,
             f"predictions matching no gold statement: {len(extra)}", *extra])


def main() -> int:
    """Extract the gold articles and print the scorer's report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", default=str(SHARED / "benchmarks" / "speakers_dev" / "gold.json"))
    parser.add_argument("--scorer", default=str(SHARED / "eval" / "score_speakers.py"))
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "out" / "speakers_dev"))
    parser.add_argument("--tagger", action="store_true", help="also run the content tagger")
    parser.add_argument("--acts", help="passed on to extract (default: extract's own, speech)")
    parser.add_argument("--misses", action="store_true",
                        help="list the gold statements not found, wrong speakers and predictions matching nothing")
    args = parser.parse_args()
    out = Path(args.out)
    texts = out / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    files = []
    for article in json.loads(Path(args.gold).read_text(encoding="utf-8")):
        path = texts / f"{article['id']}.txt"
        path.write_text(article["text"], encoding="utf-8")
        files.append(str(path))
    command = [sys.executable, "-m", "analysis", "extract", *files] + (["--tagger"] if args.tagger else [])
    command += ["--acts", args.acts] if args.acts else []
    predictions = out / "predictions.jsonl"
    with predictions.open("w", encoding="utf-8") as handle:
        subprocess.run(command, cwd=ROOT, stdout=handle, check=True)
    result = subprocess.run([sys.executable, args.scorer, str(predictions), args.gold, "0"], capture_output=True,
                            text=True, check=False)
    print(f"python -m analysis extract {'--acts ' + args.acts if args.acts else '(default acts)'}:")
    print(result.stdout.rstrip())
    if args.misses:
        print("\n".join(misses(predictions, args.gold)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
