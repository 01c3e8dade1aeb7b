"""Index bookkeeping that needs no store and no model: manifests, names, error kinds,
segment-folder cleanup and the write probe. (With a real Chroma store:
tests/integration/test_index_store.py; with the real model: test_index_live.py.)
"""

from __future__ import annotations

import errno
import json
import sqlite3
import uuid
from pathlib import Path

import pytest

from assistant import store
from assistant.config import Settings
from assistant.errors import IndexCorruptError
from assistant.manifest import (
    MANIFEST_VERSION,
    ROW_KEYS,
    Manifest,
    collection_name,
    corpus_key,
    corpus_name,
    load,
    load_all,
    manifest_path,
    new_generation,
    save,
    stamp,
)


def manifest(corpus: str = "acme", **overrides: object) -> Manifest:
    rows = {
        key: {
            "id": key,
            "key": key,
            "kind": kind,
            "title": f"T {key}",
            "url": "",
            "date": None,
            "hash": "h",
            "passages": n,
            "duplicate_of": None,
        }
        for key, kind, n in (
            ("article", "article", 3),
            ("source-10", "source", 2),
            ("source-2", "source", 1),
        )
    }
    data: dict[str, object] = {
        "corpus": corpus,
        "fingerprint": "f" * 12,
        "embedding_model": "m",
        "chunking": {"min_words": 60, "max_words": 160, "overlap_words": 30},
        "collection": collection_name(corpus, "f" * 12, "g1"),
        "generation": "g1",
        "profile": {"name": corpus, "title": "T", "subject": "Acme"},
        "documents": rows,
        "problems": ["sources/x.md: front matter holds control characters — remove them"],
    }
    data.update(overrides)
    return Manifest(**data)  # type: ignore[arg-type]


def settings(tmp_path: Path) -> Settings:
    return Settings(corpus_dir=tmp_path / "acme", index_dir=tmp_path / "index", _env_file=None)


# --------------------------------------------------------------------------- manifests


def test_rows_keep_corpus_order_and_public_keys() -> None:
    m = manifest()
    assert [r["key"] for r in m.rows()] == ["article", "source-10", "source-2"]
    assert all(tuple(r) == ROW_KEYS for r in m.rows())  # no content hash in the public rows
    assert m.passage_count == 6
    assert Manifest.from_json(m.to_json()) == m
    assert json.loads(m.to_json())["counts"] == {"documents": 3, "passages": 6}


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[]",
        "null",
        "42",
        '{"version": 1}',
        f'{{"version": {MANIFEST_VERSION}}}',
        json.dumps({**json.loads(manifest().to_json()), "documents": {"a": {"passages": "x"}}}),
    ],
)
def test_malformed_manifests_are_refused(text: str) -> None:
    with pytest.raises((ValueError, TypeError)):
        Manifest.from_json(text)


def test_save_load_and_stamp_per_corpus(tmp_path: Path) -> None:
    s = settings(tmp_path)
    assert load(s, "acme") is None and stamp(s, "acme") is None
    save(s, manifest("acme"))
    first = stamp(s, "acme")
    save(s, manifest("other"))
    assert stamp(s, "acme") == first, "writing one corpus's manifest touched another's"
    save(s, manifest("acme", generation="g2"))
    assert stamp(s, "acme") != first
    assert load(s, "acme").generation == "g2"
    assert [m.corpus for m in load_all(s)] == ["acme", "other"]
    assert manifest_path(s.index_dir, "acme").stat().st_mode & 0o777 == 0o644
    manifest_path(s.index_dir, "other").write_text("{broken", encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="assistant ingest --rebuild"):
        load(s, "other")
    assert [m.corpus for m in load_all(s)] == ["acme"], "one broken corpus hid the others"


# --------------------------------------------------------------------------- names


def test_corpus_names_come_from_corpus_yaml_or_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "My Corpus"
    folder.mkdir()
    assert corpus_name(folder) == "my-corpus"
    (folder / "corpus.yaml").write_text("name: Q1 Results, 2026!\n")
    assert corpus_name(folder) == "q1-results-2026"
    (folder / "corpus.yaml").write_text("name: [unclosed\n")
    assert corpus_name(folder) == "my-corpus"  # the loader reports the broken file
    long_a, long_b = "x" * 60 + "a", "x" * 60 + "b"
    assert len(corpus_key(long_a)) <= 40 and corpus_key(long_a) != corpus_key(long_b)


def test_collection_names_are_valid_chroma_names() -> None:
    gens = {new_generation() for _ in range(50)}
    assert len(gens) == 50
    for gen in gens:
        name = collection_name(corpus_key("x" * 80), "0123456789ab", gen)
        assert 3 <= len(name) <= 128 and ".." not in name
        assert name[0].isalnum() and name[-1].isalnum()


# --------------------------------------------------------------------------- store helpers


def test_error_kinds() -> None:
    from chromadb.errors import NotFoundError

    assert store.is_not_found(NotFoundError("Collection passages.x does not exist"))
    assert store.is_not_found(ValueError("Collection [abc] does not exist."))
    assert not store.is_not_found(ValueError("database disk image is malformed"))
    assert store.is_read_only(RuntimeError("attempt to write a readonly database"))
    assert store.is_read_only(OSError(errno.EROFS, "Read-only file system"))
    assert not store.is_read_only(RuntimeError("database disk image is malformed"))


def test_write_probe_leaves_nothing(tmp_path: Path) -> None:
    assert store.writable(tmp_path / "not" / "yet")  # a folder that would be created
    assert list(tmp_path.iterdir()) == []


def fake_store(root: Path, used: int, unused: int) -> tuple[set[str], set[str]]:
    """A store folder with a segments table naming ``used`` of its segment folders."""
    root.mkdir()
    used_ids = {str(uuid.uuid4()) for _ in range(used)}
    unused_ids = {str(uuid.uuid4()) for _ in range(unused)}
    for sid in used_ids | unused_ids:
        (root / sid).mkdir()
        (root / sid / "data_level0.bin").write_bytes(b"x")
    (root / "not-a-segment").mkdir()
    with sqlite3.connect(root / store.SQLITE_FILE) as db:
        db.execute("CREATE TABLE segments (id TEXT, type TEXT, scope TEXT, collection TEXT)")
        db.executemany(
            "INSERT INTO segments VALUES (?, 'hnsw', 'VECTOR', 'c')", [(s,) for s in used_ids]
        )
    return used_ids, unused_ids


def test_only_unused_segment_folders_are_removed(tmp_path: Path) -> None:
    used, unused = fake_store(tmp_path / "chroma", used=2, unused=3)
    removed = store.remove_unused_segments(tmp_path / "chroma")
    assert set(removed) == unused
    left = {p.name for p in (tmp_path / "chroma").iterdir() if p.is_dir()}
    assert left == used | {"not-a-segment"}


def test_an_unknown_schema_removes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_store(tmp_path / "chroma", used=1, unused=2)
    monkeypatch.setattr(store, "knows_internals", lambda: False)
    assert store.remove_unused_segments(tmp_path / "chroma") == []
    assert len(store.segment_dirs(tmp_path / "chroma")) == 3
