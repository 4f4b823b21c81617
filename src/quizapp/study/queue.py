"""Which cards a day's session asks, in what order: daily limits, siblings, new-card and review order.

The session and home's counts both come from `plan()`, so the numbers on home are the cards the session offers.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from quizapp.decks.models import Note
from quizapp.progress.profile import Settings
from quizapp.progress.store import Event, LearnerStore
from quizapp.scheduling.scheduler import CardState, Phase, Rating, Scheduler

REV_SUFFIX = "~rev"


def note_id_of(card_id: str) -> str:
    """The note a card comes from (a reverse card's id is its note's id plus REV_SUFFIX)."""
    return card_id.removesuffix(REV_SUFFIX)


def card_ids_of(note: Note) -> list[str]:
    """The ids of a note's cards: its own, and a reverse card's when the note asks for one (the one rule)."""
    return [note.id, note.id + REV_SUFFIX] if note.basic and note.basic.reverse else [note.id]


def card_ids(notes: Sequence[Note]) -> Iterator[str]:
    """The ids of every card of `notes`, in order (the hot loop of the home screen's counts)."""
    for n in notes:
        yield from card_ids_of(n)


def phase_of(s: CardState | None) -> Phase:
    """A card's phase; a card with no state yet is new."""
    return Phase.NEW if s is None else s.phase


@dataclass(frozen=True)
class Today:
    """What the learner did since the day started: the basis of the daily limits and of sibling burying."""

    start: datetime
    new_cards: frozenset[str] = frozenset()  # cards first reviewed today
    reviews: int = 0  # reviews today of cards that were not new today
    notes_seen: frozenset[str] = frozenset()  # notes with a card reviewed today


def today(store: LearnerStore, scheduler: Scheduler, now: datetime) -> Today:
    start = scheduler.day_start(now)
    first: dict[str, datetime] = {}
    reviews = 0
    seen: set[str] = set()
    for e in store.reviews():
        first.setdefault(e.card, e.at)
        if e.at >= start:
            reviews += 1
            seen.add(note_id_of(e.card))
    new = frozenset(c for c, t in first.items() if t >= start)
    return Today(start, new, reviews - len(new), frozenset(seen))


@dataclass(frozen=True)
class DayContext:
    """What a day's plan needs besides the notes, passed whole to the session and to home's counts alike."""

    deck_of: Mapping[str, str] = field(default_factory=dict)  # note id -> deck (per-deck limits, new-card order)
    links: Mapping[str, frozenset[str]] = field(default_factory=dict)  # note id -> notes teaching the same fact
    done: Today | None = None  # what was done today; None: read from the log


NO_CONTEXT = DayContext()


@dataclass
class Counts:
    new: int = 0
    learning: int = 0
    due: int = 0


@dataclass
class Plan:
    learning: list[str] = field(default_factory=list)
    due: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)

    def queue(self) -> list[str]:
        """Learning cards first, then new cards spread evenly among the reviews, as Anki does by default."""
        mixed: list[str] = []
        new, due = self.new, self.due
        step = max(1, len(due) // max(1, len(new))) if new else 0
        ni = 0
        for i, cid in enumerate(due):
            mixed.append(cid)
            if ni < len(new) and (i + 1) % step == 0:
                mixed.append(new[ni])
                ni += 1
        mixed.extend(new[ni:])
        return self.learning + mixed

    def counts(self) -> Counts:
        return Counts(new=len(self.new), learning=len(self.learning), due=len(self.due))


def _learnt(get: Callable[[str], CardState | None], note_id: str) -> bool:
    """A card of the note has been reviewed."""
    return any((s := get(cid)) is not None and s.last_review is not None for cid in (note_id, note_id + REV_SUFFIX))


def _interleave(groups: list[list[str]]) -> list[str]:
    """Round robin over the groups, each in its own order."""
    out: list[str] = []
    for i in range(max((len(g) for g in groups), default=0)):
        out.extend(g[i] for g in groups if i < len(g))
    return out


def plan(
    store: LearnerStore,
    scheduler: Scheduler,
    notes: Sequence[Note],
    now: datetime,
    context: DayContext = NO_CONTEXT,
) -> Plan:
    """Today's cards of `notes`: the context's `deck_of` gives per-deck limits and new-card order; its `links`
    bury the notes that teach the same fact with each other, as siblings."""
    settings: Settings = store.profile.settings
    done = context.done or today(store, scheduler, now)
    day_end = scheduler.next_day_start(now)
    deck_of, links = context.deck_of, context.links
    seen = set(done.notes_seen)
    for nid in done.notes_seen:
        seen.update(links.get(nid, ()))
    get = store.states.get
    p = Plan()
    new_by_deck: dict[str, list[str]] = {}
    new_notes: set[str] = set()
    review_notes: set[str] = set()
    for cid in card_ids(notes):
        s = get(cid)
        if s is not None and not s.is_available(now):
            continue
        nid = note_id_of(cid)
        phase = phase_of(s)
        if phase == Phase.NEW:
            if settings.bury_new_siblings and (nid in seen or nid in new_notes or nid in review_notes):
                continue
            if any(_learnt(get, other) for other in links.get(nid, ())):
                continue  # the same fact is already learnt from a note of another deck
            new_notes.add(nid)
            new_notes.update(links.get(nid, ()))
            new_by_deck.setdefault(deck_of.get(nid, ""), []).append(cid)
        elif s is None or s.due is None or s.due >= day_end:
            continue
        elif phase == Phase.REVIEW:
            if settings.bury_review_siblings and (nid in seen or nid in review_notes):
                continue
            review_notes.add(nid)
            review_notes.update(links.get(nid, ()))
            p.due.append(cid)
        else:
            p.learning.append(cid)
    states = store.states
    p.learning.sort(key=lambda c: states[c].due)  # type: ignore[arg-type,return-value]
    rng = random.Random(f"{store.learner}:{done.start.isoformat()}")  # the same order all day: home agrees
    if settings.review_order == "random":
        rng.shuffle(p.due)
    elif settings.review_order == "retrievability":
        p.due.sort(key=lambda c: (scheduler.retrievability(states[c], now) or 0.0, c))
    else:
        p.due.sort(key=lambda c: states[c].due)  # type: ignore[arg-type,return-value]
    p.due = p.due[: max(0, settings.reviews_per_day - done.reviews)]
    p.new = _limit_new(new_by_deck, settings, done, deck_of, rng)
    return p


def _limit_new(
    by_deck: dict[str, list[str]], settings: Settings, done: Today, deck_of: Mapping[str, str], rng: random.Random
) -> list[str]:
    """New cards within the global and each deck's daily limit, in the learner's new-card order."""
    done_by_deck: dict[str, int] = {}
    for cid in done.new_cards:
        deck = deck_of.get(note_id_of(cid), "")
        done_by_deck[deck] = done_by_deck.get(deck, 0) + 1
    groups = []
    for deck, cids in by_deck.items():
        limit = settings.deck_new_per_day.get(deck, settings.new_per_day)
        groups.append(cids[: max(0, limit - done_by_deck.get(deck, 0))])
    if settings.new_order == "deck":
        order = [c for g in groups for c in g]
    elif settings.new_order == "random":
        order = [c for g in groups for c in g]
        rng.shuffle(order)
    else:
        order = _interleave(groups)
    return order[: max(0, settings.new_per_day - len(done.new_cards))]


def lapses(reviews: Sequence[Event]) -> dict[str, int]:
    """Times each card was forgotten once in review (rated Again while in the review phase)."""
    phase: dict[str, Phase] = {}
    out: dict[str, int] = {}
    for e in reviews:
        if e.rating == Rating.AGAIN and phase.get(e.card) == Phase.REVIEW:
            out[e.card] = out.get(e.card, 0) + 1
        phase[e.card] = e.state.phase
    return out


def leeches(store: LearnerStore) -> set[str]:
    """Cards whose lapses reached the learner's leech setting (the browser's leech filter)."""
    limit = store.profile.settings.leech_lapses
    return {c for c, n in lapses(store.reviews()).items() if limit and n >= limit}
