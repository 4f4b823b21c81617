"""One live game: PIN, seats, questions opened and closed on the server's clock, one answer per seat per question.

No I/O and no network here: the server (server.py) feeds messages in, the store (store.py) writes what comes out.
Times come from the injected clocks (`clock`: monotonic seconds for countdowns and the speed bonus, `now`: aware
datetimes for the records), never from a student's device.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from quizapp.classroom.countdown import QuestionTimer
from quizapp.classroom.projector import BASE_POINTS, Player, Standing, speed_bonus
from quizapp.errors import QuizappError
from quizapp.quiz.questions import Question
from quizapp.quiz.run import Outcome, Response, grade

LIVE_KINDS = ("choice", "truefalse", "typed", "cloze")  # ordering and matching are left out of live games
MAX_TEXT = 200
MAX_NICK = 24
MAX_FAILURES = 5  # wrong codes in a row for one student before a pause
LOCKOUT = 60.0
Phase = Literal["lobby", "question", "reveal", "board", "podium"]


class Refused(QuizappError):
    """A student's request the game turns down; `code` is the protocol's error code."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


def new_pin() -> str:
    return f"{secrets.randbelow(900000) + 100000}"


def new_token() -> str:
    return secrets.token_urlsafe(18)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@dataclass
class Seat:
    """A student (or guest) in the game; `first` is the first question they may answer (late joiners wait)."""

    id: str
    name: str
    guest: bool
    token: str  # sha256 of the seat's reconnect token; "" = recovered from answers, free for its student
    first: int = 0
    connected: bool = False


@dataclass(frozen=True)
class LiveAnswer:
    seat: str
    index: int  # the question's index in the session's quiz
    outcome: Outcome
    points: int
    bonus: int
    at: datetime


@dataclass
class LiveGame:
    questions: Sequence[Question]  # the session's whole quiz; only LIVE_KINDS are asked
    roster: Mapping[str, str]  # student id -> name (empty with guests)
    seconds: int  # per question; 0 = no limit
    clock: Callable[[], float]
    now: Callable[[], datetime]
    guests: bool = False
    teams: Mapping[str, Sequence[str]] = field(default_factory=dict)  # team name -> members
    pin: str = field(default_factory=new_pin)
    phase: Phase = "lobby"
    pos: int = -1  # position in `playable` of the current (or last) question
    seats: dict[str, Seat] = field(default_factory=dict)
    answers: dict[tuple[int, str], LiveAnswer] = field(default_factory=dict)  # change through keep() / forget()
    _failures: dict[str, tuple[int, float]] = field(default_factory=dict)
    _by_seat: dict[str, dict[int, LiveAnswer]] = field(default_factory=dict)  # the same answers, per player

    def __post_init__(self) -> None:
        self.timer = QuestionTimer(self.clock, self.seconds)

    @property
    def playable(self) -> list[int]:
        return [i for i, q in enumerate(self.questions) if q.kind in LIVE_KINDS]

    @property
    def index(self) -> int | None:
        """The quiz index of the current question; None in the lobby."""
        return self.playable[self.pos] if 0 <= self.pos < len(self.playable) else None

    @property
    def question(self) -> Question | None:
        i = self.index
        return None if i is None else self.questions[i]

    @property
    def number(self) -> int:
        """1-based number of the current question among the live ones."""
        return self.pos + 1

    @property
    def total(self) -> int:
        return len(self.playable)

    # -- joining ------------------------------------------------------------------------------------------------
    def check_pin(self, pin: object) -> None:
        if not isinstance(pin, str) or not secrets.compare_digest(pin.strip(), self.pin):
            raise Refused("bad_pin", "That PIN is not this game's. Look at the projector.")
        if self.phase == "podium":
            raise Refused("game_over", "This game is over.")

    def find_student(self, typed: object) -> str:
        """The roster id a student typed or picked, ignoring case; Refused when there is none."""
        if self.guests:
            raise Refused("guests_only", "This game is for guests: join with a nickname.")
        if isinstance(typed, str):
            folded = typed.strip().casefold()
            for sid in self.roster:
                if sid.casefold() == folded:
                    return sid
        raise Refused("unknown_student", "That id is not on the class list.")

    def check_not_locked(self, sid: str) -> None:
        count, since = self._failures.get(sid, (0, 0.0))
        if count >= MAX_FAILURES and self.clock() - since < LOCKOUT:
            raise Refused("locked", "Too many wrong codes. Wait a minute, then try again.")

    def code_failed(self, sid: str) -> Refused:
        count, _ = self._failures.get(sid, (0, 0.0))
        self._failures[sid] = (count + 1, self.clock())
        return Refused("bad_code", "That code is not right. Check the code on your card.")

    def taken(self, sid: str) -> bool:
        """A device holds this seat (a seat recovered from surviving answers is held by none)."""
        seat = self.seats.get(sid)
        return seat is not None and bool(seat.token)

    def seat_student(self, sid: str) -> tuple[Seat, str]:
        """Seat a student whose code was checked; a seat already taken needs the teacher to release it."""
        self._failures.pop(sid, None)
        if self.taken(sid):
            raise Refused("seat_taken", "You are already signed in on another device. Ask your teacher to release it.")
        recovered = self.seats.get(sid)
        seat, token = self._seat(sid, self.roster[sid], guest=False)
        if recovered is not None:
            seat.first = min(seat.first, recovered.first)  # they played before: no wait for the next question
        return seat, token

    def recover_seat(self, sid: str, name: str, guest: bool) -> None:
        """A player whose answers survive but whose seat record was lost: their seat is back, held by no device;
        the student takes it again with their code (a guest cannot: their seat stays for the scores)."""
        if sid not in self.seats and (guest or sid in self.roster):
            self.seats[sid] = Seat(sid, self.roster.get(sid, name), guest, "", 0)

    def seat_guest(self, nickname: object) -> tuple[Seat, str]:
        if not self.guests:
            raise Refused("roster_only", "This game is for the class list: pick your name and enter your code.")
        nick = " ".join(str(nickname or "").split())[:MAX_NICK]
        if not nick or not nick.isprintable():
            raise Refused("bad_nickname", "Choose a nickname (letters and digits).")
        if any(s.name.casefold() == nick.casefold() for s in self.seats.values()):
            raise Refused("nickname_taken", "Someone has that nickname. Choose another one.")
        number = 1 + max((int(s.id.split("-")[1]) for s in self.seats.values() if s.guest), default=0)
        return self._seat(f"guest-{number}", nick, guest=True)

    def _seat(self, sid: str, name: str, guest: bool) -> tuple[Seat, str]:
        token = new_token()
        late = self.phase != "lobby"
        seat = Seat(sid, name, guest, token_hash(token), self.pos + 1 if late else 0, connected=True)
        self.seats[sid] = seat
        return seat, token

    def reconnect(self, token: object) -> Seat:
        if isinstance(token, str) and token:
            digest = token_hash(token)
            for seat in self.seats.values():
                if secrets.compare_digest(seat.token, digest):
                    seat.connected = True
                    return seat
        raise Refused("bad_token", "Your seat was released or the game changed. Sign in again.")

    def release(self, sid: str) -> Seat | None:
        """Free a student's seat (they changed device); their answers and points stay."""
        seat = self.seats.get(sid)
        if seat is None or seat.guest:
            return None
        del self.seats[sid]
        return seat

    # -- questions -------------------------------------------------------------------------------------------
    def start(self) -> None:
        if self.phase == "lobby":
            self._open(max(self.pos, 0))

    def _open(self, pos: int) -> None:
        self.pos = pos
        self.phase = "question"
        self.timer.start()

    def remaining(self) -> float | None:
        return self.timer.remaining()

    @property
    def paused(self) -> bool:
        return self.timer.frozen and self.phase == "question"

    def pause(self) -> None:
        """Pause the question's countdown, or resume it."""
        if self.phase == "question":
            self.timer.toggle()

    def eligible(self) -> list[Seat]:
        """Seated players who may answer the current question."""
        return [s for s in self.seats.values() if s.first <= self.pos]

    def answered(self) -> int:
        i = self.index
        return sum(1 for s in self.eligible() if (i, s.id) in self.answers)

    def answer(self, sid: str, index: object, response: object) -> LiveAnswer:
        """Grade and keep one answer; one per seat and question, only while the question is open."""
        seat = self.seats.get(sid)
        if seat is None:
            raise Refused("no_seat", "Sign in first.")
        q = self.question
        if self.phase != "question" or q is None or index != self.index:
            raise Refused("closed", "That question is closed.")
        if seat.first > self.pos:
            raise Refused("late", "You joined during this question: you start with the next one.")
        if (self.index, sid) in self.answers:
            raise Refused("already_answered", "You already answered this question.")
        left = self.remaining()
        if left is not None and left <= 0:
            raise Refused("closed", "Time is up for this question.")
        parsed = parse_response(q, response)
        spent = round(self.timer.spent(), 2)
        outcome = grade(q, parsed, spent)
        bonus = speed_bonus(left or 0.0, self.seconds) if outcome.correct else 0  # frozen while paused
        points = BASE_POINTS + bonus if outcome.correct else 0
        got = LiveAnswer(sid, self.playable[self.pos], outcome, points, bonus, self.now())
        self.keep(got)
        return got

    def keep(self, got: LiveAnswer) -> None:
        """Add an answer (graded here, or read back from its results file when a game resumes)."""
        self.answers[(got.index, got.seat)] = got
        self._by_seat.setdefault(got.seat, {})[got.index] = got

    def forget(self, got: LiveAnswer) -> None:
        """Take back an answer that could not be saved (the student is told to try again)."""
        self.answers.pop((got.index, got.seat), None)
        self._by_seat.get(got.seat, {}).pop(got.index, None)

    def answers_of(self, sid: str) -> list[LiveAnswer]:
        """One player's answers in quiz order (as many as they answered, whatever the size of the class)."""
        return [a for _, a in sorted(self._by_seat.get(sid, {}).items())]

    def time_is_up(self) -> bool:
        return self.phase == "question" and self.timer.time_is_up()

    def everyone_answered(self) -> bool:
        everyone = self.eligible()
        return self.phase == "question" and bool(everyone) and self.answered() == len(everyone)

    def should_close(self) -> bool:
        return self.time_is_up() or self.everyone_answered()

    def close(self) -> None:
        if self.phase == "question":
            self.timer.stop()
            self.phase = "reveal"

    def advance(self) -> None:
        """Space: close the question, then the leaderboard, then the next question; after the last, the podium."""
        if self.phase == "lobby":
            self.start()
        elif self.phase == "question":
            self.close()
        elif self.phase == "reveal":
            self.phase = "board"
        elif self.phase == "board":
            if self.pos + 1 < self.total:
                self._open(self.pos + 1)
            else:
                self.phase = "podium"

    def skip(self) -> None:
        """Leave the current question without a reveal (answers given so far count) and open the next one."""
        if self.phase in ("question", "reveal", "board"):
            if self.pos + 1 < self.total:
                self._open(self.pos + 1)
            else:
                self.phase = "podium"

    def end(self) -> None:
        self.phase = "podium"

    # -- figures ---------------------------------------------------------------------------------------------
    def tally(self) -> list[tuple[str, int]]:
        """How many chose each option of the current question (typed: right, wrong)."""
        q, i = self.question, self.index
        given = [a for (n, _), a in self.answers.items() if n == i]
        if q is None:
            return []
        if q.kind in ("choice", "truefalse"):
            labels = list(q.options) if q.kind == "choice" else ["True", "False"]
            return [(label, sum(1 for a in given if a.outcome.given == label)) for label in labels]
        right = sum(1 for a in given if a.outcome.correct)
        return [("Right", right), ("Not right", len(given) - right)]

    def points(self) -> dict[str, int]:
        out = {sid: 0 for sid in self.seats}
        for a in self.answers.values():
            out[a.seat] = out.get(a.seat, 0) + a.points
        return out

    def names(self) -> dict[str, str]:
        return {**self.roster, **{s.id: s.name for s in self.seats.values()}}

    def standings(self) -> list[Standing]:
        """Players (students, guests or teams) by points; equal points share a rank."""
        pts = self.points()
        names = self.names()
        if self.teams:
            rows = [(f"team:{t}", t, sum(pts.get(m, 0) for m in ms)) for t, ms in self.teams.items()]
        else:
            rows = [(sid, names.get(sid, sid), p) for sid, p in pts.items()]
        rows.sort(key=lambda r: (-r[2], r[1].casefold()))
        out: list[Standing] = []
        for n, (pid, name, p) in enumerate(rows):
            rank = out[-1].rank if out and out[-1].points == p else n + 1
            out.append(Standing(rank, Player(pid, name, ""), p))
        return out

    def rank_of(self, sid: str, standings: Sequence[Standing] | None = None) -> int | None:
        """The rank of the student's player (their team with --teams); pass `standings` to reuse them."""
        team = next((t for t, ms in self.teams.items() if sid in ms), None)
        wanted = f"team:{team}" if team else sid
        table = standings if standings is not None else self.standings()
        return next((s.rank for s in table if s.player.id == wanted), None)


def parse_response(q: Question, response: object) -> Response:
    """A client's answer as the grader takes it; Refused("bad_answer") when it does not fit the question."""
    if q.kind == "choice":
        if isinstance(response, int) and not isinstance(response, bool) and 0 <= response < len(q.options):
            return response
    elif q.kind == "truefalse":
        if isinstance(response, bool):
            return response
    elif isinstance(response, str) and response.strip() and len(response) <= MAX_TEXT:
        return response.strip()
    raise Refused("bad_answer", "That answer does not fit this question.")


def public_question(q: Question) -> dict:
    """What a student's device is shown: never the answer."""
    options = list(q.options) if q.kind == "choice" else ["True", "False"] if q.kind == "truefalse" else []
    return {"kind": q.kind, "prompt": q.prompt, "options": options}
