"""Find the facts a sentence carries: dates, years, money, percentages, numbers with units, names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizapp.authoring.names import find_names
from quizapp.decks.models import parse_partial_date

_MONTH_NAMES = [
    "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul", "august aug",
    "september sep sept", "october oct", "november nov", "december dec",
]  # fmt: skip
MONTHS = {m: i + 1 for i, names in enumerate(_MONTH_NAMES) for m in names.split()}
_MON = r"(?P<mon>(?:" + "|".join(sorted((m.title() for m in MONTHS), key=len, reverse=True)) + r")\b\.?)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|bn|mn)\b)?"
_UNITS = (
    "km|kilometres|kilometers|miles|metres|meters|kg|tonnes|tons|mw|megawatts|gw|people|troops|soldiers|"
    "servicemen|students|members|companies|countries|days|years|months|weeks|hours|ships|aircraft|tanks"
)
DATE_RES = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mo>\d{2})-(?P<day>\d{2})\b"),
    re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}(?:\s+of)?[\s-]+{_MON},?[\s-]+{_YEAR}\b"),
    re.compile(rf"\b{_MON}(?:\s+of)?\s+{_YEAR}\b"),
]
MONEY_RE = re.compile(
    rf"(?:US\$|\$|€|£|¥|₹|Rs\.?\s?|(?:USD|PKR|EUR|RUB)\s)\d[\d,]*(?:\.\d+)?{_SCALE}"
    rf"|\b\d[\d,]*(?:\.\d+)?{_SCALE}\s(?:US\s)?(?:dollars?|euros?|pounds|rupees|roubles|rubles|yuan|yen|USD|PKR|RUB)\b"
)
PERCENT_RE = re.compile(r"(?<![\w.-])\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b)")
YEAR_RE = re.compile(rf"(?<![\w.,$£€-]){_YEAR}(?![\w%]|[.,]\d|\s(?:{_UNITS})\b)")
DECADE_RE = re.compile(r"(?<![\w$])(?:1[5-9]\d0|20\d0)s\b")
NUMBER_RE = re.compile(
    rf"(?<![\w$£€¥₹.,/-])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?{_SCALE}(?![\w%/-]|[.,]\d)(?=\s+[a-z])"
)
EVENT_RE = re.compile(
    r"\b(?:first(?:-ever| ever)?|signed|signing|agreed|agreement|established|founded|created|launched|inaugurated|"
    r"opened|visited|joined|elected|appointed|ratified|concluded|began|ended|invaded|declared|announced|"
    r"became|built|won|treaty|accord|convention)\b",
    re.I,
)
KIND_ORDER = ("date", "money", "percent", "year", "decade", "number", "name")  # which fact a note asks first


@dataclass(frozen=True)
class Fact:
    kind: str  # one of KIND_ORDER; used as the choice pool
    text: str  # verbatim from the sentence
    start: int
    end: int
    iso: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD for dates and years


def _date_iso(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    month = MONTHS[g["mon"].rstrip(".").casefold()] if g.get("mon") else int(g["mo"])
    day = int(g.get("day") or 0)
    iso = f"{m['year']}-{month:02d}-{day:02d}" if day else f"{m['year']}-{month:02d}"
    try:
        parse_partial_date(iso)
    except ValueError:
        return None
    return iso


def _beside_month(sentence: str, start: int, end: int) -> bool:
    before = sentence[:start].split()[-1:]
    after = sentence[end:].split()[:1]
    return any(w.strip(".,").casefold() in MONTHS for w in before + after)


def _candidates(sentence: str) -> list[Fact]:
    found: list[Fact] = []
    for rx in DATE_RES:
        for m in rx.finditer(sentence):
            if iso := _date_iso(m):
                found.append(Fact("date", m[0], m.start(), m.end(), iso))
    simple = (("year", YEAR_RE), ("decade", DECADE_RE), ("money", MONEY_RE), ("percent", PERCENT_RE))
    for kind, rx in simple + (("number", NUMBER_RE),):
        for m in rx.finditer(sentence):
            if kind == "number" and _beside_month(sentence, m.start(), m.end()):
                continue  # a day of the month without its year, not a count
            found.append(Fact(kind, m[0], m.start(), m.end(), m[0] if kind == "year" else None))
    found += [Fact("name", text, s, e) for text, s, e in find_names(sentence)]
    return found


def find_facts(sentence: str) -> list[Fact]:
    """Facts in `sentence`, best first (by KIND_ORDER, then position); spans never overlap."""
    taken: list[Fact] = []
    for f in sorted(_candidates(sentence), key=lambda f: (KIND_ORDER.index(f.kind), f.start, -f.end)):
        if all(f.end <= t.start or f.start >= t.end for t in taken):
            taken.append(f)
    return taken


def has_event(sentence: str) -> bool:
    """Whether the sentence reports an event: a first, a signing, an agreement, a founding."""
    return bool(EVENT_RE.search(sentence))
