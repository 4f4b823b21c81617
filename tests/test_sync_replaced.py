"""Issue 20: a sync tool (or a backup restore) puts an older copy of this device's own log in its place. Nothing is
lost: a newer copy the tool kept is read like any log (no damage reported), new records number after every record
of this device in the folder, and with no newer copy anywhere the message says what is gone and Recover keeps every
card state. A log replaced while the learner is open keeps the records only the old file held beside it."""

from __future__ import annotations

import os
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from quizapp.errors import CorruptFile
from quizapp.paths import learner_dir
from quizapp.progress.recovery import check, repair
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import CardState, Rating, Scheduler

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
SCHED = Scheduler(enable_fuzzing=False)
LOG, CARDS = "events-test.log", "cards-test.toml"  # device "test"'s own files (conftest)
CONFLICT = "events-test.sync-conflict-20260302-120000-ABCDEFG.log"  # Syncthing's name for the side it set aside


def review(store: LearnerStore, i: int) -> int:
    state = SCHED.review(SCHED.new_card(f"c-{i}", NOW), Rating.GOOD, NOW)
    return store.record("review", state, NOW + timedelta(minutes=i), rating=3).seq


def studied(root: Path) -> tuple[Path, bytes, bytes, dict[str, CardState]]:
    """Seven reviews (the older copies of the log and the snapshot taken then), then three more; the folder, the
    older log, the older snapshot and the states after all ten."""
    folder = learner_dir(root, "ann")
    with LearnerStore(root, "ann") as store:
        for i in range(7):
            review(store, i)
    older_log, older_cards = (folder / LOG).read_bytes(), (folder / CARDS).read_bytes()
    with LearnerStore(root, "ann") as store:
        for i in range(7, 10):
            review(store, i)
        return folder, older_log, older_cards, dict(store.states)


def put(path: Path, data: bytes) -> None:
    """Write a file as a sync tool does: a temporary file renamed into place."""
    tmp = path.with_name(path.name + ".tmp-sync")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def test_an_older_copy_with_the_newer_one_kept_aside_opens_with_nothing_lost(tmp_path: Path) -> None:
    folder, older_log, _, states = studied(tmp_path)
    os.replace(folder / LOG, folder / CONFLICT)  # the tool keeps the newer side under a conflict name...
    put(folder / LOG, older_log)  # ...and the older one under the log's name
    assert check(tmp_path, "ann") == []  # not damage
    with LearnerStore(tmp_path, "ann") as store:
        assert store.states == states and len(store.reviews()) == 10
        assert any(CONFLICT in w and "nothing is lost" in w for w in store.report.warnings)
        seq = review(store, 20)
        assert seq == 11  # after every record of this device, the kept copy's too
        store.record("undo", SCHED.new_card("c-20", NOW), NOW + timedelta(hours=1), undoes=seq)
    with LearnerStore(tmp_path, "ann") as store:  # the snapshot fits the log again: no warning
        assert store.report.warnings == []
        assert len(store.reviews()) == 10
        assert store.states == states | {"c-20": SCHED.new_card("c-20", NOW)}  # the undo put c-20 back as new
    assert check(tmp_path, "ann") == []


def test_both_files_replaced_by_older_copies_number_new_records_after_the_kept_ones(tmp_path: Path) -> None:
    """The snapshot is an older copy too, so nothing looks wrong: the newer log's records still come in from the
    copy, and a new record must not take the number of one of them (an undo names a number of its own device)."""
    folder, older_log, older_cards, states = studied(tmp_path)
    os.replace(folder / LOG, folder / CONFLICT)
    put(folder / LOG, older_log)
    put(folder / CARDS, older_cards)
    with LearnerStore(tmp_path, "ann") as store:
        assert store.states == states
        seq = review(store, 20)
        assert seq == 11
        store.record("undo", SCHED.new_card("c-20", NOW), NOW + timedelta(hours=1), undoes=seq)
        assert len(store.reviews()) == 10  # the undo took back its own review only
    with LearnerStore(tmp_path, "ann") as store:
        assert len(store.reviews()) == 10


def test_an_older_copy_and_no_newer_one_is_reported_clearly_and_recover_keeps_every_state(tmp_path: Path) -> None:
    folder, older_log, _, states = studied(tmp_path)
    put(folder / LOG, older_log)  # the three later records are in no file now; their states only in the snapshot
    with pytest.raises(CorruptFile) as raised:
        LearnerStore(tmp_path, "ann").open()
    message = str(raised.value)
    assert "replaced by an older copy" in message
    assert "records after number 7 (up to 10) are in no log here" in message
    assert f"Recover keeps every card state {CARDS} holds" in message
    assert [p.message for p in check(tmp_path, "ann")] == [
        f"{len(older_log)} bytes, but {CARDS} includes {_offset(folder)}: cut short, or replaced by an older copy"
    ]
    result = repair(tmp_path, "ann")
    assert result.problems == [] and [p.name for p in result.kept] == [
        p.name for p in folder.glob(f"{CARDS}.corrupt-*")
    ]
    with LearnerStore(tmp_path, "ann") as store:
        assert store.states == states  # never less than the snapshot held
        assert len(store.reviews()) == 7
        assert review(store, 20) == 11


def _offset(folder: Path) -> int:
    return tomllib.loads((folder / CARDS).read_text())["log_offset"]


@pytest.mark.parametrize("torn", [False, True])
@pytest.mark.parametrize("then", ["review", "close"])
def test_a_log_replaced_while_open_keeps_what_only_the_old_file_held(tmp_path: Path, then: str, torn: bool) -> None:
    folder, older_log, _, _ = studied(tmp_path)
    store = LearnerStore(tmp_path, "ann").open()
    for i in range(10, 13):
        review(store, i)
    expected = dict(store.states)
    half = older_log[: len(older_log) // 7 // 2] if torn else b""  # a copy cut inside a record, too
    put(folder / LOG, older_log + half)  # seven records: the old file's last six are only in the file still open
    if then == "review":
        review(store, 13)
        expected = dict(store.states)
    store.close()
    kept = list(folder.glob(f"{LOG}.replaced-*"))
    assert len(kept) == 1
    assert check(tmp_path, "ann") == []
    with LearnerStore(tmp_path, "ann") as store:
        assert store.states == expected
        assert len(store.reviews()) == (14 if then == "review" else 13)
        assert review(store, 30) == (15 if then == "review" else 14)


def test_an_emptied_log_whose_copy_was_read_before_is_warned_about_once(tmp_path: Path) -> None:
    """A sync tool once kept a copy of this log (read, and noted in the snapshot); later it empties the log
    itself. The first open says so, and writes the snapshot again so the next open has nothing to say."""
    folder, _, _, states = studied(tmp_path)
    (folder / CONFLICT).write_bytes((folder / LOG).read_bytes())
    with LearnerStore(tmp_path, "ann") as store:  # reads the copy (nothing new) and notes how far
        store.compact()
    put(folder / LOG, b"")
    with LearnerStore(tmp_path, "ann") as store:
        assert any("nothing is lost" in w for w in store.report.warnings)
        assert store.states == states
    with LearnerStore(tmp_path, "ann") as store:
        assert store.report.warnings == [] and store.states == states and len(store.reviews()) == 10
