"""Where quizapp keeps its files. Nothing is created at import."""

from __future__ import annotations

import os
import re
from pathlib import Path

from quizapp.errors import BadName

__all__ = ["BadName", "home", "safe_name"]

ENV_HOME = "QUIZAPP_HOME"
_NAME_RE = re.compile(r"^[\w][\w .'-]{0,63}$", re.UNICODE)
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    "conin$",
    "conout$",
    *(f"{dev}{i}" for dev in ("com", "lpt") for i in [*range(1, 10), "¹", "²", "³"]),
}  # Windows devices
MAX_NAME_BYTES = 200  # file systems allow 255; leave room for suffixes like ".corrupt-20260302T120000"


def home(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the override, else $QUIZAPP_HOME, else the platform's user data folder."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("quizapp", appauthor=False)


def safe_name(name: str, what: str = "name") -> str:
    """Return `name` if it can be a single file name; raise BadName with the reason otherwise."""
    if not isinstance(name, str) or not name.strip():
        raise BadName(f"{what} must not be empty")
    if name != name.strip():
        raise BadName(f"{what} {name!r} must not start or end with spaces")
    if any(ch in name for ch in "/\\\0") or name in {".", ".."} or ".." in name:
        raise BadName(f"{what} {name!r} must not contain '/', '\\' or '..'")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise BadName(f"{what} {name!r} must not contain control characters")
    if not _NAME_RE.match(name):
        raise BadName(f"{what} {name!r}: use letters, digits, spaces, '.', '-', \"'\" or '_' (at most 64)")
    if name.split(".")[0].rstrip(" ").casefold() in _RESERVED or name.endswith("."):
        raise BadName(f"{what} {name!r} is reserved on some systems")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise BadName(f"{what} {name!r} is too long for a file name")
    return name


def learner_dir(root: Path, learner: str) -> Path:
    return root / "learners" / safe_name(learner, "learner name")


def user_decks_dir(root: Path) -> Path:
    return root / "decks"
