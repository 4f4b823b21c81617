"""A thin wrapper over fsrs.Scheduler (FSRS-6) keyed by our string card ids, in UTC."""

from __future__ import annotations

import enum
import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

UTC = timezone.utc


class Rating(enum.IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class Phase(enum.Enum):
    NEW = "new"
    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


_FSRS_STATE = {1: Phase.LEARNING, 2: Phase.REVIEW, 3: Phase.RELEARNING}


@dataclass(frozen=True)
class CardState:
    """One card's memory state plus the learner's own marks on it."""

    card_id: str
    state: int = 1  # fsrs.State value
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    suspended: bool = False
    buried_until: datetime | None = None
    flag: int = 0  # 0 none, else a colour as Anki numbers them (scheduling.flags: 1 red … 4 blue … 7 purple)

    @property
    def flagged(self) -> bool:
        return self.flag != 0

    @property
    def phase(self) -> Phase:
        if self.last_review is None:
            return Phase.NEW
        return _FSRS_STATE.get(self.state, Phase.LEARNING)

    def is_available(self, now: datetime) -> bool:
        return not self.suspended and (self.buried_until is None or self.buried_until <= now)


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetime; use UTC-aware datetimes")
    return value.astimezone(UTC)


class Scheduler:
    """FSRS scheduling for string card ids, with interval previews and a local day boundary."""

    def __init__(
        self,
        desired_retention: float = 0.9,
        *,
        enable_fuzzing: bool = True,
        day_start_hour: int = 4,
        parameters: Sequence[float] = (),
        learning_steps: Sequence[int] = (1, 10),
        relearning_steps: Sequence[int] = (10,),
        maximum_interval: int = 36500,
    ):
        """`parameters`: FSRS-6's 21 weights (empty: the defaults); steps in minutes; maximum interval in days.

        fsrs is imported, and its scheduler built, at the first review or preview: home's first frame does not
        need it (3 ms of imports, docs/performance.md). A learner's own weights are built at once, because fsrs
        checks them then and a bad set must be found when the learner is opened."""
        self.day_start_hour = day_start_hour
        self._weights = tuple(parameters)
        self._options = {
            "desired_retention": desired_retention,
            "learning_steps": tuple(timedelta(minutes=m) for m in learning_steps),
            "relearning_steps": tuple(timedelta(minutes=m) for m in relearning_steps),
            "maximum_interval": maximum_interval,
            "enable_fuzzing": enable_fuzzing,
        }
        if self._weights:
            self.prepare()  # built, and checked by fsrs, now

    @functools.cached_property
    def _fsrs(self):  # noqa: ANN202 - the fsrs module
        import fsrs

        return fsrs

    @functools.cached_property
    def _inner(self):  # noqa: ANN202 - fsrs.Scheduler
        return self._fsrs.Scheduler(parameters=self.parameters, **self._options)

    def prepare(self) -> None:
        """Import fsrs and build its scheduler now (any thread), so the first review does not wait for them."""
        self._inner  # noqa: B018

    @property
    def parameters(self) -> tuple[float, ...]:
        """The FSRS weights in use: the learner's own, or fsrs's defaults."""
        return self._weights or tuple(self._fsrs.scheduler.DEFAULT_PARAMETERS)

    def new_card(self, card_id: str, now: datetime) -> CardState:
        return CardState(card_id=card_id, due=_utc(now))

    def _to_fsrs(self, s: CardState):
        return self._fsrs.Card(
            card_id=0,
            state=self._fsrs.State(s.state),
            step=s.step,
            stability=s.stability,
            difficulty=s.difficulty,
            due=s.due,
            last_review=s.last_review,
        )

    def review(self, s: CardState, rating: Rating, now: datetime, duration_ms: int | None = None) -> CardState:
        """The state after rating the card at `now`. Easy always waits at least a day longer than Good."""
        after = self._review(s, rating, now, duration_ms)
        if rating == Rating.EASY and after.phase == Phase.REVIEW and after.due is not None:
            good = self._review(s, Rating.GOOD, now, duration_ms).due
            if good is not None and after.due < good + timedelta(days=1):
                after = replace(after, due=good + timedelta(days=1))
        return after

    def _review(self, s: CardState, rating: Rating, now: datetime, duration_ms: int | None) -> CardState:
        card, _ = self._inner.review_card(self._to_fsrs(s), self._fsrs.Rating(int(rating)), _utc(now), duration_ms)
        return replace(
            s,
            state=int(card.state),
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=card.due,
            last_review=card.last_review,
            buried_until=None,
        )

    def preview(self, s: CardState, now: datetime) -> dict[Rating, timedelta]:
        """How long until the card is due again, for each rating."""
        out: dict[Rating, timedelta] = {}
        for r in Rating:
            due = self.review(s, r, now).due
            assert due is not None  # review() always sets the next due time
            out[r] = due - _utc(now)
        return out

    def retrievability(self, s: CardState, now: datetime) -> float | None:
        if s.last_review is None:
            return None
        return float(self._inner.get_card_retrievability(self._to_fsrs(s), _utc(now)))

    def day_start(self, now: datetime, tz: timezone | None = None) -> datetime:
        """Start of the learner's current day (local time, day starts at day_start_hour), in UTC."""
        local = _utc(now).astimezone(tz) if tz else _utc(now).astimezone()
        start = local.replace(hour=self.day_start_hour, minute=0, second=0, microsecond=0)
        if local < start:
            start -= timedelta(days=1)
        return start.astimezone(UTC)

    def next_day_start(self, now: datetime, tz: timezone | None = None) -> datetime:
        return self.day_start(now, tz) + timedelta(days=1)


def format_interval(delta: timedelta) -> str:
    """'45s', '10m', '3h', '4d', '2mo', '1.5y' in the style of Anki's buttons."""
    secs = max(0, delta.total_seconds())
    if secs < 60:
        return f"{int(secs)}s"
    if secs < 3600:
        return f"{round(secs / 60)}m"
    if secs < 86400:
        return f"{round(secs / 3600)}h"
    days = secs / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}".rstrip("0").rstrip(".") + "mo"
    return f"{days / 365:.1f}".rstrip("0").rstrip(".") + "y"
