"""Home's numbers for a deck: what a session would offer now, mastery, and the learner's streak of days.

Kept apart from the session and the statistics so home's first frame imports only these and the queue
(docs/performance.md); the statistics use the same mastery bar and days.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo

from quizapp.decks.models import Note
from quizapp.progress.store import Event, LearnerStore
from quizapp.scheduling.scheduler import Phase, Scheduler
from quizapp.study.queue import NO_CONTEXT, Counts, DayContext, card_ids_of, plan

MASTERED_STABILITY = 21.0  # days: a card in review this stable counts as mastered (home's mastery, the statistics)


def deck_counts(
    store: LearnerStore,
    scheduler: Scheduler,
    notes: Sequence[Note],
    now: datetime,
    context: DayContext = NO_CONTEXT,
) -> Counts:
    """New / learning / due cards a session of these notes would offer now: the daily limits applied, suspended
    and buried cards and buried siblings left out (the same plan the session follows)."""
    return plan(store, scheduler, notes, now, context).counts()


def mastery(store: LearnerStore, notes: Sequence[Note]) -> float:
    """Share of a deck's cards that are in review with stability of at least MASTERED_STABILITY days."""
    get = store.states.get
    total = strong = 0
    for card_id in (cid for n in notes for cid in card_ids_of(n)):
        total += 1
        s = get(card_id)
        if s is not None and s.phase == Phase.REVIEW and (s.stability or 0) >= MASTERED_STABILITY:
            strong += 1
    return strong / total if total else 0.0


def learner_day(at: datetime, day_start_hour: int = 4, tz: tzinfo | None = None) -> date:
    """The learner's day that `at` falls in: a review at 02:00 with a 04:00 day start belongs to the day before."""
    return (at.astimezone(tz) - timedelta(hours=day_start_hour)).date()


def streak(reviews: Iterable[Event], now: datetime, *, day_start_hour: int = 4, tz: tzinfo | None = None) -> int:
    """Days in a row with at least one review, ending today (or yesterday, if today has none yet)."""
    days = {learner_day(e.at, day_start_hour, tz) for e in reviews}
    day = learner_day(now, day_start_hour, tz)
    if day not in days:
        day -= timedelta(days=1)
    n = 0
    while day in days:
        n += 1
        day -= timedelta(days=1)
    return n
