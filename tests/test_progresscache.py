"""The progress cache: a hit only for the exact cards.toml it was made from, with the same states; else a miss."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.errors import CorruptFile
from quizapp.progress.cache import ProgressCache, pack
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import CardState, Rating, Scheduler

CARDS = "cards-test.toml"  # device "test"'s own files (conftest)

NOW = datetime(2026, 3, 2, 12, 0, 0, 123457, tzinfo=timezone.utc)
SCHED = Scheduler(enable_fuzzing=False)


def reviewed(home: Path, n: int = 40) -> dict[str, CardState]:
    with LearnerStore(home, "ann", cache=True) as store:
        for i in range(n):
            state = SCHED.review(SCHED.new_card(f"c-{i}", NOW), Rating(i % 4 + 1), NOW + timedelta(microseconds=i), 900)
            store.record("review", state, NOW, rating=i % 4 + 1, duration_ms=900, kind="basic")
        store.compact()
        return dict(store.states)


def entries(home: Path) -> list[Path]:
    folder = home / "cache" / "progress"
    return sorted(folder.glob("*.marshal")) if folder.exists() else []


def open_states(home: Path, **kw: bool) -> tuple[dict[str, CardState], ProgressCache | None]:
    store = LearnerStore(home, "ann", cache=True, **kw).open()
    try:
        return dict(store.states), store._cache
    finally:
        store.close()


def test_compaction_writes_an_entry_that_opens_to_the_same_states(tmp_path: Path, monkeypatch) -> None:
    before = reviewed(tmp_path)
    assert len(entries(tmp_path)) == 1
    calls = []
    monkeypatch.setattr("quizapp.files.tomlread.loads", lambda text: calls.append(text) or {})
    states, _ = open_states(tmp_path)
    assert states == before and not calls  # cards.toml was not parsed
    assert all(type(s) is CardState and s.due.tzinfo is timezone.utc for s in states.values())
    assert states["c-3"].last_review == before["c-3"].last_review  # microseconds exact


def test_no_cache_unless_asked(tmp_path: Path) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        store.compact()
    assert entries(tmp_path) == []


def test_edited_cards_file_is_a_miss_and_wins(tmp_path: Path) -> None:
    reviewed(tmp_path)
    cards = next(tmp_path.rglob(CARDS))
    st_ = cards.stat()
    text = cards.read_text("utf-8")
    edited = text.replace("due = 2026-", "due = 2027-", 1)  # same size
    assert edited != text and len(edited) == len(text)
    cards.write_text(edited, "utf-8")
    os.utime(cards, ns=(st_.st_atime_ns, st_.st_mtime_ns))  # same mtime: only the hash tells
    states, _ = open_states(tmp_path)
    assert [s.due.year for s in states.values() if s.due and s.due.year != 2026] == [2027]


def test_corrupt_cards_file_is_still_reported_even_with_an_entry(tmp_path: Path) -> None:
    reviewed(tmp_path)
    cards = next(tmp_path.rglob(CARDS))
    cards.write_bytes(cards.read_bytes()[:-40] + b"\x00garbage")
    with pytest.raises(CorruptFile):
        open_states(tmp_path)


@pytest.mark.parametrize("damage", ["empty", "flip", "truncate", "foreign"])
def test_damaged_entry_is_a_miss(tmp_path: Path, damage: str) -> None:
    before = reviewed(tmp_path)
    entry = entries(tmp_path)[0]
    data = entry.read_bytes()
    entry.write_bytes(
        {
            "empty": b"",
            "flip": data[:-5] + bytes([data[-5] ^ 1]) + data[-4:],
            "truncate": data[: len(data) // 2],
            "foreign": b"QZCARDS1\n{}\n\x00",
        }[damage]
    )
    states, _ = open_states(tmp_path)
    assert states == before


def test_read_only_window_does_not_write_entries(tmp_path: Path) -> None:
    reviewed(tmp_path)
    for e in entries(tmp_path):
        e.unlink()
    open_states(tmp_path, read_only=True)
    assert entries(tmp_path) == []
    open_states(tmp_path)
    assert len(entries(tmp_path)) == 1


times = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(timezone.utc)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.builds(
            CardState,
            card_id=st.from_regex(r"[a-z0-9][a-z0-9._~-]{0,20}", fullmatch=True),
            state=st.integers(1, 3),
            step=st.one_of(st.none(), st.integers(0, 5)),
            stability=st.one_of(st.none(), st.floats(0.01, 1e6)),
            difficulty=st.one_of(st.none(), st.floats(1, 10)),
            due=times,
            last_review=times,
            suspended=st.booleans(),
            buried_until=times,
            flag=st.integers(0, 7),
        ),
        max_size=20,
    )
)
def test_any_states_round_trip_exactly(tmp_path: Path, states: list[CardState]) -> None:
    cache = ProgressCache(tmp_path / "cache", "ann")
    by_id = {s.card_id: s for s in states}
    key = {"k": len(by_id)}
    cache.put(key, pack(7, 9, by_id))
    hit = cache.get(key)
    assert hit is not None and hit[:2] == (7, 9) and hit[2] == by_id
    assert cache.get({"k": -1}) is None


def test_a_miss_gives_the_same_states_as_no_cache_in_utc(tmp_path: Path) -> None:
    reviewed(tmp_path)
    cards = next(tmp_path.rglob(CARDS))
    text = cards.read_text("utf-8")
    first_due = next(line for line in text.splitlines() if line.startswith("due = "))
    local = datetime.fromisoformat(first_due[6:]).astimezone(timezone(timedelta(hours=5)))
    cards.write_text(text.replace(first_due, f"due = {local.isoformat()}", 1), "utf-8")  # same time, +05:00
    for e in entries(tmp_path):
        e.unlink()
    with LearnerStore(tmp_path, "ann") as store:  # no cache: cards.toml read as it is
        plain = dict(store.states)
    states, _ = open_states(tmp_path)  # a miss: read, written to the cache, rebuilt from it
    assert states == plain and len(entries(tmp_path)) == 1
    assert all(s.due.tzinfo is timezone.utc for s in states.values())
    assert open_states(tmp_path)[0] == plain  # and the entry it wrote is a hit with the same states
