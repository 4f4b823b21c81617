"""Check a learner's files, and repair them: what `quizapp learner check|repair` and the TUI's Recover run.

Repair never deletes and never overwrites a damaged file: a damaged file is renamed aside, or copied aside byte for
byte before a clean one replaces it (`<name>.corrupt-<time>`, `<name>.torn-<time>`, `<name>.link-<time>`). The card
states it writes are the merge of what the snapshot (cards.toml) and the log still hold: never less than either."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from quizapp.errors import CorruptFile, LearnerBusy, QuizappError
from quizapp.files.atomic import atomic_write, fsync_dir, read_nofollow, sweep_temp_files
from quizapp.files.locks import holder, try_lock
from quizapp.paths import learner_dir
from quizapp.progress.cache import ProgressCache
from quizapp.progress.devices import device_id, log_files, newest_of
from quizapp.progress.keys import LOW
from quizapp.progress.keys import unpack as unpack_keys
from quizapp.progress.layout import key_of, own_cards, own_lock, own_log
from quizapp.progress.log import line_at, record_ends_at, salvage, salvaged_bytes, scan
from quizapp.progress.profile import BAD_DATA, corrupt, load_profile
from quizapp.progress.records import FieldError, encode_cards
from quizapp.progress.store import (
    CARDS,
    LOG,
    NO_STATE_CHANGE,
    PROFILE,
    QUIZZES,
    LearnerStore,
    aside_name,
    links_in,
    read_cards,
)
from quizapp.scheduling.scheduler import CardState
from quizapp.words import counted


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass
class Repair:
    kept: list[Path] = field(default_factory=list)  # copies and renamed files, in the order they were made
    done: list[str] = field(default_factory=list)  # what was done, in words
    problems: list[Problem] = field(default_factory=list)  # what a check still finds afterwards


def own_files(folder: Path) -> tuple[Path, Path]:
    """(snapshot, log) this device reads first: its own, or an older quizapp's cards.toml and events.log when
    this device has written nothing to the learner yet."""
    device = device_id()
    if (folder / own_cards(device)).exists() or (folder / own_log(device)).exists() or not (folder / CARDS).exists():
        return folder / own_cards(device), folder / own_log(device)
    return folder / CARDS, folder / LOG


def _check_log(log: Path, data: bytes, own: bool) -> Problem | None:
    _, end, bad, why = scan(data)
    if bad is not None:
        if own:
            return Problem(log, line_at(data, bad), why)
        return Problem(
            log,
            line_at(data, bad),
            f"{why} (written on another device; its good records are read, and repair "
            "leaves the file alone: check it on the device that writes it)",
        )
    if own and data[end:].strip():
        return Problem(log, line_at(data, end), "an unfinished last record (from a crash)")
    return None  # another device's log may still be arriving: its last whole record is read, the rest later


def check(root: Path, learner: str) -> list[Problem]:
    """Every problem in the learner's files (profile, snapshot, log, quiz results, cache), reading only."""
    folder = learner_dir(root, learner)
    if not folder.is_dir() and not folder.is_symlink():
        return [Problem(folder, None, f"there is no learner {learner!r} here")]
    problems = [Problem(p, None, f"a symbolic link (to {t}); quizapp refuses links here") for p, t in links_in(folder)]
    if problems:
        return problems
    try:
        load_profile(folder / PROFILE, learner)
    except CorruptFile as e:
        problems.append(Problem(e.path, e.line, e.detail))
    snapshot = None
    cards, log = own_files(folder)
    if cards.exists():
        try:
            snapshot = read_cards(cards, {} if cards.name != CARDS else None)
        except CorruptFile as e:
            problems.append(Problem(e.path, e.line, e.detail))
    for path in (log, folder / LOG):
        if path.exists() and not path.is_file():
            return [*problems, Problem(path, None, "not a file")]
    data = read_nofollow(log) if log.exists() else None
    for path in log_files(folder):
        raw = data if path == log and data is not None else read_nofollow(path)
        problem = _check_log(path, raw, path.name in (log.name, LOG))
        if problem:
            problems.append(problem)
    if snapshot and snapshot[0]:
        offset = snapshot[0]
        if data is None:
            found = Problem(log, None, f"missing, but {cards.name} includes {offset} bytes of it")
        elif offset > len(data):
            found = Problem(
                log,
                None,
                f"{len(data)} bytes, but {cards.name} includes {offset}: cut short, or replaced by an older copy",
            )
        elif not record_ends_at(log, offset):
            found = Problem(cards, None, f"log_offset {offset} is not the end of a record in {log.name}")
        else:
            found = None
        if found and not _newer_copy_kept(folder, log, snapshot[1]):  # else an older copy, read whole on opening
            problems.append(found)
    for path in _quiz_results(folder):
        problem = _check_quiz_result(path)
        if problem:
            problems.append(problem)
    cache = ProgressCache(root / "cache" / "progress", learner)
    if cache.damaged():
        problems.append(Problem(cache.entry, None, "damaged cache entry (ignored; written again by repair)"))
    return problems


def _newer_copy_kept(folder: Path, log: Path, covered: int) -> bool:
    """Whether a log other than this device's own holds its records up to number `covered` (a sync tool's copy of
    it): then an own log that no longer fits the snapshot is an older copy, and opening reads it whole."""
    if log.name == LOG:
        return False
    return any(n >= covered for p, n in newest_of(folder, device_id()).items() if p.name != log.name)


def _quiz_results(folder: Path) -> list[Path]:
    return sorted((folder / QUIZZES).glob("*.toml")) if (folder / QUIZZES).is_dir() else []


def _check_quiz_result(path: Path) -> Problem | None:
    text = None
    try:
        text = read_nofollow(path).decode("utf-8")
        data = tomllib.loads(text)
        answers = data.get("answers", [])
        if not isinstance(answers, list) or not all(isinstance(a, dict) for a in answers):
            raise FieldError(("answers",), "answers must be a list of tables")
    except OSError as e:
        return Problem(path, None, f"cannot be opened: {e.strerror or e}")
    except BAD_DATA as e:
        c = corrupt(path, e, text)
        return Problem(path, c.line, c.detail)
    return None


def repair(root: Path, learner: str) -> Repair:
    """Set aside what is damaged so the learner opens again with everything that can still be read, then check.

    A link in the folder is renamed aside (the file it points to is never touched); a bad profile.toml is renamed
    aside (settings go back to their defaults); a bad quiz result is renamed aside; a log damaged mid-file is
    copied aside and rewritten with every record that passes its checksum (wherever it lies); a torn last record is
    cut off (the whole log copied aside first); cards.toml is rewritten, its old copy kept, whenever it no longer
    fits the log: the states are then the snapshot's, with every log record written after it (a higher sequence
    number) applied.
    Raises LearnerBusy if another quizapp has the learner open."""
    folder = learner_dir(root, learner)
    out = Repair()
    for path, target in links_in(folder):
        _rename_aside(path, "link", out, f"{path.name} was a link to {target}; the link was renamed")
    if not folder.is_dir():
        out.problems = check(root, learner)
        return out
    lock_path = folder / own_lock(device_id())
    lock = try_lock(lock_path, f"pid {os.getpid()} repairing since {datetime.now(timezone.utc):%H:%M} UTC")
    if lock is None:
        raise LearnerBusy(learner, holder(lock_path) or "another process")
    try:
        for f in (folder, folder / QUIZZES):
            sweep_temp_files(f, locked=True)
        try:
            load_profile(folder / PROFILE, learner)
        except CorruptFile:
            _rename_aside(folder / PROFILE, "corrupt", out, "profile.toml was damaged; settings are back to defaults")
        for path in _quiz_results(folder):
            if _check_quiz_result(path):
                _rename_aside(path, "corrupt", out, f"quiz result {path.name} was damaged")
        cards, log = own_files(folder)
        if log.name != LOG and (folder / LOG).exists():  # an older quizapp's log, read as history
            _repair_log(folder / LOG, out)
        _repair_progress(cards, log, out)
    finally:
        os.close(lock)
    if ProgressCache(root / "cache" / "progress", learner).damaged():
        try:  # opening writes a fresh cache entry over the damaged one
            LearnerStore(root, learner, cache=True).open().close()
        except (QuizappError, OSError):
            pass
    out.problems = check(root, learner)
    return out


def _repair_log(log: Path, out: Repair) -> tuple[bytes, bytes, list]:
    """Rewrite a damaged log with its good records, or cut its torn tail, a copy kept first: (old, new, records)."""
    if log.exists() and not log.is_file():
        _rename_aside(log, "corrupt", out, f"{log.name} was not a file")
    data = read_nofollow(log) if log.exists() else b""
    records, end, bad, _ = scan(data)
    new = data
    if bad is not None:
        records, _ = salvage(data)
        new = salvaged_bytes(data, records)
        _copy_aside(log, data, "corrupt", out, f"{log.name} was damaged; {counted(len(records), 'good record')} kept")
    elif end < len(data):
        new = data[:end]
        _copy_aside(log, data, "torn", out, f"an unfinished last record of {log.name} was cut off")
    if new != data:
        atomic_write(log, new)
    return data, new, records


def _repair_progress(cards: Path, log: Path, out: Repair) -> None:
    device_snapshot = cards.name != CARDS
    extra: dict = {"logs": {}, "keys": {}, "packed": ("", LOW), "changes": {}}
    snapshot: tuple[int, int, dict[str, CardState]] | None = None
    lost_snapshot = False
    if cards.exists():
        try:
            snapshot = read_cards(cards, extra if device_snapshot else None)
        except CorruptFile:
            _rename_aside(cards, "corrupt", out, f"{cards.name} was damaged; the card states are rebuilt")
            lost_snapshot = True
    data, new, records = _repair_log(log, out)
    offset = snapshot[0] if snapshot else 0
    unchanged = offset <= len(new) and new[:offset] == data[:offset]
    if snapshot and unchanged and (not offset or record_ends_at(log, offset)):
        return  # the snapshot still fits the log
    if snapshot is None and not (lost_snapshot and records):
        return  # no snapshot was lost: the logs alone open as before
    old_seq, states = (snapshot[1], dict(snapshot[2])) if snapshot else (0, {})
    keys = unpack_keys(extra["packed"][0]) | extra["keys"]
    seq = old_seq
    for r in records:
        e = r.event
        seq = max(seq, e.seq)
        if e.type in NO_STATE_CHANGE:
            continue
        if e.seq > old_seq or e.card not in states:  # after the snapshot, or a card only the log knows
            states[e.card] = e.state
            keys[e.card] = key_of(e)
    if snapshot is not None:
        _copy_aside(cards, read_nofollow(cards), "corrupt", out, f"{cards.name} no longer fitted {log.name}")
    if device_snapshot:  # other logs are read again whole at the next open (nothing counts twice)
        text = encode_cards(len(new), seq, states, None, {}, keys, extra["changes"])
    else:
        text = encode_cards(len(new), seq, states)
    atomic_write(cards, text.encode("utf-8"))
    out.done.append(f"{cards.name} rewritten with {counted(len(states), 'card state')}")


def _rename_aside(path: Path, why: str, out: Repair, what: str) -> None:
    target = aside_name(path, why)
    os.replace(path, target)
    fsync_dir(path.parent)
    out.kept.append(target)
    out.done.append(f"{what} (kept as {target.name})")


def _copy_aside(path: Path, data: bytes, why: str, out: Repair, what: str) -> None:
    target = aside_name(path, why)
    atomic_write(target, data)
    out.kept.append(target)
    out.done.append(f"{what} (a copy is kept as {target.name})")


def recover(root: Path, learner: str) -> Path:
    """repair(), for callers that want the first copy kept (or the learner's folder when nothing was)."""
    kept = repair(root, learner).kept
    return kept[0] if kept else learner_dir(root, learner)
