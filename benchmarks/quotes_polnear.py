"""Benchmark quote extraction on PolNeAR (content / source / cue spans, attribution, speed).

Runs :func:`analysis.quotes.extract_quotes` over every text of a PolNeAR split, writes the
predictions as JSONL in the format read by ``eval/score_quotes.py`` and scores them with that
scorer; in the same run scores two baselines (a regex between quotation marks, and textacy's
``direct_quotations`` per paragraph) and measures throughput: words per second of the
extractor as the product runs it (spaCy parsing and, with ``--tagger``, the content tagger
reading earlier articles in a background thread, as in ``analysis.pipeline``), beside a bare
``nlp.pipe`` pass over the same texts in the same run.

Which records: PolNeAR annotates as attributions both what a source said and the attitudes and
acts attributed to it ("wants visas", "signed the treaty", "declined to comment"), so the
extractor is scored on every record it finds, ``--acts speech,stance`` (the default here, said
explicitly; :mod:`analysis.quotes.acts`). The app, ``export`` and ``extract`` show speech only by
default; ``--acts speech`` scores that view (for the record: PolNeAR's stances then count as misses).

Usage:
    .venv/bin/python benchmarks/quotes_polnear.py [--split ../shared/benchmarks/polnear/dev]
        [--scorer ../shared/eval/score_quotes.py] [--out benchmarks/out] [--limit N] [--tagger]
        [--acts speech,stance]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.export import parse_acts, with_acts  # noqa: E402
from analysis.nlp import load_nlp  # noqa: E402
from analysis.quotes import extract_quotes, tag_ahead  # noqa: E402
from analysis.quotes.marks import paragraph_bounds  # noqa: E402

_REGEX_QUOTE = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")


def load_scorer(path: str):
    """Import the scorer module from its file path."""
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_split(split: str, limit: int | None) -> list[tuple[str, str]]:
    """Return (file name, text) of the split's documents."""
    text_dir = Path(split) / "text"
    names = sorted(p.name for p in text_dir.glob("*.txt"))[:limit]
    return [(name, (text_dir / name).read_text(encoding="utf-8")) for name in names]


def regex_baseline(text: str) -> list[dict]:
    """Content spans between double quotation marks, no source or cue."""
    return [{"start": m.start(1), "end": m.end(1)} for m in _REGEX_QUOTE.finditer(text)]


def textacy_baseline(doc, direct_quotations) -> list[dict]:
    """Textacy ``direct_quotations`` run on each paragraph (as its own Doc)."""
    quotes = []
    for start, end in paragraph_bounds(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        sub = span.as_doc()
        offset = span.start_char
        try:
            triples = list(direct_quotations(sub))
        except ValueError:
            continue
        for triple in triples:
            content = triple.content
            quote = {"start": offset + content[0].idx, "end": offset + content[-1].idx + len(content[-1].text)}
            if triple.speaker:
                quote["speaker_start"] = offset + triple.speaker[0].idx
                quote["speaker_end"] = offset + triple.speaker[-1].idx + len(triple.speaker[-1].text)
            if triple.cue:
                quote["cue_start"] = offset + triple.cue[0].idx
                quote["cue_end"] = offset + triple.cue[-1].idx + len(triple.cue[-1].text)
            quotes.append(quote)
    return quotes


def write_jsonl(path: Path, rows: list[dict]) -> None:
    """Write one JSON object per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def score_file(scorer, split: str, path: Path) -> dict:
    """Score a predictions file with the shared scorer."""
    gold = scorer.load_gold(split)
    preds = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        preds[scorer.doc_key(record["source"])] = record
    return scorer.score(gold, preds)


def row(name: str, result: dict) -> str:
    """Format one result as a markdown table row."""
    return (
        f"| {name} | {result['content_exact']['f1']:.1f} | {result['content_overlap']['f1']:.1f} | "
        f"{result['source_exact']['f1']:.1f} | {result['cue_exact']['f1']:.1f} | "
        f"{result['attribution_accuracy']:.1f} |"
    )


def main(argv=None) -> int:
    """Run the benchmark and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="../shared/benchmarks/polnear/dev")
    parser.add_argument("--scorer", default="../shared/eval/score_quotes.py")
    parser.add_argument("--out", default="benchmarks/out")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--tagger", action="store_true", help="switch the content tagger on")
    parser.add_argument("--acts", default="speech,stance", type=parse_acts,
                        help="records scored: speech,stance (the default: PolNeAR's attributions) or speech")
    args = parser.parse_args(argv)

    scorer = load_scorer(args.scorer)
    documents = read_split(args.split, args.limit)
    nlp = load_nlp()
    words = sum(len(text.split()) for _, text in documents)

    try:
        from textacy.extract.triples import direct_quotations
    except Exception as exc:  # pragma: no cover - reported, not fatal
        direct_quotations = None
        print(f"textacy failed to import: {exc!r}")

    # Bare spaCy first, then the extractor as the product runs it (analysis.pipeline): spaCy
    # parsing the next articles while the content tagger, if on, reads the last ones.
    list(nlp.pipe(text for _, text in documents[:5]))  # warm-up: the first pass pays one-off costs
    started = time.perf_counter()
    docs = list(nlp.pipe(text for _, text in documents))
    parse_seconds = time.perf_counter() - started
    ours = []
    started = time.perf_counter()
    pairs = nlp.pipe(((text, name) for name, text in documents), as_tuples=True)
    for doc, name, tagged in tag_ahead(pairs, enabled=args.tagger):
        quotes = extract_quotes(doc, tagged)
        ours.append({"source": name, "text": doc.text, "quotes": with_acts([q.to_dict() for q in quotes], args.acts)})
    total = time.perf_counter() - started
    regex_rows = [{"source": name, "text": text, "quotes": regex_baseline(text)} for name, text in documents]
    textacy_rows = []
    if direct_quotations is not None:
        for (name, text), doc in zip(documents, docs, strict=True):
            textacy_rows.append({"source": name, "text": text, "quotes": textacy_baseline(doc, direct_quotations)})

    out = Path(args.out)
    results = {}
    ours_label = "extract_quotes + tagger" if args.tagger else "extract_quotes"
    for label, rows in ((ours_label, ours), ("regex", regex_rows), ("textacy", textacy_rows)):
        if not rows:
            continue
        path = out / f"quotes_polnear_{label.replace(' + ', '_')}.jsonl"
        write_jsonl(path, rows)
        results[label] = score_file(scorer, args.split, path)

    print(f"split {args.split}: {len(documents)} documents, {words} words; acts {','.join(args.acts)}")
    print("| system | content exact F1 | content overlap F1 | source exact F1 | cue exact F1 | attribution acc. |")
    print("|---|---|---|---|---|---|")
    for label, result in results.items():
        print(row(label, result))
    print()
    print(
        f"extract_quotes incl. parsing: {words / total:,.0f} words/s ({total:.1f} s); "
        f"bare nlp.pipe: {words / parse_seconds:,.0f} words/s ({parse_seconds:.1f} s); "
        f"ratio {parse_seconds / total:.2f}"
    )
    print(json.dumps(results[ours_label], indent=None))
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
