"""Wrong options of the same type and scale as a drafted answer, drawn from the document where it can.

Years stay in the answer's century and are spaced like real alternatives (other years the document gives
come first); numbers keep their unit, format and magnitude; names are other names of the same type (people for
people, places for places) from the same document. When three good options cannot be made, there are none, and
the note gets no choice question. Everything is deterministic: the same document gives the same options.
"""

from __future__ import annotations

import functools
import re
import zlib

from quizapp.authoring.facts import ORDINALS, Fact
from quizapp.authoring.order import year_bounds
from quizapp.authoring.ordinals import ordinal_options
from quizapp.authoring.scales import scale_options
from quizapp.authoring.wordnum import fraction_options, ratio_options, word_options

WANTED = 3
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|across|into|to the city of)\s*$", re.I)
_PERSON_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sir|Lady|Lord|President|King|Queen|Sultan|Emperor|Pope|Saint|"
    r"General|Prince|Princess|composer|poet|painter|author|writer|by|with|and)\.?\s*$"
)
_ROLE_COMMA = re.compile(r"\b(?:ambassador|president|minister|king|queen|sultan|emperor|composer|musician|poet|"
                         r"painter|author|writer|explorer|scientist|general|leader|founder|director|pupil|rival)"
                         r",\s*$", re.I)  # fmt: skip
_PERSON_AFTER = re.compile(
    r"^(?:,\s(?:who|whose)\b|\s\((?:b\.|born|c\.|r\.|\d{3,4}(?![\d.]))|\s(?:was born|died|wrote|said)\b)"
)
_ORG = re.compile(r"\b(?:Society|Museum|Library|Company|Party|Government|Forces|Council|Union|Church|Empire|"
                  r"Republic|Kingdom|Army|Navy|University|College|Commission|Bulletin|Report|Office|License|Licence|"
                  r"Foundation|Guidelines|Contract|Agreement)\b")  # fmt: skip


def _seed(fact: Fact, salt: str) -> int:
    return zlib.crc32(f"{salt}|{fact.text}|{fact.start}".encode())


def _spread(value: int, lo: int, hi: int, step: int, seed: int, avoid: set[int]) -> list[int]:
    """Three values in [lo, hi] spaced `step` apart around `value`, the answer's place among them varying."""
    before = seed % (WANTED + 1)  # how many options come before the answer
    out: list[int] = []
    for k in range(1, 12):
        for v in (value - k * step, value + k * step):
            if lo <= v <= hi and v != value and v not in avoid and v not in out:
                out.append(v)
    lower = sorted((v for v in out if v < value), reverse=True)
    upper = sorted(v for v in out if v > value)
    take_low = min(before, len(lower))
    picks = lower[:take_low] + upper[: WANTED - take_low]
    picks += [v for v in lower[take_low:] if len(picks) < WANTED]
    return sorted(picks[:WANTED])


def _years(
    fact: Fact, pool: list[int], avoid: set[int], bounds: tuple[int | None, int | None] = (None, None)
) -> list[str] | None:
    """Wrong years (or dates with the year changed) for `fact`; options lie strictly within `bounds`, the years
    the sentence orders the answer between (see order.year_bounds)."""
    m = re.search(r"\b\d{4}\b" if fact.kind == "date" else r"\d{1,4}", fact.text)
    if not m:
        return None
    y = int(m[0])
    span = 0
    bc = bool(fact.unit and fact.unit.upper().startswith("B"))
    if fact.kind == "decade":
        lo, hi, step = y - 50, min(y + 50, 2020), 10
        pool = [p for p in pool if p % 10 == 0]
    elif bc or y < 100:
        step = 100 if y >= 500 else 50 if y >= 100 else 5
        lo, hi = (max(step, y - 5 * step), y + 5 * step)
    else:
        lo, hi = y // 100 * 100, min(y // 100 * 100 + 99, 2026)
        step = 0
        span = 0 if _ISO.fullmatch(fact.text) else _span(fact.text[m.end() :], y)  # a range's second year moves
        if bounds[0] is not None:
            lo = max(lo, bounds[0] + 1)
        if bounds[1] is not None:
            hi = min(hi, bounds[1] - 1 - span)
        if hi - lo < 2:
            return None
    same = sorted({p for p in pool if lo <= p <= hi and abs(p - y) >= 2 and p not in avoid}, key=lambda p: abs(p - y))
    picks: list[int] = []
    for p in same if not bc and y >= 100 and fact.kind != "decade" else []:
        if len(picks) < WANTED and all(abs(p - q) != span for q in [y, *picks]):
            picks.append(p)  # "1870 or 1871" beside "1871 or 1872": no two options share a year
    if len(picks) < WANTED:
        step = step or (4 + _seed(fact, "step") % 5 if fact.kind != "decade" else 10)
        for spacing in dict.fromkeys((step, max(2, step // 2), 1)):  # closer spacing when bounds are tight
            shared = {q + d for q in [*picks, y] for d in (-span, 0, span)}
            extra = _spread(y, lo, hi, spacing, _seed(fact, "year"), avoid | shared)
            if span:
                extra = [e for i, e in enumerate(extra) if all(abs(e - f) != span for f in extra[:i])]
            if len(picks) + len(extra) >= WANTED:
                break
        picks = sorted(set(picks) | set(extra[: WANTED - len(picks)]))
    if len(picks) < WANTED:
        return None
    if _ISO.fullmatch(fact.text):  # "2022-06-25": the month and day stay, and each option is a real date
        return [f"{p}{fact.text[4:]}" for p in picks] if all(_real_date(f"{p}{fact.text[4:]}") for p in picks) else None
    return [fact.text[: m.start()] + str(p) + _range_tail(fact.text[m.end() :], y, p) for p in picks]


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _real_date(iso: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(iso)
    except ValueError:
        return False
    return True


_SECOND_YEAR = re.compile(
    r"((?:\s?[–—-]\s?|\s+(?:or|and|to|until|till|through)\s+)(?:[A-Z][a-z]+\.?\s)?)(\d{4}|\d{2})(?!\d)(.*)"
)  # "-23", "or 1808", " to November 1995": the month of a month-year pair moves with its year


def _span(tail: str, first: int) -> int:
    """How many years a range's or pair's second year lies after its first (0 for a single year)."""
    r = _SECOND_YEAR.match(tail)
    if not r:
        return 0
    return (int(r[2]) if len(r[2]) == 4 else int(str(first)[:2] + r[2])) - first


def _range_tail(tail: str, old: int, new: int) -> str:
    """Shift the second year of a range ("–23", "–1566") or pair ("or 1808", "to 1918") by as much as the first."""
    r = _SECOND_YEAR.match(tail)
    if not r:
        return tail
    end = int(r[2]) if len(r[2]) == 4 else int(str(old)[:2] + r[2])
    shifted = end + new - old
    return r[1] + (str(shifted) if len(r[2]) == 4 else f"{shifted % 100:02d}") + r[3]


def _century(fact: Fact) -> list[str] | None:
    ordinal = re.compile(r"(\d{1,2})(st|nd|rd|th)|(" + "|".join(ORDINALS[::-1]) + ")", re.I)
    m = ordinal.search(fact.text)
    if not m:
        return None
    n = int(m[1]) if m[1] else ORDINALS.index(m[3].casefold()) + 1
    ranks = [int(f[1]) if f[1] else ORDINALS.index(f[3].casefold()) + 1 for f in ordinal.finditer(fact.text)]
    picks = _spread(n, 1 + n - min(ranks), len(ORDINALS) + n - max(ranks), 1, _seed(fact, "century"), {n})

    def shifted(by: int, found: re.Match[str]) -> str:  # every ordinal moves: "19th and 20th" -> "15th and 16th"
        k = (int(found[1]) if found[1] else ORDINALS.index(found[3].casefold()) + 1) + by
        if not 1 <= k <= len(ORDINALS):
            return found[0]
        if found[1]:
            return f"{k}" + ("th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th"))
        word = ORDINALS[k - 1]
        return word.title() if found[3][0].isupper() else word

    out = [ordinal.sub(functools.partial(shifted, p - n), fact.text) for p in picks]
    return out if len(out) == WANTED else None


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _scaled(fact: Fact, nums: list[re.Match[str]]) -> list[str] | None:
    """A range ("8 or 9 feet", "4 by 7 feet") with every number scaled alike."""
    if any("." in n[0] or "," in n[0] for n in nums):
        return None
    out = []
    for factor in (0.5, 2, 3, 1.5):
        values = [round(int(n[0]) * factor) for n in nums]
        if any(v <= 0 for v in values) or len(set(values)) < len(set(int(n[0]) for n in nums)):
            continue
        text, shift = fact.text, 0
        for n, v in zip(nums, values, strict=True):
            text = text[: n.start() + shift] + str(v) + text[n.end() + shift :]
            shift += len(str(v)) - len(n[0])
        if text != fact.text and text not in out:
            out.append(text)
    return out[:WANTED] if len(out) >= WANTED else None


def _amounts(fact: Fact, pool: list[Fact]) -> list[str] | None:
    if re.search(r"[½¼¾]", fact.text):
        return None
    nums = list(_NUMBER.finditer(fact.text))
    if len(nums) > 1:
        return _scaled(fact, nums)
    m = nums[0] if nums else None
    if not m:
        return None
    raw = m[0]
    value = float(raw.replace(",", ""))
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    same = [f for f in pool if f.kind == fact.kind and f.measure == fact.measure and f.text != fact.text]
    if fact.kind == "quantity":
        same = [f for f in same if (f.unit or "").casefold() == (fact.unit or "").casefold()]
    values: list[float] = []
    for f in same:
        n = _NUMBER.search(f.text)
        v = float(n[0].replace(",", "")) if n else 0
        if v and value and 1 / 2 <= v / value <= 2 and v != value and v not in values and len(values) < 2:
            values.append(v)
    if fact.kind == "percent":
        values = [v for v in values if v <= 100]
    if len(values) < WANTED:
        factors = (0.5, 0.75, 1.5, 2, 0.25, 3) if fact.kind != "percent" else ()
        for factor in factors:
            v = round(value * factor, decimals) if decimals else float(round(value * factor))
            plural_unit = fact.kind == "quantity" and (fact.unit or "").endswith("s")
            if (
                v > 0
                and v != value
                and v not in values
                and not (value >= 10 and v < 1)
                and not (plural_unit and v == 1)
            ):
                values.append(v)
        if fact.kind == "percent":
            step = 5 if value >= 10 else 1
            seed = _seed(fact, "percent")
            values += [float(v) for v in _spread(round(value), 0, 100, step * (1 + seed % 2), seed, {round(value)})]
    if fact.kind == "quantity":
        values = [v for v in values if v != 1]  # "1 feet", "1 people"
    values = sorted(set(values[:WANTED]))
    if len(values) < WANTED:
        return None

    def fmt(v: float) -> str:
        text = f"{v:,.{decimals}f}" if "," in raw else f"{v:.{decimals}f}"
        return fact.text[: m.start()] + text + fact.text[m.end() :]

    return [fmt(v) for v in values]


def _time(fact: Fact) -> list[str] | None:
    m = re.match(r"(\d{1,2})(?::(\d{2}))?(.*)", fact.text)
    if not m:
        return None
    h = int(m[1])
    twelve = bool(re.search(r"[ap]\.?m", m[3], re.I))
    lo, hi = (1, 12) if twelve else (0, 23)
    picks = _spread(h, lo, hi, 1, _seed(fact, "time"), {h})
    return [f"{p}" + (f":{m[2]}" if m[2] else "") + m[3] for p in picks] if len(picks) == WANTED else None


_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
]  # fmt: skip


def _months(fact: Fact) -> list[str] | None:
    """Other months for a month alone ("after May" -> "after March", ...) or a pair of them, every month of the
    pair moved alike ("May and September" -> "April and August", ...), staying within one year."""
    found = [_MONTHS.index(w) for w in re.findall(r"[A-Z][a-z]+", fact.text) if w in _MONTHS]
    if not found:
        return None
    shifts = [k for k in (-2, -1, 1, 2, 3, 4) if min(found) + k >= 0 and max(found) + k < 12]
    seed = _seed(fact, "month")
    picks = sorted(shifts[seed % 2 :][:WANTED])
    if len(picks) < WANTED:
        return None
    return [re.sub(r"[A-Z][a-z]+", functools.partial(_moved, by=k), fact.text) for k in picks]


def _moved(month: re.Match[str], by: int) -> str:
    return _MONTHS[_MONTHS.index(month[0]) + by] if month[0] in _MONTHS else month[0]


def name_type(sentence: str, fact: Fact) -> str:
    """'org', 'place', 'person' or 'other' for a name, from its words and the words around it."""
    if _ORG.search(fact.text):
        return "org"
    before, after = sentence[: fact.start], sentence[fact.end :]
    if _PLACE_BEFORE.search(before):
        return "place"
    if _PERSON_BEFORE.search(before) or _ROLE_COMMA.search(before) or _PERSON_AFTER.match(after):
        return "person"
    return "other"


def _names(fact: Fact, kind: str, names: list[tuple[str, str]]) -> list[str] | None:
    if kind == "other":
        return None
    words = set(fact.text.casefold().split())
    out: list[str] = []
    for text, t in names:
        if t == kind and text != fact.text and not (words & set(text.casefold().split())) and text not in out:
            out.append(text)
    if len(out) < WANTED:
        return None
    start = _seed(fact, "names") % len(out)
    return [out[(start + i) % len(out)] for i in range(WANTED)]


def distractors(
    fact: Fact, sentence: str, *, years: list[int], amounts: list[Fact], names: list[tuple[str, str]]
) -> list[str] | None:
    """Three wrong options for `fact`, or None when three good ones cannot be made. `years`, `amounts` and
    `names` (with their name_type) are what the whole document gives, to draw options from."""
    avoid = {int(y) for y in re.findall(r"\b\d{3,4}\b", sentence)}
    if fact.kind == "decade":
        out = _years(fact, years, avoid)
    elif fact.kind in ("year", "date"):
        out = _years(fact, years, avoid, year_bounds(fact, sentence))
    elif fact.kind == "century":
        out = _century(fact)
    elif fact.kind in ("money", "quantity", "number") and fact.text[:1].isalpha():  # "eleven years", "two"
        count, _, noun = fact.text.rpartition(" ") if fact.kind != "number" else (fact.text, "", "")
        out = word_options(count, noun or None, _seed(fact, "words"))
    elif fact.kind in ("money", "percent", "quantity", "number"):
        others = [a for a in amounts if not re.search(rf"(?<![\w.,]){re.escape(a.text)}(?![\w%])", sentence)]
        out = _amounts(fact, others)  # "523 patches applied and 514 bugs": 514 would be a second right answer
    elif fact.kind == "time":
        out = _time(fact)
    elif fact.kind == "month":
        out = _months(fact)
    elif fact.kind == "ordinal":
        out = ordinal_options(fact.text, fact.start)
    elif fact.kind == "ratio":
        out = ratio_options(fact.text, _seed(fact, "ratio")) if ":" in fact.text else scale_options(fact.text)
    elif fact.kind == "fraction":
        out = fraction_options(fact.text, _seed(fact, "fraction"), majority=fact.unit == "majority")
    else:
        out = _names(fact, name_type(sentence, fact), names)
    if (
        out
        and fact.kind == "number"
        and "1" in out
        and re.match(r"\s+(?:[a-z]+\s+)?[A-Za-z]+s\b", sentence[fact.end :])
    ):
        top = max(int(o) for o in out if o.isdigit())  # "required [2] CDs": not "1 CDs"
        out = sorted((o for o in out if o != "1"), key=int) + [str(top + 1 if str(top + 1) != fact.text else top + 2)]
    if not out or len({o.casefold() for o in out} | {fact.text.casefold()}) != WANTED + 1:
        return None
    if any(re.search(rf"(?<![\w.,]){re.escape(o)}(?![\w%])", sentence) for o in out):
        return None  # an option the sentence itself gives would be a second right answer
    return out
