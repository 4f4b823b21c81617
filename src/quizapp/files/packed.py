"""Cache entries: `MAGIC`, a JSON header line (with the payload's CRC-32), then the payload bytes.

The deck cache and the progress cache both store entries this way. An entry is only a shortcut: reading one that is
missing, torn, damaged or of another format gives None, and failing to write one is ignored. Entries are written to
a temp file and renamed into place without fsync (a torn entry fails its checksum and is a miss)."""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from quizapp.files.atomic import temp_prefix


def read_entry(path: Path, magic: bytes) -> tuple[dict, memoryview] | None:
    """(header, payload) of the entry at `path` when it starts with `magic` and its payload passes its CRC-32."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(magic):
        return None
    head_end = data.find(b"\n", len(magic))
    try:
        header = json.loads(data[len(magic) : head_end])
    except ValueError:
        return None
    payload = memoryview(data)[head_end + 1 :]
    if not isinstance(header, dict) or header.get("crc32") != zlib.crc32(payload):
        return None
    return header, payload


def write_entry(path: Path, magic: bytes, header: dict, payload: bytes) -> bool:
    """Store `payload` with `header` (its CRC-32 is added) at `path`; False if it could not be written."""
    line = json.dumps({**header, "crc32": zlib.crc32(payload)}).encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # here, not at import (see files.atomic.atomic_write)

        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(magic + line + b"\n")
            f.write(payload)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
    return True


def read_header(path: Path, magic: bytes) -> dict | None:
    """Only the header of the entry at `path` (its payload is not read or checked), or None."""
    try:
        with path.open("rb") as f:
            if f.readline(64 * 1024) != magic:
                return None
            header = json.loads(f.readline(64 * 1024))
    except (OSError, ValueError):
        return None
    return header if isinstance(header, dict) else None
