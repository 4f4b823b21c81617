"""Check a typed answer against the expected one, leniently but honestly.

Case, accents on Latin letters, punctuation, spacing and a leading article never matter.
Numbers, sums and dates compare by value. A small slip in the words is accepted as a typo,
but a number never is: every token with digits must match exactly.
"""

from __future__ import annotations

import calendar
import difflib
import enum
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Context, Decimal
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA


class Verdict(enum.Enum):
    """How a typed answer compares with the expected one."""

    CORRECT = "correct"
    TYPO = "typo"
    WRONG = "wrong"

    @property
    def is_right(self) -> bool:
        """True when the answer counts as right: correct, or correct but misspelt."""
        return self is not Verdict.WRONG


@dataclass(frozen=True)
class Check:
    """The verdict on one typed answer, which accepted form it matched, and a message for the learner."""

    verdict: Verdict
    expected: str
    matched: str | None
    message: str


# --- folding: one comparable string per text --------------------------------------------------------------------

_LATIN = "A-Za-z\u00c0-\u02af\u1d00-\u1dbf\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f"
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# Accents go on Latin letters only; on Cyrillic only the stress marks go (й and ё keep their marks).
_DROP_MARKS = re.compile(f"(?<=[{_LATIN}])[{_MARKS}]+|(?<=[\u0400-\u04ff])[\u0300\u0301]+")
_FIXED: dict[int, str | None] = {
    ord(k): v
    for k, v in {
        "ё": "е",  # Russian writes ё as е more often than not
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ه": "ہ",  # Arabic-keyboard letters typed for Urdu ones
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ı": "i",
        "æ": "ae",
        "œ": "oe",
        "ħ": "h",
        "þ": "th",
        "'": None,
        "’": None,
        "‘": None,
        "ʼ": None,
        "`": None,
        "´": None,
        "٫": ".",
        "٬": ",",
        "%": " % ",
        "٪": " % ",
        "&": " and ",
        "\u2212": "-",
        ".": ".",
        ",": ",",
        "/": "/",
        "-": "-",
        "\u00a0": "\u00a0",
        "\u202f": "\u202f",
        "\u2009": "\u2009",
    }.items()
} | dict.fromkeys([*range(0x064B, 0x0653), *range(0x0656, 0x0660), 0x0670, 0x0640])  # Arabic vowel marks, tatweel


class _Table(dict):
    """str.translate table filled in on first sight of each code point."""

    def __missing__(self, cp: int) -> str | int | None:
        ch = chr(cp)
        cat = unicodedata.category(ch)
        out: str | int | None
        if cat == "Nd":
            out = str(unicodedata.decimal(ch))
        elif cat[0] in "LM" or cat in ("Nl", "No"):
            out = cp
        elif cat == "Cf":  # zero-width joiners and direction marks
            out = None
        elif cat == "Pd":
            out = "-"
        elif cat == "Sc":
            out = f" {ch} "
        else:
            out = " "
        if len(self) > 20_000:
            self.clear()
            self.update(_FIXED)
        self[cp] = out
        return out


_TABLE = _Table(_FIXED)


def _fold(text: str) -> str:
    """NFC, case-folded, Latin accents off, digits in ASCII, punctuation as spaces but for number separators."""
    text = unicodedata.normalize("NFC", text).casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFC", _DROP_MARKS.sub("", unicodedata.normalize("NFD", text)))
    return text.translate(_TABLE)


# --- vocabulary ---------------------------------------------------------------------------------------------------

_EN_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_UR_MONTHS = ["جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر"]
_RU_STEMS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]
_MONTHS = {"sept": 9}
for _i, (_en, _ur, _ru) in enumerate(zip(_EN_MONTHS, _UR_MONTHS, _RU_STEMS, strict=True), 1):
    _ends = ("", "а", "е") if _ru in ("март", "август") else ("й", "я", "е") if _ru == "ма" else ("ь", "я", "е")
    _MONTHS.update({_en: _i, _en[:3]: _i, _fold(_ur): _i} | {_ru + e: _i for e in _ends})

_UNITS = {
    **dict.fromkeys(["%", "percent", "pct", "процент", "процента", "процентов", _fold("فیصد")], "%"),
    **dict.fromkeys(["$", "usd", "dollar", "dollars", "доллар", "доллара", "долларов", _fold("ڈالر")], "usd"),
    **dict.fromkeys(["rs", "rupee", "rupees", "₨", *map(_fold, ["روپے", "روپیہ", "روپیے"])], "rupee"),
    **dict.fromkeys(["rub", "rouble", "roubles", "ruble", "rubles", "руб", "рубль", "рубля", "рублей", "₽"], "rub"),
    **dict.fromkeys(["eur", "euro", "euros", "€", "евро"], "eur"),
    "pkr": "pkr",
    "inr": "inr",
    "₹": "inr",
    "gbp": "gbp",
    "£": "gbp",
}
_PREFIXES = {"$", "usd", "rs", "₨", "pkr", "inr", "₹", "rub", "₽", "eur", "€", "gbp", "£"}
_QUALIFIED = {
    ("us", "usd"): "usd",
    ("pakistani", "rupee"): "pkr",
    ("pak", "rupee"): "pkr",
    ("indian", "rupee"): "inr",
    ("russian", "rub"): "rub",
}
_RUPEES = ({"rupee", "pkr"}, {"rupee", "inr"})

_BIG = {"thousand": 10**3, "lakh": 10**5, "million": 10**6, "crore": 10**7, "billion": 10**9, "trillion": 10**12}
_SCALES = {
    "hundred": 100,
    "hundreds": 100,
    **_BIG,
    **{w + "s": v for w, v in _BIG.items()},
    "lac": 10**5,
    "lacs": 10**5,
    "mn": 10**6,
    "mln": 10**6,
    "bn": 10**9,
    "bln": 10**9,
    "tn": 10**12,
    "trn": 10**12,
    **dict.fromkeys(["тыс", "тысяча", "тысячи", "тысяч"], 10**3),
    "трлн": 10**12,
    **dict.fromkeys(["млн", "миллион", "миллиона", "миллионов"], 10**6),
    **dict.fromkeys(["млрд", "миллиард", "миллиарда", "миллиардов"], 10**9),
    **{_fold(w): v for w, v in {"ہزار": 10**3, "لاکھ": 10**5, "کروڑ": 10**7, "ارب": 10**9, "کھرب": 10**11}.items()},
}
_ATTACHED_SCALES = {"k": 10**3, "m": 10**6, "b": 10**9}  # only right after the digits: 5k, 2m, 3b

_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_ORDINALS = [
    "-",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_TENTHS = ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"]


def _small_kind(n: int) -> str:
    return "zero" if n == 0 else "unit" if n < 10 else "teen"


# word -> (kind, value, ends the number)
_NUMWORDS: dict[str, tuple[str, int, bool]] = {
    **{w: (_small_kind(n), n, False) for n, w in enumerate(_SMALL)},
    **{w: (_small_kind(n), n, True) for n, w in enumerate(_ORDINALS) if n},
    **{w: ("tens", 20 + 10 * n, False) for n, w in enumerate(_TENS)},
    **{w: ("tens", 20 + 10 * n, True) for n, w in enumerate(_TENTHS)},
    "hundred": ("hundred", 100, False),
    "hundredth": ("hundred", 100, True),
    **{w: ("scale", v, False) for w, v in _BIG.items()},
    **{w + "th": ("scale", v, True) for w, v in _BIG.items() if w.endswith("n") or w == "thousand"},
}
_FOLLOWS: dict[str, set[str | None]] = {  # which kind of number word may come after which
    "unit": {None, "tens", "hundred", "scale"},
    "teen": {None, "hundred", "scale"},
    "tens": {None, "hundred", "scale"},
    "zero": {None},
    "hundred": {None, "unit", "teen"},
    "scale": {None, "unit", "teen", "tens", "hundred"},
}
_STARTERS = {*_MONTHS, *_PREFIXES, *_NUMWORDS, "us"}  # words that may begin a date or a quantity
_ORD_SUFFIX = {"st", "nd", "rd", "th"}
_YEAR_SUFFIX = {"г", "гг", "год", "года", "году", "ء"}
_ARTICLES = {"the", "a", "an"}
_PREPOSITIONS = {"in", "on", "в"}

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


class _Tok(NamedTuple):
    kind: str  # "w" word, "n" number, "d" date
    text: str
    unit: str = ""
    ymd: tuple[int, int, int] = (0, 0, 0)


def _touching(raw: list[_Raw], j: int) -> bool:
    return 0 < j < len(raw) and raw[j - 1].end == raw[j].start


def _valid(y: int, m: int, d: int) -> bool:
    return 0 <= y <= 9999 and 1 <= m <= 12 and 0 <= d <= calendar.monthrange(y or 2000, m)[1]


def _date(y: int, m: int, d: int) -> _Tok:
    text = (f"{y:04d}" if y else "-") + f"-{m:02d}" + (f"-{d:02d}" if d else "")
    return _Tok("d", text, "", (y, m, d))


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
        return int(raw[j].text), _skip(raw, j + 1, _YEAR_SUFFIX)
    return 0, j


def _date_at(raw: list[_Raw], i: int) -> tuple[list[_Tok], int] | None:
    """A date starting at raw[i]: 1948-05-01, 01/05/1948, 1st of May 1948, May 1, 1948, May 1948."""
    r, n = raw[i], len(raw)
    if r.num:
        if ymd := _numeric_date(r.text):
            return [_date(*ymd)], _skip(raw, i + 1, _YEAR_SUFFIX)
        if not (r.text.isdigit() and len(r.text) <= 2):
            return None
        day, j = int(r.text), _skip(raw, i + 1, _ORD_SUFFIX, touching=True)
        j = _skip(raw, j, {"of"})
        month = _MONTHS.get(raw[j].text) if j < n else None
        if not month:
            return None
        year, j = _year(raw, j + 1)
    else:
        month = _MONTHS.get(r.text)
        if not month or i + 1 >= n or not raw[i + 1].num or not raw[i + 1].text.isdigit():
            return None
        if len(raw[i + 1].text) > 2:  # May 1948
            year, j = _year(raw, i + 1)
            return ([_date(year, month, 0)], j) if year else None
        day = int(raw[i + 1].text)
        year, j = _year(raw, _skip(raw, i + 2, _ORD_SUFFIX, touching=True))
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
        after = _NUMWORDS.get(raw[j + 1].text, ("",))[0] if j + 1 < len(raw) else ""
        if w == "and" and last in ("hundred", "scale") and after in ("unit", "teen", "tens"):
            j += 1
            continue
        hit = _NUMWORDS.get(w)
        if hit is None or last not in _FOLLOWS[hit[0]]:
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
    if word in _UNITS:
        return _UNITS[word]
    return word if len(word) == 1 and unicodedata.category(word) == "Sc" else ""


def _prefix(raw: list[_Raw], i: int) -> tuple[str, int]:
    w = raw[i].text
    if w == "us" and i + 1 < len(raw) and raw[i + 1].text == "$":
        return "usd", i + 2
    unit = _unit(w)
    return (unit, i + 1) if unit and (w in _PREFIXES or w not in _UNITS) else ("", i)


def _suffix(raw: list[_Raw], j: int) -> tuple[str, int]:
    if j >= len(raw):
        return "", j
    w = raw[j].text
    if j + 1 < len(raw):
        after = raw[j + 1].text
        if w == "per" and after == "cent":
            return "%", j + 2
        if qualified := _QUALIFIED.get((w, _unit(after))):
            return qualified, j + 2
    unit = _unit(w)
    return (unit, j + 1) if unit else ("", j)


def _quantity_at(raw: list[_Raw], i: int) -> tuple[list[_Tok], int] | None:
    """A number at raw[i], with its scale and unit: '$2 bn', '2,000 million', 'seventy percent', '1st'."""
    unit, j = _prefix(raw, i)
    if j < len(raw) and raw[j].num:
        values = _number(raw[j].text)
        if len(values) > 1:
            return None if unit else ([_Tok("n", _fmt(v)) for v in values], j + 1)
        digits, value = len(raw[j].text), values[0]
        j = start = _skip(raw, j + 1, _ORD_SUFFIX, touching=True)
        while j < len(raw) and j - start < 4 and digits <= 100:
            scale = _SCALES.get(raw[j].text)
            if scale is None and j == start and _touching(raw, j):
                scale = _ATTACHED_SCALES.get(raw[j].text)
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
        j = _skip(raw, j, _YEAR_SUFFIX)
    return [_Tok("n", _fmt(value), unit)], j


def _fmt(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _parse(raw: list[_Raw]) -> list[_Tok]:
    out: list[_Tok] = []
    i = 0
    while i < len(raw):
        r = raw[i]
        maybe = r.num or r.text in _STARTERS or (len(r.text) == 1 and unicodedata.category(r.text) == "Sc")
        hit = maybe and (_date_at(raw, i) or _quantity_at(raw, i))
        if hit:
            toks, i = hit
            out.extend(toks)
        else:
            out.append(_Tok("w", raw[i].text))
            i += 1
    return out


def _trim(toks: list[_Tok]) -> tuple[_Tok, ...]:
    """Drop leading articles, and 'in'/'on' before a number or date."""
    k = 0
    while len(toks) - k > 1 and toks[k].kind == "w":
        nxt = toks[k + 1]
        if nxt.kind == "w" and nxt.text in _ARTICLES and len(toks) - k > 2:
            nxt = toks[k + 2]
        if toks[k].text in _ARTICLES or (toks[k].text in _PREPOSITIONS and nxt.kind != "w"):
            k += 1
        else:
            break
    return tuple(toks[k:])


def _tokens_uncached(text: str) -> tuple[_Tok, ...]:
    folded = _fold(text)
    raw = [_Raw(m[0], m.lastindex == 1, m.start(), m.end()) for m in _RAW_RE.finditer(folded)]
    return _trim(_parse(raw))


_tokens_cached = lru_cache(maxsize=4096)(_tokens_uncached)


def _tokens(text: str) -> tuple[_Tok, ...]:
    return _tokens_cached(text) if len(text) <= 400 else _tokens_uncached(text)


# --- comparison -----------------------------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """The comparison form: folded words, numbers as plain values with their unit, dates as YYYY-MM-DD."""
    return " ".join(f"{t.text} {t.unit}" if t.unit else t.text for t in _tokens(text))


def _same_value(given: _Tok, expected: _Tok) -> bool:
    if given.kind == expected.kind == "n":
        units = {given.unit, expected.unit}
        return given.text == expected.text and (len(units) == 1 or "" in units or units in _RUPEES)
    if given.kind == expected.kind == "d":  # a more precise date in the expected month or year is right
        return all(e in (0, g) for e, g in zip(expected.ymd, given.ymd, strict=True))
    if given.kind == "d" and expected.kind == "n":  # a full date in the expected year is right
        e = expected
        return not e.unit and e.text.isdigit() and 3 <= len(e.text) <= 4 and int(e.text) == given.ymd[0]
    return False


def _split(toks: Sequence[_Tok]) -> tuple[list[_Tok], list[str]]:
    """Numbers and dates, and the words between them with spaces removed."""
    values: list[_Tok] = []
    words: list[str] = []
    run: list[str] = []
    for t in toks:
        if t.kind == "w":
            run.append(t.text)
        else:
            values.append(t)
            words.append("".join(run))
            run = []
    words.append("".join(run))
    return values, words


def _allowed_typos(letters: int) -> int:
    """Spelling slips forgiven in an answer with this many letters."""
    return 0 if letters <= 4 else 1 if letters <= 8 else 2


def _edits(given: Sequence[_Tok], expected: Sequence[_Tok]) -> int | None:
    """Letters to change to turn the given words into the expected ones; None if a value differs or too many."""
    g_values, g_words = _split(given)
    e_values, e_words = _split(expected)
    if len(g_values) != len(e_values) or not all(map(_same_value, g_values, e_values)):
        return None
    budget = _allowed_typos(min(sum(map(len, e_words)), sum(map(len, g_words))))  # Austria is not Australia
    edits = 0
    for g, e in zip(g_words, e_words, strict=True):
        if g != e:
            if abs(len(g) - len(e)) > budget - edits:
                return None
            edits += OSA.distance(g, e, score_cutoff=budget - edits)
            if edits > budget:
                return None
    return edits


def _size(text: str) -> int:
    return len("".join(text.split()))


def _form_edits(given: str, g: Sequence[_Tok], form: str) -> int | None:
    if e := _tokens(form):
        return _edits(g, e)
    # a form with nothing to compare, e.g. only punctuation, must be typed as it is
    return 0 if given.strip().casefold() == form.strip().casefold() else None


def check_answer(given: str, answer: str, accept: Sequence[str] = ()) -> Check:
    """Compare a learner's typed answer with the expected answer and the other accepted forms."""
    if not given.strip():
        return Check(Verdict.WRONG, answer, None, f"No answer given. The answer is: {answer}")
    forms = (answer, *accept)
    if _size(given) > 20 * max(map(_size, forms)) + 200:  # far too long to be right; spare the work
        return Check(Verdict.WRONG, answer, None, f"Not quite. The answer is: {answer}")
    g = _tokens(given)
    best: tuple[int, str] | None = None
    for form in forms:
        edits = _form_edits(given, g, form)
        if edits == 0:
            note = "Correct." if form == answer else f"Correct (accepted answer: {form})."
            return Check(Verdict.CORRECT, answer, form, note)
        if edits is not None and (best is None or edits < best[0]):
            best = (edits, form)
    if best:
        return Check(Verdict.TYPO, answer, best[1], f"Accepted: check the spelling. The answer is: {best[1]}")
    return Check(Verdict.WRONG, answer, None, f"Not quite. The answer is: {answer}")


def diff_chars(given: str, expected: str, limit: int = 250_000) -> list[tuple[str, str]]:
    """The learner's answer compared character by character with the expected one, for colouring.

    Ops are those of difflib.SequenceMatcher, case ignored. The texts of "equal", "replace" and
    "delete" entries spell out `given`; those of "equal" and "insert" entries spell out `expected`
    (up to case): a "replace" is followed by an "insert" with the expected text. When the differing
    middle is large (length times length over `limit`) it is reported as one replacement.
    """
    a, b = [c.casefold() for c in given], [c.casefold() for c in expected]
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    codes: list[tuple[str, int, int, int, int]]
    if len(mid_a) * len(mid_b) > limit:
        codes = [("replace", 0, len(mid_a), 0, len(mid_b))]
    else:
        codes = list(difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=False).get_opcodes())
    out: list[tuple[str, str]] = [("equal", given[:head])] if head else []
    for op, i1, i2, j1, j2 in codes:
        if i2 > i1:
            out.append(("delete" if op == "replace" and j2 == j1 else op, given[head + i1 : head + i2]))
        if op in ("replace", "insert") and j2 > j1:
            out.append(("insert", expected[head + j1 : head + j2]))
    if tail:
        out.append(("equal", given[len(given) - tail :]))
    return out
