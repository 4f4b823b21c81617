"""Validate data against the deck classes of quizapp.decks.models with pydantic (imported only when checking)."""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from quizapp.decks.models import Deck, to_data

T = TypeVar("T")

__all__ = ["ValidationError", "adapter", "checked", "deck_json_schema", "validate"]


@cache
def adapter(cls: type) -> TypeAdapter[Any]:
    """pydantic's validator for one class, built once."""
    return TypeAdapter(cls)


def validate(cls: type[T], data: Any) -> T:
    """An instance of `cls` from TOML-shaped data, every rule applied; raises pydantic's ValidationError."""
    key: type = cls  # (mypy does not see that a type[T] is hashable)
    value: T = adapter(key).validate_python(data)
    return value


def checked(value: T) -> T:
    """`value` (built in Python, e.g. by an importer) validated the way a file would be; raises ValidationError."""
    return validate(type(value), to_data(value))


def deck_json_schema() -> dict[str, Any]:
    """The JSON Schema of a deck file."""
    schema = adapter(Deck).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "quizapp deck (format 1)"
    return schema
