"""Tests for assistant.embeddings without the real model.

The ONNX encoder is exercised on a tiny model built here: a word-level tokenizer and a graph
that averages fixed word vectors over the attention mask and normalises them, so every
vector it returns can be computed independently with numpy.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from assistant import embeddings, onnx_export
from assistant.config import Settings
from assistant.embeddings import (
    EXPORT_FORMAT,
    Embedder,
    OnnxEmbedder,
    embedding_text,
    is_exported,
    onnx_dir,
    query_embedder,
    resolve_model_path,
)
from assistant.errors import ConfigError

WORDS = [
    "the",
    "cloud",
    "revenue",
    "grew",
    "fell",
    "sales",
    "pounds",
    "profit",
    "quarter",
    "zentro",
    "by",
    "in",
    "of",
]
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
VOCAB = {token: i for i, token in enumerate(SPECIAL + WORDS)}
DIM = 8
MAX_LENGTH = 7  # [CLS] + five words + [SEP]
TABLE = np.random.default_rng(7).normal(size=(len(VOCAB), DIM)).astype(np.float32)


def _write_tokenizer(path: Path) -> None:
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    tokenizer = Tokenizer(models.WordLevel(VOCAB, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)]
    )
    tokenizer.save(str(path))


def _write_graph(path: Path) -> None:
    """Mean of the word vectors under the attention mask, L2-normalised (no token types)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    nodes = [
        helper.make_node("Gather", ["table", "input_ids"], ["hidden"]),
        helper.make_node("Cast", ["attention_mask"], ["mask"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["mask", "two"], ["mask3"]),
        helper.make_node("Mul", ["hidden", "mask3"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "one"], ["summed"], keepdims=0),
        helper.make_node("ReduceSum", ["mask3", "one"], ["count"], keepdims=0),
        helper.make_node("Div", ["summed", "count"], ["pooled"]),
        helper.make_node("LpNormalization", ["pooled"], ["embedding"], axis=1, p=2),
    ]
    ids = helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"])
    mask = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"])
    out = helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", DIM])
    constants = [
        numpy_helper.from_array(TABLE, "table"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "one"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "two"),
    ]
    graph = helper.make_graph(nodes, "tiny", [ids, mask], [out], initializer=constants)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))


def make_export(target: Path) -> Path:
    """A complete export of the tiny model, in the layout export_onnx writes."""
    target.mkdir(parents=True, exist_ok=True)
    _write_graph(target / "model.onnx")
    _write_tokenizer(target / "tokenizer.json")
    meta = {
        "format": EXPORT_FORMAT,
        "max_length": MAX_LENGTH,
        "dimension": DIM,
        "pad_id": 0,
        "pad_token": "[PAD]",
        "inputs": ["input_ids", "attention_mask"],
        "pooling": "mean",
    }
    (target / "encoder.json").write_text(json.dumps(meta))
    return target


def expected_vector(text: str) -> np.ndarray:
    """What the tiny model must return: computed here without onnxruntime."""
    ids = [VOCAB.get(word, 1) for word in text.split()][: MAX_LENGTH - 2]
    ids = [2, *ids, 3]
    vector = TABLE[ids].mean(axis=0)
    return vector / np.linalg.norm(vector)


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_export(tmp_path_factory.mktemp("onnx") / "tiny")


@pytest.fixture(scope="module")
def encoder(export_dir: Path) -> OnnxEmbedder:
    return OnnxEmbedder(export_dir, threads=1)


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    """A stand-in sentence-transformers model folder (only its files are looked at)."""
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "modules.json").write_text("[]")
    (folder / "config.json").write_text("{}")
    return folder


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    embeddings._query_embedder.cache_clear()


# --------------------------------------------------------------------------- the encoder


def test_embed_query_is_the_normalised_masked_mean(encoder: OnnxEmbedder) -> None:
    vector = encoder.embed_query("cloud revenue grew")
    assert len(vector) == DIM
    assert all(isinstance(x, float) for x in vector)
    assert np.allclose(vector, expected_vector("cloud revenue grew"), atol=1e-6)
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-6)


def test_embed_documents_keeps_order_across_batches_and_padding(encoder: OnnxEmbedder) -> None:
    # More than one batch, lengths mixed so that every batch pads some texts.
    texts = [" ".join(WORDS[: 1 + (i * 7) % 5]) + f" {WORDS[i % len(WORDS)]}" for i in range(70)]
    vectors = encoder.embed_documents(texts)
    assert len(vectors) == len(texts) > embeddings.EMBED_BATCH
    for text, vector in zip(texts, vectors, strict=True):
        assert np.allclose(vector, expected_vector(text), atol=1e-5), text
    assert encoder.embed_documents([]) == []


def test_long_texts_are_truncated_to_the_model_limit(encoder: OnnxEmbedder) -> None:
    long = "sales fell by zentro in the quarter of profit"
    head = " ".join(long.split()[: MAX_LENGTH - 2])
    assert np.allclose(encoder.embed_query(long), encoder.embed_query(head), atol=1e-6)
    assert not np.allclose(encoder.embed_query(long), encoder.embed_query("sales"), atol=1e-3)


def test_unknown_words_and_empty_text_still_embed(encoder: OnnxEmbedder) -> None:
    assert np.allclose(encoder.embed_query("zzz"), expected_vector("zzz"), atol=1e-6)
    assert np.allclose(encoder.embed_query(""), expected_vector(""), atol=1e-6)


def test_encoder_is_thread_safe(encoder: OnnxEmbedder) -> None:
    texts = [" ".join(WORDS[i : i + 1 + i % 4]) for i in range(len(WORDS))]
    expected = [expected_vector(t) for t in texts]
    failures: list[str] = []

    def work(offset: int) -> None:
        for step in range(30):
            i = (offset + step) % len(texts)
            if not np.allclose(encoder.embed_query(texts[i]), expected[i], atol=1e-5):
                failures.append(texts[i])

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_encoder_fits_the_embedder_protocol(encoder: OnnxEmbedder) -> None:
    assert isinstance(encoder, Embedder)
    assert encoder.max_length == MAX_LENGTH and encoder.dimension == DIM


def test_incomplete_export_is_refused_with_the_fix(tmp_path: Path) -> None:
    half = make_export(tmp_path / "half")
    (half / "encoder.json").unlink()  # the metadata is written last: no export yet
    assert not is_exported(half)
    with pytest.raises(ConfigError, match="assistant ingest"):
        OnnxEmbedder(half)


def test_an_export_of_another_format_is_not_current(tmp_path: Path) -> None:
    old = make_export(tmp_path / "old")
    meta = json.loads((old / "encoder.json").read_text())
    (old / "encoder.json").write_text(json.dumps(meta | {"format": EXPORT_FORMAT + 1}))
    assert not is_exported(old)


# --------------------------------------------------------------------------- the question path


def _settings(index_dir: Path, model: Path) -> Settings:
    return Settings(index_dir=index_dir, embedding_model=str(model), _env_file=None)


def test_query_embedder_uses_an_existing_export(
    tmp_path: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = make_export(onnx_dir(tmp_path / "index", str(model_dir)))
    monkeypatch.setattr(onnx_export, "export_onnx", _must_not_run)
    monkeypatch.setattr(embeddings, "load_embeddings", _must_not_run)
    embedder = query_embedder(_settings(tmp_path / "index", model_dir))
    assert isinstance(embedder, OnnxEmbedder) and embedder.model_dir == target
    assert query_embedder(_settings(tmp_path / "index", model_dir)) is embedder  # loaded once


def test_query_embedder_exports_once_when_missing(
    tmp_path: Path,
    model_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls: list[tuple[str, Path]] = []

    def fake_export(name: str, target: Path) -> Path:
        calls.append((name, target))
        return make_export(target)

    monkeypatch.setattr(onnx_export, "export_onnx", fake_export)
    settings = _settings(tmp_path / "index", model_dir)
    with caplog.at_level(logging.INFO, logger="assistant.embeddings"):
        first = query_embedder(settings)
        second = query_embedder(settings)
    assert first is second and isinstance(first, OnnxEmbedder)
    assert calls == [(str(model_dir), onnx_dir(tmp_path / "index", str(model_dir)))]
    assert sum("exporting the query encoder" in r.message for r in caplog.records) == 1
    assert calls[0][1].parent == tmp_path / "index" / "onnx"
    assert calls[0][1].name.startswith("my-model-")


def test_query_embedder_falls_back_to_sentence_transformers_with_a_warning(
    tmp_path: Path,
    model_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fallback = SimpleNamespace(embed_query=lambda t: [1.0], embed_documents=lambda ts: [[1.0]])

    def failing_export(name: str, target: Path) -> Path:
        raise ConfigError("no onnx here")

    monkeypatch.setattr(onnx_export, "export_onnx", failing_export)
    monkeypatch.setattr(embeddings, "load_embeddings", lambda name: fallback)
    with caplog.at_level(logging.WARNING, logger="assistant.embeddings"):
        embedder = query_embedder(_settings(tmp_path / "index", model_dir))
    assert embedder is fallback
    warning = " ".join(r.message for r in caplog.records if r.levelno == logging.WARNING)
    assert "no onnx here" in warning and "sentence-transformers" in warning


def test_a_changed_model_gets_a_new_export_folder(tmp_path: Path, model_dir: Path) -> None:
    before = onnx_dir(tmp_path, str(model_dir))
    assert before == onnx_dir(tmp_path, str(model_dir))  # stable while nothing changes
    (model_dir / "config.json").write_text('{"hidden_size": 16}')
    assert onnx_dir(tmp_path, str(model_dir)) != before


def _must_not_run(*args: object) -> None:
    raise AssertionError(f"must not be called here: {args}")


def test_question_path_imports_no_torch_and_writes_no_environment(export_dir: Path) -> None:
    script = f"""
import os, sys
before = dict(os.environ)
import assistant.embeddings as e
assert dict(os.environ) == before, "importing wrote os.environ"
vector = e.OnnxEmbedder({str(export_dir)!r}).embed_query("cloud revenue grew")
assert len(vector) == {DIM}
heavy = [m for m in ("torch", "transformers", "sentence_transformers") if m in sys.modules]
assert not heavy, heavy
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


# --------------------------------------------------------------------------- model lookup


def test_resolve_model_path_accepts_a_directory(model_dir: Path) -> None:
    assert resolve_model_path(str(model_dir)) == model_dir


def test_resolve_model_path_names_the_fix() -> None:
    with pytest.raises(ConfigError, match="ASSISTANT_EMBEDDING_MODEL"):
        resolve_model_path("no-such-embedding-model-package")


def test_model_limits_are_read_like_sentence_transformers(model_dir: Path) -> None:
    assert onnx_export._max_length(model_dir) == embeddings.DEFAULT_MAX_LENGTH
    (model_dir / "config.json").write_text('{"max_position_embeddings": 512}')
    assert onnx_export._max_length(model_dir) == 512
    (model_dir / "sentence_bert_config.json").write_text('{"max_seq_length": 256}')
    assert onnx_export._max_length(model_dir) == 256


def test_pooling_mode_follows_the_pooling_module(model_dir: Path) -> None:
    modules = [{"type": "sentence_transformers.models.Pooling", "path": "1_Pooling"}]
    (model_dir / "modules.json").write_text(json.dumps(modules))
    (model_dir / "1_Pooling").mkdir()
    config = model_dir / "1_Pooling" / "config.json"
    config.write_text('{"pooling_mode_mean_tokens": true}')
    assert onnx_export._pooling_mode(model_dir) == "mean"
    config.write_text('{"pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}')
    assert onnx_export._pooling_mode(model_dir) == "cls"
    config.write_text('{"pooling_mode_mean_tokens": false, "pooling_mode_max_tokens": true}')
    with pytest.raises(ConfigError, match="pooling"):
        onnx_export._pooling_mode(model_dir)


def test_embedding_text_puts_the_section_first() -> None:
    assert embedding_text(SimpleNamespace(section="Outlook", text="Sales rose.")) == (
        "Outlook\nSales rose."
    )
    assert embedding_text(SimpleNamespace(section="", text="Sales rose.")) == "Sales rose."
