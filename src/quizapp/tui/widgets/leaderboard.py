"""Projector leaderboard and podium, drawn from quizapp.classroom.projector standings."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from quizapp.classroom.projector import Standing
from quizapp.tui.text import plain

BAR = 30


class Leaderboard(Static):
    """Rank, name, a bar and the points of every player (the top rows when space is short)."""

    DEFAULT_CSS = """
    Leaderboard {
        width: 100%;
        height: auto;
        padding: 0 2;
    }
    """

    def show(self, standings: Sequence[Standing], limit: int = 12) -> None:
        top = max((s.points for s in standings), default=0) or 1
        width = self.size.width or self.app.size.width
        room = max(1, min(BAR, (width - 23) * 3 // 5 - 1))  # the bar column's share, never cut ("██…")
        table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
        table.add_column(justify="right", width=4)
        table.add_column(ratio=2)
        table.add_column(ratio=3)
        table.add_column(justify="right", width=7)
        for s in standings[:limit]:
            style = "bold" if s.rank <= 3 else ""
            bar = Text("█" * round(room * s.points / top), style="green" if s.rank == 1 else "cyan")
            table.add_row(
                Text(f"{s.rank}.", style=style), plain(s.player.name, style), bar, Text(str(s.points), style=style)
            )
        if len(standings) > limit:
            table.add_row("", Text(f"… and {len(standings) - limit} more", style="dim"), "", "")
        self.update(table)


class Podium(Horizontal):
    """Places 2, 1 and 3 side by side, the winner's block the tallest; a place nobody holds is left out, so two
    players stand 2-1, one player alone, and a tie for first (ranks 1, 1, 3) stands 1-3."""

    DEFAULT_CSS = """
    Podium {
        height: 14;
        align: center bottom;
    }
    Podium .place {
        width: 1fr;
        max-width: 30;
        height: 100%;
        margin: 0 1;
        align-vertical: bottom;
    }
    Podium .name {
        text-align: center;
        text-style: bold;
        height: auto;
    }
    Podium .block {
        text-align: center;
        text-style: bold;
        content-align: center middle;
        background: $primary;
        color: $text;
    }
    Podium .p1 .block { height: 9; background: $success; }
    Podium .p2 .block { height: 6; }
    Podium .p3 .block { height: 4; background: $secondary; }
    """

    def __init__(self, standings: Sequence[Standing], **kwargs: object):
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.standings = list(standings)

    def compose(self) -> ComposeResult:
        by_rank: dict[int, list[Standing]] = {}
        for s in self.standings:
            by_rank.setdefault(s.rank, []).append(s)
        for place in (2, 1, 3):
            group = by_rank.get(place)
            if not group:
                continue
            with Vertical(classes=f"place p{place}"):
                yield Static(Text("\n").join(plain(s.player.name) for s in group), classes="name")
                yield Static(f"{place}\n\n{group[0].points} pts", classes="block")
