"""Compaction of a learner's progress: this device's snapshot (cards-<device>.toml) rewritten from the merged
states, now or in a background thread, so no key press waits for it. Durability is the logs': a snapshot that fails
or is cut off by a crash leaves the old one, and the logs replay the rest on the next open."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from quizapp.errors import SaveFailed
from quizapp.files.atomic import atomic_write
from quizapp.progress import cache as progresscache
from quizapp.progress.cache import ProgressCache
from quizapp.progress.layout import Merge
from quizapp.progress.log import LoadReport
from quizapp.progress.records import Event, encode_cards
from quizapp.scheduling.scheduler import CardState


class Compaction:
    """The snapshot-writing half of LearnerStore (which sets these attributes)."""

    folder: Path
    cards_path: Path
    log_path: Path
    read_only: bool
    pending: list[Event]
    states: dict[str, CardState]
    report: LoadReport
    compact_problem: str | None
    _cache: ProgressCache | None
    _merge: Merge
    _read: dict[str, list]
    _seq: int
    _log_end: int
    _since_compact: int
    _compactor: threading.Thread | None
    _compacted: tuple[int, str | None] | None
    _cache_pending: tuple | None  # (key, head, seq, states) of the entry for the cards.toml read at open
    _cache_lock: threading.Lock

    @staticmethod
    def _head(offset: int, logs: dict, keys: tuple, changes: dict) -> tuple:
        """What the progress cache keeps of a snapshot beside its states; `keys` as Merge.packed_keys() gives."""
        return (offset, logs, keys, changes)

    # -- compaction ---------------------------------------------------------------------------------
    def compact(self) -> None:
        """Rewrite cards.toml atomically with every state and the log offset they cover, now."""
        if self.pending or self.read_only:
            return
        self.wait_for_compaction()
        error = self._write_snapshot(self._log_end, self._seq, self.states, self._meta())
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
        covered, snapshot = self._since_compact, (self._log_end, self._seq, dict(self.states), self._meta())
        self._since_compact = 0

        def run() -> None:
            try:
                error = self._write_snapshot(*snapshot, pause=_yield)
            except Exception as e:  # never lose the count of saves it was to cover
                error = f"could not compact {self.cards_path}: {e}"
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

    def _meta(self) -> tuple[dict, tuple, dict]:
        """Copies of what a snapshot holds beside the states: how far each other log was read, the cards' keys,
        the settings changes."""
        return {k: list(v) for k, v in self._read.items()}, self._merge.packed_keys(), dict(self._merge.settings)

    def _write_snapshot(
        self,
        log_end: int,
        seq: int,
        states: dict[str, CardState],
        meta: tuple[dict, tuple, dict],
        pause: Callable[[], object] | None = None,
    ) -> str | None:
        """Write this device's snapshot (and its cache entry) for `states`; the error to show if it could not be
        written."""
        logs, keys, changes = meta
        raw = encode_cards(log_end, seq, states, pause, logs, keys, changes).encode("utf-8")
        path = self.cards_path
        try:
            atomic_write(path, raw)
        except OSError as e:
            return (
                f"could not write {path}: {e.strerror or e}. Nothing is lost: every review is in "
                f"{self.log_path.name}, and {path.name} is brought up to date from it next time"
            )
        if self._cache:
            with self._cache_lock:
                self._cache_pending = None  # this entry, for the file just written, replaces the one of the open
                try:
                    key = self._cache.key(raw, os.stat(path, follow_symlinks=False))
                    head = self._head(log_end, logs, keys, changes)
                    self._cache.put(key, progresscache.pack(head, seq, states, pause))
                except OSError:
                    pass
        return None

    def cache_pending(self) -> bool:
        """Whether the open deferred a progress cache entry that write_cache() has not written yet."""
        return self._cache_pending is not None

    def write_cache(self) -> None:
        """Write the progress cache entry for the cards.toml read at open, if it is still to be written (opened with
        `defer_cache`): after the first card is shown instead of before it (a pack and a write: 0.02 s at 10,000
        cards). A compaction since then wrote the entry of its own file, and this one is dropped. Any thread."""
        with self._cache_lock:
            pending, self._cache_pending = self._cache_pending, None
            if pending is not None and self._cache is not None:
                key, head, seq, states = pending
                self._cache.put(key, progresscache.pack(head, seq, states, _yield))


def _yield() -> None:
    """Let another thread (the UI's) run: a compaction thread calls this often, so no key press waits long."""
    time.sleep(0)
