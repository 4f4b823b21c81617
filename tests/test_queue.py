"""Today's queue on a fixed UTC clock: limits, new-card order, siblings, leeches, undo of every action, Easy > Good."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.conftest import Clock

from quizapp.decks.models import Basic
from quizapp.progress.profile import Settings
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import CardState, Phase, Rating, Scheduler
from quizapp.study.counts import deck_counts
from quizapp.study.queue import DayContext, plan
from quizapp.study.session import StudySession

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
SCHED = Scheduler(enable_fuzzing=False, day_start_hour=4)


def settings(store: LearnerStore, **kw: object) -> None:
    store.save_profile(replace(store.profile, settings=replace(Settings(), **kw)))


def review_state(cid: str, due: datetime = NOW, **kw: object) -> CardState:
    return CardState(cid, state=2, step=None, stability=10.0, difficulty=5.0, due=due, last_review=due, **kw)


def two_decks(notes):
    """The mini deck's notes split as two decks: a (first six) and b (the rest)."""
    return {n.id: ("a" if i < 6 else "b") for i, n in enumerate(notes)}


def test_new_cards_are_interleaved_across_decks_by_default(store, notes) -> None:
    settings(store, new_per_day=4)
    new = plan(store, SCHED, notes, NOW, DayContext(deck_of=two_decks(notes))).new
    assert new == [notes[0].id, notes[6].id, notes[1].id, notes[7].id]


def test_new_cards_deck_by_deck(store, notes) -> None:
    settings(store, new_per_day=4, new_order="deck")
    assert plan(store, SCHED, notes, NOW, DayContext(deck_of=two_decks(notes))).new == [n.id for n in notes[:4]]


def test_random_new_order_is_the_same_all_day(store, notes) -> None:
    settings(store, new_per_day=12, new_order="random")
    first = plan(store, SCHED, notes, NOW).new
    assert sorted(first) == sorted(n.id for n in notes) and first != [n.id for n in notes]
    assert plan(store, SCHED, notes, NOW + timedelta(hours=3)).new == first


def test_a_decks_own_new_limit(store, notes) -> None:
    settings(store, new_per_day=10, deck_new_per_day={"a": 1})
    new = plan(store, SCHED, notes, NOW, DayContext(deck_of=two_decks(notes))).new
    assert new == [notes[0].id] + [n.id for n in notes[6:]]


def test_home_counts_respect_limits_and_leave_out_suspended_and_buried(store, notes) -> None:
    settings(store, new_per_day=3, reviews_per_day=1)
    store.record("suspend", replace(SCHED.new_card(notes[0].id, NOW), suspended=True), NOW)
    store.record("bury", replace(SCHED.new_card(notes[1].id, NOW), buried_until=NOW + timedelta(hours=5)), NOW)
    for n in notes[2:4]:
        store.record("override", review_state(n.id), NOW - timedelta(days=3), rating=3)
    c = deck_counts(store, SCHED, notes, NOW)
    assert (c.new, c.learning, c.due) == (3, 0, 1)
    session = StudySession(store, SCHED, notes, clock=Clock())
    assert session.counts() == c
    assert notes[0].id not in session._queue and notes[1].id not in session._queue


def test_new_cards_done_today_count_against_the_limit(store, notes) -> None:
    settings(store, new_per_day=3)
    clock = Clock()
    session = StudySession(store, SCHED, notes, clock=clock)
    session.rate(Rating.EASY)
    assert deck_counts(store, SCHED, notes, NOW).new == 2


def with_reverse(notes):
    first = notes[0]._replace(basic=Basic(front="Q", back="A", reverse=True))
    return [first] + notes[1:]


def test_siblings_are_not_shown_on_the_same_day(store, notes) -> None:
    notes = with_reverse(notes)
    ids = plan(store, SCHED, notes, NOW).new
    assert notes[0].id in ids and notes[0].id + "~rev" not in ids
    settings(store, bury_new_siblings=False)
    assert notes[0].id + "~rev" in plan(store, SCHED, notes, NOW).new


def test_a_review_sibling_is_buried_once_its_note_was_studied_today(store, notes) -> None:
    notes = with_reverse(notes)
    store.record("override", review_state(notes[0].id + "~rev"), NOW - timedelta(days=5), rating=3)
    assert notes[0].id + "~rev" in plan(store, SCHED, notes, NOW).due
    store.record("review", review_state(notes[0].id, NOW + timedelta(days=3)), NOW - timedelta(hours=1), rating=3)
    assert notes[0].id + "~rev" not in plan(store, SCHED, notes, NOW).due
    settings(store, bury_review_siblings=False)
    assert notes[0].id + "~rev" in plan(store, SCHED, notes, NOW).due


def test_linked_notes_of_other_decks_are_buried_as_siblings(store, notes) -> None:
    links = {notes[0].id: frozenset({notes[6].id}), notes[6].id: frozenset({notes[0].id})}
    ids = plan(store, SCHED, notes, NOW, DayContext(links=links)).new
    assert notes[0].id in ids and notes[6].id not in ids


def lapse_until(session: StudySession, clock: Clock, card_id: str, lapses: int) -> None:
    """Put the card in review, then forget it `lapses` times."""
    for _ in range(lapses):
        session.store.record("override", review_state(card_id, clock.now), clock.now, rating=3)
        if card_id in session._queue:
            session._queue.remove(card_id)
        session._queue.insert(0, card_id)
        session.rate(Rating.AGAIN)
        clock.now += timedelta(minutes=1)


def test_a_card_with_eight_lapses_is_suspended_as_a_leech_and_undo_takes_it_back(store, notes) -> None:
    clock = Clock()
    session = StudySession(store, SCHED, notes, clock=clock)
    cid = notes[0].id
    lapse_until(session, clock, cid, 7)
    assert session.leech_notice is None and not store.states[cid].suspended
    lapse_until(session, clock, cid, 1)
    assert session.leech_notice.startswith("Leech: 8 lapses") and store.states[cid].suspended
    assert cid not in session._queue
    undone = session.undo()
    assert undone.action == "leech" and not store.states[cid].suspended
    assert store.states[cid].phase == Phase.REVIEW


def test_leech_only_tagged(store, notes) -> None:
    from quizapp.study.queue import leeches

    settings(store, leech_lapses=2, leech_action="tag")
    clock = Clock()
    session = StudySession(store, SCHED, notes, clock=clock)
    lapse_until(session, clock, notes[0].id, 2)
    assert "marked a leech" in session.leech_notice and not store.states[notes[0].id].suspended
    assert leeches(store) == {notes[0].id}


def test_undo_covers_every_action_most_recent_first(store, notes) -> None:
    session = StudySession(store, SCHED, notes, clock=Clock())
    first = session.current()
    session.rate(Rating.GOOD, 4000)
    second = session.current()
    assert session.flag(2) == 2 and session.flag(4) == 4
    session.bury()
    third = session.current()
    session.suspend()
    restored = []
    session.edited(session.current(), lambda: restored.append(True))
    assert session.undo().action == "edit" and restored == [True]
    u = session.undo()
    assert (u.action, u.card_id, u.message) == (
        "suspend",
        third.card_id,
        "Suspend undone: the card is back in today's cards.",
    )
    assert not store.states[third.card_id].suspended and session.current().card_id == third.card_id
    assert session.undo().action == "bury" and store.states[second.card_id].buried_until is None
    assert session.current().card_id == second.card_id
    u = session.undo()  # the blue flag: the card is orange again
    assert (u.action, u.message, store.states[second.card_id].flag) == (
        "flag",
        "Flag undone: the card's flag is orange again.",
        2,
    )
    u = session.undo()
    assert (u.message, store.states[second.card_id].flag) == ("Flag undone: the card has no flag again.", 0)
    assert session.summary().seconds == 4.0
    assert session.undo().action == "rating" and session.current().card_id == first.card_id
    assert session.summary().seconds == 0.0 and session.summary().studied == 0
    assert session.undo() is None
    assert store.reviews() == []


def test_easy_is_always_longer_than_good() -> None:
    s = SCHED.new_card("x", NOW)
    for _ in range(3):  # new, then each learning step
        p = SCHED.preview(s, NOW)
        assert p[Rating.EASY] > p[Rating.GOOD]
        s = SCHED.review(s, Rating.GOOD, NOW)


def test_a_fact_learnt_in_another_deck_is_not_introduced_again(store, notes) -> None:
    links = {notes[0].id: frozenset({notes[6].id}), notes[6].id: frozenset({notes[0].id})}
    store.record("override", review_state(notes[6].id, NOW + timedelta(days=9)), NOW - timedelta(days=2), rating=3)
    assert notes[0].id not in plan(store, SCHED, notes, NOW, DayContext(links=links)).new
    assert notes[0].id in plan(store, SCHED, notes, NOW).new


def test_the_bundled_decks_link_the_facts_they_share() -> None:

    from quizapp.decks.library import find_deck_files, load_library
    from quizapp.workspace import same_fact_links

    lib = load_library(find_deck_files([Path(__file__).parent.parent / "decks"]))
    assert not lib.problems, lib.problems[:3]
    links = same_fact_links(n for d in lib.decks for n in d.deck.notes)
    assert links["ppl-0007"] == {"def-0023"} and links["def-0023"] == {"ppl-0007"}
    assert links["dipl-0031"] == {"ppl-0012"} and len(links) == 14
