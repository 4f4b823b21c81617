"""A small Textual app for classroom sessions: projector mode, taking a session, the teacher's report."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from textual.app import App
from textual.binding import Binding

from quizapp.classroom.context import SessionContext, open_session

Mode = Literal["run", "take", "report"]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class ClassAppConfig:
    mode: Mode
    ctx: SessionContext
    student: str | None = None
    teams: bool = False
    clock: Callable[[], float] = time.monotonic  # for countdowns
    now: Callable[[], datetime] = utcnow  # for open/close times and saved records


class ClassroomApp(App[int]):
    """Shows one screen for the chosen mode; the screens do the work."""

    TITLE = "quizapp class"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="class.quit", priority=True)]

    def __init__(self, config: ClassAppConfig, attempt: object | None = None):
        super().__init__()
        self.config = config
        self.attempt = attempt  # an OpenAttempt opened before start-up (take mode with --student)

    def on_mount(self) -> None:
        from quizapp.tui.text import clean

        c = self.config
        self.sub_title = clean(f"{c.ctx.cf.class_.name} · {c.ctx.session.label}")
        if c.mode == "run":
            from quizapp.classroom.projector import Game, players_for
            from quizapp.tui.screens.projector import ProjectorScreen

            game = Game(players_for(c.ctx.cf, c.teams), len(c.ctx.questions))
            self.push_screen(ProjectorScreen(c.ctx, game, clock=c.clock, now=c.now))
        elif c.mode == "take":
            from quizapp.tui.screens.take import TakeScreen

            self.push_screen(TakeScreen(c.ctx, self.attempt, clock=c.clock, now=c.now))  # type: ignore[arg-type]
        else:
            from quizapp.tui.screens.report import ReportScreen

            self.push_screen(ReportScreen(c.ctx))

    def on_unmount(self) -> None:
        close = getattr(self.attempt, "close", None)
        if close:
            close()


def make_class_app(
    *,
    mode: Mode,
    class_path: Path,
    session: str,
    deck_paths: Sequence[Path],
    results: Path | None = None,
    student: str | None = None,
    teams: bool = False,
    clock: Callable[[], float] | None = None,
    now: Callable[[], datetime] | None = None,
) -> ClassroomApp:
    """Build the app from plain values; problems (bad class file, closed session, unknown student) raise first."""
    ctx = open_session(class_path, session, deck_paths, results)
    config = ClassAppConfig(mode, ctx, student, teams, clock or time.monotonic, now or utcnow)
    attempt = None
    if mode == "run":
        from quizapp.classroom.projector import players_for

        players_for(ctx.cf, teams)  # raises when there is nobody to give points to
    elif mode == "take" and student is not None:
        from quizapp.classroom.results import open_attempt

        attempt = open_attempt(
            ctx.root, ctx.cf, ctx.session, student, quiz=ctx.quiz_id, total=len(ctx.questions), now=config.now()
        )
    return ClassroomApp(config, attempt)
