"""Home and a study session while a sync tool brings the learner's other computer's files (issue 20), and home's
New counts under the daily limits, global and per deck (issue 18) (Pilot)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from quizapp.paths import learner_dir
from quizapp.progress.profile import Settings
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import Rating, Scheduler
from quizapp.tui import synced
from quizapp.tui.app import make_app
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.widgets.deck_table import DeckTable
from quizapp.tui.widgets.rating_bar import RatingBar
from tui_helpers import notifications, screen_lines, settle, wait_for_screen

MINI = Path(__file__).parent / "fixtures" / "mini.toml"  # deck "mini": 12 notes, one card each
STUDY = Path(__file__).parent / "fixtures" / "study" / "study.toml"  # deck "study-main": 12 notes


def counts_row(app, row: int) -> list[str]:
    """New, Learning, Due of a row of home's deck table."""
    table = app.screen.query_one("#decks", DeckTable)
    return [str(c) for c in table.get_row_at(row)[1:4]]


def on_desk(home: Path, monkeypatch: pytest.MonkeyPatch, **changes: object) -> None:
    """Settings changed on the other computer ("desk"), its log brought here by a sync tool."""
    monkeypatch.setenv("QUIZAPP_DEVICE", "desk")
    with LearnerStore(home, "ann") as desk:
        desk.save_profile(replace(desk.profile, settings=replace(desk.profile.settings, **changes)))
    monkeypatch.setenv("QUIZAPP_DEVICE", "test")


async def start_session(app, pilot) -> StudyScreen:
    """From home, open a study session and let its first card show."""
    await pilot.press("s")
    await wait_for_screen(app, pilot, StudyScreen)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, StudyScreen)
    return screen


async def synced_in(app, pilot, home: Path, monkeypatch: pytest.MonkeyPatch, **changes: object) -> None:
    """Desk's changed settings arrive (see on_desk), then the terminal's focus comes back."""
    on_desk(home, monkeypatch, **changes)
    app.post_message(events.AppFocus())
    await pilot.pause()


def label(app, rating: Rating) -> str:
    return app.screen.query_one(RatingBar).label(rating)


async def test_home_new_counts_follow_the_global_and_the_per_deck_daily_limit(tmp_path: Path) -> None:
    """5 new cards a day in all, 3 for mini, one new card of study-main learnt today: mini shows 3 (its own limit),
    study-main 4 (what is left of the 5), All decks 4; the session offers the same 4 new cards, at most 3 of mini."""
    now = datetime.now(UTC)
    with LearnerStore(tmp_path, "ann") as store:
        store.save_profile(replace(store.profile, settings=Settings(new_per_day=5, deck_new_per_day={"mini": 3})))
        sched = Scheduler(enable_fuzzing=False)
        first = replace(sched.review(sched.new_card("cap-01", now), Rating.GOOD, now), due=now - timedelta(minutes=1))
        store.record("review", first, now, rating=3)
    app = make_app(home=tmp_path, learner="ann", deck_paths=[MINI, STUDY], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        titles = [str(app.screen.query_one("#decks", DeckTable).get_row_at(i)[0]) for i in range(3)]
        assert titles == ["Mini deck", "Study test deck", "All decks"]
        assert counts_row(app, 0) == ["3", "0", "0"]
        assert counts_row(app, 1) == ["4", "1", "0"]  # and the card learnt today, back in learning
        assert counts_row(app, 2) == ["4", "1", "0"]
        await pilot.press("s")
        await wait_for_screen(app, pilot, StudyScreen)
        session = app.screen.session
        c = session.counts()
        assert (c.new, c.learning) == (4, 1)
        new = [cid for cid in session._queue if cid != "cap-01"]
        assert 0 < sum(1 for cid in new if session.by_id[cid].note.id.startswith("cap-")) < 4  # interleaved


async def test_settings_synced_in_on_home_reach_its_counts_and_the_next_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Desk lowered mini's new cards to 2 a day and set 5m 1h learning steps: focus back on home shows New 2, and
    the session opened then rates with the new steps."""
    app = make_app(home=tmp_path, learner="ann", deck_paths=[MINI], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert counts_row(app, 0) == ["12", "0", "0"]
        on_desk(tmp_path, monkeypatch, deck_new_per_day={"mini": 2}, learning_steps=(5, 60))
        app.post_message(events.AppFocus())
        await settle(app, pilot)
        assert counts_row(app, 0) == ["2", "0", "0"]
        await pilot.press("s")
        await wait_for_screen(app, pilot, StudyScreen)
        await pilot.press("space")
        await pilot.pause()
        assert "5m" in label(app, Rating.AGAIN) and "1h" in label(app, Rating.GOOD)


async def test_a_session_picks_up_settings_synced_in_when_focus_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A card is on screen when desk's new settings arrive: it stays, its intervals are the new steps', and the
    cards left follow the new daily limit."""
    app = make_app(home=tmp_path, learner="ann", deck_paths=[MINI], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await start_session(app, pilot)
        card = screen.card
        assert screen.phase == "question" and screen.session.remaining == 12
        await synced_in(app, pilot, tmp_path, monkeypatch, new_per_day=3, learning_steps=(5, 60))
        assert screen.card == card and screen.phase == "question"
        assert screen.session.remaining == 3
        assert any("New 3" in line for line in screen_lines(app))  # the status line's count
        await pilot.press("space")
        await pilot.pause()
        assert "5m" in label(app, Rating.AGAIN) and "1h" in label(app, Rating.GOOD)
        await pilot.press("1")
        await pilot.pause()
        state = app.workspace.store.states[card.card_id]
        assert state.due is not None and state.last_review is not None
        assert state.due - state.last_review == timedelta(minutes=5)


async def test_a_session_with_nothing_left_starts_on_cards_a_synced_limit_brings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        store.save_profile(replace(store.profile, settings=Settings(new_per_day=0)))
    app = make_app(home=tmp_path, learner="ann", deck_paths=[MINI], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await start_session(app, pilot)
        assert screen.phase == "empty"
        await synced_in(app, pilot, tmp_path, monkeypatch, new_per_day=2)
        assert screen.phase == "question" and screen.card is not None
        assert screen.session.remaining == 2


# -- picked up by the periodic look (tui.synced), and what a session does with modes switched elsewhere ---------
async def until(pilot, check, tries: int = 500) -> None:
    """Wait (up to about 10 s) until `check()` holds: the look runs every 0.05 s in these tests."""
    for _ in range(tries):
        if check():
            return
        await pilot.pause(0.02)
    assert check()


@pytest.fixture
def looks_often(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synced, "CHECK_EVERY", 0.05)


@pytest.mark.usefixtures("looks_often")
async def test_home_picks_up_a_sync_with_no_focus_event_and_no_return(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A terminal that reports no focus: home recounts by itself once desk's settings arrive."""
    app = make_app(home=tmp_path, learner="ann", deck_paths=[MINI], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert counts_row(app, 0) == ["12", "0", "0"]
        on_desk(tmp_path, monkeypatch, deck_new_per_day={"mini": 2})
        await until(pilot, lambda: counts_row(app, 0) == ["2", "0", "0"])


@pytest.mark.usefixtures("looks_often")
async def test_a_session_picks_up_a_sync_by_itself_and_says_once_that_its_log_was_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(home=tmp_path, learner="ann", deck_paths=[MINI], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        shown = notifications(app)
        screen = await start_session(app, pilot)
        await pilot.press("space", "3")
        log = learner_dir(tmp_path, "ann") / "events-test.log"
        older = log.read_bytes()
        await pilot.press("space", "3", "space", "3")
        on_desk(tmp_path, monkeypatch, new_per_day=5)
        await until(pilot, lambda: screen.session.remaining == 5)  # 2 new cards left, and the 3 in learning
        tmp = log.with_name("copy.tmp")
        tmp.write_bytes(older)
        tmp.replace(log)  # a sync tool brings back an older copy of this device's own log
        said = "events-test.log was replaced while open; 2 records only the old file held are kept in"
        await until(pilot, lambda: any(m.startswith(said) for m in shown))
        app.post_message(events.AppFocus())  # another pick-up: nothing more to say
        await pilot.pause()
        assert app.screen is screen and sum(m.startswith(said) for m in shown) == 1


def typed_deck(folder: Path) -> Path:
    """Three typed cards (typed answers on by default)."""
    notes = "".join(
        f'[[notes]]\nid = "t-{i}"\nstatement = "Word {i} is w{i}."\nsource = "s"\nlocator = "p {i}"\nquote = "w{i}"\n'
        f'study = "typed"\ntyped = {{ prompt = "Word {i}?", answer = "w{i}" }}\n\n'
        for i in range(3)
    )
    path = folder / "typed3.toml"
    head = (
        'format = 1\n\n[deck]\nid = "typed3"\ntitle = "Typed"\n\n[[sources]]\nid = "s"\ntitle = "S"\nkind = "book"\n\n'
    )
    path.write_text(head + notes)
    return path


async def test_typed_answers_switched_off_elsewhere_apply_from_the_next_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The card on screen keeps its answer box (and what is typed in it); the next typed card is a flashcard."""
    app = make_app(home=tmp_path, learner="ann", deck_paths=[typed_deck(tmp_path)], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        shown = notifications(app)
        screen = await start_session(app, pilot)
        assert screen.phase == "typing"
        await pilot.press("w", "0")
        await synced_in(app, pilot, tmp_path, monkeypatch, type_answers=False)
        assert "Typing the answer of typed cards was switched off on another computer: from the next card." in shown
        assert screen.phase == "typing" and screen.query_one("#card-input", Input).value == "w0"
        await pilot.press("enter")
        assert screen.phase == "answer" and screen.given == "w0"
        await pilot.press("3")
        await pilot.pause()
        assert screen.card is not None and screen.card.kind == "typed" and screen.phase == "question"


async def test_active_recall_switched_on_elsewhere_applies_from_the_next_card_unless_switched_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(home=tmp_path, learner="ann", deck_paths=[STUDY], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        shown = notifications(app)
        screen = await start_session(app, pilot)
        first = screen.card
        assert screen.phase == "question"
        await synced_in(app, pilot, tmp_path, monkeypatch, active_recall=True)
        assert "Active recall was switched on on another computer: from the next card." in shown
        assert screen.card == first and screen.phase == "question"  # asked as it was
        await pilot.press("space", "3")
        await pilot.pause()
        assert screen.card != first and screen.phase == "recall"
        await synced_in(app, pilot, tmp_path, monkeypatch, active_recall=False)
        await pilot.press("a", "a")  # off and on again here, after the sync: the learner's latest word
        assert screen.phase == "recall"
        await pilot.press("1")  # an answer (graded), then saved with the proposed rating
        await pilot.press("enter")
        await pilot.pause()
        assert screen.phase == "recall"
