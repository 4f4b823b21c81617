"""Files the app reads back (a learner's quiz results, class results) are checked at load: a bad one is
reported with its path and line and skipped, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.errors import CorruptFile, Problem
from quizapp.quiz.run import load_results
from tui_helpers import notifications

GOOD = {"quiz": {"score": 1, "total": 1}, "answers": [{"notes": ["riv-nile"], "correct": True, "seconds": 2.5}]}


def _write(folder: Path, name: str, text: str) -> Path:
    (folder / "quizzes").mkdir(parents=True, exist_ok=True)
    path = folder / "quizzes" / name
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("answers = 1\n", 1, "answers"),
        ('[quiz]\nscore = 1\n\n[[answers]]\nnotes = "riv-nile"\ncorrect = true\n', 5, "answers[0].notes"),
        ("[[answers]]\nnotes = []\ncorrect = 1\n", 3, "answers[0].correct"),
        ('[[answers]]\nseconds = "slow"\n', 2, "answers[0].seconds"),
        ("quiz = 3\n", 1, "quiz"),
        ("answers = [1]\n", 1, "answers[0]"),
        ("[[answers]\n", 1, "toml"),
    ],
)
def test_a_bad_quiz_result_is_skipped_and_reported(tmp_path: Path, text: str, line: int, field: str) -> None:
    _write(tmp_path, "20260301T100000000000.toml", tomli_w.dumps(GOOD))
    bad = _write(tmp_path, "20260302T100000000000.toml", text)
    problems: list[Problem] = []
    results = load_results(tmp_path, problems)
    assert results == [GOOD]
    [problem] = problems
    assert (problem.path, problem.line, problem.field) == (str(bad), line, field)
    assert bad.read_text("utf-8") == text  # left alone


def test_a_result_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "x.toml").write_bytes(b"\xff\xfe")
    problems: list[Problem] = []
    assert load_results(tmp_path, problems) == []
    assert problems[0].field == "file"


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
        lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.sampled_from(["notes", "correct", "x"]), kids),
        max_leaves=8,
    )
)
def test_stats_survive_any_quiz_result_shape(tmp_path_factory: pytest.TempPathFactory, answers: object) -> None:
    """Whatever a result file holds, what load_results returns can be summed by the stats without an error."""
    from quizapp.quiz.run import topic_mastery

    folder = tmp_path_factory.mktemp("r")
    data = {"answers": [a for a in answers if a is not None]} if isinstance(answers, list) else {"answers": answers}
    try:
        text = tomli_w.dumps(data)
    except (TypeError, ValueError):
        return
    _write(folder, "a.toml", text)
    problems: list[Problem] = []
    results = load_results(folder, problems)
    assert len(results) + len(problems) == 1
    topic_mastery(results, {"x": ("t",)})


def test_a_class_result_with_bad_notes_is_a_corrupt_file(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from quizapp.classroom.results import Attempt

    t = datetime(2026, 3, 2, 9, tzinfo=UTC)
    head = {"class": "c", "session": "s", "student": "ann", "attempt": 1, "total": 1, "started": t, "updated": t}
    path = tmp_path / "ann-1.toml"
    path.write_text(tomli_w.dumps({"attempt": head, "answers": [{"correct": True, "tags": 1}]}))
    with pytest.raises(CorruptFile, match="tags"):
        Attempt.read(path)
    path.write_text(tomli_w.dumps({"attempt": head, "answers": [{"correct": True, "notes": "n1"}]}))
    with pytest.raises(CorruptFile, match="notes"):
        Attempt.read(path)


async def test_stats_screen_skips_a_bad_quiz_result_and_says_so(tmp_path: Path, monkeypatch) -> None:
    from datetime import UTC, datetime

    from quizapp.tui.app import make_app
    from quizapp.tui.screens.stats import StatsScreen

    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path))
    bad = _write(tmp_path / "learners" / "t", "20260302T100000000000.toml", "answers = 1\n")
    app = make_app(
        home=tmp_path, learner="t", deck_paths=[Path(__file__).parent / "fixtures" / "browse"], enable_fuzzing=False
    )
    shown = notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.workspace is not None
        screen = StatsScreen(app.workspace, clock=lambda: datetime(2026, 3, 2, 12, tzinfo=UTC), tz=UTC)
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.stats is not None  # the old code raised TypeError here: 'int' object is not iterable
        assert shown == [
            f"{bad}:1:1: answers: must be a list of [[answers]] tables\nThese files were left as they are."
        ]
