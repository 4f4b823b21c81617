"""The command palette (ctrl+p) has quizapp's own commands: study or quiz a deck by name, browse, settings..."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.tui.app import make_app
from quizapp.tui.screens.browser import BrowserScreen
from quizapp.tui.screens.fsrs import FsrsScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.study import StudyScreen
from tui_helpers import notifications, settle, wait_for_screen

FIXTURES = Path(__file__).parent / "fixtures" / "study"


async def run_command(app, pilot, words: str) -> None:
    await settle(app, pilot)
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*("space" if c == " " else c for c in words))
    await pilot.pause(0.5)  # the palette searches in the background
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize(
    ("words", "screen_type", "deck"),
    [
        ("study typed test", StudyScreen, "study-typed"),
        ("quiz study test", QuizScreen, "study-main"),
        ("browse cards", BrowserScreen, None),
        ("optimize fsrs", FsrsScreen, None),
    ],
)
async def test_a_palette_command_opens_its_screen(tmp_path, words, screen_type, deck):
    app = make_app(home=tmp_path, learner="t", deck_paths=[FIXTURES], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_command(app, pilot, words)
        await wait_for_screen(app, pilot, screen_type)
        assert isinstance(app.screen, screen_type)
        if deck is not None:
            assert app.screen.deck_id == deck


@pytest.mark.parametrize("name", ["study-typed", "typed.toml", "typed", "Typed test deck", "TYPED DECK"])
async def test_quiz_from_the_command_line_accepts_an_id_a_file_name_or_title_words(tmp_path, name):
    app = make_app(home=tmp_path, learner="t", deck_paths=[FIXTURES], enable_fuzzing=False, start="quiz", deck_id=name)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await wait_for_screen(app, pilot, QuizScreen)
        assert app.screen.deck_id == "study-typed"


async def test_a_name_two_decks_fit_is_refused_with_the_deck_list(tmp_path):
    app = make_app(
        home=tmp_path, learner="t", deck_paths=[FIXTURES], enable_fuzzing=False, start="quiz", deck_id="deck"
    )
    shown = notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert not isinstance(app.screen, QuizScreen)
        assert any("There is no deck 'deck'" in message for message in shown)
