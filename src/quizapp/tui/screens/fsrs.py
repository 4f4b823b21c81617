"""FSRS for this learner (from settings): fit the parameters to their reviews with a progress bar, reschedule, and
the retention workload chart (minutes a day over the next year for 0.70-0.97, the most knowledge per minute marked)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, ProgressBar, Static

if TYPE_CHECKING:
    from quizapp.scheduling.optimizer import Fit, Workload
    from quizapp.workspace import Workspace

CHART_RETENTIONS = (0.70, 0.73, 0.76, 0.79, 0.82, 0.85, 0.88, 0.91, 0.94, 0.97)
STEPS = 4  # reading the reviews, fitting, evaluating, saving


def chart_text(rows: list[Workload], best: float, height: int = 6) -> Text:
    """Minutes per day as columns, one per retention, with the optimal one marked below."""
    top = max((r.minutes_per_day for r in rows), default=0.0) or 1.0
    out = Text()
    for level in range(height, 0, -1):
        label = f"{top:5.1f} " if level == height else "      "
        out.append(label + "│", style="dim")
        for r in rows:
            filled = r.minutes_per_day / top * height >= level - 0.5
            out.append(" ██ " if filled else "    ", style="bold green" if r.retention == best else "blue")
        out.append("\n")
    out.append("  min └" + "────" * len(rows) + "\n", style="dim")
    out.append("       " + "".join(f"{r.retention:.2f}"[1:].center(4) for r in rows) + "  retention\n")
    out.append("       " + "".join(" ▲  " if r.retention == best else "    " for r in rows), style="bold green")
    rate = next(r for r in rows if r.retention == best)
    out.append(f"\nMost knowledge per minute at {best:.2f}: about {rate.reviews_per_day:.0f} reviews and ")
    out.append(f"{rate.minutes_per_day:.1f} minutes a day.")
    return out


class FsrsScreen(ModalScreen[bool]):
    """Dismisses with True when new parameters were kept."""

    DEFAULT_CSS = """
    FsrsScreen { align: center middle; background: $background; }  /* opaque: no cut words beside it */
    FsrsScreen #fsrs-box {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; overflow-y: auto;
    }
    FsrsScreen #fsrs-progress { margin-top: 1; }
    FsrsScreen #fsrs-status, FsrsScreen #fsrs-chart { height: auto; margin-top: 1; }
    FsrsScreen #fsrs-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    FsrsScreen #fsrs-buttons Button { margin-left: 1; }
    """

    BINDINGS = [
        Binding("o", "optimize", "Optimize", id="fsrs.optimize"),
        Binding("escape", "close", "Close", id="fsrs.close"),
    ]

    def __init__(self, workspace: Workspace):
        super().__init__()
        self.workspace = workspace
        self.fit: Fit | None = None
        self.kept = False

    def compose(self) -> ComposeResult:
        with Vertical(id="fsrs-box") as box:
            box.border_title = "FSRS parameters and retention"
            yield ProgressBar(total=STEPS, show_eta=False, id="fsrs-progress")
            yield Static(self._parameters_line(), id="fsrs-status")
            yield Static("Simulating a year of study…", id="fsrs-chart")
            with Horizontal(id="fsrs-buttons"):
                yield Button("Optimize (o)", variant="primary", id="fsrs-optimize", compact=True)
                yield Button("Reschedule cards", id="fsrs-reschedule", compact=True, disabled=True)
                yield Button("Close (esc)", id="fsrs-close", compact=True)
        yield Footer()  # this screen's keys, not those of the screen beneath

    def _parameters_line(self) -> Text:
        own = bool(self.workspace.store.profile.settings.fsrs_parameters)
        return Text(
            "Using parameters fitted to your reviews."
            if own
            else "Using FSRS's default parameters. Optimize fits them to your own reviews."
        )

    def on_mount(self) -> None:
        self.simulate()

    @work(thread=True, exclusive=True, group="simulate")
    def simulate(self) -> None:
        from quizapp.scheduling.optimizer import default_parameters, optimal_retention, workload

        ws = self.workspace
        s = ws.store.profile.settings
        cards = max(1, sum(1 for _ in ws.deck_of()))
        rows = workload(
            s.fsrs_parameters or default_parameters(), cards, new_per_day=s.new_per_day, retentions=CHART_RETENTIONS
        )
        self.app.call_from_thread(
            self.query_one("#fsrs-chart", Static).update, chart_text(rows, optimal_retention(rows))
        )

    @on(Button.Pressed, "#fsrs-optimize")
    def action_optimize(self) -> None:
        self.query_one("#fsrs-optimize", Button).disabled = True
        self.query_one("#fsrs-progress", ProgressBar).update(progress=0)
        self.optimize()

    @work(thread=True, exclusive=True, group="optimize")
    def optimize(self) -> None:
        from quizapp.scheduling.optimizer import NotEnoughReviews
        from quizapp.study.optimize import fit_learner

        bar = self.query_one("#fsrs-progress", ProgressBar)
        status = self.query_one("#fsrs-status", Static)

        def step(message: str) -> None:
            self.app.call_from_thread(bar.advance, 1)
            self.app.call_from_thread(status.update, Text(message + "…"))

        store = self.workspace.store
        try:
            fit = fit_learner(store, progress=step)
        except NotEnoughReviews as e:
            self.app.call_from_thread(self._done, Text(str(e), style="bold yellow"), False)
            return
        self.app.call_from_thread(self._fitted, fit)

    def _fitted(self, fit: Fit) -> None:
        """On the app's thread: keep the fit (profile and log) and say what it did."""
        from datetime import datetime, timezone

        from quizapp.study.optimize import keep_fit

        kept = keep_fit(self.workspace.store, fit, datetime.now(timezone.utc))
        self.fit, self.kept = fit, kept
        lines = Text()
        lines.append(f"{fit.items} reviews used ({fit.reviews} in the log); fitted in {fit.seconds:.1f} s\n")
        lines.append(f"{'':22}{'log loss':>10}{'RMSE (bins)':>13}\n", style="bold")
        lines.append(f"{'current parameters':22}{fit.defaults.log_loss:10.4f}{fit.defaults.rmse:13.4f}\n")
        lines.append(f"{'fitted parameters':22}{fit.fitted.log_loss:10.4f}{fit.fitted.rmse:13.4f}\n")
        lines.append(
            "The fit is better: it is now yours. Reschedule your cards with it?"
            if kept
            else "The fit is not better: your current parameters stay.",
            style="bold green" if kept else "bold yellow",
        )
        self._done(lines, kept)

    def _done(self, message: Text, kept: bool) -> None:
        bar = self.query_one("#fsrs-progress", ProgressBar)
        bar.update(progress=STEPS)
        self.query_one("#fsrs-status", Static).update(message)
        self.query_one("#fsrs-optimize", Button).disabled = False
        self.query_one("#fsrs-reschedule", Button).disabled = not kept
        if kept:
            from quizapp.workspace import scheduler_for

            fuzz = getattr(getattr(self.app, "config", None), "enable_fuzzing", True)
            self.workspace.scheduler = scheduler_for(self.workspace.store.profile.settings, enable_fuzzing=fuzz)
            self.simulate()

    @on(Button.Pressed, "#fsrs-reschedule")
    def _reschedule(self) -> None:
        from datetime import datetime, timezone

        from quizapp.study.optimize import reschedule

        moved = reschedule(self.workspace.store, datetime.now(timezone.utc))
        self.query_one("#fsrs-reschedule", Button).disabled = True
        self.notify(f"{moved} card{'s' if moved != 1 else ''} rescheduled with your parameters.", timeout=4)

    @on(Button.Pressed, "#fsrs-close")
    def action_close(self) -> None:
        self.dismiss(self.kept)
