"""Durable file writes: atomic replace and fsynced append."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@functools.cache
def _default_mode() -> int:
    """0666 less the umask (read once: os.umask can only be read by setting it)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _mode_for(path: Path) -> int:
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        return _default_mode()


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to a temp file beside `path`, fsync it, and rename it over `path`."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; keep the old file's mode, or the usual one
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)


def open_log(path: Path) -> int:
    """Open `path` for appending and return the fd; a newly created file is made durable in its folder too."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        if os.fstat(fd).st_size == 0:  # possibly just created: make its directory entry durable
            os.fsync(fd)
            fsync_dir(path.parent)
    except BaseException:
        os.close(fd)
        raise
    return fd


def still_open(path: Path, fd: int) -> bool:
    """True if `fd` is still the file at `path` (not deleted or replaced since it was opened)."""
    try:
        st, fst = os.stat(path), os.fstat(fd)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == (fst.st_dev, fst.st_ino)


def durable_append(path: Path, data: bytes, fd: int | None = None) -> int:
    """Append `data` and flush it to disk before returning; on failure cut the file back so no partial record
    remains. Returns the new size. With `fd` (from open_log) the file is not reopened; else it is opened and closed.

    fdatasync is enough for an append: it flushes the data and the new file size, skipping only the mtime.
    """
    own = fd is None
    if fd is None:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        before = os.fstat(fd).st_size
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            _datasync(fd)
        except OSError:
            try:
                os.ftruncate(fd, before)
            except OSError:
                pass
            raise
        return before + len(data)
    finally:
        if own:
            os.close(fd)


def _datasync(fd: int) -> None:
    sync = getattr(os, "fdatasync", None)  # absent on macOS and Windows
    (sync or os.fsync)(fd)
