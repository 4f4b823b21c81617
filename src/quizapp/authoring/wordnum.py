"""Counts written in words ("eleven years", "a toll of one cent", "two letters", "a dozen eggs", "three times"):
found as facts, read as values, and wrong options written back in words ("nine years", "two cents").

A word number is asked only when it counts something named right after it: a unit ("years", "cents") or a
plural noun ("letters"). "One" only before a unit ("one cent"), never "one of"; a count after "the", "these",
"both" or a possessive ("the two men", "his three sons") points back at something already named and is not
asked, except a span such as "the next eleven years" or "the last hundred years".
"""

from __future__ import annotations

import re

_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
VALUES = {w: i + 1 for i, w in enumerate(_UNITS)}
VALUES |= {w: i + 10 for i, w in enumerate(_TEENS)}
VALUES |= {w: (i + 2) * 10 for i, w in enumerate(_TENS)}
VALUES |= {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
# singular unit -> plural, for "one cent" (the only units "one" is asked before)
SINGULAR = {
    "cent": "cents", "penny": "pennies", "dollar": "dollars", "pound": "pounds", "shilling": "shillings",
    "mile": "miles", "foot": "feet", "year": "years", "month": "months", "week": "weeks", "day": "days",
    "hour": "hours", "minute": "minutes", "vote": "votes",
}  # fmt: skip
_TENS_UNIT = rf"(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_UNITS)}))?"
_WORD = rf"(?:{_TENS_UNIT}|{'|'.join(_TEENS)}|{'|'.join(_UNITS[1:])})"
_BIG = rf"(?:(?:(?:a|one|{_WORD})\s)?(?:hundred|thousand)|(?:a|one|{_WORD})\s(?:million|billion))"  # "one billion"
# "nine hundred", "one thousand and thirty", "two thousand three hundred and five": one count
_COUNT = rf"{_BIG}(?:\s(?:and\s)?(?:{_WORD}\s)?hundred)?(?:\s(?:and\s)?{_WORD})?|(?:a|{_WORD})\sdozen|{_WORD}"
COUNT_WORDS = _COUNT
_PLURAL = r"(?:[a-z]{2,}[^s\W']s|[a-z]*children|men|women|people|feet|sheep|fish|deer|geese|mice|teeth)\b"
# a describing word or two may stand between the count and its noun: "nine hundred Debian developers", "two binary
# CDs", "four independent test harnesses"
_DESCRIBED = (
    r"(?:(?!(?:were|are|is|was|had|have|has|been|be|will|would|could|can|may|might|did|do|does|for|of|to|in|on|"
    r"at|by|with|from|and|or|the|an?)\b)"
    r"(?P<adj>[A-Za-z][a-z]*[^s\W](?:\s(?!(?:and|or|of|the|to|in|was|has|his|its)\b)[a-z]{2,}[^s\W])?)\s"
    r"(?=[a-z]{2,}[^s\W']s\b|[A-Z]{2,}s\b)(?!(?:this|thus|was|has|his|its)\b))?"
)
WORD_COUNT_RE = re.compile(
    rf"(?<![\w-])(?P<count>(?:{_COUNT}))\s{_DESCRIBED}(?P<noun>{_PLURAL}|(?-i:[A-Z]{{2,}}s)\b)(?![-'’])"
    rf"|(?<![\w-])(?P<one>one|a single)\s(?P<unit>{'|'.join(SINGULAR)})\b(?![-'’])",
    re.I,
)
_POINTS_BACK = re.compile(
    r"\b(?:the|these|those|both|all|each|every|his|her|its|their|our|my|your|whose|latter|former|above|other)\s+$",
    re.I,
)
_ANY = rf"(?:{'|'.join(VALUES)}|one|\d[\d,.]*)"
_JOINED_BEFORE = re.compile(rf"\b{_ANY}(?:\s+(?:and|or|to)|\s*[-–])?\s+$", re.I)
_JOINED_AFTER = re.compile(rf"\w+(?:[\s-]\w+)*?\s+(?:or|to)\s+{_ANY}\b", re.I)
_SPAN = re.compile(r"\bthe\s+(?:next|last|past|first|following|previous)\s+$", re.I)
_NOT_COUNTS = {"others", "ways", "things", "ones", "quarters", "thirds", "fifths", "tenths", "halves"}


def value(text: str) -> int | None:
    """The number a word count says ("eleven" 11, "twenty-one" 21, "a hundred" 100, "two hundred" 200)."""
    total = 0
    current = 0
    for word in re.split(r"[\s-]+", text.casefold()):
        if word == "and":
            continue  # "one thousand and thirty"
        if word in ("a", "single"):
            current = current or 1
        elif word in ("hundred", "thousand", "million", "billion"):
            current = (current or 1) * VALUES[word]
            if word != "hundred":
                total, current = total + current, 0
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in VALUES:
            current += VALUES[word]
        else:
            return None
    return total + current or None


def words(n: int) -> str | None:
    """`n` written in words, for 1-99 and whole hundreds up to 900; None otherwise."""
    if 1 <= n <= 9:
        return _UNITS[n - 1]
    if 10 <= n <= 19:
        return _TEENS[n - 10]
    if 20 <= n <= 99:
        tens, unit = divmod(n, 10)
        return _TENS[tens - 2] + (f"-{_UNITS[unit - 1]}" if unit else "")
    if n % 100 == 0 and 100 <= n <= 900:
        return f"{_UNITS[n // 100 - 1]} hundred"
    return None


_ADDED = {"new", "other", "more", "different", "additional", "further", "separate", "distinct", "similar", "extra"}
_IDIOM = re.compile(r"[Oo]ne (?:day|morning|afternoon|evening|night)")
_MEASURED = re.compile(
    r"\b(?:for|in|within|after|only|just|than|about|of|over|lasted|took|takes|per|last|a|each|every|to)\s+$", re.I
)  # "for one day", "lasted one day": a count of days


def find_word_counts(sentence: str) -> list[tuple[str, int, int, str]]:
    """(text, start, end, noun) of each word count in `sentence` worth asking ("eleven years", "one cent")."""
    out = []
    for m in WORD_COUNT_RE.finditer(sentence):
        noun = (m["noun"] or m["unit"] or "").casefold()
        if (m["adj"] or "").casefold().split(" ")[0] in _ADDED and (value(m["count"]) or 0) <= 10:
            continue  # "two new functions", "three other examples": a count of what is added, listed after it
        if noun in _NOT_COUNTS or (m[0][0].isupper() and m.start() > 0):
            continue  # "Three Gorges": part of a name
        before = sentence[: m.start()]
        if _IDIOM.fullmatch(m[0]) and not _MEASURED.search(before):
            continue  # "For example, one day Peter ...": "one day" as "on some day", not a count
        if _POINTS_BACK.search(before) and not _SPAN.search(before):
            continue
        if _JOINED_BEFORE.search(before) or _JOINED_AFTER.match(sentence[m.start() :]):
            continue  # "from twenty to thirty miles", "one hundred and thirty pounds", "one or two writers"
        out.append((m[0], m.start(), m.end(), noun))
    return out


_PLACES = ["first", "second", "third", "fourth", "fifth"]
_FRACTIONS = ["a quarter", "a third", "half", "two thirds", "three quarters"]
_FRACTION_SPELLINGS = {"one half": "half", "one third": "a third", "one quarter": "a quarter"}


_MAJORITIES = ["three-fifths", "two-thirds", "three-quarters", "four-fifths"]


def fraction_options(fraction: str, seed: int, majority: bool = False) -> list[str] | None:
    """Three other fractions for `fraction` ("half" -> "a quarter", "a third", "two thirds"; a majority's
    "two-thirds" -> "three-fifths", "three-quarters", "four-fifths"), or None."""
    if majority and fraction.casefold().replace(" ", "-") in _MAJORITIES:  # "a two-thirds majority"
        spaced = " " in fraction
        return [m.replace("-", " ") if spaced else m for m in _MAJORITIES if m != fraction.casefold().replace(" ", "-")]
    known = _FRACTION_SPELLINGS.get(fraction.casefold(), fraction.casefold().replace("-", " "))
    if known not in _FRACTIONS:
        return None
    others = [f for f in _FRACTIONS if f != known]
    del others[seed % len(others)]
    return others


def ratio_options(ratio: str, seed: int) -> list[str] | None:
    """Three other ratios of the same form for `ratio` ("3:1" -> "2:1", "4:1", "5:1"; "2:1" -> "3:1", "4:1",
    "5:1"): the first term moves, staying above the second; None when the ratio cannot be read."""
    try:
        a, b = (int(x) for x in ratio.split(":"))
    except ValueError:
        return None
    picks = [a + k for k in (-2, -1, 1, 2, 3) if a + k > b]
    low = [p for p in picks if p < a][-(seed % 2) :] if seed % 2 else []
    chosen = sorted(low + [p for p in picks if p > a][: 3 - len(low)])
    return [f"{p}:{b}" for p in chosen] if len(chosen) == 3 else None


def word_options(count: str, noun: str | None, seed: int) -> list[str] | None:
    """Three wrong counts in words for the word count `count` (with its `noun` when the blank holds it: "eleven"
    "years" -> "seven years", "nine years", "fifteen years"; "one" "cent" -> "two cents", ...; "two" alone ->
    "three", ...), or None when the count cannot be read or written back."""
    if count.casefold() in _PLACES and noun:  # "first week" -> "second week", "third week", "fourth week"
        return [f"{p} {noun}" for p in _PLACES if p != count.casefold()][:3]
    dozens = re.fullmatch(r"(\w+) dozen", count.casefold())
    if dozens and (n := value(dozens[1]) or (1 if dozens[1] == "a" else None)):  # "two dozen" -> "three dozen"
        spelled = [w for p in (n - 1, n + 1, n + 2, n + 3) if p >= 1 and (w := words(p))][:3]
        return [f"{w} dozen" + (f" {noun}" if noun else "") for w in spelled] if len(spelled) == 3 else None
    scaled = re.fullmatch(r"(\w+(?:-\w+)?) (thousand|million|billion)", count)
    if scaled and (lead := value(scaled[1])) and lead < 100:  # "seven thousand" -> "five | six | eight thousand"
        step = 1 if lead <= 6 else 2 if lead <= 12 else 5
        near = [lead - 2 * step, lead - step, lead + step, lead + 2 * step, lead + 3 * step]
        spelled = [w for p in near if p >= 1 and (w := words(p))]
        spelled = spelled[seed % 2 : seed % 2 + 3] if len(spelled) >= 4 else spelled[:3]
        if count[:1].isupper():
            spelled = [w.capitalize() for w in spelled]
        tail = f" {scaled[2]}" + (f" {noun}" if noun else "")
        return [w + tail for w in spelled] if len(spelled) == 3 else None
    fold = count.casefold().endswith("fold")
    n = value(count[:-4] if fold else count)
    if n is None:
        return None
    if fold:  # "fourfold" -> "threefold", "fivefold", "sixfold"; "twofold" -> "threefold", ...
        spelled = [w for p in (n - 1, n + 1, n + 2, n + 3) if p >= 2 and (w := words(p))][:3]
        return [f"{w}fold" for w in spelled] if len(spelled) == 3 else None
    if n == 1:
        plural = SINGULAR.get((noun or "").casefold(), (noun or "") + "s") if noun else ""
        picks = [2, 5, 10] if seed % 2 else [2, 3, 5]
        return [f"{words(p)} {plural}".strip() for p in picks]
    step = 1 if n <= 6 else 2 if n <= 12 else max(5, round(n / 4 / 5) * 5) if n < 100 else 100
    lower = [n - k * step for k in range(1, 4) if n - k * step >= 2]
    upper = [n + k * step for k in range(1, 4)]
    take_low = min(seed % 3, len(lower))
    picks = sorted(lower[:take_low] + upper[: 3 - take_low])
    written = [words(p) for p in picks]
    if any(w is None for w in written):
        return None
    if count[:1].isupper():
        written = [w.capitalize() for w in written if w]
    return [f"{w} {noun}" if noun else str(w) for w in written]
