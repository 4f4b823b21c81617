"""Run a quiz without any UI: grade answers, allow overrules, keep results, save them."""

from __future__ import annotations

import time
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import tomli_w

from quizapp.errors import Problem, QuizappError
from quizapp.files.atomic import atomic_write
from quizapp.files.tomlcheck import at, syntax_problem
from quizapp.files.tomlpos import key_positions
from quizapp.quiz.questions import Question

Response = int | bool | str | tuple[int, ...]


@dataclass(frozen=True)
class Outcome:
    question: Question
    given: str  # the learner's answer, as text
    correct: bool
    verdict: str  # correct | typo | wrong
    message: str
    seconds: float
    overruled: bool = False


def describe(q: Question, response: Response) -> str:
    """The learner's response as readable text."""
    if q.kind == "choice" and isinstance(response, int) and 0 <= response < len(q.options):
        return q.options[response]
    if q.kind == "truefalse":
        return "True" if response else "False"
    if q.kind == "ordering" and isinstance(response, tuple):
        return " → ".join(q.options[i] for i in response if 0 <= i < len(q.options))
    if q.kind == "matching" and isinstance(response, tuple):
        pairs = zip(q.lefts, response, strict=False)
        return "; ".join(f"{left} — {q.options[i] if 0 <= i < len(q.options) else '?'}" for left, i in pairs)
    return str(response)


def grade(q: Question, response: Response, seconds: float = 0.0) -> Outcome:
    """Grade one response; typed and cloze answers are checked leniently."""
    given = describe(q, response)
    if q.kind in ("typed", "cloze", "basic"):
        from quizapp.quiz.answers import check_answer

        accepted = list(q.accept)
        if q.kind == "cloze" and " / " in q.answer:
            accepted.append(q.answer.replace(" / ", " "))
        check = check_answer(str(response), q.answer, accepted)
        return Outcome(q, given, check.verdict.is_right, check.verdict.name.lower(), check.message, seconds)
    if q.kind == "choice":
        ok = response == q.correct[0]
    elif q.kind == "truefalse":
        ok = bool(response) == q.truth
    elif q.kind in ("ordering", "matching"):
        ok = tuple(response) == q.correct  # type: ignore[arg-type]
    else:
        ok = False
    return Outcome(q, given, ok, "correct" if ok else "wrong", "Correct." if ok else f"The answer: {q.answer}", seconds)


@dataclass
class QuizRun:
    """A quiz in progress: one question at a time, outcomes kept in order."""

    questions: list[Question]
    title: str = "Quiz"
    seed: str | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    _asked_at: float = field(default_factory=time.monotonic)
    elapsed: float | None = None  # the quiz's own clock at its last answer, when the asker keeps one

    @property
    def index(self) -> int:
        return len(self.outcomes)

    @property
    def current(self) -> Question | None:
        return self.questions[self.index] if self.index < len(self.questions) else None

    @property
    def finished(self) -> bool:
        return self.current is None

    def asked(self) -> None:
        """Start timing the current question (call when it is shown)."""
        self._asked_at = time.monotonic()

    def answer(self, response: Response, seconds: float | None = None) -> Outcome:
        q = self.current
        if q is None:
            raise IndexError("the quiz is over")
        spent = seconds if seconds is not None else time.monotonic() - self._asked_at
        outcome = grade(q, response, round(spent, 2))
        self.outcomes.append(outcome)
        self._asked_at = time.monotonic()
        return outcome

    def overrule(self, i: int = -1) -> Outcome:
        """'I was right': count a typed answer as correct; the outcome records the overrule."""
        o = self.outcomes[i]
        if o.question.kind not in ("typed", "cloze") or o.correct:
            return o
        self.outcomes[i] = replace(o, correct=True, verdict="overruled", overruled=True, message="Counted as right.")
        return self.outcomes[i]

    @property
    def score(self) -> int:
        return sum(o.correct for o in self.outcomes)

    def missed(self) -> list[Question]:
        return [o.question for o in self.outcomes if not o.correct]

    def seconds(self) -> float:
        """The quiz's time: its clock at the last answer when kept (what the quiz screen showed), else the sum of
        the answers' times."""
        if self.elapsed is not None:
            return round(self.elapsed, 1)
        return round(sum(o.seconds for o in self.outcomes), 1)


def result_record(run: QuizRun, learner: str, finished: datetime | None = None) -> dict:
    """The TOML-ready record of a finished (or partial) quiz."""
    return {
        "quiz": {
            "learner": learner,
            "title": run.title,
            "seed": run.seed or "",
            "started": run.started,
            "finished": finished or datetime.now(timezone.utc),
            "score": run.score,
            "total": len(run.questions),
            "seconds": run.seconds(),
        },
        "answers": [
            {
                "notes": list(o.question.note_ids),
                "kind": o.question.kind,
                "prompt": o.question.prompt,
                "expected": o.question.answer,
                "given": o.given,
                "correct": o.correct,
                "verdict": o.verdict,
                "seconds": o.seconds,
                "overruled": o.overruled,
            }
            for o in run.outcomes
        ],
    }


def save_result(folder: Path, run: QuizRun, learner: str) -> Path:
    """Write the quiz result atomically to `folder`/quizzes/<time>.toml."""
    target = folder / "quizzes"
    target.mkdir(parents=True, exist_ok=True)
    stamp = run.started.strftime("%Y%m%dT%H%M%S%f")
    path = target / f"{stamp}.toml"
    atomic_write(path, tomli_w.dumps(result_record(run, learner)).encode("utf-8"))
    return path


def load_results(folder: Path, problems: list[Problem] | None = None) -> list[dict]:
    """Every saved quiz result that reads back in the shape result_record writes; a file that does not is
    skipped and left alone, and its problem (path, line where known, field) is added to `problems`."""
    out = []
    for p in sorted((folder / "quizzes").glob("*.toml")) if (folder / "quizzes").is_dir() else []:
        try:
            text = p.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            problem = Problem(str(p), 1, 1, "file", getattr(e, "strerror", None) or str(e))
        else:
            try:
                out.append(check_result(tomllib.loads(text)))
                continue
            except tomllib.TOMLDecodeError as e:
                problem = syntax_problem(str(p), e)
            except BadRecord as e:
                problem = at(str(p), key_positions(text), e.loc, e.message, "result")
            except RecursionError:
                problem = Problem(str(p), 1, 1, "file", "nested too deeply")
        if problems is not None:
            problems.append(problem)
    return out


class BadRecord(QuizappError):
    """A saved record whose field `loc` is not what the app writes there."""

    def __init__(self, loc: tuple[str | int, ...], message: str):
        self.loc, self.message = loc, message
        super().__init__(f"{'.'.join(map(str, loc))}: {message}")


_ANSWER_TEXT = ("kind", "prompt", "expected", "given", "verdict")


def check_result(data: dict) -> dict:
    """`data` if it has the shape of a quiz result (what stats read from it), else BadRecord naming the field."""
    quiz = data.get("quiz", {})
    if not isinstance(quiz, dict):
        raise BadRecord(("quiz",), "must be a table")
    answers = data.get("answers", [])
    if not isinstance(answers, list):
        raise BadRecord(("answers",), "must be a list of [[answers]] tables")
    for i, a in enumerate(answers):
        if not isinstance(a, dict):
            raise BadRecord(("answers", i), "must be a table")
        notes = a.get("notes", [])
        if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
            raise BadRecord(("answers", i, "notes"), "must be a list of note ids")
        if not isinstance(a.get("correct", False), bool):
            raise BadRecord(("answers", i, "correct"), "must be true or false")
        seconds = a.get("seconds", 0)
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 <= seconds < 10**7:
            raise BadRecord(("answers", i, "seconds"), "must be a number of seconds")
        for key in _ANSWER_TEXT:
            if not isinstance(a.get(key, ""), str):
                raise BadRecord(("answers", i, key), "must be text")
    return data


def topic_mastery(results: Sequence[dict], note_tags: Mapping[str, Sequence[str]]) -> dict[str, float]:
    """Share of quiz answers right per topic tag."""
    right: dict[str, int] = {}
    total: dict[str, int] = {}
    for r in results:
        for a in r.get("answers", []):
            for nid in a.get("notes", []):
                for tag in note_tags.get(nid, ()):
                    total[tag] = total.get(tag, 0) + 1
                    right[tag] = right.get(tag, 0) + bool(a.get("correct"))
    return {t: right.get(t, 0) / n for t, n in total.items() if n}
