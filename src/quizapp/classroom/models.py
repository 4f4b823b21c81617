"""The class file: class name, roster, optional teams and practice sessions. Unknown keys are errors."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from quizapp.decks.models import Id, Short
from quizapp.paths import safe_name

FORMAT_VERSION: Final = 1
ClassKind = Literal["choice", "truefalse", "typed", "cloze", "ordering", "matching"]
DEFAULT_KINDS: tuple[ClassKind, ...] = ("choice", "truefalse")


def _student_id(value: str) -> str:
    return safe_name(value, "student id")


def _session_name(value: str) -> str:
    return safe_name(value, "session name")


StudentId = Annotated[str, AfterValidator(_student_id)]
SessionName = Annotated[str, AfterValidator(_session_name)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ClassMeta(Strict):
    name: Short
    description: str = ""


class Student(Strict):
    """One student: `id` names their results files, `name` is what the class sees."""

    id: StudentId
    name: Short


class Team(Strict):
    name: Short
    members: list[StudentId] = Field(min_length=1)


class Session(Strict):
    """One practice session: which notes, how many questions, timing and attempts."""

    name: SessionName
    title: str = ""
    decks: list[Id] = Field([], description="Deck ids; empty means every deck.")
    tags: list[Id] = Field([], description="Only notes with any of these tags; empty means all.")
    questions: int = Field(10, ge=1, le=200)
    kinds: list[ClassKind] = Field(list(DEFAULT_KINDS), min_length=1)
    seconds: int = Field(30, ge=0, le=3600, description="Seconds per question; 0 means no limit.")
    seed: int | str | None = Field(None, description="Same seed, same quiz for every student; default: the name.")
    attempts: int = Field(1, ge=1, le=100)
    opens: AwareDatetime | None = None
    closes: AwareDatetime | None = None

    @field_validator("closes")
    @classmethod
    def _after_opens(cls, v: datetime | None, info: ValidationInfo) -> datetime | None:
        opens = info.data.get("opens")
        if v and opens and v <= opens:
            raise ValueError("closes must be later than opens")
        return v

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


class ClassFile(Strict):
    """A whole class file."""

    format: Literal[1] = FORMAT_VERSION
    class_: ClassMeta = Field(alias="class")
    students: list[Student] = []
    teams: list[Team] = []
    sessions: list[Session] = []

    def student(self, student_id: str) -> Student | None:
        return next((s for s in self.students if s.id == student_id), None)

    def session(self, name: str) -> Session | None:
        return next((s for s in self.sessions if s.name == name), None)


def reference_problems(cf: ClassFile) -> list[tuple[tuple[str | int, ...], str]]:
    """Problems one model cannot see: repeated ids and names, unknown team members."""
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
