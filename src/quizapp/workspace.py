"""Everything a learner's session needs, opened from plain values: decks, progress store, scheduler."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from quizapp import memory
from quizapp.decks.cache import DeckCache
from quizapp.decks.library import Library, find_deck_files, load_library
from quizapp.decks.models import Note
from quizapp.progress.profile import Settings
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import Scheduler


@dataclass
class Workspace:
    home: Path
    learner: str
    library: Library
    store: LearnerStore
    scheduler: Scheduler
    enable_fuzzing: bool = True  # of the scheduler: kept for the one rebuilt when settings change
    warned: int = 0  # how many of store.report.warnings were given (those found at open: by whoever opened it)
    deck_cache: DeckCache | None = None
    cache_timer: threading.Timer | None = None  # writes the caches a first open deferred, a moment after it

    def notes(self, deck_id: str | None = None, tags: Sequence[str] = ()) -> list[Note]:
        """Notes of one deck (or all), optionally only those with any of `tags`; drafts left out."""
        decks = [d for d in self.library.decks if deck_id in (None, d.id)]
        notes = [n for d in decks for n in d.deck.notes if not n.draft]
        if tags:
            wanted = set(tags)
            notes = [n for n in notes if wanted & set(n.tags)]
        return notes

    def deck_of(self) -> dict[str, str]:
        """Note id -> deck id, for per-deck limits and new cards interleaved across decks."""
        return {n.id: d.id for d in self.library.decks for n in d.deck.notes}

    def links(self) -> dict[str, frozenset[str]]:
        """Note id -> the notes that teach the same fact (the deck format's same_as, read both ways)."""
        return same_fact_links(n for d in self.library.decks for n in d.deck.notes)

    def find_deck(self, name: str) -> str | None:
        """The id of the deck `name` means: its id, its file name (with or without .toml), or words of its
        title ('energy' for 'Pakistan–Russia: Energy'); None when no deck, or more than one, fits."""
        decks = self.library.decks
        wanted = name.strip().casefold()
        for fits in (
            lambda d: d.id.casefold() == wanted,
            lambda d: wanted in (d.path.name.casefold(), d.path.stem.casefold()),
            lambda d: all(w in d.title.casefold() for w in wanted.split()),
        ):
            found = [d.id for d in decks if fits(d)]
            if len(found) == 1:
                return found[0]
            if found:
                return None
        return None

    def all_tags(self) -> list[str]:
        return sorted({t for d in self.library.decks for n in d.deck.notes for t in n.tags})

    def synced_changed(self) -> bool:
        """Whether pick_up_synced() may find anything (cheap: a listing of the learner's folder, a stat per log)."""
        return self.store.synced_changed()

    def pick_up_synced(self) -> Synced:
        """Read what a sync tool brought into other devices' logs since the learner was opened (or last asked);
        settings changed there (steps, retention, fitted FSRS parameters...) get a scheduler built for them. Warnings
        found since the last ask (this device's own log replaced meanwhile...) are returned once."""
        before = self.store.profile.settings
        events = self.store.refresh()
        after = self.store.profile.settings
        changed = tuple(f.name for f in fields(Settings) if getattr(before, f.name) != getattr(after, f.name))
        if changed:
            self.scheduler = scheduler_for(after, enable_fuzzing=self.enable_fuzzing)
        warnings = self.store.report.warnings  # a damaged log is found again by each history(): said once
        new = tuple(dict.fromkeys(w for w in warnings[self.warned :] if w not in warnings[: self.warned]))
        self.warned = len(warnings)
        return Synced(events, changed, new)

    def write_caches(self) -> None:
        """Write the deck and progress cache entries the open deferred (any thread; each once), then give back the
        memory packing them used."""
        if self.deck_cache is not None:
            self.deck_cache.flush()
        self.store.write_cache()
        memory.give_back()

    def close(self) -> None:
        if self.cache_timer is not None:
            self.cache_timer.cancel()  # (its thread ends a moment later, or finishes a write already begun:
            if self.cache_timer is not threading.current_thread():  # wait, so nothing writes after close)
                self.cache_timer.join()
        if self.deck_cache is not None:
            self.deck_cache.flush()
        self.store.close()  # (writes the progress cache entry, unless a compaction made a newer one)


@dataclass(frozen=True)
class Synced:
    """What pick_up_synced() found: events that arrived, the settings whose merged value changed, new warnings."""

    events: int = 0
    changed: tuple[str, ...] = ()  # names of Settings fields
    warnings: tuple[str, ...] = ()

    @property
    def settings(self) -> bool:
        """Whether any setting changed."""
        return bool(self.changed)


def same_fact_links(notes: Iterable[Note]) -> dict[str, frozenset[str]]:
    """same_as links made symmetric: a note listed by another is linked back to it."""
    out: dict[str, set[str]] = {}
    for n in notes:
        for other in n.same_as:
            out.setdefault(n.id, set()).add(other)
            out.setdefault(other, set()).add(n.id)
    return {k: frozenset(v) for k, v in out.items()}


def scheduler_for(s: Settings, *, enable_fuzzing: bool = True) -> Scheduler:
    """The scheduler a learner's settings describe (their fitted FSRS parameters, steps, maximum interval)."""
    return Scheduler(
        s.desired_retention,
        enable_fuzzing=enable_fuzzing,
        day_start_hour=s.day_start_hour,
        parameters=s.fsrs_parameters,
        learning_steps=s.learning_steps,
        relearning_steps=s.relearning_steps,
        maximum_interval=s.maximum_interval,
    )


def open_workspace(
    home: Path,
    learner: str,
    deck_paths: Sequence[Path],
    *,
    read_only: bool = False,
    enable_fuzzing: bool = True,
    cache: bool = True,
) -> Workspace:
    """Load the decks and open the learner (raises LearnerBusy / CorruptFile with clear messages).

    Parsed decks and card states are cached under `home`/cache (see quizapp.decks.cache and quizapp.progress.cache)
    unless `cache` is False. Entries for what had to be parsed (a first open, a deck edited) are written
    CACHE_DELAY seconds later in a thread, or at close() if that comes first, so the first card does not wait for
    them (0.05-0.07 s at 10,000 notes); a process that dies before then parses again next time. Entries that cost
    little (under 2,000 notes, or cards) are written at once, as before, and so are very big ones (see
    DeckCache.store).
    """
    deck_cache = DeckCache(home / "cache" / "decks", defer=True) if cache else None
    library = load_library(find_deck_files(deck_paths), deck_cache)
    if deck_cache is not None and deck_cache.pending() < deck_cache.DEFER_FROM:
        deck_cache.flush()  # a few small decks (the bundled ones: 376 notes, 2 ms): now, so a killed app keeps them
    try:
        store = LearnerStore(home, learner, read_only=read_only, cache=cache, defer_cache=True).open()
    except BaseException:
        if deck_cache is not None:  # (busy, or a damaged snapshot: the decks open from the cache next time)
            deck_cache.flush()
        raise
    scheduler = scheduler_for(store.profile.settings, enable_fuzzing=enable_fuzzing)
    memory.give_back()  # what parsing freed (100,000 notes and states: 350 -> 250 MB); 3-7 ms
    ws = Workspace(home, learner, library, store, scheduler, enable_fuzzing, len(store.report.warnings), deck_cache)
    if cache and (store.cache_pending() or (deck_cache is not None and deck_cache.pending())):
        ws.cache_timer = threading.Timer(CACHE_DELAY, ws.write_caches)
        ws.cache_timer.daemon = True
        ws.cache_timer.start()
    return ws


CACHE_DELAY = 1.0  # seconds after an open that parsed something before its cache entries are written
