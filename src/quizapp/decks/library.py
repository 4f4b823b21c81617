"""Find, load and validate deck files, reporting every problem as path:line:col: field: message."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp import memory
from quizapp.decks import models
from quizapp.errors import Problem, ProblemsError

if TYPE_CHECKING:
    from quizapp.decks.cache import DeckCache
    from quizapp.files.tomlcheck import Schema

MAX_DECK_BYTES = 64 * 1024 * 1024
PIECE_CHARS = 1 << 14  # a deck file is parsed and validated about this much at a time (40 notes)
BIG_PIECE_CHARS = 1 << 20  # the same, for a file with multi-line strings (2,500 notes)


def _validate(cls: type, data: object) -> object:
    """`data` as a `cls`: built in plain Python when every rule plainly accepts it, else validated by pydantic
    (imported only then), which raises ValidationError with every problem."""
    from quizapp.decks import plain  # not needed when every deck comes from the cache

    built = plain.build(cls, data)
    if built is not None:
        return built
    from quizapp.decks.schema import validate

    return validate(cls, data)


def _schema() -> Schema:
    """What check() reads a deck file against (files.tomlcheck, imported only when a file has a problem)."""
    from quizapp.files.tomlcheck import Schema

    return Schema(
        root=models.Deck,
        tables=models.TABLES,
        validate=_validate,
        references=models.reference_problems,
        root_name="deck",
    )


def __getattr__(name: str) -> object:
    if name == "SCHEMA":
        return _schema()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class DeckError(ProblemsError):
    """A deck that does not load; carries every problem found."""


@dataclass(frozen=True)
class LoadedDeck:
    """A deck file as loaded: its content and where it came from. `id` and `title` are its [deck] table's."""

    deck: models.Deck
    path: Path

    @property
    def id(self) -> str:
        return self.deck.deck.id

    @property
    def title(self) -> str:
        return self.deck.deck.title


@dataclass
class Library:
    """The decks in use, and an index of their notes by id."""

    decks: list[LoadedDeck] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.notes: dict[str, models.Note] = {}
        self.note_deck: dict[str, LoadedDeck] = {}
        for d in reversed(self.decks):  # built backwards so that the first note with an id is the one kept
            notes = d.deck.notes[::-1]
            ids = [n.id for n in notes]
            self.notes.update(zip(ids, notes, strict=True))
            self.note_deck.update(dict.fromkeys(ids, d))

    def get(self, deck_id: str) -> LoadedDeck | None:
        return next((d for d in self.decks if d.id == deck_id), None)

    def source_of(self, note: models.Note) -> models.Source | None:
        deck = self.note_deck.get(note.id)
        return deck.deck.source(note.source) if deck else None

    def source_title(self, source_id: str) -> str:
        for d in self.decks:
            s = d.deck.source(source_id)
            if s:
                return s.title
        return source_id


def bundled_decks_dir() -> Path | None:
    """The decks shipped with the app: package data in a wheel, or decks/ in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "bundled_decks", here.parents[2] / "decks"):
        if candidate.is_dir():
            return candidate
    return None


def find_deck_files(locations: Iterable[Path]) -> list[Path]:
    """Deck files in the given files and folders (folders are searched for *.toml, not recursively)."""
    found: list[Path] = []
    for loc in locations:
        if loc.is_dir():
            found.extend(sorted(p for p in loc.glob("*.toml") if p.is_file()))
        elif loc.is_file():
            found.append(loc)
    return found


def load_deck(path: Path, cache: DeckCache | None = None) -> LoadedDeck:
    """Parse and validate one deck file; raise DeckError listing every problem.

    With a cache, an unchanged file that validated before is taken from it (see quizapp.decks.cache).
    """
    shown = str(path)
    try:
        st = path.stat()
        if st.st_size > MAX_DECK_BYTES:
            raise DeckError([Problem(shown, 1, 1, "file", f"larger than {MAX_DECK_BYTES // 2**20} MB")])
        raw = path.read_bytes()
    except OSError as e:
        raise DeckError([Problem(shown, 1, 1, "file", e.strerror or str(e))]) from None
    if cache is None:
        return parse_deck(raw, shown, path)
    key = cache.key(path, raw, st)
    deck = cache.get(path, key)
    if deck is not None:
        return LoadedDeck(deck, path)
    loaded = parse_deck(raw, shown, path)
    del raw  # the digest thread keeps its own reference until it is done
    cache.store(path, key, loaded.deck)
    return loaded


def parse_deck(raw: bytes, shown: str, path: Path | None = None) -> LoadedDeck:
    """Validate deck bytes; raise DeckError listing every problem."""
    deck = _check_in_chunks(raw) or _check_whole(raw)
    if deck is None:
        from quizapp.files.tomlcheck import check

        deck = check(raw, shown, _schema(), DeckError)
    return LoadedDeck(deck, path or Path(shown))


def _check_whole(raw: bytes) -> models.Deck | None:
    """A valid deck, parsed and validated whole; None when anything is amiss, and then check() reads the file again
    and reports every problem where it is. (check() itself would import pydantic for its error type, which a valid
    deck does not need.)"""
    from quizapp.files import tomlread

    with memory.gc_held():  # bulk parsing and validation make no cycles; the cyclic GC would only slow them down
        try:
            text = raw.decode("utf-8")
            if "\0" in text:
                return None
            deck: models.Deck = _validate(models.Deck, tomlread.loads(text))  # type: ignore[assignment]
        except Exception:  # invalid UTF-8 or TOML, a validation error, nesting too deep: check() says which
            return None
    return None if models.reference_problems(deck) else deck


def _check_in_chunks(raw: bytes) -> models.Deck | None:
    """A deck parsed and validated a chunk of notes at a time (tomlread.array_chunks), each chunk's parsed TOML freed
    before the next is read; None when the file is small or anything is amiss (then check() reads the whole file
    and reports every problem where it is, as for any file).

    Parsed whole, the TOML of 100,000 notes (about 3 KB a note) lives beside the notes until validation ends:
    1.1 GB at the peak; and rtoml takes longer per note the bigger the text (10,000 notes: 0.11 s whole, 0.065 s
    in chunks of 16 KB, which also touch less fresh memory). The head before the first note is validated once;
    each chunk's notes are validated as the notes of a deck with that head. A text with a multi-line string
    (three quotes in a row, either kind) is cut only in pieces of BIG_PIECE_CHARS, as before chunks were small."""
    from quizapp.files import tomlread

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\0" in text:
        return None
    size = BIG_PIECE_CHARS if '"""' in text or "'''" in text else PIECE_CHARS
    chunks = tomlread.array_chunks(text, "notes", size)
    if chunks is None:
        return None
    notes: list[models.Note] = []
    with memory.gc_held():  # bulk parsing and validation make no cycles; the cyclic GC would only slow them down
        try:
            head = next(chunks)
            deck: models.Deck = _validate(models.Deck, head)  # type: ignore[assignment]
            meta = head["deck"]  # there: the head validated
            for tables in chunks:
                notes.extend(_validate(models.Deck, {"deck": meta, "notes": tables}).notes)  # type: ignore[attr-defined]
        except Exception:  # a TOML or validation error, Uncut: check() reads the whole file and places each problem
            return None
    whole = deck._replace(notes=tuple(notes))
    return None if models.reference_problems(whole) else whole


def load_library(paths: Iterable[Path], cache: DeckCache | None = None) -> Library:
    """Load every deck file; collect problems (including ids repeated across decks) instead of stopping."""
    decks: list[LoadedDeck] = []
    problems: list[Problem] = []
    with memory.gc_held():  # no cycles are made here; collections would walk every new object again and again
        try:
            for path in paths:
                try:
                    decks.append(load_deck(path, cache))
                except DeckError as e:
                    problems.extend(e.problems)
            library = Library(decks, problems)
            if len(library.notes) != sum(len(d.deck.notes) for d in decks) or len({d.id for d in decks}) != len(decks):
                problems.extend(_duplicates(decks))  # found quickly above; now find each repeat and where it is
        finally:
            # The decks live as long as the app: move them out of the cyclic GC's sight, so its full collections
            # (which would walk every note's objects: 0.6 s at 100,000 notes) do not stall key presses later.
            gc.freeze()
    return library


def _duplicates(decks: list[LoadedDeck]) -> list[Problem]:
    from quizapp.files.tomlcheck import at
    from quizapp.files.tomlpos import key_positions

    problems: list[Problem] = []
    deck_ids: dict[str, Path] = {}
    note_ids: dict[str, Path] = {}
    for d in decks:
        positions = None
        if d.id in deck_ids:
            positions = key_positions(d.path.read_text("utf-8"))
            problems.append(at(str(d.path), positions, ("deck", "id"), f"deck id {d.id!r} also in {deck_ids[d.id]}"))
        deck_ids.setdefault(d.id, d.path)
        for i, n in enumerate(d.deck.notes):
            if n.id in note_ids:
                positions = positions or key_positions(d.path.read_text("utf-8"))
                msg = f"note id {n.id!r} also in {note_ids[n.id]}; card ids must be unique across decks"
                problems.append(at(str(d.path), positions, ("notes", i, "id"), msg))
            note_ids.setdefault(n.id, d.path)
    return problems
