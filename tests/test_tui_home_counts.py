"""Home's New / Learning / Due: the daily limits applied, suspended and buried cards left out, and the same numbers
the study session then offers (Pilot)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizapp.decks.library import load_deck
from quizapp.progress.profile import Settings
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import CardState
from quizapp.tui.app import make_app
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.widgets.deck_table import DeckTable
from tui_helpers import settle, wait_for_screen

MINI = Path(__file__).parent / "fixtures" / "mini.toml"


def prefill(home: Path) -> None:
    """12 notes: four reviews due (one suspended, one buried until tomorrow), one learning card due, seven new with a
    limit of three new cards a day. Home runs on the real clock, so every time is relative to now."""
    now = datetime.now(UTC)
    ids = [n.id for n in load_deck(MINI).deck.notes]
    with LearnerStore(home, "ann") as store:
        store.save_profile(replace(store.profile, settings=replace(Settings(), new_per_day=3)))
        for cid in ids[:4]:
            due = CardState(
                cid,
                state=2,
                step=None,
                stability=10.0,
                difficulty=5.0,
                due=now - timedelta(hours=2),
                last_review=now - timedelta(days=10),
            )
            store.record("review", due, now - timedelta(days=10), rating=3)
        store.record("suspend", replace(store.states[ids[1]], suspended=True), now - timedelta(days=1))
        store.record("bury", replace(store.states[ids[2]], buried_until=now + timedelta(days=1)), now)
        learning = CardState(
            ids[4],
            state=1,
            step=0,
            stability=1.0,
            difficulty=5.0,
            due=now - timedelta(minutes=5),
            last_review=now - timedelta(days=1),
        )
        store.record("review", learning, now - timedelta(days=1), rating=1)  # not one of today's new cards


async def test_home_counts_respect_limits_leave_out_suspended_and_buried_and_match_the_session(
    tmp_path: Path,
) -> None:
    prefill(tmp_path)
    app = make_app(home=tmp_path, learner="ann", deck_paths=[MINI], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#decks", DeckTable)
        deck_row = [str(c) for c in table.get_row_at(0)[1:4]]
        all_row = [str(c) for c in table.get_row_at(1)[1:4]]
        assert deck_row == ["3", "1", "2"]  # New (limit 3 of 7), Learning, Due (4 less suspended and buried)
        assert all_row == deck_row
        await pilot.press("s")
        await wait_for_screen(app, pilot, StudyScreen)
        c = app.screen.session.counts()
        assert [c.new, c.learning, c.due] == [3, 1, 2]


async def test_home_picks_up_a_review_synced_in_from_another_computer(tmp_path: Path, monkeypatch) -> None:
    """While the app is open, a sync tool brings in desktop's log with a review of one of the due cards: when home
    is shown again (back from a study session), Due counts one card fewer."""
    prefill(tmp_path)
    app = make_app(home=tmp_path, learner="ann", deck_paths=[MINI], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#decks", DeckTable)
        assert [str(c) for c in table.get_row_at(0)[1:4]] == ["3", "1", "2"]
        due_id = load_deck(MINI).deck.notes[0].id  # one of the two due reviews
        now = datetime.now(UTC)
        monkeypatch.setenv("QUIZAPP_DEVICE", "desktop")
        with LearnerStore(tmp_path, "ann") as desktop:
            later = replace(desktop.states[due_id], due=now + timedelta(days=20), last_review=now)
            desktop.record("review", later, now, rating=3)
        monkeypatch.setenv("QUIZAPP_DEVICE", "test")
        assert (tmp_path / "learners" / "ann" / "events-desktop.log").exists()
        await pilot.press("s")
        await wait_for_screen(app, pilot, StudyScreen)
        await pilot.press("escape")
        await wait_for_screen(app, pilot, HomeScreen)
        await settle(app, pilot)
        table = app.screen.query_one("#decks", DeckTable)
        assert [str(c) for c in table.get_row_at(0)[1:4]] == ["3", "1", "1"]


async def test_home_recounts_when_the_terminal_regains_focus(tmp_path: Path, monkeypatch) -> None:
    """The learner studied on the other computer while this window stayed on home: focus coming back recounts."""
    from textual import events

    prefill(tmp_path)
    app = make_app(home=tmp_path, learner="ann", deck_paths=[MINI], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        due_id = load_deck(MINI).deck.notes[0].id
        now = datetime.now(UTC)
        monkeypatch.setenv("QUIZAPP_DEVICE", "desktop")
        with LearnerStore(tmp_path, "ann") as desktop:
            later = replace(desktop.states[due_id], due=now + timedelta(days=20), last_review=now)
            desktop.record("review", later, now, rating=3)
        monkeypatch.setenv("QUIZAPP_DEVICE", "test")
        app.post_message(events.AppFocus())
        await settle(app, pilot)
        table = app.screen.query_one("#decks", DeckTable)
        assert [str(c) for c in table.get_row_at(0)[1:4]] == ["3", "1", "1"]
