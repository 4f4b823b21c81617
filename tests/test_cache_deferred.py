"""A first open does not wait for its cache entries: they are written a moment later, or at close, and hold exactly
what was read."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from quizapp import workspace
from quizapp.decks import library
from quizapp.decks.cache import DeckCache
from quizapp.progress import folder as progress_folder
from quizapp.progress.cache import ProgressCache
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import Rating, Scheduler
from quizapp.workspace import open_workspace

MINI = Path(__file__).parent / "fixtures" / "mini.toml"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
SCHED = Scheduler(enable_fuzzing=False)


def entries(home: Path, kind: str) -> list[Path]:
    folder = home / "cache" / kind
    return sorted(folder.glob("*.marshal")) if folder.exists() else []


def with_progress(home: Path, n: int = 12) -> None:
    """A learner "ann" with n reviewed cards in cards.toml (compacted), no cache entries."""
    with LearnerStore(home, "ann") as store:
        for i in range(n):
            state = SCHED.review(SCHED.new_card(f"c-{i}", NOW), Rating(3), NOW + timedelta(seconds=i), 900)
            store.record("review", state, NOW, rating=3, duration_ms=900, kind="basic")
        store.compact()


def cards_file(home: Path) -> Path:
    return next(home.rglob("cards-test.toml"))


@pytest.fixture(autouse=True)
def small_ones_deferred(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test decks and learners are small, and small entries are written at once: here they are deferred."""
    from quizapp.progress import store as progress_store

    monkeypatch.setattr(DeckCache, "DEFER_FROM", 1)
    monkeypatch.setattr(progress_store, "DEFER_FROM", 1)


@pytest.fixture
def no_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workspace, "CACHE_DELAY", 3600.0)  # written only when the test says


def test_a_first_open_writes_no_cache_before_it_returns(tmp_path: Path, no_timer: None) -> None:
    with_progress(tmp_path)
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False)
    try:
        assert entries(tmp_path, "decks") == [] and entries(tmp_path, "progress") == []
        assert ws.cache_timer is not None and ws.cache_timer.is_alive()
    finally:
        ws.close()
    assert len(entries(tmp_path, "decks")) == 1 and len(entries(tmp_path, "progress")) == 1
    assert ws.cache_timer is not None and not ws.cache_timer.is_alive()  # cancelled by close


def test_the_entries_come_a_moment_later_and_the_next_open_uses_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_progress(tmp_path)
    monkeypatch.setattr(workspace, "CACHE_DELAY", 0.0)
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False)
    try:
        assert ws.cache_timer is not None
        ws.cache_timer.join(10)
        assert len(entries(tmp_path, "decks")) == 1 and len(entries(tmp_path, "progress")) == 1
        first = (ws.library.decks[0].deck, dict(ws.store.states))
    finally:
        ws.close()
    deck_reads: list[object] = []
    monkeypatch.setattr(library, "parse_deck", lambda *a: deck_reads.append(a) or pytest.fail("deck parsed"))
    monkeypatch.setattr(progress_folder, "read_cards", lambda *a: pytest.fail("cards.toml parsed"))
    again = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False)
    try:
        assert again.cache_timer is None  # nothing was parsed, nothing to write
        assert (again.library.decks[0].deck, dict(again.store.states)) == first
    finally:
        again.close()


def test_an_open_from_the_caches_starts_no_timer(tmp_path: Path, no_timer: None) -> None:
    with_progress(tmp_path)
    open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False).close()
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False)
    ws.close()
    assert ws.cache_timer is None
    assert open_workspace(tmp_path, "ann", [MINI], cache=False).cache_timer is None


def test_the_progress_entry_holds_the_states_read_not_those_studied_since(tmp_path: Path, no_timer: None) -> None:
    with_progress(tmp_path)
    read = progress_folder.read_cards(cards_file(tmp_path))[2]
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False)
    try:
        state = SCHED.review(ws.store.states["c-1"], Rating(1), NOW + timedelta(days=3), 900)
        ws.store.record("review", state, NOW + timedelta(days=3), rating=1, duration_ms=900, kind="basic")
        ws.write_caches()
        raw = cards_file(tmp_path).read_bytes()
        cache = ProgressCache(tmp_path / "cache" / "progress", "ann")
        hit = cache.get(cache.key(raw, cards_file(tmp_path).stat()))
        assert hit is not None and hit[2] == read
        assert hit[2]["c-1"] != state == ws.store.states["c-1"]
    finally:
        ws.close()


def test_a_compaction_after_the_open_replaces_the_deferred_entry(tmp_path: Path, no_timer: None) -> None:
    with_progress(tmp_path)
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False)
    try:
        state = SCHED.review(ws.store.states["c-1"], Rating(1), NOW + timedelta(days=3), 900)
        ws.store.record("review", state, NOW + timedelta(days=3), rating=1, duration_ms=900, kind="basic")
        ws.store.compact()  # cards.toml rewritten, with its own entry
        assert not ws.store.cache_pending()
        ws.write_caches()  # nothing of the open's is written over it
        raw = cards_file(tmp_path).read_bytes()
        cache = ProgressCache(tmp_path / "cache" / "progress", "ann")
        hit = cache.get(cache.key(raw, cards_file(tmp_path).stat()))
        assert hit is not None and hit[2]["c-1"] == state
    finally:
        ws.close()


def test_a_deck_edited_before_the_entry_is_written_is_parsed_again(tmp_path: Path, no_timer: None) -> None:
    deck = tmp_path / "mini.toml"
    deck.write_bytes(MINI.read_bytes())
    ws = open_workspace(tmp_path, "ann", [deck], enable_fuzzing=False)
    first = ws.library.decks[0].deck
    deck.write_text(deck.read_text("utf-8").replace('title = "', 'title = "Edited ', 1), "utf-8")
    ws.close()  # writes the entry of the file as it was read
    cache = DeckCache(tmp_path / "cache" / "decks")
    again = library.load_deck(deck, cache)
    assert (cache.hits, cache.misses) == (0, 1)
    assert again.deck.deck.title == "Edited " + first.deck.title


def test_a_deferred_deck_entry_is_written_once(tmp_path: Path) -> None:
    cache = DeckCache(tmp_path / "cache", defer=True)
    loaded = library.load_deck(MINI, cache)
    assert cache.pending() and not (tmp_path / "cache").exists()
    cache.flush()
    cache.flush()
    assert not cache.pending() and len(list((tmp_path / "cache").glob("*.marshal"))) == 1
    again = DeckCache(tmp_path / "cache")
    assert library.load_deck(MINI, again).deck == loaded.deck and again.hits == 1


def test_a_read_only_open_writes_no_progress_entry(tmp_path: Path, no_timer: None) -> None:
    with_progress(tmp_path)
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False, read_only=True)
    assert not ws.store.cache_pending()
    ws.close()
    assert entries(tmp_path, "progress") == []


def test_big_decks_are_packed_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # packing later would add its memory to everything loaded: above DEFER_NOTES notes it is done at the open
    monkeypatch.setattr(DeckCache, "DEFER_NOTES", 5)
    head, first_note, *_ = MINI.read_text("utf-8").split("[[notes]]")
    small = tmp_path / "small.toml"
    small.write_text(f"{head}[[notes]]{first_note}", "utf-8")
    cache = DeckCache(tmp_path / "cache", defer=True)
    library.load_deck(MINI, cache)  # more notes than 5
    assert not cache.pending() and len(list((tmp_path / "cache").glob("*.marshal"))) == 1
    library.load_deck(small, cache)  # one note: deferred
    assert cache.pending() and len(list((tmp_path / "cache").glob("*.marshal"))) == 1


def test_many_cards_are_cached_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_timer: None) -> None:
    from quizapp.progress import store as progress_store

    with_progress(tmp_path, n=12)
    monkeypatch.setattr(progress_store, "DEFER_CARDS", 11)
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False)
    try:
        assert not ws.store.cache_pending() and len(entries(tmp_path, "progress")) == 1
    finally:
        ws.close()
    monkeypatch.setattr(progress_store, "DEFER_CARDS", 12)
    (entries(tmp_path, "progress")[0]).unlink()
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False)
    try:
        assert ws.store.cache_pending() and entries(tmp_path, "progress") == []
    finally:
        ws.close()


def test_a_failed_open_still_writes_the_deck_entries(tmp_path: Path, no_timer: None) -> None:
    from quizapp.errors import LearnerBusy

    with_progress(tmp_path)
    holder = LearnerStore(tmp_path, "ann").open()
    try:
        with pytest.raises(LearnerBusy):
            open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False)
        assert len(entries(tmp_path, "decks")) == 1  # the read-only open offered next takes the deck from it
    finally:
        holder.close()


def test_small_entries_are_written_at_the_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_timer: None) -> None:
    # under 2,000 notes (the bundled decks: 376) and cards, writing costs a few ms: done before the open returns, so
    # an app killed right after it (as the first-frame benchmark does) still finds them next time
    from quizapp.progress import store as progress_store

    monkeypatch.setattr(DeckCache, "DEFER_FROM", 13)  # MINI has 12 notes
    monkeypatch.setattr(progress_store, "DEFER_FROM", 13)  # with_progress: 12 cards
    with_progress(tmp_path)
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False)
    try:
        assert len(entries(tmp_path, "decks")) == 1 and len(entries(tmp_path, "progress")) == 1
        assert ws.cache_timer is None
    finally:
        ws.close()
