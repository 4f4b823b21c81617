"""Live game question: big text, countdown, "17/28 answered"; on reveal the answer, a bar chart per option and the
source (with the conflict note where sources disagree)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from quizapp.tui.narrow import NarrowFooter, quiet_twins
from quizapp.tui.text import plain
from quizapp.tui.widgets.barchart import BarChart
from quizapp.tui.widgets.classquestion import QuestionView, answer_text
from quizapp.tui.widgets.countdown import Countdown
from quizapp.tui.widgets.source_panel import citation, conflict_text
from quizapp.tui.widgets.status_line import StatusLine


class LiveQuestionScreen(NarrowFooter, Screen[None]):
    """The current question while it is open, then its reveal. `host` is a classroom.live.server.LiveHost."""

    DEFAULT_CSS = """
    LiveQuestionScreen { background: black; color: white; }
    LiveQuestionScreen #ask { padding: 0 4; }
    LiveQuestionScreen #ask-head { height: auto; }
    LiveQuestionScreen #ask-number { width: 1fr; color: #bcbcbc; }
    LiveQuestionScreen #ask-count { width: 24; text-align: right; text-style: bold; color: #ffd75f; }
    LiveQuestionScreen #ask-timer { margin-bottom: 1; }
    LiveQuestionScreen #ask-question { text-style: bold; padding: 0 2; }
    LiveQuestionScreen #ask-answer { color: #5fff87; margin-top: 1; padding: 0 2; height: auto; }
    LiveQuestionScreen #ask-chart { margin-top: 1; }
    LiveQuestionScreen #ask-source { color: #bcbcbc; margin-top: 1; padding: 0 2; height: auto; }
    LiveQuestionScreen #ask-conflict { color: #ffd75f; margin-top: 1; padding: 0 2; height: auto; }
    """

    BINDINGS = [
        Binding("space", "advance", "Close / next", id="live.next"),
        Binding("p", "pause", "Pause", id="live.pause"),
        Binding("s", "skip", "Skip", id="live.skip"),
        Binding("r", "release", "Release a seat", id="live.release"),
        Binding("e", "end", "End game", id="live.end"),
    ]
    # The footer's minor keys leave it on a narrow terminal (they still work), so that no key is cut.
    NARROW = ((89, ("release",)), (71, ("release", "pause", "skip")))
    BINDINGS += quiet_twins(BINDINGS, NARROW[-1][1])

    def __init__(self, host: object):
        super().__init__()
        self.host = host
        self._shown: tuple[int | None, str] | None = None
        self._texts: dict[str, str] = {}
        self._tally: list[tuple[str, int]] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="ask"):
            with Horizontal(id="ask-head"):
                yield StatusLine(id="ask-number")
                yield StatusLine(id="ask-count")
            yield Countdown(id="ask-timer")
            yield QuestionView(id="ask-question")
            yield Static("", id="ask-answer")
            yield BarChart(id="ask-chart")
            yield Static("", id="ask-source")
            yield Static("", id="ask-conflict")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        g = self.host.game  # type: ignore[attr-defined]
        q = g.question
        if q is None:
            return
        key = (g.index, g.phase)
        if key != self._shown:
            self._shown, self._tally = key, None
            self._draw_question(q, g.phase == "reveal")
        self._update("#ask-number", f"Question {g.number} of {g.total}")
        self._update("#ask-count", f"{g.answered()}/{len(g.eligible())} answered")
        countdown = self.query_one(Countdown)
        if g.phase == "question":
            countdown.show(g.remaining(), paused=g.paused)
        else:
            countdown.display = False  # the reveal shows the answer, not the frozen clock
        if g.phase == "reveal":
            tally = g.tally()
            if tally != self._tally:
                self._tally = tally
                self.query_one(BarChart).show(tally, colour="green")

    def _update(self, selector: str, text: str) -> None:
        """Change a head line only when its text changed."""
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            self.query_one(selector, StatusLine).text = text

    def _draw_question(self, q: object, revealed: bool) -> None:
        self.query_one(QuestionView).show(q)  # type: ignore[arg-type]
        chart = self.query_one(BarChart)
        chart.display = revealed
        self.query_one("#ask-answer", Static).update(answer_text(q) if revealed else "")  # type: ignore[arg-type]
        cite = self.host.citations.get(q.note_ids[0]) if revealed else None  # type: ignore[attr-defined]
        source = self.query_one("#ask-source", Static)
        conflict = self.query_one("#ask-conflict", Static)
        source.update(citation(cite.title, cite.locator, cite.quote) if cite else Text(""))
        has_conflict = bool(cite and cite.conflict_says)
        conflict.display = has_conflict
        if cite and has_conflict:
            conflict.update(conflict_text(cite.conflict_title, cite.conflict_says, cite.conflict_quote or None))
        self.query_one("#ask", VerticalScroll).scroll_home(animate=False)
        self.sub_title = plain(q.prompt).plain[:60]  # type: ignore[attr-defined]

    def action_advance(self) -> None:
        self.host.advance()  # type: ignore[attr-defined]
        self.app.sync()  # type: ignore[attr-defined]

    def action_pause(self) -> None:
        self.host.pause()  # type: ignore[attr-defined]
        self.refresh_view()

    def action_skip(self) -> None:
        self.host.skip()  # type: ignore[attr-defined]
        self.app.sync()  # type: ignore[attr-defined]

    def action_release(self) -> None:
        self.app.action_release()  # type: ignore[attr-defined]

    def action_end(self) -> None:
        self.app.action_end()  # type: ignore[attr-defined]
