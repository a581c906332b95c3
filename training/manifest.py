"""Keeping ``MANIFEST.json`` beside every model file a trainer writes.

The manifest of ``analysis/data/models`` lists each model file with its sha256, size, the
command that trained it, the training data and the scores measured with it
(``tests/analysis/test_resources.py`` checks digest and size). A trainer calls
:func:`record` after writing a model file; a model written elsewhere (``--out /tmp/x.json``)
gets a manifest in that folder, so a trial run never touches the shipped one. Scores are
measured by ``benchmarks/``, not by the trainers: a file whose digest changes keeps a note
that its scores are still to be measured.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path

ABOUT = (
    "Every learned file of analysis/data/models: written by training/ (make learned); a test checks sha256 and size. "
    "training_command is the script with its options, run from the repo root as python -m training.<script> "
    "(training/README.md)."
)


def record(model_path: Path, training_command: str, training_data: str, scores: str | None = None) -> Path:
    """Enter a just-written model file in the manifest of its folder; return the manifest's path.

    Args:
        model_path: The model file written.
        training_command: The script and its options, e.g. ``training/train_bounds.py --c 1.0``
            (run as ``python -m training.train_bounds --c 1.0`` from the repo root).
        training_data: What it was trained on, e.g. "PolNeAR train, 7,339 rule attributions".
        scores: Figures measured with this very file; when None, the earlier scores are kept
            if the file is unchanged, else replaced by a note that they are to be measured.
    """
    manifest_path = model_path.parent / "MANIFEST.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    else:
        manifest = {"about": ABOUT, "models": []}
    blob = model_path.read_bytes()
    digest = hashlib.sha256(blob).hexdigest()
    entry = next((e for e in manifest["models"] if e["file"] == model_path.name), None)
    if entry is None:
        entry = {"file": model_path.name}
        manifest["models"].append(entry)
    if scores is None:
        unchanged = entry.get("sha256") == digest and entry.get("scores")
        scores = (
            entry["scores"]
            if unchanged
            else f"not measured yet (trained {datetime.date.today()}): run benchmarks/quotes_polnear.py"
            " on PolNeAR dev and write its figures here"
        )
    entry.update(
        sha256=digest,
        bytes=len(blob),
        training_command=training_command,
        training_data=training_data,
        scores=scores,
    )
    manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest_path
