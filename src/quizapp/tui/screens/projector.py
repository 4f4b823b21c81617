"""Projector mode: a big question and countdown, answers on a key, points by key, leaderboard, podium."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static

from quizapp.classroom.context import SessionContext
from quizapp.classroom.countdown import QuestionTimer
from quizapp.classroom.projector import Game
from quizapp.tui.narrow import NarrowFooter, quiet_twins
from quizapp.tui.text import plain
from quizapp.tui.widgets.classquestion import QuestionView, answer_text
from quizapp.tui.widgets.countdown import Countdown
from quizapp.tui.widgets.leaderboard import Leaderboard, Podium

TICK = 0.2


def _shown(path: Path, base: Path) -> str:
    """`path` relative to the class file's folder when it is inside it."""
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


class ProjectorScreen(NarrowFooter, Screen[None]):
    """One question at a time for the whole class; the teacher drives it with keys."""

    DEFAULT_CSS = """
    ProjectorScreen {
        background: black;
        color: white;
    }
    ProjectorScreen #switch, ProjectorScreen .view {
        height: 1fr;
    }
    ProjectorScreen #ask {
        padding: 1 4;
    }
    ProjectorScreen #timer {
        margin-bottom: 1;
    }
    ProjectorScreen #question {
        text-style: bold;
        color: white;
        padding: 0 2;
    }
    ProjectorScreen #answer {
        color: #5fff87;
        margin-top: 1;
        padding: 0 2;
        height: auto;
    }
    ProjectorScreen #awards {
        color: #ffd75f;
        text-style: bold;
        margin-top: 1;
        padding: 0 2;
        height: auto;
    }
    ProjectorScreen #keys {
        color: #bcbcbc;
        margin-top: 1;
        padding: 0 2;
        height: auto;
    }
    ProjectorScreen .title {
        width: 100%;
        text-align: center;
        text-style: bold;
        color: white;
        margin: 1 0;
    }
    ProjectorScreen Footer {
        display: none;
    }
    ProjectorScreen.-keys Footer {
        display: block;
    }
    """

    BINDINGS = [
        Binding("space,enter", "advance", "Reveal / next", id="projector.next"),
        Binding("p", "pause", "Pause timer", id="projector.pause"),
        Binding("backspace", "undo", "Undo points", id="projector.undo"),
        Binding("question_mark", "keys", "Show keys", id="projector.keys"),
        Binding("escape", "stop", "End game", id="projector.stop"),
    ]
    # The footer's minor keys leave it, least useful first, so that no key is cut (all fit from 100 columns).
    NARROW = ((100, ("keys", "pause")), (72, ("keys", "pause", "undo")))
    BINDINGS += quiet_twins(BINDINGS, NARROW[-1][1])

    def __init__(self, ctx: SessionContext, game: Game, *, clock: Callable[[], float], now: Callable[[], datetime]):
        super().__init__()
        self.ctx, self.game, self.clock, self.now = ctx, game, clock, now
        self.index = 0
        self.phase = "ask"  # ask | revealed | board | podium
        self.started = now()
        self.saved_to: Path | None = None
        self.timer = QuestionTimer(clock, ctx.session.seconds)

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="ask", id="switch"):
            with VerticalScroll(id="ask", classes="view"):
                yield Countdown(id="timer")
                yield QuestionView(id="question")
                yield Static("", id="answer")
                yield Static("", id="awards")
                yield Static("", id="keys")
            with Vertical(id="board", classes="view"):
                yield Static("", id="board-title", classes="title")
                yield Leaderboard(id="leaderboard")
            with Vertical(id="podium", classes="view"):
                yield Static("", id="podium-title", classes="title")
                yield Center(id="podium-box")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(TICK, self.tick)
        self.show_question()
        self.notify("Press ? to show the keys.", timeout=4)

    # -- time -------------------------------------------------------------------------------------------------
    @property
    def limit(self) -> int:
        return self.ctx.session.seconds

    def remaining(self) -> float | None:
        """Seconds left on the countdown; None when the session has no time limit."""
        return self.timer.remaining()

    @property
    def running(self) -> bool:
        left = self.remaining()
        return self.phase == "ask" and not self.timer.frozen and left is not None and left > 0

    def tick(self) -> None:
        if self.phase == "ask":
            self.query_one(Countdown).show(self.remaining(), paused=self.timer.frozen)

    # -- phases -----------------------------------------------------------------------------------------------
    def show_question(self) -> None:
        q = self.ctx.questions[self.index]
        self.phase = "ask"
        self.timer.start()
        self.query_one("#switch", ContentSwitcher).current = "ask"
        self.query_one(QuestionView).show(q)
        self.query_one("#answer", Static).update("")
        self.query_one("#keys", Static).update("")
        self._show_awards()
        self.tick()
        self.query_one("#ask", VerticalScroll).scroll_home(animate=False)

    def reveal(self) -> None:
        self.timer.stop()
        self.phase = "revealed"
        self.tick()
        self.query_one("#answer", Static).update(answer_text(self.ctx.questions[self.index]))
        legend = Text("Give points: ", style="bold")
        for i, p in enumerate(self.game.players):
            if i:
                legend.append("  ·  ")
            legend.append(p.key, style="bold reverse")
            legend.append(" ")
            legend.append_text(plain(p.name))
        self.query_one("#keys", Static).update(legend)

    def show_board(self) -> None:
        self.phase = "board"
        self.save()
        total = len(self.ctx.questions)
        self.query_one("#board-title", Static).update(f"Leaderboard after question {self.index + 1} of {total}")
        self.query_one(Leaderboard).show(self.game.leaderboard())
        self.query_one("#switch", ContentSwitcher).current = "board"

    def show_podium(self) -> None:
        self.phase = "podium"
        path = self.save()
        box = self.query_one("#podium-box", Center)
        box.remove_children()
        standings = self.game.podium()
        box.mount(Podium(standings))
        title = "Final podium" if standings else "No points were given"
        saved = f"\nResults saved to {_shown(path, self.ctx.class_path.parent)}" if path else ""
        self.query_one("#podium-title", Static).update(plain(title + saved))
        self.query_one("#switch", ContentSwitcher).current = "podium"

    def action_advance(self) -> None:
        if self.phase == "ask":
            self.reveal()
        elif self.phase == "revealed":
            self.show_board()
        elif self.phase == "board":
            if self.index + 1 < len(self.ctx.questions):
                self.index += 1
                self.show_question()
            else:
                self.show_podium()
        else:
            self.app.exit(0)

    def action_pause(self) -> None:
        if self.phase == "ask":
            self.timer.toggle()
            self.tick()

    def action_keys(self) -> None:
        self.toggle_class("-keys")

    def action_stop(self) -> None:
        if self.phase == "podium":
            self.app.exit(0)
            return
        from quizapp.tui.screens.confirm import ConfirmScreen

        def chosen(yes: bool | None) -> None:
            if yes:
                self.show_podium()

        self.app.push_screen(
            ConfirmScreen("End the game now and show the podium? The points are kept.", yes="End game", no="Go on"),
            chosen,
        )

    # -- points -----------------------------------------------------------------------------------------------
    def on_key(self, event: events.Key) -> None:
        if self.phase not in ("ask", "revealed") or not event.character:
            return
        player = next((p for p in self.game.players if p.key == event.character.lower()), None)
        if player is None:
            return
        event.stop()
        left = self.remaining() if self.running else 0.0
        if self.game.award(self.index, player.id, left or 0.0, self.limit) is not None:
            self._show_awards()
            self.save()

    def action_undo(self) -> None:
        if self.phase in ("ask", "revealed") and self.game.undo(self.index) is not None:
            self._show_awards()
            self.save()

    def _show_awards(self) -> None:
        line = Text()
        for a in self.game.awarded(self.index):
            p = self.game.player(a.player)
            if line:
                line.append("   ")
            line.append(f"+{a.points} ")
            line.append_text(plain(p.name if p else a.player))
        self.query_one("#awards", Static).update(line)

    def save(self) -> Path | None:
        """Write the game so far; a failed write is reported and the game goes on."""
        from quizapp.classroom.results import save_game

        asked = self.index + (self.phase in ("board", "podium"))
        record = self.game.record(self.ctx.cf.class_.name, self.ctx.session.name, self.started, asked, self.now())
        try:
            self.saved_to = save_game(self.ctx.root, self.ctx.session.name, record, self.started)
        except OSError as e:
            self.notify(f"Could not save the results: {e.strerror or e}", severity="error", timeout=10, markup=False)
            return None
        return self.saved_to
