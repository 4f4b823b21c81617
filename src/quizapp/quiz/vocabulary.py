"""The words and characters a typed answer is read with: how text is folded (case, Latin accents, digits,
punctuation) and the vocabulary of months, currencies, units and number words in English, Urdu and Russian.
Plain data, used by quizapp.quiz.tokens."""

from __future__ import annotations

import re
import unicodedata

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


def fold(text: str) -> str:
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
MONTHS = {"sept": 9}
for _i, (_en, _ur, _ru) in enumerate(zip(_EN_MONTHS, _UR_MONTHS, _RU_STEMS, strict=True), 1):
    _ends = ("", "а", "е") if _ru in ("март", "август") else ("й", "я", "е") if _ru == "ма" else ("ь", "я", "е")
    MONTHS.update({_en: _i, _en[:3]: _i, fold(_ur): _i} | {_ru + e: _i for e in _ends})

UNITS = {
    **dict.fromkeys(["%", "percent", "pct", "процент", "процента", "процентов", fold("فیصد")], "%"),
    **dict.fromkeys(["$", "usd", "dollar", "dollars", "доллар", "доллара", "долларов", fold("ڈالر")], "usd"),
    **dict.fromkeys(["rs", "rupee", "rupees", "₨", *map(fold, ["روپے", "روپیہ", "روپیے"])], "rupee"),
    **dict.fromkeys(["rub", "rouble", "roubles", "ruble", "rubles", "руб", "рубль", "рубля", "рублей", "₽"], "rub"),
    **dict.fromkeys(["eur", "euro", "euros", "€", "евро"], "eur"),
    "pkr": "pkr",
    "inr": "inr",
    "₹": "inr",
    "gbp": "gbp",
    "£": "gbp",
}
PREFIXES = {"$", "usd", "rs", "₨", "pkr", "inr", "₹", "rub", "₽", "eur", "€", "gbp", "£"}
QUALIFIED = {
    ("us", "usd"): "usd",
    ("pakistani", "rupee"): "pkr",
    ("pak", "rupee"): "pkr",
    ("indian", "rupee"): "inr",
    ("russian", "rub"): "rub",
}
RUPEES = ({"rupee", "pkr"}, {"rupee", "inr"})

_BIG = {"thousand": 10**3, "lakh": 10**5, "million": 10**6, "crore": 10**7, "billion": 10**9, "trillion": 10**12}
SCALES = {
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
    **{fold(w): v for w, v in {"ہزار": 10**3, "لاکھ": 10**5, "کروڑ": 10**7, "ارب": 10**9, "کھرب": 10**11}.items()},
}
ATTACHED_SCALES = {"k": 10**3, "m": 10**6, "b": 10**9}  # only right after the digits: 5k, 2m, 3b

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
NUMWORDS: dict[str, tuple[str, int, bool]] = {
    **{w: (_small_kind(n), n, False) for n, w in enumerate(_SMALL)},
    **{w: (_small_kind(n), n, True) for n, w in enumerate(_ORDINALS) if n},
    **{w: ("tens", 20 + 10 * n, False) for n, w in enumerate(_TENS)},
    **{w: ("tens", 20 + 10 * n, True) for n, w in enumerate(_TENTHS)},
    "hundred": ("hundred", 100, False),
    "hundredth": ("hundred", 100, True),
    **{w: ("scale", v, False) for w, v in _BIG.items()},
    **{w + "th": ("scale", v, True) for w, v in _BIG.items() if w.endswith("n") or w == "thousand"},
}
FOLLOWS: dict[str, set[str | None]] = {  # which kind of number word may come after which
    "unit": {None, "tens", "hundred", "scale"},
    "teen": {None, "hundred", "scale"},
    "tens": {None, "hundred", "scale"},
    "zero": {None},
    "hundred": {None, "unit", "teen"},
    "scale": {None, "unit", "teen", "tens", "hundred"},
}
STARTERS = {*MONTHS, *PREFIXES, *NUMWORDS, "us"}  # words that may begin a date or a quantity
ORD_SUFFIX = {"st", "nd", "rd", "th"}
YEAR_SUFFIX = {"г", "гг", "год", "года", "году", "ء"}
ARTICLES = {"the", "a", "an"}
PREPOSITIONS = {"in", "on", "в"}
