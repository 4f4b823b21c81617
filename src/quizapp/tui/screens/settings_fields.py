"""The settings form's fields: what each accepts, how a typed value is read, and the message when it is wrong.

No Textual here: the screen (settings.py) lays the fields out; these functions read and check what was typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizapp.progress.profile import Settings


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    lo: float
    hi: float
    whole: bool = True


FIELDS = (
    Field("desired_retention", "Desired retention", 0.70, 0.99, whole=False),
    Field("new_per_day", "New cards per day", 0, 9999),
    Field("reviews_per_day", "Reviews per day", 0, 99999),
    Field("day_start_hour", "Day starts at hour", 0, 23),
    Field("maximum_interval", "Maximum interval", 1, 36500),
    Field("leech_lapses", "Leech threshold", 0, 99),
)
HINTS = {
    "desired_retention": "0.70–0.99 or 70%–99%",
    "new_per_day": "0–9999, all decks together",
    "reviews_per_day": "0–99999",
    "day_start_hour": "0–23, local time",
    "maximum_interval": "days, 1–36500",
    "leech_lapses": "lapses, 0–99 (0: never)",
}
STEP_FIELDS = (
    ("learning_steps", "Learning steps"),
    ("relearning_steps", "Relearning steps"),
)
STEP_HINT = "e.g. 1m 10m 1h 1d (blank: none)"
MAX_STEP = 1440 * 30  # minutes: the profile's own bound
CHOICES = {
    "new_order": (
        "New-card order",
        (("Interleaved across decks", "interleaved"), ("Deck by deck", "deck"), ("Random", "random")),
    ),
    "review_order": (
        "Review order",
        (("Due date, soonest first", "due"), ("Random", "random"), ("Weakest first", "retrievability")),
    ),
    "leech_action": ("Leech action", (("Suspend and tag", "suspend"), ("Tag only", "tag"))),
}
SWITCHES = (
    ("bury_new_siblings", "Bury new siblings", "a note's other new cards wait a day"),
    ("bury_review_siblings", "Bury review siblings", "a note's other reviews wait a day"),
    ("active_recall", "Active recall", "answer by choosing or typing, then the rating is suggested"),
    ("type_answers", "Type typed cards", "off: typed cards flip like flashcards in study"),
)
_UNITS = {"m": 1, "h": 60, "d": 1440}
_STEP = re.compile(r"(\d+)\s*([mhd]?)")


def parse_field(field: Field, text: str) -> tuple[float | int | None, str | None]:
    """The value typed into a field, or a message that says what is wrong and what is allowed."""
    raw = text.strip().removesuffix("%").strip()
    if not raw:
        return None, f"{field.label} is empty: enter {HINTS[field.name]}."
    if field.whole:
        if not raw.isdigit():
            return None, f"{field.label} must be a whole number ({HINTS[field.name]})."
        value: float | int = int(raw)
    else:
        try:
            value = float(raw)
        except ValueError:
            return None, f"{field.label} must be a number like 0.9 or 90% ({HINTS[field.name]})."
        if value > 1 or text.strip().endswith("%"):
            value = round(value / 100, 4)
    if not field.lo <= value <= field.hi:
        return None, f"{field.label}: {text.strip()} is out of range; use {HINTS[field.name]}."
    return value, None


def parse_steps(label: str, text: str) -> tuple[tuple[int, ...] | None, str | None]:
    """Steps typed as "1m 10m 1h 1d" (a bare number is minutes), in minutes; or a message naming the field."""
    steps: list[int] = []
    for word in text.replace(",", " ").split():
        m = _STEP.fullmatch(word.lower())
        if m is None:
            return None, f"{label}: {word!r} is not a step; write minutes, hours or days like 1m 10m 1h 1d."
        minutes = int(m[1]) * _UNITS[m[2] or "m"]
        if not 1 <= minutes <= MAX_STEP:
            return None, f"{label}: {word} is out of range; each step is 1m to 30d."
        steps.append(minutes)
    return tuple(steps), None


def format_steps(steps: tuple[int, ...]) -> str:
    """Minutes as the form shows them: 1m 10m 1h 1d."""
    out = []
    for m in steps:
        unit = "d" if m % 1440 == 0 else "h" if m % 60 == 0 else "m"
        out.append(f"{m // _UNITS[unit]}{unit}")
    return " ".join(out)


def parse_deck_limit(title: str, text: str) -> tuple[int | None, str | None]:
    """A deck's own new-card limit; blank means the limit for all decks (None, no error)."""
    raw = text.strip()
    if not raw:
        return None, None
    if not raw.isdigit() or int(raw) > 9999:
        return None, f"New cards per day for {title} must be a whole number 0–9999, or blank for the global limit."
    return int(raw), None


def deck_placeholder(new_per_day: object) -> str:
    """What a deck's empty limit box shows in grey: the limit for all decks it follows, in words (a bare number
    read like a limit of the deck's own)."""
    return f"(all: {new_per_day})"


def shown(field: Field, settings: Settings) -> str:
    value = getattr(settings, field.name)
    return f"{value:.2f}" if not field.whole else str(value)
