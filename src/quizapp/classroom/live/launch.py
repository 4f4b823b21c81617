"""Set up a live game for one session: a new game or the unfinished one resumed, its store, its server."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from quizapp.classroom.context import SessionContext
from quizapp.classroom.errors import ClassFileError
from quizapp.classroom.live.codes import codes_path, read_codes
from quizapp.classroom.live.game import LIVE_KINDS, LiveGame
from quizapp.classroom.live.store import STATE, LiveStore, restore, unfinished_game
from quizapp.words import counted


@dataclass(frozen=True)
class Opened:
    host: object  # server.LiveHost
    resumed: bool
    note: str  # "New game …" or "Resumed game … at question N"


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def open_game(
    ctx: SessionContext,
    *,
    guests: bool = False,
    teams: bool = False,
    new: bool = False,
    bind: str = "127.0.0.1",
    port: int = 8765,
    clock: Callable[[], float] = time.monotonic,
    now: Callable[[], datetime] = _utcnow,
    max_connections: int | None = None,
) -> Opened:
    """Build the game (raising QuizappError subclasses with plain messages); the server is not started yet."""
    from quizapp.classroom.live.server import MAX_CONNECTIONS, LiveHost

    cf, s = ctx.cf, ctx.session
    if not any(q.kind in LIVE_KINDS for q in ctx.questions):
        raise ClassFileError(
            [f"session {s.name!r} has only ordering or matching questions, which live games leave out"]
        )
    codes: dict[str, str] = {}
    if not guests:
        if not cf.students:
            raise ClassFileError([f"class {cf.class_.name!r} has no students; add them or play with --guests"])
        codes = read_codes(codes_path(ctx.class_path))
        missing = [st.id for st in cf.students if st.id not in codes]
        if missing:
            have = "has" if len(missing) == 1 else "have"
            raise ClassFileError(
                [
                    f"{counted(len(missing), 'student')} {have} no personal code yet ({', '.join(missing[:5])}"
                    f"{'…' if len(missing) > 5 else ''}); print codes with: quizapp class codes {ctx.class_path}"
                ]
            )
    team_map: dict[str, list[str]] = {}
    if teams:
        if guests:
            raise ClassFileError(["--teams needs the class list: play teams without --guests"])
        if not cf.teams:
            raise ClassFileError([f"class {cf.class_.name!r} has no [[teams]]; play without --teams"])
        team_map = {t.name: list(t.members) for t in cf.teams}
    game = LiveGame(
        ctx.questions,
        {} if guests else {st.id: st.name for st in cf.students},
        s.seconds,
        clock,
        now,
        guests=guests,
        teams=team_map,
    )
    common: dict[str, Any] = {"class_name": cf.class_.name, "quiz": ctx.quiz_id, "tags_of": ctx.tags_of}
    folder = None if new else unfinished_game(ctx.root, s.name)
    if folder is not None:
        started = restore(folder, game, ctx.quiz_id)
        store = LiveStore(folder, session=s.name, started=started, **common)
        answered = len(game.answers)
        note = (
            f"Resumed the unfinished game of {started:%Y-%m-%d %H:%M} UTC at question {game.pos + 1} of {game.total} "
            f"({counted(answered, 'answer')} kept; same PIN). Use --new for a new game."
        )
    else:
        store = LiveStore.new(ctx.root, s.name, now(), **common)
        note = f"New game: {counted(game.total, 'question')}."
    limit = max_connections if max_connections is not None else MAX_CONNECTIONS
    host = LiveHost(game, store, title=s.label, codes=codes, bind=bind, port=port, max_connections=limit)
    host.citations = dict(ctx.citations)
    return Opened(host, folder is not None, note)


def closing_line(opened: Opened, failed: bool) -> str | None:
    """What `class live` says as the projector closes: where the answers are, or nothing when the game never ran
    (the projector could not listen); a new game's folder then holds at most its state file and is removed, so that
    the next `class live` does not resume a game that never started."""
    host: Any = opened.host
    folder: Path = host.store.folder
    if failed:
        if not opened.resumed and not host.game.answers and {p.name for p in folder.iterdir()} <= {STATE}:
            (folder / STATE).unlink(missing_ok=True)
            folder.rmdir()
        return None
    if host.game.answers:
        return f"answers saved in {folder}"
    return f"no answers were given; the game is in {folder}"
