"""Report figures checked against hand-made results files, partial results, and the CSV export."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from quizapp.classroom.loader import load_class
from quizapp.classroom.report import build_report, csv_text
from quizapp.classroom.results import session_attempts
from quizapp.cli.main import main

FIX = Path(__file__).parent / "fixtures" / "classroom"
DECK = FIX / "deck.toml"


def results_file(
    folder: Path,
    student: str,
    number: int,
    answers: list[tuple[str, bool, float, str]],
    total: int = 4,
    finished: bool = True,
) -> None:
    """answers: (tag, correct, seconds, given) for questions 0, 1, 2…"""
    lines = [
        "[attempt]",
        'class = "Test class"',
        'session = "week-1"',
        f'student = "{student}"',
        f"attempt = {number}",
        'quiz = "hand-made"',
        f"total = {total}",
        "started = 2026-03-02T10:00:00Z",
        "updated = 2026-03-02T10:05:00Z",
    ]
    if finished:
        lines.append("finished = 2026-03-02T10:05:00Z")
    for i, (tag, ok, secs, given) in enumerate(answers):
        lines += [
            "",
            "[[answers]]",
            f"index = {i}",
            f'notes = ["n{i}"]',
            f'tags = ["{tag}"]',
            'kind = "choice"',
            f'prompt = "Question {i}"',
            f'expected = "right {i}"',
            f'given = "{given}"',
            f"correct = {str(ok).lower()}",
            'verdict = "x"',
            f"seconds = {secs}",
        ]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{student}-{number}.toml").write_text("\n".join(lines) + "\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    out = tmp_path / "class-results" / "week-1"
    # amina: 3/4 done; her earlier attempt scored 1/4 (the best finished attempt counts)
    results_file(
        out,
        "amina",
        1,
        [
            ("rivers", False, 10, "Paris"),
            ("rivers", True, 4, "r"),
            ("capitals", False, 6, "Rome"),
            ("capitals", False, 2, "x"),
        ],
    )
    results_file(
        out,
        "amina",
        2,
        [
            ("rivers", True, 3, "r"),
            ("rivers", True, 5, "r"),
            ("capitals", False, 7, " paris "),
            ("capitals", True, 1, "r"),
        ],
    )
    # bilal: 1/4 done
    results_file(
        out,
        "bilal",
        1,
        [
            ("rivers", False, 8, "Paris"),
            ("rivers", True, 2, "r"),
            ("capitals", False, 3, "Lyon"),
            ("capitals", False, 4, ""),
        ],
    )
    # chen: in progress, 2 answered
    results_file(out, "chen", 1, [("rivers", True, 5, "r"), ("rivers", False, 9, "Nile")], finished=False)
    # dana: not started; zed: not on the roster
    results_file(out, "zed", 1, [("rivers", True, 1, "r")])
    return out


def test_figures_match_the_files(folder: Path) -> None:
    cf = load_class(folder.parent.parent / "class.toml")
    attempts, warnings = session_attempts(folder.parent, "week-1")
    r = build_report(cf, cf.session("week-1"), attempts, warnings=warnings)
    rows = {s.id: s for s in r.students}
    assert (rows["amina"].score, rows["amina"].attempts, rows["amina"].seconds, rows["amina"].status) == (
        3,
        2,
        16.0,
        "done",
    )
    assert (rows["bilal"].score, rows["bilal"].status, rows["bilal"].share) == (1, "done", 0.25)
    assert (rows["chen"].score, rows["chen"].answered, rows["chen"].status) == (1, 2, "in progress")
    assert (rows["dana"].attempts, rows["dana"].status, rows["dana"].share) == (0, "not started", None)
    assert (r.started, r.finished) == (3, 2)
    assert any("'zed'" in w for w in r.warnings)

    q = r.questions
    assert [x.answered for x in q] == [3, 3, 2, 2]
    assert [x.correct for x in q] == [2, 2, 0, 1]
    assert q[0].common_wrong == "Paris" and q[0].common_wrong_count == 1
    assert q[1].common_wrong == "Nile"
    assert q[2].common_wrong_count == 1 and q[2].common_wrong in (" paris ", "Lyon")
    assert q[3].common_wrong == "(no answer)"
    assert q[0].avg_seconds == round((3 + 8 + 5) / 3, 1)

    topics = {t.tag: (t.correct, t.answered) for t in r.topics}
    assert topics == {"rivers": (4, 6), "capitals": (1, 4)}
    assert r.topics[0].tag == "capitals"  # weakest first

    assert r.distribution == [("0", 0), ("1", 2), ("2", 0), ("3", 1), ("4", 0)]


def test_most_common_wrong_answer_ignores_case_and_spaces(folder: Path) -> None:
    results_file(
        folder,
        "dana",
        1,
        [
            ("rivers", True, 1, "r"),
            ("rivers", True, 1, "r"),
            ("capitals", False, 1, "LYON"),
            ("capitals", True, 1, "r"),
        ],
    )
    cf = load_class(folder.parent.parent / "class.toml")
    attempts, _ = session_attempts(folder.parent, "week-1")
    r = build_report(cf, cf.session("week-1"), attempts)
    assert r.questions[2].common_wrong.casefold() == "lyon" and r.questions[2].common_wrong_count == 2


def test_csv_one_row_per_student(folder: Path) -> None:
    cf = load_class(folder.parent.parent / "class.toml")
    attempts, _ = session_attempts(folder.parent, "week-1")
    rows = list(csv.DictReader(io.StringIO(csv_text(build_report(cf, cf.session("week-1"), attempts)))))
    assert [r["student"] for r in rows] == ["amina", "bilal", "chen", "dana"]
    assert rows[0]["score"] == "3" and rows[0]["percent"] == "75" and rows[0]["q3"] == "0" and rows[0]["q4"] == "1"
    assert rows[2]["q3"] == "" and rows[2]["status"] == "in progress"
    assert rows[3]["percent"] == "" and rows[3]["attempts"] == "0"


def test_report_cli_writes_csv(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = folder.parent.parent / "out.csv"
    class_file = folder.parent.parent / "class.toml"
    code = main(["--decks", str(DECK), "class", "report", str(class_file), "--session", "week-1", "--csv", str(target)])
    assert code == 0
    assert target.read_text().splitlines()[0].startswith("student,name,status")
    out = capsys.readouterr()
    assert "4 students, 3 started, 2 finished" in out.out and "zed" in out.err
    assert "the decks changed since amina, bilal, chen" in out.err  # hand-made files name no real quiz


def test_empty_session_reports_zeros(tmp_path: Path) -> None:
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    cf = load_class(tmp_path / "class.toml")
    r = build_report(cf, cf.session("week-1"), [])
    assert r.started == 0 and all(q.share is None for q in r.questions) and r.topics == []
    assert sum(n for _, n in r.distribution) == 0
