"""Find a note's text in a deck file and patch a tomlkit table in place, keeping comments and key order."""

from __future__ import annotations

import re
from typing import Any

import tomlkit
from tomlkit.items import AoT, InlineTable, Item, String, Table

from quizapp.decks.models import table_type, to_data
from quizapp.errors import QuizappError

_NOTES_HEADER = re.compile(r"[ \t]*\[\[[ \t]*notes[ \t]*\]\][^\n]*\n")


class LayoutProblem(QuizappError):
    """The file is written in a way this editor cannot change safely."""


def own_length(content: str) -> int:
    """Length of `content` without its trailing blank and comment-only lines (they belong to what follows)."""
    lines = content.splitlines(keepends=True)
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return sum(map(len, lines))


_COMMENTED_TOML = re.compile(r"^\s*#\s*(?:\[notes\.|[a-z_]+\s*=)", re.M)


def _with_commented_tables(content: str) -> int:
    """Length of `content` with the trailing comment paragraphs that hold commented-out note tables or keys
    (the "other question kinds" block of `deck new`); a free comment after them belongs to what follows."""
    end = own_length(content)
    rest = content[end:]
    pos = 0
    for para in re.split(r"(\n\s*\n)", rest):
        if para.strip() and not _COMMENTED_TOML.search(para):
            break
        pos += len(para)
        if para.strip():
            end_here = pos
            end = own_length(content) + end_here
    return end


def note_spans(text: str, doc: tomlkit.TOMLDocument, shown: str, *, whole: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each note in `text`: from its `[[notes]]` line to the end of its last key or table, or
    with `whole`, to the end of the comment lines after it (a commented "other question kinds" block)."""
    notes = doc.get("notes")
    if notes is None:
        return []
    if not isinstance(notes, AoT):
        raise LayoutProblem(f"{shown}: notes must be written as [[notes]] tables to be edited here")
    spans: list[tuple[int, int]] = []
    pos = 0
    for table in notes.body:
        content = table.as_string()
        start = text.find(content, pos)
        header = text.rfind("\n", 0, max(start - 1, 0)) + 1 if start > 0 else 0
        if start < 0 or not _NOTES_HEADER.fullmatch(text, header, start):
            raise LayoutProblem(f"{shown}: cannot find note {len(spans) + 1} under its own [[notes]] line")
        end = start + (_with_commented_tables(content) if whole else own_length(content))
        spans.append((header, end))
        pos = start + len(content)
    return spans


def uses_inline_tables(doc: tomlkit.TOMLDocument) -> bool:
    """Whether the deck's notes mostly write question tables inline (`cloze = { ... }`)."""
    inline = tables = 0
    for note in doc.get("notes", []):
        for value in note.values():
            inline += isinstance(value, InlineTable)
            tables += isinstance(value, Table)
    return inline > tables


def inline_table(value: dict[str, Any]) -> InlineTable:
    """An inline table written `{ key = value, ... }`, the way authors write them."""
    body = ", ".join(f"{k} = {tomlkit.item(v).as_string()}" for k, v in value.items())
    return tomlkit.parse(f"x = {{ {body} }}\n")["x"]


def _sub_model(model: type, key: str) -> type:
    sub = table_type(model, key)
    if sub is None:
        raise TypeError(f"{model.__name__}.{key} is not a table")
    return sub


def _is_default(model: type, key: str, value: object) -> bool:
    defaults = model._field_defaults  # type: ignore[attr-defined]
    return key in defaults and to_data(defaults[key]) == value


def _scalar(value: object, like: object) -> Item:
    if isinstance(value, str) and isinstance(like, String) and like.type.is_multiline():
        try:
            return tomlkit.string(value, literal=like.type.is_literal(), multiline=True)
        except ValueError:
            pass
    return tomlkit.item(value)


def patch_table(table: Table | InlineTable, new: dict[str, Any], model: type, inline: bool) -> None:
    """Make `table` hold `new`: unchanged keys (and their comments) stay as written, changed values are
    replaced in place, missing keys are removed (unless written at their default), new keys go in model order.
    New question tables are inline when `inline`, else `[notes.kind]` tables."""
    old = table.unwrap()
    for key in list(old):
        if key not in new and not _is_default(model, key, old[key]):
            del table[key]
    after: str | None = None  # last key that is not a [table]: new plain keys go after it
    for key in model._fields:  # type: ignore[attr-defined]
        if key not in new:
            if key in table and not _is_super(table.value.item(key)):
                after = key
            continue
        value = new[key]
        current = table.value.item(key) if key in table else None
        if current is not None and old[key] == value:
            pass
        elif isinstance(value, dict) and isinstance(current, Table):
            patch_table(current, value, _sub_model(model, key), inline)
        elif current is not None:
            table[key] = inline_table(value) if isinstance(value, dict) else _scalar(value, current)
        elif isinstance(value, dict) and not inline:
            sub = tomlkit.table()
            patch_table(sub, value, _sub_model(model, key), inline)
            table.append(key, sub)
        else:
            item = inline_table(value) if isinstance(value, dict) else _scalar(value, None)
            _insert(table, after, key, item)
        if not _is_super(table.value.item(key)):
            after = key


def _is_super(item: object) -> bool:
    return isinstance(item, Table)


def _insert(table: Table | InlineTable, after: str | None, key: str, item: Item) -> None:
    container = table.value
    order = [k.key for k, _ in container.body if k is not None]  # as written, not as inserted
    if after is None and order:
        container._insert_at(0, key, item)  # noqa: SLF001 - tomlkit has no public positional insert
    elif after is not None and after != order[-1]:
        container._insert_after(after, key, item)  # noqa: SLF001
    else:
        table.append(key, item)
