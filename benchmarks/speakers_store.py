"""Who said what at store level: speakers_dev scored through ``python -m analysis export``.

The 39 hand-annotated articles of ``../shared/benchmarks/speakers_dev/gold.json`` are scored as
the app shows them: inside a store of all 300 shared articles, after the corpus-wide name
merge at load, written out by the command line (``export --format articles``) and scored by
``../shared/eval/score_speakers.py``. ``benchmarks/speakers_dev.py`` scores the same articles
one by one through ``extract``; the difference is what the store (mostly the corpus-wide
merge) does to the answer.

How offsets are matched. The gold ``text`` is the article's title, a blank line, then its text
(the offsets index that). ``python -m analysis build news_politics_world_300.jsonl`` (what a
user does, and what this script does by default) stores each record's ``text`` field only:
the title goes to the ``title`` column and the article id is a hash of the text (the
corpus's ``id`` field is not read). So each gold article is found in the export by its text:
the stored text equals the gold text after its first blank line, and every offset of the
export is moved by ``len(title) + 2``. A store built from the gold texts themselves (title
inside the text, ``--from gold-texts``) matches as it is (shift 0). Statements inside a title
cannot be found in a store built from the JSONL: 9 of the 422 required gold statements (about
2% of recall) are headlines.

Usage:
    .venv/bin/python benchmarks/speakers_store.py [--store DIR] [--from jsonl|gold-texts]
        [--out benchmarks/out/speakers_store] [--processes 1] [--acts speech]

``--acts`` is passed to ``export``: ``speech`` (the default, what the app's who-said-what view
shows, and what ``extract`` prints by default) or ``speech,stance`` (every statement).

``--store DIR`` scores an existing store (built by either route) instead of building one.

A second report scores the same statements with the speakers as stored per article, before
the corpus-wide name merge at load (read from the store's Parquet tables): the difference
between the two is what that merge does to who-said-what.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
OFFSET_FIELDS = ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end")


def gold_text_files(corpus: Path, folder: Path) -> list[str]:
    """Each corpus record as ``<id>.txt`` holding title, a blank line and text (the gold form)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            path = folder / f"{record['id']}.txt"
            path.write_text(f"{record['title']}\n\n{record['text']}" if record.get("title") else record["text"],
                            encoding="utf-8")
            files.append(str(path))
    return files


def build(corpus: Path, route: str, out: Path, processes: int) -> Path:
    """Build a fresh store of the corpus with ``python -m analysis build`` (see the module doc)."""
    store = out / f"store-{route}"
    shutil.rmtree(store, ignore_errors=True)
    inputs = [str(corpus)] if route == "jsonl" else gold_text_files(corpus, out / "texts")
    subprocess.run([sys.executable, "-m", "analysis", "build", *inputs, "--out", str(store),
                    "--batch-size", "100", "--processes", str(processes)], cwd=ROOT, check=True)
    return store


def shifted(quote: dict, shift: int) -> dict:
    """A quote record with every offset (and segment) moved by ``shift``."""
    moved = dict(quote)
    for name in OFFSET_FIELDS:
        if isinstance(moved.get(name), int):
            moved[name] += shift
    if isinstance(moved.get("segments"), list):
        moved["segments"] = [[s + shift, e + shift] for s, e in moved["segments"]]
    return moved


def predictions(exported: Path, gold: list[dict]) -> tuple[list[dict], list[str]]:
    """The scorer's records of the gold articles (``source`` ``<id>.txt``, gold text, offsets
    moved onto it), and the ids of gold articles the store does not hold.
    """
    by_text = {}
    for line in exported.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        by_text.setdefault(record["text"], record)
    found, missing = [], []
    for article in gold:
        text = article["text"]
        record = by_text.get(text) or by_text.get(text.partition("\n\n")[2])
        if record is None:
            missing.append(article["id"])
            continue
        shift = len(text) - len(record["text"])
        assert text[shift:] == record["text"]
        found.append({"source": f"{article['id']}.txt", "text": text, "article_id": record["article_id"],
                      "quotes": [shifted(q, shift) for q in record["quotes"]]})
    return found, missing


def stored_speakers(store: Path) -> dict[str, str | None]:
    """quote_id -> the speaker the article's own analysis stored (before the corpus-wide merge)."""
    from analysis.store.batches import list_batches, read_table

    quotes = read_table(str(store), list_batches(str(store)), "quotes").sort_values("batch", kind="stable")
    return {qid: speaker if isinstance(speaker, str) else None
            for qid, speaker in zip(quotes["quote_id"], quotes["speaker"], strict=True)}


def score(records: list[dict], path: Path, gold: str, scorer: str) -> str:
    """Write the scorer's input and return its report."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = subprocess.run([sys.executable, scorer, str(path), gold, "0"], capture_output=True, text=True,
                            check=False)
    return result.stdout.rstrip()


def main() -> int:
    """Build or reuse the store, export it, score the gold articles and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", default=str(SHARED / "benchmarks" / "speakers_dev" / "gold.json"))
    parser.add_argument("--corpus", default=str(SHARED / "corpus" / "news_politics_world_300.jsonl"))
    parser.add_argument("--scorer", default=str(SHARED / "eval" / "score_speakers.py"))
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "out" / "speakers_store"))
    parser.add_argument("--store", help="score this store instead of building one")
    parser.add_argument("--from", dest="route", choices=("jsonl", "gold-texts"), default="jsonl",
                        help="build from the corpus JSONL (as users do) or from title+text files")
    parser.add_argument("--processes", type=int, default=1, help="spaCy worker processes for the build")
    parser.add_argument("--acts", default="speech", help="statements to export: speech (default) or speech,stance")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    store = Path(args.store) if args.store else build(Path(args.corpus), args.route, out, args.processes)
    built = time.perf_counter() - started
    exported = out / "export.articles.jsonl"
    subprocess.run([sys.executable, "-m", "analysis", "export", "--store", str(store), "--format", "articles",
                    "--acts", args.acts, "--out", str(exported)], cwd=ROOT, check=True)
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    found, missing = predictions(exported, gold)
    print(f"store {store}: {len(found)}/{len(gold)} gold articles found"
          + (f" (missing: {', '.join(missing)})" if missing else "")
          + ("" if args.store else f"; built in {built:.0f} s"))
    print(f"as the app shows them (python -m analysis export --acts {args.acts}, after the corpus-wide name merge):")
    print(score(found, out / "predictions.jsonl", args.gold, args.scorer))
    stored = stored_speakers(store)
    before = [{**r, "quotes": [{**q, "speaker": stored[q["quote_id"]]} for q in r["quotes"]]} for r in found]
    changed = sum(q["speaker"] != b["speaker"] for r, s in zip(found, before, strict=True)
                  for q, b in zip(r["quotes"], s["quotes"], strict=True))
    total = sum(len(r["quotes"]) for r in found)
    print(f"speakers as stored per article, before that merge ({changed} of {total} statements differ):")
    print("\n".join(score(before, out / "predictions_before_merge.jsonl", args.gold, args.scorer).splitlines()[-2:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
