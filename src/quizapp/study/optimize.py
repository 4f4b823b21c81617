"""A learner's FSRS fit: their review log in, parameters kept in the profile (with an event in the log), cards
rescheduled with them on request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo

from quizapp.progress.store import LearnerStore
from quizapp.scheduling.optimizer import Fit, Review, memory_states, optimize
from quizapp.scheduling.scheduler import CardState, Phase

PARAMETERS_CARD = "fsrs-parameters"  # the card id the "parameters" event is filed under (it changes no card)


def learner_reviews(store: LearnerStore) -> list[Review]:
    """The learner's reviews that were not undone (practice left out: it does not touch the schedule)."""
    return [Review(e.card, e.at, e.rating) for e in store.reviews() if e.rating]


def fit_learner(store: LearnerStore, tz: tzinfo | None = None, progress: Callable[[str], None] | None = None) -> Fit:
    s = store.profile.settings
    return optimize(
        learner_reviews(store), day_start_hour=s.day_start_hour, tz=tz, current=s.fsrs_parameters, progress=progress
    )


def keep_fit(store: LearnerStore, fit: Fit, now: datetime) -> bool:
    """Store the fitted parameters in the profile and log it; False (nothing stored) when the fit was not better."""
    if not fit.kept:
        return False
    settings = replace(store.profile.settings, fsrs_parameters=tuple(fit.parameters))
    store.save_profile(replace(store.profile, settings=settings.validated()))
    note = f"log loss {fit.defaults.log_loss:.4f} -> {fit.fitted.log_loss:.4f} on {fit.items} reviews"
    store.record("parameters", CardState(PARAMETERS_CARD), now, kind=note)
    return True


def reschedule(store: LearnerStore, now: datetime, tz: tzinfo | None = None) -> int:
    """Recompute each reviewed card's memory state from its history with the learner's parameters and set its due
    date for their desired retention; returns how many cards moved. Each change is a "reschedule" event."""
    import fsrs_rs_python as rs

    s = store.profile.settings
    params = s.fsrs_parameters or tuple(rs.DEFAULT_PARAMETERS)
    model = rs.FSRS(list(params))
    moved = 0
    for card, (stability, difficulty) in memory_states(params, learner_reviews(store), s.day_start_hour, tz).items():
        state = store.states.get(card)
        if state is None or state.phase != Phase.REVIEW or state.last_review is None:
            continue  # learning cards keep their steps
        days = min(s.maximum_interval, max(1, round(model.next_interval(stability, s.desired_retention, 3))))
        new = replace(state, stability=stability, difficulty=difficulty, due=state.last_review + timedelta(days=days))
        if new != state:
            store.record("reschedule", new, now)
            moved += 1
    return moved
