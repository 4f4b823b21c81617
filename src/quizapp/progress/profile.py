"""A learner's settings, stored in profile.toml, and how a progress file that fails to load is reported."""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from quizapp.errors import CorruptFile
from quizapp.files.atomic import atomic_write, read_nofollow
from quizapp.files.tomlpos import key_positions, nesting_line
from quizapp.progress.records import FieldError, toml_table

_AT_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)")
_LIMITS = {
    "desired_retention": (0.7, 0.99),
    "new_per_day": (0, 9999),
    "reviews_per_day": (0, 99999),
    "day_start_hour": (0, 23),
    "maximum_interval": (1, 36500),
    "leech_lapses": (0, 99),
}
_CHOICES = {
    "new_order": ("interleaved", "deck", "random"),
    "review_order": ("due", "random", "retrievability"),
    "leech_action": ("suspend", "tag"),
}


@dataclass(frozen=True)
class Settings:
    desired_retention: float = 0.9
    new_per_day: int = 20
    reviews_per_day: int = 200
    day_start_hour: int = 4
    active_recall: bool = False
    learning_steps: tuple[int, ...] = (1, 10)  # minutes
    relearning_steps: tuple[int, ...] = (10,)  # minutes
    maximum_interval: int = 36500  # days
    deck_new_per_day: dict[str, int] = field(default_factory=dict)  # deck id -> its own new-card limit
    new_order: str = "interleaved"  # the decks' own order interleaved across decks | deck (deck by deck) | random
    review_order: str = "due"  # due (soonest first) | random | retrievability (weakest first)
    bury_new_siblings: bool = True
    bury_review_siblings: bool = True
    leech_lapses: int = 8  # lapses that make a card a leech (0: never)
    leech_action: str = "suspend"  # suspend | tag
    fsrs_parameters: tuple[float, ...] = ()  # FSRS-6's 21 weights fitted to this learner; empty: the defaults
    type_answers: bool = True  # typed cards in study: type the answer (True) or flip them as flashcards

    def validated(self) -> Settings:
        for name, (lo, hi) in _LIMITS.items():
            value = getattr(self, name)
            if not lo <= value <= hi:
                raise FieldError(("settings", name), f"{name} must be between {lo} and {hi}, not {value}")
        for name, choices in _CHOICES.items():
            if getattr(self, name) not in choices:
                raise FieldError(
                    ("settings", name), f"{name} must be one of {', '.join(choices)}, not {getattr(self, name)!r}"
                )
        for name in ("learning_steps", "relearning_steps"):
            steps = getattr(self, name)
            if not all(type(m) is int and 1 <= m <= 1440 * 30 for m in steps):
                raise FieldError(("settings", name), f"{name} must be minutes between 1 and 43200, not {list(steps)}")
        if self.fsrs_parameters and (
            len(self.fsrs_parameters) != 21 or not all(isinstance(w, float) for w in self.fsrs_parameters)
        ):
            raise FieldError(
                ("settings", "fsrs_parameters"), f"fsrs_parameters must be 21 numbers, not {len(self.fsrs_parameters)}"
            )
        for deck, limit in self.deck_new_per_day.items():
            if type(limit) is not int or not 0 <= limit <= 9999:
                raise FieldError(
                    ("settings", "deck_new_per_day", deck),
                    f"deck_new_per_day.{deck} must be between 0 and 9999, not {limit!r}",
                )
        return self

    @classmethod
    def from_dict(cls, data: dict) -> Settings:
        known = {f.name: f.type for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue  # a setting from a newer version: ignored, kept in the file until the next save
            default = getattr(cls(), key)
            if isinstance(default, tuple):
                if not isinstance(value, list):
                    raise FieldError(("settings", key), f"{key} must be a list, not {value!r}")
                try:
                    values[key] = tuple(float(v) if key == "fsrs_parameters" else v for v in value)
                except (TypeError, ValueError, OverflowError):
                    raise FieldError(("settings", key), f"{key} must be a list of numbers, not {value!r}") from None
                continue
            if isinstance(default, dict):
                if not isinstance(value, dict):
                    raise FieldError(("settings", key), f"{key} must be a table, not {value!r}")
                values[key] = dict(value)
                continue
            if isinstance(default, bool) != isinstance(value, bool) or not isinstance(value, (type(default), int)):
                raise FieldError(("settings", key), f"{key} must be a {type(default).__name__}, not {value!r}")
            try:
                values[key] = type(default)(value)
            except OverflowError:
                raise FieldError(("settings", key), f"{key} = {value} is out of range") from None
        return replace(cls(), **values).validated()


@dataclass(frozen=True)
class Profile:
    name: str
    created: datetime
    settings: Settings = Settings()


def load_profile(path: Path, name: str) -> Profile:
    """Read profile.toml; a missing file gives the defaults, a broken or invalid one raises CorruptFile."""
    text = None
    try:
        text = read_nofollow(path).decode("utf-8")
        data = tomllib.loads(text)
        learner, settings = data.get("learner", {}), data.get("settings", {})
        if not isinstance(learner, dict):
            raise FieldError(("learner",), "[learner] must be a table")
        if not isinstance(settings, dict):
            raise FieldError(("settings",), "[settings] must be a table")
        created = learner.get("created") or datetime.now(timezone.utc)
        if not isinstance(created, datetime):
            raise FieldError(("learner", "created"), f"created must be a date and time, not {created!r}")
        if created.tzinfo is None:
            created = created.replace(tzinfo=timezone.utc)  # a hand-written local time: read as UTC
        return Profile(name=name, created=created, settings=Settings.from_dict(settings))
    except FileNotFoundError:
        return Profile(name=name, created=datetime.now(timezone.utc))
    except OSError as e:
        raise CorruptFile(path, None, f"cannot be opened: {e.strerror or e}") from None
    except BAD_DATA as e:
        raise corrupt(path, e, text) from None


BAD_DATA = (tomllib.TOMLDecodeError, ValueError, TypeError, AttributeError, OverflowError, RecursionError)


def corrupt(path: Path, error: BaseException, text: str | None = None) -> CorruptFile:
    """CorruptFile for a TOML file that failed to decode, parse or validate, naming the line where it can be found:
    the parser's line, the line of a byte that is not UTF-8, the line of the key whose value is wrong (from `text`),
    or the line where nesting gets too deep."""
    if isinstance(error, UnicodeDecodeError):
        return CorruptFile(path, error.object[: error.start].count(b"\n") + 1, f"not UTF-8 (byte {error.start})")
    if isinstance(error, RecursionError):
        return CorruptFile(path, nesting_line(text) if text else None, "nested too deeply")
    message = str(error)
    m = _AT_LINE.search(message)
    detail = _AT_LINE.sub("", message) or type(error).__name__
    line = getattr(error, "lineno", None) or (int(m[1]) if m else None)
    if line is None and isinstance(error, FieldError) and text is not None:
        line = _line_of(text, error.loc)
    return CorruptFile(path, line, detail[:300])


def _line_of(text: str, loc: tuple[str, ...]) -> int | None:
    """The line of key path `loc` (or its longest prefix found) in `text`."""
    positions = key_positions(text)
    for end in range(len(loc), 0, -1):
        pos = positions.get(loc[:end])
        if pos:
            return pos[0]
    return None


def save_profile(path: Path, profile: Profile) -> None:
    text = toml_table("learner", {"name": profile.name, "created": profile.created})
    text += "\n" + toml_table("settings", asdict(profile.settings.validated()))
    atomic_write(path, text.encode("utf-8"))
