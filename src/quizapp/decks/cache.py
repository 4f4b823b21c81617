"""A validated cache of parsed decks: an unchanged deck file loads without TOML parsing or validation.

The TOML file stays the source of truth. An entry is used only if the file's size, mtime and BLAKE2b hash,
the cache format and the code that validates decks all match, and the entry's own checksum is right;
anything else is a miss and the deck is parsed again. Entries live in the folder given (`<home>/cache/decks`),
created on the first write, never at import.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
import threading
import time
from array import array
from collections.abc import Callable
from itertools import chain, repeat
from pathlib import Path
from typing import Any

from quizapp import memory
from quizapp.decks import models
from quizapp.files import packed
from quizapp.files.atomic import sweep_temp_files

MAGIC = b"QZDECK4\n"
_new: Callable[..., Any] = tuple.__new__  # builds a NamedTuple from a stored tuple without re-checking it
_NOTE_FIELDS = models.Note._fields
_NOTE_TABLES = {i: models.TABLES[k] for i, k in enumerate(_NOTE_FIELDS) if k in models.TABLES}


def _to_plain(deck: models.Deck) -> tuple:
    """The deck as plain tuples, which marshal writes and reads far faster than pickle.

    Notes are stored by column, one tuple per field; a table field stores the tables the notes have and, unless
    every note or none has one, for each note 0 (none) or 1 + the index of its table, as the bytes of an array
    (no int objects to read), so that loading builds every object in C."""
    columns: list[Any] = list(zip(*deck.notes, strict=True)) or [()] * len(_NOTE_FIELDS)
    share: Callable[[Any, Any], Any] = {}.setdefault
    for i in _NOTE_TABLES:
        rows = _shared_rows([v for v in columns[i] if v is not None], share)
        if len(rows) in (0, len(deck.notes)):  # no note has this table, or every note has one
            columns[i] = (None, rows)
            continue
        refs, n = array("I"), 0
        for v in columns[i]:
            if v is not None:
                n += 1
            refs.append(n if v is not None else 0)
        columns[i] = (refs.tobytes(), rows)
    return tuple(deck.deck), deck.format, tuple(map(tuple, deck.sources)), len(deck.notes), tuple(columns)


def _shared_rows(tables: list[Any], share: Callable[[Any, Any], Any]) -> tuple:
    """The tables as tuples, each string of a field of strings (answers, prompts) and of a field of string tuples
    (distractors) replaced by the first equal one `share` (a dict's setdefault) met, so that marshal writes it once
    and reads back one object: a year 400 notes give as their answer, a prompt two questions ask. (pydantic's
    output shared them itself; decks.plain keeps the parser's strings.) 10,000 synthetic notes: 2.5 -> 2.2 MB,
    read 3 ms faster. Only strings go in the dict, so True and 1 are never taken for each other."""
    fields = []
    for field in zip(*tables, strict=True):
        kinds = set(map(type, field))
        if kinds == {str}:
            field = tuple(map(share, field, field))
        elif kinds == {tuple} and set(map(type, chain.from_iterable(field))) <= {str}:
            field = tuple([tuple(map(share, v, v)) for v in field])
        fields.append(field)
    return tuple(zip(*fields, strict=True)) if fields else tuple(tuple(v) for v in tables)


def _from_plain(data: Any) -> models.Deck:
    """The deck back from _to_plain's tuples; the values were validated before they were stored."""
    meta, fmt, sources, count, columns = data
    if len(meta) != len(models.DeckMeta._fields) or len(columns) != len(_NOTE_FIELDS):
        raise ValueError("entry written for other classes")
    columns = list(columns)
    for i, cls in _NOTE_TABLES.items():
        refs, rows = columns[i]
        if refs is None:  # every note has the table, or none has
            columns[i] = list(map(_new, repeat(cls), rows)) if rows else [None] * count
            continue
        tables = [None, *map(_new, repeat(cls), rows)]
        index = array("I")
        index.frombytes(refs)
        columns[i] = list(map(tables.__getitem__, index))
    if any(len(c) != count for c in columns):
        raise ValueError("columns of different lengths")
    notes = tuple(map(_new, repeat(models.Note), zip(*columns, strict=True))) if count else ()
    return models.Deck(_new(models.DeckMeta, meta), fmt, tuple(_new(models.Source, s) for s in sources), notes)


def pack(deck: models.Deck) -> bytes:
    """The bytes a cache entry holds for `deck`."""
    return marshal.dumps(_to_plain(deck))


def unpack(payload: bytes | memoryview) -> models.Deck:
    """The deck back from pack()'s bytes; raises for anything else."""
    with memory.gc_held():  # hundreds of thousands of objects and no cycles: the cyclic GC would only slow this down
        return _from_plain(marshal.loads(payload))


def code_fingerprint() -> str:
    """Changes whenever the code that validates decks (or the Python or pydantic version) does."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{sys.version_info[:2]}".encode())  # marshal's format may change between Python versions
    # The modules beside this one that check decks, by file: decks.plain is imported only when a deck is parsed.
    files = [str(Path(__file__).with_name(f"{mod}.py")) for mod in ("models", "plain", "library", "cache")]
    # pydantic and pydantic-core as installed: where their packages are and when they were written (an upgrade
    # or reinstall rewrites them), found without importing them. importlib.metadata.version would say the same
    # but costs 20-35 ms per start (it imports email parsing), 5-8% of a warm load.
    for name in ("pydantic", "pydantic_core"):
        spec = importlib.util.find_spec(name)
        try:
            st = os.stat(spec.origin) if spec and spec.origin else None
        except OSError:
            st = None
        h.update(
            f"{name} {spec.origin if spec else '-'} {st.st_size if st else 0} {st.st_mtime_ns if st else 0}".encode()
        )
    for file in files:
        try:
            h.update(Path(file).read_bytes() if file else b"-")
        except OSError:
            h.update(b"?")
    return h.hexdigest()


class Digest:
    """The BLAKE2b of a file's bytes. A big file's is computed in a thread while the entry is read: hashlib lets go
    of the GIL, so on a big deck the hash costs no extra time. A small file's is computed at once: starting a thread
    costs more than hashing 100 KB (10 bundled decks spent 12 ms waiting for their threads to start)."""

    THREAD_FROM = 1 << 20  # bytes

    def __init__(self, raw: bytes):
        self._raw: bytes | None = raw
        self._hex = ""
        self._thread: threading.Thread | None = None
        if len(raw) < self.THREAD_FROM:
            self._run()
        else:
            self._thread = threading.Thread(target=self._run, name="deck-digest", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        self._hex = hashlib.blake2b(self._raw).hexdigest()  # type: ignore[arg-type]
        self._raw = None

    def hexdigest(self) -> str:
        if self._thread is not None:
            self._thread.join()
        return self._hex


class DeckCache:
    """Parsed decks stored under `folder`, one file per deck path."""

    def __init__(self, folder: Path, *, defer: bool = False):
        self.folder = folder
        self._code: str | None = None
        self.hits = self.misses = 0
        self.defer = defer  # entries for decks parsed now are written by flush(), not at once
        self._pending: list[tuple[Path, dict, models.Deck]] = []
        self._lock = threading.Lock()

    def _entry(self, path: Path) -> Path:
        return self.folder / (hashlib.blake2b(str(path.absolute()).encode(), digest_size=16).hexdigest() + ".marshal")

    def key(self, path: Path, raw: bytes, st: os.stat_result) -> dict:
        """What an entry must match: the code, the path, and the file's size, mtime and content hash
        (a Digest still being computed; get() waits for it only once everything else matched)."""
        if self._code is None:
            self._code = code_fingerprint()
        return {
            "code": self._code,
            "path": str(path.absolute()),
            "size": st.st_size,
            "mtime_ns": st.st_mtime_ns,
            "blake2b": Digest(raw),
        }

    def get(self, path: Path, key: dict) -> models.Deck | None:
        """The cached deck for this exact file content, or None."""
        deck = self._read(path, key)
        if deck is None:
            self.misses += 1
        else:
            self.hits += 1
        return deck

    def _read(self, path: Path, key: dict) -> models.Deck | None:
        entry = packed.read_entry(self._entry(path), MAGIC)
        if entry is None or not isinstance(entry[0].get("key"), dict):
            return None
        header, payload = entry
        stored, wanted = dict(header["key"]), dict(key)
        stored_hash, digest = stored.pop("blake2b", None), wanted.pop("blake2b")
        if stored != wanted:
            return None
        try:
            deck = unpack(payload)
        except Exception:  # a damaged or foreign entry is a miss, never an error
            return None
        return deck if stored_hash == digest.hexdigest() else None

    DEFER_NOTES = 25_000  # decks of more notes in all are packed at once (see store)
    DEFER_FROM = 2_000  # fewer notes in all are written at the end of the open (see open_workspace)

    def store(self, path: Path, key: dict, deck: models.Deck) -> None:
        """Keep `deck`, which validated, for the next open: now, or at flush() when deferred (packing 10,000 notes
        takes 0.03 s, which the first card of a first open need not wait for; decks are immutable, so what is
        written later is what was read). Packing needs about 1.1 KB of memory a note while it runs: at the open it
        fits in what parsing just freed, later it comes on top of everything loaded (100,000 notes: the peak 345
        -> 383 MB), so decks of more than DEFER_NOTES notes in all are packed at once."""
        with self._lock:
            if self.defer and self.pending() + len(deck.notes) <= self.DEFER_NOTES:
                self._pending.append((path, key, deck))
                return
        self.put(path, key, pack(deck))

    def pending(self) -> int:
        """How many notes the entries store() deferred, which flush() has not written yet, hold."""
        return sum(len(d.notes) for *_, d in self._pending)

    def flush(self) -> None:
        """Write the entries store() deferred (any thread; each once)."""
        with self._lock:
            while self._pending:
                path, key, deck = self._pending.pop(0)
                self.put(path, key, pack(deck))

    def put(self, path: Path, key: dict, payload: bytes) -> None:
        """Store a deck that validated, as pack() made it; failures to write are ignored (it is only a shortcut)."""
        stored = {**key, "blake2b": key["blake2b"].hexdigest()}
        if packed.write_entry(self._entry(path), MAGIC, {"key": stored}, payload):
            self.prune()

    def prune(self, now: float | None = None) -> list[Path]:
        """Delete entries whose deck file is gone or whose format this version does not read, and temporary files
        a crash left behind (over an hour old); returns what it deleted. Runs after each write, i.e. only when a
        deck was parsed."""
        now = time.time() if now is None else now
        gone = sweep_temp_files(self.folder, locked=False, now=now)  # a young one may be being written now
        try:
            names = os.listdir(self.folder)
        except OSError:
            return gone
        for name in names:
            entry = self.folder / name
            try:
                if name.endswith(".marshal") and not _deck_exists(entry):
                    entry.unlink()
                    gone.append(entry)
            except OSError:
                continue
        return gone


def _deck_exists(entry: Path) -> bool:
    """Whether the deck file an entry was made from is still there (False for an entry of another format)."""
    header = packed.read_header(entry, MAGIC)
    path = header.get("key", {}).get("path") if header and isinstance(header.get("key"), dict) else None
    return isinstance(path, str) and os.path.exists(path)
