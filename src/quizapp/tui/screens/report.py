"""The teacher's report: students, questions, weakest topics and the score distribution of one session."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from quizapp.classroom.context import SessionContext
from quizapp.classroom.report import Report
from quizapp.tui.text import plain
from quizapp.tui.widgets.barchart import BarChart


def _share(value: float | None) -> Text:
    if value is None:
        return Text("–", style="dim")
    colour = "green" if value >= 0.8 else "yellow" if value >= 0.5 else "red"
    return Text(f"{value:.0%}", style=colour)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:g} s"


class ReportScreen(Screen[None]):
    """Reads the session's results files; `r` reads them again, `e` writes a CSV beside them."""

    DEFAULT_CSS = """
    ReportScreen #report-summary {
        padding: 0 1;
        height: auto;
    }
    ReportScreen #report-tabs, ReportScreen ContentSwitcher, ReportScreen TabPane {
        height: 1fr;
    }
    ReportScreen DataTable {
        height: 1fr;
    }
    ReportScreen .chart-title {
        text-style: bold;
        padding: 1 1 0 1;
    }
    """

    BINDINGS = [
        Binding("r", "reload", "Reload", id="report.reload"),
        Binding("e", "export", "Export CSV", id="report.export"),
        Binding("escape,q", "close", "Close", id="report.close"),
    ]

    def __init__(self, ctx: SessionContext):
        super().__init__()
        self.ctx = ctx
        self.report: Report | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="report-summary")
        with TabbedContent(id="report-tabs"):
            with TabPane("Students", id="tab-students"):
                yield DataTable(id="students", zebra_stripes=True, cursor_type="row")
            with TabPane("Questions", id="tab-questions"):
                yield DataTable(id="questions", zebra_stripes=True, cursor_type="row")
            with TabPane("Topics", id="tab-topics"), VerticalScroll():
                yield Static("Weakest topics first: share of answers right", classes="chart-title")
                yield BarChart(id="topics")
            with TabPane("Scores", id="tab-scores"), VerticalScroll():
                yield Static("How many students got each score", classes="chart-title")
                yield BarChart(id="distribution")
        yield Footer()

    def on_mount(self) -> None:
        self.action_reload()

    def build(self) -> Report:
        from quizapp.classroom.report import build_report
        from quizapp.classroom.results import session_attempts

        attempts, warnings = session_attempts(self.ctx.root, self.ctx.session.name)
        return build_report(
            self.ctx.cf,
            self.ctx.session,
            attempts,
            self.ctx.questions,
            self.ctx.tags,
            warnings,
            quiz_id=self.ctx.quiz_id,
        )

    def action_reload(self) -> None:
        self.report = r = self.build()
        for w in r.warnings[:5]:
            self.notify(w, title="Results", severity="warning", timeout=10, markup=False)
        shares = [s.share for s in r.students if s.share is not None]
        average = f"{sum(shares) / len(shares):.0%}" if shares else "–"
        self.query_one("#report-summary", Static).update(
            Text.assemble(
                plain(r.class_name, "bold"),
                " · ",
                plain(self.ctx.session.label, "bold"),
                f" · {r.total} questions · {r.started} of {len(r.students)} started · {r.finished} finished"
                f" · average {average}",
            )
        )
        self._students(r)
        self._questions(r)
        self.query_one("#topics", BarChart).show([(t.tag, t.share) for t in r.topics], percent=True, colour="magenta")
        self.query_one("#distribution", BarChart).show(r.distribution)

    def _students(self, r: Report) -> None:
        table = self.query_one("#students", DataTable)
        table.clear(columns=True)
        table.add_columns("Student", "Name", "Status", "Score", "%", "Answered", "Time", "Attempts")
        for s in r.students:
            status = Text(s.status, style={"done": "green", "in progress": "yellow"}.get(s.status, "dim"))
            table.add_row(
                plain(s.id),
                plain(s.name),
                status,
                f"{s.score}/{s.total}" if s.attempts else "–",
                _share(s.share),
                f"{s.answered}/{s.total}",
                _seconds(s.seconds if s.attempts else None),
                str(s.attempts),
                key=s.id,
            )

    def _questions(self, r: Report) -> None:
        table = self.query_one("#questions", DataTable)
        table.clear(columns=True)
        table.add_columns("#", "Question", "Right", "N", "Avg time", "Most common wrong", "Kind")
        for q in r.questions:
            wrong = (
                Text("–", style="dim")
                if q.common_wrong is None
                else plain(f"{_short(q.common_wrong, 22)} ({q.common_wrong_count})")
            )
            table.add_row(
                str(q.index + 1),
                plain(_short(q.prompt, 36)),
                _share(q.share),
                str(q.answered),
                _seconds(q.avg_seconds),
                wrong,
                q.kind,
                key=str(q.index),
            )

    def action_export(self) -> None:
        from quizapp.classroom.report import write_csv

        if self.report is None:
            return
        path = self.ctx.root / f"{self.ctx.session.name}-report.csv"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_csv(self.report, path)
        except OSError as e:
            self.notify(f"Could not write {path}: {e.strerror or e}", severity="error", markup=False)
            return
        self.notify(str(path), title="CSV written", markup=False)

    def action_close(self) -> None:
        self.app.exit(0)
