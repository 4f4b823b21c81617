"""Find a note's text in a deck file and patch a tomlkit table in place, keeping comments and key order."""

from __future__ import annotations

import re
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, InlineTable, Item, Null, String, Table

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


def patch_table(table: Table, new: dict[str, Any], model: type, inline: bool) -> Table:
    """Make `table` hold `new`: unchanged keys (and their comments) stay as written, changed values are
    replaced in place, missing keys are removed (unless written at their default), new keys go in model order.
    New question tables are inline when `inline`, else `[notes.kind]` tables. Returns the patched table: `table`
    itself, or a copy holding the same entries when a new key had to go between two written ones (put it where
    `table` was)."""
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
            patched = patch_table(current, value, _sub_model(model, key), inline)
            if patched is not current:
                table[key] = patched
        elif current is not None:
            table[key] = inline_table(value) if isinstance(value, dict) else _scalar(value, current)
        elif isinstance(value, dict) and not inline:
            sub = patch_table(tomlkit.table(), value, _sub_model(model, key), inline)
            table.append(key, sub)
        else:
            item = inline_table(value) if isinstance(value, dict) else _scalar(value, None)
            table = _insert(table, after, key, item)
        if not _is_super(table.value.item(key)):
            after = key
    return table


def _is_super(item: object) -> bool:
    return isinstance(item, Table)


def _insert(table: Table, after: str | None, key: str, item: Item) -> Table:
    """`table` with `key = item` right after the line of key `after` (at the top when None). Appending is the only
    insert tomlkit offers publicly, so a key that goes between two written ones gets a new table holding the same
    entries (the same Key and Item objects, comments and blank lines included) with the new one in its place."""
    body = table.value.body
    keys = [k.key for k, _ in body if k is not None]  # as written, not as inserted
    if not keys or after == keys[-1]:
        table.append(key, item)
        return table
    at = 0 if after is None else 1 + next(i for i, (k, _) in enumerate(body) if k is not None and k.key == after)
    if at:
        before = body[at - 1][1]
        if "\n" not in before.trivia.trail:
            before.trivia.trail += "\n"
    entries = Container(parsed=True)  # parsed: entries go in as given, no spacing added
    for k, v in [*body[:at], (None, None), *body[at:]]:
        if v is None:
            entries.append(key, item)
        elif not isinstance(v, Null):  # what a deleted key leaves behind
            entries.append(k, v)
    entries.parsing(False)
    return Table(entries, table.trivia, table.is_aot_element(), table.is_super_table(), table.name, table.display_name)
