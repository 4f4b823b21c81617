"""Statistics from a review log and card states, on a fixed UTC clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import tomli_w

from quizapp.decks.library import find_deck_files, load_library
from quizapp.progress.store import Event, LearnerStore
from quizapp.quiz.run import load_results
from quizapp.scheduling.scheduler import CardState, Rating, Scheduler
from quizapp.study.counts import learner_day, streak
from quizapp.study.stats import (
    Retention,
    StateCounts,
    collect,
    due_forecast,
    live_reviews,
    reviews_per_day,
    state_counts,
    topic_mastery,
    true_retention,
)

FIXTURES = Path(__file__).parent / "fixtures" / "browse"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
REVIEW = CardState("c", state=2, step=None, stability=10, difficulty=5, due=NOW, last_review=NOW - timedelta(days=9))
LEARNING = CardState("c", state=1, step=0, stability=1, difficulty=5, due=NOW, last_review=NOW - timedelta(hours=1))
RELEARNING = CardState("c", state=3, step=0, stability=2, difficulty=6, due=NOW, last_review=NOW)

_seq = iter(range(1, 10_000))


def ev(
    card: str, at: datetime, state: CardState, rating: int | None = 3, type: str = "review", undoes: int | None = None
) -> Event:
    from dataclasses import replace

    return Event(next(_seq), type, card, at, replace(state, card_id=card), rating=rating, undoes=undoes)


def days_ago(n: float, hour: int = 12) -> datetime:
    return (NOW - timedelta(days=n)).replace(hour=hour)


def test_learner_day_starts_at_the_day_start_hour() -> None:
    assert learner_day(datetime(2026, 3, 2, 3, 59, tzinfo=UTC), 4, UTC) == date(2026, 3, 1)
    assert learner_day(datetime(2026, 3, 2, 4, 0, tzinfo=UTC), 4, UTC) == date(2026, 3, 2)
    assert learner_day(datetime(2026, 3, 2, 3, 0, tzinfo=UTC), 0, UTC) == date(2026, 3, 2)


def test_reviews_per_day_covers_30_days_ending_today() -> None:
    events = [
        ev("a", days_ago(0), REVIEW),
        ev("b", days_ago(0, hour=5), REVIEW),
        ev("a", days_ago(2), REVIEW),
        ev("a", days_ago(29), REVIEW),
        ev("a", days_ago(30), REVIEW),  # 30 days ago: just outside
        ev("a", NOW.replace(hour=2), REVIEW),
    ]  # 02:00 today is still yesterday's learner day
    per_day = reviews_per_day(events, NOW, day_start_hour=4, tz=UTC)
    assert len(per_day) == 30
    assert per_day[-1] == (date(2026, 3, 2), 2)
    assert per_day[-2] == (date(2026, 3, 1), 1)
    assert per_day[-3] == (date(2026, 2, 28), 1)
    assert per_day[0] == (date(2026, 2, 1), 1)
    assert sum(n for _, n in per_day) == 5


def test_undone_reviews_are_left_out() -> None:
    r1 = ev("a", days_ago(0), REVIEW)
    r2 = ev("a", days_ago(0), REVIEW)
    undo = ev("a", days_ago(0), REVIEW, rating=None, type="undo", undoes=r2.seq)
    flag = ev("a", days_ago(0), REVIEW, rating=None, type="flag")
    assert live_reviews([r1, r2, undo, flag]) == [r1]


def test_due_forecast_puts_overdue_cards_on_today() -> None:
    states = [
        CardState("overdue", state=2, due=NOW - timedelta(days=3), last_review=NOW - timedelta(days=10)),
        CardState("today", state=1, due=NOW + timedelta(hours=2), last_review=NOW),
        CardState("tomorrow", state=2, due=NOW + timedelta(days=1), last_review=NOW),
        CardState("day29", state=2, due=NOW + timedelta(days=29), last_review=NOW),
        CardState("day30", state=2, due=NOW + timedelta(days=30), last_review=NOW),  # outside the forecast
        CardState("suspended", state=2, due=NOW + timedelta(days=1), last_review=NOW, suspended=True),
        CardState("new", due=NOW),
    ]
    forecast = due_forecast(states, NOW, day_start_hour=4, tz=UTC)
    assert len(forecast) == 30
    assert forecast[0] == (date(2026, 3, 2), 2)
    assert forecast[1] == (date(2026, 3, 3), 1)
    assert forecast[29] == (date(2026, 3, 31), 1)
    assert sum(n for _, n in forecast) == 4


def test_true_retention_counts_only_reviews_of_cards_in_review() -> None:
    history = [
        ev("a", days_ago(20), LEARNING, Rating.GOOD),  # first review: the card was new
        ev("a", days_ago(10), REVIEW, Rating.GOOD),  # before: learning -> not counted
        ev("a", days_ago(5), REVIEW, Rating.GOOD),  # before: review -> passed
        ev("a", days_ago(3), RELEARNING, Rating.AGAIN),  # before: review -> failed
        ev("a", days_ago(2), REVIEW, Rating.GOOD),  # before: relearning -> not counted
        ev("a", days_ago(1), REVIEW, Rating.HARD),  # before: review -> passed (Hard is a pass)
        ev("b", days_ago(40), REVIEW, Rating.GOOD),
        ev("b", days_ago(35), REVIEW, Rating.AGAIN),  # older than 30 days
    ]
    bad = ev("a", days_ago(0), RELEARNING, Rating.AGAIN)
    undo = ev("a", days_ago(0), REVIEW, rating=None, type="undo", undoes=bad.seq)
    r = true_retention([*history, bad, undo], NOW)
    assert r == Retention(passed=2, total=3)
    assert r.share == 2 / 3
    assert true_retention([], NOW).share is None


def test_state_counts_keep_suspended_apart_and_count_flags_on_top() -> None:
    states = {
        "l": LEARNING,
        "r": REVIEW,
        "rl": RELEARNING,
        "s": CardState("s", state=2, last_review=NOW, suspended=True),
        "f": CardState("f", flag=1),
        "rf": CardState("rf", state=2, last_review=NOW, flag=3),
    }
    counts = state_counts(["new1", "new2", "l", "r", "rl", "s", "f", "rf"], states)
    by_flag = (0, 1, 0, 1, 0, 0, 0, 0)  # one red, one green
    assert counts == StateCounts(new=3, learning=1, review=2, relearning=1, suspended=1, flagged=2, by_flag=by_flag)
    assert counts.total == 8


def test_streak_counts_days_in_a_row() -> None:
    events = [ev("a", days_ago(n), REVIEW) for n in (0, 1, 2, 4)]
    assert streak(events, NOW, tz=UTC) == 3
    assert streak(events[1:], NOW, tz=UTC) == 2  # nothing yet today: the streak still holds from yesterday
    assert streak(events[2:], NOW, tz=UTC) == 0
    assert streak([], NOW, tz=UTC) == 0


def _library():
    return load_library(find_deck_files([FIXTURES]))


def test_topic_mastery_from_stabilities_and_quiz_results(tmp_path: Path) -> None:
    notes = [n for n in _library().notes.values() if not n.draft]
    strong = CardState("riv-nile", state=2, stability=30, last_review=NOW, due=NOW + timedelta(days=30))
    weak = CardState("riv-amazon", state=2, stability=3, last_review=NOW, due=NOW + timedelta(days=3))
    folder = tmp_path / "learner"
    (folder / "quizzes").mkdir(parents=True)
    answers = [
        {"notes": ["riv-nile"], "correct": True},
        {"notes": ["riv-amazon"], "correct": False},
        {"notes": ["mt-everest"], "correct": True},
    ]
    (folder / "quizzes" / "20260301T100000000000.toml").write_text(tomli_w.dumps({"answers": answers}))
    topics = {t.tag: t for t in topic_mastery(notes, {"riv-nile": strong, "riv-amazon": weak}, load_results(folder))}
    assert list(topics) == sorted(topics)
    rivers = topics["rivers"]
    assert rivers.cards == 4  # nile, amazon, danube and its reverse card
    assert rivers.memory == 1 / 4
    assert rivers.quiz == 1 / 2 and rivers.quiz_answers == 2
    assert topics["africa"].memory == 1 / 2  # nile and kilimanjaro
    assert topics["asia"].quiz == 1.0
    assert topics["europe"].quiz is None and topics["europe"].quiz_answers == 0


def test_collect_from_a_store(tmp_path: Path) -> None:
    lib = _library()
    notes = [n for n in lib.notes.values() if not n.draft]
    sch = Scheduler(enable_fuzzing=False)
    with LearnerStore(tmp_path, "t") as store:
        for day in (3, 2, 1):
            at = days_ago(day, hour=9)
            for cid in ("riv-nile", "mt-everest"):
                s = store.states.get(cid) or sch.new_card(cid, at)
                store.record("review", sch.review(s, Rating.GOOD, at), at, rating=3)
        store.record("review", sch.review(sch.new_card("other", NOW), Rating.GOOD, NOW), NOW, rating=3)
        st = collect(store.history(), store.states, notes, NOW, day_start_hour=4, tz=UTC)
    assert st.reviews_30d == 6  # the card of no loaded note is left out
    assert st.today == 0
    assert [n for _, n in st.per_day[-4:]] == [2, 2, 2, 0]
    assert st.streak == 3
    assert st.counts.new == 4 and st.counts.review + st.counts.learning == 2
    assert st.retention.total <= 2
    assert {t.tag for t in st.topics} == {"rivers", "africa", "america", "europe", "mountains", "asia"}


# -- same_as: notes that teach the same fact in two decks count as one fact -------------------------------------


def _linked():
    from quizapp.decks.library import load_deck

    notes = list(load_deck(Path(__file__).parent / "fixtures" / "mini.toml").deck.notes)
    a, b = notes[0], notes[6]
    links = {a.id: frozenset({b.id}), b.id: frozenset({a.id})}
    return notes, a, b, links


def test_stats_count_linked_notes_as_one_fact() -> None:
    notes, a, b, links = _linked()
    learnt = CardState(
        a.id, state=2, step=None, stability=30, difficulty=5, due=NOW + timedelta(days=3), last_review=days_ago(5)
    )
    states = {a.id: learnt}
    history = [ev(a.id, days_ago(5), learnt)]
    deck_b = [n for n in notes if n.id == b.id]
    plain = collect(history, states, deck_b, NOW, tz=UTC)
    assert (plain.counts.new, plain.counts.review, plain.reviews_30d) == (1, 0, 0)  # the old figures: learnt twice
    linked = collect(history, states, deck_b, NOW, tz=UTC, links=links)
    assert (linked.counts.new, linked.counts.review, linked.reviews_30d) == (0, 1, 1)
    assert sum(n for _, n in linked.forecast) == 1
    assert linked.topics and all(t.memory == 1.0 for t in linked.topics)  # mastered in this deck too
    assert plain.topics and all(t.memory == 0.0 for t in plain.topics)
    every = collect(history, states, notes, NOW, tz=UTC, links=links)
    without = collect(history, states, notes, NOW, tz=UTC)
    assert every.counts.total == without.counts.total - 1  # all decks: the pair is one fact, counted once
    assert (every.counts.review, every.counts.new) == (1, without.counts.new - 1)
    assert every.reviews_30d == 1


def test_a_studied_note_keeps_its_own_state_when_its_twin_is_studied_too() -> None:
    notes, a, b, links = _linked()
    states = {a.id: replace_card(REVIEW, a.id), b.id: replace_card(LEARNING, b.id)}
    st = collect([], states, [n for n in notes if n.id == b.id], NOW, tz=UTC, links=links)
    assert (st.counts.learning, st.counts.review) == (1, 0)


def test_all_decks_count_a_linked_pair_as_the_queue_asks_it() -> None:
    """Studied in one deck only: one fact, whichever deck comes first. Studied in both (before the link, say): the
    queue asks both cards, so both count, and every review done is in the figures."""
    notes, a, b, links = _linked()
    for_b = CardState(
        b.id, state=2, step=None, stability=30, difficulty=5, due=NOW + timedelta(days=6), last_review=days_ago(2)
    )
    for_a = replace_card(for_b, a.id)
    only_b = collect([ev(b.id, days_ago(2), for_b)], {b.id: for_b}, notes, NOW, tz=UTC, links=links)
    assert (only_b.counts.total, only_b.counts.review, only_b.reviews_30d) == (len(notes) - 1, 1, 1)
    both = {a.id: for_a, b.id: for_b}
    history = [ev(a.id, days_ago(5), for_a), ev(b.id, days_ago(2), for_b)]
    st = collect(history, both, notes, NOW, tz=UTC, links=links)
    assert (st.counts.total, st.counts.review, st.reviews_30d) == (len(notes), 2, 2)
    assert sum(n for _, n in st.forecast) == 2


def replace_card(state: CardState, card: str) -> CardState:
    from dataclasses import replace

    return replace(state, card_id=card)


def test_an_undo_on_one_device_hides_only_that_devices_review() -> None:
    """Two devices number their events independently: laptop's undo of its seq 1 must not hide desktop's seq 1."""
    from dataclasses import replace

    def on(device: str, seq: int, e: Event) -> Event:
        return replace(e, seq=seq, device=device)

    prior = on("laptop", 1, ev("a", days_ago(3), REVIEW))
    desktop = on("desktop", 2, ev("a", days_ago(1), REVIEW, rating=Rating.GOOD))
    laptop = on("laptop", 2, ev("b", days_ago(1), REVIEW, rating=Rating.AGAIN))
    b_prior = on("desktop", 1, ev("b", days_ago(3), REVIEW))
    undo = on("laptop", 3, ev("b", days_ago(1), REVIEW, rating=None, type="undo", undoes=2))
    history = [b_prior, prior, desktop, laptop, undo]
    assert live_reviews(history) == [b_prior, prior, desktop]
    assert true_retention(history, NOW) == Retention(1, 1)
