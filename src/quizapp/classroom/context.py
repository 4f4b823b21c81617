"""Open one session of a class file with everything the screens need: plain values only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quizapp.classroom.content import fingerprint, note_tags, session_questions
from quizapp.classroom.errors import UnknownSession
from quizapp.classroom.loader import load_class
from quizapp.classroom.models import ClassFile, Session
from quizapp.classroom.results import results_root
from quizapp.decks.library import find_deck_files, load_library
from quizapp.quiz.questions import Question


@dataclass(frozen=True)
class SessionContext:
    class_path: Path
    cf: ClassFile
    session: Session
    questions: tuple[Question, ...]
    tags: dict[str, tuple[str, ...]]  # note id -> tags
    root: Path  # the class's results folder

    @property
    def quiz_id(self) -> str:
        return fingerprint(self.questions)

    def tags_of(self, q: Question) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for n in q.note_ids for t in self.tags.get(n, ())))


def find_session(cf: ClassFile, name: str) -> Session:
    s = cf.session(name)
    if s is None:
        known = ", ".join(x.name for x in cf.sessions) or "none"
        raise UnknownSession(f"class {cf.class_.name!r} has no session {name!r}; sessions: {known}")
    return s


def open_session(
    class_path: Path, session: str, deck_paths: Sequence[Path], results: Path | None = None
) -> SessionContext:
    """Load the class file and the decks, and build the session's quiz (raises QuizappError subclasses)."""
    cf = load_class(class_path)
    s = find_session(cf, session)
    library = load_library(find_deck_files(deck_paths))
    questions = tuple(session_questions(library, s))
    if not questions:
        raise UnknownSession(
            f"session {s.name!r} yields no questions from the decks found; "
            f"check it with: quizapp class validate {class_path}"
        )
    return SessionContext(class_path, cf, s, questions, note_tags(library), results_root(class_path, results))
