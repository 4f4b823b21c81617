"""A typed answer compared with the expected one, character by character."""

from __future__ import annotations

from rich.text import Text

from quizapp.tui.text import clean

GOOD, WRONG, MISSING = "bold green", "bold red strike", "bold black on yellow"


def diff_text(given: str, expected: str) -> Text:
    """Two lines: what was typed (wrong letters struck out) and the answer (missed letters highlighted).

    The differing letters are also put in brackets, so the lines read without colour: "Gag[a]rin"."""
    from quizapp.quiz.answers import diff_chars

    given, expected = clean(given), clean(expected)
    typed = Text().append("You typed: ", style="dim")
    answer = Text().append("Answer:    ", style="dim")
    if not given.strip():
        typed.append("(nothing)", style="dim italic")
        answer.append(expected, style=MISSING)
        return Text("\n").join([typed, answer])
    j = 0  # position in `expected`
    for op, part in diff_chars(given, expected):
        if op == "equal":
            typed.append(part, style=GOOD)
            answer.append(expected[j : j + len(part)], style=GOOD)
            j += len(part)
        elif op in ("replace", "delete"):
            typed.append("[", style="dim").append(part, style=WRONG).append("]", style="dim")
        elif op == "insert":
            answer.append("[", style="dim").append(part, style=MISSING).append("]", style="dim")
            j += len(part)
    return Text("\n").join([typed, answer])
