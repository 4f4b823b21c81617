"""Errors the domain raises for the CLI and the TUI to show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


class QuizappError(Exception):
    """An error with a message fit to show a user. Every error the app means to show is one of these; the CLI
    catches only this root, so anything else is a bug and shows its traceback."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, placed on its line: path:line:col: field: message."""

    path: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.field}: {self.message}"


class ProblemsError(QuizappError):
    """A file that does not load; carries every problem found (each shown as path:line:col: field: message)."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(map(str, self.problems)))


class BadName(QuizappError, ValueError):
    """A name that cannot safely become a file name. Also a ValueError, so a pydantic validator that checks a
    name (a class file's student ids) reports it as a problem of that field."""


class CorruptFile(QuizappError):
    """A data file that cannot be read; it is left untouched."""

    def __init__(self, path: Path, line: int | None, detail: str):
        self.path, self.line, self.detail = path, line, detail
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: cannot be read: {detail}. The file was left untouched.")


class LearnerBusy(QuizappError):
    """Another process has this learner's files open."""

    def __init__(self, learner: str, holder: str):
        self.learner, self.holder = learner, holder
        super().__init__(
            f"learner {learner!r} is open in another quizapp ({holder}). "
            "Close it there first; this window can only read."
        )


class SaveFailed(QuizappError):
    """A write failed (disk full, read-only folder); the data is kept in memory and retried."""
