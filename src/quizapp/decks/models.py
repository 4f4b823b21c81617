"""Deck format v1: the immutable classes a deck is made of, and the rule each field follows.

A deck is metadata, its sources, and notes (facts). One note yields several question kinds. Ids are written
by the author and never derived from text.

The classes are typing.NamedTuples: light (a note is one tuple), fast to rebuild from the deck cache, and
free of pydantic, so opening cached decks never imports it. quizapp.decks.schema checks files against these classes
with pydantic, which reads each field's `Rule` from its annotation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date as _date
from functools import lru_cache
from types import UnionType
from typing import Annotated, Any, Final, Literal, NamedTuple, Union, get_args, get_origin, get_type_hints

FORMAT_VERSION: Final = 1

CLOZE_RE = re.compile(r"\{\{c(\d+)::(.+?)(?:::(.+?))?\}\}")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Rule:
    """How one field is checked: string limits, a table (not a list or value), a check that raises ValueError,
    and the description shown in the JSON Schema. Plain data; pydantic reads it through the two hooks."""

    __slots__ = ("description", "pattern", "strip", "min_length", "max_length", "table", "check")

    def __init__(
        self,
        description: str | None = None,
        *,
        pattern: str | None = None,
        strip: bool = False,
        min_length: int | None = None,
        max_length: int | None = None,
        table: bool = False,
        check: Callable[[Any], Any] | None = None,
    ):
        self.description, self.pattern, self.strip = description, pattern, strip
        self.min_length, self.max_length, self.table, self.check = min_length, max_length, table, check

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema as cs

        members = get_args(source) if get_origin(source) in (Union, UnionType) else ()
        if (self.table or self.check) and type(None) in members:  # None skips the table test and the check
            rest = tuple(m for m in members if m is not type(None))
            inner = rest[0] if len(rest) == 1 else Union[rest]  # noqa: UP007 - a Union built at run time
            return cs.nullable_schema(self._checked(cs, self._base(cs, inner, handler.generate_schema)))
        return self._checked(cs, self._base(cs, source, handler))

    def _base(self, cs: Any, source: Any, generate: Callable[[Any], Any]) -> Any:
        if source is str and (self.pattern or self.strip or self.min_length or self.max_length):
            return cs.str_schema(
                pattern=self.pattern,
                strip_whitespace=self.strip or None,
                min_length=self.min_length,
                max_length=self.max_length,
            )
        return generate(source)

    def _checked(self, cs: Any, schema: Any) -> Any:
        """`schema` taking only a dict (when `table`, so a TOML array is never read as a table's values in
        order), followed by `check`."""
        if self.table:
            schema = cs.no_info_before_validator_function(_need_table, schema)
        return cs.no_info_after_validator_function(self.check, schema) if self.check else schema

    def __get_pydantic_json_schema__(self, core: Any, handler: Any) -> Any:
        out = handler(core)
        if self.description:
            out["description"] = self.description
        return out


def _need_table(value: Any) -> Any:
    if not isinstance(value, dict):
        raise ValueError("must be a table: key = value pairs under [its.name] or { key = value }")
    return value


def _id(
    description: str = "Stable id: lower-case letters, digits, '.', '_' or '-'; never derived from the text.",
) -> Rule:
    return Rule(description, pattern=r"^[a-z0-9][a-z0-9._-]{0,79}$")


def _text(description: str | None = None, max_length: int = 4000, check: Callable[[Any], Any] | None = None) -> Rule:
    """Text that is trimmed and must not be empty (one Rule per field: rules on the same text do not stack)."""
    return Rule(description, strip=True, min_length=1, max_length=max_length, check=check)


Id = Annotated[str, _id()]
Text = Annotated[str, _text()]
Short = Annotated[str, _text(max_length=400)]


@lru_cache(maxsize=4096)  # the same years and dates come back again and again in a big deck
def parse_partial_date(text: str) -> tuple[int, int, int]:
    """'2015', '2015-10' or '2015-10-16' -> sortable (year, month, day); 0 for missing parts."""
    m = _DATE_RE.match(text)
    if not m:
        raise ValueError(f"date {text!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    if mo and not 1 <= mo <= 12:
        raise ValueError(f"month in {text!r} is out of range")
    if d:
        try:
            _date(y, mo, d)
        except ValueError:
            raise ValueError(f"date {text!r} does not exist") from None
    return y, mo, d


def cloze_deletions(text: str) -> list[tuple[int, str, str | None]]:
    """(number, answer, hint) for each {{cN::answer::hint}} in a cloze text."""
    return [(int(m[1]), m[2], m[3]) for m in CLOZE_RE.finditer(text)]


def _valid_date(text: str) -> str:
    parse_partial_date(text)
    return text


def _has_deletion(text: str) -> str:
    if not CLOZE_RE.search(text):
        raise ValueError("cloze text needs at least one deletion like {{c1::answer}}")
    return text


class DeckMeta(NamedTuple):
    """Who the deck is for and what it covers."""

    id: Id
    title: Short
    description: str = ""
    language: str = "en"
    version: str = "1.0"
    tags: tuple[Id, ...] = ()
    authors: tuple[Short, ...] = ()


SourceKind = Literal["official", "encyclopedia", "speech", "article", "book", "web", "document", "other"]


class Source(NamedTuple):
    """A document that notes cite."""

    id: Id
    title: Short
    publisher: str | None = None
    author: str | None = None
    date: str | None = None
    kind: SourceKind = "other"
    url: str | None = None


class Conflict(NamedTuple):
    """Another source that says otherwise."""

    source: Annotated[str, _id("Id of the source that disagrees.")]
    says: Annotated[str, _text("What that source says, in your own words.")]
    quote: Annotated[str | None, Rule("Optional verbatim quote from that source.")] = None


class Basic(NamedTuple):
    front: Text
    back: Text
    reverse: bool = False


class Typed(NamedTuple):
    prompt: Text
    answer: Short
    accept: Annotated[tuple[Short, ...], Rule("Other answers that count as right.")] = ()


class Cloze(NamedTuple):
    text: Annotated[str, _text("Sentence with deletions: {{c1::answer}} or {{c1::answer::hint}}.", check=_has_deletion)]


class Choice(NamedTuple):
    prompt: Text
    answer: Short
    distractors: Annotated[tuple[Short, ...], Rule("Wrong options; omit to draw them from `pool`.")] = ()
    pool: Annotated[Id | None, Rule("Draw distractors from other notes' answers in this pool.")] = None


def _check_choice(c: Choice) -> Choice:
    if not c.distractors:
        if not c.pool:
            raise ValueError("give at least one distractor or a pool to draw them from")
        return c
    folded = [d.casefold() for d in c.distractors]
    low = c.answer.casefold()
    if low in folded:
        raise ValueError(f"distractor {c.distractors[folded.index(low)]!r} is the same as the answer")
    if len(set(folded)) != len(folded):
        repeated = next(d for d, f in zip(c.distractors, folded, strict=True) if folded.count(f) > 1)
        raise ValueError(f"distractor {repeated!r} is given twice")
    return c


class TrueFalse(NamedTuple):
    false: Annotated[str, _text("A plausible but false variant of the statement.")]
    correction: Annotated[str, _text("Why the false variant is wrong.")]


class Match(NamedTuple):
    group: Annotated[str, _id("Pairs of the same group are matched together, e.g. 'person-office'.")]
    left: Short
    right: Short


StudyKind = Literal["basic", "typed", "cloze"]
TABLE = Rule(table=True)


class Note(NamedTuple):
    """One fact, its citation, and the fields each question kind needs."""

    id: Id
    statement: Text
    source: Id
    locator: Annotated[str, _text("Where in the source: section, paragraph.", max_length=400)]
    quote: Annotated[str, _text("Short verbatim quote from the source that supports the note.")]
    tags: tuple[Id, ...] = ()
    date: Annotated[str | None, Rule("YYYY, YYYY-MM or YYYY-MM-DD, for timelines.", check=_valid_date)] = None
    event: Annotated[Short | None, Rule("Short label of the dated event, for ordering questions.")] = None
    explanation: str | None = None
    conflict: Annotated[Conflict | None, TABLE] = None
    draft: bool = False
    study: Annotated[StudyKind | None, Rule("How the flashcard is shown; default basic, cloze, typed.")] = None
    basic: Annotated[Basic | None, TABLE] = None
    typed: Annotated[Typed | None, TABLE] = None
    cloze: Annotated[Cloze | None, TABLE] = None
    choice: Annotated[Choice | None, Rule(table=True, check=_check_choice)] = None
    truefalse: Annotated[TrueFalse | None, TABLE] = None
    match: Annotated[Match | None, TABLE] = None

    def study_kind(self) -> StudyKind | None:
        if self.study:
            return self.study
        for kind in ("basic", "cloze", "typed"):
            if getattr(self, kind) is not None:
                return kind
        return None

    def sort_key(self) -> tuple[int, int, int]:
        return parse_partial_date(self.date) if self.date else (9999, 99, 99)


def _check_note(n: Note) -> Note:
    if n.study_kind() is None and not (n.choice or n.truefalse):
        raise ValueError("a note needs at least one question: basic, typed, cloze, choice or truefalse")
    if n.study is not None and getattr(n, n.study) is None:
        raise ValueError(f"study = {n.study!r} but the note has no [{n.study}] table")
    if n.event and not n.date:
        raise ValueError("event needs a date")
    return n


class Deck(NamedTuple):
    """A whole deck file."""

    deck: Annotated[DeckMeta, TABLE]
    format: Literal[1] = FORMAT_VERSION
    sources: tuple[Annotated[Source, TABLE], ...] = ()
    notes: tuple[Annotated[Note, Rule(table=True, check=_check_note)], ...] = ()

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


def _object_schema(cls: type, core: Any, handler: Any) -> dict[str, Any]:
    """JSON Schema of a table: an object with these keys. pydantic describes a NamedTuple as an array with one
    item per field, in order; the items become the object's properties."""
    array = handler.resolve_ref_schema(handler(core))
    fields: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
    defaults: dict[str, Any] = cls._field_defaults  # type: ignore[attr-defined]
    hints = get_type_hints(cls, include_extras=True)
    props: dict[str, Any] = {}
    for name, prop in zip(fields, array.get("prefixItems", ()), strict=False):
        prop.pop("title", None)  # pydantic's title for the array item ("Back" for back); a key names itself
        props[name] = prop
        if "description" not in prop and (text := _description(hints.get(name))):
            prop["description"] = text
    required = [name for name in fields if name not in defaults]
    out = {"type": "object", "title": cls.__name__, "properties": props, "additionalProperties": False}
    if cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("):
        out["description"] = cls.__doc__
    return out | ({"required": required} if required else {})


def _description(hint: Any) -> str | None:
    """The description of the first Rule that has one, outermost first, in a field's Annotated type."""
    while get_origin(hint) is Annotated:
        hint, *extras = get_args(hint)
        text = next((r.description for r in extras if isinstance(r, Rule) and r.description), None)
        if text:
            return text
    return None


MODELS: tuple[type, ...] = (DeckMeta, Source, Conflict, Basic, Typed, Cloze, Choice, TrueFalse, Match, Note, Deck)
TABLES: dict[str, type] = {
    "deck": DeckMeta,
    "sources": Source,
    "notes": Note,
    "conflict": Conflict,
    "basic": Basic,
    "typed": Typed,
    "cloze": Cloze,
    "choice": Choice,
    "truefalse": TrueFalse,
    "match": Match,
}
for _cls in MODELS:
    _cls.__get_pydantic_json_schema__ = classmethod(_object_schema)  # type: ignore[attr-defined]


def table_type(cls: type, key: str) -> type | None:
    """The class of the table under `key` in `cls` (Note + "cloze" -> Cloze), or None for a plain value."""
    return TABLES.get(key) if key in cls._fields and key in TABLES else None  # type: ignore[attr-defined]


def to_data(value: Any, *, exclude_defaults: bool = False, exclude_none: bool = False) -> Any:
    """Plain TOML/JSON-ready data: tables as dicts, arrays as lists; optionally without defaults or Nones."""
    if isinstance(value, MODELS):
        row: Any = value  # one of this module's NamedTuples
        defaults = row._field_defaults
        out = {}
        for name, v in zip(row._fields, row, strict=True):
            if (exclude_none and v is None) or (exclude_defaults and name in defaults and defaults[name] == v):
                continue
            out[name] = to_data(v, exclude_defaults=exclude_defaults, exclude_none=exclude_none)
        return out
    if isinstance(value, (tuple, list)):
        return [to_data(v, exclude_defaults=exclude_defaults, exclude_none=exclude_none) for v in value]
    return value


def reference_problems(deck: Deck) -> list[tuple[tuple[str | int, ...], str]]:
    """Problems a single table cannot show: duplicate ids and unknown source ids, with their locations."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    sources: set[str] = set()
    for i, s in enumerate(deck.sources):
        if s.id in sources:
            problems.append((("sources", i, "id"), f"duplicate source id {s.id!r}"))
        sources.add(s.id)
    notes: set[str] = set()
    for i, n in enumerate(deck.notes):
        if n.id in notes:
            problems.append((("notes", i, "id"), f"duplicate note id {n.id!r}"))
        notes.add(n.id)
        if n.source not in sources:
            problems.append((("notes", i, "source"), f"unknown source {n.source!r}; declare it under [[sources]]"))
        if n.conflict and n.conflict.source not in sources:
            problems.append((("notes", i, "conflict", "source"), f"unknown source {n.conflict.source!r}"))
    return problems
