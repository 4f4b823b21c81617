"""Snapshots of the classroom screens: fixed deck, seed, clock and date."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

from quizapp.tui.classroom_app import make_class_app

FIX = Path(__file__).parent / "fixtures" / "classroom"
DECK = FIX / "deck.toml"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def _app(tmp_path: Path, mode: str, **kw: object):
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    return make_class_app(
        mode=mode,
        class_path=tmp_path / "class.toml",
        session="week-1",  # type: ignore[arg-type]
        deck_paths=[DECK],
        clock=lambda: 100.0,
        now=lambda: NOW,
        **kw,
    )


def test_projector_question(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(_app(tmp_path, "run"), press=["1", "space"], terminal_size=(100, 30))


def test_projector_podium(snap_compare, tmp_path: Path) -> None:
    keys = ["1", "space", "space", "space", "2", "3"] + ["space", "space", "space", "3"] * 3 + ["space", "space"]
    assert snap_compare(_app(tmp_path, "run"), press=keys, terminal_size=(100, 30))


def test_take_question(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(_app(tmp_path, "take", student="amina"), terminal_size=(80, 24))


def test_report_students(snap_compare, tmp_path: Path) -> None:
    from quizapp.classroom.context import open_session
    from quizapp.classroom.results import open_attempt
    from quizapp.quiz.run import grade

    app = _app(tmp_path, "report")
    ctx = open_session(tmp_path / "class.toml", "week-1", [DECK])
    for student, right in (("amina", 4), ("bilal", 1)):
        with open_attempt(ctx.root, ctx.cf, ctx.session, student, quiz=ctx.quiz_id, total=4, now=NOW) as a:
            for i, q in enumerate(ctx.questions):
                choice = q.correct[0] if i < right else (q.correct[0] + 1) % 4
                a.save(grade(q, choice, 2.0 + i), ctx.tags_of(q), NOW)
    assert snap_compare(app, terminal_size=(100, 30))
