"""Run the 60 peer quote cases (CoreNLP, textacy, sayswho, statement-extractor tests).

Reads ``benchmarks/peer_quote_cases.json`` from shared/ (never copied into the repo). A
case passes when the quoted segments of the extracted quotes (see
:func:`analysis.quotes.quoted_segments`) equal the expected direct contents, in order, and
every expected speaker matches the local speaker mention or the canonical speaker of the
quote holding that content (the expected name contained in either). The regex baseline
(text between double quotation marks) is scored the same way, contents only.

Usage:
    .venv/bin/python benchmarks/quotes_peer_cases.py [--cases ../shared/benchmarks/peer_quote_cases.json] [-v]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.nlp import load_nlp  # noqa: E402
from analysis.quotes import extract_quotes  # noqa: E402
from analysis.quotes.direct import quoted_segments  # noqa: E402

_REGEX_QUOTE = re.compile(r"[\"“]([^\"“”]+)[\"”]")


def predicted(nlp, text: str) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """Return the quoted segments in text order and, per segment, (mention, speaker)."""
    segments, speakers = [], {}
    for quote in extract_quotes(nlp(text)):
        mention = text[quote.speaker_start : quote.speaker_end] if quote.speaker_start is not None else ""
        for start, end in quoted_segments(quote, text):
            segments.append(text[start:end])
            speakers[text[start:end]] = (mention, quote.speaker or "")
    return segments, speakers


def case_passes(case: dict, segments: list[str], speakers: dict) -> bool:
    """Return True when contents and expected speakers match."""
    if segments != case["direct"]:
        return False
    for content, expected in case.get("speakers", {}).items():
        mention, speaker = speakers.get(content, ("", ""))
        if expected not in mention and expected not in speaker:
            return False
    return True


def main(argv=None) -> int:
    """Score the peer cases and print the totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="../shared/benchmarks/peer_quote_cases.json")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the failing cases")
    args = parser.parse_args(argv)
    cases = json.loads(Path(args.cases).read_text(encoding="utf-8"))
    nlp = load_nlp()
    passed, regex_passed, by_source = 0, 0, Counter()
    for case in cases:
        segments, speakers = predicted(nlp, case["text"])
        ok = case_passes(case, segments, speakers)
        passed += ok
        by_source[case["source"].split(":")[0], ok] += 1
        regex_ok = [m.group(1) for m in _REGEX_QUOTE.finditer(case["text"])] == case["direct"]
        regex_passed += regex_ok and not case.get("speakers")
        if args.verbose and not ok:
            print(
                f"FAIL {case['source']}\n  text {case['text'][:160]!r}\n"
                f"  want {case['direct']} {case.get('speakers')}\n  got  {segments} {speakers}"
            )
    print(f"extract_quotes: {passed}/{len(cases)} peer cases pass")
    print(f"regex baseline (contents only; cases with expected speakers count as failed): {regex_passed}/{len(cases)}")
    for (source, ok), count in sorted(by_source.items()):
        print(f"  {source}: {'pass' if ok else 'fail'} {count}")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
