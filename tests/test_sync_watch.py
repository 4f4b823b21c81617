"""Issue 20: the cheap look a running app takes every few seconds (Workspace.synced_changed) says "changed" exactly
when a pick-up may find something: another device's log grew, came or was replaced, or this device's own log file
was replaced; never for this device's own reviews. A warning pick-up finds (this device's log replaced while open)
is given once."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from quizapp.paths import learner_dir
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import Rating, Scheduler
from quizapp.workspace import Synced, Workspace, open_workspace

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
MINI = Path(__file__).parent / "fixtures" / "mini.toml"
SCHED = Scheduler(enable_fuzzing=False)
OWN_LOG = "events-test.log"  # device "test"'s (conftest)


def review(store: LearnerStore, card: str, minutes: int = 0) -> None:
    state = SCHED.review(SCHED.new_card(card, NOW), Rating.GOOD, NOW)
    store.record("review", state, NOW + timedelta(minutes=minutes), rating=3)


def on_desk(home: Path, monkeypatch: pytest.MonkeyPatch, *cards: str, device: str = "desk") -> None:
    """The other computer ("desk") reviews cards; a sync tool brings its log here."""
    monkeypatch.setenv("QUIZAPP_DEVICE", device)
    with LearnerStore(home, "ann") as desk:
        for card in cards:
            review(desk, card, 1)
    monkeypatch.setenv("QUIZAPP_DEVICE", "test")


def put(path: Path, data: bytes) -> None:
    """Write a file as a sync tool does: a temporary file renamed into place."""
    tmp = path.with_name(path.name + ".tmp-sync")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    with LearnerStore(tmp_path, "ann") as store:  # this device has a log already
        review(store, "m-01")
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False, cache=False)
    yield ws
    ws.close()


def test_own_reviews_are_no_change_another_devices_are(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not ws.synced_changed()
    review(ws.store, "m-02", 2)
    review(ws.store, "m-03", 3)
    assert not ws.synced_changed()  # this device's own log grew: nothing to pick up
    on_desk(ws.home, monkeypatch, "m-04")  # a new log arrives
    assert ws.synced_changed()
    assert ws.pick_up_synced() == Synced(1)
    assert not ws.synced_changed()
    on_desk(ws.home, monkeypatch, "m-05")  # the same log grows
    assert ws.synced_changed()
    assert ws.pick_up_synced() == Synced(1)
    assert not ws.synced_changed()


def test_a_conflict_copy_arriving_is_a_change(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    on_desk(ws.home, monkeypatch, "m-04")
    ws.pick_up_synced()
    folder = learner_dir(ws.home, "ann")
    copy = folder / "events-desk.sync-conflict-20260302-120000-ABCDEFG.log"
    copy.write_bytes((folder / "events-desk.log").read_bytes())
    states = dict(ws.store.states)
    assert ws.synced_changed()
    assert ws.pick_up_synced() == Synced(1)  # read: its record is the one read before, so nothing changes
    assert ws.store.states == states and len(ws.store.reviews()) == 2
    assert not ws.synced_changed()


def test_a_log_replaced_while_open_is_warned_about_at_pick_up_once(ws: Workspace) -> None:
    folder = learner_dir(ws.home, "ann")
    older = (folder / OWN_LOG).read_bytes()  # m-01's review
    review(ws.store, "m-02", 2)
    review(ws.store, "m-03", 3)
    states = dict(ws.store.states)
    put(folder / OWN_LOG, older)  # a sync tool brings back an older copy of this device's own log
    assert ws.synced_changed()
    found = ws.pick_up_synced()
    assert len(found.warnings) == 1
    assert f"{OWN_LOG} was replaced while open; 2 records only the old file held are kept in" in found.warnings[0]
    (kept,) = folder.glob(f"{OWN_LOG}.replaced-*")
    assert f"kept in {kept.name} (read like another computer's log" in found.warnings[0]
    assert ws.store.states == states
    assert ws.pick_up_synced() == Synced(0)  # said once
    assert not ws.synced_changed()
    review(ws.store, "m-04", 4)
    assert ws.pick_up_synced().warnings == ()


def test_warnings_given_at_open_are_not_given_again(tmp_path: Path) -> None:
    folder = learner_dir(tmp_path, "ann")
    with LearnerStore(tmp_path, "ann") as store:
        review(store, "m-01")
    with (folder / OWN_LOG).open("ab") as f:
        f.write(b"[[event]]\nseq = 2\n")  # a crash mid-record: set aside at open, with a warning
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False, cache=False)
    try:
        assert ws.store.report.warnings  # the opener shows these (the app does, as notifications)
        assert ws.pick_up_synced() == Synced(0)
    finally:
        ws.close()


def test_a_damaged_log_found_again_by_each_history_is_warned_about_once(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = learner_dir(ws.home, "ann")
    on_desk(ws.home, monkeypatch, "m-04", "m-05")
    theirs = folder / "events-desk.log"
    data = theirs.read_bytes()
    end = data.index(b'crc = "') + len(b'crc = "00000000"\n')
    put(theirs, data[:end] + b"garbage\n" + data[end:])  # damaged between its records, as it arrived here
    ws.pick_up_synced()
    ws.store.history()
    first = ws.pick_up_synced().warnings
    assert len(first) == 1 and "events-desk.log: damaged stretch(es) left out of the history" in first[0]
    on_desk(ws.home, monkeypatch, "m-06", device="phone")  # a third computer: the history is read again
    assert ws.pick_up_synced().events == 1
    ws.store.history()
    assert ws.pick_up_synced().warnings == ()
