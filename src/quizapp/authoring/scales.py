"""A map's or a model's scale is one fact, asked whole ("a one inch to one mile map", "1 cm to 1 km").

Asked by halves, "I have a one inch to [one mile] map" tested a length any of whose options makes a map."""

from __future__ import annotations

import re

from quizapp.authoring.facts import Fact
from quizapp.authoring.wordnum import SINGULAR

__all__ = ["whole_scales"]

_AMOUNT = r"(?:one|two|three|four|five|six|ten|twelve|an?|\d[\d,.]*)"
_SCALE = re.compile(
    rf"\b{_AMOUNT}\s(?:inch(?:es)?|in\.|cm|centimet(?:re|er)s?|mm|millimet(?:re|er)s?)\s(?:to|to the|=|represents)\s"
    rf"{_AMOUNT}\s(?:miles?|mi|km|kilomet(?:re|er)s?|feet|ft|yards?|met(?:re|er)s?|m)\b"
)


def whole_scales(sentence: str, facts: list[Fact]) -> list[Fact]:
    """`facts` with each scale in `sentence` as one fact (kind "ratio", its whole text) in place of its parts."""
    for m in _SCALE.finditer(sentence):
        parts = [i for i, f in enumerate(facts) if f.start < m.end() and f.end > m.start()]
        if parts:
            whole = Fact("ratio", m[0], m.start(), m.end())
            facts = [whole if i == parts[0] else f for i, f in enumerate(facts) if i == parts[0] or i not in parts]
    return facts


_STEPS = ["one", "two", "four", "ten"]
_PARTS = re.compile(r"^(.+?\s(?:to|to the|=|represents)\s)(one|two|four|ten|[124]|10)\s(\S+)$")
_PLURAL_OF = {p: s for s, p in SINGULAR.items()}  # "feet" -> "foot"


def scale_options(scale: str) -> list[str] | None:
    """Three other scales of the same form for `scale` ("one inch to one mile" -> "one inch to two miles", "...
    four miles", "... ten miles"): the second amount moves; None when the scale cannot be read."""
    m = _PARTS.match(scale)
    if not m or m[3] == "m":  # a bare "m" could be metres or minutes
        return None
    head, amount, unit = m[1], m[2], m[3]
    if len(unit) < 3:  # "km", "mi", "ft": the same for one and many
        one = many = unit
    else:
        one = _PLURAL_OF.get(unit, unit.removesuffix("s"))
        many = SINGULAR.get(one, one + "s")
    steps = _STEPS if amount.isalpha() else ["1", "2", "4", "10"]
    return [f"{head}{n} {one if n in ('one', '1') else many}" for n in steps if n != amount]
