"""Home's deck table answers keys and the mouse as the DataTable it replaced did (Pilot)."""

from __future__ import annotations

import shutil
from pathlib import Path

from quizapp.tui.app import make_app
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz_setup import QuizSetupScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.widgets.deck_table import DeckTable
from tui_helpers import screen_lines, settle

FIXTURES = Path(__file__).parent / "fixtures" / "study"  # "Study test deck" (study-main), "Typed test deck"
BUNDLED = Path(__file__).parents[1] / "decks"  # ten decks: more rows than a 60x16 home shows


def app_for(home: Path, decks: Path = FIXTURES):
    return make_app(home=home, learner="t", deck_paths=[decks], enable_fuzzing=False)


async def test_down_and_enter_study_the_highlighted_deck(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#decks", DeckTable)
        assert table.has_focus and table.cursor_row == 0
        await pilot.press("down")
        assert table.cursor_row == 1 and table.cursor_key == "study-typed"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.deck_id == "study-typed"


async def test_enter_on_all_decks_studies_every_deck(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#decks", DeckTable)
        await pilot.press("ctrl+end")
        assert table.cursor_row == 2 and str(table.get_row_at(2)[0]) == "All decks"
        await pilot.press("down")  # already on the last row: stays
        assert table.cursor_row == 2
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.deck_id is None


async def test_a_click_highlights_a_row_and_a_click_on_the_highlighted_row_studies_it(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#decks", DeckTable)
        await pilot.click("#decks", offset=(5, 0))  # the header: nothing happens
        assert table.cursor_row == 0 and isinstance(app.screen, HomeScreen)
        await pilot.click("#decks", offset=(5, 2))  # the second deck
        await pilot.pause()
        assert table.cursor_row == 1 and isinstance(app.screen, HomeScreen)
        await pilot.click("#decks", offset=(5, 2))
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.deck_id == "study-typed"


async def test_quiz_starts_on_the_highlighted_deck(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "z")
        await pilot.pause()
        assert isinstance(app.screen, QuizSetupScreen)
        assert app.screen.initial.deck_id == "study-typed"


async def test_the_cursor_scrolls_into_view_under_the_header_and_keeps_its_row_on_a_redraw(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    shutil.copytree(BUNDLED, decks)
    app = app_for(tmp_path / "home", decks)
    async with app.run_test(size=(60, 16)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#decks", DeckTable)
        assert table.row_count == 11  # ten decks and All decks
        assert table.size.height < table.row_count + 1  # not every row shows
        assert "All decks" not in "".join(screen_lines(app))
        await pilot.press("ctrl+end")
        lines = screen_lines(app)
        assert table.cursor_row == 10 and table.scroll_y > 0
        assert any("All decks" in line for line in lines) and any("Deck " in line for line in lines)  # the header
        await pilot.press("pageup")
        assert table.cursor_row == 10 - (table.size.height - 1)
        await pilot.press("ctrl+home")
        assert table.cursor_row == 0 and table.scroll_y == 0
        await pilot.press("pagedown", "down")
        row = table.cursor_row
        await pilot.resize_terminal(62, 16)  # a new width redraws the rows: the cursor stays on its row
        await pilot.pause()
        assert table.cursor_row == row
