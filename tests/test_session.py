"""Study sessions and quizzes without UI, on a fixed clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from tests.conftest import Clock

from quizapp.progress.profile import Settings
from quizapp.quiz.questions import build_quiz
from quizapp.scheduling.scheduler import CardState, Phase, Rating, Scheduler
from quizapp.study.counts import deck_counts
from quizapp.study.session import StudySession, auto_rating

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def make(store, notes, clock=None, **kw) -> StudySession:
    sched = Scheduler(enable_fuzzing=False, day_start_hour=4)
    return StudySession(store, sched, notes, clock=clock or Clock(), **kw)


def test_new_cards_respect_the_daily_limit(store, notes) -> None:
    store.save_profile(replace(store.profile, settings=Settings(new_per_day=5)))
    session = make(store, notes)
    assert session.counts().new == 5


def test_rating_saves_before_returning_and_requeues_learning(store, notes) -> None:
    clock = Clock()
    session = make(store, notes, clock)
    first = session.current()
    session.rate(Rating.AGAIN, 2000)
    assert store.states[first.card_id].phase is Phase.LEARNING
    assert [e.card for e in store.reviews()] == [first.card_id]
    assert first.card_id in session._queue  # asked again later today


def test_undo_restores_state_and_asks_again(store, notes) -> None:
    session = make(store, notes)
    card = session.current()
    before = session.state(card.card_id)
    session.rate(Rating.GOOD)
    assert session.undo().card_id == card.card_id
    assert session.current().card_id == card.card_id
    assert session.state(card.card_id) == before
    assert store.reviews() == []


def test_bury_hides_until_the_next_day(store, notes) -> None:
    clock = Clock()
    session = make(store, notes, clock)
    card = session.bury()
    assert card.card_id not in session._queue
    assert make(store, notes, clock).current().card_id != card.card_id
    clock.now = NOW + timedelta(days=1)
    ids = make(store, notes, clock)._queue
    assert card.card_id in ids


def test_suspend_and_flag(store, notes) -> None:
    session = make(store, notes)
    card = session.current()
    assert session.flag() == 1  # the toggle: red
    assert store.states[card.card_id].flag == 1
    assert session.flag(3) == 3  # another colour replaces it
    assert session.flag(3) == 0  # the same again clears it
    assert session.flag(2) == 2 and session.flag() == 0  # the toggle clears any colour
    assert [e.type for e in store.history()[-5:]] == ["flag", "flag", "unflag", "flag", "unflag"]
    session.flag(4)
    session.suspend()
    assert store.states[card.card_id].suspended and store.states[card.card_id].flag == 4
    assert card.card_id not in make(store, notes)._queue


def test_a_whole_day_then_nothing_is_due(store, notes) -> None:
    clock = Clock()
    session = make(store, notes, clock)
    while session.current() is not None:
        session.rate(Rating.EASY)
        clock.now += timedelta(seconds=10)
    assert session.done == 12
    summary = session.summary()
    assert summary.studied == 12 and summary.again_rate == 0 and summary.next_due > clock.now
    assert make(store, notes, clock).current() is None
    counts = deck_counts(store, session.scheduler, notes, clock.now)
    assert (counts.new, counts.learning, counts.due) == (0, 0, 0)


def test_practice_does_not_touch_the_schedule(store, notes) -> None:
    session = make(store, notes, reschedule=False, cards=None)
    card = session.current()
    session.rate(Rating.AGAIN)
    assert card.card_id not in store.states or store.states[card.card_id].last_review is None
    assert store.reviews() == []


def test_auto_rating() -> None:
    stable = CardState("x", state=2, stability=30.0, last_review=NOW, due=NOW)
    new = CardState("x")
    assert auto_rating(False, 3, stable) is Rating.AGAIN
    assert auto_rating(True, 40, stable) is Rating.HARD
    assert auto_rating(True, 3, stable) is Rating.EASY
    assert auto_rating(True, 3, new) is Rating.GOOD


def test_same_seed_same_quiz_and_every_kind(notes) -> None:
    a = build_quiz(notes, count=8, seed="class-1")
    b = build_quiz(list(reversed(notes)), count=8, seed="class-1")
    assert a == b
    kinds = {q.kind for q in build_quiz(notes, count=12, seed=1)}
    assert {"ordering", "matching"} <= kinds and len(kinds) >= 5
    for q in build_quiz(notes, count=12, seed=2, kinds=["choice"]):
        assert len(q.options) == 4 and q.options[q.correct[0]] == q.answer


def test_multi_item_kinds_fill_the_quiz_when_one_kind_is_impossible(notes) -> None:
    dated_only = [n._replace(match=None) for n in notes]  # no pairs: matching is impossible
    quiz = build_quiz(dated_only, count=3, kinds=["ordering", "matching"], seed=5)
    assert [q.kind for q in quiz] == ["ordering"] * 3
    assert len({q.note_ids for q in quiz}) == 3
