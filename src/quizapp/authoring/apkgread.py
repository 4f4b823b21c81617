"""Read the notes of an Anki package (.apkg): a zip holding a collection.anki2 or .anki21 SQLite file."""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from quizapp.authoring.imported import ImportProblem, Row, size_text
from quizapp.authoring.text import html_to_text

_CHUNK = 1 << 20


@dataclass(frozen=True)
class NoteType:
    name: str
    cloze: bool
    templates: int


def _extract(zf: zipfile.ZipFile, member: str, dest: Path, path: Path, max_bytes: int) -> None:
    """Copy one member out, stopping at `max_bytes` whatever the zip header claims."""
    total = 0
    try:
        with zf.open(member) as src, dest.open("wb") as out:
            while chunk := src.read(_CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise ImportProblem(f"{path}: {member} unpacks to more than {size_text(max_bytes)}")
                out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as e:
        raise ImportProblem(f"{path}: the zip is broken: cannot unpack {member} ({e})") from None


def _pick_member(zf: zipfile.ZipFile, path: Path) -> str:
    names = set(zf.namelist())
    if "collection.anki21" in names:
        return "collection.anki21"
    if "collection.anki21b" in names:
        raise ImportProblem(
            f"{path}: uses Anki's newer compressed format (collection.anki21b), which quizapp cannot read; "
            "in Anki, export again with 'Support older Anki versions' ticked"
        )
    if "collection.anki2" in names:
        return "collection.anki2"
    raise ImportProblem(f"{path}: not an Anki package: the zip holds no collection.anki2 or collection.anki21")


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


def _rows(db: Path) -> list[Row]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        types = _note_types(con)
        notes = con.execute("SELECT mid, tags, flds FROM notes ORDER BY id").fetchall()
    finally:
        con.close()
    rows = []
    for number, (mid, tags, flds) in enumerate(notes, start=1):
        kind = types.get(int(mid), NoteType("", False, 1))
        fields = [html_to_text(f) for f in str(flds).split("\x1f")]
        front, back = (fields + ["", ""])[:2]
        reverse = not kind.cloze and kind.templates >= 2
        rows.append(Row(number, front, back, tuple(str(tags or "").split()), reverse))
    return rows


def read_apkg(path: Path, max_bytes: int) -> list[Row]:
    """One Row per Anki note, in creation order: Basic -> front/back, reversed types -> reverse=True,
    Cloze -> front holds the {{c1::...}} text and back the extra field. HTML is stripped."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise ImportProblem(f"{path}: not a zip archive, so not an Anki package (broken or wrong file: {e})") from None
    with zf, tempfile.TemporaryDirectory(prefix="quizapp-apkg-") as tmp:
        member = _pick_member(zf, path)
        db = Path(tmp) / "collection.sqlite"
        _extract(zf, member, db, path, max_bytes)
        try:
            return _rows(db)
        except (sqlite3.Error, json.JSONDecodeError, ValueError, TypeError) as e:
            raise ImportProblem(f"{path}: {member} is not a readable Anki collection ({e})") from None
