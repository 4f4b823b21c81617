"""How a note's questions will look: one of each kind it can make, drawn with a fixed seed."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from quizapp.tui.text import plain

if TYPE_CHECKING:
    from quizapp.decks.models import Note
    from quizapp.quiz.questions import Pools, Question

SEED = 7
TITLES = {
    "basic": "Flashcard",
    "typed": "Typed answer",
    "cloze": "Cloze",
    "choice": "Multiple choice",
    "truefalse": "True or false",
}


def question_text(q: Question) -> Text:
    """A question with its answer marked, as plain Text."""
    out = Text()
    out.append_text(plain(q.prompt))
    if q.kind == "choice":
        for i, option in enumerate(q.options):
            right = i in q.correct
            out.append(f"\n  {'ABCD'[i] if i < 4 else '-'}. ", style="bold")
            out.append_text(plain(option, "green" if right else ""))
            if right:
                out.append(" ✓", style="green")
        return out
    out.append("\n  → ", style="dim")
    out.append_text(plain(q.answer, "green"))
    if q.kind == "truefalse" and q.truth is False:
        out.append_text(plain(f"  {q.explanation}", "dim"))
    if q.accept:
        out.append("  also: ", style="dim")
        out.append_text(plain(", ".join(q.accept), "dim"))
    return out


def preview_text(note: Note, pools: Pools | None = None, seed: int = SEED) -> Text:
    """Every single-note question `note` yields (the same ones each time for the same note), or a hint."""
    from quizapp.quiz.questions import kinds_of, make_question

    parts: list[Text] = []
    flashcard = note.study_kind()
    for kind in kinds_of(note):
        q = make_question(note, kind, random.Random(seed), pools)
        title = Text(TITLES.get(kind, kind), style="bold underline")
        if kind == flashcard:
            title.append("  (the flashcard)", style="dim")
        if q is None:
            body = Text("needs distractors, or a pool with other answers in this deck", style="yellow")
        else:
            body = question_text(q)
            if q.kind == "truefalse" and q.truth and note.truefalse:  # show the false variant too
                body.append("\n\n")
                body.append_text(
                    question_text(
                        replace(
                            q,
                            prompt=note.truefalse.false,
                            answer="False",
                            truth=False,
                            explanation=note.truefalse.correction,
                        )
                    )
                )
        parts.append(Text("\n").join([title, body]))
    if note.match:
        parts.append(
            Text.assemble(
                ("Matching", "bold underline"),
                "\n",
                plain(note.match.left),
                " ↔ ",
                plain(note.match.right),
                (f"  (group {note.match.group})", "dim"),
            )
        )
    if note.date and note.event:
        parts.append(Text.assemble(("Timeline", "bold underline"), "\n", plain(f"{note.date}  {note.event}")))
    return Text("\n\n").join(parts) if parts else Text("No questions yet.", style="dim")


class NotePreview(Static):
    """A live preview of a note's questions."""

    DEFAULT_CSS = """
    NotePreview { height: auto; padding: 0 1; }
    """

    def show(self, note: Note | None, pools: Pools | None = None, why: str = "") -> None:
        """Preview `note`, or say `why` there is nothing to preview."""
        self.update(preview_text(note, pools) if note else Text(why or "Nothing to preview.", style="dim"))
