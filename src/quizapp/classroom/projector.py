"""Projector-mode scoring: players (students or teams) with keys, points with a speed bonus, leaderboard, podium."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from quizapp.classroom.errors import ClassFileError
from quizapp.classroom.models import ClassFile

# Keys the teacher presses to give a player points; letters the projector screen uses itself are left out.
PLAYER_KEYS = "1234567890abcdefghijklmnorstvwxyz"
BASE_POINTS = 100
MAX_BONUS = 100


@dataclass(frozen=True)
class Player:
    id: str
    name: str
    key: str
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Award:
    question: int
    player: str
    points: int
    bonus: int


@dataclass(frozen=True)
class Standing:
    rank: int
    player: Player
    points: int


def players_for(cf: ClassFile, teams: bool) -> list[Player]:
    """One player per team (when `teams`) or per student, each with a key."""
    if teams:
        if not cf.teams:
            raise ClassFileError([f"class {cf.class_.name!r} has no [[teams]]; play without --teams"])
        entries = [(f"team:{t.name}", t.name, tuple(t.members)) for t in cf.teams]
    else:
        entries = [(s.id, s.name, (s.id,)) for s in cf.students]
    if not entries:
        raise ClassFileError([f"class {cf.class_.name!r} has no students"])
    if len(entries) > len(PLAYER_KEYS):
        raise ClassFileError([f"{len(entries)} players but only {len(PLAYER_KEYS)} keys; play in teams (--teams)"])
    return [Player(pid, name, key, members) for (pid, name, members), key in zip(entries, PLAYER_KEYS, strict=False)]


def speed_bonus(remaining: float, limit: float, bonus: int = MAX_BONUS) -> int:
    """The bonus for answering with `remaining` of `limit` seconds left; none once the timer has stopped."""
    if limit <= 0 or remaining <= 0:
        return 0
    return round(bonus * min(remaining, limit) / limit)


@dataclass
class Game:
    """The points given so far in one projector run."""

    players: list[Player]
    questions: int
    base: int = BASE_POINTS
    awards: list[Award] = field(default_factory=list)

    def player(self, key_or_id: str) -> Player | None:
        return next((p for p in self.players if key_or_id in (p.key, p.id)), None)

    def award(self, question: int, player_id: str, remaining: float, limit: float) -> Award | None:
        """Give a player points for a question (once per question); None if they already have them."""
        if any(a.question == question and a.player == player_id for a in self.awards):
            return None
        bonus = speed_bonus(remaining, limit)
        a = Award(question, player_id, self.base + bonus, bonus)
        self.awards.append(a)
        return a

    def undo(self, question: int) -> Award | None:
        """Take back the last award of a question."""
        for i in range(len(self.awards) - 1, -1, -1):
            if self.awards[i].question == question:
                return self.awards.pop(i)
        return None

    def awarded(self, question: int) -> list[Award]:
        return [a for a in self.awards if a.question == question]

    def totals(self) -> dict[str, int]:
        out = {p.id: 0 for p in self.players}
        for a in self.awards:
            out[a.player] = out.get(a.player, 0) + a.points
        return out

    def leaderboard(self) -> list[Standing]:
        """Players by points, highest first; equal points share a rank (1, 1, 3)."""
        totals = self.totals()
        ordered = sorted(self.players, key=lambda p: (-totals[p.id], p.name.casefold()))
        out: list[Standing] = []
        for i, p in enumerate(ordered):
            rank = out[-1].rank if out and out[-1].points == totals[p.id] else i + 1
            out.append(Standing(rank, p, totals[p.id]))
        return out

    def podium(self) -> list[Standing]:
        """Places 1 to 3 (ties included); see podium_places."""
        return podium_places(self.leaderboard())

    def record(self, class_name: str, session: str, started: datetime, asked: int, updated: datetime) -> dict:
        """The TOML-ready record of the game so far."""
        totals = self.totals()
        return {
            "game": {
                "class": class_name,
                "session": session,
                "started": started,
                "updated": updated,
                "questions": self.questions,
                "asked": asked,
                "base": self.base,
            },
            "players": [
                {"id": p.id, "name": p.name, "members": list(p.members), "points": totals[p.id]} for p in self.players
            ],
            "awards": [
                {"question": a.question, "player": a.player, "points": a.points, "bonus": a.bonus} for a in self.awards
            ],
        }


def podium_places(standings: Sequence[Standing]) -> list[Standing]:
    """Places 1 to 3 (ties included) as ranked, a player with 0 points too (so a place is never drawn empty while
    someone holds it); none when nobody scored at all."""
    if not any(s.points > 0 for s in standings):
        return []
    return [s for s in standings if s.rank <= 3]
