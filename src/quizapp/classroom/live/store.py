"""A live game on disk: one results file per player (the same format as assignments, so `class report` reads it)
and the game's own state file, both rewritten atomically.

    <results>/<session>/_live/<game>/amina-1.toml    every answer of one player, written before it is acknowledged
    <results>/<session>/_live/<game>/_game.toml       PIN, seats (reconnect-token hashes), where the game is

A crash loses no acknowledged answer, and `class live` on the same session resumes an unfinished game from them.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from quizapp.classroom.live.game import LiveAnswer, LiveGame, Seat
from quizapp.classroom.results import LIVE, Attempt, answer_record, session_dir
from quizapp.errors import CorruptFile
from quizapp.files.atomic import atomic_write
from quizapp.quiz.questions import Question
from quizapp.quiz.run import Outcome

STATE = "_game.toml"


def game_id(started: datetime) -> str:
    return started.strftime("%Y%m%dT%H%M%S")


def live_dir(root: Path, session: str) -> Path:
    return session_dir(root, session) / LIVE


def unfinished_game(root: Path, session: str) -> Path | None:
    """The newest live game of the session that did not reach its podium, if any."""
    folder = live_dir(root, session)
    for game in sorted(folder.glob("*/"), reverse=True) if folder.is_dir() else []:
        state = game / STATE
        try:
            data = tomllib.loads(state.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        if not data.get("game", {}).get("ended"):
            return game
    return None


class LiveStore:
    """Writes one game's files. Bytes are built on the caller's thread; `write_*` may run on worker threads."""

    def __init__(
        self,
        folder: Path,
        *,
        class_name: str,
        session: str,
        quiz: str,
        started: datetime,
        tags_of: Callable[[Question], tuple[str, ...]],
    ):
        self.folder, self.class_name, self.session, self.quiz = folder, class_name, session, quiz
        self.started, self.tags_of = started, tags_of
        self._locks: dict[str, threading.Lock] = {}
        self._written: dict[str, int] = {}
        self._version = 0

    @classmethod
    def new(cls, root: Path, session: str, started: datetime, **kw: Any) -> LiveStore:
        folder = live_dir(root, session) / game_id(started)
        folder.mkdir(parents=True, exist_ok=False)
        return cls(folder, session=session, started=started, **kw)

    # -- building (event-loop thread) -------------------------------------------------------------------------
    def player_bytes(self, game: LiveGame, seat: Seat, ended: bool = False) -> tuple[str, int, bytes]:
        """The player's whole results file as it stands, with a version number (newer writes win)."""
        sid, version, attempt = self.player_attempt(game, seat, ended)
        return sid, version, attempt.to_toml()

    def player_attempt(self, game: LiveGame, seat: Seat, ended: bool = False) -> tuple[str, int, Attempt]:
        """The player's results as they stand (a snapshot: turning it into TOML may happen on another thread)."""
        mine = game.answers_of(seat.id)
        now = game.now()
        a = Attempt(
            self.folder / f"{seat.id}-1.toml",
            self.class_name,
            self.session,
            seat.id,
            1,
            self.quiz,
            len(game.questions),
            self.started,
            max((x.at for x in mine), default=now) if not ended else now,
            now if ended else None,
            [self.record(x) for x in mine],
            live=self.folder.name,
            guest=seat.guest,
            name=seat.name,
        )
        self._version += 1
        return seat.id, self._version, a

    def record(self, x: LiveAnswer) -> dict:
        rec = answer_record(x.index, x.outcome, self.tags_of(x.outcome.question), x.at)
        rec.update(points=x.points, bonus=x.bonus)
        return rec

    def state_bytes(self, game: LiveGame, ended: bool = False) -> bytes:
        return state_toml(self.state_record(game, ended))

    def state_record(self, game: LiveGame, ended: bool = False) -> dict:
        """The game's state file as data (a snapshot: turning it into TOML may happen on another thread)."""
        head = {
            "class": self.class_name,
            "session": self.session,
            "quiz": self.quiz,
            "started": self.started,
            "updated": game.now(),
            "pin": game.pin,
            "pos": game.pos,
            "phase": game.phase,
            "guests": game.guests,
            "ended": ended or game.phase == "podium",
        }
        seats = [
            {"id": s.id, "name": s.name, "guest": s.guest, "token": s.token, "first": s.first}
            for s in game.seats.values()
        ]
        return {"game": head, "seats": seats}

    # -- writing (any thread) ---------------------------------------------------------------------------------
    def write_player(self, sid: str, version: int, data: bytes | Attempt) -> None:
        lock = self._locks.setdefault(sid, threading.Lock())
        with lock:
            if self._written.get(sid, 0) > version:
                return  # a newer version of this file is already on disk
            body = data.to_toml() if isinstance(data, Attempt) else data
            atomic_write(self.folder / f"{sid}-1.toml", body)
            self._written[sid] = version

    def write_state(self, data: bytes | dict, version: int | None = None) -> None:
        """Write the game's state (bytes, or a state_record); with `version`, an older state never replaces a
        newer one (saves overlap)."""
        with self._locks.setdefault(STATE, threading.Lock()):
            if version is not None and self._written.get(STATE, 0) > version:
                return
            atomic_write(self.folder / STATE, data if isinstance(data, bytes) else state_toml(data))
            if version is not None:
                self._written[STATE] = version

    def next_version(self) -> int:
        self._version += 1
        return self._version


def state_toml(record: dict) -> bytes:
    return tomli_w.dumps(record).encode("utf-8")


def state_key(record: dict) -> tuple:
    """What a state record says apart from when it was made: two records with the same key make the same game."""
    head = tuple(sorted((k, v) for k, v in record["game"].items() if k != "updated"))
    return head, tuple(tuple(seat.values()) for seat in record["seats"])


def restore(folder: Path, game: LiveGame, quiz: str) -> datetime:
    """Load an unfinished game into `game` (PIN, seats, answers); return when it started. The game goes back
    to its lobby, and space reopens the question it was on. Raise CorruptFile when the files do not fit."""
    state = folder / STATE
    try:
        data = tomllib.loads(state.read_text("utf-8"))
        head = data["game"]
        if head.get("quiz") != quiz:
            raise ValueError("the decks changed since this game started; start a new game with --new")
        game.pin = str(head["pin"])
        game.pos = int(head["pos"])
        for s in data.get("seats", []):
            game.seats[str(s["id"])] = Seat(
                str(s["id"]), str(s["name"]), bool(s["guest"]), str(s["token"]), int(s["first"])
            )
        started = head["started"]
        if not isinstance(started, datetime):
            raise ValueError("started is not a time")
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError) as e:
        raise CorruptFile(state, None, str(e)) from None
    for p in sorted(folder.glob("*-1.toml")):
        a = Attempt.read(p)
        for rec in a.answers:
            i = int(rec["index"])
            if not 0 <= i < len(game.questions):
                continue
            q = game.questions[i]
            outcome = Outcome(
                q,
                str(rec.get("given", "")),
                bool(rec.get("correct")),
                str(rec.get("verdict", "")),
                "",
                float(rec.get("seconds", 0)),
            )
            game.keep(LiveAnswer(a.student, i, outcome, int(rec.get("points", 0)), int(rec.get("bonus", 0)), rec["at"]))
        if a.answers:
            game.recover_seat(a.student, a.name or a.student, bool(a.guest))
    game.phase = "lobby"
    game.pos = max(game.pos, 0)
    return started
