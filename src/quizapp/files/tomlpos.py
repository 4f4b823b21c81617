"""Map a TOML key path such as ("notes", 3, "choice", "answer") to its line and column.

tomllib keeps no positions, so this scans the text for table headers and keys.
It understands the subset decks use: tables, arrays of tables, plain and inline-table keys.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")
_INLINE_KEY = re.compile(r"""[{,]\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")

Loc = tuple[str | int, ...]


def _parts(dotted: str) -> list[str]:
    return [p.strip().strip("\"'") for p in dotted.split(".")]


def key_positions(text: str) -> dict[Loc, tuple[int, int]]:
    """Every key path found in `text` -> (line, column), both 1-based."""
    positions: dict[Loc, tuple[int, int]] = {}
    counters: dict[tuple[str, ...], int] = {}
    table: Loc = ()
    in_multiline = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                in_multiline = False
            continue
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            names = _parts(header[2])
            if header[1] == "[[":
                array = tuple(names)
                counters[array] = counters.get(array, -1) + 1
                table = _resolve(names[:-1], counters) + (names[-1], counters[array])
            else:
                table = _resolve(names, counters)
            positions.setdefault(table, (lineno, 1))
            continue
        key = _KEY.match(line)
        if not key:
            continue
        path = table + tuple(_parts(key[1]))
        col = len(line) - len(line.lstrip()) + 1
        positions.setdefault(path, (lineno, col))
        rest = line[key.end() :]
        for inner in _INLINE_KEY.finditer(rest):
            name = inner[1].strip("\"'")
            positions.setdefault(path + (name,), (lineno, key.end() + inner.start(1) + 1))
        if rest.count('"""') % 2 == 1 or rest.count("'''") % 2 == 1:
            in_multiline = True
    return positions


def _resolve(names: list[str], counters: dict[tuple[str, ...], int]) -> Loc:
    """Turn ["notes", "choice"] into ("notes", <current index>, "choice")."""
    out: list[str | int] = []
    for i, name in enumerate(names):
        out.append(name)
        idx = counters.get(tuple(names[: i + 1]))
        if idx is not None:
            out.append(idx)
    return tuple(out)


def locate(positions: dict[Loc, tuple[int, int]], loc: Loc) -> tuple[int, int]:
    """Position of the longest known prefix of `loc`; (1, 1) when nothing matches."""
    for end in range(len(loc), 0, -1):
        pos = positions.get(tuple(loc[:end]))
        if pos:
            return pos
    return (1, 1)


def nesting_line(text: str, limit: int = 100) -> int | None:
    """The line where arrays and inline tables first nest deeper than `limit` (where a parser gives up with
    "nested too deeply"); brackets inside strings are not told apart, which only matters for such a file."""
    depth = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]") and "=" not in stripped:
            continue  # a table header
        for ch in line:
            if ch in "[{":
                depth += 1
                if depth > limit:
                    return lineno
            elif ch in "]}":
                depth = max(0, depth - 1)
    return None
