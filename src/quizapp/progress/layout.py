"""A learner's folder shared by several devices (issue 20): whose file is whose, and how their logs merge.

Each device writes only its own files: `events-<device>.log` (its log), `cards-<device>.toml` (its snapshot of the
merged states, never read by another device) and `lock-<device>`. Every other event log in the folder (other
devices' logs, the `events.log` of an older quizapp, copies a sync tool set aside) is only read, up to its last
whole record, and read again from there next time. A card's state is that of its last event in (time, device,
seq) order, whatever order the records arrive in, so every device that has read the same records shows the same
state. Settings changes are events too ("settings"): per setting the latest wins, the device breaking ties.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from datetime import timezone
from pathlib import Path

from quizapp.errors import CorruptFile
from quizapp.files.atomic import open_nofollow
from quizapp.progress.keys import LOW, Key, Packed, greatest
from quizapp.progress.keys import pack as pack_keys
from quizapp.progress.keys import unpack as unpack_keys
from quizapp.progress.log import CRC_LINE_SIZE, record_ends_at, salvage, scan
from quizapp.progress.profile import Settings
from quizapp.progress.records import Event
from quizapp.scheduling.scheduler import CardState

LEGACY_LOG, LEGACY_CARDS, LEGACY_LOCK = "events.log", "cards.toml", "lock"
SETTINGS_CARD = "settings"  # the card id a "settings" event is filed under (it changes no card)
NO_STATE_CHANGE = {"practice", "parameters", "settings"}  # logged for stats or the record; no card state changes


def own_log(device: str) -> str:
    return f"events-{device}.log"


def is_written_log(name: str, device: str) -> bool:
    """Whether `name` is a log this device writes or repairs: its own, or an older quizapp's events.log (another
    device's log and a sync-conflict copy are only read, never repaired here)."""
    return name in (own_log(device), LEGACY_LOG)


def own_cards(device: str) -> str:
    return f"cards-{device}.toml"


def own_lock(device: str) -> str:
    return f"lock-{device}"


def key_of(e: Event) -> Key:
    at = e.at if e.at.tzinfo is timezone.utc else e.at.astimezone(timezone.utc)
    return (at.isoformat(timespec="microseconds"), e.device or "", e.seq)


@dataclass
class Merge:
    """The merged states and the (time, device, seq) of the event each comes from; settings changes by key."""

    states: dict[str, CardState] = field(default_factory=dict)
    keys: dict[str, Key] = field(default_factory=dict)  # keys decoded or set since the snapshot
    packed: str = ""  # the snapshot's packed keys, not decoded yet (progress.keys)
    high: Key = LOW  # the greatest key of any card
    settings: dict[str, tuple[Key, object]] = field(default_factory=dict)

    def apply(self, e: Event) -> None:
        k = key_of(e)
        if e.type == "settings" and e.settings:
            for name, value in e.settings.items():
                old = self.settings.get(name)
                if old is None or k >= old[0]:
                    self.settings[name] = (k, value)
        if e.type in NO_STATE_CHANGE:
            return
        if k >= self.high:  # newer than every card's key (the common case): no key needs decoding
            self.high = k
        elif k < self.key(e.card):
            return
        self.states[e.card] = e.state
        self.keys[e.card] = k

    def load_keys(self, keys: dict[str, Key], packed: Packed) -> None:
        """Take a snapshot's keys: those written per card, and the packed rest, decoded only when needed."""
        self.keys.update(keys)
        self.packed = packed[0]
        self.high = greatest(self.keys, max(self.high, packed[1]))

    def key(self, card: str) -> Key:
        """The key of the event `card`'s state comes from (LOW if none)."""
        return self.all_keys().get(card, LOW)

    def all_keys(self) -> dict[str, Key]:
        if self.packed:
            decoded = unpack_keys(self.packed)
            decoded.update(self.keys)  # keys set since the snapshot win
            self.keys, self.packed = decoded, ""
        return self.keys

    def packed_keys(self) -> tuple[Packed, dict[str, Key]]:
        """Every key as a snapshot holds them (progress.keys.pack), without decoding what is still packed."""
        if self.keys or not self.packed:
            return pack_keys(self.all_keys())
        return (self.packed, self.high), {}

    def settings_over(self, base: Settings) -> Settings:
        """`base` (profile.toml's) with every logged change applied, the latest of each."""
        if not self.settings:
            return base
        values = settings_values(base)
        values.update({name: value for name, (_, value) in self.settings.items() if name in values})
        try:
            return Settings.from_dict(values)
        except ValueError:
            return base  # a change an older or newer quizapp cannot take: the file's settings stand


def settings_values(s: Settings) -> dict[str, object]:
    """Every setting as a value a log record holds (tuples as lists)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(s).items()}


def settings_changes(old: Settings, new: Settings) -> dict[str, object]:
    """The settings that differ, as values a log record holds."""
    a, b = settings_values(old), settings_values(new)
    return {k: v for k, v in b.items() if a.get(k) != v}


def snapshot_problem(cards: Path, log: Path, offset: int, size: int | None) -> CorruptFile | None:
    """What is wrong when a snapshot no longer fits the log it covers `offset` bytes of (None when it fits)."""
    if offset and size is None:
        return CorruptFile(
            log, None, f"it is missing, but {cards.name} includes {offset} bytes of it (reviews may be lost)"
        )
    if offset > (size or 0):
        return CorruptFile(
            log,
            None,
            f"it has {size} bytes, but {cards.name} includes {offset}: it was cut short, or replaced by an older "
            "copy (by a sync tool or a backup restore?)",
        )
    if not record_ends_at(log, offset):
        return CorruptFile(cards, None, f"log_offset {offset} is not the end of a record in {log.name}")
    return None


def older_copy(problem: CorruptFile, cards: Path, log: Path, covered: int, newest: dict[Path, int]) -> str:
    """This device's log does not fit its snapshot (`problem`), which covers its records up to number `covered`:
    the warning to give when a newer copy of the log is in the folder (`newest`: the highest number of this
    device's records in each log), so the log is an older copy, read from its start (the merge counts nothing
    twice). Else CorruptFile, saying which of this device's records are in no log here."""
    elsewhere = {p: n for p, n in newest.items() if p.name != log.name}
    where = max(elsewhere, key=lambda p: (elsewhere[p], p.name), default=None)
    if where is None or elsewhere[where] < covered:
        last = max(newest.values(), default=0)
        raise CorruptFile(
            problem.path,
            problem.line,
            f"{problem.detail}. This device's records after number {last} (up to {covered}) are in no log here; "
            f"Recover keeps every card state {cards.name} holds",
        )
    return (
        f"{log.name} is an older copy than {cards.name} covers (a sync tool or a backup restore put it there); the "
        f"newer one is {where.name}, so nothing is lost"
    )


def crc_before(path: Path, offset: int) -> str | None:
    """The CRC (hex) of the record that ends at `offset` of the file, or None if none ends there."""
    if offset < CRC_LINE_SIZE:
        return None
    try:
        with os.fdopen(open_nofollow(path, os.O_RDONLY), "rb") as f:
            f.seek(offset - CRC_LINE_SIZE)
            line = f.read(CRC_LINE_SIZE)
    except OSError:
        return None
    if len(line) == CRC_LINE_SIZE and line.startswith(b'crc = "') and line.endswith(b'"\n'):
        return line[7:15].decode("ascii", "replace")
    return None


def read_foreign(path: Path, start: int, crc: str | None) -> tuple[list[Event], int, bool]:
    """Records of a log this device never writes, from `start` when the same record still ends there (else from
    the beginning): (events, offset past the last whole record, damaged). A torn tail is left for next time; a
    damaged file gives every good record it holds. Never raises for what the file holds."""
    if start and (crc is None or crc_before(path, start) != crc):
        start = 0
    try:
        with os.fdopen(open_nofollow(path, os.O_RDONLY), "rb") as f:
            f.seek(start)
            data = f.read()
    except OSError:
        return [], start, False
    records, end, bad, _ = scan(data)
    if bad is None:
        return [r.event for r in records], start + end, False
    if start:
        return read_foreign(path, 0, None)
    records, _ = salvage(data)
    last = records[-1].end if records else 0
    return [r.event for r in records], last, True
