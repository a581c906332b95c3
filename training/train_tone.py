"""Fine-tune the target-dependent tone model of :mod:`analysis.tone.targeted` on NewsMTSC train.

Every sentence of NewsMTSC train (7,758 sentences, 8,739 targets) goes once through the six
layers of all-MiniLM-L6-v2; each target is the mean of the last hidden states of its word
pieces, and a linear head reads it beside [CLS] (768 -> negative / neutral / positive;
dropout 0.1 on its input). Trained with AdamW (peak learning rate ``--learning-rate``,
warm-up 10%, cosine decay, batch 16 sentences, ``--epochs``) in JAX on the CPU; the inputs are
padded to 32, 64, 96 or 128 word pieces so that only four shapes are compiled. The result is
an ONNX graph, ``analysis/data/models/target_tone.onnx`` (about 24 MB: the encoder written by
:class:`training.minilm.GraphBuilder` as the content tagger's, 7-bit weight matrices), checked
against the float JAX model on 200 train sentences; with ``--dev`` the float model's F1_m on
NewsMTSC dev_mt is printed too (the shipped figure comes from benchmarks/tone_newsmtsc.py).

Set-up (JAX, optax, onnx and the MiniLM base weights): the docstring of
:mod:`training.train_tagger`. Usage (the shipped model)::

    .venv/bin/python -m training.train_tone --base /tmp/minilm/base \\
        --train ../shared/benchmarks/tone_newsmtsc/train.jsonl \\
        --dev ../shared/benchmarks/tone_newsmtsc/dev_mt.jsonl --epochs 2.5 --float-out /tmp/tone-run0.npz

(39 minutes on the shared 2-core machine at load average 9-12, 1,215 steps; float F1_m on
dev_mt 75.7.)

``--export-only /tmp/tone.npz`` writes a kept run again without training. The file written is
entered in the ``MANIFEST.json`` of its folder (:mod:`training.manifest`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from analysis.tone.targeted import POLARITIES, TONE_PATH, Window, batch_arrays, target_windows
from analysis.wordpiece import VOCABULARY_KEY, WordPiece
from training import manifest
from training.minilm import HIDDEN, GraphBuilder, encode, encoder_parameters, read_safetensors, read_vocabulary

LAYERS = 6
BATCH = 16
#: Targets per window in a training batch (NewsMTSC has at most 3 per sentence in train).
TARGET_SLOTS = 4
#: NewsMTSC's polarity codes, in the order of :data:`POLARITIES`.
CODES = (2.0, 4.0, 6.0)


def labelled_windows(path: Path, wordpiece: WordPiece) -> list[tuple[Window, list[int]]]:
    """Return (window, class of each of its targets) for every sentence of a NewsMTSC file."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        targets = record["targets"]
        spans = [(t["from"], t["to"]) for t in targets]
        for window in target_windows(record["sentence_normalized"], spans, wordpiece):
            found.append((window, [CODES.index(float(targets[t]["polarity"])) for t, _ in window.targets]))
    return found


def padded_length(window: Window) -> int:
    """The bucket a window is padded to: 32, 64, 96 or 128 pieces."""
    return min(128, -(-len(window.ids) // 32) * 32)


def batch(examples: list[tuple[Window, list[int]]]):
    """Return ids, mask, pool and labels (-1 on padding) for a training batch."""
    windows = [window for window, _labels in examples]
    ids, mask, pool, _valid = batch_arrays(windows, TARGET_SLOTS, max(padded_length(w) for w in windows))
    labels = np.full((len(examples), TARGET_SLOTS), -1, dtype=np.int32)
    for row, (_window, classes) in enumerate(examples):
        labels[row, : len(classes)] = classes
    return ids.astype(np.int32), mask, pool, labels


def forward(p: dict, ids, mask, pool, dropout_key=None, rate: float = 0.1):
    """Return the class scores [batch, targets, 3] (JAX; :func:`export` writes the same graph)."""
    import jax

    hidden = encode(p, ids, mask, LAYERS)
    cls, pooled = hidden[:, :1], pool @ hidden
    if dropout_key is not None:
        first, second = jax.random.split(dropout_key)
        cls = cls * jax.random.bernoulli(first, 1 - rate, cls.shape) / (1 - rate)
        pooled = pooled * jax.random.bernoulli(second, 1 - rate, pooled.shape) / (1 - rate)
    return cls @ p["head.cls"] + pooled @ p["head.target"] + p["head.b"]


def train(base: dict, examples, epochs: float, learning_rate: float, seed: int) -> dict:
    """Fine-tune the encoder and the tone head; return the trained parameters."""
    import jax
    import jax.numpy as jnp
    import optax

    params = encoder_parameters(base, LAYERS)
    rng = np.random.RandomState(seed)
    params["head.cls"] = jnp.asarray(rng.normal(0, 0.02, (HIDDEN, 3)).astype(np.float32))
    params["head.target"] = jnp.asarray(rng.normal(0, 0.02, (HIDDEN, 3)).astype(np.float32))
    params["head.b"] = jnp.zeros(3)

    def loss(p, ids, mask, pool, labels, key):
        valid = labels >= 0
        log_probabilities = jax.nn.log_softmax(forward(p, ids, mask, pool, key))
        nll = -jnp.take_along_axis(log_probabilities, jnp.where(valid, labels, 0)[..., None], -1)[..., 0]
        return (nll * valid).sum() / valid.sum()

    buckets: dict[int, list[int]] = {}
    for index, (window, _labels) in enumerate(examples):
        buckets.setdefault(padded_length(window), []).append(index)
    steps_per_epoch = sum(-(-len(indices) // BATCH) for indices in buckets.values())
    steps = int(steps_per_epoch * epochs)
    schedule = optax.warmup_cosine_decay_schedule(0.0, learning_rate, max(1, steps // 10), steps, learning_rate * 0.05)
    optimiser = optax.adamw(schedule, weight_decay=0.01)
    state = optimiser.init(params)

    @jax.jit
    def step(p, s, ids, mask, pool, labels, key):
        value, gradient = jax.value_and_grad(loss)(p, ids, mask, pool, labels, key)
        updates, s = optimiser.update(gradient, s, p)
        return optax.apply_updates(p, updates), s, value

    key = jax.random.PRNGKey(seed)
    done, started, recent = 0, time.time(), []
    while done < steps:
        batches = []
        for indices in buckets.values():
            shuffled = [indices[i] for i in rng.permutation(len(indices))]
            batches.extend(shuffled[offset : offset + BATCH] for offset in range(0, len(shuffled), BATCH))
        for index in rng.permutation(len(batches)):
            chosen = batches[index]
            if len(chosen) < BATCH:  # a full batch keeps one compiled shape per bucket
                chosen = chosen + [chosen[i % len(chosen)] for i in range(BATCH - len(chosen))]
            key, subkey = jax.random.split(key)
            params, state, value = step(params, state, *batch([examples[i] for i in chosen]), subkey)
            recent.append(float(value))
            done += 1
            if done % 50 == 0:
                print(f"step {done}/{steps} loss {np.mean(recent):.3f} ({time.time() - started:.0f} s)", flush=True)
                recent = []
            if done >= steps:
                break
    return {name: np.asarray(value) for name, value in params.items()}


def predict(params: dict, examples) -> tuple[list[int], list[int]]:
    """Return (gold, predicted) classes of every target of ``examples`` by the float JAX model."""
    gold, predicted = [], []
    for offset in range(0, len(examples), 32):
        chunk = examples[offset : offset + 32]
        ids, mask, pool, labels = batch(chunk)
        scores = np.asarray(forward(params, ids, mask, pool)).argmax(-1)
        valid = labels >= 0
        gold.extend(labels[valid].tolist())
        predicted.extend(scores[valid].tolist())
    return gold, predicted


def macro_f1(gold: list[int], predicted: list[int]) -> float:
    """Mean F1 over the three classes (NewsMTSC's F1_m), in percent."""
    scores = []
    for label in range(len(POLARITIES)):
        true_positive = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        precision = true_positive / max(1, sum(1 for p in predicted if p == label))
        recall = true_positive / max(1, sum(1 for g in gold if g == label))
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return 100 * sum(scores) / len(scores)


def export(params: dict, vocabulary: list[str], path: Path) -> None:
    """Write the encoder and the tone head as an ONNX graph that :class:`analysis.tone.targeted.ToneModel` runs.

    Inputs ``ids`` and ``mask`` [batch, length] and ``pool`` [batch, targets, length] (each
    target's row averages its word pieces); output ``probabilities`` [batch, targets, 3].
    """
    from onnx import TensorProto, helper

    graph = GraphBuilder()
    hidden = graph.encoder(params, LAYERS)
    zero, one, axis = (graph.constant(np.array([n])) for n in (0, 1, 1))
    cls = graph.op("Slice", [hidden, zero, one, axis])
    pooled = graph.op("MatMul", ["pool", hidden])
    scores = graph.op("Add", [
        graph.op("MatMul", [cls, graph.vector(params, "head.cls")]),
        graph.op("MatMul", [pooled, graph.vector(params, "head.target")]),
    ])
    probabilities = graph.op("Softmax", [graph.op("Add", [scores, graph.vector(params, "head.b")])], axis=-1)
    graph.nodes.append(helper.make_node("Identity", [probabilities], ["probabilities"]))
    graph.save(
        "target_tone",
        [
            helper.make_tensor_value_info("ids", TensorProto.INT64, ["batch", "length"]),
            helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "length"]),
            helper.make_tensor_value_info("pool", TensorProto.FLOAT, ["batch", "targets", "length"]),
        ],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", "targets", 3])],
        "training/train_tone.py",
        {VOCABULARY_KEY: "\n".join(vocabulary)},
        path,
    )


def check_export(params: dict, path: Path, examples, count: int = 200) -> float:
    """Return how often the written model's class equals the float JAX model's, over the
    targets of ``count`` windows (int8 costs a little; a wrong graph costs everything).
    """
    from analysis.tone.targeted import ToneModel

    model = ToneModel(path)
    _gold, expected = predict(params, examples[:count])
    got = []
    for window, _labels in examples[:count]:
        ids, mask, pool, _valid = batch_arrays([window])
        got.extend(model.probabilities(ids, mask, pool)[0].argmax(-1).tolist())
    return sum(1 for a, b in zip(expected, got, strict=True) if a == b) / len(got)


def main(argv=None) -> int:
    """Train and write the tone model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="folder with model.safetensors and tokenizer.json")
    parser.add_argument("--train", type=Path, default=Path("../shared/benchmarks/tone_newsmtsc/train.jsonl"))
    parser.add_argument("--dev", type=Path, help="also print the float model's F1_m on this NewsMTSC file")
    parser.add_argument("--epochs", type=float, default=3.0)
    parser.add_argument("--learning-rate", type=float, default=8e-5)
    parser.add_argument("--seed", type=int, default=0, help="head initialisation, dropout and batch order")
    parser.add_argument("--out", type=Path, default=TONE_PATH)
    parser.add_argument("--float-out", type=Path, help="also keep the float32 parameters here")
    parser.add_argument("--export-only", type=Path, help="write these --float-out parameters, no training")
    args = parser.parse_args(argv)
    vocabulary = read_vocabulary(args.base)
    wordpiece = WordPiece(vocabulary)
    examples = labelled_windows(args.train, wordpiece)
    print(f"{len(examples)} windows, {sum(len(labels) for _w, labels in examples)} targets", flush=True)
    if args.export_only:
        params = dict(np.load(args.export_only))
    else:
        params = train(read_safetensors(args.base / "model.safetensors"), examples, args.epochs,
                       args.learning_rate, args.seed)
        if args.float_out:
            np.savez(args.float_out, **params)
    if args.dev:
        dev = labelled_windows(args.dev, wordpiece)
        print(f"float model on {args.dev.name}: F1_m {macro_f1(*predict(params, dev)):.1f}", flush=True)
    export(params, vocabulary, args.out)
    print(f"classes equal to the float model's on {check_export(params, args.out, examples):.1%} of targets")
    manifest.record(
        args.out,
        "training/train_tone.py " + " ".join(sys.argv[1:] if argv is None else argv),
        f"NewsMTSC train ({args.train.name}, {len(examples)} windows); all-MiniLM-L6-v2 from PyPI as the base "
        f"encoder; seed {args.seed}",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
