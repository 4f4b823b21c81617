"""A teacher's report on one session: per student, per question, weakest topics, score distribution, CSV.

Each student counts with their best finished attempt, else their latest one in progress; partial results are fine.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.classroom.live.game import LIVE_KINDS
from quizapp.classroom.models import ClassFile, Session
from quizapp.classroom.results import Attempt
from quizapp.files.atomic import atomic_write
from quizapp.quiz.questions import Question

NOT_ASKED = "not in live game"  # a CSV cell: the question was left out of the live game the student played


@dataclass(frozen=True)
class StudentRow:
    id: str
    name: str
    attempts: int
    score: int
    answered: int
    total: int
    seconds: float
    finished: bool
    answers: Mapping[int, bool] = field(default_factory=dict)  # question index -> correct
    guest: bool = False  # a live game's guest, not on the roster
    not_asked: frozenset[int] = frozenset()  # questions a live game left out (ordering, matching): not in `total`

    @property
    def status(self) -> str:
        if not self.attempts:
            return "not started"
        return "done" if self.finished else "in progress"

    @property
    def share(self) -> float | None:
        """Score as a share of the whole quiz; None before the first answer."""
        return self.score / self.total if self.attempts and self.total else None


@dataclass(frozen=True)
class QuestionRow:
    index: int
    kind: str
    prompt: str
    expected: str
    answered: int
    correct: int
    common_wrong: str | None
    common_wrong_count: int
    avg_seconds: float | None

    @property
    def share(self) -> float | None:
        return self.correct / self.answered if self.answered else None


@dataclass(frozen=True)
class TopicRow:
    tag: str
    answered: int
    correct: int

    @property
    def share(self) -> float:
        return self.correct / self.answered


@dataclass(frozen=True)
class Report:
    class_name: str
    session: str
    total: int
    students: list[StudentRow]
    questions: list[QuestionRow]
    topics: list[TopicRow]  # weakest first
    distribution: list[tuple[str, int]]  # score label -> students
    warnings: list[str] = field(default_factory=list)

    @property
    def started(self) -> int:
        return sum(1 for s in self.students if s.attempts)

    @property
    def finished(self) -> int:
        return sum(1 for s in self.students if s.finished)


def counted_attempt(attempts: Sequence[Attempt]) -> Attempt | None:
    """The best finished attempt (highest score, then fastest), else the latest one in progress."""
    done = [a for a in attempts if a.done]
    if done:
        return max(done, key=lambda a: (a.score, -a.seconds, -a.number))
    return max(attempts, key=lambda a: a.number, default=None)


def build_report(
    cf: ClassFile,
    session: Session,
    attempts: Sequence[Attempt],
    questions: Sequence[Question] | None = None,
    note_tags: Mapping[str, Sequence[str]] | None = None,
    warnings: Sequence[str] = (),
    quiz_id: str | None = None,
) -> Report:
    """Figures for `session` from its attempts; `questions` (the quiz) names questions nobody answered yet.

    With `quiz_id`, attempts taken on another version of the quiz (the decks changed) are pointed out.
    """
    mine = [a for a in attempts if a.session == session.name]
    stale = sorted({a.student for a in mine if quiz_id is not None and a.quiz != quiz_id and cf.student(a.student)})
    if stale:
        warnings = [
            *warnings,
            f"the decks changed since {', '.join(stale)} took the session; "
            "their questions may differ from the ones shown",
        ]
    total = len(questions) if questions is not None else max((a.total for a in mine), default=session.questions)
    left_out = frozenset(i for i, q in enumerate(questions or ()) if q.kind not in LIVE_KINDS)

    def out_of(a: Attempt) -> tuple[int, frozenset[int]]:
        """What the attempt is scored out of, and the questions it was never asked (a live game's left-out ones)."""
        if not a.live or not left_out or a.total != total:
            return a.total, frozenset()
        return a.total - len(left_out), left_out

    by_student: dict[str, list[Attempt]] = {}
    guests: list[Attempt] = []
    for a in mine:
        if a.guest:
            guests.append(a)
        else:
            by_student.setdefault(a.student, []).append(a)
    notes = [
        f"results for {sid!r}, who is not on the roster, are left out"
        for sid in sorted(by_student)
        if cf.student(sid) is None
    ]
    rows: list[StudentRow] = []
    counted: list[Attempt] = []
    for s in cf.students:
        tries = by_student.get(s.id, [])
        best = counted_attempt(tries)
        if best is None:
            rows.append(StudentRow(s.id, s.name, 0, 0, 0, total, 0.0, False))
            continue
        counted.append(best)
        marks = {int(a.get("index", i)): bool(a.get("correct")) for i, a in enumerate(best.answers)}
        of, skipped = out_of(best)
        rows.append(
            StudentRow(
                s.id, s.name, len(tries), best.score, best.answered, of, best.seconds, best.done, marks, False, skipped
            )
        )
    for g in sorted(guests, key=lambda a: (a.live, a.student)):  # each guest played once, in one live game
        counted.append(g)
        marks = {int(a.get("index", i)): bool(a.get("correct")) for i, a in enumerate(g.answers)}
        name = f"{g.name or g.student} (guest)"
        of, skipped = out_of(g)
        rows.append(StudentRow(g.student, name, 1, g.score, g.answered, of, g.seconds, g.done, marks, True, skipped))
    return Report(
        cf.class_.name,
        session.name,
        total,
        rows,
        _question_rows(counted, questions, total),
        _topics(counted, note_tags or {}),
        _distribution(rows, total),
        [*warnings, *notes],
    )


def _question_rows(counted: Sequence[Attempt], questions: Sequence[Question] | None, total: int) -> list[QuestionRow]:
    answers: dict[int, list[dict]] = {}
    for a in counted:
        for i, ans in enumerate(a.answers):
            answers.setdefault(int(ans.get("index", i)), []).append(ans)
    rows = []
    for index in range(total):
        given = answers.get(index, [])
        q = questions[index] if questions is not None and index < len(questions) else None
        first = given[0] if given else {}
        wrong = Counter(_norm(str(a.get("given", ""))) for a in given if not a.get("correct"))
        shown = {_norm(str(a.get("given", ""))): str(a.get("given", "")) for a in given}
        common, count = wrong.most_common(1)[0] if wrong else (None, 0)
        times = [float(a.get("seconds", 0)) for a in given]
        rows.append(
            QuestionRow(
                index,
                q.kind if q else str(first.get("kind", "")),
                q.prompt if q else str(first.get("prompt", "")),
                q.answer if q else str(first.get("expected", "")),
                len(given),
                sum(bool(a.get("correct")) for a in given),
                (shown[common] or "(no answer)") if common is not None else None,
                count,
                round(sum(times) / len(times), 1) if times else None,
            )
        )
    return rows


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _topics(counted: Sequence[Attempt], note_tags: Mapping[str, Sequence[str]]) -> list[TopicRow]:
    seen: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for a in counted:
        for ans in a.answers:
            tags = set(ans.get("tags") or [t for n in ans.get("notes", []) for t in note_tags.get(n, ())])
            for t in tags:
                seen[t] += 1
                right[t] += bool(ans.get("correct"))
    rows = [TopicRow(t, n, right[t]) for t, n in seen.items()]
    return sorted(rows, key=lambda r: (r.share, -r.answered, r.tag))


def _distribution(rows: Sequence[StudentRow], total: int) -> list[tuple[str, int]]:
    """Students per score (0..total) for short quizzes, per tenth of the score for long ones."""
    scores = [r.score for r in rows if r.attempts]
    if total <= 20:
        counts = Counter(scores)
        return [(str(n), counts.get(n, 0)) for n in range(total + 1)]
    buckets = [0] * 10
    for s in scores:
        buckets[min(9, s * 10 // max(total, 1))] += 1
    return [(f"{i * 10}-{i * 10 + 9}%" if i < 9 else "90-100%", n) for i, n in enumerate(buckets)]


def csv_text(report: Report) -> str:
    """One row per student: totals, then 1/0 per question (blank when not answered, "not in live game" for a question
    the student's live game left out)."""
    import io

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(
        [
            "student",
            "name",
            "status",
            "attempts",
            "score",
            "answered",
            "total",
            "percent",
            "seconds",
            *(f"q{i + 1}" for i in range(report.total)),
        ]
    )
    for r in report.students:
        percent = "" if r.share is None else f"{r.share * 100:.0f}"
        marks = [_mark(r, i) for i in range(report.total)]
        w.writerow(
            [_cell(r.id), _cell(r.name), r.status, r.attempts, r.score, r.answered, r.total, percent, r.seconds, *marks]
        )
    return out.getvalue()


def _mark(row: StudentRow, index: int) -> str | int:
    if index in row.answers:
        return int(row.answers[index])
    return NOT_ASKED if index in row.not_asked else ""


def _cell(value: str) -> str:
    """Keep spreadsheets from running a name as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_csv(report: Report, path: Path) -> None:
    atomic_write(path, csv_text(report).encode("utf-8"))
