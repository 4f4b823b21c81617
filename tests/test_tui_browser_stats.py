"""The card browser, card details, statistics and settings screens, driven with Pilot on a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import tomli_w
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static, Switch

from quizapp.progress.profile import load_profile
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import Rating, Scheduler
from quizapp.tui.app import QuizApp, make_app
from quizapp.tui.screens.browser import BrowserScreen
from quizapp.tui.screens.card_detail import CardDetailScreen
from quizapp.tui.screens.settings import SettingsScreen
from quizapp.tui.screens.stats import StatsScreen

FIXTURES = Path(__file__).parent / "fixtures" / "browse"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def at(days: int, hour: int = 9) -> datetime:
    return (NOW - timedelta(days=days)).replace(hour=hour, minute=0)


def prefill(home: Path) -> None:
    """Reviews at fixed times, a suspended and a flagged card, and one saved quiz."""
    from dataclasses import replace

    sch = Scheduler(enable_fuzzing=False)
    with LearnerStore(home, "t") as store:
        plan = [
            ("riv-nile", 12, Rating.GOOD),
            ("riv-nile", 11, Rating.GOOD),
            ("riv-nile", 3, Rating.GOOD),
            ("mt-everest", 3, Rating.GOOD),
            ("mt-everest", 2, Rating.GOOD),
            ("mt-everest", 1, Rating.AGAIN),
            ("riv-amazon", 1, Rating.GOOD),
        ]
        for cid, days, rating in plan:
            s = store.states.get(cid) or sch.new_card(cid, at(days))
            store.record(
                "review", sch.review(s, rating, at(days)), at(days), rating=int(rating), duration_ms=4200, kind="typed"
            )
        store.record("suspend", replace(store.states["riv-amazon"], suspended=True), at(1, 10))
        store.record("flag", replace(sch.new_card("mt-kilimanjaro", NOW), flag=2), at(1, 10))
        quizzes = store.folder / "quizzes"
        quizzes.mkdir()
        answers = [{"notes": ["riv-nile"], "correct": True}, {"notes": ["mt-everest"], "correct": False}]
        (quizzes / "20260301T100000000000.toml").write_text(tomli_w.dumps({"answers": answers}))


def app_for(home: Path) -> QuizApp:
    prefill(home)
    return make_app(home=home, learner="t", deck_paths=[FIXTURES], enable_fuzzing=False)


async def loaded(app: QuizApp, pilot: Pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.workspace is not None


async def open_browser(app: QuizApp, pilot: Pilot) -> BrowserScreen:
    await loaded(app, pilot)
    screen = BrowserScreen(app.workspace, clock=clock, tz=UTC)
    await app.push_screen(screen)
    await pilot.pause()
    return screen


def rows(screen: BrowserScreen) -> list[str]:
    table = screen.query_one("#browser-table", DataTable)
    return [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]


# -- browser ----------------------------------------------------------------------------------------------------


async def test_search_narrows_the_table_as_you_type(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(app, pilot)
        assert len(rows(screen)) == 6
        assert screen.query_one("#browser-search", Input).has_focus
        await pilot.press(*"highest")
        assert rows(screen) == ["mt-everest", "mt-kilimanjaro"]
        await pilot.press(*" af")
        assert rows(screen) == ["mt-kilimanjaro"]
        await pilot.press("backspace", "backspace", "backspace")
        assert rows(screen) == ["mt-everest", "mt-kilimanjaro"]
        status = str(screen.query_one("#browser-status", Static).render())
        assert "2 of 6 cards" in status


async def test_filters_by_deck_tag_and_state(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(app, pilot)
        screen.query_one("#browser-deck", Select).value = "alpha"
        await pilot.pause()
        assert rows(screen) == ["riv-nile", "riv-amazon", "riv-danube", "riv-danube~rev"]
        screen.query_one("#browser-tag", Select).value = "europe"
        await pilot.pause()
        assert rows(screen) == ["riv-danube", "riv-danube~rev"]
        screen.query_one("#browser-deck", Select).clear()
        screen.query_one("#browser-tag", Select).clear()
        for state, expected in [
            ("suspended", ["riv-amazon"]),
            ("flagged", ["mt-kilimanjaro"]),
            ("review", ["riv-nile"]),  # everest was rated Again yesterday: relearning
            ("learning", ["mt-everest"]),
            ("new", ["riv-danube", "riv-danube~rev", "mt-kilimanjaro"]),
        ]:
            screen.query_one("#browser-state", Select).value = state
            await pilot.pause()
            assert rows(screen) == expected, state


async def test_state_filter_by_keyboard(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(app, pilot)
        screen.query_one("#browser-state", Select).focus()
        await pilot.press("enter")  # opens the list
        await pilot.press(*["down"] * 6, "enter")  # from the blank: new, learning, review, due, buried, suspended
        await pilot.pause()
        assert screen.query_one("#browser-state", Select).value == "suspended"
        assert rows(screen) == ["riv-amazon"]


async def test_suspend_and_flag_the_highlighted_card(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(app, pilot)
        await pilot.press(*"danube", "enter")  # enter in the search box moves to the table
        assert screen.query_one("#browser-table", DataTable).has_focus
        store = app.workspace.store
        await pilot.press("s")
        assert store.states["riv-danube"].suspended
        assert store.history()[-1].type == "suspend"
        await pilot.press("f")
        assert store.states["riv-danube"].flagged and store.states["riv-danube"].suspended
        table = screen.query_one("#browser-table", DataTable)
        assert str(table.get_cell("riv-danube", "state")) == "suspended"
        assert str(table.get_cell("riv-danube", "flag")) == "⚑ red"
        await pilot.press("f5", "ctrl+4")  # red again clears it; blue
        assert store.states["riv-danube"].flag == 4 and str(table.get_cell("riv-danube", "flag")) == "⚑ blue"
        await pilot.press("s", "f")
        assert not store.states["riv-danube"].suspended and not store.states["riv-danube"].flagged
        assert [e.type for e in store.history()[-6:]] == ["suspend", "flag", "unflag", "flag", "unsuspend", "unflag"]
        assert all(e.at == NOW for e in store.history()[-6:])
    with LearnerStore(quizapp_home, "t", read_only=True).open() as again:  # it was saved
        assert not again.states["riv-danube"].suspended
        assert [e.type for e in again.history()[-2:]] == ["unsuspend", "unflag"]


async def test_details_show_source_conflict_state_and_history(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_browser(app, pilot)
        await pilot.press("down", "enter")  # first row: riv-nile
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, CardDetailScreen)
        text = detail.body.plain
        for expected in [
            "The Nile flows north into the Mediterranean Sea.",
            "Into which sea does the Nile flow?",
            "answer: Mediterranean Sea",
            "also accepted: the Mediterranean",
            "distractors: South, East",
            "Title: World Atlas",
            "Atlas Press (book)",
            "Where: p. 12, para 2",
            "“The Nile flows northward and empties into the Mediterranean.”",
            "Conflict",
            "Rivers (encyclopedia article) says: Some older maps draw its mouth further east.",
            "State: review",
            "Stability:",
            "Difficulty:",
            "Retrievability:",
            "History (3 events)",
            "2026-02-27 09:00  review Good",
            "typed  4.2s",
        ]:
            assert expected in text, expected
        await pilot.press("escape")
        assert isinstance(app.screen, BrowserScreen)


async def test_details_show_deck_text_literally(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_browser(app, pilot)
        app.push_screen(CardDetailScreen(app.workspace, "riv-danube~rev", clock=clock, tz=UTC))
        await pilot.pause()
        text = app.screen.body.plain
        assert "[bold]not markup[/bold]" in text
        assert "State: new (never reviewed)" in text and "No reviews yet." in text


# -- stats ------------------------------------------------------------------------------------------------------


async def test_stats_show_the_figures(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app, pilot)
        screen = StatsScreen(app.workspace, clock=clock, tz=UTC)
        await app.push_screen(screen)
        await pilot.pause()
        st = screen.stats
        assert st.reviews_30d == 7 and st.today == 0 and st.streak == 3
        assert [n for _, n in st.per_day[-4:]] == [2, 1, 2, 0]
        assert (st.retention.passed, st.retention.total) == (1, 2)  # nile passed, everest forgot
        assert (st.counts.new, st.counts.suspended, st.counts.flagged) == (3, 1, 1)
        summary = str(screen.query_one("#stats-summary", Static).render())
        assert "Streak 3 days" in summary and "True retention 50%" in summary
        assert "7 reviews" in summary and "3 new" in summary and "1 suspended" in summary
        table = screen.query_one("#stats-topics", DataTable)
        assert str(table.get_cell("rivers", "quiz")).strip().endswith("100%")
        assert str(table.get_cell("asia", "quiz")).strip().endswith("0%")
        screen.query_one("#stats-deck", Select).value = "beta"
        await pilot.pause()
        assert screen.stats.reviews_30d == 3
        await pilot.press("escape")
        assert not isinstance(app.screen, StatsScreen)


# -- settings ---------------------------------------------------------------------------------------------------


async def test_settings_reject_bad_values_and_save_good_ones(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app, pilot)
        ws = app.workspace
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        retention = screen.query_one("#set-desired_retention", Input)
        assert retention.has_focus and retention.value == "0.90"
        await pilot.press(*"1.5")
        error = screen.query_one("#err-desired_retention", Static)
        assert "out of range" in str(error.render()) and error.display
        screen.query_one("#set-new_per_day", Input).value = "ten"
        await pilot.pause()
        assert "whole number" in str(screen.query_one("#err-new_per_day", Static).render())
        await pilot.press("ctrl+s")
        assert app.screen is screen  # not saved
        assert "Nothing saved" in str(screen.query_one("#settings-message", Static).render())
        assert ws.store.profile.settings.desired_retention == 0.9
        retention.value = "85%"
        screen.query_one("#set-new_per_day", Input).value = "5"
        screen.query_one("#set-reviews_per_day", Input).value = "50"
        screen.query_one("#set-day_start_hour", Input).value = "6"
        screen.query_one("#set-active_recall", Switch).value = True
        await pilot.pause()
        assert not error.display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
        saved = load_profile(ws.store.folder / "profile.toml", "t").settings
        assert (
            saved.desired_retention,
            saved.new_per_day,
            saved.reviews_per_day,
            saved.day_start_hour,
            saved.active_recall,
        ) == (0.85, 5, 50, 6, True)
        assert ws.store.profile.settings == saved
        assert ws.scheduler.day_start_hour == 6


async def test_settings_cancel_keeps_everything(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        before = app.workspace.store.profile
        scheduler = app.workspace.scheduler
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#set-new_per_day", Input).value = "7"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
        assert app.workspace.store.profile == before and app.workspace.scheduler is scheduler


async def test_read_only_learner_changes_nothing(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app, pilot)
        store = app.workspace.store
        store.read_only = True
        before = dict(store.states)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert "read-only" in str(app.screen.query_one("#settings-message", Static).render())
        await pilot.press("escape")
        screen = await open_browser(app, pilot)
        await pilot.press("down", "s", "f")
        await pilot.pause()
        assert store.states == before
        assert str(screen.query_one("#browser-table", DataTable).get_cell("riv-nile", "state")) == "review"


# -- snapshots --------------------------------------------------------------------------------------------------


def push(make_screen, keys: tuple[str, ...] = ()):
    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        await loaded(app, pilot)
        await app.push_screen(make_screen(app.workspace))
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    return run_before


def browser(ws) -> BrowserScreen:
    return BrowserScreen(ws, clock=clock, tz=UTC)


def stats(ws) -> StatsScreen:
    return StatsScreen(ws, clock=clock, tz=UTC)


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)])
def test_snapshot_browser(size, snap_compare, quizapp_home: Path) -> None:
    assert snap_compare(app_for(quizapp_home), terminal_size=size, run_before=push(browser, ("r", "i", "v")))


def test_snapshot_card_detail(snap_compare, quizapp_home: Path) -> None:
    assert snap_compare(app_for(quizapp_home), terminal_size=(100, 30), run_before=push(browser, ("down", "enter")))


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_snapshot_stats(size, snap_compare, quizapp_home: Path) -> None:
    assert snap_compare(app_for(quizapp_home), terminal_size=size, run_before=push(stats))


def test_snapshot_settings(snap_compare, quizapp_home: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        await push(browser)(pilot)  # a fixed-clock screen behind the modal
        await push(SettingsScreen, ("1", "%"))(pilot)

    assert snap_compare(app_for(quizapp_home), terminal_size=(80, 24), run_before=run_before)
