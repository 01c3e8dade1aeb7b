"""Ingest: bring one corpus's index in step with its folder, embedding only what changed.

A build writes a new generation (a fresh collection), copies unchanged documents' stored
vectors into it, embeds the rest, and only then replaces the corpus's manifest. Afterwards
it removes this corpus's older collections and the segment folders no collection uses. One
ingest at a time per local index folder (a lock file), so two builds never interleave.

A malformed file is skipped and reported in one line (``strict=True`` makes it fatal); a
document whose title or URL repeats another's is indexed but flagged (``duplicate_of``), so
the answer can name its own file. An index that cannot be written is refused in one line,
and nothing is moved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant import manifest as manifests
from assistant import store
from assistant.config import Settings
from assistant.embeddings import embedding_text, is_exported, onnx_dir
from assistant.errors import IndexCorruptError
from assistant.ingest_lock import check_writable, open_for_writing
from assistant.manifest import Manifest, collection_name, corpus_name, new_generation

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from assistant.chunking import Passage
    from assistant.corpus import Corpus, Document

log = logging.getLogger(__name__)

EMBED_BATCH = 32
ProgressFn = Callable[[int, int], None]


@dataclass
class IngestReport:
    """What one ingest did; ``--json`` prints :meth:`to_dict`."""

    documents: int
    chunks: int
    embedded: int
    removed: int
    index_dir: str
    collection: str
    corpus: str = ""
    generation: str = ""
    problems: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    fetch_failures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------- the corpus


def _load(corpus_dir: Path, strict: bool) -> Corpus:
    from assistant.corpus import load_corpus

    return load_corpus(corpus_dir, strict=strict)


def _fetch(settings: Settings, strict: bool) -> list[str]:
    """Download the originals the article cites; failures, one line each."""
    from assistant.fetch import fetch_sources

    results = fetch_sources(_load(settings.corpus_dir, strict).cited, settings)
    return [r.error for r in results if not r.ok and r.error]


def _embeddings(model: str) -> Any:
    """The ingest embedding model (sentence-transformers; tests swap in a fake)."""
    from assistant.embeddings import load_embeddings

    return load_embeddings(model)


def _prepare_query_encoder(settings: Settings) -> None:
    """Export the light query encoder beside a local store, once, so that questions never
    load torch (and a read-only index never needs to write it)."""
    if not settings.chroma_url:
        from assistant.embeddings import prepare_query_encoder

        prepare_query_encoder(settings)


# --------------------------------------------------------------------------- the store


def _tidy(settings: Settings, client: ClientAPI, corpus: str, keep: str) -> None:
    manifests.remove_stale(client, corpus, keep)
    if not settings.chroma_url:
        Path(settings.index_dir, "manifest.json").unlink(missing_ok=True)  # manifest v1
        store.remove_unused_segments(Path(settings.index_dir) / "chroma")


# --------------------------------------------------------------------------- building


def _split_all(docs: list[Document], settings: Settings) -> dict[str, list[Passage]]:
    from assistant.chunking import split_document

    return {
        doc.key: split_document(
            doc,
            min_words=settings.chunk_min_words,
            max_words=settings.chunk_max_words,
            overlap_words=settings.chunk_overlap_words,
        )
        for doc in docs
    }


def _copy_passages(source: Collection, target: Collection, doc_key: str) -> int:
    """Copy one document's passages with their stored vectors into the new generation."""
    got = source.get(where={"doc_key": doc_key}, include=["embeddings", "documents", "metadatas"])
    if got["ids"]:
        target.add(
            ids=got["ids"],
            embeddings=got["embeddings"],
            documents=got["documents"],
            metadatas=got["metadatas"],
        )
    return len(got["ids"])


def _embed_into(
    target: Collection,
    passages: list[Passage],
    embeddings: Any,
    progress: ProgressFn | None,
    done: int,
    total: int,
) -> int:
    for i in range(0, len(passages), EMBED_BATCH):
        batch = passages[i : i + EMBED_BATCH]
        vectors = embeddings.embed_documents([embedding_text(p) for p in batch])
        target.add(
            ids=[p.id for p in batch],
            embeddings=vectors,
            documents=[p.text for p in batch],
            metadatas=[p.metadata() for p in batch],
        )
        done += len(batch)
        if progress:
            progress(done, total)
    return done


def _previous(
    client: ClientAPI, old: Manifest | None, fingerprint: str, rebuild: bool
) -> Collection | None:
    if rebuild or old is None or old.fingerprint != fingerprint:
        return None
    if old.collection not in store.collection_names(client):
        log.warning("collection %s named by the manifest is missing; rebuilding", old.collection)
        return None
    return client.get_collection(old.collection)


def _rows(
    docs: list[Document], counts: dict[str, int], dups: dict[str, str]
) -> dict[str, dict[str, Any]]:
    return {
        d.key: {
            "id": d.id,
            "key": d.key,
            "kind": d.kind,
            "title": d.title,
            "url": d.url,
            "date": d.date,
            "hash": d.content_hash,
            "passages": counts[d.key],
            "duplicate_of": dups.get(d.key),
        }
        for d in docs
    }


@dataclass
class _Plan:
    """What the previous generation lets this build reuse."""

    old: Manifest | None
    previous: Collection | None
    unchanged: set[str]
    removed: int
    up_to_date: bool


def _plan(
    settings: Settings, client: ClientAPI, name: str, docs: list[Document], rebuild: bool
) -> _Plan:
    try:
        old = manifests.load(settings, name, client)
    except IndexCorruptError as exc:
        log.warning("%s; building a new index", exc)
        old = None
    previous = _previous(client, old, settings.index_fingerprint(), rebuild)
    hashes = {doc.key: doc.content_hash for doc in docs}
    old_docs = old.documents if (old and previous is not None) else {}
    unchanged = {k for k, h in hashes.items() if old_docs.get(k, {}).get("hash") == h}
    removed = sum(m["passages"] for k, m in old_docs.items() if k not in unchanged)
    up_to_date = previous is not None and unchanged == set(hashes) == set(old_docs)
    return _Plan(old, previous, unchanged, 0 if up_to_date else removed, up_to_date)


def _build(
    settings: Settings,
    client: ClientAPI,
    name: str,
    docs: list[Document],
    plan: _Plan,
    progress: ProgressFn | None,
) -> tuple[str, str, dict[str, int], int]:
    """Write a new generation: copy unchanged documents' vectors, embed the rest.
    Returns (collection, generation, passages per document, passages embedded)."""
    passages = _split_all([d for d in docs if d.key not in plan.unchanged], settings)
    to_embed = [p for ps in passages.values() for p in ps]
    generation = new_generation()
    target = client.create_collection(
        name=collection_name(name, settings.index_fingerprint(), generation),
        embedding_function=None,
        metadata={"hnsw:space": "cosine", "corpus": name},
    )
    counts = {key: _copy_passages(plan.previous, target, key) for key in plan.unchanged}  # type: ignore[arg-type]
    embedded = 0
    if to_embed:
        model = _embeddings(settings.embedding_model)
        embedded = _embed_into(target, to_embed, model, progress, 0, len(to_embed))
    counts.update({k: len(ps) for k, ps in passages.items()})
    return target.name, generation, counts, embedded


def ingest(
    settings: Settings,
    *,
    progress: ProgressFn | None = None,
    rebuild: bool = False,
    strict: bool = False,
    fetch: bool = False,
) -> IngestReport:
    """Bring the index of ``settings.corpus_dir`` in step with it, embedding only changes.

    ``strict``: a malformed file stops the ingest (CorpusError) instead of being skipped.
    ``fetch``: download the originals the article cites first (online).
    """
    if not settings.chroma_url:
        check_writable(Path(settings.index_dir))  # refuse before any work
    failures = _fetch(settings, strict) if fetch else []
    corpus = _load(settings.corpus_dir, strict)
    docs, name = list(corpus.documents), corpus_name(settings.corpus_dir)
    dup_lines = [
        f"{k} repeats the title or URL of {first}" for k, first in corpus.duplicates.items()
    ]
    current = None if rebuild else _unchanged(settings, name, corpus)
    if current is not None:
        # Nothing to write: the store is not even opened (opening it costs a second).
        log.info("index of %s is up to date (%d documents)", name, len(docs))
        return _report(settings, current, 0, 0, corpus, dup_lines, failures)
    with open_for_writing(settings, rebuild) as client:
        plan = _plan(settings, client, name, docs, rebuild)
        if plan.up_to_date:
            assert plan.old is not None
            log.info("index of %s is up to date (%d documents)", name, len(docs))
            collection, generation = plan.old.collection, plan.old.generation
            counts, embedded = {k: m["passages"] for k, m in plan.old.documents.items()}, 0
        else:
            collection, generation, counts, embedded = _build(
                settings, client, name, docs, plan, progress
            )
        manifest = Manifest(
            corpus=name,
            fingerprint=settings.index_fingerprint(),
            embedding_model=settings.embedding_model,
            chunking={
                "min_words": settings.chunk_min_words,
                "max_words": settings.chunk_max_words,
                "overlap_words": settings.chunk_overlap_words,
            },
            collection=collection,
            generation=generation,
            corpus_dir=str(Path(settings.corpus_dir).resolve()),
            profile=corpus.profile.to_dict(),
            documents=_rows(docs, counts, corpus.duplicates),
            problems=list(corpus.problems),
            built_at=plan.old.built_at if plan.up_to_date and plan.old else _now(),
        )
        if plan.old is None or manifest.to_json() != plan.old.to_json():
            manifests.save(settings, manifest, client)  # the switch: one atomic step
        _tidy(settings, client, name, keep=collection)
        _prepare_query_encoder(settings)
    log.info(
        "index of %s: %d passages, %d embedded, %d removed",
        name,
        manifest.passage_count,
        embedded,
        plan.removed,
    )
    return _report(settings, manifest, embedded, plan.removed, corpus, dup_lines, failures)


def _unchanged(settings: Settings, name: str, corpus: Corpus) -> Manifest | None:
    """The manifest, when a local index already holds exactly this corpus and settings."""
    index_dir = Path(settings.index_dir)
    if settings.chroma_url or not (index_dir / "chroma" / store.SQLITE_FILE).is_file():
        return None
    try:
        old = manifests.load(settings, name, None)
    except IndexCorruptError:
        return None
    encoder = onnx_dir(index_dir, settings.embedding_model)
    if old is None or not old.holds(corpus, settings.index_fingerprint()):
        return None
    return old if is_exported(encoder) else None


def _report(
    settings: Settings,
    manifest: Manifest,
    embedded: int,
    removed: int,
    corpus: Corpus,
    dup_lines: list[str],
    failures: list[str],
) -> IngestReport:
    return IngestReport(
        documents=len(corpus.documents),
        chunks=manifest.passage_count,
        embedded=embedded,
        removed=removed,
        index_dir=settings.chroma_url or str(settings.index_dir),
        collection=manifest.collection,
        corpus=manifest.corpus,
        generation=manifest.generation,
        problems=list(corpus.problems),
        duplicates=dup_lines,
        fetch_failures=failures,
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


__all__ = ["IngestReport", "ProgressFn", "ingest"]
