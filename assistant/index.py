"""Build and open the persistent index: one collection per corpus, incremental, crash-safe.

Every build writes a *new generation* of one corpus: a fresh Chroma collection named
``passages.<corpus>.<fingerprint>.<generation>`` into which unchanged documents' passages
are copied with their stored vectors (no re-embedding) and changed documents' passages are
embedded anew. Only when the generation is complete is the corpus's manifest replaced
atomically (see ``manifest.py``). A build killed at any moment leaves the manifest naming
the previous, complete generation; leftovers are removed by the next build of that corpus.
Other corpora in the same index folder are never touched.

Reading never writes: :func:`open_index` opens a private snapshot of a local store (see
``snapshot.py``), so a read-only index answers questions and a reader keeps its generation
while an ingest replaces it. :class:`IndexReader` (and ``IndexHandle.is_current``) let a
long-lived reader notice a new generation between questions and switch to it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant import manifest as manifests
from assistant import store
from assistant.config import Settings
from assistant.errors import (
    AssistantError,
    ConfigError,
    IndexCorruptError,
    IndexNotFoundError,
    IndexReadOnlyError,
    IndexUnavailableError,
)
from assistant.ingest import IngestReport, ProgressFn, ingest
from assistant.manifest import Manifest, corpus_name
from assistant.snapshot import Snapshot, keep_alive, open_snapshot

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

    from assistant.chunking import Passage
    from assistant.corpus import CorpusProfile

log = logging.getLogger(__name__)


def _where(settings: Settings) -> str:
    return settings.chroma_url or str(settings.index_dir)


def read_manifest(settings: Settings, client: ClientAPI | None = None) -> Manifest | None:
    """The manifest of ``settings.corpus_dir``'s corpus; None when that corpus was not built.

    Local manifests are read from disk without opening the store (nothing is written).
    """
    client = client or _server_client(settings)
    return manifests.load(settings, corpus_name(settings.corpus_dir), client)


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class _Profile:
    """TRANSITION stand-in for ``corpus.CorpusProfile``."""

    name: str
    title: str
    subject: str
    aliases: tuple[str, ...]
    examples: tuple[str, ...]
    directory: Path


@dataclass
class IndexHandle:
    """An opened, checked generation of one corpus's index (read-only)."""

    settings: Settings
    manifest: Manifest
    client: Any
    collection: Any
    stamp: object = None
    snapshot: Snapshot | None = field(default=None, repr=False)

    @property
    def generation(self) -> str:
        return self.manifest.generation

    @property
    def documents(self) -> list[dict[str, Any]]:
        """One row per document: id, key, kind, title, url, date, passages, duplicate_of."""
        return self.manifest.rows()

    @property
    def problems(self) -> list[str]:
        """Files the ingest skipped, one line each."""
        return list(self.manifest.problems)

    @property
    def profile(self) -> CorpusProfile:
        """Who and what the corpus is about, as recorded at ingest."""
        try:
            from assistant.corpus import CorpusProfile
        except ImportError:  # TRANSITION: until the corpus loader records profiles
            data = self.manifest.profile
            return _Profile(
                str(data.get("name", "")),
                str(data.get("title", "")),  # type: ignore[return-value]
                str(data.get("subject", "")),
                tuple(data.get("aliases", ())),
                tuple(data.get("examples", ())),
                Path(data.get("directory", ".")),
            )
        return CorpusProfile.from_dict(self.manifest.profile)

    def is_current(self) -> bool:
        """Whether the manifest on disk (or on the server) still names this generation."""
        try:
            client = self.client if self.settings.chroma_url else None
            return manifests.stamp(self.settings, self.manifest.corpus, client) == self.stamp
        except Exception as exc:  # cannot tell: keep answering from this generation
            log.debug("could not check the manifest: %s", exc)
            return True

    def passages(self) -> list[Passage]:
        """Every passage in this generation, in document order."""
        from assistant.chunking import Passage

        got = self.collection.get(include=["documents", "metadatas"])
        items = [
            Passage.from_metadata(pid, text, meta)
            for pid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]
        order = {key: i for i, key in enumerate(self.manifest.documents)}
        return sorted(items, key=lambda p: (order.get(p.doc_key, len(order)), p.chunk))

    def close(self) -> None:
        """Release the snapshot now (it is also released when the handle is collected)."""
        if self.snapshot is not None:
            self.snapshot.close()


def open_index(settings: Settings) -> IndexHandle:
    """Open the current generation of ``settings.corpus_dir``'s corpus, writing nothing.

    Raises IndexNotFoundError (never built, or built for other settings), IndexCorruptError
    (unreadable) or IndexUnavailableError (server down), each naming the fix. An ingest that
    replaces the generation while it is being opened is not an error: it opens the new one.
    """
    name = corpus_name(settings.corpus_dir)
    client = _server_client(settings)
    stamp = manifests.stamp(settings, name, client)
    try:
        return _open(settings, client)
    except IndexCorruptError:
        if manifests.stamp(settings, name, client) == stamp:
            raise
        log.info("the index of %s changed while it was opened; opening the new one", name)
        return _open(settings, client)


def _server_client(settings: Settings) -> Any:
    if not settings.chroma_url:
        return None
    return store.open_server(settings.chroma_url, settings.chroma_timeout_s)


def _open(settings: Settings, client: Any) -> IndexHandle:
    where, name = _where(settings), corpus_name(settings.corpus_dir)
    stamp = manifests.stamp(settings, name, client)
    manifest = manifests.load(settings, name, client)
    if manifest is None:
        raise IndexNotFoundError(
            f"no index of the corpus {name!r} at {where} — run `assistant ingest`"
            + (
                ""
                if settings.corpus_dir == Settings.model_fields["corpus_dir"].default
                else f" --corpus {settings.corpus_dir}"
            )
        )
    if manifest.fingerprint != settings.index_fingerprint():
        raise IndexNotFoundError(
            f"the index of {name!r} at {where} was built with other embedding or chunking "
            "settings — run `assistant ingest` to build it for the current ones"
        )
    snap = None
    try:
        if client is None:  # a local store: read a private snapshot, never the live files
            snap = open_snapshot(settings.index_dir / "chroma", manifest.collection)
            client = snap.client
        collection = keep_alive(client.get_collection(manifest.collection), snap)
        count = collection.count()
    except (ConfigError, IndexUnavailableError):
        raise
    except Exception as exc:
        if snap is not None:
            snap.close()
        hint = (
            "check that the Chroma server is running"
            if settings.chroma_url
            else "run `assistant ingest --rebuild`"
        )
        raise IndexCorruptError(
            f"the index at {where} cannot be read ({type(exc).__name__}: {exc}) — {hint}"
        ) from exc
    if count != manifest.passage_count:
        if snap is not None:
            snap.close()
        raise IndexCorruptError(
            f"the index at {where} holds {count} passages but its manifest "
            f"lists {manifest.passage_count} — run `assistant ingest --rebuild`"
        )
    return IndexHandle(settings, manifest, client, collection, stamp, snap)


def ensure_index(settings: Settings, progress: ProgressFn | None = None) -> IndexHandle:
    """Open the index, building it first when it is missing or built for other settings."""
    try:
        return open_index(settings)
    except IndexNotFoundError:
        log.info("building the index of %s at %s", settings.corpus_dir, _where(settings))
        ingest(settings, progress=progress)
        return open_index(settings)


class IndexReader:
    """Keeps one corpus's current generation open and follows new ones between questions.

    ``handle()`` checks the manifest's stamp (a ``stat`` call, or one request to a server)
    and, when an ingest replaced it, opens the new generation. If the new one cannot be
    opened, the reader keeps answering from the old one (its snapshot is self-contained).
    """

    def __init__(
        self, settings: Settings, *, build: bool = False, progress: ProgressFn | None = None
    ) -> None:
        self.settings = settings
        self._build = build
        self._progress = progress
        self._lock = threading.Lock()
        self._handle: IndexHandle | None = None

    def handle(self) -> IndexHandle:
        with self._lock:
            if self._handle is None:
                self._handle = (
                    ensure_index(self.settings, self._progress)
                    if self._build
                    else open_index(self.settings)
                )
            elif not self._handle.is_current():
                self._switch()
            return self._handle

    def reopen(self) -> IndexHandle:
        """Open the current generation now (after its collection vanished mid-switch)."""
        with self._lock:
            self._handle = open_index(self.settings)
            return self._handle

    def _switch(self) -> None:
        try:
            new = open_index(self.settings)
        except AssistantError as exc:
            log.warning(
                "the index changed but the new generation cannot be opened (%s); "
                "still answering from generation %s",
                exc,
                self._handle.generation if self._handle else "?",
            )
            return
        log.info("switched to index generation %s", new.generation)
        self._handle = new

    @property
    def generation(self) -> str:
        return self.handle().generation


def list_corpora(settings: Settings) -> list[dict[str, Any]]:
    """Every corpus the index folder (or server) holds, for pickers and ``corpus --all``:
    name, title, subject, corpus_dir, documents, passages, problems, built_at, generation,
    current (built for the current settings)."""
    client = _server_client(settings)
    rows = []
    for m in manifests.load_all(settings, client):
        rows.append(
            {
                "name": m.corpus,
                "title": m.profile.get("title", ""),
                "subject": m.profile.get("subject", ""),
                "corpus_dir": m.corpus_dir,
                "documents": len(m.documents),
                "passages": m.passage_count,
                "problems": len(m.problems),
                "built_at": m.built_at,
                "generation": m.generation,
                "current": m.fingerprint == settings.index_fingerprint(),
            }
        )
    return rows


__all__ = [
    "IndexHandle",
    "IndexReadOnlyError",
    "IndexReader",
    "IngestReport",
    "Manifest",
    "corpus_name",
    "ensure_index",
    "ingest",
    "list_corpora",
    "open_index",
    "read_manifest",
]
