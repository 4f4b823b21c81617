"""One results file per student and attempt: <class stem>-results/<session>/<student>-<attempt>.toml.

Every answer is saved at once by an atomic rewrite of the student's own file, so students never share a file and
an interrupted attempt resumes where it stopped. A lock file keeps one student from taking a session twice at once.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import tomli_w

from quizapp.classroom.errors import AttemptBusy, NoAttemptsLeft, QuizChanged, SessionClosed, UnknownStudent
from quizapp.classroom.models import ClassFile, Session
from quizapp.errors import CorruptFile
from quizapp.files.atomic import atomic_write, fsync_dir, sweep_temp_files, temp_prefix
from quizapp.paths import BadName, safe_name
from quizapp.quiz.run import Outcome
from quizapp.words import counted

GAMES = "_projector"
LIVE = "_live"  # <session>/_live/<game>/<student>-1.toml: one attempt per player and live game


def results_root(class_path: Path, override: Path | None = None) -> Path:
    """The class's results folder: --results DIR, else <class file stem>-results beside the class file."""
    return override if override is not None else class_path.parent / f"{class_path.stem}-results"


def session_dir(root: Path, session: str) -> Path:
    return _inside(root, root / safe_name(session, "session name"))


def attempt_path(root: Path, session: str, student: str, number: int) -> Path:
    return _inside(root, session_dir(root, session) / f"{safe_name(student, 'student id')}-{int(number)}.toml")


def _inside(root: Path, path: Path) -> Path:
    if not path.resolve().is_relative_to(root.resolve()):
        raise UnknownStudent(f"{path.name!r} would be written outside the results folder {root}")
    return path


@dataclass
class Attempt:
    """One student's attempt at one session, as saved."""

    path: Path
    class_name: str
    session: str
    student: str
    number: int
    quiz: str
    total: int
    started: datetime
    updated: datetime
    finished: datetime | None = None
    answers: list[dict] = field(default_factory=list)
    live: str = ""  # the live game it was played in; "" for assignments
    guest: bool = False  # a live game's guest (not on the roster), shown by `name`
    name: str = ""

    @property
    def answered(self) -> int:
        return len(self.answers)

    @property
    def score(self) -> int:
        return sum(bool(a.get("correct")) for a in self.answers)

    @property
    def seconds(self) -> float:
        return round(sum(float(a.get("seconds", 0)) for a in self.answers), 1)

    @property
    def done(self) -> bool:
        return self.finished is not None

    def to_toml(self) -> bytes:
        head: dict = {
            "class": self.class_name,
            "session": self.session,
            "student": self.student,
            "attempt": self.number,
            "quiz": self.quiz,
            "total": self.total,
            "started": self.started,
            "updated": self.updated,
        }
        if self.finished:
            head["finished"] = self.finished
        if self.live:
            head["live"] = self.live
        if self.guest:
            head.update(guest=True, name=self.name)
        return tomli_w.dumps({"attempt": head, "answers": self.answers}).encode("utf-8")

    @classmethod
    def read(cls, path: Path) -> Attempt:
        """Read a results file; raise CorruptFile when it cannot be understood."""
        try:
            data = tomllib.loads(path.read_text("utf-8"))
            h = data["attempt"]
            answers = [_answer(a) for a in data.get("answers", [])]
            times = [h["started"], h["updated"]] + ([h["finished"]] if "finished" in h else [])
            if not all(isinstance(t, datetime) and t.tzinfo for t in times):
                raise ValueError("started, updated and finished must be times with a time zone")
            return cls(
                path,
                str(h["class"]),
                str(h["session"]),
                str(h["student"]),
                int(h["attempt"]),
                str(h.get("quiz", "")),
                int(h["total"]),
                h["started"],
                h["updated"],
                h.get("finished"),
                answers,
                str(h.get("live", "")),
                h.get("guest", False) is True,
                str(h.get("name", "")),
            )
        except tomllib.TOMLDecodeError as e:
            m = re.search(r"line (\d+)", str(e))
            raise CorruptFile(path, int(m[1]) if m else None, str(e).split(" (at ")[0]) from None
        except (KeyError, TypeError, ValueError, UnicodeDecodeError, RecursionError, OverflowError) as e:
            raise CorruptFile(path, None, f"{type(e).__name__}: {e}") from None


def _answer(a: object) -> dict:
    """One saved answer, checked: the report adds up `correct` and `seconds`."""
    if not isinstance(a, dict):
        raise TypeError("each [[answers]] entry must be a table")
    if not isinstance(a.get("correct", False), bool):
        raise ValueError(f"correct = {a.get('correct')!r} is not true or false")
    seconds = a.get("seconds", 0)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 <= seconds < 10**7:
        raise ValueError(f"seconds = {seconds!r} is not a number of seconds")
    for key in ("notes", "tags"):
        ids = a.get(key, [])
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise ValueError(f"{key} = {ids!r} is not a list of ids"[:200])
    index = a.get("index", 0)
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < 10**6:
        raise ValueError(f"index = {index!r} is not a question number")
    return dict(a)


def answer_record(index: int, outcome: Outcome, tags: tuple[str, ...], at: datetime) -> dict:
    q = outcome.question
    return {
        "index": index,
        "notes": list(q.note_ids),
        "tags": list(tags),
        "kind": q.kind,
        "prompt": q.prompt,
        "expected": q.answer,
        "given": outcome.given,
        "correct": outcome.correct,
        "verdict": outcome.verdict,
        "seconds": outcome.seconds,
        "at": at,
    }


class OpenAttempt:
    """An attempt being taken: save each answer at once; close() releases the student's lock."""

    def __init__(self, attempt: Attempt, session: Session, lock_fd: int | None, resumed: bool):
        self.attempt, self.session, self._lock_fd, self.resumed = attempt, session, lock_fd, resumed

    @property
    def next_index(self) -> int:
        return self.attempt.answered

    def save(self, outcome: Outcome, tags: tuple[str, ...], now: datetime) -> None:
        """Record the answer to the next question and write the file before returning."""
        reason = self.session.closed_reason(now)
        if reason:
            raise SessionClosed(f"{reason}; your answers so far are saved")
        a = self.attempt
        a.answers.append(answer_record(a.answered, outcome, tags, now))
        a.updated = now
        if a.answered >= a.total:
            a.finished = now
        try:
            atomic_write(a.path, a.to_toml())
        except BaseException:
            a.answers.pop()
            a.finished = None
            raise

    def close(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    def __enter__(self) -> OpenAttempt:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_student(cf: ClassFile, student: str) -> str:
    """The roster's id for `student` (case does not matter) if it is a safe file name; UnknownStudent otherwise."""
    try:
        safe_name(student, "student id")
    except BadName as e:
        raise UnknownStudent(str(e)) from None
    folded = student.casefold()
    found = next((s.id for s in cf.students if s.id.casefold() == folded), None)
    if found is None:
        raise UnknownStudent(f"student {student!r} is not on the roster of {cf.class_.name!r}")
    return found


def student_attempts(root: Path, session: str, student: str) -> list[Attempt]:
    """This student's readable attempts, oldest first."""
    folder = session_dir(root, session)
    out = []
    for p in folder.glob("*.toml") if folder.is_dir() else []:
        stem, _, number = p.stem.rpartition("-")
        if stem == student and number.isdigit():
            out.append(Attempt.read(p))
    return sorted(out, key=lambda a: a.number)


def open_attempt(
    root: Path, cf: ClassFile, session: Session, student: str, *, quiz: str, total: int, now: datetime
) -> OpenAttempt:
    """Resume the student's unfinished attempt or start a new one; refuse closed sessions and used-up attempts."""
    student = check_student(cf, student)
    reason = session.closed_reason(now)
    if reason:
        raise SessionClosed(reason)
    folder = session_dir(root, session.name)
    folder.mkdir(parents=True, exist_ok=True)
    lock = _lock(folder, student)
    sweep(folder, student)
    try:
        attempts = student_attempts(root, session.name, student)
        unfinished = [a for a in attempts if not a.done]
        if unfinished:
            a = unfinished[-1]
            if a.quiz != quiz or a.total != total:
                raise QuizChanged(
                    f"{a.path}: the decks changed since this attempt started, so it cannot resume; ask your teacher"
                )
            return OpenAttempt(a, session, lock, resumed=True)
        if len(attempts) >= session.attempts:
            raise NoAttemptsLeft(
                f"student {student!r} has used all {counted(session.attempts, 'attempt')} of session {session.name!r}"
            )
        number = max((a.number for a in attempts), default=0) + 1
        a = Attempt(Path(), cf.class_.name, session.name, student, number, quiz, total, now, now)
        a.path = _claim(root, a)
        return OpenAttempt(a, session, lock, resumed=False)
    except BaseException:
        if lock is not None:
            os.close(lock)
        raise


def _claim(root: Path, a: Attempt) -> Path:
    """Create the attempt's file with its content, taking the next free number (no two writers share one)."""
    while True:
        path = attempt_path(root, a.session, a.student, a.number)
        a.path = path
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(a.to_toml())
                f.flush()
                os.fsync(f.fileno())
            os.link(tmp, path)  # fails if the file exists: the number is taken
            fsync_dir(path.parent)
            return path
        except FileExistsError:
            a.number += 1
        finally:
            os.unlink(tmp)


def sweep(folder: Path, student: str | None = None) -> list[Path]:
    """Delete what interrupted writes left in a session folder (`.student-01-1.toml.*.tmp`); returns what went.

    With `student` (whose lock the caller holds, so no one else writes their files), that student's temp files go.
    Without, the temp files of live games (written by one server process each) go when the process named in them
    is gone and they are over a minute old: the folder may be shared with other machines, where a pid says
    nothing, and an atomic write takes milliseconds."""
    if student is not None:
        own = re.compile(re.escape(student) + r"-\d+\.toml")
        return sweep_temp_files(folder, locked=True, names=lambda name: own.fullmatch(name) is not None)
    gone: list[Path] = []
    live = folder / LIVE
    for game in sorted(live.iterdir()) if live.is_dir() and not live.is_symlink() else []:
        if game.is_dir() and not game.is_symlink():
            gone += sweep_temp_files(game, locked=False, min_age=60.0)
    return gone


def _lock(folder: Path, student: str) -> int | None:
    from quizapp.files.locks import try_lock

    fd = try_lock(folder / f".{student}.lock", f"pid {os.getpid()}")
    if fd is None:
        raise AttemptBusy(f"student {student!r} is already taking this session in another window")
    return fd


def session_attempts(root: Path, session: str) -> tuple[list[Attempt], list[str]]:
    """Every readable attempt of a session (assignments and live games), and a warning for each file that could
    not be read. A file is credited to the student inside it only when its name agrees; otherwise it is damaged."""
    folder = session_dir(root, session)
    attempts: list[Attempt] = []
    warnings: list[str] = []
    if folder.is_dir():
        sweep(folder)
    files = sorted(folder.glob("*.toml")) + sorted(folder.glob(f"{LIVE}/*/*-*.toml")) if folder.is_dir() else []
    for p in files:
        try:
            a = Attempt.read(p)
            if p.stem != f"{a.student}-{a.number}":
                raise CorruptFile(
                    p, None, f"its name says {p.stem!r} but it holds student = {a.student!r}, attempt = {a.number}"
                )
            attempts.append(a)
        except CorruptFile as e:
            warnings.append(str(e))
        except OSError as e:
            warnings.append(f"{p}: {e.strerror or e}")
    return attempts, warnings


def save_game(root: Path, session: str, record: dict, started: datetime) -> Path:
    """Write (or rewrite) a projector game's record atomically."""
    folder = session_dir(root, session) / GAMES
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{started.strftime('%Y%m%dT%H%M%S')}.toml"
    atomic_write(path, tomli_w.dumps(record).encode("utf-8"))
    return path
