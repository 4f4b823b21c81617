"""Import flashcards from CSV/TSV (spreadsheets, Quizlet, Anki plain text) and Anki packages into a Deck.

Every imported note gets an id "imp-0001", ..., cites one source named after the file (kind "document"),
with locator "row N" or "note N" and the back text as its quote. Bad files raise ImportProblem.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from quizapp.authoring.apkgread import read_apkg
from quizapp.authoring.delimited import parse_delimited
from quizapp.authoring.imported import MAX_IMPORT_BYTES, ImportProblem, rows_to_deck, size_text
from quizapp.decks.models import Deck

__all__ = ["MAX_IMPORT_BYTES", "ImportProblem", "import_apkg", "import_delimited", "import_file"]


def _check_size(path: Path, max_bytes: int) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file") from None
    except OSError as e:
        raise ImportProblem(f"{path}: cannot read: {e.strerror or e}") from None
    if not path.is_file():
        raise ImportProblem(f"{path}: not a regular file")
    if size > max_bytes:
        raise ImportProblem(f"{path}: {size_text(size)} is over the import limit of {size_text(max_bytes)}")


def read_text(path: Path, max_bytes: int = MAX_IMPORT_BYTES) -> str:
    """The file's text: UTF-8 (with or without BOM) or UTF-16 with a BOM; otherwise ImportProblem naming the
    first bad byte and its line."""
    _check_size(path, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ImportProblem(f"{path}: cannot read: {e.strerror or e}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ImportProblem(f"{path}: broken UTF-16 text at byte {e.start}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ImportProblem(
            f"{path}: not valid UTF-8 at byte {e.start} (line {line}); save the file as UTF-8 and try again"
        ) from None


def import_delimited(
    path: str | Path,
    *,
    deck_id: str,
    title: str,
    delimiter: str | None = None,
    row_delimiter: str | None = None,
    max_bytes: int = MAX_IMPORT_BYTES,
    skip_empty: bool = False,
    id_prefix: str = "imp",
) -> Deck:
    """A Deck from a CSV/TSV file: columns front, back and an optional tags column.

    The delimiter is sniffed (tab, comma, semicolon, '|') unless given or named by an Anki '#separator:' header;
    a first row like 'front,back,tags' or 'term,definition' names the columns. Quizlet's custom separators work
    by passing `delimiter` (any string) and `row_delimiter`. Rows with an empty side raise ImportProblem unless
    `skip_empty`. Note ids are "<id_prefix>-0001", ...; ids must be unique across the decks in use."""
    path = Path(path)
    text = read_text(path, max_bytes)
    try:
        rows = parse_delimited(text, delimiter, row_delimiter)
    except ImportProblem as e:
        raise ImportProblem(f"{path}: {e}") from None
    return rows_to_deck(
        rows, path=path, label="row", deck_id=deck_id, title=title, skip_empty=skip_empty, id_prefix=id_prefix
    )


def import_apkg(
    path: str | Path,
    *,
    deck_id: str,
    title: str,
    max_bytes: int = MAX_IMPORT_BYTES,
    skip_empty: bool = False,
    id_prefix: str = "imp",
) -> Deck:
    """A Deck from an Anki package: Basic notes -> basic, reversed types -> basic with reverse = true,
    Cloze -> cloze. HTML is stripped to plain text."""
    path = Path(path)
    _check_size(path, max_bytes)
    rows = read_apkg(path, max_bytes)
    return rows_to_deck(
        rows, path=path, label="note", deck_id=deck_id, title=title, skip_empty=skip_empty, id_prefix=id_prefix
    )


def import_file(path: str | Path, *, deck_id: str, title: str, **options: object) -> Deck:
    """import_apkg for .apkg files, import_kahoot for .xlsx spreadsheets, import_delimited for anything else;
    `options` go to the one chosen."""
    path = Path(path)
    if path.suffix.casefold() in (".xlsx", ".xlsm"):
        from quizapp.authoring.kahoot import import_kahoot

        return import_kahoot(path, deck_id=deck_id, title=title, **options)  # type: ignore[arg-type]
    if path.suffix.casefold() in (".apkg", ".colpkg"):
        return import_apkg(path, deck_id=deck_id, title=title, **options)  # type: ignore[arg-type]
    return import_delimited(path, deck_id=deck_id, title=title, **options)  # type: ignore[arg-type]
