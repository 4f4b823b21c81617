"""Validate a TOML file against a model; every problem as path:line:col: field: message.

A model is a NamedTuple checked by the Schema's validate function (pydantic's TypeAdapter, see
quizapp.decks.schema); pydantic is imported only when a file is checked."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from quizapp import memory
from quizapp.errors import Problem, ProblemsError, QuizappError
from quizapp.files import tomlread
from quizapp.files.tomlpos import Loc, key_positions, locate, nesting_line

_AT = re.compile(r" \(at line (\d+), column (\d+)\)")
_MESSAGES = {
    "missing": "required field is missing",
    "missing_argument": "required field is missing",
    "timezone_aware": "give a time zone, e.g. 2026-03-02T08:00:00Z or 2026-03-02T08:00:00+05:00",
}


@dataclass(frozen=True)
class Schema:
    """What to check a file against: the root model, the model of each named table, and cross-references."""

    root: type
    tables: Mapping[str, type]
    validate: Callable[[type, Any], Any]  # (root, data) -> the model; raises pydantic's ValidationError
    references: Callable[[Any], list[tuple[Loc, str]]] | None = None
    root_name: str = "file"
    renamed: Mapping[str, str] = field(default_factory=dict)  # a top-level file key -> its field ("class" -> "class_")

    def field_key(self, name: str | int) -> str | int:
        """The key in the file of the top-level field `name`."""
        return next((key for key, f in self.renamed.items() if f == name), name)


def check(
    raw: bytes, shown: str, schema: Schema, error: Callable[[list[Problem]], QuizappError] = ProblemsError
) -> Any:
    """Decode, parse and validate `raw`; raise `error` listing every problem, each placed on its line."""
    from pydantic import ValidationError

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise error([Problem(shown, line, 1, "file", f"not UTF-8 (byte {e.start})")]) from None
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        raise error([Problem(shown, line, 1, "file", "contains a NUL character")])
    with memory.gc_held():  # bulk parsing and validation make no cycles; the cyclic GC would only slow them down
        try:
            data = tomlread.loads(text)
            if schema.renamed and isinstance(data, dict):
                literal = [k for k in data if k in schema.renamed.values()]  # a field's own name is not a file key
                if literal:
                    where = key_positions(text)
                    raise error([at(shown, where, (literal[0],), f"unknown key {literal[0]!r}", schema.root_name)])
                data = {schema.renamed.get(k, k): v for k, v in data.items()}
            model = schema.validate(schema.root, data)
        except tomllib.TOMLDecodeError as e:
            raise error([syntax_problem(shown, e)]) from None
        except ValidationError as e:
            positions = key_positions(text)  # only needed to place problems
            problems = [_problem(shown, positions, err, schema) for err in e.errors()]
            seen = {(p.field, p.message) for p in problems}
            for loc, msg in _references_despite(data, e, schema, ValidationError):  # every problem in one pass
                p = at(shown, positions, loc, msg, schema.root_name)
                if (p.field, p.message) not in seen:
                    problems.append(p)
            raise error(problems) from None
        except RecursionError:
            line = nesting_line(text) or 1
            raise error([Problem(shown, line, 1, "file", "nested too deeply")]) from None
    refs = schema.references(model) if schema.references else []
    if refs:
        positions = key_positions(text)
        raise error([at(shown, positions, loc, msg, schema.root_name) for loc, msg in refs])
    return model


def _references_despite(data: Any, err: Exception, schema: Schema, invalid: type[Exception]) -> list[tuple[Loc, str]]:
    """Cross-reference problems of a file whose fields are also wrong: the bad fields are left out (a few
    rounds at most) and the rest is validated again, so a bad field does not hide an unknown reference."""
    if not schema.references:
        return []
    data = _tree_copy(data)
    for _ in range(5):
        dropped = False
        for e in err.errors():  # type: ignore[attr-defined]
            *parents, key = e["loc"] or ("",)
            holder = data
            for part in parents:
                holder = holder[part] if isinstance(holder, (dict, list)) and _has(holder, part) else None
            if e["type"] not in ("missing", "missing_argument") and isinstance(holder, dict) and key in holder:
                del holder[key]
                dropped = True
        if not dropped:
            return []
        try:
            model = (
                schema.validate(schema.root, data) if schema.validate is not None else schema.root.model_validate(data)
            )
        except invalid as again:
            err = again
            continue
        return schema.references(model)
    return []


def _tree_copy(value: Any) -> Any:
    """A copy of the tables and arrays (the values themselves are shared: dates, times and strings)."""
    if isinstance(value, dict):
        return {k: _tree_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tree_copy(v) for v in value]
    return value


def _has(holder: Any, part: Any) -> bool:
    return part in holder if isinstance(holder, dict) else isinstance(part, int) and 0 <= part < len(holder)


def field_names(model: type) -> list[str]:
    """The keys a table of `model` may hold."""
    return list(model._fields)  # type: ignore[attr-defined]


def syntax_problem(shown: str, e: tomllib.TOMLDecodeError) -> Problem:
    """Python 3.11's TOMLDecodeError keeps the position only in its message: '... (at line 2, column 9)'."""
    m = _AT.search(str(e))
    line, col = (int(m[1]), int(m[2])) if m else (1, 1)
    return Problem(shown, line, col, "toml", f"syntax error: {_AT.sub('', str(e))}")


def at(shown: str, positions: dict[Loc, tuple[int, int]], loc: Loc, message: str, root_name: str = "file") -> Problem:
    """A problem placed at the longest known prefix of `loc`."""
    line, col = locate(positions, loc)
    return Problem(shown, line, col, dotted(loc, root_name), message)


def dotted(loc: Loc, root_name: str = "file") -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or root_name


def _problem(shown: str, positions: dict[Loc, tuple[int, int]], err: Mapping[str, Any], schema: Schema) -> Problem:
    loc: Loc = tuple(err["loc"])
    if loc:
        loc = (schema.field_key(loc[0]), *loc[1:])
    msg = _MESSAGES.get(err["type"], err["msg"].removeprefix("Value error, "))
    if err["type"] in ("extra_forbidden", "unexpected_keyword_argument") and loc and isinstance(loc[-1], str):
        msg = f"unknown key {loc[-1]!r}" + _hint(loc, schema)
    if len(loc) > 1 and loc[-1] in ("int", "str", "float", "bool"):
        loc = loc[:-1]  # union members (e.g. seed = int | str) add their type name to the path
    name, given = (loc[-1] if loc else ""), err.get("input")
    if err["type"] in ("tuple_type", "list_type") and isinstance(given, str) and isinstance(name, str):
        msg = f"{name} must be a list, e.g. {name} = [{_toml_str(given)}]"
    elif err["type"] == "string_type" and isinstance(given, (int, float)) and isinstance(name, str):
        what = "the date" if name == "date" else "it"
        msg = f"write {what} in quotes: {name} = {_toml_str(str(given))}"
    return at(shown, positions, loc, msg, schema.root_name)


def _toml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _hint(loc: Loc, schema: Schema) -> str:
    parent = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), None)
    model = schema.tables.get(parent, schema.root) if parent else schema.root
    names = field_names(model) if parent else [str(schema.field_key(n)) for n in field_names(model)]
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else f"; allowed: {', '.join(names)}"
