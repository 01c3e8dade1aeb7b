"""The index manifest: what the current generation of one corpus holds, and where it lives.

One index folder holds many corpora. Each corpus has its own manifest, so writing one never
touches another's:

- a local store: ``<index_dir>/corpora/<corpus>/manifest.json``, replaced atomically;
- a Chroma server: the metadata of the collection ``assistant-manifest.<corpus>`` on the
  server, so every client of the server sees the same generation.

A generation's collection is named ``passages.<corpus>.<fingerprint>.<generation>``, so
a build can tell its own corpus's collections from everyone else's.

Replacing the manifest is the one step that switches readers to a new generation. A reader
notices the switch cheaply through :func:`manifest_stamp` (inode, size and mtime of the
file; the manifest text on a server).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import IndexCorruptError
from assistant.text import atomic_write_text

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

    from assistant.config import Settings
    from assistant.corpus import Corpus

log = logging.getLogger(__name__)

MANIFEST_VERSION = 2
CORPORA_DIR = "corpora"
MANIFEST_FILE = "manifest.json"
MANIFEST_PREFIX = "assistant-manifest."
# What a document row shows (the public view of ``Manifest.documents``).
ROW_KEYS = ("id", "key", "kind", "title", "url", "date", "passages", "duplicate_of")


def corpus_key(name: str) -> str:
    """A corpus name as used in folder and collection names: [a-z0-9-], at most 40 chars."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if len(slug) > 40:  # keep it unique: a long name keeps a hash of itself
        slug = f"{slug[:31].rstrip('-')}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"
    return slug or "corpus"


@dataclass
class Manifest:
    """What the current generation of one corpus's index holds."""

    corpus: str
    fingerprint: str
    embedding_model: str
    chunking: dict[str, int]
    collection: str
    generation: str
    corpus_dir: str = ""
    profile: dict[str, Any] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    built_at: str = ""
    version: int = MANIFEST_VERSION

    @property
    def passage_count(self) -> int:
        return sum(int(d["passages"]) for d in self.documents.values())

    def rows(self) -> list[dict[str, Any]]:
        """One row per document, in corpus order (id, key, kind, title, url, date, ...)."""
        return [{k: meta.get(k) for k in ROW_KEYS} for meta in self.documents.values()]

    def holds(self, corpus: Corpus, fingerprint: str) -> bool:
        """Does this generation already hold exactly ``corpus``, built with these settings?"""
        docs = corpus.documents
        return (
            self.fingerprint == fingerprint
            and {d.key: d.content_hash for d in docs}
            == {k: m.get("hash") for k, m in self.documents.items()}
            and {d.key: corpus.duplicates.get(d.key) for d in docs}
            == {k: m.get("duplicate_of") for k, m in self.documents.items()}
            and self.profile == corpus.profile.to_dict()
            and self.problems == list(corpus.problems)
        )

    def to_json(self) -> str:
        data = asdict(self)
        data["counts"] = {"documents": len(self.documents), "passages": self.passage_count}
        # Documents keep corpus order (no sort_keys): rows are shown in that order.
        return json.dumps(data, indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("the manifest is not a JSON object")
        data.pop("counts", None)
        if data.get("version") != MANIFEST_VERSION:
            raise ValueError(f"manifest version {data.get('version')!r} is not supported")
        manifest = cls(**data)
        if not isinstance(manifest.documents, dict) or not all(
            isinstance(m, dict) and isinstance(m.get("passages"), int)
            for m in manifest.documents.values()
        ):
            raise ValueError("the manifest's documents are malformed")
        return manifest


# --------------------------------------------------------------------------- names

COLLECTION_PREFIX = "passages."
_COLLECTION = re.compile(
    r"^passages\.(?P<corpus>[a-z0-9-]+)\.(?P<fp>[0-9a-f]+)\.(?P<gen>[0-9a-z]+)$"
)
_LEGACY_COLLECTION = re.compile(r"^passages-[0-9a-f]{12}-[0-9a-f]{8}$")  # manifest v1


def corpus_name(corpus_dir: Path) -> str:
    """The key of a corpus in the index: ``name`` in its corpus.yaml, else its folder name."""
    import yaml

    corpus_dir = Path(corpus_dir)
    name = corpus_dir.resolve().name
    config = corpus_dir / "corpus.yaml"
    if config.is_file():
        try:
            data = yaml.safe_load(config.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            data = None  # the corpus loader reports a broken corpus.yaml
        if isinstance(data, dict) and str(data.get("name") or "").strip():
            name = str(data["name"])
    return corpus_key(name)


def collection_name(corpus: str, fingerprint: str, generation: str) -> str:
    return f"{COLLECTION_PREFIX}{corpus}.{fingerprint}.{generation}"


def new_generation() -> str:
    """Sortable by time, unique across processes."""
    return f"{datetime.now(UTC):%Y%m%d%H%M%S}{uuid.uuid4().hex[:6]}"


def remove_stale(client: ClientAPI, corpus: str, keep: str) -> None:
    """Drop this corpus's earlier generations, leftovers of killed builds, and collections
    of the old single-corpus layout. Other corpora's collections are never touched."""
    from assistant.store import collection_names

    for name in collection_names(client):
        match = _COLLECTION.match(name)
        mine = match is not None and match["corpus"] == corpus
        if (mine or _LEGACY_COLLECTION.match(name)) and name != keep:
            try:
                client.delete_collection(name)
            except Exception as exc:
                log.warning("could not remove old collection %s: %s", name, exc)


# --------------------------------------------------------------------------- where


def manifest_path(index_dir: Path, corpus: str) -> Path:
    return Path(index_dir) / CORPORA_DIR / corpus / MANIFEST_FILE


def holder_name(corpus: str) -> str:
    """The server collection whose metadata holds one corpus's manifest."""
    return f"{MANIFEST_PREFIX}{corpus}"


def _corrupt(where: str, exc: Exception) -> IndexCorruptError:
    return IndexCorruptError(
        f"the index manifest {where} is unreadable ({exc}) — "
        "run `assistant ingest --rebuild` to build the index again"
    )


def _parse(text: str | None, where: str) -> Manifest | None:
    if not text:
        return None
    try:
        return Manifest.from_json(text)
    except (ValueError, TypeError, KeyError) as exc:
        raise _corrupt(where, exc) from exc


def _server_text(client: ClientAPI, corpus: str) -> str | None:
    from assistant.store import collection_names

    name = holder_name(corpus)
    if name not in collection_names(client):
        return None
    return (client.get_collection(name).metadata or {}).get("manifest")


def read_text(settings: Settings, corpus: str, client: ClientAPI | None) -> tuple[str | None, str]:
    """The manifest's raw text (None when there is none) and where it was read."""
    if settings.chroma_url:
        assert client is not None, "a Chroma server's manifest is read through a client"
        return _server_text(client, corpus), f"on {settings.chroma_url}"
    path = manifest_path(settings.index_dir, corpus)
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except FileNotFoundError:
        return None, str(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise _corrupt(str(path), exc) from exc


def load(settings: Settings, corpus: str, client: ClientAPI | None = None) -> Manifest | None:
    """The corpus's manifest, None when it was never built, IndexCorruptError if unreadable."""
    text, where = read_text(settings, corpus, client)
    return _parse(text, where)


def save(settings: Settings, manifest: Manifest, client: ClientAPI | None = None) -> None:
    """Replace the manifest atomically: the switch to a new generation is this one step."""
    if settings.chroma_url:
        assert client is not None
        holder = client.get_or_create_collection(
            holder_name(manifest.corpus), embedding_function=None
        )
        holder.modify(metadata={"manifest": manifest.to_json()})
        return
    path = manifest_path(settings.index_dir, manifest.corpus)
    atomic_write_text(path, manifest.to_json())
    # The temporary file it was written through is private (0600); other users who may read
    # the index (a service account, a read-only share) must be able to read its manifest.
    path.chmod(0o644)


def stamp(settings: Settings, corpus: str, client: ClientAPI | None = None) -> object:
    """A cheap token that changes whenever the manifest is replaced."""
    if settings.chroma_url:
        text = _server_text(client, corpus) if client is not None else None
        return hashlib.sha256((text or "").encode()).hexdigest()
    try:
        st = manifest_path(settings.index_dir, corpus).stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def load_all(settings: Settings, client: ClientAPI | None = None) -> list[Manifest]:
    """Every readable manifest in the index folder (or on the server), by corpus name."""
    found: list[Manifest] = []
    if settings.chroma_url:
        from assistant.store import collection_names

        assert client is not None
        names = [
            n[len(MANIFEST_PREFIX) :]
            for n in collection_names(client)
            if n.startswith(MANIFEST_PREFIX)
        ]
    else:
        root = Path(settings.index_dir) / CORPORA_DIR
        names = [p.name for p in root.iterdir() if p.is_dir()] if root.is_dir() else []
    for name in sorted(names):
        try:
            manifest = load(settings, name, client)
        except IndexCorruptError:
            continue  # one unreadable corpus does not hide the others
        if manifest is not None:
            found.append(manifest)
    return found


__all__ = [
    "COLLECTION_PREFIX",
    "MANIFEST_VERSION",
    "ROW_KEYS",
    "Manifest",
    "collection_name",
    "corpus_key",
    "corpus_name",
    "holder_name",
    "load",
    "load_all",
    "manifest_path",
    "new_generation",
    "remove_stale",
    "save",
    "stamp",
]
