"""Errors the domain raises for the CLI and the TUI to show."""

from __future__ import annotations

from pathlib import Path


class QuizappError(Exception):
    """An error with a message fit to show a user."""


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
