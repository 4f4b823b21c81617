"""Dates counted by ordinals: "in the ninth year of his reign, in the tenth month, in the tenth day of the month",
"On the ninth day of the fourth month", "until the eleventh year of King Zedekiah".

Chronicles, annals and scripture date events by the year of a reign or an era and the month and day counted in
words. Each such ordinal is a date fact, asked with its unit ("[ninth year]"), with other ordinals of the same
unit as wrong options: a month stays within twelve, a day within thirty.
"""

from __future__ import annotations

import re
import zlib

from quizapp.authoring.wordnum import words

_SPECIAL = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth",
            "twelve": "twelfth"}  # fmt: skip


def ordinal_word(n: int) -> str | None:
    """`n` as an ordinal in words ("ninth", "twenty-seventh", "fortieth") for 1-99, else None."""
    cardinal = words(n) if 1 <= n <= 99 else None
    if cardinal is None:
        return None
    head, sep, last = cardinal.rpartition("-")
    last = _SPECIAL.get(last) or (last[:-1] + "ieth" if last.endswith("y") else last + "th")
    return head + sep + last


ORDINAL_VALUES = {w: n for n in range(1, 100) if (w := ordinal_word(n))}
_ORD = "|".join(sorted(ORDINAL_VALUES, key=len, reverse=True))
_LEAD = r"(?:[Ii]n|[Oo]n|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Ss]ince|[Aa]fter|[Bb]efore|[Dd]uring|was|of)"
# "in the ninth year of his reign", "the nineteenth year of King Nebuchadnezzar", "the tenth month", "the seventh
# day of the month", "the ninth day of the fourth month": a year counted from a reign or an era (it says of what),
# a month counted in the year, a day counted in the month (it says so, or the sentence counts its month too)
_ORDINAL_DATE = re.compile(rf"\b{_LEAD} the (?P<o>{_ORD}) (?P<u>year|month|day)\b(?P<of> of\b)?")
_MONTH_COUNTED = re.compile(rf"\b(?:{_ORD}) month\b")
_LIMITS = {"month": 12, "day": 30, "year": 99}


def ordinal_dates(sentence: str) -> list[tuple[str, int, int, str]]:
    """(text, start, end, unit) of each date counted by an ordinal in `sentence` (see the module's note)."""
    out = []
    for m in _ORDINAL_DATE.finditer(sentence):
        unit = m["u"]
        if unit == "year" and not m["of"]:
            continue  # "in the first year" alone is a period of something, not a date
        of_month = m["of"] and re.match(r" (?:the|this|that) (?:[\w-]+ )?month\b", sentence[m.end() :])
        if unit == "day" and not of_month and not _MONTH_COUNTED.search(sentence):
            continue  # "on the first day" of a sale or a voyage: no calendar
        out.append((f"{m['o']} {unit}", m.start("o"), m.end("u"), unit))
    return out


def ordinal_options(text: str, salt: int) -> list[str] | None:
    """Three other ordinals of the same unit for `text` ("ninth year" -> "seventh year", "eighth year", "tenth
    year"; months within twelve, days within thirty), or None when it cannot be read."""
    word, _, unit = text.rpartition(" ")
    n = ORDINAL_VALUES.get(word.casefold())
    if n is None or unit not in _LIMITS:
        return None
    seed = zlib.crc32(f"{text}|{salt}".encode())
    lower = [n - k for k in (1, 2, 3) if n - k >= 1]
    upper = [n + k for k in (1, 2, 3) if n + k <= _LIMITS[unit]]
    take_low = min(seed % 4, len(lower))
    picks = sorted(lower[:take_low] + upper[: 3 - take_low])
    picks = sorted(picks + [p for p in lower[take_low:] if len(picks) < 3][: 3 - len(picks)])
    out = [f"{ordinal_word(p)} {unit}" for p in picks]
    if word[:1].isupper():
        out = [o[0].upper() + o[1:] for o in out]
    return out if len(out) == 3 else None
