"""Study on several computers: which device this is, and the deterministic merge of many devices' event logs.

A device is told apart by QUIZAPP_DEVICE, or else by its host name and a short hash of the OS's machine id; nothing
about it is stored, so no file a sync tool copies can make two machines the same device. The merge reads every
event log in a learner's folder (each device's own, an older quizapp's `events.log`, and any copy a sync tool made
of them: Syncthing's `*.sync-conflict-*`, Dropbox's "(conflicted copy …)", OneDrive's `-MACHINE` names), each up
to its last whole record (a file still arriving is read again later), counts every record once however many files
hold it, and orders events by (time, device, sequence): the same on every machine. A card's state is that of its
last event in that order, so the result does not depend on the order the files arrived in.

LearnerStore (progress.store, with progress.layout) uses it for a learner's history; its states are merged the same
way, incrementally, from where each log was last read."""

from __future__ import annotations

import hashlib
import os
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quizapp.errors import BadName
from quizapp.files.atomic import atomic_write, read_nofollow
from quizapp.progress.layout import NO_STATE_CHANGE
from quizapp.progress.log import salvage, scan
from quizapp.progress.records import Event, live_reviews
from quizapp.scheduling.scheduler import CardState

_NAME = re.compile(r"[A-Za-z0-9_.-]{1,40}")
_ASIDE = re.compile(r"\.(corrupt|torn|link)-\d{8}T\d{6}")  # copies that recovery kept: for people, not merged


def device_id() -> str:
    """This machine's name among the learner's devices: QUIZAPP_DEVICE, or `<host>-<6 hex of the machine id>`."""
    named = os.environ.get("QUIZAPP_DEVICE", "").strip()
    if named:
        if not _NAME.fullmatch(named):
            raise BadName(f"QUIZAPP_DEVICE={named!r}: a device name is 1-40 letters, digits, '.', '-' or '_'")
        return named
    host = re.sub(r"[^A-Za-z0-9_-]", "-", _host_name().split(".")[0])[:30].strip("-") or "device"
    try:
        machine = Path("/etc/machine-id").read_bytes().strip()
    except OSError:
        machine = b""
    if not machine:
        import uuid  # here, not at import: with socket, 4 ms of every launch

        machine = str(uuid.getnode()).encode()
    return f"{host}-{hashlib.blake2b(machine, digest_size=3).hexdigest()}"


def _host_name() -> str:
    """socket.gethostname(): on POSIX the kernel's node name, which os.uname() gives without importing socket."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def log_name(device: str) -> str:
    return f"events-{device}.log"


def log_files(folder: Path) -> list[Path]:
    """Every event log in a learner's folder, sync-conflict copies included (sorted by name)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        if is_log(name):
            path = folder / name
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return sorted(found)


def is_log(name: str) -> bool:
    """Whether a file of a learner's folder is an event log the merge reads (recovery's side copies are not)."""
    return name.startswith("events") and ".log" in name and not _ASIDE.search(name)


def logs_stamp(folder: Path, own: str) -> tuple:
    """What a sync tool changes in a learner's folder: (name, size, mtime_ns) of each log but `own` (the one this
    device appends to), and `own`'s inode (a replaced file has another). One listing and a stat per log: 13 µs
    for five logs of 100,000 reviews in all (benchmarks/bench_sync_check.py), so it can be asked every few seconds."""
    found: list[tuple] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if is_log(entry.name):
                    if entry.name == own:
                        found.append((own, entry.inode()))
                    else:
                        st = entry.stat(follow_symlinks=False)
                        found.append((entry.name, st.st_size, st.st_mtime_ns))
    except OSError:
        return ()
    return tuple(sorted(found))


@dataclass(frozen=True)
class Merged:
    events: list[Event]  # every event once, in (time, device, seq) order
    states: dict[str, CardState]  # each card's state after its last event in that order
    damaged: list[Path]  # files with damage that was passed over (their good records are in `events`)

    def reviews(self) -> list[Event]:
        """Review events that were not undone; an undo names a seq of its own device."""
        return live_reviews(self.events)


def merge(paths: Iterable[Path]) -> Merged:
    """The deterministic merge of the event logs at `paths` (see the module's docstring). Never raises for a
    damaged or half-arrived file: its whole, good records are used."""
    seen: dict[tuple, Event] = {}
    damaged = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        records, _, bad, _ = scan(data)
        if bad is not None:
            records, _ = salvage(data)
            damaged.append(path)
        for r in records:
            e = r.event
            seen.setdefault(identity(e, data[r.start : r.end]), e)
    events = sorted(seen.values(), key=order)
    states = {e.card: e.state for e in events if e.type not in NO_STATE_CHANGE}
    return Merged(events, states, damaged)


def order(e: Event) -> tuple:
    return (e.at, e.device or "", e.seq)


def identity(e: Event, raw: bytes) -> tuple:
    """What makes a record the same record in any file: its device, seq and the CRC of its bytes."""
    return (e.device or "", e.seq, zlib.crc32(raw))


def held(folder: Path) -> set[tuple]:
    """The identity of every good record in the folder's event logs."""
    have: set[tuple] = set()
    for path in log_files(folder):
        try:
            data = read_nofollow(path)
        except OSError:
            continue
        have.update(identity(r.event, data[r.start : r.end]) for r in salvage(data)[0])
    return have


def unheld(data: bytes, have: set[tuple]) -> tuple[bytes, int]:
    """The records of `data` whose identity is not in `have` (added to it), as bytes, and how many."""
    new, count = bytearray(), 0
    for r in salvage(data)[0]:
        raw = data[r.start : r.end]
        key = identity(r.event, raw)
        if key not in have:
            have.add(key)
            new += raw
            count += 1
    return bytes(new), count


def newest_of(folder: Path, device: str) -> dict[Path, int]:
    """The highest sequence number of `device`'s records in each log of the folder that holds any (its own log, the
    copies a sync tool kept of it, a merged folder's)."""
    out = {}
    for path in log_files(folder):
        try:
            seqs = [r.event.seq for r in salvage(read_nofollow(path))[0] if r.event.device == device]
        except OSError:
            continue
        if seqs:
            out[path] = max(seqs)
    return out


def keep_replaced(fd: int, log: Path) -> tuple[int, Path | None]:
    """`log` was replaced (or deleted) while `fd` still holds the old file: the records of the old file that no log
    in the folder holds are written to `<log>.replaced-<time>`, which every device reads like another device's log;
    how many, and that file (nothing is written for none)."""
    from quizapp.progress.folder import aside_name

    try:
        data = os.pread(fd, os.fstat(fd).st_size, 0)
    except OSError:
        return 0, None
    new, count = unheld(data, held(log.parent))
    if not new:
        return 0, None
    target = aside_name(log, "replaced")
    atomic_write(target, new)
    return count, target


def merge_folder(source: Path, folder: Path) -> tuple[int, list[Path]]:
    """Bring the events of a learner folder copied by hand (a USB stick) into `folder`: the records `folder` does not
    hold yet go into one new file `events-merged-<hash>.log` per source log, which every device reads like another
    device's log. Nothing in `folder` is changed; merging the same folder again adds nothing. (new events, files)."""
    have = held(folder)
    added, written = 0, []
    for path in log_files(source):
        new, count = unheld(path.read_bytes(), have)
        if new:
            target = folder / f"events-merged-{hashlib.blake2b(new, digest_size=8).hexdigest()}.log"
            atomic_write(target, new)
            written.append(target)
            added += count
    return added, written
