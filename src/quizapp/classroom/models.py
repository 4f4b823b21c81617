"""The class file: class name, roster, optional teams and practice sessions. Unknown keys are errors.

Like the decks (quizapp.decks.models), the classes are typing.NamedTuples whose rules sit in their annotations;
quizapp.decks.schema checks a file against them with pydantic's TypeAdapter. The file's `class` table is the
field `class_` (a NamedTuple field cannot be named after a keyword); the loader maps the key."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Final, Literal, NamedTuple

from annotated_types import Ge, Le

from quizapp.decks.models import TABLE, Id, Rule, Short
from quizapp.paths import safe_name

FORMAT_VERSION: Final = 1
ClassKind = Literal["choice", "truefalse", "typed", "cloze", "ordering", "matching"]
DEFAULT_KINDS: tuple[ClassKind, ...] = ("choice", "truefalse")


def _student_id(value: str) -> str:
    return safe_name(value, "student id")


def _session_name(value: str) -> str:
    return safe_name(value, "session name")


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        raise ValueError("give a time zone, e.g. 2026-03-02T08:00:00Z or 2026-03-02T08:00:00+05:00")
    return value


def _not_empty(items: tuple[object, ...]) -> tuple[object, ...]:
    if not items:
        raise ValueError("List should have at least 1 item after validation, not 0")
    return items


StudentId = Annotated[str, Rule(check=_student_id)]
SessionName = Annotated[str, Rule(check=_session_name)]
AwareTime = Annotated[datetime | None, Rule(check=_aware)]


class ClassMeta(NamedTuple):
    name: Short
    description: str = ""


class Student(NamedTuple):
    """One student: `id` names their results files, `name` is what the class sees."""

    id: StudentId
    name: Short


class Team(NamedTuple):
    name: Short
    members: Annotated[tuple[StudentId, ...], Rule(check=_not_empty)]


class Session(NamedTuple):
    """One practice session: which notes, how many questions, timing and attempts."""

    name: SessionName
    title: str = ""
    decks: Annotated[tuple[Id, ...], Rule("Deck ids; empty means every deck.")] = ()
    tags: Annotated[tuple[Id, ...], Rule("Only notes with any of these tags; empty means all.")] = ()
    questions: Annotated[int, Ge(1), Le(200)] = 10
    kinds: Annotated[tuple[ClassKind, ...], Rule(check=_not_empty)] = DEFAULT_KINDS
    seconds: Annotated[int, Ge(0), Le(3600), Rule("Seconds per question; 0 means no limit.")] = 30
    seed: Annotated[int | str | None, Rule("Same seed, same quiz for every student; default: the name.")] = None
    attempts: Annotated[int, Ge(1), Le(100)] = 1
    opens: AwareTime = None
    closes: AwareTime = None

    @property
    def quiz_seed(self) -> int | str:
        return self.seed if self.seed is not None else self.name

    @property
    def label(self) -> str:
        return self.title or self.name

    def closed_reason(self, now: datetime) -> str | None:
        """Why the session cannot be taken at `now` (an aware datetime), or None when it is open."""
        if self.opens and now < self.opens:
            return f"session {self.name!r} opens at {_when(self.opens)}"
        if self.closes and now >= self.closes:
            return f"session {self.name!r} closed at {_when(self.closes)}"
        return None


class ClassFile(NamedTuple):
    """A whole class file."""

    class_: Annotated[ClassMeta, TABLE]
    format: Literal[1] = FORMAT_VERSION
    students: tuple[Annotated[Student, TABLE], ...] = ()
    teams: tuple[Annotated[Team, TABLE], ...] = ()
    sessions: tuple[Annotated[Session, TABLE], ...] = ()

    def student(self, student_id: str) -> Student | None:
        return next((s for s in self.students if s.id == student_id), None)

    def session(self, name: str) -> Session | None:
        return next((s for s in self.sessions if s.name == name), None)


TABLES: dict[str, type] = {"class": ClassMeta, "students": Student, "teams": Team, "sessions": Session}


def reference_problems(cf: ClassFile) -> list[tuple[tuple[str | int, ...], str]]:
    """Problems one table cannot see: repeated ids and names, unknown team members, a session closing before
    it opens."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    ids: set[str] = set()
    for i, s in enumerate(cf.students):
        if s.id.casefold() in ids:
            problems.append((("students", i, "id"), f"duplicate student id {s.id!r} (ids are compared ignoring case)"))
        ids.add(s.id.casefold())
    names: set[str] = set()
    for i, se in enumerate(cf.sessions):
        if se.name.casefold() in names:
            problems.append((("sessions", i, "name"), f"duplicate session name {se.name!r}"))
        names.add(se.name.casefold())
        if se.opens and se.closes and se.closes <= se.opens:
            problems.append((("sessions", i, "closes"), "closes must be later than opens"))
    team_names: set[str] = set()
    placed: dict[str, str] = {}
    for i, t in enumerate(cf.teams):
        if t.name.casefold() in team_names:
            problems.append((("teams", i, "name"), f"duplicate team name {t.name!r}"))
        team_names.add(t.name.casefold())
        for m in t.members:
            if cf.student(m) is None:
                problems.append((("teams", i, "members"), f"unknown student {m!r}; add them under [[students]]"))
            elif m in placed:
                problems.append((("teams", i, "members"), f"student {m!r} is already in team {placed[m]!r}"))
            placed.setdefault(m, t.name)
    return problems


def _when(moment: datetime) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")
