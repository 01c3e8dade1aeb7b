"""The index with the real embedding model: retrieval quality, the light query path, and a
running ``Assistant`` that keeps answering while ``assistant ingest --rebuild`` runs in
another process.

One index of a copy of the shipped corpus is built for the module; tests that rebuild it
use their own copy.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import textwrap
from itertools import pairwise
from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.chunking import split_document
from assistant.config import Settings
from assistant.corpus import load_corpus
from assistant.errors import InputError
from assistant.index import IndexReader, ingest, open_index
from assistant.ingest import IngestReport
from assistant.retrieval import Hit, HybridRetriever, merge_overlapping
from assistant.text import tokenize

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
ASSISTANT_BIN = Path(sys.executable).parent / "assistant"
COMMITMENT_QUERY = "Alibaba AI and cloud infrastructure commitment"
COMMITMENT = "How much has Alibaba committed to AI and cloud infrastructure?"
INGEST_TIMEOUT_S = 600


def make_settings(root: Path, **overrides: object) -> Settings:
    return Settings(
        corpus_dir=root / "corpus", index_dir=root / "index", _env_file=None, **overrides
    )


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


def files_state(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, IngestReport]:
    root = tmp_path_factory.mktemp("live")
    shutil.copytree(CORPUS, root / "corpus")
    settings = make_settings(root)
    return settings, ingest(settings)


@pytest.fixture(scope="module")
def retriever(built: tuple[Settings, IngestReport]) -> HybridRetriever:
    return HybridRetriever(open_index(built[0]))


# --------------------------------------------------------------------------- the build


def test_ingest_indexes_every_chunker_passage(built: tuple[Settings, IngestReport]) -> None:
    settings, report = built
    corpus = load_corpus(settings.corpus_dir)
    expected = {d.key: split_document(d) for d in corpus.documents}
    assert report.embedded == report.chunks == sum(len(ps) for ps in expected.values())
    stored = {p.id: p for p in open_index(settings).passages()}
    for doc in corpus.documents:
        for p in expected[doc.key]:
            assert stored[p.id] == p
            assert doc.text[p.start : p.end] == stored[p.id].text


def test_ingest_exports_the_query_encoder(built: tuple[Settings, IngestReport]) -> None:
    settings, _ = built
    exports = list((settings.index_dir / "onnx").glob("*/model.onnx"))
    assert len(exports) == 1, list(settings.index_dir.rglob("*"))


# --------------------------------------------------------------------------- retrieval


def test_dense_query_finds_the_commitment_passage(retriever: HybridRetriever) -> None:
    top = retriever.dense(retriever.embed_query(COMMITMENT_QUERY), 3, None)
    assert any(p.doc_id == "article" and "$53 billion" in p.text for p, _ in top)


def test_hybrid_retrieve_finds_the_commitment_passage(retriever: HybridRetriever) -> None:
    hits = retriever.retrieve(COMMITMENT_QUERY, k=3)
    assert any(h.passage.doc_id == "article" and "$53 billion" in h.passage.text for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_dense_similarity_is_the_cosine_similarity(
    retriever: HybridRetriever, built: tuple[Settings, IngestReport]
) -> None:
    vector = retriever.embed_query(COMMITMENT_QUERY)
    top = retriever.dense(vector, 5, None)
    stored = retriever.handle.collection.get(ids=[p.id for p, _ in top], include=["embeddings"])
    by_id = {
        pid: [float(x) for x in vec]
        for pid, vec in zip(stored["ids"], stored["embeddings"], strict=True)
    }
    for passage, similarity in top:
        assert similarity == pytest.approx(cosine(vector, by_id[passage.id]), abs=1e-3)
    sims = [s for _, s in top]
    assert sims == sorted(sims, reverse=True)


def test_query_encoder_matches_the_ingest_model(retriever: HybridRetriever) -> None:
    """The ONNX encoder and sentence-transformers give the same vector for a question."""
    from assistant.embeddings import load_embeddings

    light = retriever.embedder.embed_query(COMMITMENT)
    full = load_embeddings(retriever.settings.embedding_model).embed_query(COMMITMENT)
    assert cosine(light, full) > 0.999


def test_retrieve_can_be_limited_to_documents(retriever: HybridRetriever) -> None:
    hits = retriever.retrieve(COMMITMENT_QUERY, k=5, doc_ids=["source-2"])
    assert hits and {h.passage.doc_id for h in hits} == {"source-2"}
    with pytest.raises(InputError, match="source-1"):
        retriever.retrieve(COMMITMENT_QUERY, doc_ids=["source-42"])


def test_bm25_finds_a_rare_exact_term(retriever: HybridRetriever) -> None:
    found = retriever.bm25("Trendyol", None)
    assert found and all("trendyol" in tokenize(p.text) for p in found)


def test_merge_overlapping_joins_neighbours_of_one_document(
    built: tuple[Settings, IngestReport],
) -> None:
    corpus = load_corpus(built[0].corpus_dir)
    doc = corpus.documents[0]
    passages = split_document(doc)
    pairs = [(a, b) for a, b in pairwise(passages) if b.start < a.end]
    assert pairs, "the article has overlapping neighbours"
    a, b = pairs[0]
    other = split_document(corpus.documents[2])[0]
    hits = [Hit(b, 0.03, 0.5, 0, None), Hit(other, 0.02, 0.4, 1, 0), Hit(a, 0.01, 0.7, 2, 1)]
    merged = merge_overlapping(hits)
    assert len(merged) == 2
    joined = merged[0]
    assert joined.score == 0.03
    assert (joined.passage.start, joined.passage.end) == (a.start, b.end)
    assert joined.passage.text == doc.text[a.start : b.end]
    assert joined.passage.id == f"{doc.key}#{a.chunk}+{b.chunk}"
    assert joined.dense_similarity == 0.7
    assert merged[1].passage == other


# --------------------------------------------------------------------------- reading is light


def test_asking_writes_nothing_under_the_index(built: tuple[Settings, IngestReport]) -> None:
    settings, _ = built
    before = files_state(settings.index_dir)
    reader = IndexReader(settings)
    hits = HybridRetriever(reader).retrieve(COMMITMENT, k=3)
    assert any("$53 billion" in h.passage.text for h in hits)
    assert files_state(settings.index_dir) == before


def test_the_question_path_never_imports_torch(built: tuple[Settings, IngestReport]) -> None:
    settings, _ = built
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from assistant.config import Settings
        from assistant.index import open_index
        from assistant.retrieval import HybridRetriever
        s = Settings(corpus_dir=Path({str(settings.corpus_dir)!r}),
                     index_dir=Path({str(settings.index_dir)!r}), _env_file=None)
        hits = HybridRetriever(open_index(s)).retrieve({COMMITMENT!r}, k=3)
        print(any("$53 billion" in h.passage.text for h in hits))
        print(sorted(m for m in ("torch", "transformers", "sentence_transformers")
                     if m in sys.modules))
    """)
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    found, heavy = proc.stdout.strip().splitlines()[-2:]
    assert found == "True", proc.stdout
    assert heavy == "[]", f"the question path imported {heavy}"


# --------------------------------------------------------------------------- live re-ingest


def test_a_running_assistant_survives_ingest_rebuild_in_another_process(tmp_path: Path) -> None:
    """Issue 14.1: keep an Assistant, run the command the corrupt-index message recommends,
    ask again — it answers, from the new generation."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    settings = make_settings(tmp_path, llm="fake")
    ingest(settings)
    assistant = Assistant(settings)
    first = assistant.ask(COMMITMENT)
    assert "$53 billion" in first.text
    old = assistant.handle.generation

    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_CORPUS_DIR=str(settings.corpus_dir),
        ASSISTANT_INDEX_DIR=str(settings.index_dir),
        HF_HUB_OFFLINE="1",
    )
    proc = subprocess.run(
        [str(ASSISTANT_BIN), "ingest", "--rebuild", "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=INGEST_TIMEOUT_S,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout)
    assert report["embedded"] == report["chunks"] > 0

    again = assistant.ask(COMMITMENT)
    assert "$53 billion" in again.text, again.text
    assert assistant.handle.generation != old
    assert assistant.handle.generation == open_index(settings).generation
    chroma = settings.index_dir / "chroma"
    from assistant import store

    assert len(store.segment_dirs(chroma)) == 1, "the old generation's folder was left behind"
