"""The home screen's counts: deck_counts and mastery agree with CardState's own definitions (limits lifted)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.decks.library import load_deck
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.study.counts import deck_counts, mastery
from quizapp.study.queue import card_ids_of

NOTES = list(load_deck(Path(__file__).parent / "fixtures" / "mini.toml").deck.notes)
IDS = [cid for n in NOTES for cid in card_ids_of(n)]
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
SCHED = Scheduler(enable_fuzzing=False)
offsets = st.one_of(st.none(), st.integers(-3 * 86400, 3 * 86400).map(lambda s: NOW + timedelta(seconds=s)))
states = st.builds(
    CardState,
    card_id=st.just(""),
    state=st.integers(1, 3),
    stability=st.floats(0.1, 60),
    due=offsets,
    last_review=offsets,
    suspended=st.booleans(),
    buried_until=offsets,
)


def expected(by_id: dict[str, CardState]) -> tuple[int, int, int, float]:
    day_end = SCHED.next_day_start(NOW)
    new = learning = due = strong = 0
    for cid in IDS:
        s = by_id.get(cid)
        if s is None or (s.phase == Phase.NEW and s.is_available(NOW)):
            new += 1
        elif s.phase != Phase.NEW and s.is_available(NOW) and s.due and s.due < day_end:
            due += s.phase == Phase.REVIEW
            learning += s.phase != Phase.REVIEW
        strong += bool(s and s.phase == Phase.REVIEW and (s.stability or 0) >= 21)
    return new, learning, due, strong / len(IDS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(IDS), states))
def test_counts_match_the_card_states_definitions(tmp_path: Path, chosen: dict[str, CardState]) -> None:
    from quizapp.progress.profile import Profile, Settings

    store = LearnerStore(tmp_path, "ann", read_only=True)
    no_limits = Settings(new_per_day=9999, reviews_per_day=99999, bury_new_siblings=False, bury_review_siblings=False)
    store.profile = Profile(name="ann", created=NOW, settings=no_limits)
    store.states = {
        cid: CardState(
            cid,
            *[
                getattr(s, f)
                for f in ("state", "step", "stability", "difficulty", "due", "last_review", "suspended", "buried_until")
            ],
        )
        for cid, s in chosen.items()
    }
    c = deck_counts(store, SCHED, NOTES, NOW)
    assert (c.new, c.learning, c.due, mastery(store, NOTES)) == expected(store.states)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(IDS), states))
def test_session_counts_match_each_cards_phase(tmp_path: Path, chosen: dict[str, CardState]) -> None:
    from quizapp.progress.profile import Profile
    from quizapp.study.session import StudySession, cards_of

    store = LearnerStore(tmp_path, "ann", read_only=True)
    store.profile = Profile(name="ann", created=NOW)
    store.states = {
        cid: CardState(
            cid,
            *[
                getattr(s, f)
                for f in ("state", "step", "stability", "difficulty", "due", "last_review", "suspended", "buried_until")
            ],
        )
        for cid, s in chosen.items()
    }
    cards = [c for n in NOTES for c in cards_of(n)]  # every card in the queue, whatever its state
    session = StudySession(store, SCHED, NOTES, clock=lambda: NOW, cards=cards)
    phases = [session.state(c.card_id).phase for c in cards]
    c = session.counts()
    assert (c.new, c.due) == (phases.count(Phase.NEW), phases.count(Phase.REVIEW))
    assert c.learning == phases.count(Phase.LEARNING) + phases.count(Phase.RELEARNING)


def test_card_ids_of_a_note_are_the_ids_its_cards_get() -> None:
    from quizapp.decks.models import Basic
    from quizapp.study.session import cards_of

    both = NOTES[0]._replace(basic=Basic(front="Q", back="A", reverse=True))
    one = NOTES[0]._replace(basic=Basic(front="Q", back="A"))
    assert card_ids_of(both) == [c.card_id for c in cards_of(both)] == [both.id, both.id + "~rev"]
    assert card_ids_of(one) == [c.card_id for c in cards_of(one)] == [one.id]
