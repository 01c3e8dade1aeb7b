"""Commands run as another user. Root ignores permission bits, so tests that need a reader
without write access run it as ``nobody`` (``setpriv``); that user must be able to reach the
project, its virtual environment and the test modules."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def as_nobody(argv: list[str]) -> list[str]:
    """``argv`` run as ``nobody`` when this process is root; unchanged otherwise."""
    if os.geteuid() == 0:
        return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *argv]
    return argv


@contextmanager
def project_reachable_by_others() -> Iterator[None]:
    """For the duration, let other users list the project folder and pass through every
    folder above it and above the virtual environment (a checkout in a private folder, such
    as ``mktemp -d``'s 0700, is otherwise closed to ``nobody``); the modes are put back after.
    A no-op when not root, as then the command runs as this user."""
    if os.geteuid() != 0:
        yield
        return
    wanted = {PROJECT_ROOT: stat.S_IROTH | stat.S_IXOTH}
    for top in (PROJECT_ROOT, Path(sys.prefix).resolve()):
        for folder in [top, *top.parents]:
            wanted[folder] = wanted.get(folder, 0) | stat.S_IXOTH
    modes = {folder: stat.S_IMODE(folder.stat().st_mode) for folder in wanted}
    changed = {f: m for f, m in modes.items() if m & wanted[f] != wanted[f]}
    try:
        for folder, mode in changed.items():
            folder.chmod(mode | wanted[folder])
        yield
    finally:
        for folder, mode in changed.items():
            folder.chmod(mode)
