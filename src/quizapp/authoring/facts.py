"""Find the facts a sentence carries: dates of every era, times, money, percentages, quantities, counts, names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizapp.authoring.names import find_names
from quizapp.authoring.ordinals import ORDINAL_VALUES, ordinal_dates
from quizapp.authoring.qualifiedunits import qualified_quantities
from quizapp.authoring.wordnum import COUNT_WORDS, SINGULAR, find_word_counts, value
from quizapp.decks.models import parse_partial_date

_MONTH_NAMES = [
    "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul", "august aug",
    "september sep sept", "october oct", "november nov", "december dec",
]  # fmt: skip
MONTHS = {m: i + 1 for i, names in enumerate(_MONTH_NAMES) for m in names.split()}
_MON_ANY = r"(?:" + "|".join(sorted((m.title() for m in MONTHS), key=len, reverse=True)) + r")\b\.?"
_MON = rf"(?P<mon>{_MON_ANY})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1\d{3}|20\d\d)"
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|bn|mn)\b)?"
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[½¼¾])?"
ORDINALS = list(ORDINAL_VALUES)[:21]  # "first" ... "twenty-first": centuries in words
# unit word -> the class of quantity it measures (distractors keep the unit; the note's label names the class)
_UNIT_WORDS = {
    "length": "feet foot ft inches inch yards yard miles mile metres meters metre meter km kilometres kilometers "
    "centimetres centimeters cm mm nm",
    "mass": "pounds lb lbs kg kilograms grams tons tonnes ounces oz",
    "area": "acres acre hectares",
    "volume": "litres liters gallons barrels",
    "duration": "years months weeks days hours minutes seconds centuries decades",
    "power": "mw megawatts gw kw kwh",
    "temperature": "degrees °c °f",
    "frequency": "hz khz mhz ghz",
    "data size": "bytes kb mb gb tb kib mib gib tib kilobytes megabytes gigabytes",
    "count": "people persons men women children troops soldiers servicemen students members companies countries "
    "ships aircraft tanks lives migrants cases deaths votes seats visitors workers families fighters graves bars "
    "movements sonatas volumes pages copies units",
}
UNITS = {word: measure for measure, words in _UNIT_WORDS.items() for word in words.split()}
_UNIT = (
    r"(?P<unit>sq(?:uare)?\.?\s(?:km|miles|kilometres|kilometers|metres|meters)|"
    + "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
    + r")\b"
)
_LABEL = re.compile(r"(?:\b(?:no|nos|op|fig|figs|p|pp|vol|vols|ch|chap|sec|plate|page|pages|chapter|section|"
                    r"part|table|footnote|note|art|article|psalm|verse|number|line|rfc|iso|pep|ieee|ansi|ecma|version|"
                    r"protocol|level|revision|cn|isbn|issn|lccn|cat)\.?|#)\s*$",
                    re.I)  # fmt: skip
ERA_WORDS = r"(?:B\.\s?C|BCE|BC|A\.\s?D|AD|CE)\b"
DATE_RES = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mo>\d{2})-(?P<day>\d{2})\b"),
    re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}(?:\s+of)?[\s-]+{_MON},?[\s-]+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MON},?\s+(?P<year>[1-9]\d{{2}})\b(?!\s?{ERA_WORDS})"),  # "11 May 868"
    re.compile(rf"\b{_MON}\s+{_DAY},\s+(?P<year>[1-9]\d{{2}})\b(?!\s?{ERA_WORDS})"),  # "May 11, 868"
    re.compile(rf"\b{_MON}\s?[–-]\s?{_MON_ANY},?\s+{_YEAR}\b"),  # "August-December 1993": one fact, the range
    re.compile(rf"(?<=\bbetween ){_MON} and {_MON_ANY}(?:,| of)?\s+{_YEAR}\b"),  # "between August and December of 1993"
    re.compile(
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s?(?:to|–|-)\s?{_DAY}\s+{_MON},?\s+{_YEAR}\b"
    ),  # "from 24 to 30 July 2011"
    re.compile(
        rf"\b{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?\s?(?:to|–|-)\s?{_DAY},?\s+{_YEAR}\b"
    ),  # "August 10th to 16th, 2008"
    re.compile(rf"\b{_MON}(?:\s+of)?\s+{_YEAR}\b"),
]
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# "Development continued after May", "work was done between May and September": a month the year around it gives
MONTH_RE = re.compile(
    rf"(?:(?<=\bbetween ){_FULL_MONTH} and {_FULL_MONTH}|(?<=\b(?:after|since|until) ){_FULL_MONTH}"
    rf"|(?<=\bbefore ){_FULL_MONTH})\b(?![\s,]*(?:of\s)?\d)"
)
# "for one year (November 1994 to November 1995)": a month range whose span the sentence states is one fact (the
# span gives either end away); without the span the ends are two ("From October 1813 to April 1815 Faraday ...")
MONTH_PAIR_RE = re.compile(rf"\b{_MON}\s+{_YEAR}\s?(?:to|–|-)\s?{_MON_ANY}\s+(?:1\d{{3}}|20\d\d)\b")
_SPAN_GIVEN = re.compile(r"\bfor (?:one|two|three|four|five|a|an|\d+) (?:years?|months?|weeks?|days?)\b")
ERA = r"(?:B\.\s?C\.(?:\s?E\.)?|BCE|BC|A\.\s?D\.|AD|CE)"
ERA_YEAR_RE = re.compile(
    rf"(?<![\w.,])(?:(?P<pre>A\.\s?D\.|AD)\s?(?P<y1>\d{{1,4}})\b|(?P<y2>\d{{1,4}})\s?(?P<era>{ERA}))(?!\w)"
)
YEAR_PAIR_RE = re.compile(
    r"(?<![\w.,$£€:/-])(?<!\d, )(?<!\d,)(?P<a>1\d{3}|20\d\d)\s+(?:or|and|to|until|till|through)\s+(?P<b>1\d{3}|20\d\d)"
    r"(?![\w%:/]|[.,]\d|\s?[–-]\s?\d)"
)  # "in 1807 or 1808", "in 1995 and 1996", "between 1969 and 1972", "from 1886 to 1918": one fact, not two
RANGE_RE = re.compile(r"(?<![\w.,$-])(?P<a>1\d{3}|20\d\d)\s?[–—-]\s?(?P<b>\d{4}|\d{2})(?![\w%]|[.,]\d)")
CENTURY_RE = re.compile(
    r"\b(?:(?:early|late|mid|middle)[\s-])?(?P<n>\d{1,2}(?:st|nd|rd|th)|" + "|".join(ORDINALS[::-1]) + r")"
    r"(?:\s(?:and|to|or)\s(?:(?:early|late|mid|middle)[\s-])?(?:\d{1,2}(?:st|nd|rd|th)|"
    + "|".join(ORDINALS[::-1])
    + r"))?"  # "the late 19th and early 20th centuries"
    rf"[\s-]centur(?:y|ies)(?:\s(?P<era>{ERA}))?",
    re.I,
)
TIME_RE = re.compile(
    r"\b(?:[01]?\d|2[0-3]):[0-5]\d(?:\s?[ap]\.?m\.?|\s?(?:am|pm)\b)?|\b(?:1[0-2]|0?\d)\s?[ap]\.m\.", re.I
)
MONEY_RE = re.compile(
    rf"(?:US\$|\$|€|£|¥|₹|Rs\.?\s?|(?:USD|PKR|EUR|RUB|GBP)\s)\d+(?:,\d{{3}})*(?:\.\d+)?{_SCALE}"
    rf"|\b\d+(?:,\d{{3}})*(?:\.\d+)?{_SCALE}\s(?:US\s)?"
    r"(?:dollars?|euros?|pounds sterling|rupees|roubles|rubles|yuan|yen|francs|marks|USD|PKR|RUB)\b"
)
PERCENT_RE = re.compile(
    r"(?<![\w.-])(?:\d+(?:\.\d+)?%?\s?(?:–|-|to)\s?)?\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b)"
)  # "5%", "a 1–3% increase" (a range, one fact)
YEAR_RE = re.compile(rf"(?<![\w.,$£€:/-]){_YEAR}(?![\w%:/+]|[.,]\d|\s?[–-]\s?\d|\s(?i:{_UNIT}))")
# "from 1917 workers of the company painted ...": after these words a year stays a year before a count noun
LEAD_YEAR_RE = re.compile(rf"\b(?:from|since|until|till|after|before) {_YEAR}(?=\s[a-z])", re.I)
DECADE_RE = re.compile(r"(?<![\w$])(?:1\d\d0|20\d0)s\b")
QUANTITY_RE = re.compile(
    rf"(?<![\w$£€¥₹.,/:-])(?:{_NUM}\s?(?:to|or|and|-|–|by)\s?)?{_NUM}{_SCALE}\s?(?:-\s?)?{_UNIT}", re.I
)
NUMBER_RE = re.compile(
    rf"(?<![\w$£€¥₹.,/:-]){_NUM}{_SCALE}\+?(?![\w%/:+-]|[.,]\d|\s(?:million|billion|trillion|thousand)\b)"
    r"(?=\s+(?:[a-z]|[A-Z]{2,}s\b|[A-Z]{3,}S\b|[A-Z]{3,}\s+of\b))"
)  # "848 packages", "2 CDs", "3 DVDs", "25 PEPS" (a plural acronym is a counted noun too), "27.7 KSLOC of C code"
# "a 3:1 majority", "a ratio of 2:1": a ratio, asked whole ("3:1"), never read as a time or two numbers
RATIO_RE = re.compile(
    r"(?<![\w:.,])(?P<r>\d{1,2}:\d{1,2})(?![\w:]|[.,]\d)(?=\s+(?:majority|ratio|margin|vote|split)\b)"
    r"|(?<=\bratio of )(?P<r2>\d{1,2}:\d{1,2})(?![\w:]|[.,]\d)"
)
# "a two-thirds majority": a fraction that sets a rule
MAJORITY_RE = re.compile(
    r"(?<=\ba )(?P<f>two-thirds|three-quarters|three-fifths|four-fifths|two thirds|three quarters)(?= majority\b)"
)
# "sped up by 3 to 5 times", "from 2 to 3 times faster": a range of multiples, one fact
TIMES_RANGE_RE = re.compile(r"(?<![\w.,])\d+\s?(?:to|–|-)\s?\d+ times\b")
# "a fourfold increase", "a tenfold rise": a multiple
FOLD_RE = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)fold\b", re.I)
# "Q is half of the square root of ...", "by two thirds of the votes": a fraction of something named after it
FRACTION_RE = re.compile(
    r"\b(?:is|are|was|were|be|by|to|than|about|nearly|almost|over|exactly|only|just|roughly|least) "
    r"(?P<f>half|one half|a third|one third|two thirds|two-thirds|a quarter|one quarter|three quarters|"
    r"three-quarters)(?= of\b)"
)
# "increasing the number of translations to over fifty.": a count in words that ends its clause after "to"
REACHED_RE = re.compile(
    r"\b(?:to|reached|reaching|numbered|totall?ed|totall?ing) "
    r"(?:(?:over|about|around|nearly|almost|some|more than|fewer than|roughly|just over|just under) )?"
    rf"(?P<n>{COUNT_WORDS})(?=\s?[.;,]|$)"
)
# "For the first week any Developer may ...": a period counted by its place in a sequence
ORDINAL_PERIOD_RE = re.compile(
    r"^(?:For|During|Within|In|After|Over|Throughout) the "
    r"(?P<p>(?:first|second|third|fourth|fifth) (?P<u>day|week|month|year|fortnight|decade))\b(?!\s+of\b)"
)  # a sentence's time frame, not a period inside it ("... and in the first day about 150,300 people crossed")
# "About 280 Protestants", "6.5 million Egyptian migrants": a count before a capitalised noun after an "about"
APPROX_NUMBER_RE = re.compile(
    rf"\b(?:[Aa]bout|[Ss]ome|[Nn]early|[Aa]lmost|[Aa]round|[Oo]ver|[Mm]ore than|[Aa]t least|[Rr]oughly) "
    rf"(?P<n>{_NUM}{_SCALE})(?![\w%/:-]|[.,]\d)(?=\s+[A-Z][a-z])"
    rf"|(?<![\w$£€¥₹.,/:-])(?P<n2>{_NUM}\s(?:million|billion|trillion))(?=\s+[A-Z][a-z])"
)
EVENT_RE = re.compile(
    r"\b(?:first(?:-ever| ever)?|signed|signing|agreed|agreement|established|founded|created|launched|inaugurated|"
    r"opened|visited|joined|elected|appointed|ratified|concluded|began|ended|invaded|declared|announced|"
    r"became|built|won|treaty|accord|convention|published|born|died|composed|discovered|invented|conquered)\b",
    re.I,
)
KIND_ORDER = (
    "date", "ratio", "time", "money", "percent", "year", "century", "decade", "quantity", "number", "fraction",
    "ordinal", "month", "name",
)  # fmt: skip


@dataclass(frozen=True)
class Fact:
    kind: str  # one of KIND_ORDER
    text: str  # verbatim from the sentence
    start: int
    end: int
    iso: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD for dates and years of our era
    unit: str | None = None  # the unit word of a quantity ("feet"), or the era of a year or century ("B.C.")

    @property
    def measure(self) -> str | None:
        """The class of a quantity ("length", "mass", "count" ...), from its unit."""
        if self.kind != "quantity" or not self.unit:
            return None
        return "area" if self.unit.casefold().startswith("sq") else UNITS.get(self.unit.casefold(), "quantity")


def _date_iso(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    month = MONTHS[g["mon"].rstrip(".").casefold()] if g.get("mon") else int(g["mo"])
    day = int(g.get("day") or 0)
    year = int(m["year"])
    iso = f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}"
    try:
        parse_partial_date(iso)
    except ValueError:
        return None
    return iso


def _beside_month(sentence: str, start: int, end: int) -> bool:
    before = sentence[:start].split()[-1:]
    after = sentence[end:].split()[:1]
    return any(w.strip(".,").casefold() in MONTHS for w in before + after)


def _labelled(sentence: str, start: int) -> bool:
    """A number that labels something ("No. 4", "Op. 2", "Fig. 1", "p. 433") rather than counting it."""
    return bool(_LABEL.search(sentence[max(0, start - 12) : start]))


_ROUGH = re.compile(
    r"\b(?:over|about|around|more than|fewer than|less than|nearly|almost|roughly|approximately)\s$", re.I
)
_VERSION = re.compile(r"\d+\.\d+")


def _candidates(sentence: str) -> list[Fact]:
    found: list[Fact] = []
    for rx in DATE_RES:
        for m in rx.finditer(sentence):
            if iso := _date_iso(m):
                found.append(Fact("date", m[0], m.start(), m.end(), iso))
    for m in MONTH_PAIR_RE.finditer(sentence):
        if _SPAN_GIVEN.search(sentence[: m.start()]) and (iso := _date_iso(m)):
            found.append(Fact("date", m[0], m.start(), m.end(), iso))
    found += [Fact("month", m[0], m.start(), m.end()) for m in MONTH_RE.finditer(sentence)]
    for m in ERA_YEAR_RE.finditer(sentence):
        era = (m["pre"] or m["era"] or "").replace(" ", "")
        year = int(m["y1"] or m["y2"])
        bc = era.upper().startswith("B")
        iso = None if bc or not 0 < year <= 2100 else f"{year:04d}"
        found.append(Fact("year", m[0], m.start(), m.end(), iso, era))
    for m in RANGE_RE.finditer(sentence):
        a, b = m["a"], m["b"]
        end = int(a[:2] + b) if len(b) == 2 else int(b)
        if int(a) < end <= int(a) + 150 and not _labelled(sentence, m.start()):
            found.append(Fact("year", m[0], m.start(), m.end(), a))
    for m in YEAR_PAIR_RE.finditer(sentence):
        if int(m["a"]) < int(m["b"]) <= int(m["a"]) + 150 and not _labelled(sentence, m.start()):
            found.append(Fact("year", m[0], m.start(), m.end(), m["a"]))
    for m in CENTURY_RE.finditer(sentence):
        found.append(Fact("century", m[0], m.start(), m.end(), None, m["era"]))
    for m in RATIO_RE.finditer(sentence):
        g = "r" if m["r"] else "r2"
        found.append(Fact("ratio", m[g], m.start(g), m.end(g)))
    found += [
        Fact("fraction", m["f"], m.start("f"), m.end("f"), None, "majority") for m in MAJORITY_RE.finditer(sentence)
    ]
    for m in FRACTION_RE.finditer(sentence):
        found.append(Fact("fraction", m["f"], m.start("f"), m.end("f")))
    found += [Fact("number", m[0], m.start(), m.end()) for m in FOLD_RE.finditer(sentence)]
    found += [Fact("quantity", m[0], m.start(), m.end(), None, "times") for m in TIMES_RANGE_RE.finditer(sentence)]
    found += [Fact("number", m["n"], m.start("n"), m.end("n")) for m in REACHED_RE.finditer(sentence)]
    for m in re.finditer(
        rf"\b(?:{COUNT_WORDS})(?=\s?[,;.]|$)", sentence
    ):  # "all the men of might, even seven thousand,"
        if re.search(r"\b(?:hundred|thousand)$", m[0]) and (value(m[0]) or 0) >= 100:
            found.append(Fact("number", m[0], m.start(), m.end()))
    for m in ORDINAL_PERIOD_RE.finditer(sentence):
        found.append(Fact("quantity", m["p"], m.start("p"), m.end("p"), None, m["u"] + "s"))
    for m in TIME_RE.finditer(sentence):
        found.append(Fact("time", m[0], m.start(), m.end()))
    for m in YEAR_RE.finditer(sentence):
        if _ROUGH.search(sentence[: m.start()]) and re.match(r"\s+[a-z]+s\b", sentence[m.end() :]):
            continue  # "over 1500 packages": a rough count, not the year 1500
        if not _labelled(sentence, m.start()):
            found.append(Fact("year", m[0], m.start(), m.end(), m[0]))
    for m in LEAD_YEAR_RE.finditer(sentence):
        found.append(Fact("year", m["year"], m.start("year"), m.end("year"), m["year"]))
    for kind, rx in (("decade", DECADE_RE), ("money", MONEY_RE), ("percent", PERCENT_RE)):
        found += [Fact(kind, m[0], m.start(), m.end()) for m in rx.finditer(sentence)]
    for m in QUANTITY_RE.finditer(sentence):
        if not _labelled(sentence, m.start()):
            found.append(Fact("quantity", m[0], m.start(), m.end(), None, m["unit"]))
    found += [Fact("quantity", t, s, e, None, u) for t, s, e, u in qualified_quantities(sentence)]  # "58.6 Earth days"
    for m in re.finditer(r"\batomic number (\d{1,3})\b", sentence):  # "... with the atomic number 8."
        found.append(Fact("number", m[1], m.start(1), m.end(1)))
    for m in NUMBER_RE.finditer(sentence):
        if (
            _VERSION.fullmatch(m[0])
            and re.search(r"(?:^|\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[A-Z][\w+-]*)\s+)$", sentence[: m.start()])
            and not re.match(r"\s+[a-z]{2,}[^s\W]s\b", sentence[m.end() :])  # "1.6 packages", not "0.91 was"
        ):
            continue  # "the 1.6 tree", "Debian 2.0", "1.6 is ...": a version, not a count ("reaching 3.6" is one)
        if not _beside_month(sentence, m.start(), m.end()) and not _labelled(sentence, m.start()):
            found.append(Fact("number", m[0], m.start(), m.end()))
    for m in APPROX_NUMBER_RE.finditer(sentence):
        g = "n" if m["n"] else "n2"
        if not _beside_month(sentence, m.start(g), m.end(g)):
            found.append(Fact("number", m[g], m.start(g), m.end(g)))
    found += _word_counts(sentence)
    found += [Fact("ordinal", t, s, e, None, u) for t, s, e, u in ordinal_dates(sentence)]  # "the ninth year of"
    found += [Fact("name", text, s, e) for text, s, e in find_names(sentence)]
    return found


_MONEY_NOUNS = {"cent", "cents", "penny", "pennies", "dollar", "dollars", "shilling", "shillings"}


def _word_counts(sentence: str) -> list[Fact]:
    """Counts in words: "one cent" is money, "eleven years" a quantity (the blank keeps the unit), "two letters"
    a number (the blank is the count alone)."""
    out = []
    for text, start, end, noun in find_word_counts(sentence):
        plural = SINGULAR.get(noun, noun)
        words = text.split()
        while len(words) > 2 and value(" ".join(words[:-1])) is None:
            words.pop(-2)  # "nine hundred Debian developers": the describing word is no part of the count
        if len(words) < len(text.split()) and (noun in _MONEY_NOUNS or UNITS.get(plural, "count") != "count"):
            continue  # "eleven long years": a unit is asked whole, and not with a describing word inside it
        if noun in _MONEY_NOUNS:
            out.append(Fact("money", text, start, end, None, noun))
        elif plural in UNITS and UNITS[plural] != "count":
            out.append(Fact("quantity", text, start, end, None, text.split()[-1]))
        else:
            count = " ".join(words[:-1])
            out.append(Fact("number", count, start, start + len(count), None, noun))
    return out


_DEFINED = re.compile(r"(?:^|[.;:]\s)(?P<v>[A-Z]) (?:is|are|equals|means)\b|\b(?P<w>[A-Z]) = ")


def defined_variables(sentences: list[str]) -> set[str]:
    """The one-letter variables a document defines ("Q is half of the square root of ...", "K is Q or 5"), whose
    multiples elsewhere ("a quorum of 3Q", "at least 2K Developers") are facts of the document's rules."""
    return {m["v"] or m["w"] for s in sentences for m in _DEFINED.finditer(s)}


def _variable_facts(sentence: str, variables: set[str]) -> list[Fact]:
    """A defined variable's multiple ("3Q"), and in the variable's own definition ("K is Q or 5") its bare
    numbers."""
    out = [
        Fact("number", m[0], m.start(), m.end())
        for m in re.finditer(r"(?<![\w.])\d{1,3}([A-Z])\b", sentence)
        if m[1] in variables
    ]
    if (m := re.match(r"([A-Z]) (?:is|are|equals|means)\b", sentence)) and m[1] in variables:
        out += [
            Fact("number", n[0], n.start(), n.end()) for n in re.finditer(r"(?<![\w.,])\d+(?![\w]|[.,]\d)", sentence)
        ]
    return out


def find_facts(sentence: str, variables: set[str] | None = None) -> list[Fact]:
    """Facts in `sentence`, best first (by KIND_ORDER, then position); spans never overlap. `variables` are the
    one-letter variables the document defines (see defined_variables)."""
    taken: list[Fact] = []
    found = _candidates(sentence) + (_variable_facts(sentence, variables) if variables else [])
    for f in sorted(found, key=lambda f: (KIND_ORDER.index(f.kind), f.start, -f.end)):
        if all(f.end <= t.start or f.start >= t.end for t in taken):
            taken.append(f)
    return taken


def has_event(sentence: str) -> bool:
    """Whether the sentence reports an event: a first, a signing, an agreement, a founding."""
    return bool(EVENT_RE.search(sentence))
