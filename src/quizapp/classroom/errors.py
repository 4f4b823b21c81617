"""Errors of classroom sessions, each with a message fit to show a teacher or a student."""

from __future__ import annotations

from collections.abc import Sequence

from quizapp.errors import QuizappError


class ClassFileError(QuizappError):
    """A class file that cannot be used; carries every problem (path:line:col: field: message, or a sentence)."""

    def __init__(self, problems: Sequence[object]):
        self.problems = list(problems)
        super().__init__("\n".join(map(str, self.problems)))


class UnknownSession(QuizappError):
    """The class file has no session of that name."""


class UnknownStudent(QuizappError):
    """The student id is not on the roster (or is not a safe file name)."""


class SessionClosed(QuizappError):
    """The session is not open now."""


class NoAttemptsLeft(QuizappError):
    """The student has used every attempt the session allows."""


class AttemptBusy(QuizappError):
    """The same student has this session open in another window."""


class QuizChanged(QuizappError):
    """The decks changed since an attempt started, so it cannot be resumed."""
