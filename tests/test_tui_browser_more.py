"""The browser shows buried cards as buried (and filters them), lists every card, and edits a note."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from textual.widgets import DataTable, Select, Static

from quizapp.tui.screens.note_edit import NoteEditScreen
from test_tui_browser_stats import FIXTURES, NOW, app_for, open_browser, rows


async def test_a_buried_card_shows_as_buried_and_has_a_filter(quizapp_home: Path) -> None:
    app = app_for(quizapp_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        store, sch = app.workspace.store, app.workspace.scheduler
        store.record("bury", replace(sch.new_card("riv-danube", NOW), buried_until=sch.next_day_start(NOW)), NOW)
        screen = await open_browser(app, pilot)
        table = screen.query_one("#browser-table", DataTable)
        assert str(table.get_cell("riv-danube", "state")) == "buried"
        screen.query_one("#browser-state", Select).value = "buried"
        await pilot.pause()
        assert rows(screen) == ["riv-danube"]
        screen.query_one("#browser-state", Select).value = "new"
        await pilot.pause()
        assert "riv-danube" not in rows(screen) and "riv-danube~rev" in rows(screen)


def big_deck(folder: Path, notes: int) -> None:
    lines = ['format = 1\n\n[deck]\nid = "big"\ntitle = "Big"\n\n[[sources]]\nid = "s"\ntitle = "S"\nkind = "book"\n']
    for i in range(notes):
        lines.append(
            f'[[notes]]\nid = "n-{i:04d}"\nstatement = "Fact number {i}."\nsource = "s"\nlocator = "p. 1"\n'
            f'quote = "Fact {i}."\nbasic = {{ front = "Fact {i}?", back = "Number {i}" }}\n'
        )
    (folder / "big.toml").write_text("\n".join(lines), "utf-8")


async def test_every_card_is_listed_not_only_the_first_200(tmp_path: Path) -> None:
    from quizapp.tui.app import make_app

    decks = tmp_path / "decks"
    decks.mkdir()
    big_deck(decks, 1234)
    app = make_app(home=tmp_path / "home", learner="t", deck_paths=[decks], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(app, pilot)
        table = screen.query_one("#browser-table", DataTable)
        for _ in range(100):
            if table.row_count == 1234:
                break
            await pilot.pause(0.05)
        assert table.row_count == 1234
        assert rows(screen)[-1] == "n-1233"
        status = str(screen.query_one("#browser-status", Static).render())
        assert "1,234 of 1,234 cards" in status and "shown" not in status


async def test_e_edits_the_highlighted_note(quizapp_home: Path, tmp_path: Path) -> None:
    from quizapp.tui.app import make_app
    from test_tui_browser_stats import prefill

    decks = tmp_path / "decks"
    shutil.copytree(FIXTURES, decks)
    prefill(quizapp_home)
    app = make_app(home=quizapp_home, learner="t", deck_paths=[decks], enable_fuzzing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_browser(app, pilot)
        await pilot.press(*"nile", "enter", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NoteEditScreen) and form.note_id == "riv-nile"
        form.query_one("#f-statement").text = "The Nile flows north into the Mediterranean."
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert app.workspace.library.notes["riv-nile"].statement == "The Nile flows north into the Mediterranean."
        table = screen.query_one("#browser-table", DataTable)
        assert str(table.get_cell("riv-nile", "statement")) == "The Nile flows north into the Mediterranean."
        assert "flows north into the Mediterranean." in "".join(p.read_text("utf-8") for p in decks.glob("*.toml"))


def test_the_status_line_keeps_only_whole_key_hints_that_fit():
    from quizapp.tui.screens.browser import status_line

    wide = "376 of 376 cards   ·   enter details · e edit · s suspend · f flag · ^1–4 colours"
    assert status_line(376, 376, 98) == wide
    assert status_line(376, 376, 78) == wide.replace("   ·   ", " · ")  # the wide gap goes first
    assert status_line(376, 376, 76) == "376 of 376 cards · enter details · e edit · s suspend · f flag"
    assert status_line(376, 376, 58) == "376 of 376 cards · enter details · e edit · s suspend"
    assert status_line(1200, 1200, 30) == "1,200 of 1,200 cards"  # hints go in order: none is skipped


async def test_the_browser_status_line_fits_60_columns_without_a_cut_word(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_browser(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        line = str(screen.query_one("#browser-status", Static).render())
        assert line == "6 of 6 cards · enter details · e edit · s suspend · f flag"  # 58 columns, the padding
