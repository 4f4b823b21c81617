"""Home keeps its essential columns at 100x30, 80x24 and 60x20: the least useful go, no word is cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.tui.app import make_app
from quizapp.tui.screens.home import home_columns
from quizapp.tui.text import short_title
from tui_helpers import settle

FIXTURES = Path(__file__).parent / "fixtures" / "study"
SIZES = [(100, 30), (80, 24), (60, 20)]


def test_every_column_stays_at_60_columns_the_bar_gives_way_to_its_figure():
    keys = {w: [k for _, k, _ in home_columns(w)] for w in (100, 80, 60)}
    assert keys[100] == ["title", "new", "learning", "due", "learned", "mastery"]
    assert keys[80] == keys[60] == keys[100]  # cards learned of the deck's total, at every width
    assert [w for _, k, w in home_columns(100) if k == "mastery"] == [15]  # the bar
    assert [w for _, k, w in home_columns(60) if k == "mastery"] == [7]  # the figure
    for width in (100, 80, 60):
        body = 4 if width >= 76 else 2  # the body padding
        assert sum(w + 2 for _, _, w in home_columns(width)) + body + 2 <= width  # and a scroll bar
        assert all(len(label) <= w for label, _, w in home_columns(width))  # every header whole
        assert home_columns(width)[0][2] >= 13  # "Multilateral…" fits: no title is cut inside a word
    assert [w for _, k, w in home_columns(60, 11) if k == "learned"] == [11]  # "12345/99999" fits


def test_a_long_title_is_cut_between_words():
    title = "Pakistan–Russia: Culture, education and opinion"
    assert short_title(title, 60).plain == title
    assert short_title(title, 30).plain == "Culture, education and opinion"
    assert short_title(title, 20).plain == "Culture, education…"
    assert short_title("Pakistan–Russia: Defence", 40, short=True).plain == "Defence"


@pytest.mark.parametrize("size", SIZES)
async def test_home_shows_every_row_and_header_at_each_size(tmp_path, size):
    from quizapp.tui.widgets.deck_table import DeckTable

    app = make_app(home=tmp_path, learner="t", deck_paths=[FIXTURES], enable_fuzzing=False)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#decks", DeckTable)
        assert table.row_count == 3  # two decks and All decks
        assert table.region.bottom <= size[1] - 1
        assert table.virtual_size.height <= table.size.height  # no row falls off: All decks shows
        labels = table.labels
        assert {"New", "Learning", "Due", "Learned", "Mastery"} <= set(labels)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_home(snap_compare, tmp_path, size):
    app = make_app(home=tmp_path, learner="t", deck_paths=[FIXTURES], enable_fuzzing=False)

    async def run_before(pilot) -> None:
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_the_learner_list_marks_the_current_learner(tmp_path):
    from textual.widgets import OptionList

    from quizapp.progress.store import LearnerStore
    from quizapp.tui.screens.learner import LearnerScreen

    for name in ("ann", "bob"):
        LearnerStore(tmp_path, name).open().close()
    app = make_app(home=tmp_path, learner="bob", deck_paths=[FIXTURES], enable_fuzzing=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LearnerScreen)
        options = app.screen.query_one("#learners", OptionList)
        labels = {options.get_option_at_index(i).id: str(options.get_option_at_index(i).prompt) for i in range(2)}
        assert "(current)" in labels["bob"] and "(current)" not in labels["ann"]


@pytest.mark.parametrize("key", ["o", "l"])
async def test_home_footer_at_60_columns_keeps_whole_words_and_its_hidden_keys_work(tmp_path, key):
    from tui_helpers import screen_lines

    app = make_app(home=tmp_path, learner="t", deck_paths=[FIXTURES], enable_fuzzing=False)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        footer = screen_lines(app)[-1]
        assert footer.rstrip().endswith("^p palette")  # no stray letter of a hidden key after it
        assert "Study" in footer and "Quiz" in footer and "Settings" not in footer and "Learner" not in footer
        home = app.screen
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is not home
