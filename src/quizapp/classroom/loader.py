"""Load a class file, reporting every problem as path:line:col: field: message."""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ValidationError

from quizapp.classroom import models
from quizapp.classroom.errors import ClassFileError
from quizapp.decks import Problem
from quizapp.tomlpos import Loc, key_positions, locate

MAX_CLASS_BYTES = 4 * 1024 * 1024
_AT = re.compile(r" \(at line (\d+), column (\d+)\)")
_TABLE_MODELS: dict[str, type[BaseModel]] = {
    "class": models.ClassMeta,
    "students": models.Student,
    "teams": models.Team,
    "sessions": models.Session,
}


def load_class(path: Path) -> models.ClassFile:
    """Parse and validate a class file; raise ClassFileError listing every problem."""
    shown = str(path)
    try:
        if path.stat().st_size > MAX_CLASS_BYTES:
            raise ClassFileError([Problem(shown, 1, 1, "file", f"larger than {MAX_CLASS_BYTES // 2**20} MB")])
        raw = path.read_bytes()
    except OSError as e:
        raise ClassFileError([Problem(shown, 1, 1, "file", e.strerror or str(e))]) from None
    return parse_class(raw, shown)


def parse_class(raw: bytes, shown: str) -> models.ClassFile:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ClassFileError([Problem(shown, line, 1, "file", f"not UTF-8 (byte {e.start})")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ClassFileError([_syntax_problem(shown, e)]) from None
    positions = key_positions(text)
    try:
        cf = models.ClassFile.model_validate(data)
    except ValidationError as e:
        raise ClassFileError([_problem(shown, positions, err) for err in e.errors()]) from None
    refs = models.reference_problems(cf)
    if refs:
        raise ClassFileError([at(shown, positions, loc, msg) for loc, msg in refs])
    return cf


def _syntax_problem(shown: str, e: tomllib.TOMLDecodeError) -> Problem:
    """Python 3.11's TOMLDecodeError keeps the position only in its message: '... (at line 2, column 9)'."""
    m = _AT.search(str(e))
    line = getattr(e, "lineno", None) or (int(m[1]) if m else 1)
    col = getattr(e, "colno", None) or (int(m[2]) if m else 1)
    msg = getattr(e, "msg", None) or _AT.sub("", str(e))
    return Problem(shown, line, col, "toml", f"syntax error: {msg}")


def at(shown: str, positions: dict[Loc, tuple[int, int]], loc: Loc, message: str) -> Problem:
    """A problem located at the longest known prefix of `loc`."""
    line, col = locate(positions, loc)
    return Problem(shown, line, col, dotted(loc), message)


def dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "class"


def _problem(shown: str, positions: dict[Loc, tuple[int, int]], err: dict) -> Problem:
    loc: Loc = tuple(err["loc"])
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
        msg = f"unknown key {loc[-1]!r}" + _hint(loc)
    elif err["type"] == "missing":
        msg = "required field is missing"
    elif err["type"] == "timezone_aware":
        msg = "give a time zone, e.g. 2026-03-02T08:00:00Z or 2026-03-02T08:00:00+05:00"
    if loc and isinstance(loc[-1], str) and loc[-1] in ("int", "str") and len(loc) > 1:
        loc = loc[:-1]  # union members (seed = int | str) add their type name to the path
    return at(shown, positions, loc, msg)


def _hint(loc: Loc) -> str:
    parent = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), None)
    model = _TABLE_MODELS.get(parent) if parent else None
    names = [f.alias or n for n, f in (model or models.ClassFile).model_fields.items()]
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else f"; allowed: {', '.join(names)}"
