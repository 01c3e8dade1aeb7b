"""Exporting the embedding model to ONNX, once per model, for the light query encoder.

This module owns :func:`export_onnx`: the transformer with its pooling and L2 normalisation
traced into one graph, written with its tokenizer and metadata beside it. Only ingest (or the
first question after it) exports, so torch, transformers and onnx are imported here, inside
the function, and never on the question path. Where the export lives and how it is read are
``assistant.embeddings``'s (:func:`~assistant.embeddings.onnx_dir`,
:class:`~assistant.embeddings.OnnxEmbedder`).
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

from assistant.embeddings import (
    DEFAULT_MAX_LENGTH,
    EXPORT_FORMAT,
    META_FILE,
    ONNX_FILE,
    TOKENIZER_FILE,
    quiet_model_libraries,
    read_json,
    resolve_model_path,
)
from assistant.errors import ConfigError
from assistant.text import atomic_write_text

__all__ = ["export_onnx"]


def _max_length(model_dir: Path) -> int:
    """The token limit sentence-transformers applies: max_seq_length, else the model's."""
    for name, key in (
        ("sentence_bert_config.json", "max_seq_length"),
        ("tokenizer_config.json", "model_max_length"),
        ("config.json", "max_position_embeddings"),
    ):
        value = read_json(model_dir / name).get(key)
        if isinstance(value, int) and 0 < value <= 100_000:
            return value
    return DEFAULT_MAX_LENGTH


def _pooling_mode(model_dir: Path) -> str:
    """Mean or CLS pooling, as the model's sentence-transformers pooling module says."""
    for module in read_json(model_dir / "modules.json") or []:
        if module.get("type", "").endswith("Pooling"):
            config = read_json(model_dir / module.get("path", "") / "config.json")
            if config.get("pooling_mode_cls_token"):
                return "cls"
            if config.get("pooling_mode_mean_tokens", True):
                return "mean"
            raise ConfigError(f"{model_dir}: only mean or CLS pooling can be exported to ONNX")
    return "mean"


def _write_bytes_atomically(path: Path, write: Any) -> None:
    """Let ``write(tmp_path)`` fill a temporary file beside ``path``, then move it in place."""
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(handle)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the index is read by other users too
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def export_onnx(model_name: str, target_dir: Path) -> Path:
    """Export the model to ``target_dir`` (model.onnx, tokenizer.json, encoder.json).

    The graph takes the tokenizer's ids and mask and returns pooled, L2-normalised sentence
    vectors, so it reproduces sentence-transformers' ``encode(normalize_embeddings=True)``.
    Every file is written atomically and the metadata file last, so a reader never sees a
    half export. Needs torch, transformers and onnx (only here, at export time).
    """
    model_dir = resolve_model_path(model_name)
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    quiet_model_libraries()
    try:
        import torch
        from transformers import AutoModel, AutoTokenizer
    except ImportError as exc:
        raise ConfigError(
            f"exporting the query encoder needs torch and transformers ({exc}) — "
            "install the project's dependencies"
        ) from exc

    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    if not getattr(tokenizer, "is_fast", False):
        raise ConfigError(f"{model_dir}: no fast tokenizer, so the query encoder cannot export")
    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()
    pooling = _pooling_mode(model_dir)
    names = ["input_ids", "attention_mask"]
    if "token_type_ids" in tokenizer.model_input_names:
        names.append("token_type_ids")
    sample = tokenizer(
        ["a short one", "a somewhat longer sentence to pad the first"],
        padding=True,
        return_tensors="pt",
    )
    inputs = tuple(sample[n] for n in names)
    wrapper = _pooled_encoder(torch, model, names, pooling)

    def write_graph(tmp: str) -> None:
        axes = {n: {0: "batch", 1: "tokens"} for n in names} | {"embedding": {0: "batch"}}
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer and deprecation chatter
            torch.onnx.export(
                wrapper,
                inputs,
                tmp,
                input_names=names,
                output_names=["embedding"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )

    _write_bytes_atomically(target_dir / ONNX_FILE, write_graph)
    atomic_write_text(target_dir / TOKENIZER_FILE, tokenizer.backend_tokenizer.to_str())
    meta = {
        "format": EXPORT_FORMAT,
        "model": model_name,
        "inputs": names,
        "pooling": pooling,
        "max_length": _max_length(model_dir),
        "dimension": int(model.config.hidden_size),
        "pad_id": int(tokenizer.pad_token_id or 0),
        "pad_token": str(tokenizer.pad_token or "[PAD]"),
    }
    atomic_write_text(target_dir / META_FILE, json.dumps(meta, indent=2))
    return target_dir


def _pooled_encoder(torch: Any, model: Any, names: list[str], pooling: str) -> Any:
    """The transformer followed by pooling and L2 normalisation, as one torch module."""

    class PooledEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *tensors: Any) -> Any:
            feed = dict(zip(names, tensors, strict=True))
            hidden = self.model(**feed).last_hidden_state
            if pooling == "cls":
                pooled = hidden[:, 0]
            else:
                mask = feed["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    return PooledEncoder()
