"""Opening the index for an ingest: refuse early when it cannot be written, one at a time.

This module owns the write side of opening a store for ``assistant.ingest``: the check that
the index folder and its files are writable (so a refusal moves nothing), the lock file
that makes a second ingest of the same folder wait, and setting a damaged store aside on
``--rebuild``. A store that cannot be written is never taken for a damaged one.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assistant import store
from assistant.config import Settings
from assistant.errors import IndexCorruptError, IndexReadOnlyError

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

log = logging.getLogger(__name__)


def _read_only(index_dir: Path, why: str) -> IndexReadOnlyError:
    return IndexReadOnlyError(
        f"the index at {index_dir} cannot be written ({why}) — make it writable "
        f"(chmod -R u+w {index_dir}) or set ASSISTANT_INDEX_DIR to a writable folder; "
        "asking questions still works"
    )


def check_writable(index_dir: Path) -> None:
    """Refuse early, moving nothing, when the index folder or its files cannot be written."""
    folders = [
        index_dir,
        *(p for p in [*index_dir.glob("*"), *index_dir.glob("corpora/*")] if p.is_dir()),
    ]
    files = [index_dir / "chroma" / store.SQLITE_FILE, *index_dir.glob("corpora/*/manifest.json")]
    for folder in folders:
        if (folder.exists() or folder == index_dir) and not store.writable(folder):
            raise _read_only(index_dir, f"{folder} is not writable")
    for file in files:
        if file.exists() and not os.access(file, os.W_OK):
            raise _read_only(index_dir, f"{file} is not writable")


@contextlib.contextmanager
def open_for_writing(settings: Settings, rebuild: bool) -> Iterator[ClientAPI]:
    """The live store for an ingest, one ingest at a time per folder; closed afterwards."""
    if settings.chroma_url:
        yield store.open_server(settings.chroma_url, settings.chroma_timeout_s)
        return
    index_dir = Path(settings.index_dir)
    check_writable(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".ingest.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second ingest waits for the first
        client = _open_for_ingest(index_dir / "chroma", rebuild)
        try:
            yield client
        finally:
            store.close_client(client)


def _open_for_ingest(path: Path, rebuild: bool) -> ClientAPI:
    """Open the live store; with --rebuild, a damaged store is set aside and started anew.
    A store that cannot be written is never taken for a damaged one."""
    try:
        return store.open_local(path)
    except Exception as exc:
        if store.is_read_only(exc):
            raise _read_only(path.parent, str(exc).splitlines()[0]) from exc
        if not rebuild:
            raise IndexCorruptError(
                f"cannot open the index at {path} ({type(exc).__name__}: {exc}) — "
                "run `assistant ingest --rebuild`"
            ) from exc
        aside = path.with_name(f"chroma.broken-{datetime.now(UTC):%Y%m%dT%H%M%S}")
        log.warning("the store at %s is damaged (%s); moved to %s, building anew", path, exc, aside)
        path.rename(aside)
        store.forget_cached_system(path)
        return store.open_local(path)


__all__ = ["check_writable", "open_for_writing"]
