"""Taking a session in the TUI: answers saved at once, resume after an interruption, refusals, sign-in."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from quizapp.classroom.errors import NoAttemptsLeft, SessionClosed, UnknownStudent
from quizapp.classroom.results import Attempt
from quizapp.cli.main import main
from quizapp.tui.classroom_app import make_class_app
from quizapp.tui.screens.take import parse_sequence

FIX = Path(__file__).parent / "fixtures" / "classroom"
DECK = FIX / "deck.toml"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


class FakeClock:
    def __init__(self) -> None:
        self.t = 50.0

    def __call__(self) -> float:
        return self.t


def _app(tmp_path: Path, student: str | None = "amina", session: str = "week-1", clock: FakeClock | None = None):
    if not (tmp_path / "class.toml").exists():
        shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    return make_class_app(
        mode="take",
        class_path=tmp_path / "class.toml",
        session=session,
        deck_paths=[DECK],
        student=student,
        clock=clock or FakeClock(),
        now=lambda: NOW,
    )


def _saved(tmp_path: Path, student: str = "amina", number: int = 1) -> Attempt:
    return Attempt.read(tmp_path / "class-results" / "week-1" / f"{student}-{number}.toml")


def _right_key(screen) -> str:
    return str(screen.question.correct[0] + 1)


async def test_answers_are_saved_at_once_and_resume(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.phase == "ask"
        clock.t += 4
        await pilot.press(_right_key(screen))
        assert screen.phase == "feedback"
        first = _saved(tmp_path)
        assert first.answered == 1 and first.score == 1 and first.answers[0]["seconds"] == 4
        await pilot.press("enter")
        wrong = str((screen.question.correct[0] + 1) % 4 + 1)
        await pilot.press(wrong)
        assert _saved(tmp_path).answered == 2
        await pilot.press("enter")
        # the window is closed in the middle of question 3
    assert _saved(tmp_path).answered == 2 and not _saved(tmp_path).done

    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.attempt.resumed and screen.attempt.next_index == 2
        assert "Question 3 of 4" in str(screen.query_one("#take-progress").render())
        for _ in range(2):
            await pilot.press(_right_key(screen), "enter")
        assert screen.phase == "done"
        assert "Finished: 3 of 4 right" in str(screen.query_one("#take-feedback").render())
        await pilot.press("enter")
    done = _saved(tmp_path)
    assert done.done and done.score == 3 and [a["index"] for a in done.answers] == [0, 1, 2, 3]


async def test_time_running_out_saves_a_wrong_answer(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.t += 21
        app.screen.tick()
        await pilot.pause()
        assert app.screen.phase == "feedback"
    a = _saved(tmp_path)
    assert a.answers[0]["verdict"] == "timeout" and a.answers[0]["correct"] is False and a.answers[0]["seconds"] == 20


async def test_sign_in_refuses_unknown_and_escaping_ids(tmp_path: Path) -> None:
    app = _app(tmp_path, student=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.phase == "signin"
        for bad in ("../x", "zed"):
            screen.query_one("#take-input").value = bad
            await pilot.press("enter")
            assert screen.phase == "signin"
        assert "not on the roster" in str(screen.query_one("#take-feedback").render())
        screen.query_one("#take-input").value = "bilal"
        await pilot.press("enter")
        assert screen.phase == "ask"
        await pilot.press(_right_key(screen))
    assert _saved(tmp_path, "bilal").answered == 1
    assert not any(p.stem.split("-")[0] == "x" for p in tmp_path.rglob("*.toml"))


async def test_truefalse_and_no_time_limit(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, session="rivers", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        clock.t += 1000  # seconds = 0: no limit
        screen.tick()
        assert screen.phase == "ask"
        await pilot.press("t" if screen.question.truth else "f")
        assert screen.phase == "feedback"
    saved = Attempt.read(tmp_path / "class-results" / "rivers" / "amina-1.toml")
    assert saved.score == 1 and saved.answers[0]["tags"] == ["rivers"]


async def test_typed_answers(tmp_path: Path) -> None:
    app = _app(tmp_path, session="spelling")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        box = screen.query_one("#take-input")
        assert box.has_focus
        await pilot.press(*screen.question.answer, "enter")
        assert screen.phase == "feedback"
        await pilot.press("enter")
        await pilot.press(*"Nowhere", "enter")
        assert "your score" in str(screen.query_one("#take-hint").render())
        await pilot.press("enter")
        assert screen.phase == "done"
    saved = Attempt.read(tmp_path / "class-results" / "spelling" / "amina-1.toml")
    assert [a["correct"] for a in saved.answers] == [True, False] and saved.answers[1]["given"] == "Nowhere"


def test_refusals_before_the_tui_starts(tmp_path: Path) -> None:
    with pytest.raises(SessionClosed):
        _app(tmp_path, session="closed")
    for bad in ("zed", "../x", "../../etc/passwd"):
        with pytest.raises(UnknownStudent):
            _app(tmp_path, student=bad)
    assert not (tmp_path / "class-results").exists() or not list((tmp_path / "class-results").rglob("*.toml"))


def test_cli_prints_refusals_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    base = ["--decks", str(DECK), "class", "take", str(tmp_path / "class.toml")]
    assert main([*base, "--session", "closed", "--student", "amina"]) == 1
    assert main([*base, "--session", "week-1", "--student", "../x"]) == 1
    assert main([*base, "--session", "nope", "--student", "amina"]) == 1
    err = capsys.readouterr().err
    assert "closed at 2026-01-08" in err and "must not contain" in err and "no session 'nope'" in err
    assert "Traceback" not in err


def test_attempts_used_up(tmp_path: Path) -> None:
    from quizapp.classroom.results import open_attempt
    from quizapp.quiz.run import grade

    app = _app(tmp_path)
    app.attempt.close()
    ctx = app.config.ctx
    for _ in range(2):
        with open_attempt(ctx.root, ctx.cf, ctx.session, "chen", quiz=ctx.quiz_id, total=4, now=NOW) as a:
            for q in ctx.questions:
                a.save(grade(q, q.correct[0], 1.0), (), NOW)
    with pytest.raises(NoAttemptsLeft):
        _app(tmp_path, student="chen")


def test_parse_sequence() -> None:
    assert parse_sequence("3 1 2", 3) == (2, 0, 1)
    assert parse_sequence("312", 3) == (2, 0, 1)
    assert parse_sequence("c, a, b", 3) == (2, 0, 1)
    assert parse_sequence("3 1", 3) is None
    assert parse_sequence("4 1 2", 3) is None
