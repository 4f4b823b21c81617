"""A snapshot of cards.toml that opens fast: used only while cards.toml is exactly the file it was made from.

cards.toml stays the source of truth. An entry records the file's size, mtime and BLAKE2b hash, the Python
version and the code that reads states; anything that differs, or an entry that fails its checksum or does
not decode, is a miss and cards.toml is parsed as before. Entries are written beside the deck cache
(`<home>/cache/progress/`), never at import, and failing to write one is ignored.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from dataclasses import fields
from datetime import datetime
from pathlib import Path
from typing import Any

from quizapp import memory
from quizapp.files import packed
from quizapp.scheduling.scheduler import CardState

MAGIC = b"QZCARDS1\n"
_time = datetime.fromisoformat
_new = object.__new__
_set = object.__setattr__
_FIELDS = (
    "card_id",
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "suspended",
    "buried_until",
    "flag",
)
if tuple(f.name for f in fields(CardState)) != _FIELDS:  # _state() below spells the fields out, for speed
    raise ImportError("quizapp.progress.cache is out of date with CardState's fields")


def _code() -> str:
    h = hashlib.blake2b(repr(sys.version_info[:2]).encode(), digest_size=16)
    for mod in ("quizapp.scheduling.scheduler", "quizapp.progress.records", __name__):
        file = getattr(sys.modules.get(mod), "__file__", None)
        try:
            h.update(Path(file).read_bytes() if file else mod.encode())
        except OSError:
            h.update(b"?")
    return h.hexdigest()


def _state(
    card_id: str,
    state: int,
    step: int | None,
    stability: float | None,
    difficulty: float | None,
    due: str | None,
    last_review: str | None,
    suspended: bool,
    buried_until: str | None,
    flag: int,
) -> CardState:
    s = _new(CardState)
    _set(
        s,
        "__dict__",
        {  # the values were checked when cards.toml was read
            "card_id": card_id,
            "state": state,
            "step": step,
            "stability": stability,
            "difficulty": difficulty,
            "due": due and _time(due),
            "last_review": last_review and _time(last_review),
            "suspended": suspended,
            "buried_until": buried_until and _time(buried_until),
            "flag": flag,
        },
    )
    return s


def _row(s: CardState) -> tuple:
    """A state as plain values; times as ISO text, which datetime.fromisoformat reads back exactly, 5x faster than
    arithmetic on numbers."""
    d = s.__dict__
    due, last, buried = d["due"], d["last_review"], d["buried_until"]
    return (
        d["card_id"],
        d["state"],
        d["step"],
        d["stability"],
        d["difficulty"],
        due and due.isoformat(),
        last and last.isoformat(),
        d["suspended"],
        buried and buried.isoformat(),
        d["flag"],
    )


def pack(
    log_offset: object, log_seq: int, states: dict[str, CardState], pause: Callable[[], object] | None = None
) -> bytes:
    """The states (checked, times in UTC) and the log position they cover, as bytes `unpack` reads back. `pause`
    (see records.encode_cards) is called every 4096 states."""
    if pause is None:
        return marshal.dumps((log_offset, log_seq, tuple(map(_row, states.values()))))  # type: ignore[arg-type]
    values, rows = list(states.values()), list[tuple]()
    for i in range(0, len(values), 4096):
        rows += map(_row, values[i : i + 4096])
        pause()
    return marshal.dumps((log_offset, log_seq, tuple(rows)))  # type: ignore[arg-type]


def unpack(payload: bytes | memoryview) -> tuple[Any, int, dict[str, CardState]]:
    """(log_offset, log_seq, states) from `pack`'s bytes: every object new, built with the cyclic GC off."""
    with memory.gc_held():  # 100,000 states make no cycles: the cyclic GC would only slow this down
        offset, seq, rows = marshal.loads(payload)
        return offset, seq, {row[0]: _state(*row) for row in rows}


class ProgressCache:
    """Snapshots of one learner's cards.toml, kept in `folder`."""

    def __init__(self, folder: Path, learner: str):
        self.entry = folder / (hashlib.blake2b(learner.encode(), digest_size=16).hexdigest() + ".marshal")
        self._code: str | None = None

    def key(self, raw: bytes, st: os.stat_result) -> dict:
        if self._code is None:
            self._code = _code()
        return {
            "code": self._code,
            "size": st.st_size,
            "mtime_ns": st.st_mtime_ns,
            "blake2b": hashlib.blake2b(raw).hexdigest(),
        }

    def get(self, key: dict) -> tuple[Any, int, dict[str, CardState]] | None:
        """(log_offset, log_seq, states) of the cards.toml `key` describes, or None."""
        entry = packed.read_entry(self.entry, MAGIC)
        if entry is None or entry[0].get("key") != key:
            return None
        try:
            return unpack(entry[1])
        except Exception:  # damaged or foreign: a miss, never an error
            return None

    def damaged(self) -> bool:
        """True if an entry is there but fails its checksum (a miss anyway; `learner check` reports it)."""
        return self.entry.exists() and packed.read_entry(self.entry, MAGIC) is None

    def put(self, key: dict, payload: bytes) -> None:
        """Store `payload` (see `pack`): the states read from, or just written to, the cards.toml `key` describes."""
        packed.write_entry(self.entry, MAGIC, {"key": key}, payload)
