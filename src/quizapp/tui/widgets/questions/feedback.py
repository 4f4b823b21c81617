"""What the learner sees after answering: verdict, the right answer, why, and where the fact comes from."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from quizapp.quiz.questions import adds_to
from quizapp.tui.text import plain

if TYPE_CHECKING:
    from quizapp.decks.library import Library
    from quizapp.decks.models import Note
    from quizapp.quiz.run import Outcome

VERDICTS = {
    "correct": ("✓ Right.", "bold green"),
    "typo": ("≈ Accepted: check the spelling.", "bold yellow"),
    "wrong": ("✗ Not quite.", "bold red"),
    "overruled": ("✓ Counted as right: you said you were right.", "bold green"),
}
_DIFF_STYLES = {"equal": "", "delete": "red strike", "replace": "red strike", "insert": "green underline"}


def feedback_text(
    outcome: Outcome, notes: Sequence[Note], library: Library, *, response: object = None, last: bool = False
) -> Text:
    """The verdict, answer, explanation and citation of one answered question (`response` as given to QuizRun)."""
    q = outcome.question
    label, style = VERDICTS.get(outcome.verdict, VERDICTS["wrong"])
    out = Text.assemble((label, style))
    if q.kind == "truefalse" and not outcome.correct:
        out.append(f" The statement is {'true' if q.truth else 'false'}.", style=style)
    elif q.kind in ("ordering", "matching"):
        out.append_text(_count_right(outcome, response))
    elif outcome.verdict != "correct" or outcome.given.casefold() != q.answer.casefold():
        out.append("\nThe answer: ", style="bold").append_text(plain(q.answer, style="bold"))
        if q.accept and q.kind in ("typed", "cloze", "basic"):
            out.append("  (also accepted: ", style="dim").append_text(plain(", ".join(q.accept), style="dim"))
            out.append(")", style="dim")
    if outcome.verdict == "typo":
        out.append("\nYour spelling: ").append_text(spelling_diff(outcome.given, [q.answer, *q.accept]))
    why = q.explanation.strip()
    if adds_to(why, q.prompt, q.answer):  # the one rule, as in study's "Why:"
        out.append("\n\n").append_text(plain(why))
    out.append("\n\n").append_text(citation(notes, library))
    for n in notes:
        if n.conflict:
            who = library.source_title(n.conflict.source)
            out.append("\n⚠ Sources differ", style="bold yellow")
            if len(notes) > 1:
                out.append(" on ").append_text(plain(n.event or n.id, style="italic"))
            out.append(": ").append_text(plain(who, style="italic")).append(" says: ")
            out.append_text(plain(n.conflict.says))
    out.append("\n\n")
    out.append("enter", style="bold").append(" or ").append("space", style="bold")
    out.append(" for your results" if last else " for the next question")
    if q.kind in ("typed", "cloze") and outcome.verdict == "wrong":
        out.append("  ·  ").append("o", style="bold").append(" if you were right after all")
    return out


def citation(notes: Sequence[Note], library: Library) -> Text:
    """'Source: title, locator' and the quote for one note; titles and locators for several."""
    out = Text()
    if not notes:
        return out
    if len(notes) == 1:
        n = notes[0]
        src = library.source_of(n)
        out.append("Source: ", style="dim").append_text(plain(src.title if src else n.source, style="italic"))
        out.append(", ", style="dim").append_text(plain(n.locator, style="dim"))
        out.append("\n“", style="dim").append_text(plain(n.quote, style="dim")).append("”", style="dim")
        return out
    places: dict[str, list[str]] = {}
    for n in notes:
        src = library.source_of(n)
        places.setdefault(src.title if src else n.source, []).append(n.locator)
    out.append("Sources:", style="dim")
    for title, locators in places.items():
        out.append("\n  ").append_text(plain(title, style="italic")).append(": ", style="dim")
        out.append_text(plain(" · ".join(dict.fromkeys(locators)), style="dim"))
    return out


def _count_right(outcome: Outcome, given: object) -> Text:
    """' 3 of 5 in the right place.' for an ordering, ' 3 of 5 pairs right.' for a matching."""
    q = outcome.question
    if outcome.correct or not isinstance(given, tuple):
        return Text()
    hits = sum(1 for a, b in zip(given, q.correct, strict=False) if a == b)
    what = "in the right place" if q.kind == "ordering" else "pairs right"
    return Text(f" {hits} of {len(q.correct)} {what}.", style="bold red")


def spelling_diff(given: str, forms: Sequence[str]) -> Text:
    """The learner's answer against the closest accepted form: wrong letters struck out and marked [-x], missing
    ones underlined and marked [+x]."""
    from quizapp.quiz.answers import diff_chars

    target = max(forms, key=lambda f: difflib.SequenceMatcher(None, given.casefold(), f.casefold()).ratio())
    out = Text()
    for op, chunk in diff_chars(given, target):  # the marks read without colour: [-x] typed too, [+x] missing
        mark = "" if op == "equal" else "+" if op == "insert" else "-"
        if mark:
            out.append(f"[{mark}", style="dim")
        out.append_text(plain(chunk, style=_DIFF_STYLES.get(op, "")))
        if mark:
            out.append("]", style="dim")
    return out
