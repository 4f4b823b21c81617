"""Settings -> FSRS: the optimize button with its progress bar, the fit kept and used, rescheduling, the retention
chart with the optimal retention marked; saving settings keeps the fitted parameters."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, ProgressBar

from quizapp.progress.store import LearnerStore
from quizapp.tui.screens.fsrs import STEPS, FsrsScreen
from quizapp.tui.screens.settings import SettingsScreen
from test_optimizer import fill
from test_tui_study import loaded, new_app
from tui_helpers import settle


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector).content)


async def test_optimize_from_settings(tmp_path: Path) -> None:
    with LearnerStore(tmp_path, "t") as store:
        fill(store, 2000)
    app = new_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(app, pilot)
        await app.push_screen(SettingsScreen(app.workspace))
        await pilot.pause()
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, FsrsScreen)
        assert "default parameters" in text(screen, "#fsrs-status")
        chart = text(screen, "#fsrs-chart")
        assert "▲" in chart and "Most knowledge per minute at 0." in chart and ".97" in chart
        assert screen.query_one("#fsrs-reschedule", Button).disabled
        await pilot.press("o")
        await settle(app, pilot)
        await settle(app, pilot)
        assert screen.query_one("#fsrs-progress", ProgressBar).progress == STEPS
        status = text(screen, "#fsrs-status")
        assert "fitted parameters" in status and "it is now yours" in status
        params = app.workspace.store.profile.settings.fsrs_parameters
        assert len(params) == 21 and app.workspace.scheduler.parameters == params
        await pilot.click("#fsrs-reschedule")
        await pilot.pause()
        assert [e.type for e in app.workspace.store.history()].count("reschedule") > 0
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.workspace.store.profile.settings.fsrs_parameters == params  # not wiped by the form


async def test_too_few_reviews_is_said_on_screen(tmp_path: Path) -> None:
    app = new_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(app, pilot)
        await app.push_screen(FsrsScreen(app.workspace))
        await settle(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        await pilot.pause()
        assert "this learner has 0" in text(app.screen, "#fsrs-status")
        assert app.workspace.store.profile.settings.fsrs_parameters == ()
