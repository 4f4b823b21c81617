"""A synthetic learner whose memory follows FSRS with parameters unlike the defaults, scheduled with the defaults:
review logs to fit on (tests and benchmarks). Deterministic for a seed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

from quizapp.scheduling.optimizer import Review

START = datetime(2025, 1, 6, 9, 0, tzinfo=timezone.utc)
# A learner who forgets faster than the default model and finds Hard/Easy more extreme.
TRUE_PARAMETERS = [
    0.15, 0.9, 1.6, 5.0, 6.8, 0.9, 2.6, 0.02, 1.5, 0.12, 0.9, 1.7, 0.08, 0.3, 1.5, 0.4, 2.2, 0.5, 0.1, 0.06, 0.25,
]  # fmt: skip


def reviews(total: int, seed: int = 7, new_per_day: int = 20) -> Iterator[tuple[int, datetime, int]]:
    """(card number, time, rating) for about `total` reviews, new cards introduced `new_per_day` a day."""
    import fsrs_rs_python as rs

    rng = random.Random(seed)
    truth, sched = rs.FSRS(TRUE_PARAMETERS), rs.FSRS(list(rs.DEFAULT_PARAMETERS))
    decay = -TRUE_PARAMETERS[20]
    factor = 0.9 ** (1 / decay) - 1
    cards: dict[int, tuple[object, object, int]] = {}  # card -> (true memory, scheduler memory, due day)
    cards_last: dict[int, int] = {}  # card -> day of its last review
    done = day = 0
    while done < total:
        at = START + timedelta(days=day)
        for card in [c for c, (_, _, due) in cards.items() if due <= day]:
            true_m, sched_m, due = cards[card]
            last = cards_last[card]
            elapsed = day - last
            r = (1 + factor * elapsed / true_m.stability) ** decay
            rating = 1 if rng.random() > r else rng.choices([2, 3, 4], [0.15, 0.75, 0.1])[0]
            true_next = getattr(truth.next_states(true_m, 0.9, elapsed), _NAMES[rating]).memory
            s_next = getattr(sched.next_states(sched_m, 0.9, elapsed), _NAMES[rating])
            ivl = 1 if rating == 1 else max(1, round(s_next.interval))
            cards[card] = (true_next, s_next.memory, day + ivl)
            cards_last[card] = day
            done += 1
            yield card, at + timedelta(minutes=rng.randint(0, 600)), rating
        for _ in range(new_per_day):
            card = len(cards)
            rating = rng.choices([1, 2, 3, 4], [0.3, 0.15, 0.45, 0.1])[0]
            true_m = getattr(truth.next_states(None, 0.9, 0), _NAMES[rating]).memory
            s = getattr(sched.next_states(None, 0.9, 0), _NAMES[rating])
            cards[card] = (true_m, s.memory, day + max(1, round(s.interval)))
            cards_last[card] = day
            done += 1
            yield card, at, rating
        day += 1


_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def review_log(total: int, seed: int = 7) -> list[Review]:
    return [Review(f"c{card}", at, rating) for card, at, rating in reviews(total, seed)]
