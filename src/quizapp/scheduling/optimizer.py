"""Fit FSRS-6's 21 parameters to one learner's review log with fsrs-rs (the Rust engine Anki ships), and measure
the fit against the defaults on the same reviews; also the retention workload simulation.

Reviews come in as plain (card id, time, rating) triples so this module needs nothing above `scheduling`.
Days are the learner's days (a day starts at `day_start_hour` in `tz`), as Anki counts them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from quizapp.errors import QuizappError

MIN_ITEMS = 100  # reviews a day or more after the card's previous review: fewer cannot fit 21 parameters well


class NotEnoughReviews(QuizappError):
    def __init__(self, have: int, need: int = MIN_ITEMS):
        self.have, self.need = have, need
        super().__init__(
            f"optimizing needs at least {need} reviews made a day or more after the card's previous review; "
            f"this learner has {have}. Keep studying and try again later."
        )


@dataclass(frozen=True)
class Review:
    card: str
    at: datetime
    rating: int  # 1..4


@dataclass(frozen=True)
class Evaluation:
    log_loss: float
    rmse: float  # RMSE (bins), as Anki reports it


@dataclass(frozen=True)
class Fit:
    parameters: tuple[float, ...]  # the fit, or the defaults when the fit was not better
    fitted: Evaluation
    defaults: Evaluation
    reviews: int  # reviews in the log
    items: int  # reviews the fit learns from (a day or more after the card's previous one)
    seconds: float
    kept: bool  # the fit is better than the defaults on the same reviews (else the defaults stay)
    candidate: tuple[float, ...] = field(default=())  # what the optimizer returned

    def as_json(self) -> dict:
        best = self.fitted if self.kept else self.defaults
        return {
            "parameters": list(self.parameters),
            "log_loss": best.log_loss,
            "rmse": best.rmse,
            "reviews": self.reviews,
            "items": self.items,
            "kept": self.kept,
            "fitted": {"parameters": list(self.candidate), "log_loss": self.fitted.log_loss, "rmse": self.fitted.rmse},
            "defaults": {"log_loss": self.defaults.log_loss, "rmse": self.defaults.rmse},
            "seconds": round(self.seconds, 2),
        }


def default_parameters() -> tuple[float, ...]:
    import fsrs_rs_python as rs

    return tuple(rs.DEFAULT_PARAMETERS)


def day_number(at: datetime, day_start_hour: int, tz: tzinfo | None) -> int:
    """The learner's day of `at`, counted from 1 January 1 (a review before the day start belongs to the day before)."""
    local = at.astimezone(tz) if tz else at.astimezone()
    return (local - timedelta(hours=day_start_hour)).date().toordinal()


def histories(reviews: Iterable[Review], day_start_hour: int = 4, tz: tzinfo | None = None) -> dict[str, list]:
    """Each card's reviews in time order as (rating, day number)."""
    by_card: dict[str, list[tuple[datetime, int]]] = {}
    for r in reviews:
        if 1 <= r.rating <= 4:
            by_card.setdefault(r.card, []).append((r.at, r.rating))
    out: dict[str, list] = {}
    for card, rs in by_card.items():
        rs.sort(key=lambda x: x[0])
        out[card] = [(rating, day_number(at, day_start_hour, tz)) for at, rating in rs]
    return out


def items_of(history: Sequence[tuple[int, int]]) -> list:
    """fsrs-rs training items of one card: each review made a day or more after the one before, with all before it."""
    import fsrs_rs_python as rs

    reviews = []
    items = []
    prev = None
    for rating, day in history:
        delta = 0 if prev is None else day - prev
        reviews.append(rs.FSRSReview(rating, delta))
        prev = day
        if delta > 0:
            items.append(rs.FSRSItem(list(reviews)))
    return items


def training_items(reviews: Iterable[Review], day_start_hour: int = 4, tz: tzinfo | None = None) -> list:
    return [item for h in histories(reviews, day_start_hour, tz).values() for item in items_of(h)]


def evaluate(parameters: Sequence[float], items: Sequence) -> Evaluation:
    import fsrs_rs_python as rs

    e = rs.FSRS(list(parameters)).evaluate(list(items))
    return Evaluation(float(e.log_loss), float(e.rmse_bins))


def optimize(
    reviews: Sequence[Review],
    *,
    day_start_hour: int = 4,
    tz: tzinfo | None = None,
    current: Sequence[float] = (),
    progress: Callable[[str], None] | None = None,
) -> Fit:
    """Fit the parameters to `reviews`; keep the fit only when its log loss beats the learner's current parameters
    (or the defaults) on the same reviews. Raises NotEnoughReviews when there is too little to learn from."""
    import fsrs_rs_python as rs

    say = progress or (lambda _m: None)
    items = training_items(reviews, day_start_hour, tz)
    if len(items) < MIN_ITEMS:
        raise NotEnoughReviews(len(items))
    start = time.perf_counter()
    say(f"fitting 21 parameters to {len(items)} reviews")
    candidate = tuple(float(w) for w in rs.FSRS(list(rs.DEFAULT_PARAMETERS)).compute_parameters(items))
    seconds = time.perf_counter() - start
    say("evaluating the fit and the defaults on the same reviews")
    base = tuple(current) or tuple(rs.DEFAULT_PARAMETERS)
    fitted, defaults = evaluate(candidate, items), evaluate(base, items)
    kept = fitted.log_loss < defaults.log_loss
    return Fit(
        parameters=candidate if kept else base,
        fitted=fitted,
        defaults=defaults,
        reviews=len(reviews),
        items=len(items),
        seconds=seconds,
        kept=kept,
        candidate=candidate,
    )


def memory_states(
    parameters: Sequence[float], reviews: Iterable[Review], day_start_hour: int = 4, tz: tzinfo | None = None
) -> dict[str, tuple[float, float]]:
    """(stability, difficulty) of each card after its whole history, under `parameters` (for rescheduling)."""
    import fsrs_rs_python as rs

    model = rs.FSRS(list(parameters))
    out = {}
    for card, h in histories(reviews, day_start_hour, tz).items():
        prev = None
        steps = []
        for rating, day in h:
            steps.append(rs.FSRSReview(rating, 0 if prev is None else day - prev))
            prev = day
        m = model.memory_state(rs.FSRSItem(steps))
        out[card] = (float(m.stability), float(m.difficulty))
    return out


@dataclass(frozen=True)
class Workload:
    retention: float
    reviews_per_day: float
    minutes_per_day: float
    memorized: float  # cards remembered at the end of the year
    knowledge_per_minute: float


RETENTIONS = tuple(round(0.70 + 0.01 * i, 2) for i in range(28))  # 0.70 .. 0.97


def workload(
    parameters: Sequence[float],
    deck_size: int,
    *,
    days: int = 365,
    new_per_day: int = 20,
    retentions: Sequence[float] = RETENTIONS,
    seed: int = 42,
) -> list[Workload]:
    """Simulated reviews and minutes per day over `days` for each desired retention (Anki's simulator, fsrs-rs)."""
    import fsrs_rs_python as rs

    out = []
    for r in retentions:
        cfg = rs.default_simulator_config()
        cfg.deck_size = max(1, deck_size)
        cfg.learn_span = days
        cfg.learn_limit = new_per_day
        result = rs.simulate(list(parameters), r, cfg, seed)
        minutes = sum(result.cost_per_day) / 60 / days
        reviews = sum(result.review_cnt_per_day) / days
        memorized = result.memorized_cnt_per_day[-1]
        out.append(Workload(r, reviews, minutes, memorized, memorized / max(minutes * days, 1e-9)))
    return out


def optimal_retention(rows: Sequence[Workload]) -> float:
    """The retention that gives the most knowledge per minute of study."""
    return max(rows, key=lambda w: w.knowledge_per_minute).retention
