"""Bring an Anki collection's scheduling into a learner's progress: each card's state (Anki's FSRS memory state when
the collection has one, else its review history replayed) and the full review log. Importing twice adds nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone

from quizapp.authoring.apkgread import AnkiCard, AnkiCollection
from quizapp.decks.models import Deck
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import CardState, Phase, Rating, Scheduler
from quizapp.words import counted

UTC = timezone.utc
REV_SUFFIX = "~rev"  # a reverse card's id: its note's id plus this (as quizapp.study.session names them)
KIND = "anki"  # the `kind` of imported review events: how a second import knows them
_REVIEW_TYPES = (0, 1, 2, 3)  # learn, review, relearn, filtered; manual (4) and rescheduled (5) are not reviews


@dataclass
class ProgressReport:
    cards: int = 0  # cards whose state came over
    reviews: int = 0  # review events added
    skipped_reviews: int = 0  # already imported before
    from_memory: int = 0  # states taken from Anki's FSRS memory state
    replayed: int = 0  # states from replaying the review history
    suspended: int = 0
    buried: int = 0
    flagged: int = 0
    not_brought: list[str] = field(default_factory=list)  # what cannot come over, in plain words


def _at(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def card_map(col: AnkiCollection, deck: Deck) -> tuple[dict[int, str], list[AnkiCard]]:
    """Anki card id -> quizapp card id, and the Anki cards that have no quizapp card (cloze 2+, third templates)."""
    by_row = {n.locator.rsplit(" ", 1)[-1]: n for n in deck.notes}  # the importer's locator is "<label> <row>"
    note_of = {col.note_ids[int(num) - 1]: n for num, n in by_row.items() if num.isdigit()}
    out: dict[int, str] = {}
    left: list[AnkiCard] = []
    for c in col.cards:
        note = note_of.get(c.note)
        reverse = note is not None and note.basic is not None and note.basic.reverse
        if note is not None and c.ord == 0:
            out[c.id] = note.id
        elif note is not None and c.ord == 1 and reverse:
            out[c.id] = note.id + REV_SUFFIX
        else:
            left.append(c)
    return out, left


def import_progress(
    col: AnkiCollection,
    deck: Deck,
    store: LearnerStore,
    scheduler: Scheduler,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> ProgressReport:
    """Record the collection's reviews and card states for `deck`'s cards in `store` (see the module doc)."""
    ids, left = card_map(col, deck)
    report = ProgressReport()
    done = {(e.card, e.at) for e in store.history() if e.kind == KIND}
    by_card: dict[int, list] = {}
    for r in col.reviews:
        if r.card in ids and r.type in _REVIEW_TYPES and 1 <= r.ease <= 4:
            by_card.setdefault(r.card, []).append(r)
    total = len(col.cards)
    next_day = scheduler.next_day_start(now)
    for i, card in enumerate(col.cards):
        if progress and i % 200 == 0:
            progress(i, total)
        cid = ids.get(card.id)
        if cid is None:
            continue
        state = scheduler.new_card(cid, now)
        for r in by_card.get(card.id, []):
            at = _at(r.at_ms)
            state = scheduler.review(state, Rating(r.ease), at)
            if (cid, at) in done:
                report.skipped_reviews += 1
                continue
            store.record("review", state, at, rating=r.ease, duration_ms=r.time_ms, kind=KIND)
            report.reviews += 1
        final = _final_state(card, state, col.created, report)
        final = replace(
            final,
            suspended=card.queue == -1,
            buried_until=next_day if card.queue in (-2, -3) else None,
            flag=card.flags & 7,  # Anki's flag number is the low 3 bits: 1 red … 7 purple, as ours
        )
        report.suspended += final.suspended
        report.buried += final.buried_until is not None
        report.flagged += final.flagged
        if final.phase != Phase.NEW or final.suspended or final.buried_until or final.flagged:
            report.cards += 1
            if store.states.get(cid) != final and not _same_but_bury(store.states.get(cid), final):
                store.record("import", final, now, kind=KIND)
    if progress:
        progress(total, total)
    _not_brought(col, left, report)
    return report


def _same_but_bury(old: CardState | None, new: CardState) -> bool:
    """A second import on another day would only move a buried card's bury date: nothing to add."""
    return old is not None and old.buried_until is not None and replace(old, buried_until=new.buried_until) == new


def _final_state(card: AnkiCard, replayed: CardState, created: int, report: ProgressReport) -> CardState:
    """Anki's own FSRS memory state and due date for a review card when present, else the replayed state."""
    if card.type == 2 and card.memory is not None and replayed.last_review is not None:
        report.from_memory += 1
        stability, difficulty = card.memory
        due = datetime.fromtimestamp(created, UTC) + timedelta(days=card.due)
        return replace(replayed, state=2, step=None, stability=stability, difficulty=difficulty, due=due)
    if replayed.last_review is not None:
        report.replayed += 1
    if card.type == 2 and replayed.phase == Phase.REVIEW and card.due > 0:
        return replace(replayed, due=datetime.fromtimestamp(created, UTC) + timedelta(days=card.due))  # keep Anki's
    return replayed


def _not_brought(col: AnkiCollection, left: list[AnkiCard], report: ProgressReport) -> None:
    out = report.not_brought
    if col.media:
        out.append(f"{counted(col.media, 'media file')} (images, sounds): not brought over")
    if col.extra_fields:
        out.append(f"fields beyond the first two on {counted(col.extra_fields, 'note')} (add-on or extra fields)")
    if left:
        out.append(
            f"{counted(len(left), 'card')} of extra templates or cloze numbers beyond c1: only each note's first card"
        )
    manual = sum(1 for r in col.reviews if r.type in (4, 5) or r.ease == 0)
    if manual:
        out.append(f"{manual} manual reschedule entries of the review log (not reviews)")
