"""Deck text is data on every screen: markup is shown literally, escape sequences and control characters are
stripped, nothing is interpreted (no style, no link, no click action), and the app keeps running.

Every text field of the deck below holds Rich/Textual markup, an ANSI colour code, an OSC 8 hyperlink and control
characters. What the screens draw is read back cell by cell (tui_helpers.screen_cells: the cells a terminal would get).
"""

from __future__ import annotations

import random
from datetime import datetime, timezone
from pathlib import Path

import pytest
import tomli_w
from textual.widgets import DataTable, Select

from quizapp.quiz.questions import ALL_KINDS
from quizapp.tui.app import make_app
from quizapp.tui.screens.browser import BrowserScreen
from quizapp.tui.screens.card_detail import CardDetailScreen
from quizapp.tui.screens.custom_study import CustomStudyScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.quiz_setup import QuizSetupScreen
from quizapp.tui.screens.results import ResultsScreen
from quizapp.tui.screens.stats import StatsScreen
from quizapp.tui.screens.study import StudyScreen
from tui_helpers import screen_cells, settle

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
SIZE = (160, 70)  # large, so whole cards fit and what is checked is on screen
ESCAPES = "\x1b[31m\x1b]8;;http://x\x1b\\{t}e\x1b]8;;\x1b\\\x1b[0m\x07\x08\x00\x7f\x9b"
FORBIDDEN = [chr(c) for c in [*range(0, 9), *range(11, 32), *range(127, 160)]]


def evil(tag: str) -> str:
    """Markup, a colour escape, an OSC 8 link and control characters around a tag that names the field."""
    return f"[bold]{tag}[/] [link=https://x]{tag}l[/] [@click=app.quit]{tag}q[/] " + ESCAPES.format(t=tag)


def literal(tag: str) -> str:
    """What a screen must show for evil(tag)'s start: the markup as typed."""
    return f"[bold]{tag}[/]"


def write_deck(path: Path) -> Path:
    notes = []
    for i in range(1, 5):
        n = f"N{i}"
        note = {
            "id": f"n{i}",
            "statement": evil(f"{n}S"),
            "source": "s1",
            "locator": evil(f"{n}L"),
            "quote": evil(f"{n}Q"),
            "tags": ["topic"],
            "date": f"19{50 + i}",
            "event": evil(f"{n}V"),
            "explanation": evil(f"{n}E"),
            "conflict": {"source": "s2", "says": evil(f"{n}C"), "quote": evil(f"{n}K")},
            "choice": {
                "prompt": evil(f"{n}P"),
                "answer": evil(f"{n}A"),
                "distractors": [evil(f"{n}D1"), evil(f"{n}D2"), evil(f"{n}D3")],
            },
            "truefalse": {"false": evil(f"{n}F"), "correction": evil(f"{n}R")},
            "match": {"group": "g", "left": evil(f"{n}ML"), "right": evil(f"{n}MR")},
        }
        if i == 1:
            note["basic"] = {"front": evil("N1B1"), "back": evil("N1B2")}
        elif i == 2:
            note["cloze"] = {"text": evil("N2Z") + " {{c1::" + evil("N2G").replace("::", ":") + "}} end"}
        elif i == 3:
            note["typed"] = {"prompt": evil("N3T"), "answer": evil("N3W"), "accept": [evil("N3X")]}
        else:
            note["basic"] = {"front": evil("N4B1"), "back": evil("N4B2"), "reverse": True}
        notes.append(note)
    deck = {
        "format": 1,
        "deck": {"id": "evil", "title": evil("DT"), "description": evil("DD"), "authors": [evil("DA")]},
        "sources": [
            {
                "id": "s1",
                "title": evil("S1T"),
                "publisher": evil("S1P"),
                "author": evil("S1A"),
                "kind": "book",
                "url": evil("S1U"),
                "date": "2020",
            },
            {"id": "s2", "title": evil("S2T"), "kind": "web"},
        ],
        "notes": notes,
    }
    path.write_text(tomli_w.dumps(deck), "utf-8")
    return path


class Screens:
    """Reads what the current screen draws and checks it; keeps all the text seen."""

    def __init__(self, app) -> None:
        self.app, self.seen = app, ""

    def read(self) -> str:
        app = self.app
        assert app.is_running, "the app quit"
        lines = []
        for row in screen_cells(app):
            for cell, style in row:
                bad = [c for c in cell if c in FORBIDDEN]
                assert not bad, f"control characters reach the terminal: {bad!r} in {cell!r}"
                if style is not None:
                    assert not style.link, f"a link from deck text: {style.link!r} on {cell!r}"
                    assert "quit" not in repr(style.meta or {}), f"a click action from deck text on {cell!r}"
            lines.append("".join(cell for cell, _ in row))
        text = "\n".join(lines)
        assert "[@click" not in text or "[@click=app.quit]" in text
        self.seen += text + "\n"
        return text

    def missing(self, *tags: str) -> list[str]:
        return [t for t in tags if literal(t) not in self.seen]


async def ready(app, pilot) -> None:
    await settle(app, pilot)
    assert app.workspace is not None, app.load_error
    assert not app.workspace.library.problems, app.workspace.library.problems


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    return write_deck(tmp_path / "evil.toml")


def new_app(home: Path, deck: Path):
    return make_app(home=home, learner="t", deck_paths=[deck], enable_fuzzing=False)


async def click_markup(pilot, screens: Screens) -> int:
    """Click every '[@click=app.quit]' drawn on screen; the app must go on running."""
    clicks = 0
    for y, line in enumerate(screens.read().splitlines()):
        x = line.find("[@click=app.quit]")
        if x >= 0:
            await pilot.click(offset=(x + 18, y))
            await pilot.pause()
            clicks += 1
            assert pilot.app.is_running
    return clicks


async def test_home_and_study_show_deck_text_literally(tmp_path: Path, deck: Path) -> None:
    app = new_app(tmp_path, deck)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        screens = Screens(app)
        assert literal("DT") in screens.read()
        screen = StudyScreen(app.workspace, "evil", clock=lambda: NOW, rng=random.Random(1))
        await app.push_screen(screen)
        await pilot.pause()
        clicked = 0
        while screen.card is not None:
            screens.read()  # question side
            clicked += await click_markup(pilot, screens)
            if screen.phase == "typing":
                await pilot.press(*"x", "enter")
            else:
                await pilot.press("space")
            await pilot.pause()
            screens.read()  # answer side, with its source panel and conflict
            await pilot.press("4")
            await pilot.pause()
        assert clicked >= 3
        assert not screens.missing(
            "DT", "N1B1", "N1B2", "N2Z", "N3T", "N3W", "N4B1", "N4B2", "S1T", "N1Q", "N1L", "N1C", "S2T"
        )
        assert "N2G" in screens.seen and "N1Be" in screens.seen.replace("N1B1e", "N1Be")  # escapes stripped, text kept

        screen.action_toggle_recall()  # active recall asks choice, true/false and typed questions
        await pilot.pause()
        screen.action_custom()
        await pilot.pause()
        assert isinstance(app.screen, CustomStudyScreen)
        screens.read()
        app.screen.query_one("#custom-deck", Select).action_show_overlay()
        await pilot.pause()
        assert literal("DT") in screens.read()
        assert app.is_running


async def test_quiz_of_each_kind_and_results(tmp_path: Path, deck: Path) -> None:
    app = new_app(tmp_path, deck)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        screens = Screens(app)
        for kind in ALL_KINDS:
            quiz = QuizScreen(app.workspace, "evil", count=4, kinds=(kind,), seed="evil")
            await app.push_screen(quiz)
            await pilot.pause()
            assert quiz.run.questions, kind
            while not quiz.run.finished:
                screens.read()
                q = quiz.run.current
                response = {"choice": 0, "truefalse": True, "typed": "x", "cloze": "x"}.get(
                    q.kind, tuple(range(len(q.lefts or q.options)))
                )
                quiz.view.submit(response)
                await pilot.pause()
                screens.read()  # the feedback, with the source and the correct answer
                await quiz.action_next()
                await pilot.pause()
            assert isinstance(app.screen, ResultsScreen), kind
            screens.read()
            await click_markup(pilot, screens)
            app.pop_screen()
            await pilot.pause()
        assert not screens.missing("DT", "N1P", "N1A", "N1D1", "N2Z", "N3T", "N1V", "N1ML", "N1MR", "S1T")
        assert len(screens.missing("N1S", "N2S", "N3S", "N4S", "N1F", "N2F", "N3F", "N4F")) < 8  # true/false
        assert app.is_running


async def test_browser_details_stats_and_setup(tmp_path: Path, deck: Path) -> None:
    app = new_app(tmp_path, deck)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        screens = Screens(app)
        await app.push_screen(BrowserScreen(app.workspace))
        await pilot.pause()
        browser = app.screen
        table = browser.query_one(DataTable)
        assert table.row_count >= 4
        screens.read()
        browser.query_one("#browser-deck", Select).action_show_overlay()
        await pilot.pause()
        screens.read()
        await pilot.press("escape")
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CardDetailScreen)
        detail = app.screen
        screens.read()
        body = detail.body.plain
        assert not [c for c in body if c in FORBIDDEN]
        for tag in ("N1S", "N1Q", "N1L", "S1T", "S1P", "N1C", "S2T", "N1A", "N1D1", "N1F", "N1R"):
            assert literal(tag) in body, tag
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()

        await app.push_screen(StatsScreen(app.workspace, clock=lambda: NOW, tz=timezone.utc))
        await pilot.pause()
        screens.read()
        app.screen.query_one("#stats-deck", Select).action_show_overlay()
        await pilot.pause()
        screens.read()
        await pilot.press("escape", "escape")
        await pilot.pause()

        await app.push_screen(QuizSetupScreen(app.workspace, "evil"))
        await pilot.pause()
        screens.read()
        app.screen.query_one("#setup-deck", Select).action_show_overlay()
        await pilot.pause()
        screens.read()
        assert not screens.missing("DT", "N1S")
        assert app.is_running


async def test_deck_problems_naming_markup_are_shown_literally(tmp_path: Path, deck: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    write_deck(folder / "evil.toml")
    broken = folder / "bad [@click=app.quit]z.toml"
    broken.write_text(deck.read_text("utf-8").replace('id = "evil"', 'id = "bad"') + '\n"[bold]K[/]" = 1\n', "utf-8")
    app = new_app(tmp_path, folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(100):
            await pilot.pause(0.05)
            if app.workspace is not None:
                break
        await pilot.pause(0.2)
        assert app.workspace is not None and app.workspace.library.problems
        text = Screens(app).read()
        assert "[@click=app.quit]z.toml" in text and literal("K") in text


# -- classroom and authoring screens ----------------------------------------------------------------------------
def write_class(folder: Path) -> Path:
    write_deck(folder / "evil.toml")
    doc = {
        "format": 1,
        "class": {"name": evil("CN"), "description": evil("CD")},
        "students": [{"id": f"s{i}", "name": evil(f"P{i}")} for i in range(1, 4)],
        "teams": [{"name": evil("TM"), "members": ["s1", "s2", "s3"]}],
        "sessions": [
            {
                "name": "week-1",
                "title": evil("ST"),
                "decks": ["evil"],
                "questions": 3,
                "kinds": ["choice", "truefalse"],
                "seconds": 0,
                "seed": 3,
            }
        ],
    }
    path = folder / "class.toml"
    path.write_text(tomli_w.dumps(doc), "utf-8")
    return path


async def test_classroom_projector_take_and_report(tmp_path: Path) -> None:
    classroom = pytest.importorskip("quizapp.tui.classroom_app")
    class_path = write_class(tmp_path)

    def app_for(mode: str, **kw):
        return classroom.make_class_app(
            mode=mode,
            class_path=class_path,
            session="week-1",
            deck_paths=[tmp_path],
            clock=lambda: 50.0,
            now=lambda: NOW,
            **kw,
        )

    app = app_for("run")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screens = Screens(app)
        for _ in range(12):  # ask, answer, reveal, leaderboard ... podium
            screens.read()
            await click_markup(pilot, screens)
            await pilot.press("1", "space")
            await pilot.pause()
            if not app.is_running:
                break
        asked = [f"N{i}{part}" for i in range(1, 5) for part in "PSF"]
        assert literal("P1") in screens.seen and len(screens.missing(*asked)) < len(asked)

    app = app_for("take", student="s1")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screens = Screens(app)
        for _ in range(8):
            screens.read()
            await pilot.press("1", "t", "enter")
            await pilot.pause()
            if not app.is_running:
                break
        taken = screens.seen

    app = app_for("report")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screens = Screens(app)
        screens.read()
        await click_markup(pilot, screens)
        report = screens.seen
    assert literal("P1") in report and len([t for t in asked if literal(t) in taken]) >= 2


async def test_authoring_editor_and_draft_review(tmp_path: Path) -> None:
    authoring = pytest.importorskip("quizapp.tui.authoring_app")
    path = write_deck(tmp_path / "evil.toml")
    text = path.read_text("utf-8").replace('id = "n3"', 'id = "n3"\ndraft = true')
    path.write_text(text, "utf-8")
    # what each screen shows literally: the editor the deck title and its notes; the review only the draft (n3)
    shown = {"edit": ("DT", "N1S", "N3S"), "review": ("N3S",)}
    for mode in ("edit", "review"):
        app = authoring.make_authoring_app(path, mode)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            screens = Screens(app)
            screens.read()
            await click_markup(pilot, screens)
            await pilot.press("down", "enter")
            await pilot.pause()
            screens.read()
            assert app.is_running
            assert screens.missing(*shown[mode]) == [], mode
    assert path.read_text("utf-8") == text  # looking never rewrites the deck
