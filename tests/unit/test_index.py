"""The persistent index: incremental, generation-based ingest and safe opening.

Real parts only: the installed sentence-transformers model and a Chroma store under a
temporary directory, built from a copy of the repository's corpus. One read-only index is
shared by the module; tests that change the corpus or the store build their own.
"""

from __future__ import annotations

import json
import math
import shutil
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest

from assistant.chunking import split_document
from assistant.config import Settings
from assistant.corpus import load_corpus
from assistant.errors import IndexCorruptError, IndexNotFoundError, InputError
from assistant.index import (
    COLLECTION_PREFIX,
    IngestReport,
    Manifest,
    corpus_summary,
    ensure_index,
    ingest,
    open_index,
    read_manifest,
)
from assistant.retrieval import Hit, HybridRetriever, merge_overlapping, tokenize

pytestmark = pytest.mark.integration

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
COMMITMENT_QUERY = "Alibaba AI and cloud infrastructure commitment"


def make_settings(root: Path, **overrides: object) -> Settings:
    return Settings(corpus_dir=root / "corpus", index_dir=root / "index", _env_file=None,
                    **overrides)


def copy_corpus(root: Path) -> None:
    shutil.copytree(CORPUS, root / "corpus")


def expected_passages(settings: Settings) -> dict[str, int]:
    """Passage counts per document key, computed from the corpus with the chunker."""
    return {
        d.key: len(split_document(d, min_words=settings.chunk_min_words,
                                  max_words=settings.chunk_max_words,
                                  overlap_words=settings.chunk_overlap_words))
        for d in load_corpus(settings.corpus_dir)
    }


def collection_names(settings: Settings) -> set[str]:
    client = open_index(settings).client
    return {c if isinstance(c, str) else c.name for c in client.list_collections()}


def snapshot(settings: Settings) -> dict[str, dict[str, list[float]]]:
    """doc_key -> {passage id -> stored vector} of the current generation."""
    got = open_index(settings).collection.get(include=["embeddings", "metadatas"])
    out: dict[str, dict[str, list[float]]] = {}
    for pid, vec, meta in zip(got["ids"], got["embeddings"], got["metadatas"], strict=True):
        out.setdefault(meta["doc_key"], {})[pid] = [float(x) for x in vec]
    return out


def assert_same_vectors(got: dict[str, list[float]], want: dict[str, list[float]]) -> None:
    """Same passage ids, same vectors (Chroma may round a copied vector by one float32 ulp)."""
    assert set(got) == set(want)
    for pid, vec in want.items():
        assert got[pid] == pytest.approx(vec, abs=1e-6), f"{pid} changed"


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, IngestReport]:
    """One index built from the real corpus, shared read-only by this module."""
    root = tmp_path_factory.mktemp("built")
    copy_corpus(root)
    settings = make_settings(root)
    return settings, ingest(settings)


@pytest.fixture(scope="module")
def retriever(built: tuple[Settings, IngestReport]) -> HybridRetriever:
    return HybridRetriever(open_index(built[0]))


@pytest.fixture
def fresh(built: tuple[Settings, IngestReport], tmp_path: Path) -> Settings:
    """A private copy of the built corpus and index that a test may change.

    Copying the store is much cheaper than embedding the corpus again, and a copy is what
    an index moved to another directory looks like.
    """
    root = tmp_path / "copy"
    shutil.copytree(built[0].corpus_dir.parent, root)
    settings = make_settings(root)
    assert open_index(settings).collection.count() == built[1].chunks
    return settings


# --------------------------------------------------------------------------- ingest


def test_first_ingest_embeds_every_passage(built: tuple[Settings, IngestReport]) -> None:
    settings, report = built
    expected = expected_passages(settings)
    assert report.documents == len(expected) == len(load_corpus(settings.corpus_dir))
    assert {"article", "source-1", "source-2", "source-3", "source-4", "source-5"} <= set(expected)
    assert report.chunks == sum(expected.values())
    assert report.embedded == report.chunks
    assert report.removed == 0
    assert report.collection.startswith(f"{COLLECTION_PREFIX}{settings.index_fingerprint()}-")
    manifest = read_manifest(settings)
    assert manifest is not None
    assert manifest.collection == report.collection
    assert {k: v["passages"] for k, v in manifest.documents.items()} == expected
    assert open_index(settings).collection.count() == report.chunks


def test_stored_passages_are_the_chunker_passages(built: tuple[Settings, IngestReport]) -> None:
    settings, _ = built
    stored = {p.id: p for p in open_index(settings).passages()}
    for doc in load_corpus(settings.corpus_dir):
        for p in split_document(doc):
            assert stored[p.id] == p
            assert doc.text[p.start : p.end] == stored[p.id].text


def test_second_ingest_embeds_nothing(built: tuple[Settings, IngestReport]) -> None:
    settings, first = built
    again = ingest(settings)
    assert (again.embedded, again.removed) == (0, 0)
    assert again.chunks == first.chunks
    assert again.collection == first.collection


def test_editing_one_note_reembeds_only_that_note(fresh: Settings) -> None:
    before = snapshot(fresh)
    old_count = read_manifest(fresh).documents["source-1"]["passages"]
    note = fresh.corpus_dir / "sources" / "source-1.md"
    added = "Alibaba opened a new data centre in Mexico in 2025."
    note.write_text(note.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{added}\n",
                    encoding="utf-8")

    report = ingest(fresh)

    new_count = expected_passages(fresh)["source-1"]
    assert report.embedded == new_count
    assert report.removed == old_count
    after = snapshot(fresh)
    for key, vectors in before.items():
        if key != "source-1":
            assert_same_vectors(after[key], vectors)
    assert len(after["source-1"]) == new_count
    texts = " ".join(p.text for p in open_index(fresh).passages() if p.doc_key == "source-1")
    assert added in texts
    assert open_index(fresh).collection.count() == report.chunks


def test_deleting_a_note_removes_only_its_passages(fresh: Settings) -> None:
    before = snapshot(fresh)
    gone = read_manifest(fresh).documents["source-4"]["passages"]
    (fresh.corpus_dir / "sources" / "source-4.md").unlink()

    report = ingest(fresh)

    assert (report.embedded, report.removed) == (0, gone)
    assert report.documents == len(before) - 1
    after = snapshot(fresh)
    assert set(after) == set(before) - {"source-4"}
    for key, vectors in after.items():
        assert_same_vectors(vectors, before[key])
    assert "source-4" not in read_manifest(fresh).documents


def test_changing_chunking_builds_a_new_collection(fresh: Settings) -> None:
    old_collection = read_manifest(fresh).collection
    changed = make_settings(fresh.corpus_dir.parent, chunk_max_words=100)
    assert changed.index_fingerprint() != fresh.index_fingerprint()

    report = ingest(changed)

    assert report.embedded == report.chunks == sum(expected_passages(changed).values())
    assert report.collection != old_collection
    assert report.collection.startswith(f"{COLLECTION_PREFIX}{changed.index_fingerprint()}-")
    assert open_index(changed).manifest.chunking["max_words"] == 100
    with pytest.raises(IndexNotFoundError, match="assistant ingest"):
        open_index(fresh)
    assert old_collection not in collection_names(changed)


def test_rebuild_embeds_everything_again(fresh: Settings) -> None:
    old = read_manifest(fresh)
    seen: list[tuple[int, int]] = []
    report = ingest(fresh, rebuild=True, progress=lambda done, total: seen.append((done, total)))
    assert report.embedded == report.chunks == old.passage_count
    # Progress counts up to every embedded passage.
    assert seen and seen[-1] == (report.embedded, report.embedded)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert report.collection != old.collection
    assert open_index(fresh).manifest.collection == report.collection
    assert old.collection not in collection_names(fresh)


# --------------------------------------------------------------------------- opening


def test_missing_index_says_to_ingest(tmp_path: Path) -> None:
    copy_corpus(tmp_path)
    with pytest.raises(IndexNotFoundError, match="assistant ingest"):
        open_index(make_settings(tmp_path))
    assert read_manifest(make_settings(tmp_path)) is None


@pytest.mark.parametrize(
    "garbage",
    ["{not json", "\x00\x01binary", "[]", "null", '"a string"', "42",
     '{"version": 1}', '{"version": 99, "fingerprint": "x"}'],
    ids=["broken", "binary", "list", "null", "string", "number", "missing-fields",
         "future-version"],
)
def test_unreadable_manifest_says_to_rebuild(tmp_path: Path, garbage: str) -> None:
    settings = make_settings(tmp_path)
    settings.index_dir.mkdir(parents=True)
    (settings.index_dir / "manifest.json").write_text(garbage, encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="assistant ingest --rebuild"):
        open_index(settings)


def test_empty_manifest_says_to_ingest(tmp_path: Path) -> None:
    # An empty file is treated as "no index yet"; either way the message names the fix.
    settings = make_settings(tmp_path)
    settings.index_dir.mkdir(parents=True)
    (settings.index_dir / "manifest.json").write_text("", encoding="utf-8")
    with pytest.raises((IndexNotFoundError, IndexCorruptError), match="assistant ingest"):
        open_index(settings)


def test_ingest_recovers_from_a_garbage_manifest(fresh: Settings) -> None:
    (fresh.index_dir / "manifest.json").write_text("{half a manifest", encoding="utf-8")
    report = ingest(fresh)
    assert report.embedded == report.chunks
    assert open_index(fresh).collection.count() == report.chunks


def test_missing_collection_is_corrupt_and_ingest_repairs_it(fresh: Settings) -> None:
    handle = open_index(fresh)
    handle.client.delete_collection(handle.manifest.collection)
    with pytest.raises(IndexCorruptError, match="assistant ingest --rebuild"):
        open_index(fresh)
    report = ingest(fresh)
    assert report.embedded == report.chunks
    assert open_index(fresh).collection.count() == report.chunks


def test_lost_passages_are_corrupt(fresh: Settings) -> None:
    handle = open_index(fresh)
    handle.collection.delete(ids=["article#0"])
    with pytest.raises(IndexCorruptError, match="assistant ingest --rebuild") as info:
        open_index(fresh)
    assert str(handle.manifest.passage_count) in str(info.value)


def test_ensure_index_opens_a_current_index_without_building(
    built: tuple[Settings, IngestReport],
) -> None:
    settings, report = built
    assert ensure_index(settings).manifest.collection == report.collection


def test_ensure_index_builds_when_missing(tmp_path: Path) -> None:
    copy_corpus(tmp_path)
    settings = make_settings(tmp_path)
    handle = ensure_index(settings)
    assert handle.collection.count() == sum(expected_passages(settings).values())


def test_corpus_summary_counts_passages_once_indexed(
    built: tuple[Settings, IngestReport], tmp_path: Path,
) -> None:
    settings, _ = built
    rows = corpus_summary(settings)
    assert [r["key"] for r in rows] == list(expected_passages(settings))
    assert {r["key"]: r["passages"] for r in rows} == expected_passages(settings)
    unbuilt = Settings(corpus_dir=settings.corpus_dir, index_dir=tmp_path / "none",
                       _env_file=None)
    assert all(r["passages"] is None for r in corpus_summary(unbuilt))


# --------------------------------------------------------------------------- killed builds


def stray_collection(settings: Settings) -> str:
    """Leave a collection as a build killed before its manifest switch would."""
    handle = open_index(settings)
    name = f"{COLLECTION_PREFIX}{settings.index_fingerprint()}-deadbeef"
    stray = handle.client.create_collection(name=name, embedding_function=None,
                                            metadata={"hnsw:space": "cosine"})
    stray.add(ids=["article#0"], embeddings=[[0.1] * 384], documents=["half-built"],
              metadatas=[{"doc_key": "article"}])
    return name


def test_stray_collection_does_not_disturb_opening(fresh: Settings) -> None:
    manifest = read_manifest(fresh)
    stray_collection(fresh)
    handle = open_index(fresh)
    assert handle.collection.name == manifest.collection
    assert handle.collection.count() == manifest.passage_count


def test_next_ingest_after_a_change_removes_a_stray_collection(fresh: Settings) -> None:
    stray = stray_collection(fresh)
    (fresh.corpus_dir / "sources" / "source-5.md").unlink()
    ingest(fresh)
    assert stray not in collection_names(fresh)


def test_next_ingest_removes_a_stray_collection_even_when_up_to_date(fresh: Settings) -> None:
    # A killed `ingest --rebuild` leaves a full stray copy while the corpus is unchanged.
    stray = stray_collection(fresh)
    report = ingest(fresh)
    assert report.embedded == 0
    assert stray not in collection_names(fresh)


def test_ingest_leaves_collections_it_does_not_own(fresh: Settings) -> None:
    open_index(fresh).client.create_collection(name="someone-elses", embedding_function=None)
    (fresh.corpus_dir / "sources" / "source-5.md").unlink()
    ingest(fresh)
    assert "someone-elses" in collection_names(fresh)


def test_manifest_json_round_trip(built: tuple[Settings, IngestReport]) -> None:
    settings, _ = built
    text = (settings.index_dir / "manifest.json").read_text(encoding="utf-8")
    data = json.loads(text)
    manifest = read_manifest(settings)
    assert data["counts"] == {"documents": len(manifest.documents),
                              "passages": manifest.passage_count}
    assert Manifest.from_json(text) == manifest


# --------------------------------------------------------------------------- retrieval


def test_dense_query_finds_the_commitment_passage(retriever: HybridRetriever) -> None:
    vector = retriever.embed_query(COMMITMENT_QUERY)
    top = retriever.dense(vector, 3, None)
    assert any(p.doc_id == "article" and "$53 billion" in p.text for p, _ in top)


def test_hybrid_retrieve_finds_the_commitment_passage(retriever: HybridRetriever) -> None:
    hits = retriever.retrieve(COMMITMENT_QUERY, k=3)
    assert any(h.passage.doc_id == "article" and "$53 billion" in h.passage.text for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_dense_similarity_is_the_cosine_similarity(
    retriever: HybridRetriever, built: tuple[Settings, IngestReport],
) -> None:
    vector = retriever.embed_query(COMMITMENT_QUERY)
    top = retriever.dense(vector, 5, None)
    stored = open_index(built[0]).collection.get(ids=[p.id for p, _ in top],
                                                 include=["embeddings"])
    by_id = {pid: [float(x) for x in vec]
             for pid, vec in zip(stored["ids"], stored["embeddings"], strict=True)}
    for passage, similarity in top:
        assert similarity == pytest.approx(cosine(vector, by_id[passage.id]), abs=1e-3)
    sims = [s for _, s in top]
    assert sims == sorted(sims, reverse=True), "best hit first means highest similarity first"


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
    settings, _ = built
    doc = load_corpus(settings.corpus_dir)[0]
    passages = split_document(doc)
    pairs = [(a, b) for a, b in pairwise(passages) if b.start < a.end]
    assert pairs, "the article has overlapping neighbours"
    a, b = pairs[0]
    other = split_document(load_corpus(settings.corpus_dir)[2])[0]
    hits = [Hit(b, 0.03, 0.5, 0, None), Hit(other, 0.02, 0.4, 1, 0), Hit(a, 0.01, 0.7, 2, 1)]
    merged = merge_overlapping(hits)
    assert len(merged) == 2
    joined = merged[0]
    assert joined.score == 0.03  # the better-ranked hit keeps its place and score
    assert (joined.passage.start, joined.passage.end) == (a.start, b.end)
    assert joined.passage.text == doc.text[a.start : b.end]
    assert joined.passage.id == f"{doc.key}#{a.chunk}+{b.chunk}"
    assert joined.dense_similarity == 0.7
    assert merged[1].passage == other
    # Passages that do not touch stay apart.
    far = replace(a, start=b.end + 10, end=b.end + 20)
    assert len(merge_overlapping([Hit(b, 0.1, 0.1, 0, 0), Hit(far, 0.1, 0.1, 1, 1)])) == 2
