"""A question drawn as plain text (deck text is never markup): prompt, options, and the answer on reveal."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from quizapp.quiz.questions import Question
from quizapp.tui.text import plain

LETTERS = "ABCDEFGHIJ"


def question_text(q: Question, *, letters: bool = True, compact: bool = False) -> Text:
    """The prompt and whatever the learner chooses from; choice options are A-D (`letters`) or 1-4.

    Options are a blank line apart unless `compact`.
    """
    out = Text()
    if q.kind == "truefalse":
        out.append("True or false?\n\n", style="bold")
    out.append_text(plain(q.prompt, "bold"))
    if compact and q.kind == "choice":
        out.append("\n")
    if q.kind == "choice":
        for i, option in enumerate(q.options):
            mark = LETTERS[i] if letters else str(i + 1)
            out.append("\n" if compact else "\n\n")
            out.append(f" {mark} ", style="bold reverse")
            out.append("  ")
            out.append_text(plain(option))
    elif q.kind == "ordering":
        for i, option in enumerate(q.options):
            out.append(f"\n  {i + 1}. ", style="bold")
            out.append_text(plain(option))
    elif q.kind == "matching":
        for i, left in enumerate(q.lefts):
            out.append(f"\n  {LETTERS[i]}. ", style="bold")
            out.append_text(plain(left))
        out.append("\n")
        for i, right in enumerate(q.options):
            out.append(f"\n  {i + 1}. ", style="bold")
            out.append_text(plain(right))
    return out


def answer_text(q: Question, *, letters: bool = True) -> Text:
    """The right answer, with the explanation when there is one."""
    out = Text("Answer: ", style="bold")
    if q.kind == "choice" and q.correct:
        i = q.correct[0]
        out.append(f"{LETTERS[i] if letters else i + 1}  ", style="bold")
    out.append_text(plain(q.answer, "bold"))
    if q.kind == "ordering" and q.correct:
        out.append(f"\nIn numbers: {' '.join(str(i + 1) for i in q.correct)}", style="bold")
    elif q.kind == "matching" and q.correct:
        out.append(f"\nIn numbers: {' '.join(f'{LETTERS[n]}{i + 1}' for n, i in enumerate(q.correct))}", style="bold")
    if q.explanation and q.explanation != q.answer:
        out.append("\n")
        out.append_text(plain(q.explanation, "italic"))
    return out


class QuestionView(Static):
    """Shows one question; `show(q)` replaces it."""

    DEFAULT_CSS = """
    QuestionView {
        width: 100%;
        height: auto;
    }
    """

    def __init__(self, *, letters: bool = True, **kwargs: object):
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.letters = letters

    def show(self, q: Question) -> None:
        """Show `q`; on short screens (under 30 lines) the options sit closer together."""
        self.update(question_text(q, letters=self.letters, compact=self.app.size.height < 30))
