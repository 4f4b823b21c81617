"""Projector mode: pure scoring, and a Pilot run through questions, points, leaderboard and podium."""

from __future__ import annotations

import shutil
import tomllib
from datetime import datetime, timezone
from pathlib import Path

import pytest

from quizapp.classroom.errors import ClassFileError
from quizapp.classroom.loader import load_class
from quizapp.classroom.projector import Game, Player, players_for, speed_bonus
from quizapp.tui.classroom_app import make_class_app
from quizapp.tui.widgets.countdown import Countdown

FIX = Path(__file__).parent / "fixtures" / "classroom"
DECK = FIX / "deck.toml"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_speed_bonus() -> None:
    assert speed_bonus(20, 20) == 100
    assert speed_bonus(5, 20) == 25
    assert speed_bonus(0, 20) == 0
    assert speed_bonus(10, 0) == 0  # no timer, no bonus


def test_game_awards_once_per_question_and_ranks_ties() -> None:
    players = [Player("a", "Ann", "1"), Player("b", "Bob", "2"), Player("c", "Cy", "3"), Player("d", "Di", "4")]
    g = Game(players, questions=3)
    assert g.award(0, "a", 10, 20).points == 150
    assert g.award(0, "a", 5, 20) is None
    g.award(0, "b", 0, 20)
    g.award(1, "b", 20, 20)
    g.award(1, "a", 0, 20)
    g.award(1, "c", 20, 20)
    assert g.totals() == {"a": 250, "b": 300, "c": 200, "d": 0}
    assert g.undo(1).player == "c"
    g.award(2, "c", 15, 20)
    assert [(s.rank, s.player.id, s.points) for s in g.leaderboard()] == [
        (1, "b", 300),
        (2, "a", 250),
        (3, "c", 175),
        (4, "d", 0),
    ]
    g.award(2, "a", 10, 20)  # a: 400 ; tie test below
    g.award(2, "b", 10, 20)  # b: 450
    g.award(2, "d", 0, 20)
    board = g.leaderboard()
    assert [s.rank for s in board] == [1, 2, 3, 4]
    tie = Game(players[:3], 1)
    tie.award(0, "a", 0, 0)
    tie.award(0, "b", 0, 0)
    assert [(s.rank, s.points) for s in tie.leaderboard()] == [(1, 100), (1, 100), (3, 0)]
    assert [s.player.id for s in tie.podium()] == ["a", "b", "c"]  # c is 3rd with 0 points: its place is not empty
    assert Game(players[:3], 1).podium() == []  # nobody scored: no places at all


def test_players_by_student_or_team() -> None:
    cf = load_class(FIX / "class.toml")
    students = players_for(cf, teams=False)
    assert [(p.key, p.name) for p in students] == [
        ("1", "Amina K."),
        ("2", "Bilal R."),
        ("3", "Chen L."),
        ("4", "Dana M."),
    ]
    teams = players_for(cf, teams=True)
    assert [(p.name, p.members) for p in teams] == [("Red", ("amina", "bilal")), ("Blue", ("chen", "dana"))]
    no_teams = cf._replace(teams=())
    with pytest.raises(ClassFileError, match="no \\[\\[teams\\]\\]"):
        players_for(no_teams, teams=True)


def _app(tmp_path: Path, clock: FakeClock, teams: bool = False):
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    return make_class_app(
        mode="run",
        class_path=tmp_path / "class.toml",
        session="week-1",
        deck_paths=[DECK],
        teams=teams,
        clock=clock,
        now=lambda: NOW,
    )


async def test_projector_round_trip(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.phase == "ask"
        timer = screen.query_one(Countdown)
        assert str(timer.value) == "20"
        clock.t += 10  # half the time gone
        screen.tick()
        assert str(timer.value) == "10"
        await pilot.press("1")  # Amina answers with half the time left: 100 + 50
        await pilot.press("2", "2")  # Bilal, pressed twice: counted once
        await pilot.press("backspace")  # undo Bilal
        clock.t += 15  # time is up
        await pilot.press("3")  # no bonus after the timer ran out
        assert [(a.player, a.points) for a in screen.game.awarded(0)] == [("amina", 150), ("chen", 100)]
        await pilot.press("space")  # reveal
        assert screen.phase == "revealed"
        answer = str(screen.query_one("#answer").render())
        assert screen.ctx.questions[0].answer in answer
        await pilot.press("space")  # leaderboard
        assert screen.phase == "board"
        saved = list((tmp_path / "class-results" / "week-1" / "_projector").glob("*.toml"))
        assert len(saved) == 1
        for _ in range(3):  # three more questions; Dana answers fast each time
            await pilot.press("space")
            assert screen.phase == "ask"
            await pilot.press("4", "space", "space")
        await pilot.press("space")  # podium
        assert screen.phase == "podium"
        assert [(s.rank, s.player.id) for s in screen.game.podium()] == [(1, "dana"), (2, "amina"), (3, "chen")]
        record = tomllib.loads(saved[0].read_text())
        assert record["game"]["asked"] == 4
        assert {p["id"]: p["points"] for p in record["players"]} == {"amina": 150, "bilal": 0, "chen": 100, "dana": 600}
        await pilot.press("space")
    assert app.return_code == 0


async def test_projector_pause_and_teams(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock, teams=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("p")  # pause with 20 s left
        clock.t += 100
        await pilot.press("p")  # resume: still 20 s left
        clock.t += 5
        assert screen.remaining() == 15
        await pilot.press("2")
        assert screen.game.awarded(0)[0].player == "team:Blue"
        assert screen.game.awarded(0)[0].points == 175
        await pilot.press("escape")
        await pilot.press("y")  # end the game early
        assert screen.phase == "podium"


@pytest.mark.parametrize(
    ("teams", "keys", "places"),
    [
        (True, ["2"], [("2", "Red", "0 pts"), ("1", "Blue", "200 pts")]),  # two teams: 2-1, no empty place 3
        (False, ["1", "2"], [("1", "Amina K.\nBilal R.", "200 pts"), ("3", "Chen L.\nDana M.", "0 pts")]),  # tie
    ],
)
async def test_the_podium_draws_only_the_places_someone_holds(
    tmp_path: Path, teams: bool, keys: list[str], places: list[tuple[str, str, str]]
) -> None:
    from tests.test_live_tui import _podium

    app = _app(tmp_path, FakeClock(), teams=teams)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys, "escape", "y")  # points on the first question, then end the game early
        await pilot.pause()
        assert app.screen.phase == "podium"
        assert _podium(app) == places
