"""Topic assignment against hand labels on PolNeAR train statements.

The labels (``benchmarks/data/topics_polnear_train.jsonl``: document id, character offsets of
an attribution's content, ``split`` tune/heldout, topic ids; guidelines in docs/accuracy.md)
hold no text: the statement is read from the PolNeAR text files in ``../shared`` at run time.
Every statement is scored with ``analysis.topics.score_topics`` on the statement alone, as
the pipeline does for a quote, and compared with its labels (multi-label: one decision per
statement and topic).

Reports precision, recall and F1 per topic and micro-averaged, for the tune split (the one
the rules were adjusted on), the held-back split (never looked at while tuning) and all.
``--errors`` lists the tune split's false positives and negatives with their evidence (only
the tune split, so the held-back figures stay honest).

``--similar`` adds topics by similar meaning (:mod:`analysis.topics.similar`) to statements
no term triggers: prototypes from the taxonomy descriptions (``descriptions``, what the
analysis ships) or, as an experiment, the mean vector of the tune split's statements of each
topic (``tune-centroids``; computed here, never shipped). ``--sweep`` prints micro F1 of both
splits for a range of least cosines (choose on tune only), and the time the encoder took.

``--taxonomy-1x FILE`` scores the taxonomy before issue #18 (version 1.x, e.g. ``git show
4f2f037:analysis/data/rules/topics/topics.json``) on the same statements, with the labels
mapped to its coarser topics (sanctions and economy -> sanctions_economy, government ->
elections, education dropped): the "before" figure.

Run from the repo root:
    .venv/bin/python benchmarks/topics_polnear.py [--labels FILE] [--polnear DIR] [--errors]
        [--similar descriptions|tune-centroids] [--min-cosine C] [--sweep] [--taxonomy-1x FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.topics import load_taxonomy, score_topics, similar_min_cosine  # noqa: E402

DEFAULT_LABELS = ROOT / "benchmarks" / "data" / "topics_polnear_train.jsonl"
DEFAULT_POLNEAR = ROOT.parent / "shared" / "benchmarks" / "polnear" / "train"
#: Topics of the current labels -> the 1.x taxonomy's (None: no 1.x topic).
TO_1X = {"sanctions": "sanctions_economy", "economy": "sanctions_economy", "government": "elections",
         "education": None}


def use_taxonomy_1x(path: Path, rows: list[dict]) -> None:
    """Load the 1.x taxonomy from ``path`` in place of the shipped one and map the labels to it."""
    import analysis.topics as topics

    topics.TAXONOMY_PATH = path
    for cached in (topics._raw_taxonomy, topics._matcher, topics.load_taxonomy):
        cached.cache_clear()
    for row in rows:
        row["topics"] = sorted({TO_1X.get(t, t) for t in row["topics"]} - {None})


def load_labelled(labels: Path, polnear: Path) -> list[dict]:
    """The labelled statements with their text read from ``polnear``/text.

    Raises:
        SystemExit: when the PolNeAR texts are missing or an offset does not fit its text.
    """
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts: dict[str, str] = {}
    for row in rows:
        path = polnear / "text" / f"{row['doc']}.txt"
        if row["doc"] not in texts:
            if not path.exists():
                raise SystemExit(f"PolNeAR text not found: {path} (pass --polnear DIR)")
            texts[row["doc"]] = path.read_text(encoding="utf-8")
        text = texts[row["doc"]]
        if not 0 <= row["start"] < row["end"] <= len(text):
            raise SystemExit(f"offsets {row['start']}-{row['end']} do not fit {path}")
        row["text"] = text[row["start"] : row["end"]]
    return rows


def predict(rows: list[dict]) -> None:
    """Add ``predicted`` (topic ids) and ``evidence`` to every row."""
    for row in rows:
        scored = score_topics(row["text"])
        row["predicted"] = sorted(scored)
        row["evidence"] = {topic: list(ev) for topic, (_score, ev) in scored.items()}


def add_similar(rows: list[dict], kind: str, min_cosine: float) -> float:
    """Give rule-less statements their nearest topic by meaning; return the encoder's seconds."""
    import numpy as np

    from analysis.embeddings import encode
    from analysis.topics.similar import description_prototypes

    started = time.perf_counter()
    vectors = encode([r["text"] for r in rows])
    seconds = time.perf_counter() - started
    if kind == "descriptions":
        ids, protos = description_prototypes()
    else:
        ids, means = [], []
        for topic in (t.id for t in load_taxonomy()):
            members = [i for i, r in enumerate(rows) if r["split"] == "tune" and topic in r["topics"]]
            if len(members) >= 3:
                mean = vectors[members].mean(axis=0)
                ids.append(topic)
                means.append(mean / np.linalg.norm(mean))
        protos = np.stack(means)
    cosines = vectors @ np.asarray(protos).T
    for row, cos in zip(rows, cosines, strict=True):
        row["nearest"] = (ids[int(cos.argmax())], float(cos.max()))
        row["rules"] = list(row["predicted"])
    set_similar(rows, min_cosine)
    return seconds


def set_similar(rows: list[dict], min_cosine: float) -> None:
    """Predicted = the rules' topics, or the nearest topic when none and near enough."""
    for row in rows:
        topic, cosine = row["nearest"]
        row["predicted"] = row["rules"] or ([topic] if cosine >= min_cosine else [])


def micro_f1(rows: list[dict], topic_ids: list[str]) -> float:
    """Micro-averaged F1 of ``rows``."""
    per_topic = counts(rows, topic_ids)
    return prf(*(sum(c[i] for c in per_topic.values()) for i in range(3)))[2]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 in percent (0 where undefined)."""
    p = 100.0 * tp / (tp + fp) if tp + fp else 0.0
    r = 100.0 * tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def counts(rows: list[dict], topic_ids: list[str]) -> dict[str, tuple[int, int, int]]:
    """Per topic (true positives, false positives, false negatives)."""
    out = {}
    for topic in topic_ids:
        tp = sum(topic in r["predicted"] and topic in r["topics"] for r in rows)
        fp = sum(topic in r["predicted"] and topic not in r["topics"] for r in rows)
        fn = sum(topic not in r["predicted"] and topic in r["topics"] for r in rows)
        out[topic] = (tp, fp, fn)
    return out


def report(rows: list[dict], name: str, topic_ids: list[str]) -> str:
    """A Markdown table of per-topic and micro P/R/F1 for ``rows``."""
    per_topic = counts(rows, topic_ids)
    lines = [f"### {name}: {len(rows)} statements, {len({r['doc'] for r in rows})} documents, "
             f"{sum(not r['topics'] for r in rows)} with no topic", "",
             "| topic | gold | P | R | F1 |", "|---|---:|---:|---:|---:|"]
    for topic in topic_ids:
        tp, fp, fn = per_topic[topic]
        if tp + fp + fn == 0:
            continue
        p, r, f = prf(tp, fp, fn)
        lines.append(f"| {topic} | {tp + fn} | {p:.1f} | {r:.1f} | {f:.1f} |")
    tp, fp, fn = (sum(c[i] for c in per_topic.values()) for i in range(3))
    p, r, f = prf(tp, fp, fn)
    exact = 100.0 * sum(set(r_["predicted"]) == set(r_["topics"]) for r_ in rows) / max(len(rows), 1)
    lines.append(f"| **micro** | {tp + fn} | **{p:.1f}** | **{r:.1f}** | **{f:.1f}** |")
    lines.append("")
    lines.append(f"Statements whose topic set is exactly right: {exact:.1f}%")
    return "\n".join(lines)


def errors(rows: list[dict]) -> str:
    """The tune split's wrong decisions, one line each, with the evidence of false positives."""
    lines = []
    for row in rows:
        fp = sorted(set(row["predicted"]) - set(row["topics"]))
        fn = sorted(set(row["topics"]) - set(row["predicted"]))
        if fp or fn:
            ev = {t: row["evidence"][t] for t in fp}
            lines.append(f"FP {fp} {ev} FN {fn} :: {' '.join(row['text'].split())}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Score the labelled sample and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR, help="PolNeAR train folder")
    parser.add_argument("--errors", action="store_true", help="list the tune split's errors")
    parser.add_argument("--similar", choices=["descriptions", "tune-centroids"],
                        help="add topics by similar meaning where no term triggers one")
    parser.add_argument("--min-cosine", type=float, default=None,
                        help="least cosine for --similar (default: the taxonomy's similar_min_cosine)")
    parser.add_argument("--sweep", action="store_true", help="with --similar: micro F1 per least cosine")
    parser.add_argument("--taxonomy-1x", type=Path, help="score this 1.x taxonomy file (labels mapped to it)")
    args = parser.parse_args(argv)
    rows = load_labelled(args.labels, args.polnear)
    if args.taxonomy_1x:
        use_taxonomy_1x(args.taxonomy_1x, rows)
    predict(rows)
    topic_ids = [t.id for t in load_taxonomy()]
    if args.similar:
        min_cosine = similar_min_cosine() if args.min_cosine is None else args.min_cosine
        seconds = add_similar(rows, args.similar, min_cosine)
        words = sum(len(r["text"].split()) for r in rows)
        print(f"Encoder: {len(rows)} statements, {words} words in {seconds:.2f} s ({words / seconds:.0f} words/s)\n")
        if args.sweep:
            print("| least cosine | tune micro F1 | held-back micro F1 |\n|---:|---:|---:|")
            for step in range(20, 61, 5):
                set_similar(rows, step / 100)
                tune_f1 = micro_f1([r for r in rows if r["split"] == "tune"], topic_ids)
                held_f1 = micro_f1([r for r in rows if r["split"] == "heldout"], topic_ids)
                print(f"| {step / 100:.2f} | {tune_f1:.1f} | {held_f1:.1f} |")
            print()
            set_similar(rows, min_cosine)
        print(f"With topics by similar meaning ({args.similar}, least cosine {min_cosine}):\n")
    unknown = {t for r in rows for t in r["topics"]} - set(topic_ids)
    if unknown:
        raise SystemExit(f"labels use topics missing from the taxonomy: {sorted(unknown)}")
    tune = [r for r in rows if r["split"] == "tune"]
    held = [r for r in rows if r["split"] == "heldout"]
    print("## Topics on hand-labelled PolNeAR train statements\n")
    for name, part in (("tune", tune), ("held-back", held), ("all", rows)):
        print(report(part, name, topic_ids) + "\n")
    if args.errors:
        print(errors(tune))
    return 0


if __name__ == "__main__":
    sys.exit(main())
