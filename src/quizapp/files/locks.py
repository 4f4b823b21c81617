"""An exclusive, non-blocking lock on a file that the OS releases when the process dies."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from quizapp.files.atomic import open_nofollow


def try_lock(path: Path, note: str = "") -> int | None:
    """Open and lock `path`; return its fd (keep it open to hold the lock), or None if another process holds it.

    On success `note` (e.g. the pid) is written into the file so a refused process can say who holds it.
    A symbolic link at `path` is never followed: OSError(ELOOP) is raised instead.
    """
    fd = open_nofollow(path, os.O_RDWR | os.O_CREAT)
    try:
        _lock(fd)
    except OSError:
        os.close(fd)
        return None
    if note:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, note.encode("utf-8"))
    return fd


def holder(path: Path) -> str:
    """What the process holding the lock wrote into it, or '' if it cannot be read."""
    try:
        with os.fdopen(open_nofollow(path, os.O_RDONLY), "rb") as f:
            return f.read(200).decode("utf-8", "replace").strip()
    except OSError:
        return ""


def _lock(fd: int) -> None:
    if sys.platform == "win32":  # lock a byte far past the note, so the note stays readable
        import msvcrt

        os.lseek(fd, 1 << 20, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        os.lseek(fd, 0, os.SEEK_SET)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
