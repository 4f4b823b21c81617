"""Edit a deck file in place: add, update, delete and accept notes, keeping the author's comments and layout.

Only the edited note's text changes; every other byte of the file stays as it was. Ids are never changed,
so learners' progress survives. Each edit is checked with decks.parse_deck before the file is replaced
atomically; an edit that would make the deck invalid raises EditRefused and leaves the file untouched.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomlkit

from quizapp.authoring.tomlpatch import LayoutProblem, note_spans, patch_table, uses_inline_tables
from quizapp.decks.library import DeckError, LoadedDeck, Problem, load_deck, parse_deck
from quizapp.decks.models import Deck, Note, to_data
from quizapp.errors import QuizappError
from quizapp.files.atomic import atomic_write
from quizapp.words import counted

__all__ = [
    "EditRefused",
    "LayoutProblem",
    "accept_draft",
    "add_note",
    "delete_note",
    "load",
    "next_note_id",
    "note_data",
    "update_note",
]

_NUMBERED = re.compile(r"^(.*?)(\d+)$")


class EditRefused(QuizappError):
    """An edit that would make the deck invalid (or that cannot be made safely); the file is unchanged."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        self.problems = problems or []
        super().__init__(message)


def load(path: Path) -> LoadedDeck:
    """The deck at `path`, validated; EditRefused listing every problem when it does not load."""
    try:
        return load_deck(path)
    except DeckError as e:
        raise EditRefused(f"{path}: {counted(len(e.problems), 'problem')}; fix them first", e.problems) from None


def note_data(note: Note) -> dict[str, Any]:
    """The note as TOML-ready data: fields at their defaults left out."""
    return to_data(note, exclude_defaults=True)


def next_note_id(deck: Deck) -> str:
    """The next free id with the prefix most of the deck's ids use ("hist-0035" -> "hist-0036");
    "<deck id>-0001" when no id ends in a number. Never derived from the note's text."""
    taken = {n.id for n in deck.notes}
    numbered = [m for m in (_NUMBERED.match(i) for i in taken) if m]
    if numbered:
        prefix = Counter(m[1] for m in numbered).most_common(1)[0][0]
        same = [m for m in numbered if m[1] == prefix]
        width = Counter(len(m[2]) for m in same).most_common(1)[0][0]
        number = max(int(m[2]) for m in same) + 1
    else:
        prefix, width, number = f"{deck.deck.id[:70]}-", 4, 1
    while f"{prefix}{number:0{width}d}" in taken:
        number += 1
    return f"{prefix}{number:0{width}d}"


def _validated(data: dict[str, Any], path: Path) -> Note:
    from quizapp.decks.schema import ValidationError, validate

    try:
        return validate(Note, data)
    except ValidationError as e:
        problems = [
            Problem(
                str(path),
                0,
                0,
                "notes." + ".".join(map(str, err["loc"])) if err["loc"] else "notes",
                err["msg"].removeprefix("Value error, "),
            )
            for err in e.errors()
        ]
        raise EditRefused(f"{path}: the note is not valid", problems) from None


def _index(deck: Deck, note_id: str, path: Path) -> int:
    for i, n in enumerate(deck.notes):
        if n.id == note_id:
            return i
    raise EditRefused(f"{path}: no note with id {note_id!r}")


def _apply(path: Path, change: Callable[[str, LoadedDeck, tomlkit.TOMLDocument], tuple[str, list[Note]]]) -> LoadedDeck:
    """Read the file, make the change, check the result is valid and holds exactly the expected notes, write."""
    before = load(path)
    text = path.read_bytes().decode("utf-8")
    new_text, expected = change(text, before, tomlkit.parse(text))
    try:
        after = parse_deck(new_text.encode("utf-8"), str(path), path)
    except DeckError as e:
        raise EditRefused(
            f"{path}: the edit would make the deck invalid; the file was left unchanged", e.problems
        ) from None
    if list(after.deck.notes) != expected or after.deck._replace(notes=()) != before.deck._replace(notes=()):
        raise EditRefused(f"{path}: the edit did not apply cleanly; the file was left unchanged")
    atomic_write(path, new_text.encode("utf-8"))
    return after


def _render(data: dict[str, Any], inline: bool) -> str:
    doc = tomlkit.document()
    aot = tomlkit.aot()
    aot.append(patch_table(tomlkit.table(), data, Note, inline))
    doc["notes"] = aot
    return tomlkit.dumps(doc)


def add_note(path: Path, data: dict[str, Any]) -> tuple[str, LoadedDeck]:
    """Append a note; its id is `data["id"]` when given (and free), else next_note_id. Returns (id, deck)."""
    new_id = ""

    def change(text: str, before: LoadedDeck, doc: tomlkit.TOMLDocument) -> tuple[str, list[Note]]:
        nonlocal new_id
        new_id = data.get("id") or next_note_id(before.deck)
        if any(n.id == new_id for n in before.deck.notes):
            raise EditRefused(f"{path}: note id {new_id!r} is already used")
        note = _validated({**data, "id": new_id}, path)
        source = _render(note_data(note), uses_inline_tables(doc))
        spans = note_spans(text, doc, str(path), whole=True)  # after the last note's trailing comments too
        if spans:
            end = spans[-1][1]
            gap = "\n" if text[:end].endswith("\n") else "\n\n"
            return text[:end] + gap + source + text[end:], [*before.deck.notes, note]
        if "notes" in doc:
            raise LayoutProblem(f"{path}: notes must be written as [[notes]] tables to be edited here")
        head = text.rstrip("\r\n")
        return (head + "\n\n" if head else "") + source, [*before.deck.notes, note]

    loaded = _apply(path, change)
    return new_id, loaded


def update_note(path: Path, note_id: str, data: dict[str, Any]) -> LoadedDeck:
    """Replace the fields of note `note_id` with `data`; keys and comments that do not change stay as written."""
    if data.get("id", note_id) != note_id:
        raise EditRefused(f"{path}: a note's id never changes ({note_id!r}); add a new note instead")

    def change(text: str, before: LoadedDeck, doc: tomlkit.TOMLDocument) -> tuple[str, list[Note]]:
        i = _index(before.deck, note_id, path)
        note = _validated({**data, "id": note_id}, path)
        start, end = note_spans(text, doc, str(path))[i]
        sub = tomlkit.parse(text[start:end])
        sub["notes"][0] = patch_table(sub["notes"][0], note_data(note), Note, uses_inline_tables(doc))
        notes = list(before.deck.notes)
        notes[i] = note
        return text[:start] + tomlkit.dumps(sub) + text[end:], notes

    return _apply(path, change)


def delete_note(path: Path, note_id: str) -> LoadedDeck:
    """Remove note `note_id` and the blank lines after it; comments between notes stay."""

    def change(text: str, before: LoadedDeck, doc: tomlkit.TOMLDocument) -> tuple[str, list[Note]]:
        i = _index(before.deck, note_id, path)
        start, end = note_spans(text, doc, str(path))[i]
        while True:
            nl = text.find("\n", end)
            line = text[end:] if nl < 0 else text[end : nl + 1]
            if not line or line.strip():
                break
            end += len(line)
        new = text[:start] + text[end:]
        if end >= len(text):
            new = new.rstrip("\r\n") + "\n"
        notes = list(before.deck.notes)
        del notes[i]
        return new, notes

    return _apply(path, change)


def accept_draft(path: Path, note_id: str) -> LoadedDeck:
    """Mark a drafted note as checked: remove its `draft = true`."""
    deck = load(path).deck
    note = deck.notes[_index(deck, note_id, path)]
    return update_note(path, note_id, note_data(note._replace(draft=False)))
