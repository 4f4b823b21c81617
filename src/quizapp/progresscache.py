"""A snapshot of cards.toml that opens fast: used only while cards.toml is exactly the file it was made from.

cards.toml stays the source of truth. An entry records the file's size, mtime and BLAKE2b hash, the Python
version and the code that reads states; anything that differs, or an entry that fails its checksum or does
not decode, is a miss and cards.toml is parsed as before. Entries are written beside the deck cache
(`<home>/cache/progress/`), never at import, and failing to write one is ignored.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys
import tempfile
import zlib
from dataclasses import fields
from datetime import datetime, timedelta, timezone
from pathlib import Path

from quizapp.scheduler import CardState

MAGIC = b"QZCARDS1\n"
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_US = timedelta(microseconds=1)
_new = object.__new__
_set = object.__setattr__
_FIELDS = tuple(f.name for f in fields(CardState))
_TIMES = tuple(i for i, name in enumerate(_FIELDS) if name in ("due", "last_review", "buried_until"))


def _code() -> str:
    h = hashlib.blake2b(repr(sys.version_info[:2]).encode(), digest_size=16)
    for mod in ("quizapp.scheduler", "quizapp.storage", __name__):
        file = getattr(sys.modules.get(mod), "__file__", None)
        try:
            h.update(Path(file).read_bytes() if file else mod.encode())
        except OSError:
            h.update(b"?")
    return h.hexdigest()


def _micros(t: datetime | None) -> int | None:
    return None if t is None else (t - _EPOCH) // _US


class ProgressCache:
    """Snapshots of one learner's cards.toml, kept in `folder`."""

    def __init__(self, folder: Path, learner: str):
        self.entry = folder / (hashlib.blake2b(learner.encode(), digest_size=16).hexdigest() + ".marshal")
        self._code: str | None = None

    def key(self, raw: bytes, st: os.stat_result) -> dict:
        if self._code is None:
            self._code = _code()
        return {"code": self._code, "size": st.st_size, "mtime_ns": st.st_mtime_ns,
                "blake2b": hashlib.blake2b(raw).hexdigest()}

    def get(self, key: dict) -> tuple[int, int, dict[str, CardState]] | None:
        """(log_offset, log_seq, states) of the cards.toml `key` describes, or None."""
        try:
            data = self.entry.read_bytes()
            if not data.startswith(MAGIC):
                return None
            head_end = data.index(b"\n", len(MAGIC))
            header = json.loads(data[len(MAGIC):head_end])
            payload = memoryview(data)[head_end + 1:]
            if not isinstance(header, dict) or header.get("key") != key or header.get("crc32") != zlib.crc32(payload):
                return None
            offset, seq, rows = marshal.loads(payload)
            return offset, seq, {row[0]: self._state(row) for row in rows}
        except Exception:  # unreadable, damaged or foreign: a miss, never an error
            return None

    @staticmethod
    def _state(row: tuple) -> CardState:
        values = dict(zip(_FIELDS, row, strict=True))
        for i in _TIMES:
            if row[i] is not None:
                values[_FIELDS[i]] = _EPOCH + timedelta(microseconds=row[i])
        s = _new(CardState)
        _set(s, "__dict__", values)  # the values were checked when cards.toml was read
        return s

    def put(self, key: dict, log_offset: int, log_seq: int, states: dict[str, CardState]) -> None:
        """Store the states read from (or just written to) the cards.toml `key` describes."""
        rows = tuple(tuple(_micros(v) if i in _TIMES else v for i, v in enumerate(s.__dict__[f] for f in _FIELDS))
                     for s in states.values())
        payload = marshal.dumps((log_offset, log_seq, rows))
        header = json.dumps({"key": key, "crc32": zlib.crc32(payload)}).encode()
        try:
            self.entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".cards.", suffix=".tmp", dir=self.entry.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(MAGIC + header + b"\n" + payload)
            os.replace(tmp, self.entry)  # no fsync: a torn entry fails its checksum and is a miss
        except OSError:
            try:
                os.unlink(tmp)
            except OSError:
                pass
