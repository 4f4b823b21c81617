"""Load a class file, reporting every problem as path:line:col: field: message."""

from __future__ import annotations

from pathlib import Path

from quizapp.classroom import models
from quizapp.classroom.errors import ClassFileError
from quizapp.files.tomlcheck import Problem, Schema, check

MAX_CLASS_BYTES = 4 * 1024 * 1024


def load_class(path: Path) -> models.ClassFile:
    """Parse and validate a class file; raise ClassFileError listing every problem."""
    shown = str(path)
    try:
        if path.stat().st_size > MAX_CLASS_BYTES:
            raise ClassFileError([Problem(shown, 1, 1, "file", f"larger than {MAX_CLASS_BYTES // 2**20} MB")])
        raw = path.read_bytes()
    except OSError as e:
        raise ClassFileError([Problem(shown, 1, 1, "file", e.strerror or str(e))]) from None
    return parse_class(raw, shown)


def _validate(cls: type, data: object) -> models.ClassFile:
    from quizapp.decks.schema import validate  # pydantic, imported only when a file is checked

    return validate(models.ClassFile, data)


SCHEMA = Schema(
    root=models.ClassFile,
    validate=_validate,
    tables=models.TABLES,
    references=models.reference_problems,
    root_name="class",
    renamed={"class": "class_"},
)


def parse_class(raw: bytes, shown: str) -> models.ClassFile:
    """Validate class-file bytes; raise ClassFileError listing every problem."""
    return check(raw, shown, SCHEMA, ClassFileError)
