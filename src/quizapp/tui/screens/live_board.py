"""Live game leaderboard between questions, and the final podium."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from quizapp.classroom.projector import podium_places
from quizapp.tui.narrow import NarrowFooter, quiet_twins
from quizapp.tui.text import plain
from quizapp.tui.widgets.leaderboard import Leaderboard, Podium


class LiveBoardScreen(NarrowFooter, Screen[None]):
    """Points so far (phase board) or the podium (phase podium). `host` is a classroom.live.server.LiveHost."""

    DEFAULT_CSS = """
    LiveBoardScreen { background: black; color: white; }
    LiveBoardScreen #board-title { width: 100%; text-align: center; text-style: bold; margin: 1 0; }
    LiveBoardScreen #board-saved { width: 100%; text-align: center; color: #bcbcbc; margin-top: 1; }
    """

    BINDINGS = [
        Binding("space", "advance", "Next", id="live.next"),
        Binding("r", "release", "Release a seat", id="live.release"),
        Binding("e", "end", "End game", id="live.end"),
    ]
    # The footer's minor keys leave it on a narrow terminal (they still work), so that no key is cut.
    NARROW = ((64, ("release",)),)
    BINDINGS += quiet_twins(BINDINGS, NARROW[-1][1])

    def __init__(self, host: object):
        super().__init__()
        self.host = host
        self._podium = False

    def compose(self) -> ComposeResult:
        with Vertical(id="board"):
            yield Static("", id="board-title")
            yield Leaderboard(id="board-list")
            yield Center(id="board-podium")
            yield Static("", id="board-saved")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        g = self.host.game  # type: ignore[attr-defined]
        standings = g.standings()
        podium = g.phase == "podium"
        board = self.query_one(Leaderboard)
        board.display = not podium
        self.query_one("#board-podium", Center).display = podium
        if not podium:
            title = f"Leaderboard after question {g.number} of {g.total}"
            self.query_one("#board-title", Static).update(title)
            board.show(standings)
            return
        if not self._podium:
            self._podium = True
            places = podium_places(standings)
            self.refresh_bindings()  # the game is over: only space (close) and quit are left in the footer
            self.query_one("#board-title", Static).update("Final podium" if places else "No points were scored")
            self.query_one("#board-podium", Center).mount(Podium(places))
            folder = self.host.store.folder  # type: ignore[attr-defined]
            self.query_one("#board-saved", Static).update(
                plain(f"Press space to close. Answers saved in {folder}.")
            )  # the key first: a short terminal shows one line

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No game keys (release a seat, end the game) once the game is over."""
        name = parameters[0] if action == "quiet" and parameters else action  # a narrow footer's hidden twin
        if name in ("release", "end") and self.host.game.phase == "podium":  # type: ignore[attr-defined]
            return False
        return super().check_action(action, parameters)

    async def action_advance(self) -> None:
        if self.host.game.phase == "podium":  # type: ignore[attr-defined]
            self.app.exit(0)
        else:
            self.host.advance()  # type: ignore[attr-defined]
            self.app.sync()  # type: ignore[attr-defined]

    def action_release(self) -> None:
        self.app.action_release()  # type: ignore[attr-defined]

    def action_end(self) -> None:
        self.app.action_end()  # type: ignore[attr-defined]
