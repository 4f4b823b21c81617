"""A spaced-repetition study session without UI: queue, rate, undo, bury, suspend, flag, summary."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone

from quizapp.decks.models import Note
from quizapp.progress.store import LearnerStore
from quizapp.quiz.questions import Question, make_question, render_cloze
from quizapp.scheduling.flags import flag_name, pressed
from quizapp.scheduling.scheduler import CardState, Phase, Rating, Scheduler
from quizapp.study.queue import NO_CONTEXT, REV_SUFFIX, Counts, DayContext, card_ids_of, lapses, phase_of, plan

LEARN_AHEAD = timedelta(minutes=20)
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
class Summary:
    studied: int
    again: int
    seconds: float
    next_due: datetime | None

    @property
    def again_rate(self) -> float:
        return self.again / self.studied if self.studied else 0.0


UNDO_MESSAGES = {
    "rating": "Rating undone: the card is back as it was.",
    "bury": "Bury undone: the card is back in today's cards.",
    "suspend": "Suspend undone: the card is back in today's cards.",
    "edit": "Edit undone: the note is back as it was.",
    "leech": "Rating undone: the card is back as it was, and no longer marked a leech.",
}


@dataclass
class _Done:
    """One action of the session, with what undoing it needs."""

    action: str  # rating | bury | suspend | flag | unflag | edit
    card: StudyCard
    before: CardState
    event_seq: int | None  # the logged event (None for an edit, which is not a card event)
    rating: Rating | None = None
    seconds: float = 0.0
    restore: Callable[[], object] | None = None  # for an edit: puts the note back as it was
    lapse: bool = False  # the rating was a lapse (counted towards a leech)
    leech_seq: int | None = None  # the suspend event that made the card a leech


@dataclass(frozen=True)
class Undone:
    """What `StudySession.undo()` took back, for the screen to say."""

    action: str
    card: StudyCard
    flag: int = 0  # the card's flag again (the one before the action)

    @property
    def card_id(self) -> str:
        return self.card.card_id

    @property
    def message(self) -> str:
        if self.action not in ("flag", "unflag"):
            return UNDO_MESSAGES[self.action]
        if self.flag:
            return f"Flag undone: the card's flag is {flag_name(self.flag)} again."
        return "Flag undone: the card has no flag again."


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
    """Due cards of the chosen notes, asked one by one; every action is saved before the next card, and each can be
    undone, most recent first."""

    store: LearnerStore
    scheduler: Scheduler
    notes: Sequence[Note]
    clock: Clock = utcnow
    reschedule: bool = True  # False: practice only, the schedule is not touched
    cards: list[StudyCard] | None = None  # explicit cards (custom study); default: what is due
    history: list[_Done] = field(default_factory=list)
    started: datetime | None = None
    context: DayContext = NO_CONTEXT  # decks and same-fact links: per-deck limits, new-card order, siblings

    def __post_init__(self) -> None:
        self.started = self.started or self.clock()
        self.by_id = CardIndex(self.notes)
        self.settings = self.store.profile.settings
        self._queue: list[str] = [c.card_id for c in self.cards] if self.cards is not None else self._build_queue()
        self._lapses: dict[str, int] | None = None
        self.leech_notice: str | None = None  # set by rate() when the card just became a leech

    # -- queue -----------------------------------------------------------------------------------
    def state(self, card_id: str) -> CardState:
        return self.store.states.get(card_id) or self.scheduler.new_card(card_id, self.clock())

    def _build_queue(self) -> list[str]:
        return plan(self.store, self.scheduler, self.notes, self.clock(), self.context).queue()

    def replan(self, scheduler: Scheduler, keep: str | None = None) -> None:
        """Another device's reviews or settings arrived: go on with `scheduler` and plan the cards still to come
        again (daily limits, orders, what was reviewed there); the card on screen (`keep`) stays first, as it is.
        Custom study keeps its own cards."""
        self.scheduler, self.settings = scheduler, self.store.profile.settings
        if self.cards is None:
            self._queue = self._build_queue()
        if keep is not None:
            if keep in self._queue:
                self._queue.remove(keep)
            self._queue.insert(0, keep)

    def counts(self) -> Counts:
        """New / learning / due cards left in the session."""
        c = Counts()
        get = self.store.states.get
        for cid in self._queue:
            phase = phase_of(get(cid))
            if phase == Phase.NEW:
                c.new += 1
            elif phase == Phase.REVIEW:
                c.due += 1
            else:
                c.learning += 1
        return c

    @property
    def remaining(self) -> int:
        return len(self._queue)

    @property
    def done(self) -> int:
        """Cards rated in this session (and not undone)."""
        return sum(1 for d in self.history if d.rating is not None)

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

    # -- actions -----------------------------------------------------------------------------------
    def previews(self) -> dict[Rating, timedelta]:
        card = self.current()
        return self.scheduler.preview(self.state(card.card_id), self.clock()) if card else {}

    def rate(self, rating: Rating, duration_ms: int | None = None, kind: str | None = None) -> CardState:
        """Rate the current card; the event is on disk before this returns (or SaveFailed is raised). A card whose
        lapses reach the leech setting is suspended (or only marked) and `leech_notice` says so."""
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
        done = _Done("rating", card, before, event.seq, rating, (duration_ms or 0) / 1000)
        self.history.append(done)
        self.leech_notice = None
        if self.reschedule and rating == Rating.AGAIN and before.phase == Phase.REVIEW:
            self._count_lapse(card, after, done)
        return after

    def _count_lapse(self, card: StudyCard, after: CardState, done: _Done) -> None:
        if self._lapses is None:
            self._lapses = lapses(self.store.reviews()[:-1])
        n = self._lapses[card.card_id] = self._lapses.get(card.card_id, 0) + 1
        done.lapse = True
        limit = self.settings.leech_lapses
        if not limit or n < limit or (n - limit) % max(1, limit // 2):
            return  # as Anki: a leech at the limit, then again every half of it
        if self.settings.leech_action == "suspend":
            done.leech_seq = self.store.record("suspend", replace(after, suspended=True), self.clock()).seq
            if card.card_id in self._queue:
                self._queue.remove(card.card_id)
            self.leech_notice = f"Leech: {n} lapses. The card is suspended; rewrite it or unsuspend it in the browser."
        else:
            self.leech_notice = f"Leech: {n} lapses. The card is marked a leech; the browser lists leeches."
        done.action = "leech"

    def undo(self) -> Undone | None:
        """Take back the most recent action of the session (rating, bury, suspend, flag, edit): the card's old state
        is restored and logged, and a rated, buried or suspended card is asked again. None when nothing is left."""
        if not self.history:
            return None
        last = self.history.pop()
        cid = last.card.card_id
        if last.restore is not None:
            last.restore()
        else:
            if last.leech_seq is not None:
                self.store.record("undo", last.before, self.clock(), undoes=last.leech_seq)
            if last.lapse and self._lapses is not None:
                self._lapses[cid] -= 1
            self.store.record("undo", last.before, self.clock(), undoes=last.event_seq)
        if last.action not in ("flag", "unflag", "edit"):
            if cid in self._queue:
                self._queue.remove(cid)
            self._queue.insert(0, cid)
        return Undone(last.action, last.card, last.before.flag)

    def _mark(self, type: str, **changes: object) -> StudyCard | None:
        card = self.current()
        if card is None:
            return None
        before = self.state(card.card_id)
        state = replace(before, **changes)  # type: ignore[arg-type]
        self._queue.pop(0)  # first, so a failed save does not bring the card back
        event = self.store.record(type, state, self.clock())
        self.history.append(_Done(type, card, before, event.seq))
        return card

    def bury(self) -> StudyCard | None:
        """Hide the current card until the next day starts."""
        return self._mark("bury", buried_until=self.scheduler.next_day_start(self.clock()))

    def suspend(self) -> StudyCard | None:
        return self._mark("suspend", suspended=True)

    def flag(self, colour: int | None = None) -> int:
        """Press a flag key on the current card: `colour` (1 red … 4 blue) sets it, or clears it when the card has
        it already; None toggles (a flagged card loses its flag, another turns red). The card's flag after it."""
        card = self.current()
        if card is None:
            return 0
        before = self.state(card.card_id)
        s = replace(before, flag=pressed(before.flag, colour))
        kind = "flag" if s.flag else "unflag"
        event = self.store.record(kind, s, self.clock())
        self.history.append(_Done(kind, card, before, event.seq))
        return s.flag

    def edited(self, card: StudyCard, restore: Callable[[], object]) -> None:
        """Note that the screen edited `card`'s note; `restore` puts the note back as it was (called by undo)."""
        self.history.append(_Done("edit", card, self.state(card.card_id), None, restore=restore))

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
        rated = [d for d in self.history if d.rating is not None]
        again = sum(1 for d in rated if d.rating == Rating.AGAIN)
        seconds = round(sum(d.seconds for d in rated), 1)
        return Summary(len(rated), again, seconds, min(upcoming) if upcoming else None)
