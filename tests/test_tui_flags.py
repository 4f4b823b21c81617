"""Flags by colour on screen (issue 19): every key in study and the browser, the same key again clears, undo
brings the colour before back, and the colour is named wherever it shows (study, card info, browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Select

from quizapp.tui.flags import flag_mark
from quizapp.tui.screens.card_detail import CardDetailScreen
from test_tui_browser_stats import app_for, browser, open_browser, push, rows
from test_tui_study import shown
from test_tui_study_keys import SIZE, new_app, open_study
from tui_helpers import notifications, screen_lines

pytestmark = pytest.mark.usefixtures("local_time_is_utc")

KEYS = [  # what a terminal sends (ctrl+2 arrives as ctrl+@ under tmux), and the F-keys every terminal sends
    ("ctrl+1", 1, "red"),
    ("f5", 1, "red"),
    ("ctrl+2", 2, "orange"),
    ("ctrl+@", 2, "orange"),
    ("f6", 2, "orange"),
    ("ctrl+3", 3, "green"),
    ("f7", 3, "green"),
    ("ctrl+4", 4, "blue"),
    ("f8", 4, "blue"),
]


@pytest.mark.parametrize(("key", "flag", "name"), KEYS)
@pytest.mark.parametrize("width", [100, 60])  # at 60 columns the footer hides Flag; the keys still work
async def test_each_flag_key_sets_its_colour_and_clears_it_again(tmp_path, key, flag, name, width) -> None:
    app = new_app(tmp_path)
    async with app.run_test(size=(width, 20)) as pilot:
        screen = await open_study(tmp_path, pilot, app)
        card, states = screen.card.card_id, app.workspace.store.states
        said = notifications(app)
        await pilot.press(key)
        assert states[card].flag == flag
        assert shown(screen, "#card-meta").startswith(f"⚑ {name} flag  ")  # named, not only coloured
        assert said[-1] == f"Flagged {name} (u undoes)."
        await pilot.press(key)
        assert not states[card].flagged and "⚑" not in shown(screen, "#card-meta")
        assert said[-1] == "Flag removed (u undoes)."
        assert screen.card.card_id == card  # flagging never moves on


def test_the_flag_mark_names_its_colour_in_that_colour() -> None:
    marks = [flag_mark(n, "flag") for n in range(8)]
    assert [m.plain for m in marks[:5]] == ["", "⚑ red flag", "⚑ orange flag", "⚑ green flag", "⚑ blue flag"]
    assert [str(m.style) for m in marks[1:5]] == ["bold red", "bold dark_orange", "bold green", "bold dodger_blue1"]
    assert marks[7].plain == "⚑ purple flag" and flag_mark(6).plain == "⚑ turquoise"


async def test_star_toggles_red_and_takes_any_colour_off(tmp_path) -> None:
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app)
        card, states = screen.card.card_id, app.workspace.store.states
        await pilot.press("asterisk")
        assert states[card].flag == 1
        await pilot.press("asterisk")
        assert states[card].flag == 0
        await pilot.press("f8", "asterisk")  # blue, then off
        assert states[card].flag == 0


async def test_undo_gives_the_card_its_colour_before(tmp_path) -> None:
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app)
        card, states = screen.card.card_id, app.workspace.store.states
        said = notifications(app)
        await pilot.press("ctrl+2", "f8", "f8")  # orange, blue, off
        assert states[card].flag == 0
        await pilot.press("u")
        assert states[card].flag == 4 and said[-1] == "Flag undone: the card's flag is blue again."
        assert "⚑ blue flag" in shown(screen, "#card-meta")
        await pilot.press("u")
        assert states[card].flag == 2 and said[-1] == "Flag undone: the card's flag is orange again."
        await pilot.press("u")
        assert states[card].flag == 0 and said[-1] == "Flag undone: the card has no flag again."
        assert "⚑" not in shown(screen, "#card-meta")
        await pilot.press("u")
        assert said[-1] == "Nothing to undo."


async def test_the_browser_sets_colours_names_them_and_filters_by_each(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)  # mt-kilimanjaro has an orange flag
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(app, pilot)
        table, store = screen.query_one("#browser-table", DataTable), app.workspace.store
        assert str(table.get_cell("mt-kilimanjaro", "flag")) == "⚑ orange"
        await pilot.press(*"danube", "enter")
        await pilot.press("ctrl+3")
        assert store.states["riv-danube"].flag == 3 and str(table.get_cell("riv-danube", "flag")) == "⚑ green"
        await pilot.press("f7")  # the same colour again: off
        assert store.states["riv-danube"].flag == 0 and str(table.get_cell("riv-danube", "flag")) == ""
        await pilot.press("f8")
        search = screen.query_one("#browser-search")
        search.value = ""
        await pilot.pause()
        state = screen.query_one("#browser-state", Select)
        for wanted, found in [
            ("orange flag", ["mt-kilimanjaro"]),
            ("blue flag", ["riv-danube"]),
            ("red flag", []),
            ("flagged", ["riv-danube", "mt-kilimanjaro"]),
        ]:
            state.value = wanted
            await pilot.pause()
            assert sorted(rows(screen)) == sorted(found), wanted


async def test_card_info_names_the_flag_and_its_history(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_browser(app, pilot)
        await app.push_screen(CardDetailScreen(app.workspace, "mt-kilimanjaro"))
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "Flag: ⚑ orange" in text
        assert "flag orange" in text  # the history line names the colour set


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_snapshot_browser_with_flags(size, snap_compare, quizapp_home: Path) -> None:
    assert snap_compare(app_for(quizapp_home), terminal_size=size, run_before=push(browser))


@pytest.mark.parametrize(("key", "flag"), [("f6", 2), ("ctrl+@", 2), ("ctrl+3", 3)])
async def test_a_flag_key_works_while_the_answer_box_has_the_focus(tmp_path, key, flag) -> None:
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app, "study-typed")
        assert screen.phase == "typing"
        box = screen.query_one("#card-input")
        await pilot.press("r", "o", key)
        assert app.workspace.store.states[screen.card.card_id].flag == flag
        assert box.value == "ro" and box.has_focus and screen.phase == "typing"  # the answer is untouched
