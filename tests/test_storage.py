"""Learner storage: round trip, torn log, lock, corrupt files, failed writes."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import uuid
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.errors import CorruptFile, LearnerBusy, SaveFailed
from quizapp.files import atomic
from quizapp.paths import BadName, learner_dir
from quizapp.progress.profile import Settings
from quizapp.progress.recovery import recover
from quizapp.progress.store import LearnerStore, read_events
from quizapp.scheduling.scheduler import Rating, Scheduler

LOG = "events-test.log"  # device "test"'s own files (conftest)

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
SCHED = Scheduler(enable_fuzzing=False)


def review_some(store: LearnerStore, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        state = SCHED.review(SCHED.new_card(f"c-{i}", NOW), Rating(i % 4 + 1), NOW, 1000)
        store.record("review", state, NOW + timedelta(seconds=i), rating=i % 4 + 1, duration_ms=1000, kind="basic")


def test_round_trip_with_and_without_compaction(tmp_path: Path) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        review_some(store, 30)
        before = dict(store.states)
    with LearnerStore(tmp_path, "ann") as store:
        assert store.states == before
        assert len(store.reviews()) == 30
        review_some(store, 5, start=30)
        store._since_compact = 0  # simulate a crash: no compaction at close
        before = dict(store.states)
    with LearnerStore(tmp_path, "ann") as store:
        assert store.states == before


def test_profile_settings_round_trip(tmp_path: Path) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        store.save_profile(replace(store.profile, settings=Settings(desired_retention=0.85, new_per_day=5)))
    with LearnerStore(tmp_path, "ann") as store:
        assert store.profile.settings.desired_retention == 0.85 and store.profile.settings.new_per_day == 5


def test_torn_last_record_is_dropped_with_a_warning_and_kept_aside(tmp_path: Path) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        review_some(store, 3)
        store._since_compact = 0
    log = learner_dir(tmp_path, "ann") / LOG
    with open(log, "ab") as f:
        f.write(b'[[event]]\nseq = 4\ntype = "rev')
    with LearnerStore(tmp_path, "ann") as store:
        assert len(store.states) == 3
        assert any("unfinished last record" in w for w in store.report.warnings)
        review_some(store, 1, start=10)
    side = list(learner_dir(tmp_path, "ann").glob(f"{LOG}.torn-*"))
    assert side and side[0].read_bytes().endswith(b'type = "rev')
    with LearnerStore(tmp_path, "ann") as store:
        assert len(store.states) == 4 and not store.report.warnings


def test_damaged_record_in_the_middle_is_reported_with_its_line(tmp_path: Path) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        review_some(store, 3)
        store._since_compact = 0
    log = learner_dir(tmp_path, "ann") / LOG
    data = log.read_bytes()
    log.write_bytes(data.replace(b"seq = 2", b"seq = 9", 1))
    with pytest.raises(CorruptFile) as info:
        LearnerStore(tmp_path, "ann").open()
    assert f"{log}:" in str(info.value) and "checksum" in str(info.value)
    assert log.read_bytes() == data.replace(b"seq = 2", b"seq = 9", 1)  # untouched


def test_corrupt_cards_file_is_left_untouched_and_recoverable_from_the_log(tmp_path: Path) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        review_some(store, 4)
        expected = dict(store.states)
    cards = learner_dir(tmp_path, "ann") / "cards-test.toml"
    cards.write_text(cards.read_text()[:50] + "\n[[[ garbage")
    mangled = cards.read_bytes()
    with pytest.raises(CorruptFile) as info:
        LearnerStore(tmp_path, "ann").open()
    assert str(cards) in str(info.value) and "left untouched" in str(info.value)
    assert cards.read_bytes() == mangled
    kept = recover(tmp_path, "ann")
    assert kept.read_bytes() == mangled
    with LearnerStore(tmp_path, "ann") as store:
        assert store.states == expected


def test_second_process_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        review_some(store, 1)
        code = (
            "import sys; from pathlib import Path; from quizapp.progress.store import LearnerStore\n"
            "from quizapp.errors import LearnerBusy\n"
            f"try: LearnerStore(Path({str(tmp_path)!r}), 'ann').open()\n"
            "except LearnerBusy as e: print(e); sys.exit(3)\n"
        )
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert run.returncode == 3
        assert f"pid {os.getpid()}" in run.stdout and "open in another quizapp" in run.stdout
        # a read-only view still works
        ro = LearnerStore(tmp_path, "ann", read_only=True).open()
        assert len(ro.states) == 1
        with pytest.raises(SaveFailed):
            review_some(ro, 1)
    with LearnerStore(tmp_path, "ann"):
        pass  # released on close


def test_same_process_second_open_is_refused(tmp_path: Path) -> None:
    with LearnerStore(tmp_path, "ann"), pytest.raises(LearnerBusy):
        LearnerStore(tmp_path, "ann").open()


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EACCES])
def test_failed_write_keeps_the_review_and_retries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int) -> None:
    store = LearnerStore(tmp_path, "ann").open()
    review_some(store, 2)
    log = learner_dir(tmp_path, "ann") / LOG
    good = log.read_bytes()
    real_write = os.write
    calls = {"n": 0}

    def failing_write(fd: int, data: bytes) -> int:
        calls["n"] += 1
        real_write(fd, bytes(data)[:10])  # a partial write, then the disk refuses
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(atomic.os, "write", failing_write)
    with pytest.raises(SaveFailed) as info:
        review_some(store, 1, start=2)
    assert os.strerror(err) in str(info.value) and "kept in memory" in str(info.value)
    assert log.read_bytes() == good  # the partial record was cut off
    assert len(store.pending) == 1 and "c-2" in store.states
    monkeypatch.setattr(atomic.os, "write", real_write)
    review_some(store, 1, start=3)  # the next save writes the pending one first
    assert not store.pending
    store.close()
    with LearnerStore(tmp_path, "ann") as again:
        assert {"c-0", "c-1", "c-2", "c-3"} <= set(again.states)


def test_atomic_write_leaves_old_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "f.toml"
    target.write_bytes(b"old")

    def boom(*a: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", boom)
    with pytest.raises(OSError):
        atomic.atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.toml"]


@pytest.mark.parametrize("name", ["..", "../x", "a/b", "a\\b", "", " x", "con", "x\x00", "é" * 65, "/etc"])
def test_learner_names_cannot_escape(tmp_path: Path, name: str) -> None:
    with pytest.raises(BadName):
        LearnerStore(tmp_path, name)


def test_undo_is_logged_and_excluded_from_reviews(tmp_path: Path) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        before = SCHED.new_card("c-1", NOW)
        after = SCHED.review(before, Rating.GOOD, NOW)
        ev = store.record("review", after, NOW, rating=3)
        store.record("undo", before, NOW, undoes=ev.seq)
        assert store.reviews() == []
    with LearnerStore(tmp_path, "ann") as store:
        assert store.states["c-1"] == before and store.reviews() == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ratings=st.lists(st.sampled_from(list(Rating)), min_size=1, max_size=15),
    cut=st.integers(min_value=0, max_value=4000),
)
def test_any_truncation_of_the_log_loads(tmp_path: Path, ratings: list[Rating], cut: int) -> None:
    """Whatever point a crash cuts the log at, it loads, keeping every complete record."""
    root = tmp_path / uuid.uuid4().hex
    store = LearnerStore(root, "ann").open()
    t = NOW
    state = SCHED.new_card("c", t)
    for r in ratings:
        state = SCHED.review(state, r, t)
        store.record("review", state, t, rating=int(r))
        t += timedelta(minutes=5)
    store._since_compact = 0
    store.close()
    log = learner_dir(root, "ann") / LOG
    data = log.read_bytes()
    cut = min(cut, len(data))
    log.write_bytes(data[:cut])
    complete, _ = read_events(log)
    with LearnerStore(root, "ann") as again:
        assert len(again.reviews()) == len(complete)
        if complete:
            assert again.states["c"] == complete[-1].state


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_garbage_log_never_crashes(tmp_path_factory: pytest.TempPathFactory, junk: bytes) -> None:
    root = tmp_path_factory.mktemp("junk")
    folder = learner_dir(root, "ann")
    folder.mkdir(parents=True)
    (folder / LOG).write_bytes(junk)
    try:
        with LearnerStore(root, "ann") as store:
            assert isinstance(store.states, dict)
    except CorruptFile as e:
        assert str(folder / LOG) in str(e)


def test_atomic_write_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "deck.toml"
    atomic.atomic_write(target, b"a")
    assert target.stat().st_mode & 0o777 == atomic._default_mode()
    os.chmod(target, 0o640)
    atomic.atomic_write(target, b"b")
    assert target.stat().st_mode & 0o777 == 0o640 and target.read_bytes() == b"b"


def test_record_cut_just_before_its_final_newline_is_a_torn_tail(tmp_path: Path) -> None:
    """A crash can cut the very last byte; the next record must not be glued onto that line."""
    with LearnerStore(tmp_path, "ann") as store:
        review_some(store, 3)
        store._since_compact = 0
    log = learner_dir(tmp_path, "ann") / LOG
    log.write_bytes(log.read_bytes()[:-1])
    with LearnerStore(tmp_path, "ann") as store:
        assert len(store.reviews()) == 2 and store.report.warnings
        review_some(store, 1, start=10)
    with LearnerStore(tmp_path, "ann") as store:
        assert [e.card for e in store.reviews()] == ["c-0", "c-1", "c-10"]


@pytest.mark.parametrize("stability", ["0.0", "-1.5"])
def test_a_state_fsrs_cannot_schedule_is_reported(tmp_path: Path, stability: str) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        review_some(store, 2)
    cards = learner_dir(tmp_path, "ann") / "cards-test.toml"
    text = cards.read_text("utf-8")
    bad = text.replace("stability = ", f"stability = {stability} # ", 1)
    assert bad != text
    cards.write_text(bad, "utf-8")
    with pytest.raises(CorruptFile, match="must be more than 0"):
        LearnerStore(tmp_path, "ann").open()
    assert cards.read_text("utf-8") == bad
