"""Which notes and questions a session uses: the same seed gives every student the same quiz."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from quizapp.classroom.models import ClassFile, Session
from quizapp.decks.library import Library
from quizapp.decks.models import Note
from quizapp.files.tomlcheck import Problem, at
from quizapp.files.tomlpos import key_positions
from quizapp.quiz.questions import Question, build_quiz
from quizapp.words import counted


def session_notes(library: Library, session: Session) -> list[Note]:
    """Notes of the session's decks (all decks when none are named) with any of its tags; no drafts."""
    decks = [d for d in library.decks if not session.decks or d.id in session.decks]
    notes = [n for d in decks for n in d.deck.notes if not n.draft]
    if session.tags:
        wanted = set(session.tags)
        notes = [n for n in notes if wanted & set(n.tags)]
    return notes


def session_questions(library: Library, session: Session) -> list[Question]:
    return build_quiz(
        session_notes(library, session), count=session.questions, kinds=session.kinds, seed=session.quiz_seed
    )


def fingerprint(questions: Sequence[Question]) -> str:
    """A short digest of a quiz, to tell whether a saved attempt still matches the decks."""
    h = hashlib.sha256()
    for q in questions:
        h.update("\x1f".join((q.kind, ",".join(q.note_ids), q.prompt, q.answer, *q.options)).encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()[:16]


def note_tags(library: Library) -> dict[str, tuple[str, ...]]:
    return {nid: tuple(n.tags) for nid, n in library.notes.items()}


def content_problems(cf: ClassFile, library: Library, path: Path) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) about the sessions' decks, tags and question counts."""
    positions = key_positions(path.read_text("utf-8"))
    shown = str(path)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    deck_ids = {d.id for d in library.decks}
    all_tags = {t for n in library.notes.values() for t in n.tags}
    for i, s in enumerate(cf.sessions):
        for j, d in enumerate(s.decks):
            if d not in deck_ids:
                known = ", ".join(sorted(deck_ids)) or "none found"
                errors.append(at(shown, positions, ("sessions", i, "decks", j), f"unknown deck {d!r}; known: {known}"))
        for j, t in enumerate(s.tags):
            if t not in all_tags:
                errors.append(at(shown, positions, ("sessions", i, "tags", j), f"no note has the tag {t!r}"))
        if any(p.field.startswith(f"sessions[{i}]") for p in errors):
            continue
        asked = session_questions(library, s)
        got = len(asked)
        untimed = sum(1 for q in asked if q.kind in ("ordering", "matching"))
        if untimed:
            warnings.append(
                at(
                    shown,
                    positions,
                    ("sessions", i, "kinds"),
                    f"session {s.name!r}: live games (class live) leave out its "
                    f"{counted(untimed, 'ordering and matching question')}; they are asked in class run and class take",
                )
            )
        if got == 0:
            errors.append(
                at(
                    shown,
                    positions,
                    ("sessions", i, "name"),
                    f"session {s.name!r} yields no questions of kinds {', '.join(s.kinds)}",
                )
            )
        elif got < s.questions:
            warnings.append(
                at(
                    shown,
                    positions,
                    ("sessions", i, "questions"),
                    f"session {s.name!r} asks for {s.questions} questions but the notes give {got}",
                )
            )
    return errors, warnings
