"""Hostile class files and results files: a clear problem naming the file, never a traceback, never a rewrite."""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.classroom.context import open_session
from quizapp.classroom.errors import ClassFileError
from quizapp.classroom.loader import parse_class
from quizapp.classroom.report import build_report
from quizapp.classroom.results import Attempt, open_attempt, session_attempts
from quizapp.errors import CorruptFile
from quizapp.quiz.run import grade

FIX = Path(__file__).parent / "fixtures" / "classroom"
CLASS = (FIX / "class.toml").read_bytes()
EXAMPLES = int(os.environ.get("QUIZAPP_FUZZ_EXAMPLES", "200"))
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 5))):
        i = draw(st.integers(0, max(0, len(data) - 1)))
        j = min(len(data), i + draw(st.integers(1, 60)))
        op = draw(st.sampled_from(["delete", "insert", "flip", "dup"]))
        if op == "delete":
            del data[i:j]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=16))
        elif op == "flip" and data:
            data[i] = draw(st.integers(0, 255))
        else:
            data[i:i] = data[i:j]
    return bytes(data)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.one_of(st.binary(max_size=800), mutated(CLASS)))
def test_class_files_load_or_name_their_problems(raw: bytes) -> None:
    try:
        parse_class(raw, "class.toml")
    except ClassFileError as e:
        assert e.problems and all(str(p).startswith("class.toml:") for p in e.problems)


@pytest.fixture(scope="module")
def finished_attempt(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    tmp = tmp_path_factory.mktemp("cls")
    shutil.copy(FIX / "class.toml", tmp / "class.toml")
    ctx = open_session(tmp / "class.toml", "week-1", [FIX / "deck.toml"])
    a = open_attempt(
        ctx.root, ctx.cf, ctx.session, ctx.cf.students[0].id, quiz=ctx.quiz_id, total=len(ctx.questions), now=NOW
    )
    for q in ctx.questions[:3]:
        response = q.truth if q.kind == "truefalse" else (q.correct[0] if q.correct else q.answer)
        a.save(grade(q, response, 2.0), ctx.tags_of(q), NOW)
    return a.attempt.path.read_bytes()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_results_files_read_or_are_reported_and_left_alone(
    tmp_path: Path, finished_attempt: bytes, data: st.DataObject
) -> None:
    raw = data.draw(st.one_of(mutated(finished_attempt), st.binary(max_size=400)))
    folder = tmp_path / f"r{abs(hash(raw))}" / "week-1"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "s01-1.toml"
    path.write_bytes(raw)
    try:
        attempt = Attempt.read(path)
        assert attempt.score <= attempt.answered and attempt.seconds >= 0
    except CorruptFile as e:
        assert str(path) in str(e)
    attempts, warnings = session_attempts(folder.parent, "week-1")
    assert len(attempts) + len(warnings) == 1
    cf = parse_class(CLASS, "class.toml")
    build_report(cf, cf.sessions[0], attempts, warnings=warnings)  # whatever could be read, it never crashes
    assert path.read_bytes() == raw


@pytest.mark.parametrize(
    "old, new",
    [
        (b"started = ", b"started = 'yesterday' # "),
        (b"total = ", b"total = 'many' # "),
        (b"seconds = ", b"seconds = 'slow' # "),
        (b"[[answers]]", b"answers = 3\n[[x]]"),
        (b"correct = ", b"correct = [1, 2] # "),
        (b"index = 1", b'index = "choice"'),  # found by the fuzz test above: the report crashed on it
        (b"index = 1", b"index = -1"),
    ],
)
def test_hand_mangled_values_are_reported(tmp_path: Path, finished_attempt: bytes, old: bytes, new: bytes) -> None:
    assert old in finished_attempt
    raw = finished_attempt.replace(old, new, 1)
    path = tmp_path / "week-1" / "s01-1.toml"
    path.parent.mkdir()
    path.write_bytes(raw)
    attempts, warnings = session_attempts(tmp_path, "week-1")
    if attempts:  # readable after all: the figures must still compute
        cf = parse_class(CLASS, "class.toml")
        build_report(cf, cf.sessions[0], attempts)
        assert attempts[0].seconds >= 0
    else:
        assert warnings and str(path) in warnings[0]
    assert path.read_bytes() == raw
