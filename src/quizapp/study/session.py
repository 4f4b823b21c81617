"""A spaced-repetition study session without UI: queue, rate, undo, bury, suspend, flag, summary."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone

from quizapp.decks.models import Note
from quizapp.progress.store import LearnerStore
from quizapp.quiz.questions import Question, make_question, render_cloze
from quizapp.scheduling.scheduler import CardState, Phase, Rating, Scheduler

LEARN_AHEAD = timedelta(minutes=20)
REV_SUFFIX = "~rev"
_REVIEW = 2  # fsrs.State.Review, as CardState.state stores it
Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class StudyCard:
    """A card as shown: front, back, and the note it comes from."""

    card_id: str
    note: Note
    kind: str  # basic | reverse | cloze | typed
    front: str
    back: str
    answer: str = ""  # for typed cards
    accept: tuple[str, ...] = ()


def cards_of(note: Note) -> list[StudyCard]:
    """The flashcards a note yields: its study card, plus a reverse card if asked for."""
    kind = note.study_kind()
    out: list[StudyCard] = []
    if kind == "basic" and note.basic:
        out.append(StudyCard(note.id, note, "basic", note.basic.front, note.basic.back))
    elif kind == "cloze" and note.cloze:
        front, _ = render_cloze(note.cloze.text, 1)
        back, _ = render_cloze(note.cloze.text, 1, reveal=True)
        out.append(StudyCard(note.id, note, "cloze", front, back))
    elif kind == "typed" and note.typed:
        t = note.typed
        out.append(StudyCard(note.id, note, "typed", t.prompt, t.answer, t.answer, tuple(t.accept)))
    elif note.choice:  # notes with only choice/truefalse still get a flashcard
        out.append(StudyCard(note.id, note, "basic", note.choice.prompt, note.choice.answer))
    elif note.truefalse:
        out.append(
            StudyCard(
                note.id, note, "basic", f"True or false? {note.truefalse.false}", f"False. {note.truefalse.correction}"
            )
        )
    if note.basic and note.basic.reverse:
        out.append(StudyCard(note.id + REV_SUFFIX, note, "reverse", note.basic.back, note.basic.front))
    return out


def card_kinds(note: Note) -> list[tuple[str, str]]:
    """(card id, kind) of each card cards_of(note) yields, without building them (no cloze is rendered)."""
    kind = note.study_kind()
    main = kind if kind in ("cloze", "typed") and getattr(note, kind) is not None else "basic"
    if note.basic and note.basic.reverse:
        return [(note.id, main), (note.id + REV_SUFFIX, "reverse")]
    return [(note.id, main)]


def card_ids_of(note: Note) -> list[str]:
    """The ids of the cards cards_of(note) yields, without building them."""
    return list(_ids((note,)))


def _ids(notes: Sequence[Note]) -> Iterator[str]:
    """card_ids_of() for every note, flattened (the hot loop of the home screen's counts)."""
    for n in notes:
        yield n.id
        if n.basic and n.basic.reverse:
            yield n.id + REV_SUFFIX


class CardIndex(Mapping[str, StudyCard]):
    """Card id -> StudyCard for a set of notes; a card is built the first time it is asked for."""

    def __init__(self, notes: Sequence[Note]):
        self._notes = {cid: n for n in notes for cid in card_ids_of(n)}
        self._built: dict[str, StudyCard] = {}

    def __getitem__(self, card_id: str) -> StudyCard:
        card = self._built.get(card_id)
        if card is None:
            for c in cards_of(self._notes[card_id]):
                self._built[c.card_id] = c
            card = self._built[card_id]
        return card

    def __iter__(self) -> Iterator[str]:
        return iter(self._notes)

    def __len__(self) -> int:
        return len(self._notes)


@dataclass
class Counts:
    new: int = 0
    learning: int = 0
    due: int = 0


@dataclass
class Summary:
    studied: int
    again: int
    seconds: float
    next_due: datetime | None

    @property
    def again_rate(self) -> float:
        return self.again / self.studied if self.studied else 0.0


@dataclass
class _Done:
    card: StudyCard
    before: CardState
    event_seq: int
    rating: Rating


def auto_rating(correct: bool, seconds: float, state: CardState) -> Rating:
    """Grade an active-recall answer: wrong=Again, slow=Hard, right=Good, fast on a stable card=Easy."""
    if not correct:
        return Rating.AGAIN
    if seconds > 25:
        return Rating.HARD
    if seconds < 6 and state.phase == Phase.REVIEW and (state.stability or 0) >= 7:
        return Rating.EASY
    return Rating.GOOD


@dataclass
class StudySession:
    """Due cards of the chosen notes, asked one by one; every rating is saved before the next card."""

    store: LearnerStore
    scheduler: Scheduler
    notes: Sequence[Note]
    clock: Clock = utcnow
    reschedule: bool = True  # False: practice only, the schedule is not touched
    cards: list[StudyCard] | None = None  # explicit cards (custom study); default: what is due
    history: list[_Done] = field(default_factory=list)
    started: datetime | None = None

    def __post_init__(self) -> None:
        self.started = self.started or self.clock()
        self.by_id = CardIndex(self.notes)
        self.settings = self.store.profile.settings
        self._queue: list[str] = [c.card_id for c in self.cards] if self.cards is not None else self._build_queue()
        self._seconds = 0.0
        self._again = 0

    # -- queue -----------------------------------------------------------------------------------
    def state(self, card_id: str) -> CardState:
        return self.store.states.get(card_id) or self.scheduler.new_card(card_id, self.clock())

    def _today(self) -> tuple[int, int]:
        """New cards introduced and reviews done since the day started."""
        start = self.scheduler.day_start(self.clock())
        first: dict[str, datetime] = {}
        reviews = 0
        for e in self.store.reviews():
            first.setdefault(e.card, e.at)
            if e.at >= start:
                reviews += 1
        new = sum(1 for t in first.values() if t >= start)
        return new, reviews - new

    def _build_queue(self) -> list[str]:
        now = self.clock()
        day_end = self.scheduler.next_day_start(now)
        new_done, reviews_done = self._today()
        learning, due, new = [], [], []
        for cid in self.by_id:
            s = self.store.states.get(cid)
            if s is None or s.phase == Phase.NEW:
                if s is None or s.is_available(now):
                    new.append(cid)
            elif not s.is_available(now):
                continue
            elif s.phase in (Phase.LEARNING, Phase.RELEARNING) and s.due and s.due < day_end:
                learning.append(cid)
            elif s.phase == Phase.REVIEW and s.due and s.due < day_end:
                due.append(cid)
        due.sort(key=lambda c: self.store.states[c].due)  # type: ignore[arg-type,return-value]
        learning.sort(key=lambda c: self.store.states[c].due)  # type: ignore[arg-type,return-value]
        due = due[: max(0, self.settings.reviews_per_day - reviews_done)]
        new = new[: max(0, self.settings.new_per_day - new_done)]
        # interleave new cards among reviews, as Anki does by default
        mixed: list[str] = []
        step = max(1, len(due) // max(1, len(new))) if new else 0
        ni = 0
        for i, cid in enumerate(due):
            mixed.append(cid)
            if new and ni < len(new) and (i + 1) % step == 0:
                mixed.append(new[ni])
                ni += 1
        mixed.extend(new[ni:])
        return learning + mixed

    def counts(self) -> Counts:
        """New / learning / due cards left in the session (drawn after every key: CardState.phase spelled out)."""
        new = learning = due = 0
        get = self.store.states.get
        for cid in self._queue:
            s = get(cid)
            if s is None or s.last_review is None:
                new += 1
            elif s.state == _REVIEW:
                due += 1
            else:
                learning += 1
        return Counts(new=new, learning=learning, due=due)

    @property
    def remaining(self) -> int:
        return len(self._queue)

    @property
    def done(self) -> int:
        return len(self.history)

    def current(self) -> StudyCard | None:
        """The card to show now; learning cards wait for their step unless nothing else is left."""
        if not self._queue:
            return None
        now = self.clock()
        for i, cid in enumerate(self._queue):
            s = self.state(cid)
            waiting = s.phase in (Phase.LEARNING, Phase.RELEARNING) and s.due and s.due > now
            if not waiting:
                if i:
                    self._queue.insert(0, self._queue.pop(i))
                return self.by_id[self._queue[0]]
        first = min(self._queue, key=lambda c: self.state(c).due or now)
        if (self.state(first).due or now) - now <= LEARN_AHEAD:
            self._queue.remove(first)
            self._queue.insert(0, first)
            return self.by_id[first]
        return None

    def next_wait(self) -> datetime | None:
        """When the next learning card in this session becomes due, if any are waiting."""
        dues = [self.state(c).due for c in self._queue if self.state(c).due]
        return min(dues) if dues else None  # type: ignore[type-var]

    # -- actions -----------------------------------------------------------------------------------
    def previews(self) -> dict[Rating, timedelta]:
        card = self.current()
        return self.scheduler.preview(self.state(card.card_id), self.clock()) if card else {}

    def rate(self, rating: Rating, duration_ms: int | None = None, kind: str | None = None) -> CardState:
        """Rate the current card; the event is on disk before this returns (or SaveFailed is raised)."""
        card = self.current()
        if card is None:
            raise IndexError("no card to rate")
        now = self.clock()
        before = self.state(card.card_id)
        after = self.scheduler.review(before, rating, now, duration_ms) if self.reschedule else before
        self._queue.pop(0)
        relearn = self.reschedule and after.phase in (Phase.LEARNING, Phase.RELEARNING)
        if relearn and after.due and after.due < self.scheduler.next_day_start(now):
            self._queue.append(card.card_id)
        event = self.store.record(
            "review" if self.reschedule else "practice",
            after,
            now,
            rating=int(rating),
            duration_ms=duration_ms,
            kind=kind or card.kind,
        )  # on SaveFailed the event stays pending in the store and is retried with the next save
        self._seconds += (duration_ms or 0) / 1000
        self._again += rating == Rating.AGAIN
        self.history.append(_Done(card, before, event.seq, rating))
        return after

    def undo(self) -> StudyCard | None:
        """Take back the last rating: the old state is restored (and logged) and the card is asked again."""
        if not self.history:
            return None
        last = self.history.pop()
        cid = last.card.card_id
        if cid in self._queue:
            self._queue.remove(cid)
        self._queue.insert(0, cid)
        self._seconds = max(0.0, self._seconds)
        self._again -= last.rating == Rating.AGAIN
        self.store.record("undo", last.before, self.clock(), undoes=last.event_seq)
        return last.card

    def _mark(self, type: str, **changes: object) -> StudyCard | None:
        card = self.current()
        if card is None:
            return None
        state = replace(self.state(card.card_id), **changes)  # type: ignore[arg-type]
        self._queue.pop(0)  # first, so a failed save does not bring the card back
        self.store.record(type, state, self.clock())
        return card

    def bury(self) -> StudyCard | None:
        """Hide the current card until the next day starts."""
        return self._mark("bury", buried_until=self.scheduler.next_day_start(self.clock()))

    def suspend(self) -> StudyCard | None:
        return self._mark("suspend", suspended=True)

    def toggle_flag(self) -> bool:
        card = self.current()
        if card is None:
            return False
        s = self.state(card.card_id)
        s = replace(s, flagged=not s.flagged)
        self.store.record("flag" if s.flagged else "unflag", s, self.clock())
        return s.flagged

    def question_for(self, card: StudyCard, rng: random.Random | None = None) -> Question | None:
        """Active recall: recognition (choice/true-false) while new or weak, recall (typed/cloze) once stable."""
        rng = rng or random.Random()
        s = self.state(card.card_id)
        stable = s.phase == Phase.REVIEW and (s.stability or 0) >= 3
        order = ["typed", "cloze", "choice", "truefalse"] if stable else ["choice", "truefalse", "cloze", "typed"]
        for kind in order:
            q = make_question(card.note, kind, rng)  # type: ignore[arg-type]
            if q:
                return q
        return None

    def summary(self) -> Summary:
        future = [s.due for s in self.store.states.values() if s.due and s.last_review and not s.suspended]
        now = self.clock()
        upcoming = [d for d in future if d > now]
        return Summary(len(self.history), self._again, round(self._seconds, 1), min(upcoming) if upcoming else None)


def deck_counts(store: LearnerStore, scheduler: Scheduler, notes: Sequence[Note], now: datetime) -> Counts:
    """New / learning / due counts for a set of notes, without the daily limits."""
    day_end = scheduler.next_day_start(now)
    new = learning = due = 0
    get = store.states.get
    for card_id in _ids(notes):  # CardState.phase and is_available, spelled out: 100,000 cards in 0.1 s
        s = get(card_id)
        if s is None or s.last_review is None:
            new += 1
        elif s.suspended or (s.buried_until is not None and s.buried_until > now) or not s.due or s.due >= day_end:
            continue
        elif s.state == _REVIEW:
            due += 1
        else:
            learning += 1
    return Counts(new=new, learning=learning, due=due)


def mastery(store: LearnerStore, notes: Sequence[Note]) -> float:
    """Share of a deck's cards that are in review with stability of at least 21 days."""
    get = store.states.get
    total = strong = 0
    for card_id in _ids(notes):
        total += 1
        s = get(card_id)
        if s is not None and s.last_review is not None and s.state == _REVIEW and (s.stability or 0) >= 21:
            strong += 1
    return strong / total if total else 0.0
