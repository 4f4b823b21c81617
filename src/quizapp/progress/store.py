"""A learner's progress on disk: card states, an append-only event log, and a lock.

Files in the learner's folder:
  profile.toml  settings (atomic rewrite)
  cards.toml    compacted card states + the log offset they include (atomic rewrite, in a background thread)
  events.log    append-only TOML records, each ending with a CRC line, fsynced one by one
  lock          held with flock while a session has the learner open
Loading takes cards.toml and replays the log from its offset. Every event stores the card's resulting state, so
the log alone can rebuild everything. Nothing in the folder may be a symbolic link, and no file is opened through
one. Damaged files are reported (CorruptFile) and set aside by progress.recovery, never here.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from quizapp.errors import CorruptFile, LearnerBusy, SaveFailed
from quizapp.files.atomic import (
    atomic_write,
    durable_append,
    open_log,
    read_nofollow,
    still_open,
    sweep_temp_files,
    truncate_durably,
)
from quizapp.files.locks import holder, try_lock
from quizapp.paths import learner_dir
from quizapp.progress import cache as progresscache
from quizapp.progress.cache import ProgressCache
from quizapp.progress.log import LoadReport, log_size, read_events, record_ends_at, salvage
from quizapp.progress.profile import BAD_DATA, Profile, corrupt, load_profile, save_profile
from quizapp.progress.records import Event, decode_cards, encode_cards, encode_event
from quizapp.scheduling.scheduler import CardState

__all__ = ["CARDS", "LOG", "LOCK", "PROFILE", "Event", "LearnerStore", "LoadReport", "read_events"]

CARDS, LOG, LOCK, PROFILE, QUIZZES = "cards.toml", "events.log", "lock", "profile.toml", "quizzes"
COMPACT_EVERY = 1000  # saves between compactions, or the number of cards if that is more
NO_STATE_CHANGE = {"practice", "parameters"}  # logged for stats or the record, but no card state changes


def read_cards(path: Path) -> tuple[int, int, dict[str, CardState]]:
    """(log_offset, log_seq, states) of a cards.toml; CorruptFile naming the line of what is wrong."""
    text = None
    try:
        text = read_nofollow(path).decode("utf-8")
        return decode_cards(text)
    except OSError as e:
        raise CorruptFile(path, None, f"cannot be opened: {e.strerror or e}") from None
    except BAD_DATA as e:
        raise corrupt(path, e, text) from None


def links_in(folder: Path) -> list[tuple[Path, str]]:
    """Symbolic links in a learner's folder (or the folder itself), with where each points; links that repair set
    aside (`<name>.link-<time>`, never opened) are left out."""
    found = []
    paths = [folder]
    try:
        paths += [Path(e.path) for e in os.scandir(folder) if ".link-" not in e.name]
    except OSError:
        pass
    for p in paths:
        if p.is_symlink():
            try:
                target = os.readlink(p)
            except OSError:
                target = "?"
            found.append((p, target))
    return found


def link_error(path: Path, target: str) -> CorruptFile:
    return CorruptFile(
        path,
        None,
        f"it is a symbolic link (to {target}), and quizapp never reads or writes through links in a learner "
        "folder. Put the real file there instead, or let Recover (quizapp learner repair) set the link aside",
    )


class LearnerStore:
    """Open one learner's progress; holds the lock until close()."""

    def __init__(self, root: Path, learner: str, *, read_only: bool = False, cache: bool = False):
        self.folder = learner_dir(root, learner)
        self._cache = ProgressCache(root / "cache" / "progress", learner) if cache else None
        self.learner = learner
        self.read_only = read_only
        self.states: dict[str, CardState] = {}
        self.report = LoadReport()
        self.pending: list[Event] = []
        self._lock_fd: int | None = None
        self._log_fd: int | None = None
        self._seq = 0
        self._log_end = 0
        self._since_compact = 0
        self._history: list[Event] | None = None
        self._compactor: threading.Thread | None = None
        self._compacted: tuple[int, str | None] | None = None  # (saves it covered, error) of the last background run
        self.compact_problem: str | None = None  # why the last background compaction failed, if it did

    # -- opening and closing ---------------------------------------------------------------------
    def open(self) -> LearnerStore:
        for path, target in links_in(self.folder):
            raise link_error(path, target)
        if not self.read_only:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._acquire_lock()
        try:
            if not self.read_only:
                for folder in (self.folder, self.folder / QUIZZES):
                    sweep_temp_files(folder, locked=True)  # no one else writes here while the lock is held
            self.profile = load_profile(self.folder / PROFILE, self.learner)
            self._load_states()
            if not self.read_only and not (self.folder / PROFILE).exists():
                save_profile(self.folder / PROFILE, self.profile)
        except BaseException:
            self._release_lock()
            raise
        return self

    def close(self) -> None:
        """Save what is pending, compact, release the lock. Raises SaveFailed if pending events still cannot be
        written (they stay in `pending`; callers should offer to retry before quitting) or if the final compaction
        failed (nothing is lost then: the log holds every event)."""
        try:
            if not self.read_only:
                self.flush()
                self.finish_compaction()
        finally:
            self._release_lock()

    def __enter__(self) -> LearnerStore:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _acquire_lock(self) -> None:
        path = self.folder / LOCK
        try:
            fd = try_lock(path, f"pid {os.getpid()} since {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
        except OSError as e:
            if path.is_symlink():
                raise link_error(path, os.readlink(path)) from None
            raise e.__class__(e.errno, f"could not lock the learner: {e.strerror or e}", str(path)) from None
        if fd is None:
            raise LearnerBusy(self.learner, holder(path) or "another process")
        self._lock_fd = fd

    def _release_lock(self) -> None:
        self.wait_for_compaction()
        if self._log_fd is not None:
            os.close(self._log_fd)
            self._log_fd = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    # -- loading ------------------------------------------------------------------------------------
    def _load_states(self) -> None:
        cards_path, log_path = self.folder / CARDS, self.folder / LOG
        offset, size = 0, log_size(log_path)
        if cards_path.exists():
            offset = self._read_cards(cards_path)
            if offset and size is None:
                raise CorruptFile(
                    log_path, None, f"it is missing, but {CARDS} includes {offset} bytes of it (reviews may be lost)"
                )
            if offset > (size or 0):
                raise CorruptFile(
                    log_path, None, f"it has {size} bytes, but {CARDS} includes {offset}: it was cut short or replaced"
                )
            if not record_ends_at(log_path, offset):
                raise CorruptFile(cards_path, None, f"log_offset {offset} is not the end of a record in {LOG}")
        events, end = read_events(log_path, offset, self.report)
        for e in events:
            if e.type not in NO_STATE_CHANGE:
                self.states[e.card] = e.state
            self._seq = max(self._seq, e.seq)
        self._log_end = end
        self._since_compact = len(events)
        if not self.read_only and size is not None and log_size(log_path) > end:  # type: ignore[operator]
            self._set_torn_tail_aside(log_path, end)

    def _set_torn_tail_aside(self, log_path: Path, end: int) -> None:
        """Copy an unfinished last record to a side file, then cut it off so new records start clean."""
        tail = read_nofollow(log_path)[end:]
        atomic_write(aside_name(log_path, "torn"), tail)
        truncate_durably(log_path, end)

    def _read_cards(self, path: Path) -> int:
        """Load the states in cards.toml (from the progress cache when it holds this exact file); its log offset."""
        key = None
        if self._cache:
            try:
                raw = read_nofollow(path)
                key = self._cache.key(raw, os.stat(path, follow_symlinks=False))
            except OSError:
                raw = None
            hit = self._cache.get(key) if key else None
            if hit:
                offset, self._seq, self.states = hit
                return offset
        offset, self._seq, states = read_cards(path)
        if not self._cache:
            self.states = states
            return offset
        payload = progresscache.pack(offset, self._seq, states)
        if key and not self.read_only:
            self._cache.put(key, payload)
        del states  # rebuilt from the payload into the memory it leaves, instead of beside its holes
        self.states = progresscache.unpack(payload)[2]
        return offset

    # -- writing ------------------------------------------------------------------------------------
    def record(self, type: str, state: CardState, at: datetime, **extra: object) -> Event:
        """Append one event durably and apply it. On a failed write the event is kept and SaveFailed raised."""
        if self.read_only:
            raise SaveFailed(f"learner {self.learner!r} is open read-only here; nothing can be saved")
        self._seq += 1
        event = Event(seq=self._seq, type=type, card=state.card_id, at=at, state=state, **extra)  # type: ignore[arg-type]
        if type not in NO_STATE_CHANGE:
            self.states[event.card] = state
        self.pending.append(event)
        if self._history is not None:
            self._history.append(event)
        self.flush()
        return event

    def flush(self) -> None:
        """Write pending events; raise SaveFailed (keeping them) if the disk refuses."""
        while self.pending:
            event = self.pending[0]
            try:
                self._log_end = durable_append(self.folder / LOG, encode_event(event), fd=self._log())
            except OSError as e:
                raise SaveFailed(
                    f"could not save to {self.folder / LOG}: {e.strerror or e}. "
                    f"{len(self.pending)} unsaved change(s) are kept in memory and will be retried."
                ) from None
            self.pending.pop(0)
            self._since_compact += 1
        self._reap_compaction()
        if self._since_compact >= max(COMPACT_EVERY, len(self.states)):
            self.compact_in_background()  # O(cards), so at most once per that many saves: O(1) per save on average

    def _log(self) -> int:
        """The log's fd, kept open between saves (reopened if the file was deleted or replaced meanwhile)."""
        path = self.folder / LOG
        if self._log_fd is not None and not still_open(path, self._log_fd):
            os.close(self._log_fd)
            self._log_fd = None
        if self._log_fd is None:
            self._log_fd = open_log(path)
        return self._log_fd

    # -- compaction ---------------------------------------------------------------------------------
    def compact(self) -> None:
        """Rewrite cards.toml atomically with every state and the log offset they cover, now."""
        if self.pending or self.read_only:
            return
        self.wait_for_compaction()
        error = self._write_snapshot(self._log_end, self._seq, self.states)
        if error:
            raise SaveFailed(error)
        self._since_compact = 0

    def finish_compaction(self) -> None:
        """Wait for a background compaction, then compact what it did not cover (at quit). SaveFailed if that
        cannot be written; nothing is lost then, the log holds every event."""
        self.wait_for_compaction()
        if self._since_compact and not self.read_only:
            self.compact()

    def compact_in_background(self) -> None:
        """Start writing cards.toml in a thread from a copy of the states (a dict copy: 2 ms at 100,000 cards) and
        return at once, so no key press waits for it. Durability is the log's: a snapshot that fails or is cut off
        by a crash leaves the old cards.toml, and the log replays the rest on the next open."""
        if self.pending or self.read_only or (self._compactor is not None and self._compactor.is_alive()):
            return
        covered, snapshot = self._since_compact, (self._log_end, self._seq, dict(self.states))
        self._since_compact = 0

        def run() -> None:
            try:
                error = self._write_snapshot(*snapshot, pause=_yield)
            except Exception as e:  # never lose the count of saves it was to cover
                error = f"could not compact {self.folder / CARDS}: {e}"
            self._compacted = (covered, error)

        self._compactor = threading.Thread(target=run, name="quizapp-compact", daemon=True)
        self._compactor.start()

    def wait_for_compaction(self) -> None:
        """Wait for a background compaction to finish and take in its outcome."""
        if self._compactor is not None:
            self._compactor.join()
        self._reap_compaction()

    def _reap_compaction(self) -> None:
        if self._compactor is None or self._compactor.is_alive() or self._compacted is None:
            return
        covered, error = self._compacted
        self._compactor = self._compacted = None
        if error:  # the saves it covered still wait for a compaction; the log holds them meanwhile
            self._since_compact += covered
            self.compact_problem = error
            self.report.warnings.append(error)

    def _write_snapshot(
        self, log_end: int, seq: int, states: dict[str, CardState], pause: Callable[[], object] | None = None
    ) -> str | None:
        """Write cards.toml (and its cache entry) for `states`; the error to show if it could not be written."""
        raw = encode_cards(log_end, seq, states, pause).encode("utf-8")
        path = self.folder / CARDS
        try:
            atomic_write(path, raw)
        except OSError as e:
            return (
                f"could not write {path}: {e.strerror or e}. Nothing is lost: every review is in {LOG}, "
                f"and {CARDS} is brought up to date from it next time"
            )
        if self._cache:
            try:
                key = self._cache.key(raw, os.stat(path, follow_symlinks=False))
                self._cache.put(key, progresscache.pack(log_end, seq, states, pause))
            except OSError:
                pass
        return None

    def save_profile(self, profile: Profile) -> None:
        if self.read_only:
            raise SaveFailed(f"learner {self.learner!r} is open read-only here; settings cannot be saved")
        save_profile(self.folder / PROFILE, profile)
        self.profile = profile

    # -- reading history ----------------------------------------------------------------------------
    def history(self) -> list[Event]:
        """Every event ever logged (read once, then kept up to date). Records damaged before the part that opening
        reads (which cards.toml already covers) are left out with a warning, not raised mid-session."""
        if self._history is None:
            log = self.folder / LOG
            try:
                events, _ = read_events(log, 0)
            except CorruptFile as e:
                records, dropped = salvage(read_nofollow(log))
                events = [r.event for r in records]
                self.report.warnings.append(f"{log}:{e.line}: {dropped} damaged stretch(es) left out of the history")
            self._history = events + [e for e in self.pending if e not in events]
        return self._history

    def reviews(self) -> list[Event]:
        """Review events that were not undone."""
        hist = self.history()
        undone = {e.undoes for e in hist if e.type == "undo"}
        return [e for e in hist if e.type in ("review", "override") and e.seq not in undone]


def _yield() -> None:
    """Let another thread (the UI's) run: a compaction thread calls this often, so no key press waits long."""
    time.sleep(0)


def aside_name(path: Path, why: str) -> Path:
    """A new name beside `path` for a copy kept aside: `<name>.<why>-<UTC time>`, never an existing file."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target, n = path.with_name(f"{path.name}.{why}-{stamp}"), 1
    while target.exists() or target.is_symlink():
        n += 1
        target = path.with_name(f"{path.name}.{why}-{stamp}-{n}")
    return target


def list_learners(root: Path) -> list[str]:
    folder = root / "learners"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir())
