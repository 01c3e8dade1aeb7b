"""The ONNX query encoder against the real sentence-transformers model.

The export must give the same vectors as sentence-transformers (cosine >= 0.999), the
question path must run without torch, and no library progress bar may reach the output.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.embeddings import (
    OnnxEmbedder,
    is_exported,
    load_embeddings,
    onnx_dir,
    query_embedder,
)
from assistant.onnx_export import export_onnx

pytestmark = pytest.mark.integration

MODEL = Settings.model_fields["embedding_model"].default
LONG = " ".join(
    f"In quarter {i} the retailer reported sales of £{i},{i:03d}mn and margins of {i}.{i}%."
    for i in range(1, 60)
)  # far past the model's 256-token limit: truncation must match
TEXTS = [
    "How much did Argos sales fall in the first quarter?",
    "What is the full-year guidance for underlying operating profit?",
    "Sainsbury's — YoY: 3.1%; £m: 8,041",
    "General Merchandise + Clothing — YoY: (3.7)%; £m: 438",
    "Underlying operating profit is expected in the £975-1,075mn range.",
    "Alibaba committed RMB 380 billion ($53 billion) to AI infrastructure over three years.",
    "Cloud revenue grew 26% year on year, driven by AI-related products.",
    "API prices were cut by up to 97%.",
    "Who are the company's main competitors?",
    "Retail free cash flow of more than £500 million",
    "Die Umsätze stiegen um 5 % auf 1,2 Mrd. €.",
    "価格は97%引き下げられた",
    "   leading and trailing spaces   ",
    "UPPER CASE HEADLINE ABOUT EBITA",
    "a",
    "",
    "Q1 FY26: H20 chips, Qwen3, GPT-4 and 5G.",
    "Dividend yield 4.6%; P/E 11.2x; net debt/EBITDA 2.4x",
    "Is the premise right that EBITA rose 21%?",
    LONG,
]


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_onnx(MODEL, tmp_path_factory.mktemp("onnx") / "minilm")


def cosines(a: list[list[float]], b: list[list[float]]) -> np.ndarray:
    left, right = np.asarray(a), np.asarray(b)
    return (left * right).sum(1) / (np.linalg.norm(left, axis=1) * np.linalg.norm(right, axis=1))


def test_export_is_complete(export_dir: Path) -> None:
    assert is_exported(export_dir)
    assert {p.name for p in export_dir.iterdir()} == {
        "model.onnx",
        "tokenizer.json",
        "encoder.json",
    }


def test_onnx_vectors_match_sentence_transformers(export_dir: Path) -> None:
    reference = load_embeddings(MODEL)
    encoder = OnnxEmbedder(export_dir)
    assert encoder.max_length == 256
    # One by one (the question path) and batched with padding (documents).
    singles = [encoder.embed_query(t) for t in TEXTS]
    batched = encoder.embed_documents(TEXTS)
    expected = reference.embed_documents(TEXTS)
    assert cosines(singles, expected).min() >= 0.999
    assert cosines(batched, expected).min() >= 0.999
    assert np.allclose(np.linalg.norm(np.asarray(batched), axis=1), 1.0, atol=1e-4)
    # The long text really was truncated: it equals its own first 300 words' vector.
    head = " ".join(LONG.split()[:300])
    assert cosines([encoder.embed_query(head)], [singles[-1]])[0] > 0.9999


def test_query_path_needs_no_torch(export_dir: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    target = onnx_dir(index_dir, MODEL)
    target.parent.mkdir(parents=True)
    target.symlink_to(export_dir, target_is_directory=True)
    script = f"""
import sys
from assistant.config import Settings
import assistant.embeddings as e
embedder = e.query_embedder(Settings(index_dir={str(index_dir)!r}, _env_file=None))
assert type(embedder).__name__ == "OnnxEmbedder", type(embedder)
assert len(embedder.embed_query("How much did Argos sales fall?")) == 384
e.OnnxEmbedder({str(export_dir)!r}).embed_query("x")
heavy = [m for m in ("torch", "transformers", "sentence_transformers") if m in sys.modules]
assert not heavy, heavy
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


def test_no_progress_bar_reaches_the_output(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    script = f"""
from assistant.config import Settings
import assistant.embeddings as e
settings = Settings(index_dir={str(index_dir)!r}, _env_file=None)
assert e.prepare_query_encoder(settings) is not None  # exports: loads the model with torch
e.load_embeddings(settings.embedding_model).embed_documents(["a passage"] * 40)
print("done")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "done\n"
    for noise in ("Loading weights", "it/s]", "%|", "Batches"):
        assert noise not in result.stderr, result.stderr
    assert is_exported(onnx_dir(index_dir, MODEL))
    # Exported on first use, then loaded from the index folder.
    assert isinstance(query_embedder(Settings(index_dir=index_dir, _env_file=None)), OnnxEmbedder)
