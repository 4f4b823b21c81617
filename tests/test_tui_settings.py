"""The settings screen's scheduling fields: each one's round trip through profile.toml, and the messages that name
a field typed wrong (Pilot)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static, Switch

from quizapp.progress.profile import Settings, load_profile
from quizapp.scheduling.scheduler import Rating
from quizapp.tui.app import QuizApp, make_app
from quizapp.tui.screens.settings import SettingsScreen
from quizapp.tui.screens.settings_fields import format_steps, parse_steps

FIXTURES = Path(__file__).parent / "fixtures" / "browse"


def app_for(home: Path) -> QuizApp:
    return make_app(home=home, learner="t", deck_paths=[FIXTURES], enable_fuzzing=False)


async def open_settings(app: QuizApp, pilot) -> SettingsScreen:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.push_screen(SettingsScreen(app.workspace))
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


def saved(home: Path) -> Settings:
    return load_profile(home / "learners" / "t" / "profile.toml", "t").settings


# Each field: how it is set on the form, and what the profile must hold after saving.
INPUTS = [
    ("learning_steps", "2m 15m 1h", (2, 15, 60)),
    ("learning_steps", "", ()),
    ("relearning_steps", "5 1d", (5, 1440)),
    ("maximum_interval", "365", 365),
    ("new_per_day", "7", 7),
    ("leech_lapses", "4", 4),
]
SELECTS = [
    ("new_order", "deck"),
    ("new_order", "random"),
    ("review_order", "random"),
    ("review_order", "retrievability"),
    ("leech_action", "tag"),
]
SWITCHES = ["bury_new_siblings", "bury_review_siblings", "type_answers"]


@pytest.mark.parametrize(("name", "typed", "stored"), INPUTS)
async def test_each_typed_field_round_trips(quizapp_home: Path, name: str, typed: str, stored: object) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(app, pilot)
        screen.query_one(f"#set-{name}", Input).value = typed
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
        assert getattr(saved(quizapp_home), name) == stored
        assert getattr(app.workspace.store.profile.settings, name) == stored
        screen = await open_settings(app, pilot)  # shown again as saved
        shown = screen.query_one(f"#set-{name}", Input).value
        assert shown == (format_steps(stored) if isinstance(stored, tuple) else str(stored))  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "value"), SELECTS)
async def test_each_choice_round_trips(quizapp_home: Path, name: str, value: str) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(app, pilot)
        assert screen.query_one(f"#set-{name}", Select).value == getattr(Settings(), name)
        screen.query_one(f"#set-{name}", Select).value = value
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert getattr(saved(quizapp_home), name) == value
        screen = await open_settings(app, pilot)
        assert screen.query_one(f"#set-{name}", Select).value == value


@pytest.mark.parametrize("name", SWITCHES)
async def test_each_switch_round_trips(quizapp_home: Path, name: str) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(app, pilot)
        assert screen.query_one(f"#set-{name}", Switch).value is True  # the default
        assert str(screen.query_one(f"#state-{name}", Static).render()) == "on"
        screen.query_one(f"#set-{name}", Switch).value = False
        await pilot.pause()
        assert str(screen.query_one(f"#state-{name}", Static).render()) == "off"  # in words, not colour alone
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert getattr(saved(quizapp_home), name) is False
        screen = await open_settings(app, pilot)
        assert screen.query_one(f"#set-{name}", Switch).value is False


async def test_per_deck_limits_round_trip_and_blank_means_the_global_limit(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(app, pilot)
        decks = [d.id for d in app.workspace.library.decks]
        assert decks == ["alpha", "beta"]
        screen.query_one("#set-deck-0", Input).value = "3"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert saved(quizapp_home).deck_new_per_day == {"alpha": 3}
        screen = await open_settings(app, pilot)
        assert screen.query_one("#set-deck-0", Input).value == "3"
        assert screen.query_one("#set-deck-1", Input).value == ""
        screen.query_one("#set-deck-0", Input).value = ""
        screen.query_one("#set-deck-1", Input).value = "0"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert saved(quizapp_home).deck_new_per_day == {"beta": 0}


async def test_an_empty_deck_box_shows_the_global_limit_as_a_placeholder_and_saves_nothing(quizapp_home: Path) -> None:
    """The grey text of an empty deck box says it follows the limit for all decks (and follows it as it is typed);
    saving leaves every deck without a limit of its own, so a later global change still reaches them."""
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(app, pilot)
        boxes = [screen.query_one(f"#set-deck-{i}", Input) for i in range(2)]
        assert [(b.value, b.placeholder) for b in boxes] == [("", "(all: 20)")] * 2
        screen.query_one("#set-new_per_day", Input).value = "30"
        await pilot.pause()
        assert [(b.value, b.placeholder) for b in boxes] == [("", "(all: 30)")] * 2
        screen.query_one("#set-new_per_day", Input).value = "x"  # wrong: the boxes keep the last good one
        await pilot.pause()
        assert boxes[0].placeholder == "(all: 30)"
        screen.query_one("#set-new_per_day", Input).value = "25"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (saved(quizapp_home).new_per_day, saved(quizapp_home).deck_new_per_day) == (25, {})


@pytest.mark.parametrize(
    ("name", "typed", "message"),
    [
        ("learning_steps", "1m ten", "Learning steps: 'ten' is not a step"),
        ("relearning_steps", "31d", "Relearning steps: 31d is out of range"),
        ("maximum_interval", "0", "Maximum interval: 0 is out of range"),
        ("maximum_interval", "1.5", "Maximum interval must be a whole number"),
        ("leech_lapses", "100", "Leech threshold: 100 is out of range"),
        ("deck-1", "-2", "New cards per day for Beta: mountains must be a whole number"),
    ],
)
async def test_bad_values_name_the_field_and_save_nothing(
    quizapp_home: Path, name: str, typed: str, message: str
) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_settings(app, pilot)
        before = app.workspace.store.profile
        box = screen.query_one(f"#set-{name}", Input)
        box.value = typed
        await pilot.pause()
        error = screen.query_one(f"#err-{name}", Static)
        assert message in str(error.render()) and error.display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert box.has_focus  # the first wrong field, scrolled into view
        assert app.workspace.store.profile == before
        assert saved(quizapp_home) == before.settings


def test_steps_are_read_in_minutes_hours_and_days() -> None:
    assert parse_steps("Learning steps", "1m, 10m 1h 2d 30") == ((1, 10, 60, 2880, 30), None)
    assert format_steps((1, 10, 60, 2880, 90)) == "1m 10m 1h 2d 90m"
    assert parse_steps("Learning steps", "0m")[1] == "Learning steps: 0m is out of range; each step is 1m to 30d."


async def test_saving_builds_the_scheduler_from_the_new_steps(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        screen.query_one("#set-learning_steps", Input).value = "3m"
        screen.query_one("#set-maximum_interval", Input).value = "30"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        ws = app.workspace
        assert ws.store.profile.settings.learning_steps == (3,)
        now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
        again = ws.scheduler.review(ws.scheduler.new_card("c", now), Rating.AGAIN, now)
        assert again.due == now + timedelta(minutes=3)


async def test_a_per_deck_limit_saved_in_settings_shows_on_home_at_once(quizapp_home: Path) -> None:
    from quizapp.tui.widgets.deck_table import DeckTable

    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(app, pilot)
        table = app.screen_stack[-2].query_one("#decks", DeckTable)
        assert str(table.get_row_at(0)[1]) == "3"  # alpha's three new cards (its draft is left out)
        screen.query_one("#set-deck-0", Input).value = "1"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        table = app.screen.query_one("#decks", DeckTable)
        assert str(table.get_row_at(0)[1]) == "1"
