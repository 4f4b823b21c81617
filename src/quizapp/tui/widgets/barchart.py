"""A horizontal bar chart drawn with block characters: label, bar, value."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from quizapp.tui.text import plain


class BarChart(Static):
    """Bars for (label, value) pairs; values are counts or shares (0..1, shown as %)."""

    DEFAULT_CSS = """
    BarChart {
        width: 100%;
        height: auto;
        padding: 0 1;
    }
    """

    def show(
        self, rows: Sequence[tuple[str, float]], *, percent: bool = False, width: int = 40, colour: str = "cyan"
    ) -> None:
        top = 1.0 if percent else (max((v for _, v in rows), default=0) or 1)
        table = Table(show_header=False, box=None, padding=(0, 1))
        table.add_column(justify="right", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        for label, value in rows:
            bar = Text("█" * round(width * value / top), style=colour)
            if not bar:
                bar = Text("▏", style="dim")
            shown = f"{value:.0%}" if percent else f"{value:g}"
            table.add_row(plain(label), bar, shown)
        self.update(table)
