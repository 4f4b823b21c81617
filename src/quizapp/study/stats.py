"""Learning statistics from the review log and card states: pure functions, no UI.

Days are the learner's days: they start at `day_start_hour` local time (in `tz`, the system's zone if None).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from quizapp.decks.models import Note
from quizapp.progress.records import REVIEW_TYPES, live_reviews, undone_by
from quizapp.progress.store import Event
from quizapp.scheduling.flags import MAX_FLAG
from quizapp.scheduling.scheduler import CardState, Phase, Rating
from quizapp.study.counts import MASTERED_STABILITY, learner_day, streak
from quizapp.study.queue import REV_SUFFIX, card_ids_of

DAYS = 30


def reviews_per_day(
    reviews: Iterable[Event], now: datetime, *, days: int = DAYS, day_start_hour: int = 4, tz: tzinfo | None = None
) -> list[tuple[date, int]]:
    """Reviews done on each of the last `days` days, oldest first, today last."""
    today = learner_day(now, day_start_hour, tz)
    counts = Counter(learner_day(e.at, day_start_hour, tz) for e in reviews)
    return [(d, counts.get(d, 0)) for d in (today - timedelta(days=i) for i in range(days - 1, -1, -1))]


def due_forecast(
    states: Iterable[CardState], now: datetime, *, days: int = DAYS, day_start_hour: int = 4, tz: tzinfo | None = None
) -> list[tuple[date, int]]:
    """Cards falling due on each of the next `days` days, today first; overdue cards count for today.

    New and suspended cards are left out.
    """
    today = learner_day(now, day_start_hour, tz)
    counts: Counter[date] = Counter()
    for s in states:
        if s.suspended or s.due is None or s.phase == Phase.NEW:
            continue
        counts[max(today, learner_day(s.due, day_start_hour, tz))] += 1
    return [(d, counts.get(d, 0)) for d in (today + timedelta(days=i) for i in range(days))]


@dataclass(frozen=True)
class Retention:
    """Share of reviews of cards in the review phase that were not rated Again."""

    passed: int
    total: int

    @property
    def share(self) -> float | None:
        return self.passed / self.total if self.total else None


def true_retention(history: Iterable[Event], now: datetime, *, days: int = DAYS) -> Retention:
    """True retention over the last `days` days (24-hour days back from `now`).

    Only reviews of cards that were in the review phase before the rating count; learning steps do not.
    """
    events = list(history)
    undone = undone_by(events)
    since = now - timedelta(days=days)
    before: dict[str, CardState] = {}
    passed = total = 0
    for e in events:
        prior = before.get(e.card)
        before[e.card] = e.state
        if e.type not in REVIEW_TYPES or (e.device, e.seq) in undone or e.rating is None or not since <= e.at <= now:
            continue
        if prior is not None and prior.phase == Phase.REVIEW:
            total += 1
            passed += e.rating != Rating.AGAIN
    return Retention(passed, total)


@dataclass(frozen=True)
class StateCounts:
    """Cards by phase; suspended cards count only as suspended; flagged cards are also counted by phase."""

    new: int = 0
    learning: int = 0
    review: int = 0
    relearning: int = 0
    suspended: int = 0
    flagged: int = 0
    by_flag: tuple[int, ...] = ()  # flagged cards by colour: by_flag[1] red, [2] orange, … (scheduling.flags)

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review + self.relearning + self.suspended


def state_counts(card_ids: Iterable[str], states: Mapping[str, CardState]) -> StateCounts:
    """Count every card in `card_ids`; cards without a state are new."""
    c: Counter[str] = Counter()
    by_flag = [0] * (MAX_FLAG + 1)
    for cid in card_ids:
        s = states.get(cid)
        if s is not None and s.flag:
            c["flagged"] += 1
            by_flag[s.flag] += 1
        if s is not None and s.suspended:
            c["suspended"] += 1
        else:
            c[s.phase.value if s else "new"] += 1
    return StateCounts(**c, by_flag=tuple(by_flag))


@dataclass(frozen=True)
class TopicMastery:
    """One topic tag: its cards, the share that are well remembered, and the share of quiz answers right."""

    tag: str
    cards: int
    memory: float
    quiz: float | None = None
    quiz_answers: int = 0


def topic_mastery(
    notes: Sequence[Note], states: Mapping[str, CardState], results: Sequence[dict] = ()
) -> list[TopicMastery]:
    """Mastery per tag, sorted by tag: from card stabilities and, where there are any, from quiz results."""
    from quizapp.quiz.run import topic_mastery as quiz_mastery

    cards: Counter[str] = Counter()
    strong: Counter[str] = Counter()
    for n in notes:
        for card_id in card_ids_of(n):
            s = states.get(card_id)
            good = bool(s and s.phase == Phase.REVIEW and (s.stability or 0) >= MASTERED_STABILITY)
            for tag in n.tags:
                cards[tag] += 1
                strong[tag] += good
    note_tags = {n.id: n.tags for n in notes}
    quiz = quiz_mastery(results, note_tags)
    answers: Counter[str] = Counter()
    for r in results:
        for a in r.get("answers", []):
            for nid in a.get("notes", []):
                answers.update(note_tags.get(nid, ()))
    return [TopicMastery(t, cards[t], strong[t] / cards[t], quiz.get(t), answers[t]) for t in sorted(cards)]


@dataclass(frozen=True)
class SameFacts:
    """The cards the stats count once same_as links are honoured, and the states they are counted with."""

    notes: list[Note]  # a note never studied whose linked note is counted is left out (one fact, counted once)
    states: dict[str, CardState]  # a card never studied takes the state of its linked note's card, if studied
    reviewed: frozenset[str]  # cards whose reviews count: the notes' own, and the linked cards they took state from


def same_facts(
    notes: Sequence[Note], states: Mapping[str, CardState], links: Mapping[str, frozenset[str]]
) -> SameFacts:
    """Notes that teach the same fact in two decks counted as the queue treats them: a note never studied is not
    introduced once its twin is learnt, so in all decks it is left out (counted with its twin, or the first of
    the pair when neither is studied); a note studied in both decks is asked in both, so both count. In one deck,
    a card not studied there is as learnt as its twin in the other deck."""

    def learnt(nid: str) -> bool:  # a card of the note was reviewed (the queue's rule)
        return any((s := states.get(c)) is not None and s.last_review is not None for c in (nid, nid + REV_SUFFIX))

    listed = {n.id for n in notes}
    kept: list[Note] = []
    counted: set[str] = set()
    for n in notes:
        if not learnt(n.id) and any(t in counted or (t in listed and learnt(t)) for t in links.get(n.id, ())):
            continue
        counted.add(n.id)
        kept.append(n)
    out: dict[str, CardState] = {}
    reviewed: set[str] = set()
    for n in kept:
        other = sorted(t for t in links.get(n.id, ()) if t not in counted)  # a counted twin keeps its own state
        for cid in card_ids_of(n):
            reviewed.add(cid)
            own = states.get(cid)
            source = cid
            if own is None or own.last_review is None:
                rev = cid.endswith(REV_SUFFIX)
                candidates = [t + REV_SUFFIX for t in other] if rev else []
                candidates += other + ([] if rev else [t + REV_SUFFIX for t in other])
                source = next((c for c in candidates if (t := states.get(c)) and t.last_review is not None), cid)
            if source in states:
                out[cid] = states[source]
                reviewed.add(source)
    return SameFacts(kept, out, frozenset(reviewed))


@dataclass(frozen=True)
class Stats:
    """Everything the stats screen shows."""

    per_day: list[tuple[date, int]]
    forecast: list[tuple[date, int]]
    retention: Retention
    counts: StateCounts
    streak: int
    topics: list[TopicMastery]

    @property
    def reviews_30d(self) -> int:
        return sum(n for _, n in self.per_day)

    @property
    def today(self) -> int:
        return self.per_day[-1][1] if self.per_day else 0


def collect(
    history: Sequence[Event],
    states: Mapping[str, CardState],
    notes: Sequence[Note],
    now: datetime,
    *,
    day_start_hour: int = 4,
    tz: tzinfo | None = None,
    results: Sequence[dict] = (),
    links: Mapping[str, frozenset[str]] | None = None,
) -> Stats:
    """All the statistics for a set of notes (their cards' states and the whole review log); `links` (note id ->
    notes teaching the same fact) makes linked notes count as one fact (see same_facts)."""
    facts = same_facts(notes, states, links) if links else None
    if facts is not None:
        notes, states = facts.notes, facts.states
    card_ids = [cid for n in notes for cid in card_ids_of(n)]
    wanted = set(facts.reviewed) if facts is not None else set(card_ids)
    reviews = [e for e in live_reviews(history) if e.card in wanted]
    return Stats(
        per_day=reviews_per_day(reviews, now, day_start_hour=day_start_hour, tz=tz),
        forecast=due_forecast((states[c] for c in card_ids if c in states), now, day_start_hour=day_start_hour, tz=tz),
        retention=true_retention([e for e in history if e.card in wanted], now),
        counts=state_counts(card_ids, states),
        streak=streak(reviews, now, day_start_hour=day_start_hour, tz=tz),
        topics=topic_mastery(notes, states, results),
    )
