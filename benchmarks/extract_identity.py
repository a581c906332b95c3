"""Check that a change of structure leaves ``python -m analysis extract`` byte-identical.

Runs ``python -m analysis extract`` of a checkout on three inputs: the bundled seed article,
the PolNeAR dev texts and the 300 articles of the shared corpus (rules only; the seed and
PolNeAR dev also with ``--tagger``), stores each output under ``--out`` and prints its
SHA-256. With ``--against DIR`` (the ``--out`` of an earlier run, e.g. on the commit before a
refactoring) it compares file by file and exits 1 on any difference.

Usage:
    .venv/bin/python benchmarks/extract_identity.py --out /tmp/identity-before [--repo PATH]
    .venv/bin/python benchmarks/extract_identity.py --out /tmp/identity-after --against /tmp/identity-before
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def inputs() -> dict[str, list[str]]:
    """The named inputs, as argument lists of ``extract``."""
    polnear = sorted(str(p) for p in (SHARED / "benchmarks" / "polnear" / "dev" / "text").glob("*.txt"))
    seed = ["data/seed/putin-spief-2024.txt"]  # relative to the checkout: the same bytes in any checkout
    corpus = [str(SHARED / "corpus" / "news_politics_world_300.jsonl")]
    return {
        "seed": seed,
        "seed-tagger": [*seed, "--tagger"],
        "polnear-dev": polnear,
        "polnear-dev-tagger": [*polnear, "--tagger"],
        "corpus-300": corpus,
    }


def main() -> int:
    """Run every input, write and hash the outputs, optionally compare with an earlier run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", default=str(ROOT), help="checkout whose `python -m analysis` runs")
    parser.add_argument("--out", required=True, help="folder for the outputs")
    parser.add_argument("--against", help="folder of an earlier run to compare with")
    parser.add_argument("--only", nargs="*", help="names of the inputs to run (default all)")
    args = parser.parse_args()
    repo, out = Path(args.repo).resolve(), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    differ = False
    for name, argv in inputs().items():
        if args.only and name not in args.only:
            continue
        # A folder with no data/store: the CLI reads no environment but its own flags.
        result = subprocess.run([sys.executable, "-m", "analysis", "extract", *argv], cwd=repo,
                                capture_output=True, check=False)
        (out / f"{name}.jsonl").write_bytes(result.stdout)
        digest = hashlib.sha256(result.stdout).hexdigest()
        line = f"{name:20} exit {result.returncode}  {len(result.stdout):>10} bytes  sha256 {digest[:16]}"
        if args.against:
            before = Path(args.against) / f"{name}.jsonl"
            same = before.exists() and before.read_bytes() == result.stdout
            differ |= not same
            line += "  identical" if same else "  DIFFERENT"
        print(line, flush=True)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
