"""Run the 60 peer quote cases (CoreNLP, textacy, sayswho, statement-extractor tests) through the command line.

Reads ``benchmarks/peer_quote_cases.json`` from shared/ (never copied into the repo), writes
each case's text to ``<out>/case_NN.txt``, runs ``python -m analysis extract`` on all of them
as a user would, and scores the JSON it prints. A case passes when the ``segments`` of the
printed quotes, in text order, equal the expected direct contents, and every expected
speaker is contained in the speaker mention or the canonical ``speaker`` of the quote holding
that content. Output without a ``segments`` field (versions before 1.5) counts the content of
each direct or mixed quote as one stretch. The regex baseline (text between double
quotation marks) is scored the same way, contents only.

Usage:
    .venv/bin/python benchmarks/quotes_peer_cases.py [--cases ../shared/benchmarks/peer_quote_cases.json]
        [--out benchmarks/out/peer_cases] [--pred EXTRACT.jsonl] [-v]

``--pred`` scores a JSONL printed earlier (by any version) on the files of ``--out`` instead of
running the command line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_REGEX_QUOTE = re.compile(r"[\"“]([^\"“”]+)[\"”]")


def stretches(quote: dict) -> list[tuple[int, int]]:
    """The quoted stretches of one printed quote: its ``segments``, or for output without
    them the whole content of a direct or mixed quote.
    """
    if "segments" in quote:
        return [(start, end) for start, end in quote["segments"]]
    return [] if quote["kind"] == "indirect" else [(quote["start"], quote["end"])]


def predicted(record: dict) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """Return the quoted stretches of one printed article in text order and, per stretch,
    (speaker mention, canonical speaker).
    """
    text = record["text"]
    found, speakers = [], {}
    for quote in record["quotes"]:
        start = quote.get("speaker_start")
        mention = text[start : quote["speaker_end"]] if start is not None else ""
        for begin, end in stretches(quote):
            found.append((begin, text[begin:end]))
            speakers[text[begin:end]] = (mention, quote.get("speaker") or "")
    return [words for _, words in sorted(found, key=lambda item: item[0])], speakers


def case_passes(case: dict, segments: list[str], speakers: dict) -> bool:
    """Return True when contents and expected speakers match."""
    if segments != case["direct"]:
        return False
    for content, expected in case.get("speakers", {}).items():
        mention, speaker = speakers.get(content, ("", ""))
        if expected not in mention and expected not in speaker:
            return False
    return True


def extract(cases: list[dict], out: Path) -> dict[str, dict]:
    """Write the cases as text files, run the command line on them; path -> printed record."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, case in enumerate(cases):
        path = out / f"case_{index:02d}.txt"
        path.write_text(case["text"], encoding="utf-8")
        paths.append(str(path))
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "extract", *paths],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        print(result.stderr, file=sys.stderr)
    (out / "extract.jsonl").write_text(result.stdout, encoding="utf-8")
    return read_predictions(result.stdout)


def read_predictions(jsonl: str) -> dict[str, dict]:
    """Printed records by file name."""
    records = (json.loads(line) for line in jsonl.splitlines() if line.strip())
    return {os.path.basename(r["source"]): r for r in records}


def main(argv=None) -> int:
    """Score the peer cases and print the totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=str(ROOT.parent / "shared" / "benchmarks" / "peer_quote_cases.json"))
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "out" / "peer_cases"))
    parser.add_argument("--pred", help="score this JSONL instead of running the command line")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the failing cases")
    args = parser.parse_args(argv)
    cases = json.loads(Path(args.cases).read_text(encoding="utf-8"))
    if args.pred:
        records = read_predictions(Path(args.pred).read_text(encoding="utf-8"))
    else:
        records = extract(cases, Path(args.out))
    passed, regex_passed, by_source = 0, 0, Counter()
    for index, case in enumerate(cases):
        record = records.get(f"case_{index:02d}.txt", {"text": case["text"], "quotes": []})
        segments, speakers = predicted(record)
        ok = case_passes(case, segments, speakers)
        passed += ok
        by_source[case["source"].split(":")[0], ok] += 1
        regex_ok = [m.group(1) for m in _REGEX_QUOTE.finditer(case["text"])] == case["direct"]
        regex_passed += regex_ok and not case.get("speakers")
        if args.verbose and not ok:
            print(
                f"FAIL case_{index:02d} {case['source']}\n  text {case['text'][:160]!r}\n"
                f"  want {case['direct']} {case.get('speakers')}\n  got  {segments} {speakers}"
            )
    print(f"python -m analysis extract: {passed}/{len(cases)} peer cases pass")
    print(f"regex baseline (contents only; cases with expected speakers count as failed): {regex_passed}/{len(cases)}")
    for (source, ok), count in sorted(by_source.items()):
        print(f"  {source}: {'pass' if ok else 'fail'} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
