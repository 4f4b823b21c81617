"""Open one session of a class file with everything the screens need: plain values only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.classroom.content import fingerprint, note_tags, session_questions
from quizapp.classroom.errors import UnknownSession
from quizapp.classroom.loader import load_class
from quizapp.classroom.models import ClassFile, Session
from quizapp.classroom.results import results_root
from quizapp.decks.library import Library, find_deck_files, load_library
from quizapp.quiz.questions import Question


@dataclass(frozen=True)
class Citation:
    """Where a note comes from, and what another source says when they disagree (plain text)."""

    title: str
    locator: str
    quote: str
    conflict_title: str = ""
    conflict_says: str = ""
    conflict_quote: str = ""


@dataclass(frozen=True)
class SessionContext:
    class_path: Path
    cf: ClassFile
    session: Session
    questions: tuple[Question, ...]
    tags: dict[str, tuple[str, ...]]  # note id -> tags
    root: Path  # the class's results folder
    citations: dict[str, Citation] = field(default_factory=dict)  # note id -> its source, for the reveal

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
    cites = _citations(library, {n for q in questions for n in q.note_ids})
    return SessionContext(class_path, cf, s, questions, note_tags(library), results_root(class_path, results), cites)


def _citations(library: Library, note_ids: set[str]) -> dict[str, Citation]:
    out = {}
    for nid in note_ids:
        n = library.notes.get(nid)
        if n is None:
            continue
        source = library.source_of(n)
        c = n.conflict
        out[nid] = Citation(
            source.title if source else n.source,
            n.locator,
            n.quote,
            library.source_title(c.source) if c else "",
            c.says if c else "",
            (c.quote or "") if c else "",
        )
    return out
