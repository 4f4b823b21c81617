"""Issue 20: settings (and fitted FSRS parameters) that arrive by sync while the learner is open are used at once:
the workspace builds their scheduler, and a running session plans its remaining cards again (the card on screen
stays first, as it is)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fsrs
import pytest

from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import Phase, Rating, Scheduler
from quizapp.study.queue import DayContext
from quizapp.study.session import StudySession
from quizapp.workspace import Synced, open_workspace

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
MINI = Path(__file__).parent / "fixtures" / "mini.toml"
FITTED = tuple(round(w * 1.1, 4) for w in fsrs.scheduler.DEFAULT_PARAMETERS)  # 21 weights, not the defaults


def on_desk(home: Path, monkeypatch: pytest.MonkeyPatch, at: datetime = NOW, **changes: object) -> None:
    """The learner changes settings on the other computer ("desk"), and a sync tool brings its log here."""
    monkeypatch.setenv("QUIZAPP_DEVICE", "desk")
    with LearnerStore(home, "ann") as desk:
        desk.save_profile(replace(desk.profile, settings=replace(desk.profile.settings, **changes)), at=at)
    monkeypatch.setenv("QUIZAPP_DEVICE", "test")


def test_settings_synced_in_while_open_rebuild_the_scheduler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False, cache=False)
    try:
        first = ws.scheduler
        assert ws.pick_up_synced() == Synced(0)  # nothing arrived: the same scheduler
        assert ws.scheduler is first
        on_desk(tmp_path, monkeypatch, learning_steps=(5, 60), fsrs_parameters=FITTED, desired_retention=0.85)
        assert ws.pick_up_synced() == Synced(1, ("desired_retention", "learning_steps", "fsrs_parameters"))
        assert ws.store.profile.settings.learning_steps == (5, 60)
        card = ws.scheduler.new_card("x", NOW)
        assert ws.scheduler.review(card, Rating.AGAIN, NOW).due == NOW + timedelta(minutes=5)
        assert ws.scheduler.review(card, Rating.GOOD, NOW).due == NOW + timedelta(minutes=60)
        assert ws.scheduler.parameters == FITTED
        known = replace(ws.scheduler.review(card, Rating.GOOD, NOW - timedelta(days=9)), due=NOW)
        wanted = Scheduler(0.85, enable_fuzzing=False, parameters=FITTED, learning_steps=(5, 60))
        assert ws.scheduler.preview(known, NOW) == wanted.preview(known, NOW)  # the retention too
        assert ws.scheduler.preview(known, NOW) != first.preview(known, NOW)
        assert ws.pick_up_synced() == Synced(0)  # read once
    finally:
        ws.close()


def test_reviews_synced_in_keep_the_scheduler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False, cache=False)
    try:
        first = ws.scheduler
        monkeypatch.setenv("QUIZAPP_DEVICE", "desk")
        with LearnerStore(tmp_path, "ann") as desk:
            state = first.review(first.new_card("x", NOW), Rating.GOOD, NOW)
            desk.record("review", state, NOW, rating=3)
        monkeypatch.setenv("QUIZAPP_DEVICE", "test")
        assert ws.pick_up_synced() == Synced(1)
        assert ws.scheduler is first and ws.store.states["x"] == state
    finally:
        ws.close()


def session_for(ws) -> StudySession:  # noqa: ANN001 - a Workspace
    return StudySession(
        ws.store, ws.scheduler, ws.notes(), clock=lambda: NOW, context=DayContext(ws.deck_of(), ws.links())
    )


def test_a_running_session_replans_with_synced_settings_and_keeps_the_card_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False, cache=False)
    try:
        session = session_for(ws)
        session.rate(Rating.GOOD)  # one new card done here today (it waits 10 minutes in learning)
        shown = session.current()
        assert shown is not None and session.remaining == 12  # 11 new cards + the one in learning
        on_desk(tmp_path, monkeypatch, new_per_day=3, learning_steps=(30, 90))
        synced = ws.pick_up_synced()
        assert synced.settings
        session.replan(ws.scheduler, keep=shown.card_id)
        assert session.current() == shown  # still the card on screen
        c = session.counts()
        assert (c.new, c.learning) == (2, 1)  # 3 a day, 1 done: the card shown and one more; the learning card
        assert session.previews()[Rating.GOOD] == timedelta(minutes=90)  # the new steps, for the card shown too
        after = session.rate(Rating.AGAIN)
        assert after.phase == Phase.LEARNING and after.due == NOW + timedelta(minutes=30)
        assert session.settings.new_per_day == 3
    finally:
        ws.close()


def test_a_review_synced_in_takes_its_card_out_of_the_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False, cache=False)
    try:
        session = session_for(ws)
        shown = session.current()
        assert shown is not None
        other = session._queue[1]
        monkeypatch.setenv("QUIZAPP_DEVICE", "desk")
        with LearnerStore(tmp_path, "ann") as desk:  # the other computer learnt the next card already
            state = ws.scheduler.review(ws.scheduler.new_card(other, NOW), Rating.EASY, NOW)
            desk.record("review", state, NOW, rating=4)
        monkeypatch.setenv("QUIZAPP_DEVICE", "test")
        assert ws.pick_up_synced() == Synced(1)
        session.replan(ws.scheduler, keep=shown.card_id)
        assert session.current() == shown
        assert other not in session._queue and session.remaining == 11
    finally:
        ws.close()


def test_custom_study_keeps_its_cards_and_takes_the_new_scheduler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = open_workspace(tmp_path, "ann", [MINI], enable_fuzzing=False, cache=False)
    try:
        session = session_for(ws)
        cards = [session.by_id[c] for c in list(session.by_id)[:3]]
        custom = StudySession(ws.store, ws.scheduler, ws.notes(), clock=lambda: NOW, cards=cards)
        on_desk(tmp_path, monkeypatch, new_per_day=1, learning_steps=(7, 70))
        ws.pick_up_synced()
        custom.replan(ws.scheduler, keep=cards[0].card_id)
        assert custom.remaining == 3 and custom.current() == cards[0]
        assert custom.previews()[Rating.AGAIN] == timedelta(minutes=7)
    finally:
        ws.close()
