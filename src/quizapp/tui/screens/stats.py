"""Statistics: reviews per day, the due forecast, true retention, cards by state, streak, mastery per topic."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Select, Static

from quizapp.tui.flags import flag_mark
from quizapp.tui.text import plain
from quizapp.tui.widgets.column_chart import ColumnChart
from quizapp.words import counted

if TYPE_CHECKING:
    from quizapp.decks.models import Note
    from quizapp.study.stats import Stats
    from quizapp.workspace import Workspace

Clock = Callable[[], datetime]
BAR = 10
BIG = 5000  # from this many notes on, the figures are computed in a thread


def utcnow() -> datetime:
    return datetime.now(UTC)


def share_bar(share: float | None) -> Text:
    if share is None:
        return Text("—", style="dim")
    filled = round(share * BAR)
    return Text.assemble(("█" * filled, "green"), ("░" * (BAR - filled), "dim"), f" {share:4.0%}")


def summary_text(st: Stats) -> Text:
    """The figures above the charts, in lines that fit 80 columns."""
    c, r = st.counts, st.retention
    out = Text.assemble(
        ("Today ", "bold"),
        f"{counted(st.today, 'review')}   ",
        ("Last 30 days ", "bold"),
        f"{counted(st.reviews_30d, 'review')}   ",
        ("Streak ", "bold"),
        f"{counted(st.streak, 'day')}\n",
        ("True retention ", "bold"),
    )
    if r.share is None:
        out.append("—  (no reviews of mature cards in the last 30 days)", style="dim")
    else:
        out.append(f"{r.share:.0%}", style="bold green" if r.share >= 0.8 else "bold yellow")
        out.append(f"  ({r.passed} of {r.total} reviews of cards in review not rated Again)", "dim")
    out.append("\n")
    out.append("Cards ", style="bold")
    for n, name, style in (
        (c.new, "new", "blue"),
        (c.learning, "learning", "red"),
        (c.review, "review", "green"),
        (c.relearning, "relearning", "red"),
        (c.suspended, "suspended", "dim"),
        (c.flagged, "flagged", "yellow"),
    ):
        out.append(str(n), style=style if n else "dim")
        out.append(f" {name}  ")
    colours = [(n, flag) for flag, n in enumerate(c.by_flag) if n]
    if colours:  # "(1 ⚑ red, 2 ⚑ blue)", each in its colour
        out.append("(")
        for i, (n, flag) in enumerate(colours):
            out.append(", " if i else "").append(f"{n} ").append_text(flag_mark(flag))
        out.append(")")
    return out


class StatsScreen(Screen[None]):
    """Figures and charts for all decks or one."""

    DEFAULT_CSS = """
    StatsScreen #stats-deck { width: 40; margin: 0 1; }
    StatsScreen #stats-body { padding: 0 1; }
    StatsScreen #stats-summary { margin-bottom: 1; }
    StatsScreen ColumnChart { margin-bottom: 1; }
    StatsScreen #stats-topics { height: auto; }
    StatsScreen .stats-heading { text-style: bold; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="stats.back"),
        Binding("d", "deck", "Deck", id="stats.deck"),
        Binding("r", "refresh", "Refresh", id="stats.refresh"),
    ]

    def __init__(self, workspace: Workspace, *, clock: Clock = utcnow, tz: tzinfo | None = None):
        super().__init__()
        self.workspace = workspace
        self.clock = clock
        self.tz = tz
        self._skipped: list[str] = []  # quiz result files that did not read back, as path:line:col: field: why
        self._skipped_shown: list[str] = []

    def compose(self) -> ComposeResult:
        decks = [(plain(d.title), d.id) for d in self.workspace.library.decks]
        yield Header()
        yield Select(decks, prompt="All decks", id="stats-deck", compact=True)
        with VerticalScroll(id="stats-body"):
            yield Static("", id="stats-summary")
            yield ColumnChart("Reviews per day, last 30 days", id="stats-reviews")
            yield ColumnChart("Due forecast, next 30 days", id="stats-forecast")
            yield Static("Mastery by topic", classes="stats-heading")
            yield DataTable(id="stats-topics", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#stats-topics", DataTable)
        for label, key in (
            ("Topic", "tag"),
            ("Cards", "cards"),
            ("Mastered", "memory"),
            ("Quiz right", "quiz"),
            ("Quiz answers", "answers"),
        ):
            table.add_column(label, key=key)
        self.query_one("#stats-body").focus()

    def on_screen_resume(self) -> None:
        self.refresh_stats()  # also runs when the screen is first shown

    def refresh_stats(self) -> None:
        """Recompute for the chosen deck: here for small libraries, in a thread for big ones."""
        deck = self.query_one("#stats-deck", Select).value
        notes = self.workspace.notes(None if deck == Select.NULL else str(deck))
        if len(notes) >= BIG:
            self.query_one("#stats-summary", Static).update(Text("Counting…", style="dim"))
            self._compute_in_thread(notes)
        else:
            self.show_stats(self._compute(notes))

    @work(thread=True, exclusive=True, group="stats")
    def _compute_in_thread(self, notes: list[Note]) -> None:
        st = self._compute(notes)
        self.app.call_from_thread(self.show_stats, st)

    def _compute(self, notes: list[Note]) -> Stats:
        from quizapp.errors import Problem
        from quizapp.quiz.run import load_results
        from quizapp.study.stats import collect

        ws = self.workspace
        skipped: list[Problem] = []
        results = load_results(ws.store.folder, skipped)
        self._skipped = [str(p) for p in skipped]
        return collect(
            ws.store.history(),
            ws.store.states,
            notes,
            self.clock(),
            day_start_hour=ws.scheduler.day_start_hour,
            tz=self.tz,
            results=results,
            links=ws.links(),
        )

    def show_stats(self, st: Stats) -> None:
        self.stats = st
        skipped = self._skipped
        if skipped and skipped != self._skipped_shown:
            self._skipped_shown = skipped
            more = f"\n… and {len(skipped) - 3} more" if len(skipped) > 3 else ""
            self.notify(
                "\n".join(skipped[:3]) + more + "\nThese files were left as they are.",
                title=f"{counted(len(skipped), 'quiz result')} skipped",
                severity="warning",
                markup=False,
                timeout=10,
            )
        self.query_one("#stats-summary", Static).update(summary_text(st))
        reviews = self.query_one("#stats-reviews", ColumnChart)
        forecast = self.query_one("#stats-forecast", ColumnChart)
        days = len(st.per_day) or 1
        reviews.title = f"Reviews per day, last {days} days: {st.reviews_30d} in all, {st.reviews_30d / days:.1f} a day"
        due = sum(n for _, n in st.forecast)
        forecast.title = (
            f"Due forecast, next {len(st.forecast)} days: {counted(due, 'review')}, {st.forecast[0][1]} today"
        )
        reviews.data = tuple(
            ("today" if i == len(st.per_day) - 1 else d.strftime("%b %d"), n) for i, (d, n) in enumerate(st.per_day)
        )
        forecast.data = tuple(("today" if i == 0 else d.strftime("%b %d"), n) for i, (d, n) in enumerate(st.forecast))
        table = self.query_one("#stats-topics", DataTable)
        table.clear()
        for t in st.topics:
            table.add_row(
                plain(t.tag),
                str(t.cards),
                share_bar(t.memory),
                share_bar(t.quiz),
                str(t.quiz_answers) if t.quiz_answers else Text("—", style="dim"),
                key=t.tag,
            )
        if not st.topics:
            table.add_row(Text("No tagged notes.", style="dim"), "", "", "", "")

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refresh_stats()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_deck(self) -> None:
        self.query_one("#stats-deck", Select).focus()

    def action_refresh(self) -> None:
        self.refresh_stats()
