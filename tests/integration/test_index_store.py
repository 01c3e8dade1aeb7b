"""The index: generations per corpus, incremental ingest, safe and write-free opening.

A real Chroma store under a temporary folder and small corpora written by the tests; the
embedding model is replaced by a deterministic hashing embedder (no model is loaded), so
these tests check the bookkeeping, not retrieval quality (test_index_live.py does that with
the real model).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import assistant.ingest as ingest_module
from assistant import snapshot, store
from assistant.config import Settings
from assistant.errors import (
    CorpusError,
    IndexCorruptError,
    IndexNotFoundError,
    IndexReadOnlyError,
)
from assistant.index import (
    IndexReader,
    ensure_index,
    ingest,
    list_corpora,
    open_index,
    read_manifest,
)
from assistant.manifest import COLLECTION_PREFIX, ROW_KEYS, Manifest, collection_name, manifest_path
from assistant.retrieval import HybridRetriever
from tests.other_user import as_nobody, project_reachable_by_others

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
DIM = 64


class HashEmbedder:
    """Bag of hashed words, normalised: similar texts get similar vectors, no model."""

    calls = 0

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * DIM
        for word in re.findall(r"[a-z0-9]+", text.lower()):
            vec[int(hashlib.sha1(word.encode()).hexdigest(), 16) % DIM] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        HashEmbedder.calls += len(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_module, "_embeddings", lambda model: HashEmbedder())
    monkeypatch.setattr(ingest_module, "_prepare_query_encoder", lambda settings: None)


SENTENCES = {
    "article": "Acme Corp will invest $12 billion in widget plants over three years. "
    "The company said demand for widgets rose 14% in 2024. Analysts expect margins to widen. "
    "Acme's chief executive called the plan the largest in its history. ",
    "source-1": "Acme Corp reported revenue of $4.2 billion for the quarter. "
    "Widget sales grew faster than gadget sales. The board approved a buyback. ",
    "source-2": "Rival Bolt Industries cut prices by 8% to defend its share. "
    "Bolt holds 31% of the widget market in Europe. Its plants run at capacity. ",
}


def write_doc(path: Path, title: str, url: str, body: str, extra: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\ntitle: {title}\nurl: {url}\ndate: 2025-01-0{len(title) % 9 + 1}\n{extra}---\n\n"
        f"# {title}\n\n{body}\n",
        encoding="utf-8",
    )


def make_corpus(folder: Path, name: str | None = None, repeat: int = 6) -> Path:
    """A small corpus: article.md and two sources, each a few passages long."""
    if name:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "corpus.yaml").write_text(f"name: {name}\nsubject: Acme Corp\n")
    write_doc(
        folder / "article.md",
        f"Acme bets on widgets ({folder.name})",
        f"https://example.com/{folder.name}/article",
        SENTENCES["article"] * repeat,
    )
    for i in (1, 2):
        key = f"source-{i}"
        write_doc(
            folder / "sources" / f"{key}.md",
            f"Source {i} on widgets",
            f"https://example.com/{folder.name}/{key}",
            SENTENCES[key] * repeat,
        )
    return folder


def settings_for(corpus: Path, index: Path, **overrides: object) -> Settings:
    return Settings(corpus_dir=corpus, index_dir=index, _env_file=None, **overrides)


@pytest.fixture
def built(tmp_path: Path) -> Settings:
    settings = settings_for(make_corpus(tmp_path / "acme"), tmp_path / "index")
    ingest(settings)
    return settings


def live_names(settings: Settings) -> set[str]:
    """Collection names in the live store (read through a snapshot: nothing is written)."""
    snap = snapshot.open_snapshot(settings.index_dir / "chroma")
    try:
        return set(store.collection_names(snap.client))
    finally:
        snap.close()


def live_client(settings: Settings):
    """A writing client on the live store, for tests that damage it on purpose."""
    return store.open_local(settings.index_dir / "chroma")


def vectors(settings: Settings) -> dict[str, dict[str, list[float]]]:
    got = open_index(settings).collection.get(include=["embeddings", "metadatas"])
    out: dict[str, dict[str, list[float]]] = {}
    for pid, vec, meta in zip(got["ids"], got["embeddings"], got["metadatas"], strict=True):
        out.setdefault(meta["doc_key"], {})[pid] = [float(x) for x in vec]
    return out


def files_state(folder: Path, files_only: bool = False) -> dict[str, tuple[int, int]]:
    """Every path under ``folder`` with its mtime and size (folders: only their names when
    ``files_only``, since a write-permission probe touches a folder's mtime)."""
    return {
        str(p.relative_to(folder)): (0, 0)
        if files_only and p.is_dir()
        else (p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(folder.rglob("*"))
    }


# --------------------------------------------------------------------------- ingest


def test_first_ingest_writes_a_manifest_per_corpus(tmp_path: Path) -> None:
    settings = settings_for(make_corpus(tmp_path / "acme", name="Acme Widgets"), tmp_path / "ix")
    HashEmbedder.calls = 0
    report = ingest(settings)
    assert report.corpus == "acme-widgets"
    assert report.documents == 3 and report.embedded == report.chunks == HashEmbedder.calls > 3
    assert report.collection == collection_name(
        "acme-widgets", settings.index_fingerprint(), report.generation
    )
    path = manifest_path(settings.index_dir, "acme-widgets")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["collection"] == report.collection and data["generation"] == report.generation
    assert data["corpus_dir"] == str(settings.corpus_dir.resolve())
    assert data["profile"]["name"] == "acme-widgets" and data["profile"]["subject"] == "Acme Corp"
    assert data["problems"] == []
    handle = open_index(settings)
    assert [r["key"] for r in handle.documents] == ["article", "source-1", "source-2"]
    assert all(set(r) == set(ROW_KEYS) for r in handle.documents)
    assert handle.documents[0]["url"] == "https://example.com/acme/article"
    assert sum(r["passages"] for r in handle.documents) == handle.collection.count()
    assert handle.profile.subject == "Acme Corp" and handle.generation == report.generation
    assert not (settings.index_dir / "manifest.json").exists()


def test_second_ingest_changes_nothing(built: Settings) -> None:
    first = read_manifest(built)
    path = manifest_path(built.index_dir, "acme")
    before = (path.stat().st_ino, path.stat().st_mtime_ns)
    again = ingest(built)
    assert (again.embedded, again.removed) == (0, 0)
    assert again.collection == first.collection and again.generation == first.generation
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == before, "an up-to-date ingest rewrote"


def test_editing_one_document_reembeds_only_it(built: Settings) -> None:
    before = vectors(built)
    old = read_manifest(built)
    source = built.corpus_dir / "sources" / "source-1.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nAcme also opened a lab.\n")
    HashEmbedder.calls = 0
    report = ingest(built)
    new = read_manifest(built)
    assert report.embedded == HashEmbedder.calls == new.documents["source-1"]["passages"]
    assert report.removed == old.documents["source-1"]["passages"]
    assert report.generation != old.generation
    after = vectors(built)
    for key in ("article", "source-2"):
        assert set(after[key]) == set(before[key])
        for pid, vec in before[key].items():
            assert after[key][pid] == pytest.approx(vec, abs=1e-6)
    assert old.collection not in live_names(built)


def test_deleting_a_document_removes_only_its_passages(built: Settings) -> None:
    old = read_manifest(built)
    (built.corpus_dir / "sources" / "source-2.md").unlink()
    report = ingest(built)
    assert (report.embedded, report.removed) == (0, old.documents["source-2"]["passages"])
    assert set(vectors(built)) == {"article", "source-1"}


def test_rebuild_embeds_everything_in_a_new_generation(built: Settings) -> None:
    old = read_manifest(built)
    seen: list[tuple[int, int]] = []
    report = ingest(built, rebuild=True, progress=lambda d, t: seen.append((d, t)))
    assert report.embedded == report.chunks == old.passage_count
    assert seen[-1] == (report.embedded, report.embedded)
    assert report.generation != old.generation
    assert live_names(built) == {report.collection}


def test_changing_chunking_builds_anew_and_refuses_the_old_settings(built: Settings) -> None:
    changed = built.model_copy(update={"chunk_max_words": 40, "chunk_min_words": 20})
    report = ingest(changed)
    assert report.embedded == report.chunks
    assert f".{changed.index_fingerprint()}." in report.collection
    with pytest.raises(IndexNotFoundError, match="assistant ingest"):
        open_index(built)


# --------------------------------------------------------------------------- several corpora


def test_two_corpora_share_an_index_folder_without_mixing(tmp_path: Path) -> None:
    index = tmp_path / "index"
    one = settings_for(make_corpus(tmp_path / "one"), index)
    two = settings_for(make_corpus(tmp_path / "two", repeat=3), index)
    first = ingest(one)
    one_manifest = manifest_path(index, "one").read_text(encoding="utf-8")
    second = ingest(two)
    assert first.collection != second.collection
    assert manifest_path(index, "one").read_text(encoding="utf-8") == one_manifest
    assert live_names(one) == {first.collection, second.collection}
    h1, h2 = open_index(one), open_index(two)
    assert {p.title for p in h1.passages() if p.doc_id == "article"} == {
        "Acme bets on widgets (one)"
    }
    assert {p.title for p in h2.passages() if p.doc_id == "article"} == {
        "Acme bets on widgets (two)"
    }
    # Rebuilding one corpus leaves the other's generation alone.
    again = ingest(one, rebuild=True)
    assert live_names(one) == {again.collection, second.collection}
    assert open_index(two).generation == second.generation
    rows = {r["name"]: r for r in list_corpora(one)}
    assert set(rows) == {"one", "two"}
    assert rows["two"]["passages"] == h2.collection.count()
    assert rows["one"]["corpus_dir"] == str((tmp_path / "one").resolve())
    assert rows["one"]["documents"] == 3 and rows["one"]["current"] is True


def test_ingest_leaves_collections_it_does_not_own(built: Settings) -> None:
    client = live_client(built)
    client.create_collection(name="someone-elses", embedding_function=None)
    stray = client.create_collection(
        name=collection_name("acme", built.index_fingerprint(), "deadbeef"),
        embedding_function=None,
    )
    stray.add(
        ids=["article#0"],
        embeddings=[[0.1] * DIM],
        documents=["half-built"],
        metadatas=[{"doc_key": "article"}],
    )
    store.close_client(client)
    assert ingest(built).embedded == 0  # up to date, yet the killed build's leftover goes
    names = live_names(built)
    assert "someone-elses" in names and stray.name not in names


# --------------------------------------------------------------------------- housekeeping


def test_unused_segment_folders_are_removed_after_a_swap(built: Settings) -> None:
    for _ in range(3):
        ingest(built, rebuild=True)
    chroma = built.index_dir / "chroma"
    folders = {p.name for p in store.segment_dirs(chroma)}
    in_use = store.segment_ids(chroma)
    assert in_use is not None and folders <= in_use
    assert len(folders) == len(live_names(built)) == 1


def test_no_environment_writes_in_the_index_modules() -> None:
    modules = ("index.py", "ingest.py", "ingest_lock.py", "store.py", "snapshot.py")
    for name in (*modules, "manifest.py", "retrieval.py", "llm.py"):
        text = (ROOT / "assistant" / name).read_text(encoding="utf-8")
        assert "os.environ" not in text, name
    private = re.compile(r"\._server\b|clear_system_cache|_identifier_to_system")
    for path in (ROOT / "assistant").rglob("*.py"):
        if path.name != "store.py":
            assert not private.search(path.read_text(encoding="utf-8")), path


# --------------------------------------------------------------------------- reading writes nothing


def test_opening_and_searching_write_nothing(built: Settings) -> None:
    before = files_state(built.index_dir)
    handle = open_index(built)
    retriever = HybridRetriever(handle, embedder=HashEmbedder())
    assert retriever.retrieve("How much will Acme invest in widget plants?", k=3)
    assert handle.passages() and list_corpora(built) and read_manifest(built)
    reader = IndexReader(built)
    assert reader.handle().generation == handle.generation
    assert files_state(built.index_dir) == before


def test_missing_index_says_to_ingest_and_creates_nothing(tmp_path: Path) -> None:
    settings = settings_for(make_corpus(tmp_path / "acme"), tmp_path / "index")
    with pytest.raises(IndexNotFoundError, match="assistant ingest"):
        open_index(settings)
    assert not settings.index_dir.exists()


@pytest.mark.parametrize(
    "garbage",
    [
        "{not json",
        "\x00\x01binary",
        "[]",
        "null",
        '"a string"',
        "42",
        '{"version": 2}',
        '{"version": 99, "fingerprint": "x"}',
    ],
)
def test_unreadable_manifest_says_to_rebuild(built: Settings, garbage: str) -> None:
    manifest_path(built.index_dir, "acme").write_text(garbage, encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="assistant ingest --rebuild"):
        open_index(built)
    report = ingest(built)  # and ingest recovers
    assert report.embedded == report.chunks == open_index(built).collection.count()


def test_missing_collection_is_corrupt_and_ingest_repairs_it(built: Settings) -> None:
    client = live_client(built)
    client.delete_collection(read_manifest(built).collection)
    store.close_client(client)
    with pytest.raises(IndexCorruptError, match="assistant ingest --rebuild"):
        open_index(built)
    report = ingest(built)
    assert report.embedded == report.chunks == open_index(built).collection.count()


def test_lost_passages_are_corrupt(built: Settings) -> None:
    client = live_client(built)
    client.get_collection(read_manifest(built).collection).delete(ids=["article#0"])
    store.close_client(client)
    with pytest.raises(IndexCorruptError, match="assistant ingest --rebuild"):
        open_index(built)


def test_ensure_index_builds_only_when_missing(tmp_path: Path) -> None:
    settings = settings_for(make_corpus(tmp_path / "acme"), tmp_path / "index")
    first = ensure_index(settings)
    assert ensure_index(settings).generation == first.generation


def test_manifest_round_trip(built: Settings) -> None:
    text = manifest_path(built.index_dir, "acme").read_text(encoding="utf-8")
    manifest = Manifest.from_json(text)
    assert json.loads(text)["counts"] == {"documents": 3, "passages": manifest.passage_count}
    assert Manifest.from_json(manifest.to_json()) == manifest


# --------------------------------------------------------------------------- read-only stores


def test_rebuild_of_an_unwritable_store_is_one_line_and_moves_nothing(
    built: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_state(built.index_dir, files_only=True)
    monkeypatch.setattr(store, "writable", lambda folder: False)
    with pytest.raises(IndexReadOnlyError) as caught:
        ingest(built, rebuild=True)
    message = str(caught.value)
    assert "\n" not in message and "cannot be written" in message
    assert "ingest --rebuild" not in message  # not sent round in a circle
    assert files_state(built.index_dir, files_only=True) == before


def test_readonly_database_is_never_taken_for_a_damaged_store(
    built: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What SQLite says when it may not write: the store must not be moved aside."""

    def refuse(path: Path) -> None:
        raise RuntimeError(
            "error returned from database: (code: 8) attempt to write a readonly database"
        )

    before = files_state(built.index_dir, files_only=True)
    monkeypatch.setattr(store, "open_local", refuse)
    with pytest.raises(IndexReadOnlyError, match="cannot be written"):
        ingest(built, rebuild=True)
    assert files_state(built.index_dir, files_only=True) == before
    assert not list(built.index_dir.glob("chroma.broken-*"))


def test_a_reader_that_cannot_write_answers_and_cannot_rebuild(tmp_path: Path) -> None:
    """For real: another user (root ignores permission bits) or a read-only tree."""
    shared = Path(os.environ.get("TMPDIR", "/tmp")) / f"ro-index-{os.getpid()}"
    corpus, index = make_corpus(shared / "acme"), shared / "index"
    ingest(settings_for(corpus, index))
    for path in [shared, *shared.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    script = textwrap.dedent(f"""
        import assistant.ingest as i
        from pathlib import Path
        from assistant.config import Settings
        from assistant.errors import IndexReadOnlyError
        from assistant.index import ingest, open_index
        from assistant.retrieval import HybridRetriever
        sys_path = {str(Path(__file__).parent)!r}
        import sys; sys.path[:0] = [sys_path, {str(Path(__file__).parents[2])!r}]
        from test_index_store import HashEmbedder
        i._embeddings = lambda model: HashEmbedder()
        s = Settings(corpus_dir=Path({str(corpus)!r}), index_dir=Path({str(index)!r}),
                     _env_file=None)
        hits = HybridRetriever(open_index(s), embedder=HashEmbedder()).retrieve("Acme invest", 2)
        print("hits", len(hits))
        try:
            ingest(s, rebuild=True)
        except IndexReadOnlyError as exc:
            print("refused", exc)
    """)
    before = files_state(index)
    try:
        with project_reachable_by_others():
            proc = subprocess.run(
                as_nobody([sys.executable, "-c", script]),
                capture_output=True,
                text=True,
                timeout=120,
                cwd=shared,
                env={**os.environ, "HOME": str(shared)},
                check=False,
            )
    finally:
        for path in [shared, *shared.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    shown = f"\nexit {proc.returncode}\nstdout: {proc.stdout}\nstderr: {proc.stderr[-3000:]}"
    assert proc.returncode == 0, shown
    assert "hits 2" in proc.stdout, shown
    assert "refused the index at" in proc.stdout, shown
    assert files_state(index) == before
    import shutil

    shutil.rmtree(shared)


# --------------------------------------------------------------------------- hostile documents


def test_a_malformed_document_is_skipped_and_reported(built: Settings) -> None:
    bad = built.corpus_dir / "sources" / "source-3.md"
    bad.write_text("---\ntitle: Bad\x1b]0;owned\x07 title\nurl: x\n---\nBody text here.\n")
    report = ingest(built)
    assert len(report.problems) == 1 and "source-3" in report.problems[0]
    assert "\n" not in report.problems[0]
    handle = open_index(built)
    assert [r["key"] for r in handle.documents] == ["article", "source-1", "source-2"]
    assert handle.problems == report.problems
    with pytest.raises(CorpusError, match="source-3"):
        ingest(built, strict=True)


def test_a_document_copying_another_title_and_url_is_flagged(built: Settings) -> None:
    article = open_index(built).documents[0]
    write_doc(
        built.corpus_dir / "sources" / "source-3.md",
        article["title"],
        article["url"],
        "Acme Corp will invest $777 billion in widget plants. " * 5,
    )
    report = ingest(built)
    assert report.duplicates == ["source-3 repeats the title or URL of article"]
    rows = {r["key"]: r for r in open_index(built).documents}
    assert rows["source-3"]["duplicate_of"] == "article"
    assert rows["source-1"]["duplicate_of"] is None


# --------------------------------------------------------------------------- following generations


def test_a_reader_follows_a_rebuild_run_by_another_process(built: Settings) -> None:
    reader = IndexReader(built)
    retriever = HybridRetriever(reader, embedder=HashEmbedder())
    old = reader.handle()
    assert retriever.retrieve("Acme widget plants", k=2)
    script = textwrap.dedent(f"""
        import sys
        sys.path[:0] = [{str(Path(__file__).parent)!r}, {str(Path(__file__).parents[2])!r}]
        import assistant.ingest as i
        from test_index_store import HashEmbedder
        from pathlib import Path
        from assistant.config import Settings
        i._embeddings = lambda model: HashEmbedder()
        i._prepare_query_encoder = lambda settings: None
        s = Settings(corpus_dir=Path({str(built.corpus_dir)!r}),
                     index_dir=Path({str(built.index_dir)!r}), _env_file=None)
        print(i.ingest(s, rebuild=True).generation)
    """)
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    generation = proc.stdout.strip().splitlines()[-1]
    assert generation != old.generation
    assert not old.is_current()
    assert old.collection.name not in live_names(built)  # the old generation is gone on disk
    hits = retriever.retrieve("Acme widget plants", k=2)
    assert hits and reader.handle().generation == generation
    assert retriever.handle.generation == generation


def test_a_vanished_collection_is_reopened_once(built: Settings) -> None:
    """A handle whose collection disappears mid-search (as on a shared server)."""
    handle = open_index(built)
    retriever = HybridRetriever(handle, embedder=HashEmbedder())
    new = ingest(built, rebuild=True)
    handle.client.delete_collection(handle.manifest.collection)
    hits = retriever.retrieve("How much will Acme invest?", k=2)
    assert hits and retriever.handle.generation == new.generation


def test_collection_names_are_valid_and_owned(built: Settings) -> None:
    name = read_manifest(built).collection
    assert name.startswith(f"{COLLECTION_PREFIX}acme.") and len(name) < 128
    assert re.fullmatch(r"[a-z0-9][a-z0-9.-]*[a-z0-9]", name)


def test_opening_during_a_swap_opens_the_new_generation(
    built: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old collection vanished between reading the manifest and opening the store."""
    import assistant.index as index_module

    real = index_module._open
    calls: list[int] = []

    def racing(settings: Settings, client: object) -> object:
        calls.append(1)
        if len(calls) == 1:
            ingest(settings, rebuild=True)  # another process swaps generations meanwhile
            raise IndexCorruptError("collection passages.acme... does not exist")
        return real(settings, client)

    monkeypatch.setattr(index_module, "_open", racing)
    handle = open_index(built)
    assert len(calls) == 2 and handle.generation == read_manifest(built).generation
    calls.clear()
    monkeypatch.setattr(
        index_module,
        "_open",
        lambda s, c: (_ for _ in ()).throw(IndexCorruptError("really broken")),
    )
    with pytest.raises(IndexCorruptError, match="really broken"):
        open_index(built)  # an unchanged manifest: the error stands, no second try


# --------------------------------------------------------------------------- rows named by label


def test_a_table_row_the_question_names_is_retrieved_beside_the_top_k(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = make_corpus(tmp_path / "acme")
    prose = "Acme Corp said inventory at the end of September was carried for the season. " * 4
    write_doc(
        corpus / "sources" / "source-3.md", "Inventory story", "https://example.com/s3", prose
    )
    table = (
        "Acme's balance sheet.\n\n| ($ millions) | March 31 | September 30 |\n|---|---:|---:|\n"
        "| Cash | 68 | 71 |\n| Inventories | 91 | 98 |\n| Total assets | 481 | 498 |\n"
    )
    write_doc(corpus / "sources" / "source-4.md", "Balance sheet", "https://example.com/s4", table)
    settings = settings_for(corpus, tmp_path / "index")
    ingest(settings)
    retriever = HybridRetriever(open_index(settings), embedder=HashEmbedder())
    question = "How much inventory was Acme Corp carrying at the end of September?"

    def rows(k: int) -> list[str]:
        texts = [h.passage.text for h in retriever.retrieve(question, k=k)]
        return [t for t in texts if "Inventories" in t]

    assert rows(1), "the named row comes beside the top k"
    monkeypatch.setattr("assistant.retrieval.named_rows", lambda question, ranked: [])
    assert not rows(1), "without the row search the prose outranks the table"
