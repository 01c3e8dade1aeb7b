"""The Chroma store: opening clients, segment folders, and every private chromadb call.

Why a module of its own: chromadb has no read-only mode (opening a local store rewrites its
SQLite file, and loading a collection rewrites its HNSW files), no timeout for its HTTP
client, and no public way to list a collection's segment folders. The few places where this
package reaches past chromadb's public API live here, each behind :func:`knows_internals`
(the chromadb major versions whose internals were checked) with a fallback that keeps
working, only less tidily, on a version that changed them.

Read paths never open the live local store: they open a private snapshot of it
(``assistant.snapshot``), made from the read-only connection and segment folders here.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import shutil
import sqlite3
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import (
    ConfigError,
    IndexUnavailableError,
)

if TYPE_CHECKING:
    from chromadb.api import ClientAPI


log = logging.getLogger(__name__)

KNOWN_MAJORS = (1,)  # chromadb major versions whose internals this module was checked against
SQLITE_FILE = "chroma.sqlite3"
_SEGMENT_DIR = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def chroma_version() -> tuple[int, ...]:
    """The installed chromadb version as numbers, (0,) when it cannot be read."""
    import chromadb

    parts = re.findall(r"\d+", getattr(chromadb, "__version__", "0"))
    return tuple(int(p) for p in parts[:3]) or (0,)


def knows_internals() -> bool:
    """Whether the private chromadb pieces used here were checked for this version."""
    return chroma_version()[0] in KNOWN_MAJORS


def chroma_settings() -> Any:
    """Client settings: no telemetry (set here, never through environment variables)."""
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def collection_names(client: ClientAPI) -> list[str]:
    """Names of every collection (chromadb 0.5 returned objects, 1.x returns names)."""
    return [c if isinstance(c, str) else c.name for c in client.list_collections()]


def close_client(client: Any) -> None:
    """Release a client's resources (chromadb >= 1.x has ``close``)."""
    closer = getattr(client, "close", None)
    if callable(closer):
        try:
            closer()
        except Exception as exc:  # closing is best effort
            log.debug("closing a Chroma client failed: %s", exc)


def forget_cached_system(path: Path) -> None:
    """Drop chromadb's in-process cache entry for a store path (one System per path).

    Needed after a damaged store was moved aside: the next client for the same path must
    start anew instead of reusing the broken one.
    """
    if not knows_internals():  # pragma: no cover - depends on the installed chromadb
        log.warning(
            "chromadb %s: cannot drop its cached store; restart to reopen %s",
            chroma_version(),
            path,
        )
        return
    from chromadb.api.shared_system_client import SharedSystemClient

    system = SharedSystemClient._identifier_to_system.pop(str(path), None)
    SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    if system is not None:
        with contextlib.suppress(Exception):
            system.stop()


# --------------------------------------------------------------------------- errors


def is_not_found(exc: BaseException) -> bool:
    """A collection that vanished (another process replaced the generation)."""
    try:
        from chromadb.errors import NotFoundError
    except ImportError:  # pragma: no cover - older chromadb
        NotFoundError = ()  # type: ignore[assignment]
    text = str(exc).lower()
    return isinstance(exc, NotFoundError) or ("does not exist" in text and "collection" in text)


def is_read_only(exc: BaseException) -> bool:
    """The store cannot be written (permissions, read-only mount): never "corrupt"."""
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return True
    text = str(exc).lower()
    return (
        "readonly database" in text
        or "read-only file system" in text
        or ("permission denied" in text)
    )


def writable(directory: Path) -> bool:
    """Whether files can be created in ``directory`` (or, when missing, in its parent).

    A probe file, not ``os.access``: root passes every permission check, but a read-only
    mount refuses root too, and the probe sees both the same way a real write would.
    """
    target = Path(directory)
    while not target.exists():
        if target.parent == target:
            return False
        target = target.parent
    probe = target / f".write-probe-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        probe.touch(exist_ok=False)
    except OSError:
        return False
    probe.unlink(missing_ok=True)
    return True


# --------------------------------------------------------------------------- clients


def open_local(path: Path) -> ClientAPI:
    """A client on the live local store (for ingest: it writes)."""
    import chromadb

    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings())


def open_server(url: str, timeout_s: float) -> ClientAPI:
    """A client of a Chroma server, checked with a bounded heartbeat first."""
    from urllib.parse import urlparse

    import chromadb

    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigError(f"ASSISTANT_CHROMA_URL={url!r} must look like http://host:port")
    _check_server(url, timeout_s)
    client = chromadb.HttpClient(
        host=parsed.hostname,
        port=parsed.port or (443 if parsed.scheme == "https" else 8000),
        ssl=parsed.scheme == "https",
        settings=chroma_settings(),
    )
    _bound_http_timeout(client, timeout_s)
    return client


def _check_server(url: str, seconds: float) -> None:
    """Fail fast when the server is down or frozen: the client's first requests have no
    timeout of their own."""
    import httpx

    try:
        httpx.get(f"{url.rstrip('/')}/api/v2/heartbeat", timeout=seconds).raise_for_status()
    except httpx.HTTPError as exc:
        raise IndexUnavailableError(
            f"the Chroma server at {url} does not answer ({type(exc).__name__}: {exc}) — "
            "start it (`chroma run --path DIR --port PORT`) or unset ASSISTANT_CHROMA_URL"
        ) from exc


def _bound_http_timeout(client: ClientAPI, seconds: float) -> None:
    """Give the HTTP client a timeout: chromadb 1.x creates its httpx client with none, so
    a server that accepts connections but never answers would hang a question forever."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if knows_internals() and isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(seconds)
    else:  # pragma: no cover - depends on the installed chromadb
        log.warning(
            "chromadb %s: could not bound the Chroma HTTP client's timeout; a frozen "
            "server may hang a question",
            chroma_version(),
        )


# --------------------------------------------------------------------------- segments


def read_only_db(store: Path) -> sqlite3.Connection:
    """A read-only connection: it takes a shared lock and writes nothing (journal mode is
    'delete', so no -wal/-shm files are created)."""
    uri = f"{(store / SQLITE_FILE).resolve().as_uri()}?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=30)


def segment_ids(store: Path, collection: str | None = None) -> set[str] | None:
    """Segment ids in use (of one collection, or of all); None when chromadb's schema is not
    one this module knows (the caller then keeps every folder)."""
    if not knows_internals():  # pragma: no cover - depends on the installed chromadb
        return None
    try:
        with contextlib.closing(read_only_db(store)) as db:
            if collection is None:
                rows = db.execute("SELECT id FROM segments").fetchall()
            else:
                rows = db.execute(
                    "SELECT s.id FROM segments s JOIN collections c ON s.collection = c.id "
                    "WHERE c.name = ?",
                    (collection,),
                ).fetchall()
    except sqlite3.Error as exc:
        log.warning("could not read the segment table of %s: %s", store, exc)
        return None
    return {str(r[0]) for r in rows}


def segment_dirs(store: Path) -> list[Path]:
    """The per-segment folders (named by segment id) under a local store."""
    if not store.is_dir():
        return []
    return [p for p in store.iterdir() if p.is_dir() and _SEGMENT_DIR.match(p.name)]


def remove_unused_segments(store: Path) -> list[str]:
    """Delete segment folders that no collection uses; returns the names removed.

    The folders are listed *before* the segment table is read: a collection created in the
    meantime is in the table before its folder exists, so its folder is never taken.
    """
    folders = segment_dirs(store)
    in_use = segment_ids(store)
    if in_use is None:
        return []
    removed = []
    for folder in folders:
        if folder.name not in in_use:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    if removed:
        log.info("removed %d unused segment folder(s) from %s", len(removed), store)
    return removed


__all__ = [
    "chroma_settings",
    "chroma_version",
    "close_client",
    "collection_names",
    "forget_cached_system",
    "is_not_found",
    "is_read_only",
    "knows_internals",
    "open_local",
    "open_server",
    "read_only_db",
    "remove_unused_segments",
    "segment_dirs",
    "segment_ids",
    "writable",
]
