"""The study screen's status line (counts, progress, elapsed time) and its "nothing is due" message."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.renderables.bar import Bar as BarRenderable
from textual.strip import Strip
from textual.widget import Widget

from quizapp.scheduling.scheduler import Phase
from quizapp.tui.paint import same
from quizapp.tui.text import clean
from quizapp.tui.widgets.card_view import when_text
from quizapp.words import counted

if TYPE_CHECKING:
    from quizapp.progress.profile import Settings
    from quizapp.scheduling.scheduler import CardState, Scheduler
    from quizapp.study.session import Counts

_COUNTS = (
    ("New", "blue", (Phase.NEW,)),
    ("Learning", "red", (Phase.LEARNING, Phase.RELEARNING)),
    ("Due", "green", (Phase.REVIEW,)),
)


class StudyStatus(Widget):
    """New / learning / due counts (the current card's kind underlined), a progress bar and its percentage,
    the cards done and left, and a clock: one line drawn by one widget.

    Drawn as the Horizontal of a counts Static, a ProgressBar (Bar 1fr, then the percentage right-aligned in 5
    cells) and two muted Statics (width auto, margin-left 2) drew it; everything but the clock changes with
    every rating, and one widget costs one repaint in the frame after the key press, not four.
    """

    COMPONENT_CLASSES = {"study-status--bar", "study-status--complete", "study-status--muted"}
    DEFAULT_CSS = """
    StudyStatus {
        height: 1;
        padding: 0 2;
        & > .study-status--bar {
            color: $primary;
            background: $surface;
        }
        & > .study-status--complete {
            color: $success;
            background: $surface;
        }
        & > .study-status--muted {
            color: $text-muted;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.counts = Text()
        self.done, self.total = 0, 0
        self.tally, self.clock = "", ""
        self._styles: tuple[object, Style, Style, Style, Style] | None = None  # theme, base, bar, complete, muted

    def show(self, counts: Counts, current: Phase | None, done: int, left: int) -> None:
        """Change only what changed: each change costs a repaint."""
        text = Text()
        for (label, style, phases), n in zip(_COUNTS, (counts.new, counts.learning, counts.due), strict=True):
            text.append(f"{label} ", style="dim")
            text.append(str(n), style=f"bold {style}" + (" underline" if current in phases else ""))
            text.append("  ")
        tally = f"{done} done · {left} left"
        total = max(1, done + left)
        if (done, total, tally) != (self.done, self.total, self.tally) or not same(text, self.counts):
            self.counts, self.done, self.total, self.tally = text, done, total, tally
            self.refresh()

    def show_time(self, seconds: float) -> None:
        secs = int(max(0.0, seconds))
        clock = f"⏱ {secs // 60}:{secs % 60:02d}"
        if clock != self.clock:
            self.clock = clock
            self.refresh()

    def render_line(self, y: int) -> Strip:
        # Built as segments directly, which costs a third of rendering the same line as Text.
        width = self.content_region.width
        share = min(1.0, max(0.0, self.done / self.total)) if self.total else 1.0
        theme = (self.app.theme, self.app.ansi_color)
        if self._styles is None or self._styles[0] != theme:  # walking the CSS for them costs as much as the rest
            self._styles = (
                theme,
                self.rich_style,
                self.get_component_rich_style("study-status--bar"),
                self.get_component_rich_style("study-status--complete"),
                self.get_component_rich_style("study-status--muted"),
            )
        _, base, bar_style, complete_style, muted = self._styles
        if y or width <= 0:
            return Strip.blank(width, base)
        console = self.app.console
        line = self.counts.copy()
        line.append("  ")
        parts = [line]
        right = Text.assemble(("  ", ""), (self.tally, muted), ("  ", ""), (self.clock, muted))
        bar_width = max(0, width - line.cell_len - 5 - right.cell_len)
        if bar_width:
            steps = bar_width * 2  # Bar draws half cells only
            style = bar_style if share < 1 else complete_style
            bar = BarRenderable(
                highlight_range=(0, bar_width * (int(share * steps) / steps)),
                highlight_style=Style.from_color(style.color),
                background_style=Style.from_color(style.bgcolor),
            )
            drawn = bar.__rich_console__(console, console.options.update_width(bar_width))
            parts.extend(part for part in drawn if isinstance(part, Text))  # Bar yields one Text
        parts.append(Text(f"{round(share * 100)}%".rjust(5)))

        def segments(parts: list) -> list[Segment]:  # noqa: ANN001
            return [
                Segment(segment.text, base + segment.style if segment.style else base)
                for part in parts
                for segment in part.render(console)
                if segment.text
            ]

        # The tally and the clock keep their width (as width: auto did); counts, bar and percentage get the rest.
        left = Strip(segments(parts)).crop_extend(0, max(0, width - right.cell_len), base)
        return Strip.join([left, Strip(segments([right]))]).crop_extend(0, width, base)


def nothing_due_text(
    scope: str, states: Iterable[tuple[str, CardState | None]], settings: Settings, scheduler: Scheduler, now: datetime
) -> Text:
    """Nothing is due: when the next card is, what the daily limits hold back, and what to do instead."""
    upcoming, new, over = [], 0, 0
    day_end = scheduler.next_day_start(now)
    for _, s in states:
        if s is None or s.phase == Phase.NEW:
            new += s is None or s.is_available(now)
        elif not s.suspended and s.due:
            when = max(s.due, s.buried_until or s.due)
            if when > now:
                upcoming.append(when)
            elif s.due < day_end:
                over += s.is_available(now)
    out = Text()
    out.append("Nothing is due right now", style="bold")
    out.append(f" in {clean(scope)}.\n\n")
    if upcoming:
        out.append(f"The next card is due {when_text(min(upcoming), now)}.\n")
    elif not new:
        out.append("No cards are scheduled yet.\n")
    if new:
        out.append(
            f"{counted(new, 'new card')} waiting: today's limit of {settings.new_per_day} new cards is reached.\n"
        )
    if over:
        out.append(f"{counted(over, 'review')} due but over today's limit of {settings.reviews_per_day}.\n")
    out.append("\nPress ")
    out.append("c", style="bold")
    out.append(
        " for custom study: practise the cards you failed today, review ahead of schedule or learn more "
        "new cards. The schedule is not changed unless you choose to reschedule. Press "
    )
    out.append("escape", style="bold")
    out.append(" to go home.")
    return out
