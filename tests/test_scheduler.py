"""Scheduling with a fixed UTC clock and no fuzzing."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from quizapp.scheduling.scheduler import Phase, Rating, Scheduler, format_interval

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def sched() -> Scheduler:
    return Scheduler(enable_fuzzing=False)


def test_new_card_is_new_and_due_now(sched: Scheduler) -> None:
    card = sched.new_card("n-1", NOW)
    assert card.phase is Phase.NEW and card.due == NOW


def test_previews_grow_with_the_rating(sched: Scheduler) -> None:
    p = sched.preview(sched.new_card("n-1", NOW), NOW)
    assert p[Rating.AGAIN] < p[Rating.HARD] < p[Rating.GOOD] <= p[Rating.EASY]
    assert format_interval(p[Rating.AGAIN]) == "1m"
    assert format_interval(p[Rating.HARD]) == "6m"  # FSRS: halfway between the 1m and 10m steps


def test_review_moves_card_to_review_and_is_deterministic(sched: Scheduler) -> None:
    card = sched.new_card("n-1", NOW)
    card = sched.review(card, Rating.EASY, NOW)
    assert card.phase is Phase.REVIEW
    again = sched.review(sched.new_card("n-1", NOW), Rating.EASY, NOW)
    assert again == card
    later = sched.review(card, Rating.GOOD, card.due)
    assert later.due - card.due > card.due - NOW  # intervals grow


def test_again_on_a_review_card_relearns(sched: Scheduler) -> None:
    card = sched.review(sched.new_card("n-1", NOW), Rating.EASY, NOW)
    lapsed = sched.review(card, Rating.AGAIN, card.due)
    assert lapsed.phase is Phase.RELEARNING
    assert lapsed.due - card.due == timedelta(minutes=10)


def test_desired_retention_changes_intervals() -> None:
    strict = Scheduler(0.97, enable_fuzzing=False)
    loose = Scheduler(0.8, enable_fuzzing=False)
    s_card = strict.review(strict.new_card("a", NOW), Rating.EASY, NOW)
    l_card = loose.review(loose.new_card("a", NOW), Rating.EASY, NOW)
    assert s_card.due < l_card.due


def test_retrievability_falls_with_time(sched: Scheduler) -> None:
    card = sched.review(sched.new_card("n-1", NOW), Rating.GOOD, NOW)
    assert sched.retrievability(sched.new_card("x", NOW), NOW) is None
    assert sched.retrievability(card, NOW + timedelta(days=1)) > sched.retrievability(card, NOW + timedelta(days=30))


def test_day_boundary_at_four_am() -> None:
    sched = Scheduler(enable_fuzzing=False, day_start_hour=4)
    utc = timezone.utc
    assert sched.day_start(datetime(2026, 3, 2, 3, 0, tzinfo=utc), utc) == datetime(2026, 3, 1, 4, 0, tzinfo=utc)
    assert sched.day_start(datetime(2026, 3, 2, 5, 0, tzinfo=utc), utc) == datetime(2026, 3, 2, 4, 0, tzinfo=utc)
    assert sched.next_day_start(datetime(2026, 3, 2, 5, 0, tzinfo=utc), utc) == datetime(2026, 3, 3, 4, 0, tzinfo=utc)


def test_naive_datetimes_are_refused(sched: Scheduler) -> None:
    with pytest.raises(ValueError):
        sched.new_card("x", datetime(2026, 1, 1))


@pytest.mark.parametrize(
    "delta, text",
    [
        (timedelta(seconds=30), "30s"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=5), "5h"),
        (timedelta(days=4), "4d"),
        (timedelta(days=60), "2mo"),
        (timedelta(days=548), "1.5y"),
    ],
)
def test_format_interval(delta: timedelta, text: str) -> None:
    assert format_interval(delta) == text
