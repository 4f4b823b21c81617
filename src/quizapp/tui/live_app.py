"""The projector of a live game: runs the game's web server in its own asyncio loop and shows the screen of the
game's phase (lobby, question and reveal, leaderboard and podium)."""

from __future__ import annotations

import os

# Up to 120 frames a second for the projector (Textual reads TEXTUAL_FPS once, when it is first imported, which for
# `class live` is here; a TEXTUAL_FPS set by the user wins). Textual paints a change that comes soon after a frame
# one to two frame periods later (its frame timer skips ahead after an idle spell), so at 60 a teacher's key could
# wait up to 33 ms for its frame while answers keep the projector redrawing; at 120 it is at most 16.7 ms. The
# setting is taken back once Textual has read it, so no other program started from this process inherits it.
_USER_FPS = os.environ.get("TEXTUAL_FPS")
os.environ["TEXTUAL_FPS"] = _USER_FPS or "120"

from textual.app import App  # noqa: E402
from textual.binding import Binding  # noqa: E402
from textual.css.query import NoMatches  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.timer import Timer  # noqa: E402

from quizapp.tui.text import clean  # noqa: E402

if _USER_FPS is None:
    del os.environ["TEXTUAL_FPS"]

REDRAW = 0.1  # seconds between redraws; answers only mark the screen as changed


class LiveApp(App[int]):
    TITLE = "quizapp live"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="live.quit", priority=True)]

    def __init__(self, host: object, *, note: str = "", subtitle: str = "", listen: bool = True):
        super().__init__()
        self.host = host  # classroom.live.server.LiveHost
        self.note, self.listen = note, listen
        self.sub_title = clean(subtitle)
        self._view = ""
        self._dirty = True
        self._redraw: Timer | None = None

    async def on_mount(self) -> None:
        self.host.on_change = self.mark_changed  # type: ignore[attr-defined]
        if self.listen:
            try:
                await self.host.start()  # type: ignore[attr-defined]
            except OSError as e:
                where = f"{self.host.bind}:{self.host.port}"  # type: ignore[attr-defined]
                self.exit(return_code=1, message=f"Cannot listen on {where}: {e.strerror or e}. Try another --port.")
                return
        else:
            self.host.start_ticker()  # type: ignore[attr-defined]
        self.sync()
        self._redraw = self.set_interval(REDRAW, self.sync)

    async def on_unmount(self) -> None:
        if self._redraw is not None:
            self._redraw.stop()  # no redraw while the screens are being taken down (the server stops after)
        await self.host.stop()  # type: ignore[attr-defined]

    def mark_changed(self) -> None:
        self._dirty = True

    def _screen_for(self, phase: str) -> tuple[str, Screen]:
        from quizapp.tui.screens.live_board import LiveBoardScreen
        from quizapp.tui.screens.live_lobby import LiveLobbyScreen
        from quizapp.tui.screens.live_question import LiveQuestionScreen

        if phase == "lobby":
            return "lobby", LiveLobbyScreen(self.host, self.note)
        if phase in ("question", "reveal"):
            return "question", LiveQuestionScreen(self.host)
        return "board", LiveBoardScreen(self.host)

    def sync(self) -> None:
        """Show the phase's screen, or redraw the current one when something changed (or the clock runs)."""
        phase = self.host.game.phase  # type: ignore[attr-defined]
        want = {"lobby": "lobby", "question": "question", "reveal": "question"}.get(phase, "board")
        if want != self._view:
            if self._view and self.screen.is_modal:
                return  # a dialog is open; switch after it closes
            self._view, screen = self._screen_for(phase)
            if len(self.screen_stack) > 1:
                self.switch_screen(screen)
            else:
                self.push_screen(screen)
            self._dirty = False
            return
        if (self._dirty or phase == "question") and not self.screen.is_modal and self.screen.is_mounted:
            self._dirty = False
            try:
                self.screen.refresh_view()  # type: ignore[attr-defined]
            except NoMatches:
                self._dirty = True  # the screen is still composing, or is being torn down: draw next tick

    def action_release(self) -> None:
        from quizapp.tui.screens.live_release import ReleaseSeatScreen

        g = self.host.game  # type: ignore[attr-defined]
        seats = [(s.id, s.name) for s in g.seats.values() if not s.guest]

        async def chosen(sid: str | None) -> None:
            if sid:
                seat = await self.host.release(sid)  # type: ignore[attr-defined]
                if seat is not None:
                    self.notify(f"{clean(seat.name)}'s seat is free: they sign in again.", markup=False)

        self.push_screen(ReleaseSeatScreen(seats), chosen)

    def action_end(self) -> None:
        from quizapp.tui.screens.confirm import ConfirmScreen

        async def chosen(yes: bool | None) -> None:
            if yes:
                self.host.end()  # type: ignore[attr-defined]
                self.sync()

        self.push_screen(
            ConfirmScreen("End the game now and show the podium? Every answer is kept.", yes="End game", no="Go on"),
            chosen,
        )
