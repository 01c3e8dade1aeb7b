"""Private snapshots of a local Chroma store, so that reading an index writes nothing.

This module owns the *snapshot*: a consistent copy of the store's SQLite file (made through
SQLite's backup API from a read-only connection) plus the segment folders of the one
collection read, in a temporary directory, opened there. So asking a question changes
nothing on disk, a read-only index answers questions, and a reader keeps working while
another process replaces the generation it reads. Snapshots are removed when closed or
garbage-collected, and ones left by killed processes are swept on the next open.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.store import (
    SQLITE_FILE,
    chroma_settings,
    close_client,
    read_only_db,
    segment_dirs,
    segment_ids,
)

SNAPSHOT_PREFIX = "assistant-index-"


@dataclass
class Snapshot:
    """A private copy of a local store, opened; removed when closed or garbage-collected."""

    path: Path
    client: Any
    _finalizer: Any = field(default=None, repr=False)

    def close(self) -> None:
        if self._finalizer is not None:
            self._finalizer()


def keep_alive(collection: Any, snapshot: Snapshot | None) -> Any:
    """Tie a snapshot's lifetime to a collection read from it: the copy is removed only
    when neither the handle nor the collection is in use."""
    if snapshot is not None:
        collection._assistant_snapshot = snapshot
    return collection


def _sweep_snapshots() -> None:
    """Remove snapshots left by processes that were killed before they could clean up."""
    for folder in Path(tempfile.gettempdir()).glob(f"{SNAPSHOT_PREFIX}*-*"):
        pid = folder.name[len(SNAPSHOT_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue  # alive, or another user's


def _discard(client: Any, path: Path) -> None:
    close_client(client)
    shutil.rmtree(path, ignore_errors=True)


def open_snapshot(store: Path, collection: str | None = None) -> Snapshot:
    """Copy the live store (the SQLite file and the segment folders of ``collection``, or
    all when unknown) to a temporary directory and open the copy.

    The live store is only read: SQLite's backup API copies a consistent state from a
    read-only connection, so a concurrent ingest cannot hand us a half-written file.
    """
    import chromadb

    if not (store / SQLITE_FILE).is_file():
        raise FileNotFoundError(f"no {SQLITE_FILE} in {store}")
    _sweep_snapshots()
    target = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOT_PREFIX}{os.getpid()}-"))
    try:
        with (
            contextlib.closing(read_only_db(store)) as src,
            contextlib.closing(sqlite3.connect(target / SQLITE_FILE)) as dst,
        ):
            src.backup(dst)
        wanted = segment_ids(target, collection) if collection else None
        for folder in segment_dirs(store):
            if wanted is None or folder.name in wanted:
                shutil.copytree(folder, target / folder.name)
        client = chromadb.PersistentClient(path=str(target), settings=chroma_settings())
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    snap = Snapshot(target, client)
    snap._finalizer = weakref.finalize(snap, _discard, client, target)
    return snap


__all__ = ["Snapshot", "keep_alive", "open_snapshot"]
