"""Read an Anki package (.apkg / .colpkg): a zip holding the collection as SQLite, either zstd-compressed
(collection.anki21b, current Anki) or plain (collection.anki21 / collection.anki2, legacy). Notes as Rows, and for
the progress import each note's Anki id, its cards' scheduling and the review log."""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

from quizapp.authoring.imported import ImportProblem, Row, size_text
from quizapp.authoring.text import html_to_text

_CHUNK = 1 << 20
T = TypeVar("T")


@dataclass(frozen=True)
class NoteType:
    name: str
    cloze: bool
    templates: int


def _extract(zf: zipfile.ZipFile, member: str, dest: Path, path: Path, max_bytes: int) -> None:
    """Copy one member out (decompressing zstd for collection.anki21b), stopping at `max_bytes` whatever the headers
    claim."""
    total = 0
    try:
        with zf.open(member) as raw, dest.open("wb") as out:
            src = _zstd_reader(raw) if member.endswith(".anki21b") else raw
            while chunk := src.read(_CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise ImportProblem(f"{path}: {member} unpacks to more than {size_text(max_bytes)}")
                out.write(chunk)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,
        ValueError,
        RuntimeError,
        _zstd().ZstdError,
    ) as e:  # RuntimeError: a member that needs a password
        raise ImportProblem(f"{path}: the zip is broken: cannot unpack {member} ({e})") from None


def _zstd():  # noqa: ANN202
    try:
        from compression import zstd  # type: ignore[import-not-found]  # Python 3.14+
    except ImportError:
        from backports import zstd
    return zstd


def _zstd_reader(raw: IO[bytes]) -> IO[bytes]:
    return _zstd().ZstdFile(raw)


def _pick_member(zf: zipfile.ZipFile, path: Path) -> str:
    """The collection inside: current Anki writes collection.anki21b beside a stub collection.anki2 that only says
    "please update Anki", so the newest format present wins."""
    names = set(zf.namelist())
    for member in ("collection.anki21b", "collection.anki21", "collection.anki2"):
        if member in names:
            return member
    raise ImportProblem(
        f"{path}: not an Anki package: the zip holds no collection.anki21b, collection.anki21 or collection.anki2"
    )


def _note_types(con: sqlite3.Connection) -> dict[int, NoteType]:
    """Note types by id, from col.models (schema 11) or the notetypes tables (schema 18)."""
    raw = con.execute("SELECT models FROM col").fetchone()
    models = json.loads(raw[0]) if raw and raw[0] else {}
    if models:
        return {
            int(mid): NoteType(str(m.get("name", "")), m.get("type") == 1, len(m.get("tmpls", [])))
            for mid, m in models.items()
        }
    types: dict[int, NoteType] = {}
    if not con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'notetypes'").fetchone():
        return types
    for ntid, name in con.execute("SELECT id, name FROM notetypes"):
        configs = [bytes(c or b"") for (c,) in con.execute("SELECT config FROM templates WHERE ntid = ?", (ntid,))]
        cloze = "cloze" in str(name).casefold() or any(b"{{cloze:" in c for c in configs)
        types[int(ntid)] = NoteType(str(name), cloze, len(configs))
    return types


@dataclass(frozen=True)
class AnkiCard:
    id: int
    note: int  # the Anki note id
    ord: int  # which template (or cloze number - 1)
    type: int  # 0 new, 1 learning, 2 review, 3 relearning
    queue: int  # -3/-2 buried, -1 suspended, 0 new, 1/3 learning, 2 review
    due: int  # review: day number from the collection's creation; learning: unix seconds (queue 1)
    flags: int
    memory: tuple[float, float] | None  # FSRS (stability, difficulty) when the collection has it


@dataclass(frozen=True)
class AnkiReview:
    at_ms: int  # the revlog id: when, in milliseconds since the epoch
    card: int
    ease: int  # 1-4, 0 for a manual reschedule
    type: int  # 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled
    time_ms: int


@dataclass(frozen=True)
class AnkiCollection:
    rows: list[Row]
    note_ids: list[int]  # the Anki id of each row's note, in the same order
    cards: list[AnkiCard]
    reviews: list[AnkiReview]  # in time order
    created: int  # col.crt: unix seconds of the collection's first day
    media: int  # media files in the package (not brought over)
    extra_fields: int  # notes with more than two non-empty fields (the rest are not brought over)


def _read(con: sqlite3.Connection) -> tuple[list[Row], list[int], int]:
    types = _note_types(con)
    notes = con.execute("SELECT id, mid, tags, flds FROM notes ORDER BY id").fetchall()
    rows, ids, extra = [], [], 0
    for number, (nid, mid, tags, flds) in enumerate(notes, start=1):
        kind = types.get(int(mid), NoteType("", False, 1))
        fields = [html_to_text(f) for f in str(flds).split("\x1f")]
        front, back = (fields + ["", ""])[:2]
        extra += any(f.strip() for f in fields[2:])
        reverse = not kind.cloze and kind.templates >= 2
        rows.append(Row(number, front, back, tuple(str(tags or "").split()), reverse))
        ids.append(int(nid))
    return rows, ids, extra


def _memory(data: object) -> tuple[float, float] | None:
    try:
        d = json.loads(str(data or "{}"))
        s, dif = float(d["s"]), float(d["d"])
    except (ValueError, KeyError, TypeError):
        return None
    return (s, dif) if s > 0 and 1 <= dif <= 10 else None


def _scheduling(con: sqlite3.Connection) -> tuple[list[AnkiCard], list[AnkiReview], int]:
    cards = [
        AnkiCard(int(i), int(n), int(o), int(t), int(q), int(d), int(f or 0), _memory(data))
        for i, n, o, t, q, d, f, data in con.execute(
            "SELECT id, nid, ord, type, queue, due, flags, data FROM cards ORDER BY id"
        )
    ]
    reviews = [
        AnkiReview(int(i), int(c), int(e), int(t), int(ms or 0))
        for i, c, e, t, ms in con.execute("SELECT id, cid, ease, type, time FROM revlog ORDER BY id")
    ]
    crt = con.execute("SELECT crt FROM col").fetchone()
    return cards, reviews, int(crt[0]) if crt else 0


def _open(path: Path, max_bytes: int, read: Callable[[sqlite3.Connection, int], T]) -> T:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
        raise ImportProblem(f"{path}: not a zip archive, so not an Anki package (broken or wrong file: {e})") from None
    with zf, tempfile.TemporaryDirectory(prefix="quizapp-apkg-") as tmp:
        member = _pick_member(zf, path)
        media = sum(1 for n in zf.namelist() if n.isdigit())
        db = Path(tmp) / "collection.sqlite"
        _extract(zf, member, db, path, max_bytes)
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                return read(con, media)
            finally:
                con.close()
        except (sqlite3.Error, json.JSONDecodeError, ValueError, TypeError) as e:
            raise ImportProblem(f"{path}: {member} is not a readable Anki collection ({e})") from None


def read_apkg(path: Path, max_bytes: int) -> list[Row]:
    """One Row per Anki note, in creation order: Basic -> front/back, reversed types -> reverse=True,
    Cloze -> front holds the {{c1::...}} text and back the extra field. HTML is stripped."""
    return _open(path, max_bytes, lambda con, _media: _read(con)[0])


def read_collection(path: Path, max_bytes: int) -> AnkiCollection:
    """The notes as read_apkg reads them, with their cards' scheduling and the review log (for --with-progress)."""

    def read(con: sqlite3.Connection, media: int) -> AnkiCollection:
        rows, ids, extra = _read(con)
        cards, reviews, crt = _scheduling(con)
        return AnkiCollection(rows, ids, cards, reviews, crt, media, extra)

    return _open(path, max_bytes, read)
