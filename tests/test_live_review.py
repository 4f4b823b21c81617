"""What a teacher-flow review of `class live` found: a projector that cannot listen, the reveal and podium screens,
and scoring of live games whose session has questions live games leave out."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from tests.conftest import FIXED_NOW
from textual.app import App

from quizapp.classroom.context import open_session
from quizapp.classroom.live.codes import codes_path, issue_codes
from quizapp.classroom.live.launch import open_game
from quizapp.cli.main import main
from quizapp.tui.live_app import LiveApp

FIX = Path(__file__).parent / "fixtures" / "classroom"


def _class(tmp_path: Path) -> Path:
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    shutil.copy(FIX / "deck.toml", tmp_path / "deck.toml")
    return tmp_path / "class.toml"


def _busy_port() -> socket.socket:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    return s


async def test_a_projector_that_cannot_listen_exits_with_code_1(tmp_path: Path) -> None:
    class_file = _class(tmp_path)
    ctx = open_session(class_file, "week-1", [tmp_path / "deck.toml"])
    issue_codes(codes_path(ctx.class_path), [s.id for s in ctx.cf.students])
    with _busy_port() as busy:
        host = open_game(ctx, port=busy.getsockname()[1], now=lambda: FIXED_NOW).host
        app = LiveApp(host)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
    assert app.return_code == 1


def test_class_live_that_cannot_listen_claims_no_saved_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import quizapp.cli.classroom as cli

    class_file = _class(tmp_path)
    assert main(["class", "codes", str(class_file)]) == 0
    monkeypatch.setattr(cli, "_check_can_listen", lambda host, port: None)  # the port is taken after the check
    monkeypatch.setattr(LiveApp, "run", lambda self: App.run(self, headless=True))
    capsys.readouterr()
    with _busy_port() as busy:
        port = str(busy.getsockname()[1])
        rc = main(
            ["--decks", str(tmp_path / "deck.toml"), "class", "live", str(class_file), "--session", "week-1"]
            + ["--port", port]
        )
    out = capsys.readouterr()
    assert rc == 1
    assert "answers saved" not in out.out
    assert "Cannot listen on 127.0.0.1:" in out.out + out.err
    assert list((tmp_path / "class-results" / "week-1" / "_live").glob("*")) == []  # no empty game folder left


def test_a_live_game_is_scored_out_of_the_questions_it_asked(tmp_path: Path) -> None:
    """A session with an ordering question (left out of live games): 2 right of the 3 asked is 2/3, answered 3/3,
    67%, and the CSV marks the ordering question as not in the live game, not as unanswered."""
    import csv
    import io
    from dataclasses import replace

    from quizapp.classroom.report import build_report, csv_text

    class_file = _class(tmp_path)
    ctx = open_session(class_file, "week-1", [tmp_path / "deck.toml"])
    issue_codes(codes_path(ctx.class_path), [s.id for s in ctx.cf.students])
    qs = list(ctx.questions)
    qs[1] = replace(qs[1], kind="ordering")
    ctx = replace(ctx, questions=tuple(qs))
    host = open_game(ctx, clock=lambda: 0.0, now=lambda: FIXED_NOW).host
    g = host.game
    seat, _ = g.seat_student("amina")
    g.start()
    for right in (True, False, True):
        q = g.question
        g.answer("amina", g.index, q.correct[0] if right else (q.correct[0] + 1) % len(q.options))
        g.advance()
        g.advance()
        g.advance()
    assert g.phase == "podium"
    attempt = host.store.player_attempt(g, seat, ended=True)[2]
    report = build_report(ctx.cf, ctx.session, [attempt], ctx.questions, quiz_id=ctx.quiz_id)
    amina = next(r for r in report.students if r.id == "amina")
    assert (amina.score, amina.answered, amina.total) == (2, 3, 3)
    assert amina.share == pytest.approx(2 / 3)
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO(csv_text(report)))}
    assert (rows["amina"]["total"], rows["amina"]["percent"]) == ("3", "67")
    assert [rows["amina"][f"q{i}"] for i in range(1, 5)] == ["1", "not in live game", "0", "1"]
    assert [rows["bilal"][f"q{i}"] for i in range(1, 5)] == ["", "", "", ""]  # not started: nothing is marked


async def test_the_reveal_hides_the_countdown_and_the_podium_offers_no_game_keys(tmp_path: Path) -> None:
    from tests.test_live_tui import Clock, _host, _keys, _on, _podium, _until
    from textual.widgets import Footer

    from quizapp.tui.widgets.countdown import Countdown

    clock = Clock()
    ctx, host = _host(tmp_path, clock)
    g = host.game
    g.seat_student("amina")
    g.seat_student("chen")
    app = LiveApp(host, listen=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await _on(app, pilot, "LiveQuestionScreen")
        assert app.screen.query_one(Countdown).display is True
        g.answer("chen", 0, ctx.questions[0].correct[0])
        await pilot.press("space")
        await _until(pilot, lambda: g.phase == "reveal")
        await _until(pilot, lambda: app.screen.query_one(Countdown).display is False)
        assert app.screen.query_one(Countdown).display is False
        await pilot.press("space")
        await _on(app, pilot, "LiveBoardScreen")
        assert {"live.release", "live.end"} <= _keys(app)
        g.end()
        host.on_change()
        await _until(pilot, lambda: bool(app.screen.query("Podium")))
        await pilot.pause()
        keys = _keys(app)
        assert "live.next" in keys and "live.release" not in keys and "live.end" not in keys
        footer = " ".join(str(k.render()) for k in app.screen.query_one(Footer).query("FooterKey"))
        assert "Release" not in footer and "End game" not in footer
        # Amina has 0 points and her phone says "2nd of 2": the podium shows her in place 2, not an empty place
        assert _podium(app) == [("2", "Amina K.", "0 pts"), ("1", "Chen L.", "200 pts")]  # no empty place 3
        assert g.rank_of("amina") == 2
        await pilot.press("e")  # refused: the game is over, nothing opens
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveBoardScreen"


def test_class_codes_csv_is_readable_only_by_its_owner(tmp_path: Path) -> None:
    import os
    import stat

    class_file = _class(tmp_path)
    out = tmp_path / "codes.csv"
    out.write_text("old\n", "utf-8")
    out.chmod(0o644)  # an earlier, world-readable file is replaced by a private one
    assert main(["class", "codes", str(class_file), "--csv", str(out)]) == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert out.read_text("utf-8").startswith("student,name,code\n")
    fresh = tmp_path / "fresh.csv"
    assert main(["class", "codes", str(class_file), "--csv", str(fresh)]) == 0
    assert stat.S_IMODE(os.stat(fresh).st_mode) == 0o600


def test_class_live_says_where_answers_are_only_when_there_are_some(tmp_path: Path) -> None:
    from quizapp.classroom.live.launch import closing_line

    class_file = _class(tmp_path)
    ctx = open_session(class_file, "week-1", [tmp_path / "deck.toml"])
    issue_codes(codes_path(ctx.class_path), [s.id for s in ctx.cf.students])
    opened = open_game(ctx, clock=lambda: 0.0, now=lambda: FIXED_NOW)
    folder = opened.host.store.folder
    assert closing_line(opened, failed=False) == f"no answers were given; the game is in {folder}"
    g = opened.host.game
    g.seat_student("amina")
    g.start()
    g.answer("amina", g.index, g.question.correct[0])
    assert closing_line(opened, failed=False) == f"answers saved in {folder}"
