"""A learner's settings, stored in profile.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, timezone
from pathlib import Path

import tomli_w

from quizapp.errors import CorruptFile
from quizapp.files.atomic import atomic_write

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
    type_answers: bool = True  # typed cards in study: type the answer (True) or flip them as flashcards
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

    def validated(self) -> Settings:
        for name, (lo, hi) in _LIMITS.items():
            value = getattr(self, name)
            if not lo <= value <= hi:
                raise ValueError(f"{name} must be between {lo} and {hi}, not {value}")
        for name, choices in _CHOICES.items():
            if getattr(self, name) not in choices:
                raise ValueError(f"{name} must be one of {', '.join(choices)}, not {getattr(self, name)!r}")
        for name in ("learning_steps", "relearning_steps"):
            steps = getattr(self, name)
            if not all(type(m) is int and 1 <= m <= 1440 * 30 for m in steps):
                raise ValueError(f"{name} must be minutes between 1 and 43200, not {list(steps)}")
        if self.fsrs_parameters and (
            len(self.fsrs_parameters) != 21 or not all(isinstance(w, float) for w in self.fsrs_parameters)
        ):
            raise ValueError(f"fsrs_parameters must be 21 numbers, not {len(self.fsrs_parameters)}")
        for deck, limit in self.deck_new_per_day.items():
            if type(limit) is not int or not 0 <= limit <= 9999:
                raise ValueError(f"deck_new_per_day.{deck} must be between 0 and 9999, not {limit!r}")
        return self

    @classmethod
    def from_dict(cls, data: dict) -> Settings:
        known = {f.name: f.type for f in fields(cls)}
        values = {}
        for key, value in data.items():
            if key not in known:
                continue  # a setting from a newer version: ignored, kept in the file until the next save
            default = getattr(cls(), key)
            if isinstance(default, tuple):
                if not isinstance(value, list):
                    raise ValueError(f"{key} must be a list, not {value!r}")
                values[key] = tuple(float(v) if key == "fsrs_parameters" else v for v in value)
                continue
            if isinstance(default, dict):
                if not isinstance(value, dict):
                    raise ValueError(f"{key} must be a table, not {value!r}")
                values[key] = dict(value)
                continue
            if isinstance(default, bool) != isinstance(value, bool) or not isinstance(value, (type(default), int)):
                raise ValueError(f"{key} must be a {type(default).__name__}, not {value!r}")
            values[key] = type(default)(value)
        return replace(cls(), **values).validated()


@dataclass(frozen=True)
class Profile:
    name: str
    created: datetime
    settings: Settings = Settings()


def load_profile(path: Path, name: str) -> Profile:
    """Read profile.toml; a missing file gives the defaults, a broken one raises CorruptFile."""
    if not path.exists():
        return Profile(name=name, created=datetime.now(timezone.utc))
    try:
        data = tomllib.loads(path.read_text("utf-8"))
        learner, settings = data.get("learner", {}), data.get("settings", {})
        if not isinstance(learner, dict) or not isinstance(settings, dict):
            raise ValueError("[learner] and [settings] must be tables")
        created = learner.get("created") or datetime.now(timezone.utc)
        if not isinstance(created, datetime):
            raise ValueError(f"created must be a date and time, not {created!r}")
        return Profile(name=name, created=created, settings=Settings.from_dict(settings))
    except BAD_DATA as e:
        raise corrupt(path, e) from None


BAD_DATA = (tomllib.TOMLDecodeError, ValueError, TypeError, AttributeError, OverflowError, RecursionError)


def corrupt(path: Path, error: BaseException) -> CorruptFile:
    """CorruptFile for a TOML file that failed to parse or validate, with the line where the parser names it."""
    text = str(error)
    m = _AT_LINE.search(text)
    detail = _AT_LINE.sub("", text) or type(error).__name__
    if isinstance(error, RecursionError):
        detail = "nested too deeply"
    return CorruptFile(path, getattr(error, "lineno", None) or (int(m[1]) if m else None), detail[:300])


def save_profile(path: Path, profile: Profile) -> None:
    data = {
        "learner": {"name": profile.name, "created": profile.created},
        "settings": asdict(profile.settings.validated()),
    }
    atomic_write(path, tomli_w.dumps(data).encode("utf-8"))
