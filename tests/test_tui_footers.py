"""Footers and headers at 100x30, 80x24 and 60x20 (issue 19): every key shown is whole, a key the footer leaves out
still works, modals show their own keys, and titles are shortened between words, never cut inside one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App, ComposeResult

from quizapp.classroom.projector import Player, Standing
from quizapp.tui.app import make_app
from quizapp.tui.classroom_app import make_class_app
from quizapp.tui.live_app import LiveApp
from quizapp.tui.text import fit_words, header_sub, short_title
from quizapp.tui.widgets.leaderboard import Leaderboard
from test_classroom_snapshots import DECK, FIX, NOW
from test_live_tui import Clock, _host, _on
from tui_helpers import screen_lines, settle

STUDY = Path(__file__).parent / "fixtures" / "study"


def footer(app) -> str:
    return screen_lines(app)[-1].rstrip()


def test_fit_words_cuts_between_words_only() -> None:
    assert fit_words("What figure does the explainer give", 18).plain == "What figure does…"
    assert fit_words("$500 million", 11).plain == "$500…"
    assert fit_words("The end of April 2023", 14).plain == "The end of…"
    assert fit_words("The end of April 2023", 21).plain == "The end of April 2023"
    assert fit_words("Multilateral ties", 13).plain == "Multilateral…"
    assert fit_words("one\ntwo  three", 20).plain == "one two three"  # one line
    assert fit_words("Supercalifragilistic", 8).plain == "Superca…"  # a first word too long: only then cut
    assert short_title("Pakistan–Russia: Culture, education and opinion", 23).plain == "Culture, education and…"


def test_header_subtitles_fit_the_terminal_between_words() -> None:
    deck = "Pakistan–Russia: Culture, education and opinion"
    assert header_sub("quizapp", deck, 100, "Study · ") == "Study · " + deck
    assert header_sub("quizapp", deck, 80, "Study · ") == "Study · Culture, education and opinion"
    assert header_sub("quizapp", deck, 60, "Study · ") == "Study · Culture, education and…"
    quiz = "Quiz 1/10 · score 0 · 0:02"
    assert header_sub(quiz, deck, 80) == "Culture, education and opinion"
    for width in (100, 80, 60):
        shown = f"{quiz} — {header_sub(quiz, deck, width)}"
        assert len(shown) <= width - 18  # the header's icon and clock space


MODAL_KEYS = [("question_mark", "esc Close"), ("o", "^s Save  ^o Optimize FSRS  esc Cancel"), ("l", "esc Cancel")]


@pytest.mark.parametrize(("key", "keys"), MODAL_KEYS)
@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)])
async def test_help_settings_and_learners_show_their_own_keys(tmp_path, key, keys, size) -> None:
    app = make_app(home=tmp_path, learner="t", deck_paths=[STUDY], enable_fuzzing=False)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press(key)
        await pilot.pause()
        assert footer(app).strip() == keys  # not home's keys, and no letter of them beside the box


def _projector(tmp_path: Path):
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    return make_class_app(
        mode="run",
        class_path=tmp_path / "class.toml",
        session="week-1",  # type: ignore[arg-type]
        deck_paths=[DECK],
        clock=lambda: 100.0,
        now=lambda: NOW,
    )


@pytest.mark.parametrize(
    ("width", "keys"),
    [
        (100, "space Reveal / next  p Pause timer  ⌫ Undo points  ? Show keys  esc End game  ^q Quit"),
        (80, "space Reveal / next  ⌫ Undo points  esc End game  ^q Quit"),
        (60, "space Reveal / next  esc End game  ^q Quit"),
    ],
)
async def test_the_projector_footer_keeps_whole_keys_and_the_hidden_ones_work(tmp_path, width, keys) -> None:
    app = _projector(tmp_path)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")  # the projector shows its keys only when asked
        await pilot.pause()
        line = footer(app)
        assert line.split("▏")[0].strip() == keys and line.endswith("▏^p palette")
        screen = app.screen
        await pilot.press("p")  # shown or not, p pauses the timer
        assert screen.timer.frozen
        await pilot.press("question_mark")  # and ? hides the keys again
        await pilot.pause()
        assert "Reveal" not in footer(app)


class Board(App[None]):
    def compose(self) -> ComposeResult:
        yield Leaderboard()


@pytest.mark.parametrize("width", [100, 80, 60])
async def test_the_leaderboard_bar_fits_without_an_ellipsis(width) -> None:
    app = Board()
    async with app.run_test(size=(width, 10)) as pilot:
        app.query_one(Leaderboard).show([Standing(1, Player("s1", "Student One", "1"), 100)])
        await pilot.pause()
        row = next(line for line in screen_lines(app) if "Student One" in line)
    assert "█" in row and "…" not in row and row.rstrip().endswith("100")


@pytest.mark.parametrize(
    ("width", "lobby", "question"),
    [
        (100, "space Start  r Release a seat  e End game", "space Close / next  p Pause  s Skip  r Release a seat"),
        (60, "space Start  e End game  ^q Quit", "space Close / next  e End game  ^q Quit"),
    ],
)
async def test_live_footers_fit_and_release_still_works(tmp_path, width, lobby, question) -> None:
    ctx, host = _host(tmp_path, Clock())
    host.game.seat_student("dana")
    app = LiveApp(host, listen=False)
    async with app.run_test(size=(width, 20)) as pilot:
        await pilot.pause()
        assert footer(app).strip().startswith(lobby)
        await pilot.press("space")
        await _on(app, pilot, "LiveQuestionScreen")
        assert footer(app).strip().startswith(question)
        await pilot.press("r")  # shown at 100 columns, unshown at 60: the key works either way
        await pilot.pause()
        assert type(app.screen).__name__ == "ReleaseSeatScreen"


def test_a_deck_title_in_the_table_of_results_is_cut_between_words() -> None:
    from quizapp.tui.screens.results import short

    assert isinstance(short("The end of April 2023", 14), Text)
    assert short("The end of April 2023", 14).plain == "The end of…"


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
@pytest.mark.parametrize("key", ["question_mark", "o"])
def test_snapshot_help_and_settings(snap_compare, tmp_path, key, size) -> None:
    app = make_app(home=tmp_path, learner="t", deck_paths=[STUDY], enable_fuzzing=False)

    async def run_before(pilot) -> None:
        await settle(app, pilot)
        await pilot.press(key)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_snapshot_fsrs_dialog_hides_the_settings_beneath(snap_compare, tmp_path) -> None:
    app = make_app(home=tmp_path, learner="t", deck_paths=[STUDY], enable_fuzzing=False)

    async def run_before(pilot) -> None:
        await settle(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_dialogs_are_opaque_over_the_screen_beneath(tmp_path) -> None:
    from quizapp.tui.screens.confirm import ConfirmScreen
    from quizapp.tui.screens.fsrs import FsrsScreen

    app = make_app(home=tmp_path, learner="t", deck_paths=[STUDY], enable_fuzzing=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert isinstance(app.screen, FsrsScreen)
        assert app.screen.styles.background.a == 1
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(ConfirmScreen("Delete?"))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.styles.background.a == 1


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_snapshot_projector_keys_and_leaderboard(snap_compare, tmp_path, size) -> None:
    assert snap_compare(_projector(tmp_path), press=["question_mark", "space", "1", "space"], terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
@pytest.mark.parametrize("press", [(), ("space",)])  # the lobby, then the first question
def test_snapshot_live_lobby_and_question(snap_compare, tmp_path, size, press) -> None:
    ctx, host = _host(tmp_path, Clock())
    host.game.pin = "424242"  # the PIN is random; the snapshot needs one
    host.game.seat_student("dana")
    assert snap_compare(LiveApp(host, listen=False), press=list(press), terminal_size=size)
