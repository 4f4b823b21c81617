"""Quiz results: the score, every answer next to the right one, and a retry of the missed questions."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from quizapp.quiz.questions import reshuffled
from quizapp.tui.screens.quiz import clock_text
from quizapp.tui.text import fit_words, header_sub, plain
from quizapp.tui.widgets.questions import KIND_LABELS
from quizapp.tui.widgets.questions.feedback import VERDICTS, citation

if TYPE_CHECKING:
    from quizapp.quiz.run import Outcome, QuizRun
    from quizapp.workspace import Workspace

KIND_SHORT = {
    "choice": "choice",
    "truefalse": "true/false",
    "typed": "typed",
    "basic": "typed",
    "cloze": "cloze",
    "ordering": "ordering",
    "matching": "matching",
}


def short(text: str, width: int) -> Text:
    """Deck text in `width` cells on one line, cut between words with an ellipsis."""
    return fit_words(text, width)


class ResultsScreen(Screen[None]):
    """Shown when a quiz ends; the result has already been saved (or the reason it was not is shown)."""

    DEFAULT_CSS = """
    ResultsScreen #results-body { padding: 1 2; }
    ResultsScreen #results-score { text-style: bold; }
    ResultsScreen #results-saved { color: $text-muted; margin-bottom: 1; }
    ResultsScreen #results-table { height: 1fr; min-height: 5; }
    ResultsScreen #results-detail {
        height: auto; max-height: 45%; margin-top: 1; padding: 0 1; border: round $primary;
    }
    """
    BINDINGS = [
        Binding("r", "retry", "Retry missed", id="results.retry"),
        Binding("escape", "home", "Home", id="results.home"),
    ]

    def __init__(
        self,
        workspace: Workspace,
        run: QuizRun,
        deck_id: str | None = None,
        *,
        saved: bool = False,
        problem: str | None = None,
        again: str = "",
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__()
        self.workspace, self.run, self.deck_id = workspace, run, deck_id
        self.saved, self.problem, self.again, self.clock = saved, problem, again, clock

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="results-body"):
            yield Static(self._score_line(), id="results-score")
            yield Static(self._saved_line(), id="results-saved")
            yield DataTable(id="results-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="results-detail")
        yield Footer()

    def on_resize(self) -> None:
        self.sub_title = header_sub("Quiz results", self.run.title, self.app.size.width)

    def on_mount(self) -> None:
        self.title = "Quiz results"
        self.on_resize()
        table = self.query_one(DataTable)
        width = max(50, self.app.size.width - 6)
        with_kind = width >= 70  # narrower, the kind (also in the detail below) gives way: no header is cut
        room = width - (3 + 2) - 2 * 5 - (12 if with_kind else 0)  # number, mark (, kind) columns; cell padding
        q_width, a_width = room * 2 // 5, max(len("Your answer"), room * 3 // 10)
        table.add_column("#", width=3, key="n")
        if with_kind:
            table.add_column("Kind", width=10, key="kind")
        table.add_column("Question", width=q_width, key="question")
        table.add_column("Your answer", width=a_width, key="given")
        table.add_column("Right answer", width=room - q_width - a_width, key="right")
        table.add_column("", width=2, key="mark")
        for i, o in enumerate(self.run.outcomes):
            mark = Text("✓", style="bold green") if o.correct else Text("✗", style="bold red")
            if o.verdict in ("typo", "overruled"):
                mark = Text("≈" if o.verdict == "typo" else "✓*", style="bold yellow")
            kind = KIND_SHORT.get(o.question.kind, o.question.kind)
            cells: list[str | Text] = [str(i + 1), kind] if with_kind else [str(i + 1)]
            cells += [short(o.question.prompt, q_width), short(o.given, a_width)]
            table.add_row(*cells, short(o.question.answer, room - q_width - a_width), mark, key=str(i))
        table.focus()
        if self.run.outcomes:
            self._show_detail(0)

    def _score_line(self) -> Text:
        run = self.run
        total = len(run.questions)
        share = run.score / total if total else 0.0
        missed = len(run.missed())
        line = Text.assemble(("Score ", "bold"), (f"{run.score}/{total}", "bold"), f"  ({share:.0%})")
        line.append(f"   ·   time {clock_text(run.seconds() if run.elapsed is None else run.elapsed)}   ·   ")
        line.append(f"{missed} missed" if missed else "nothing missed!", style="" if missed else "bold green")
        if run.seed:
            line.append("   ·   seed ").append(run.seed, style="bold")
        return line

    def _saved_line(self) -> Text:
        if self.problem:
            return plain(self.problem, style="yellow")
        text = Text("Saved to your quiz history." if self.saved else "Not saved.")
        if self.again:
            text.append(" Same quiz again: ").append_text(plain(self.again, style="bold"))
        return text

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._show_detail(int(event.row_key.value))

    def _show_detail(self, i: int) -> None:
        o: Outcome = self.run.outcomes[i]
        q = o.question
        label, style = VERDICTS.get(o.verdict, VERDICTS["wrong"])
        text = Text.assemble((f"{i + 1}. {KIND_LABELS.get(q.kind, q.kind)}  ", "bold"), (label, style), "\n")
        text.append_text(plain(q.prompt)).append("\n")
        text.append("You: ", style="dim").append_text(plain(o.given)).append("\n")
        text.append("Answer: ", style="dim").append_text(plain(q.answer)).append("\n")
        lib = self.workspace.library
        text.append_text(citation([lib.notes[n] for n in q.note_ids if n in lib.notes], lib))
        self.query_one("#results-detail", Static).update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return bool(self.run.missed())
        return True

    def action_retry(self) -> None:
        missed = self.run.missed()
        if not missed:
            return
        from quizapp.tui.screens.quiz import QuizScreen

        rng = random.Random(f"{self.run.seed or ''}:retry:{self.run.title}:{len(missed)}")
        missed = [reshuffled(q, rng) for q in missed]
        rng.shuffle(missed)
        title = self.run.title if self.run.title.startswith("Retry: ") else f"Retry: {self.run.title}"
        self.app.switch_screen(
            QuizScreen(
                self.workspace, self.deck_id, questions=missed, seed=self.run.seed, title=title, clock=self.clock
            )
        )

    def action_home(self) -> None:
        self.dismiss()
