"""Fixes found beside live games: sign-in ignores case, a results file is credited to the student inside it only
when its name agrees, guests of live games show in the report, marked."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

from quizapp.classroom.context import open_session
from quizapp.classroom.report import build_report, csv_text
from quizapp.classroom.results import LIVE, Attempt, open_attempt, session_attempts
from quizapp.quiz.run import grade
from quizapp.tui.classroom_app import make_class_app

FIX = Path(__file__).parent / "fixtures" / "classroom"
DECK = FIX / "deck.toml"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def _ctx(tmp_path: Path):
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    return open_session(tmp_path / "class.toml", "week-1", [DECK])


def _one_answer(ctx, student: str) -> Attempt:
    with open_attempt(ctx.root, ctx.cf, ctx.session, student, quiz=ctx.quiz_id, total=len(ctx.questions), now=NOW) as a:
        q = ctx.questions[0]
        a.save(grade(q, q.correct[0], 2.0), ctx.tags_of(q), NOW)
        return a.attempt


async def test_take_sign_in_ignores_case(tmp_path: Path) -> None:
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    app = make_class_app(
        mode="take", class_path=tmp_path / "class.toml", session="week-1", deck_paths=[DECK], now=lambda: NOW
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#take-input").value = "BiLaL"
        await pilot.press("enter")
        assert app.screen.phase == "ask"
    assert (tmp_path / "class-results" / "week-1" / "bilal-1.toml").is_file()
    assert not list((tmp_path / "class-results" / "week-1").glob("BiLaL*"))


def test_open_attempt_uses_the_roster_spelling(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    a = _one_answer(ctx, "AMINA")
    assert a.student == "amina" and a.path.name == "amina-1.toml"


def test_a_file_whose_name_and_student_disagree_is_reported_not_credited(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    _one_answer(ctx, "bilal")
    folder = ctx.root / "week-1"
    (folder / "bilal-1.toml").rename(folder / "amina-1.toml")  # amina-1.toml holds student = "bilal"
    attempts, warnings = session_attempts(ctx.root, "week-1")
    assert attempts == []
    assert len(warnings) == 1 and "amina-1.toml" in warnings[0] and "student = 'bilal'" in warnings[0]
    report = build_report(ctx.cf, ctx.session, attempts, ctx.questions, warnings=warnings)
    assert [r.attempts for r in report.students] == [0, 0, 0, 0]
    assert (folder / "amina-1.toml").is_file()  # left untouched


def test_live_guests_show_in_the_report_marked(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    game = ctx.root / "week-1" / LIVE / "20260302T120000"
    game.mkdir(parents=True)
    q = ctx.questions[0]
    record = {"index": 0, "kind": q.kind, "prompt": q.prompt, "expected": q.answer, "given": "Lyon"}
    record.update(correct=False, verdict="wrong", seconds=3.0, at=NOW)
    guest = Attempt(game / "guest-1-1.toml", "Test class", "week-1", "guest-1", 1, ctx.quiz_id, 4, NOW, NOW)
    guest.answers, guest.live, guest.guest, guest.name, guest.finished = [record], game.name, True, "Zed", NOW
    game.joinpath("guest-1-1.toml").write_bytes(guest.to_toml())
    attempts, warnings = session_attempts(ctx.root, "week-1")
    assert warnings == [] and [(a.student, a.guest, a.name, a.live) for a in attempts] == [
        ("guest-1", True, "Zed", "20260302T120000")
    ]
    report = build_report(ctx.cf, ctx.session, attempts, ctx.questions)
    row = report.students[-1]
    assert (row.id, row.name, row.guest, row.status, row.score) == ("guest-1", "Zed (guest)", True, "done", 0)
    assert report.questions[0].common_wrong == "Lyon"
    assert "guest-1,Zed (guest),done,1,0,1,4,0" in csv_text(report)
