"""Quantities whose unit a proper word qualifies: "58.646 Earth days", "about 687 Martian days", "12 Roman miles",
"3,000 English pounds" stay one quantity (the blank keeps the qualifier and the unit, as a teacher would ask it),
where the plain quantity rule sees only a bare number before a capitalised word and asks nothing."""

from __future__ import annotations

import re

# the measuring units a place, people or standard qualifies ("Earth days", "nautical miles" is lower case and
# plain); counts ("Roman soldiers") are not units: a capitalised word before them names who, not a measure
_QUALIFIED_UNITS = (
    "years|year|months|days|day|hours|hour|minutes|seconds|weeks|miles|mile|leagues|feet|foot|inches|pounds|"
    "ounces|gallons|acres|kilometres|kilometers|metres|meters"
)
_QUALIFIED = re.compile(
    r"(?<![\w$£€¥₹.,/:-])(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s"
    r"(?P<q>(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
    rf"[A-Z][a-z]{{2,}})\s(?P<unit>{_QUALIFIED_UNITS})\b"
)


def qualified_quantities(sentence: str) -> list[tuple[str, int, int, str]]:
    """(text, start, end, unit) of each quantity of `sentence` whose unit a capitalised word qualifies ("Mercury's
    sidereal rotation period is [58.646 Earth days]"); a whole number that could be a year ("in 1850 Greenwich
    hours") is left to the year rule."""
    out = []
    for m in _QUALIFIED.finditer(sentence):
        if "." not in m["n"] and "," not in m["n"] and 1000 <= int(m["n"]) <= 2100:
            continue
        out.append((m[0], m.start(), m.end(), m["unit"]))
    return out
