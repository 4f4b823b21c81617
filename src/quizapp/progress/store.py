"""A learner's progress on disk: card states, append-only event logs (one per device), and a lock per device.

Files in the learner's folder (`<device>` is progress.devices.device_id(); see progress.layout):
  profile.toml          settings (atomic rewrite); changes are also logged as "settings" events, which win
  cards-<device>.toml   this device's snapshot of the merged states + how far it read each log (atomic rewrite,
                        in a background thread); only this device reads it
  events-<device>.log   this device's append-only TOML records, each ending with a CRC line, fsynced one by one
  events*.log (others)  other devices' logs, an older quizapp's events.log, sync-conflict copies: only read
  lock-<device>         held with flock while a session on this device has the learner open
Loading takes the snapshot and reads every log from where it left off. Every event stores the card's resulting
state, so the logs alone can rebuild everything. An older quizapp's cards.toml + events.log open as before (its
snapshot then stands for the start, and events.log is read-only history). Nothing in the folder may be a symbolic
link, and no file is opened through one. Damaged files are reported (CorruptFile) and set aside by
progress.recovery, never here.
"""

from __future__ import annotations

import marshal
import os
import threading
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from quizapp.errors import LearnerBusy, SaveFailed
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
from quizapp.progress.compaction import Compaction
from quizapp.progress.devices import device_id, keep_replaced, log_files, logs_stamp, merge, newest_of
from quizapp.progress.folder import aside_name, link_error, links_in, list_learners, read_cards
from quizapp.progress.layout import (
    LEGACY_CARDS,
    LEGACY_LOCK,
    LEGACY_LOG,
    NO_STATE_CHANGE,
    SETTINGS_CARD,
    Merge,
    crc_before,
    older_copy,
    own_cards,
    own_lock,
    own_log,
    read_foreign,
    settings_changes,
    snapshot_problem,
)
from quizapp.progress.log import LoadReport, log_size, read_events, record_ends_at, scan
from quizapp.progress.profile import Profile, load_profile, save_profile
from quizapp.progress.records import Event, encode_event, live_reviews
from quizapp.scheduling.scheduler import CardState
from quizapp.words import counted

__all__ = [
    "CARDS",
    "LOG",
    "LOCK",
    "NO_STATE_CHANGE",
    "PROFILE",
    "Event",
    "LearnerStore",
    "LoadReport",
    "aside_name",
    "links_in",
    "list_learners",
    "read_cards",
    "read_events",
]

CARDS, LOG, LOCK = LEGACY_CARDS, LEGACY_LOG, LEGACY_LOCK  # an older quizapp's names (progress.layout)
PROFILE, QUIZZES = "profile.toml", "quizzes"
COMPACT_EVERY = 1000  # saves between compactions, or the number of cards if that is more
DEFER_FROM, DEFER_CARDS = 2_000, 25_000  # a deferred progress cache entry (defer_cache): from, to this many cards


class LearnerStore(Compaction):
    """Open one learner's progress; holds the lock until close()."""

    def __init__(
        self, root: Path, learner: str, *, read_only: bool = False, cache: bool = False, defer_cache: bool = False
    ):
        self.folder = learner_dir(root, learner)
        self.device = device_id()
        self.log_path = self.folder / own_log(self.device)  # the only log this device appends to
        self.cards_path = self.folder / own_cards(self.device)
        self._merge = Merge()
        self._read: dict[str, list] = {}  # other logs: name -> [offset read up to, CRC of the record ending there]
        self._stamp: tuple = ()  # the folder's logs as last read (progress.devices.logs_stamp)
        self._cache = ProgressCache(root / "cache" / "progress", learner) if cache else None
        self._defer_cache = defer_cache  # a cache entry made at open is written by write_cache(), not at once
        self._cache_pending: tuple | None = None
        self._cache_lock = threading.Lock()
        self.learner = learner
        self.read_only = read_only
        self.states: dict[str, CardState] = self._merge.states
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
            self.profile = replace(self.profile, settings=self._merge.settings_over(self.profile.settings))
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
                if self._log_fd is not None and not still_open(self.log_path, self._log_fd):
                    self._replaced(self._log_fd)
                self.flush()
                self.finish_compaction()
                self.write_cache()  # (none left when the compaction wrote a newer one)
        finally:
            self._release_lock()

    def __enter__(self) -> LearnerStore:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _acquire_lock(self) -> None:
        path = self.folder / own_lock(self.device)
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
        log_path, legacy = self.log_path, self.folder / LOG
        self._stamp = logs_stamp(self.folder, log_path.name)  # before reading: a change meanwhile is read later
        offset, size = 0, log_size(log_path)
        if self.cards_path.exists():
            extra: dict = {}
            offset = self._read_cards(self.cards_path, extra)
            self._read = {k: list(v) for k, v in extra["logs"].items()}
            self._merge.load_keys(extra["keys"], extra["packed"])
            self._merge.settings.update(extra["changes"])
            problem = snapshot_problem(self.cards_path, log_path, offset, size)
            if problem:  # raises unless the log is an older copy of one the folder holds
                newest = newest_of(self.folder, self.device)
                self.report.warnings.append(older_copy(problem, self.cards_path, log_path, self._seq, newest))
                offset, self._since_compact = 0, 1  # read from its start; the snapshot written again to fit it
        elif (self.folder / CARDS).exists():  # an older quizapp's snapshot: it covers a part of events.log
            old = self._read_cards(self.folder / CARDS)
            problem = snapshot_problem(self.folder / CARDS, legacy, old, log_size(legacy))
            if problem:
                raise problem
            self._read = {LOG: [old, crc_before(legacy, old) or ""]}
        self._merge.states.update(self.states)
        self.states = self._merge.states
        count = 0
        for path in log_files(self.folder):
            if path.name != log_path.name:
                count += self._read_other(path, strict=path.name == LOG)
        events, end = read_events(log_path, offset, self.report)
        for e in events:
            self._merge.apply(e)
            self._seq = max(self._seq, e.seq)
        self._log_end = end
        self._since_compact += len(events) + count
        if not self.read_only and size is not None and log_size(log_path) > end:  # type: ignore[operator]
            self._set_torn_tail_aside(log_path, end)

    def _read_other(self, path: Path, strict: bool = False) -> int:
        """Apply the records of a log this device does not write that were not read yet; how many. An older
        quizapp's events.log (`strict`) raises CorruptFile for damage, as it always did; other devices' logs and
        sync copies give their good records, and a tail still arriving is read next time."""
        start, crc = self._read.get(path.name, [0, ""])
        if strict:
            if start and ((crc and crc_before(path, start) != crc) or not record_ends_at(path, start)):
                start = 0  # changed since (an older quizapp elsewhere?): read again whole; nothing counts twice
            events, end = read_events(path, start, self.report)
        else:
            events, end, damaged = read_foreign(path, start, crc or None)
            if damaged:
                self.report.warnings.append(f"{path}: damaged; its good records were read, the rest passed over")
        for e in events:
            self._merge.apply(e)
            if e.device in (None, self.device):  # an older quizapp's events, a copy of this device's log:
                self._seq = max(self._seq, e.seq)  # this device numbers its new records after them
        self._read[path.name] = [end, crc_before(path, end) or ""]
        return len(events)

    def synced_changed(self) -> bool:
        """Whether refresh() may find anything: a log other than this device's own changed size or time, came or
        went, or the own log's file was replaced. Cheap enough to ask every few seconds (devices.logs_stamp)."""
        return logs_stamp(self.folder, self.log_path.name) != self._stamp

    def refresh(self) -> int:
        """Read what arrived in other devices' logs since opening (a sync tool brought it); how many events. This
        device's own log replaced meanwhile (a sync tool, a backup restore) is dealt with now, not at the next save,
        and said in `report.warnings`."""
        if self._log_fd is not None and not still_open(self.log_path, self._log_fd):
            self._replaced(self._log_fd)
        self._stamp = logs_stamp(self.folder, self.log_path.name)
        count = sum(self._read_other(p) for p in log_files(self.folder) if p.name not in (self.log_path.name, LOG))
        if count:
            self._history = None
            self._since_compact += count
            self.profile = replace(self.profile, settings=self._merge.settings_over(self.profile.settings))
        return count

    def _set_torn_tail_aside(self, log_path: Path, end: int) -> None:
        """Copy an unfinished last record to a side file, then cut it off so new records start clean (this
        device's own log only: no other device's file is ever written)."""
        tail = read_nofollow(log_path)[end:]
        atomic_write(aside_name(log_path, "torn"), tail)
        truncate_durably(log_path, end)

    def _read_cards(self, path: Path, extra: dict | None = None) -> int:
        """Load the states in a snapshot (from the progress cache when it holds this exact file); its log offset."""
        key = None
        if self._cache:
            try:
                raw = read_nofollow(path)
                key = self._cache.key(raw, os.stat(path, follow_symlinks=False))
            except OSError:
                raw = None
            hit = self._cache.get(key) if key else None
            if hit and (type(hit[0]) is int) == (extra is None):
                head, self._seq, self.states = hit
                if extra is None:
                    return head
                offset, logs, (packed, keys), changes = head
                extra.update(logs=logs, keys=keys, packed=packed, changes=changes)
                return offset
        offset, self._seq, states = read_cards(path, extra)
        if not self._cache:
            self.states = states
            return offset
        head = (
            offset
            if extra is None
            else self._head(offset, extra["logs"], (extra["packed"], extra["keys"]), extra["changes"])
        )
        if self._defer_cache and DEFER_FROM <= len(states) <= DEFER_CARDS:  # (else at once: see DeckCache.store)
            if key and not self.read_only:  # what the entry will hold, as read: copies nothing else changes
                self._cache_pending = (key, marshal.loads(marshal.dumps(head)), self._seq, dict(states))
            self.states = states
            return offset
        payload = progresscache.pack(head, self._seq, states)
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
        event = Event(
            seq=self._seq,
            type=type,
            card=state.card_id,
            at=at,
            state=state,
            device=self.device,
            **extra,  # type: ignore[arg-type]
        )
        self._merge.apply(event)
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
                self._log_end = durable_append(self.log_path, encode_event(event), fd=self._log())
            except OSError as e:
                n = len(self.pending)
                raise SaveFailed(
                    f"could not save to {self.log_path}: {e.strerror or e}. "
                    f"{counted(n, 'unsaved change')} {'is' if n == 1 else 'are'} kept in memory and will be retried."
                ) from None
            self.pending.pop(0)
            self._since_compact += 1
        self._reap_compaction()
        if self._since_compact >= max(COMPACT_EVERY, len(self.states)):
            self.compact_in_background()  # O(cards), so at most once per that many saves: O(1) per save on average

    def _log(self) -> int:
        """The log's fd, kept open between saves (reopened if the file was deleted or replaced meanwhile)."""
        if self._log_fd is not None and not still_open(self.log_path, self._log_fd):
            self._replaced(self._log_fd)
        if self._log_fd is None:
            self._log_fd = open_log(self.log_path)
        return self._log_fd

    def _replaced(self, fd: int) -> None:
        """This device's log was replaced or deleted while open (a sync tool, a backup restore): the records only
        the old file held are kept beside it (progress.devices.keep_replaced), and the snapshot covers the new
        file up to its last whole record."""
        kept, side = keep_replaced(fd, self.log_path)
        if side is not None:
            self.report.warnings.append(
                f"{self.log_path.name} was replaced while open; {counted(kept, 'record')} only the old file held "
                f"{'is' if kept == 1 else 'are'} kept "
                f"in {side.name} (read like another computer's log: nothing is lost)"
            )
        os.close(fd)
        self._log_fd = None
        try:
            data = read_nofollow(self.log_path)
        except OSError:
            data = b""
        _, self._log_end, bad, _ = scan(data)
        if bad is None and len(data) > self._log_end:  # a torn last record: new records start clean
            self._set_torn_tail_aside(self.log_path, self._log_end)
        self._since_compact += 1

    def save_profile(self, profile: Profile, at: datetime | None = None) -> None:
        """Save settings: the changes are logged as a "settings" event (so they merge with other devices', the
        latest of each winning), and profile.toml rewritten for people and older quizapps."""
        if self.read_only:
            raise SaveFailed(f"learner {self.learner!r} is open read-only here; settings cannot be saved")
        changes = settings_changes(self.profile.settings, profile.settings)
        save_profile(self.folder / PROFILE, profile)  # first: a disk that refuses raises OSError, nothing logged
        if changes:
            when = at or datetime.now(timezone.utc)
            self.record("settings", CardState(SETTINGS_CARD), when, settings=changes)
        self.profile = replace(profile, settings=self._merge.settings_over(profile.settings))

    # -- reading history ----------------------------------------------------------------------------
    def history(self) -> list[Event]:
        """Every event ever logged on every device, each once, in (time, device, seq) order (read once, then kept
        up to date). Damaged stretches of any log are left out with a warning, not raised mid-session."""
        if self._history is None:
            merged = merge(log_files(self.folder))
            for path in merged.damaged:
                self.report.warnings.append(f"{path}: damaged stretch(es) left out of the history")
            self._history = merged.events + [e for e in self.pending if e not in merged.events]
        return self._history

    def reviews(self) -> list[Event]:
        """Review events that were not undone (an undo names a seq of its own device)."""
        return live_reviews(self.history())
