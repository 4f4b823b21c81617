"""A learner's settings, stored in profile.toml."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime, timezone
from pathlib import Path

import tomli_w

from quizapp.atomic import atomic_write
from quizapp.errors import CorruptFile

_LIMITS = {
    "desired_retention": (0.7, 0.99),
    "new_per_day": (0, 9999),
    "reviews_per_day": (0, 99999),
    "day_start_hour": (0, 23),
}


@dataclass(frozen=True)
class Settings:
    desired_retention: float = 0.9
    new_per_day: int = 20
    reviews_per_day: int = 200
    day_start_hour: int = 4
    active_recall: bool = False

    def validated(self) -> Settings:
        for name, (lo, hi) in _LIMITS.items():
            value = getattr(self, name)
            if not lo <= value <= hi:
                raise ValueError(f"{name} must be between {lo} and {hi}, not {value}")
        return self

    @classmethod
    def from_dict(cls, data: dict) -> Settings:
        known = {f.name: f.type for f in fields(cls)}
        values = {}
        for key, value in data.items():
            if key not in known:
                continue  # a setting from a newer version: ignored, kept in the file until the next save
            default = getattr(cls, key)
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
        learner = data.get("learner", {})
        created = learner.get("created") or datetime.now(timezone.utc)
        return Profile(name=name, created=created, settings=Settings.from_dict(data.get("settings", {})))
    except tomllib.TOMLDecodeError as e:
        raise CorruptFile(path, getattr(e, "lineno", None), str(e)) from None
    except (ValueError, TypeError, UnicodeDecodeError, AttributeError) as e:
        raise CorruptFile(path, None, str(e)) from None


def save_profile(path: Path, profile: Profile) -> None:
    data = {
        "learner": {"name": profile.name, "created": profile.created},
        "settings": asdict(profile.settings.validated()),
    }
    atomic_write(path, tomli_w.dumps(data).encode("utf-8"))
