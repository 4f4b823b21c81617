"""Per-student results files: each answer saved at once, resume, refusals, attempts, concurrent writers."""

from __future__ import annotations

import multiprocessing
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from quizapp.classroom.context import SessionContext, open_session
from quizapp.classroom.errors import AttemptBusy, NoAttemptsLeft, QuizChanged, SessionClosed, UnknownStudent
from quizapp.classroom.results import Attempt, attempt_path, open_attempt, session_attempts
from quizapp.quiz.run import grade

FIX = Path(__file__).parent / "fixtures" / "classroom"
DECK = FIX / "deck.toml"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def context(tmp_path: Path, session: str = "week-1") -> SessionContext:
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    return open_session(tmp_path / "class.toml", session, [DECK])


def start(ctx: SessionContext, student: str, now: datetime = NOW):
    return open_attempt(ctx.root, ctx.cf, ctx.session, student, quiz=ctx.quiz_id, total=len(ctx.questions), now=now)


def answer(ctx: SessionContext, attempt, right: bool = True) -> None:
    q = ctx.questions[attempt.next_index]
    if q.kind == "truefalse":
        response: int | bool = q.truth if right else not q.truth
    else:
        response = q.correct[0] if right else (q.correct[0] + 1) % len(q.options)
    attempt.save(grade(q, response, 3.0), ctx.tags_of(q), NOW)


def test_results_folder_is_beside_the_class_file(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    with start(ctx, "amina") as a:
        answer(ctx, a)
    assert a.attempt.path == tmp_path / "class-results" / "week-1" / "amina-1.toml"
    other = open_session(tmp_path / "class.toml", "week-1", [DECK], tmp_path / "elsewhere")
    assert other.root == tmp_path / "elsewhere"


def test_each_answer_is_on_disk_at_once_and_resume_goes_on(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    a = start(ctx, "amina")
    assert not a.resumed and Attempt.read(a.attempt.path).answered == 0
    answer(ctx, a, right=True)
    saved = Attempt.read(a.attempt.path)
    assert saved.answered == 1 and saved.score == 1 and saved.answers[0]["tags"] == list(ctx.tags_of(ctx.questions[0]))
    answer(ctx, a, right=False)
    a.close()  # interrupted here

    b = start(ctx, "amina")
    assert b.resumed and b.next_index == 2 and b.attempt.number == 1
    answer(ctx, b)
    answer(ctx, b)
    b.close()
    done = Attempt.read(b.attempt.path)
    assert done.done and done.answered == 4 and done.score == 3
    assert [x["index"] for x in done.answers] == [0, 1, 2, 3]


def test_attempts_limit(tmp_path: Path) -> None:
    ctx = context(tmp_path)  # week-1 allows 2 attempts
    for number in (1, 2):
        with start(ctx, "bilal") as a:
            assert a.attempt.number == number
            for _ in ctx.questions:
                answer(ctx, a)
    with pytest.raises(NoAttemptsLeft, match="used all 2 attempt"):
        start(ctx, "bilal")


def test_closed_session_is_refused(tmp_path: Path) -> None:
    ctx = context(tmp_path, "closed")
    with pytest.raises(SessionClosed, match="closed at 2026-01-08"):
        start(ctx, "amina")
    with pytest.raises(SessionClosed, match="opens at"):
        start(ctx, "amina", now=datetime(2025, 12, 1, tzinfo=timezone.utc))
    a = start(ctx, "amina", now=datetime(2026, 1, 2, tzinfo=timezone.utc))  # open then
    with a, pytest.raises(SessionClosed, match="answers so far are saved"):
        answer(ctx, a)  # answered after the close time
    assert Attempt.read(a.attempt.path).answered == 0


@pytest.mark.parametrize("student", ["zed", "../x", "..", "a/b", "", "../../etc/passwd"])
def test_unknown_or_escaping_student_is_refused(tmp_path: Path, student: str) -> None:
    ctx = context(tmp_path)
    with pytest.raises(UnknownStudent):
        start(ctx, student)
    assert not any(p.suffix == ".toml" for p in tmp_path.rglob("*") if p.parent != tmp_path)


def test_paths_cannot_escape_the_results_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        attempt_path(tmp_path, "week-1", "../x", 1)
    with pytest.raises(ValueError):
        attempt_path(tmp_path, "..", "amina", 1)


def test_one_student_one_window(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    with start(ctx, "chen"):
        with pytest.raises(AttemptBusy):
            start(ctx, "chen")
        with start(ctx, "dana"):  # other students are not held up
            pass


def test_changed_decks_do_not_resume_silently(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    with start(ctx, "amina") as a:
        answer(ctx, a)
    with pytest.raises(QuizChanged):
        open_attempt(ctx.root, ctx.cf, ctx.session, "amina", quiz="other", total=4, now=NOW)


def test_unreadable_files_are_reported_not_fatal(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    with start(ctx, "amina") as a:
        answer(ctx, a)
    (ctx.root / "week-1" / "bilal-1.toml").write_text("[attempt\n")
    attempts, warnings = session_attempts(ctx.root, "week-1")
    assert [x.student for x in attempts] == ["amina"]
    assert len(warnings) == 1 and "bilal-1.toml" in warnings[0]


def _take_all(class_path: str, deck: str, students: list[str]) -> None:
    """Run in a child process: answer every question for each student, one save at a time."""
    ctx = open_session(Path(class_path), "week-1", [Path(deck)])
    opened = [start(ctx, s) for s in students]
    for _ in ctx.questions:
        for a in opened:  # interleave the students so the writes overlap with other processes
            answer(ctx, a)
    for a in opened:
        a.close()


def test_concurrent_processes_lose_nothing(tmp_path: Path) -> None:
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    text = (tmp_path / "class.toml").read_text()
    roster = "".join(f'\n[[students]]\nid = "s{i:02d}"\nname = "S {i}"\n' for i in range(12))
    (tmp_path / "class.toml").write_text(text.replace("[[teams]]", roster + "\n[[teams]]", 1))
    groups = [[f"s{i:02d}" for i in range(k, 12, 4)] for k in range(4)]
    mp = multiprocessing.get_context("spawn")
    procs = [mp.Process(target=_take_all, args=(str(tmp_path / "class.toml"), str(DECK), g)) for g in groups]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    ctx = open_session(tmp_path / "class.toml", "week-1", [DECK])
    attempts, warnings = session_attempts(ctx.root, "week-1")
    assert not warnings
    assert sorted(a.student for a in attempts) == [f"s{i:02d}" for i in range(12)]
    assert all(a.done and a.answered == 4 and a.score == 4 and a.number == 1 for a in attempts)


def dead_pid() -> int:
    """The pid of a process that has ended."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temp_files_of_interrupted_writes_are_swept(tmp_path: Path) -> None:
    """A write killed between creating its temp file and renaming it leaves `.amina-1.toml.*.tmp` behind, as big
    as the file: taking the session again sweeps the student's own; the report sweeps a dead live game's."""
    import os
    import time

    ctx = context(tmp_path)
    folder = ctx.root / "week-1"
    game = folder / "_live" / "20260302T120000"
    game.mkdir(parents=True)
    pid = dead_pid()
    mine = [folder / f".amina-1.toml.{pid}.abcdef12.tmp", folder / ".amina-2.toml.k3j4h5g6.tmp"]
    others = [folder / f".bilal-1.toml.{pid}.abcdef12.tmp", folder / f".amina-extra-1.toml.{pid}.abcdef12.tmp"]
    old_live, young_live = game / f".dana-1.toml.{pid}.abcdef12.tmp", game / f".chen-1.toml.{pid}.abcdef12.tmp"
    for p in [*mine, *others, old_live, young_live]:
        p.write_bytes(b"x" * 1000)
    os.utime(old_live, (time.time() - 120, time.time() - 120))

    with start(ctx, "amina") as a:
        answer(ctx, a)
    assert [p.exists() for p in mine] == [False, False]
    assert [p.exists() for p in others] == [True, True]  # bilal's and another name's are not amina's to judge

    attempts, warnings = session_attempts(ctx.root, "week-1")
    assert [x.student for x in attempts] == ["amina"] and warnings == []
    assert not old_live.exists()
    assert young_live.exists()  # under a minute old: its writer may run on another machine
    assert all(p.exists() for p in others)
