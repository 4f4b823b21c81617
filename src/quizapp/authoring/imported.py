"""Rows read from a foreign file, and the Deck made from them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.authoring.text import slugify, trim_at_word
from quizapp.decks.models import CLOZE_RE, Basic, Cloze, Deck, DeckMeta, Note, Source
from quizapp.decks.schema import ValidationError, checked
from quizapp.errors import QuizappError

MAX_IMPORT_BYTES = 50 * 1024 * 1024


class ImportProblem(QuizappError):
    """A file that cannot be imported; the message names the file and, when known, the row."""


@dataclass(frozen=True)
class Row:
    number: int  # 1-based, in the file's own order
    front: str
    back: str
    tags: tuple[str, ...] = ()
    reverse: bool = False
    where: str = field(default="", compare=False)  # extra position for messages, e.g. "line 7"


def size_text(n: int) -> str:
    """A byte count for messages: '52.0 MB' or '900 bytes'."""
    return f"{n / 2**20:.1f} MB" if n >= 2**17 else f"{n} bytes"


def _plain_cloze(text: str) -> str:
    return CLOZE_RE.sub(lambda m: m[2], text)


def _note(row: Row, note_id: str, source_id: str, label: str) -> Note:
    front, back = row.front.strip(), row.back.strip()
    tags = tuple(dict.fromkeys(slugify(t, "") for t in row.tags if slugify(t, "")))
    locator = f"{label} {row.number}"
    if CLOZE_RE.search(front):
        plain = _plain_cloze(front)
        cloze = checked(Cloze(text=front))
        return Note(note_id, plain, source_id, locator, quote=back or plain, tags=tags, cloze=cloze)
    statement = trim_at_word(f"{front} — {back}", 4000)
    basic = checked(Basic(front=front, back=back, reverse=row.reverse))
    return Note(note_id, statement, source_id, locator, quote=back, tags=tags, basic=basic)


def _where(path: Path, label: str, row: Row) -> str:
    extra = f" ({row.where})" if row.where else ""
    return f"{path}: {label} {row.number}{extra}"


def rows_to_deck(
    rows: list[Row],
    *,
    path: Path,
    label: str,
    deck_id: str,
    title: str,
    skip_empty: bool = False,
    id_prefix: str = "imp",
) -> Deck:
    """A Deck with one note per row ("imp-0001", ...) citing the file as its one source."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]{0,70}", id_prefix):
        raise ImportProblem(f"note id prefix {id_prefix!r} must be lower-case letters, digits, '.', '_' or '-'")
    source_id = slugify(path.stem, "import")
    notes: list[Note] = []
    for row in rows:
        if not row.front.strip() or not (row.back.strip() or CLOZE_RE.search(row.front)):
            if skip_empty:
                continue
            side = "front" if not row.front.strip() else "back"
            raise ImportProblem(f"{_where(path, label, row)}: the {side} is empty (skip such rows to import the rest)")
        try:
            notes.append(checked(_note(row, f"{id_prefix}-{len(notes) + 1:04d}", source_id, label)))
        except ValidationError as e:
            err = e.errors()[0]
            loc = ".".join(str(x) for x in err["loc"])
            raise ImportProblem(f"{_where(path, label, row)}: {loc}: {err['msg']}") from None
    if not notes:
        raise ImportProblem(f"{path}: no cards to import")
    try:
        meta = checked(DeckMeta(id=deck_id, title=title))
    except ValidationError as e:
        raise ImportProblem(f"{path}: bad deck id or title: {e.errors()[0]['msg']}") from None
    source = checked(Source(id=source_id, title=path.name[:400] or source_id, kind="document"))
    return Deck(deck=meta, sources=(source,), notes=tuple(notes))
