"""A typed answer read as tokens: words, numbers with their unit, and dates (YYYY-MM-DD), so that sums and
dates compare by value ("2 thousand" = "2,000", "12 March 1921" = "1921-03-12")."""

from __future__ import annotations

import calendar
import re
import unicodedata
from decimal import Context, Decimal
from functools import lru_cache
from typing import NamedTuple

from quizapp.quiz.vocabulary import (
    ARTICLES,
    ATTACHED_SCALES,
    FOLLOWS,
    MONTHS,
    NUMWORDS,
    ORD_SUFFIX,
    PREFIXES,
    PREPOSITIONS,
    QUALIFIED,
    SCALES,
    STARTERS,
    UNITS,
    YEAR_SUFFIX,
    fold,
)

# --- tokens ---------------------------------------------------------------------------------------------------------

_RAW_RE = re.compile(r"([0-9]+(?:[.,/\-\u00a0\u202f\u2009][0-9]+)*)|([^\s0-9.,/\-]+)")
_GROUPED = re.compile(r"[0-9]{1,3}([,\u00a0\u202f\u2009])[0-9]{3}(?:\1[0-9]{3})*(?:\.[0-9]+)?")
_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+|,[0-9]{1,2})")
_EURO = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3}){2,}(?:,[0-9]+)?|[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+")
_YMD = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")
_DMY = re.compile(r"([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{4})")
_YM = re.compile(r"([0-9]{4})-([0-9]{1,2})|([0-9]{1,2})/([0-9]{4})")
_CTX = Context(prec=1000)


class _Raw(NamedTuple):
    text: str
    num: bool
    start: int
    end: int


class Tok(NamedTuple):
    kind: str  # "w" word, "n" number, "d" date
    text: str
    unit: str = ""
    ymd: tuple[int, int, int] = (0, 0, 0)


def _touching(raw: list[_Raw], j: int) -> bool:
    return 0 < j < len(raw) and raw[j - 1].end == raw[j].start


def _valid(y: int, m: int, d: int) -> bool:
    return 0 <= y <= 9999 and 1 <= m <= 12 and 0 <= d <= calendar.monthrange(y or 2000, m)[1]


def _date(y: int, m: int, d: int) -> Tok:
    text = (f"{y:04d}" if y else "-") + f"-{m:02d}" + (f"-{d:02d}" if d else "")
    return Tok("d", text, "", (y, m, d))


def _numeric_date(text: str) -> tuple[int, int, int] | None:
    if m := _YMD.fullmatch(text):
        tries = [(int(m[1]), int(m[3]), int(m[4]))]
    elif m := _DMY.fullmatch(text):  # day first; month first only when day first cannot be
        tries = [(int(m[4]), int(m[3]), int(m[1])), (int(m[4]), int(m[1]), int(m[3]))]
    elif m := _YM.fullmatch(text):
        tries = [(int(m[1] or m[4]), int(m[2] or m[3]), 0)]
    else:
        return None
    return next((t for t in tries if t[0] and _valid(*t)), None)


def _skip(raw: list[_Raw], j: int, words: set[str], touching: bool = False) -> int:
    ok = j < len(raw) and raw[j].text in words and (not touching or _touching(raw, j))
    return j + 1 if ok else j


def _year(raw: list[_Raw], j: int) -> tuple[int, int]:
    if j < len(raw) and raw[j].num and raw[j].text.isdigit() and 3 <= len(raw[j].text) <= 4:
        return int(raw[j].text), _skip(raw, j + 1, YEAR_SUFFIX)
    return 0, j


def _date_at(raw: list[_Raw], i: int) -> tuple[list[Tok], int] | None:
    """A date starting at raw[i]: 1948-05-01, 01/05/1948, 1st of May 1948, May 1, 1948, May 1948."""
    r, n = raw[i], len(raw)
    if r.num:
        if ymd := _numeric_date(r.text):
            return [_date(*ymd)], _skip(raw, i + 1, YEAR_SUFFIX)
        if not (r.text.isdigit() and len(r.text) <= 2):
            return None
        day, j = int(r.text), _skip(raw, i + 1, ORD_SUFFIX, touching=True)
        j = _skip(raw, j, {"of"})
        month = MONTHS.get(raw[j].text) if j < n else None
        if not month:
            return None
        year, j = _year(raw, j + 1)
    else:
        month = MONTHS.get(r.text)
        if not month or i + 1 >= n or not raw[i + 1].num or not raw[i + 1].text.isdigit():
            return None
        if len(raw[i + 1].text) > 2:  # May 1948
            year, j = _year(raw, i + 1)
            return ([_date(year, month, 0)], j) if year else None
        day = int(raw[i + 1].text)
        year, j = _year(raw, _skip(raw, i + 2, ORD_SUFFIX, touching=True))
    return ([_date(year, month, day)], j) if day and _valid(year, month, day) else None


def _number(text: str) -> list[Decimal]:
    """The value of a run of digits; several values when its separators make no single number."""
    if text.isdigit():
        return [Decimal(text)]
    if _GROUPED.fullmatch(text):
        return [Decimal(re.sub(r"[^0-9.]", "", text))]
    if _DECIMAL.fullmatch(text):
        return [Decimal(text.replace(",", "."))]
    if _EURO.fullmatch(text):
        return [Decimal(text.replace(".", "").replace(",", "."))]
    return [Decimal(p) for p in re.split(r"[^0-9]", text)]


def _number_words(raw: list[_Raw], i: int) -> tuple[Decimal, int] | None:
    """The value of English number words at raw[i]: 'seventy', 'two thousand and five', 'twenty-first'."""
    total = cur = 0
    last: str | None = None
    j = i
    while j < len(raw) and j - i < 24:
        w = raw[j].text
        after = NUMWORDS.get(raw[j + 1].text, ("",))[0] if j + 1 < len(raw) else ""
        if w == "and" and last in ("hundred", "scale") and after in ("unit", "teen", "tens"):
            j += 1
            continue
        hit = NUMWORDS.get(w)
        if hit is None or last not in FOLLOWS[hit[0]]:
            break
        kind, value, final = hit
        if kind == "hundred":
            cur = (cur or 1) * value
        elif kind == "scale":
            total, cur = total + (cur or 1) * value, 0
        else:
            cur += value
        last, j = kind, j + 1
        if final:
            break
    return (Decimal(total + cur), j) if last else None


def _unit(word: str) -> str:
    if word in UNITS:
        return UNITS[word]
    return word if len(word) == 1 and unicodedata.category(word) == "Sc" else ""


def _prefix(raw: list[_Raw], i: int) -> tuple[str, int]:
    w = raw[i].text
    if w == "us" and i + 1 < len(raw) and raw[i + 1].text == "$":
        return "usd", i + 2
    unit = _unit(w)
    return (unit, i + 1) if unit and (w in PREFIXES or w not in UNITS) else ("", i)


def _suffix(raw: list[_Raw], j: int) -> tuple[str, int]:
    if j >= len(raw):
        return "", j
    w = raw[j].text
    if j + 1 < len(raw):
        after = raw[j + 1].text
        if w == "per" and after == "cent":
            return "%", j + 2
        if qualified := QUALIFIED.get((w, _unit(after))):
            return qualified, j + 2
    unit = _unit(w)
    return (unit, j + 1) if unit else ("", j)


def _quantity_at(raw: list[_Raw], i: int) -> tuple[list[Tok], int] | None:
    """A number at raw[i], with its scale and unit: '$2 bn', '2,000 million', 'seventy percent', '1st'."""
    unit, j = _prefix(raw, i)
    if j < len(raw) and raw[j].num:
        values = _number(raw[j].text)
        if len(values) > 1:
            return None if unit else ([Tok("n", _fmt(v)) for v in values], j + 1)
        digits, value = len(raw[j].text), values[0]
        j = start = _skip(raw, j + 1, ORD_SUFFIX, touching=True)
        while j < len(raw) and j - start < 4 and digits <= 100:
            scale = SCALES.get(raw[j].text)
            if scale is None and j == start and _touching(raw, j):
                scale = ATTACHED_SCALES.get(raw[j].text)
            if scale is None:
                break
            value, j = _CTX.multiply(value, Decimal(scale)), j + 1
    elif hit := _number_words(raw, j):
        value, j = hit
    else:
        return None
    if not unit:
        unit, j = _suffix(raw, j)
    elif j < len(raw) and _unit(raw[j].text) == unit:
        j += 1  # "$2 billion dollars"
    if not unit and value == value.to_integral_value() and 100 <= value <= 9999:
        j = _skip(raw, j, YEAR_SUFFIX)
    return [Tok("n", _fmt(value), unit)], j


def _fmt(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _parse(raw: list[_Raw]) -> list[Tok]:
    out: list[Tok] = []
    i = 0
    while i < len(raw):
        r = raw[i]
        maybe = r.num or r.text in STARTERS or (len(r.text) == 1 and unicodedata.category(r.text) == "Sc")
        hit = maybe and (_date_at(raw, i) or _quantity_at(raw, i))
        if hit:
            toks, i = hit
            out.extend(toks)
        else:
            out.append(Tok("w", raw[i].text))
            i += 1
    return out


def _trim(toks: list[Tok]) -> tuple[Tok, ...]:
    """Drop leading articles, and 'in'/'on' before a number or date."""
    k = 0
    while len(toks) - k > 1 and toks[k].kind == "w":
        nxt = toks[k + 1]
        if nxt.kind == "w" and nxt.text in ARTICLES and len(toks) - k > 2:
            nxt = toks[k + 2]
        if toks[k].text in ARTICLES or (toks[k].text in PREPOSITIONS and nxt.kind != "w"):
            k += 1
        else:
            break
    return tuple(toks[k:])


def _tokens_uncached(text: str) -> tuple[Tok, ...]:
    folded = fold(text)
    raw = [_Raw(m[0], m.lastindex == 1, m.start(), m.end()) for m in _RAW_RE.finditer(folded)]
    return _trim(_parse(raw))


_tokens_cached = lru_cache(maxsize=4096)(_tokens_uncached)


def tokens(text: str) -> tuple[Tok, ...]:
    return _tokens_cached(text) if len(text) <= 400 else _tokens_uncached(text)
