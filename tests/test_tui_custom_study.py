"""Custom study: enter starts the highlighted option; "new cards beyond today's limit" reschedules by default; the
reschedule box shows whether it is ticked."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox

from quizapp.tui.screens.custom_study import CustomStudy, CustomStudyScreen
from test_tui_study import loaded, new_app

pytestmark = pytest.mark.usefixtures("local_time_is_utc")


async def test_enter_starts_the_highlighted_option_and_new_reschedules(tmp_path) -> None:
    app = new_app(tmp_path)
    results: list[CustomStudy | None] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app, pilot)
        ws = app.workspace
        modal = CustomStudyScreen([("study-main", "Main")], [], lambda c: 5, CustomStudy("ahead"))
        await app.push_screen(modal, results.append)
        await pilot.pause()
        box = modal.query_one("#custom-reschedule", Checkbox)
        assert modal.choice().pick == "ahead" and box.value is False
        await pilot.press("down")  # -> new cards beyond today's limit
        await pilot.pause()
        assert modal.choice().pick == "new" and box.value is True
        assert box.has_class("-on")
        await pilot.press("up")
        await pilot.pause()
        assert modal.choice().pick == "ahead" and box.value is False and not box.has_class("-on")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert results == [CustomStudy("new", None, None, 20, True)]
        assert ws is app.workspace


def test_the_session_names_the_choice_in_the_learners_words() -> None:
    assert CustomStudy("failed").describe() == "Custom study: cards I failed today (practice, schedule unchanged)"
    assert (
        CustomStudy("new", reschedule=True).describe() == "Custom study: new cards beyond today's limit (rescheduling)"
    )
