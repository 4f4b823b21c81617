"""Durable file writes: atomic replace and fsynced append, never through a symbolic link."""

from __future__ import annotations

import errno
import functools
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

# O_NOFOLLOW makes open() fail (ELOOP) on a symbolic link; where it is missing (Windows) refuse_link checks first.
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# `.<name>.<pid>.<random>.tmp`: the pid of the writer, so a later open can tell a crashed write from a live one.
_TEMP = re.compile(r"^\.(?P<name>.+?)\.(?:(?P<pid>\d+)\.)?[A-Za-z0-9_]{6,}\.tmp$")


def refuse_link(path: Path) -> None:
    """Raise OSError(ELOOP) if `path` is a symbolic link (or, on Windows, a junction)."""
    if os.path.islink(path) or (sys.platform == "win32" and _is_junction(path)):
        raise OSError(errno.ELOOP, "is a symbolic link; quizapp does not write through links", str(path))


def _is_junction(path: Path) -> bool:
    check = getattr(os.path, "isjunction", None)  # Python 3.12+
    return bool(check and check(path))


def open_nofollow(path: Path, flags: int, mode: int = 0o644) -> int:
    """os.open that refuses a symbolic link at `path` (O_NOFOLLOW where the OS has it, a check before where not)."""
    if not NOFOLLOW:
        refuse_link(path)
    return os.open(path, flags | NOFOLLOW, mode)


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
        return os.stat(path, follow_symlinks=False).st_mode & 0o777
    except OSError:
        return _default_mode()


def temp_prefix(path: Path) -> str:
    """The prefix of a temporary file beside `path` (see _TEMP): the writer's pid lets sweep_temp_files judge it."""
    return f".{path.name}.{os.getpid()}."


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `data` to a temp file beside `path`, fsync it, and rename it over `path`.

    The temp file is created new (O_EXCL), and a rename replaces a link at `path` rather than writing through it,
    so nothing outside `path`'s folder is ever written. With `mode` (e.g. 0o600 for secrets) the file gets exactly
    that mode, and it never has a wider one on the way; without, it keeps the old file's mode or the usual one."""
    import tempfile  # here, not at import: with shutil, bz2 and lzma 2 ms of every launch, which writes nothing

    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(path) if mode is None else mode)  # mkstemp makes 0600: the old file's mode, or usual
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)


def sweep_temp_files(
    folder: Path,
    *,
    locked: bool,
    max_age: float = 3600.0,
    now: float | None = None,
    names: Callable[[str], bool] | None = None,
    min_age: float = 0.0,
) -> list[Path]:
    """Delete temporary files that interrupted atomic writes left in `folder`; returns what was deleted.

    A temp file is left behind when its writer was killed between creating it and renaming it. One is swept when
    its writer (the pid in its name) is no longer running; one without a pid (an older quizapp) or whose pid this
    OS cannot check, when `locked` (the caller holds the folder's lock, so no one else writes there) or when it is
    older than `max_age` seconds. The caller's own temp files are never touched. `names` keeps only temp files of
    the files it accepts (by name); `min_age` spares any younger than that many seconds (a folder other machines
    also write in, where a pid says nothing)."""
    gone: list[Path] = []
    try:
        listed = os.listdir(folder)
    except OSError:
        return gone
    now = time.time() if now is None else now
    for name in listed:
        m = _TEMP.match(name)
        if not m or (names is not None and not names(m["name"])):
            continue
        entry = folder / name
        try:
            st = os.lstat(entry)
            pid = int(m["pid"]) if m["pid"] else None
            if pid == os.getpid() or now - st.st_mtime < min_age:
                continue
            alive = _alive(pid) if pid is not None else None
            if alive is False or (alive is None and (locked or now - st.st_mtime > max_age)):
                os.unlink(entry)
                gone.append(entry)
        except (OSError, OverflowError):
            continue
    return gone


def _alive(pid: int) -> bool | None:
    """Whether process `pid` runs on this machine; None where that cannot be asked safely (Windows)."""
    if sys.platform == "win32":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    except (OSError, OverflowError):
        return None
    return True


def open_log(path: Path) -> int:
    """Open `path` for appending and return the fd; a newly created file is made durable in its folder too. The fd
    reads too: should the file be replaced while open, what it held can still be read from it."""
    fd = open_nofollow(path, os.O_RDWR | os.O_APPEND | os.O_CREAT)
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
        st, fst = os.stat(path, follow_symlinks=False), os.fstat(fd)
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
        fd = open_nofollow(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
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


def truncate_durably(path: Path, size: int) -> None:
    """Cut `path` (never a link) to `size` bytes and flush it."""
    fd = open_nofollow(path, os.O_RDWR)
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    finally:
        os.close(fd)


def read_nofollow(path: Path) -> bytes:
    """The bytes of `path`; OSError(ELOOP) if it is a link."""
    fd = open_nofollow(path, os.O_RDONLY)
    with os.fdopen(fd, "rb") as f:
        return f.read()


def _datasync(fd: int) -> None:
    sync = getattr(os, "fdatasync", None)  # absent on macOS and Windows
    (sync or os.fsync)(fd)
