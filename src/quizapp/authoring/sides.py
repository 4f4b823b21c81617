"""The front and back a note shows as a plain flashcard, for exporters."""

from __future__ import annotations

from quizapp.decks.models import CLOZE_RE, Note, cloze_deletions


def note_sides(note: Note) -> tuple[str, str]:
    """The flashcard a note shows, as (front, back): its study kind first, then choice or true/false."""
    kind = note.study_kind()
    if kind == "basic" and note.basic:
        return note.basic.front, note.basic.back
    if kind == "typed" and note.typed:
        return note.typed.prompt, note.typed.answer
    if kind == "cloze" and note.cloze:
        answers = list(dict.fromkeys(answer for _, answer, _ in cloze_deletions(note.cloze.text)))
        return CLOZE_RE.sub("_____", note.cloze.text), ", ".join(answers)
    if note.choice:
        return note.choice.prompt, note.choice.answer
    if note.truefalse:
        return f"True or false? {note.truefalse.false}", f"False. {note.truefalse.correction}"
    return note.statement, note.quote
