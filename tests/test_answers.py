"""Typed-answer checking: examples from the product issue, and properties that must always hold."""

from __future__ import annotations

import itertools
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.quiz.answers import Check, Verdict, check_answer, diff_chars, normalize

OK, TYPO, WRONG = Verdict.CORRECT, Verdict.TYPO, Verdict.WRONG
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SAME_DAY = [
    "1 May 1948",
    "May 1, 1948",
    "01/05/1948",
    "1948-05-01",
    "1st May 1948",
    "1st of May, 1948",
    "May 1st 1948",
    "1.5.1948",
    "1 мая 1948 г.",
    "1 مئی 1948",
    "on 1 May 1948",
]
SAME_SUM = [
    "$2 billion",
    "2bn",
    "2 billion dollars",
    "US$2 bn",
    "2,000 million",
    "2000000000",
    "$2,000,000,000",
    "two billion dollars",
    "USD 2 billion",
    "2.0 billion",
    "2 billion US dollars",
    "2 млрд долларов",
    "0.002 trillion",
]
SAME_SHARE = ["70%", "70 percent", "seventy percent", "70 per cent", "70 %", "70 процентов", "70٪"]
WORDS = [
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
    "twenty",
]


def verdict(given: str, answer: str, accept: tuple[str, ...] = ()) -> Verdict:
    return check_answer(given, answer, accept).verdict


def test_forms_of_one_date_match() -> None:
    wrong = [(a, b) for a, b in itertools.permutations(SAME_DAY, 2) if verdict(a, b) is not OK]
    assert not wrong


def test_forms_of_one_sum_match() -> None:
    wrong = [(a, b) for a, b in itertools.permutations(SAME_SUM, 2) if verdict(a, b) is not OK]
    assert not wrong


def test_forms_of_one_percentage_match() -> None:
    wrong = [(a, b) for a, b in itertools.permutations(SAME_SHARE, 2) if verdict(a, b) is not OK]
    assert not wrong


def test_number_words_one_to_twenty() -> None:
    for n, word in enumerate(WORDS, 1):
        assert verdict(word, str(n)) is OK, word
        assert verdict(str(n), word.capitalize()) is OK, word
        assert verdict(word, str(n + 1)) is WRONG, word


CASES = [
    # (given, answer, accept, verdict)
    # dates: a full date in the expected year or month is right, never the reverse
    ("1 May 1948", "1948", (), OK),
    ("May 1948", "1948", (), OK),
    ("1 May 1948", "May 1948", (), OK),
    ("1948", "1 May 1948", (), WRONG),
    ("May 1948", "1 May 1948", (), WRONG),
    ("1948", "May 1948", (), WRONG),
    ("2 May 1948", "1 May 1948", (), WRONG),
    ("1 June 1948", "1 May 1948", (), WRONG),
    ("1 May 1949", "1948", (), WRONG),
    ("02/05/1948", "1 May 1948", (), WRONG),  # day first: 2 May
    ("05/01/1948", "1 May 1948", (), WRONG),  # day first: 5 January
    ("05/13/1948", "13 May 1948", (), OK),  # month first only when day first cannot be
    ("31/02/1948", "1948", (), WRONG),  # no such day
    ("in 1948", "1948", (), OK),
    ("1948 г.", "1948", (), OK),
    ("۱۹۴۸ء", "1948", (), OK),  # Urdu digits and year sign
    ("May 1", "1 May", (), OK),
    ("1 May 1948", "1 May", (), OK),
    ("Sept 9, 2001", "9 September 2001", (), OK),
    # numbers and sums
    ("1,000", "1000", (), OK),
    ("1000", "1,000", (), OK),
    ("1\u00a0000", "1000", (), OK),
    ("one thousand", "1000", (), OK),
    ("a hundred", "100", (), OK),
    ("twenty-one", "21", (), OK),
    ("three hundred and five", "305", (), OK),
    ("two thousand and five", "2005", (), OK),
    ("2.5 billion", "2,500 million", (), OK),
    ("5k", "5000", (), OK),
    ("Rs 5 lakh", "500,000 rupees", (), OK),
    ("PKR 500,000", "Rs. 5 lakh", (), OK),
    ("INR 5 lakh", "PKR 5 lakh", (), WRONG),
    ("2,5 млрд долларов", "$2.5 billion", (), OK),
    ("$3 billion", "$2 billion", (), WRONG),
    ("2 million", "$2 billion", (), WRONG),
    ("2 billion rupees", "$2 billion", (), WRONG),
    ("€2 billion", "$2 billion", (), WRONG),
    ("70", "70%", (), OK),  # the unit may be left out, never contradicted
    ("70 dollars", "70%", (), WRONG),
    ("71%", "70%", (), WRONG),
    ("1000", "100", (), WRONG),
    ("first", "1st", (), OK),
    ("2nd World War", "Second World War", (), OK),
    # a wrong number is never a typo
    ("1949", "1948", (), WRONG),
    ("Mi-17", "Mi-35", (), WRONG),
    ("T-90", "T-80", (), WRONG),
    ("F-61", "F-16", (), WRONG),
    ("JF-71 Thunder", "JF-17 Thunder", (), WRONG),
    ("Resolution 1173", "UN Security Council Resolution 1172", (), WRONG),
    ("Mi 35", "Mi-35", (), OK),
    ("MI35", "Mi-35", (), OK),
    ("Mi-35M", "Mi-35", (), WRONG),
    ("JF-17 Thuner", "JF-17 Thunder", (), TYPO),
    # case, accents, punctuation, spaces, articles
    ("the Kremlin", "Kremlin", (), OK),
    ("KREMLIN!!", "The Kremlin", (), OK),
    ("   kremlin \t", "Kremlin", (), OK),
    ("an apple", "apple", (), OK),
    ("Jose Marti", "José Martí", (), OK),
    ("Zurich", "Zürich", (), OK),
    ("al qaeda", "Al-Qaeda", (), OK),
    ("U.S.", "US", (), OK),
    ("Pakistan & Russia", "Pakistan and Russia", (), OK),
    ("Sharifs", "Sharif's", (), OK),
    # typos, scaled to length
    ("Kremlim", "Kremlin", (), TYPO),
    ("Islamabd", "Islamabad", (), TYPO),
    ("Karahci", "Karachi", (), TYPO),  # a swap counts as one slip
    ("Lahor", "Lahore", (), TYPO),
    ("Lahr", "Lahore", (), WRONG),
    ("Rawalpndii", "Rawalpindi", (), TYPO),
    ("Rwlpndi", "Rawalpindi", (), WRONG),
    ("Iraq", "Iran", (), WRONG),  # four letters: no slips
    ("Tass", "TASS", (), OK),
    ("Austria", "Australia", (), WRONG),
    ("Zulfikar Ali Buto", "Zulfikar Ali Bhutto", (), TYPO),
    ("Nawaz", "Nawaz Sharif", (), WRONG),
    # accepted alternatives
    ("USSR", "Soviet Union", ("USSR",), OK),
    ("the U.S.S.R.", "Soviet Union", ("USSR",), OK),
    ("Sovet Union", "Soviet Union", ("USSR",), TYPO),
    ("Russia", "Soviet Union", ("USSR",), WRONG),
    ("May 1, 1948", "1 May 1948", ("the first of May 1948",), OK),
    # Cyrillic: й is not и, ё may be е, stress marks do not matter
    ("москва", "Москва", (), OK),
    ("Москва́", "Москва", (), OK),
    ("Хрущев", "Хрущёв", (), OK),
    ("мои", "мой", (), WRONG),
    ("Сергеи Лавров", "Сергей Лавров", (), TYPO),
    ("Лавров", "Lavrov", (), WRONG),
    ("Путин", "Путин", (), OK),
    # Urdu: vowel marks, Arabic-keyboard letters and joiners do not matter
    ("پاکستان", "پاکستان", (), OK),
    ("پَاکِسْتَان", "پاکستان", (), OK),
    ("پاکستان۔", "پاکستان", (), OK),
    ("روسي", "روسی", (), OK),
    ("كراچی", "کراچی", (), OK),
    ("اسلام\u200cآباد", "اسلام آباد", (), OK),
    ("لاہور", "کراچی", (), WRONG),
    # empty and odd input
    ("", "Kremlin", (), WRONG),
    ("   \n\t", "Kremlin", (), WRONG),
    ("???", "Kremlin", (), WRONG),
    ("?", "?", (), OK),
    ("!", "?", (), WRONG),
]


@pytest.mark.parametrize(("given_", "answer", "accept", "want"), CASES)
def test_examples(given_: str, answer: str, accept: tuple[str, ...], want: Verdict) -> None:
    assert verdict(given_, answer, accept) is want


def test_check_reports_what_matched() -> None:
    right = check_answer("ussr", "Soviet Union", ["USSR"])
    assert right == Check(Verdict.CORRECT, "Soviet Union", "USSR", right.message)
    assert "USSR" in right.message
    slip = check_answer("Kremlim", "Kremlin")
    assert slip.matched == "Kremlin" and "spelling" in slip.message and slip.verdict.is_right
    wrong = check_answer("Paris", "Kremlin")
    assert wrong.matched is None and "Kremlin" in wrong.message and not wrong.verdict.is_right
    empty = check_answer("  ", "Kremlin")
    assert empty.verdict is WRONG and empty.message


def test_verdict_is_right() -> None:
    assert [v.is_right for v in Verdict] == [True, True, False]


def test_normalize_examples() -> None:
    assert normalize("The Kremlin!") == "kremlin"
    assert normalize("1st May 1948") == normalize("1948-05-01") == "1948-05-01"
    assert normalize("US$2 bn") == "2000000000 usd"
    assert normalize("Mi-35") == "mi 35"
    assert normalize("پَاکِسْتَان") == "پاکستان"
    assert normalize("й") != normalize("и")
    assert normalize("Й") == "й"  # NFC: the breve stays on the letter


def test_normalize_is_nfc_whatever_the_input() -> None:
    decomposed = "и\u0306"  # й written as two code points
    assert normalize(decomposed) == normalize("й") == "й"
    assert normalize("Jose\u0301") == normalize("José") == "jose"


def test_diff_chars_marks_slips() -> None:
    assert diff_chars("Moskow", "Moscow") == [("equal", "Mos"), ("replace", "k"), ("insert", "c"), ("equal", "ow")]
    assert diff_chars("Islamabd", "islamabad") == [("equal", "Islamab"), ("insert", "a"), ("equal", "d")]
    assert diff_chars("abc", "") == [("delete", "abc")]
    assert diff_chars("", "abc") == [("insert", "abc")]
    assert diff_chars("KREMLIN", "Kremlin") == [("equal", "KREMLIN")]


@FAST
@given(st.text(max_size=40), st.text(max_size=40))
def test_diff_chars_spells_out_both_sides(a: str, b: str) -> None:
    ops = diff_chars(a, b)
    assert {op for op, _ in ops} <= {"equal", "insert", "delete", "replace"}
    assert "".join(t for op, t in ops if op != "insert") == a
    assert "".join(t for op, t in ops if op in ("equal", "insert")).casefold() == b.casefold()


def test_long_input_is_fast() -> None:
    long = ("the Kremlin 1948 two thousand $ 5 % мая پاکستان, " * 2100)[:100_000]
    start = time.perf_counter()
    assert check_answer(long, "Kremlin").verdict is WRONG
    assert check_answer("Kremlin" + " " * 100_000, "Kremlin").verdict is OK
    assert check_answer("9" * 100_000, "1948").verdict is WRONG
    normalize(long)
    diff_chars(long, long[:50_000] + "x" + long[50_001:])
    diff_chars(long, "Kremlin")
    assert time.perf_counter() - start < 2.0


# --- properties -------------------------------------------------------------------------------------------------

DATE_FORMATS = [
    lambda d: f"{d.day} {d:%B} {d.year}",
    lambda d: f"{d:%B} {d.day}, {d.year}",
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    lambda d: f"{d.day}.{d.month}.{d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.day}{ordinal_suffix(d.day)} {d:%b} {d.year}",
    lambda d: f"{d:%B} {d.day}{ordinal_suffix(d.day)} {d.year}",
    lambda d: f"the {d.day} of {d:%B}, {d.year}",
    lambda d: f"{d.day} {RU_MONTHS[d.month - 1]} {d.year} г.",
]
RU_MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]


def ordinal_suffix(n: int) -> str:
    return "th" if 4 <= n <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


dates = st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31))
fmt = st.sampled_from(DATE_FORMATS)


@FAST
@given(dates, fmt, fmt)
def test_any_two_forms_of_a_date_match(d: date, f: object, g: object) -> None:
    assert verdict(f(d), g(d)) is OK  # type: ignore[operator]


@FAST
@given(dates, dates, fmt, fmt)
def test_different_days_never_match(d: date, e: date, f: object, g: object) -> None:
    if d != e:
        assert verdict(f(d), g(e)) is WRONG  # type: ignore[operator]


@FAST
@given(dates, fmt)
def test_a_date_in_the_expected_year_matches(d: date, f: object) -> None:
    assert verdict(f(d), str(d.year)) is OK  # type: ignore[operator]
    assert verdict(str(d.year), f(d)) is WRONG  # type: ignore[operator]


SCALES = {  # size: (word, abbreviations written apart, abbreviations written on the digits, Russian)
    10**3: ("thousand", ["thousand"], ["k"], "тыс"),
    10**6: ("million", ["mn", "mln"], ["m", "mn"], "млн"),
    10**9: ("billion", ["bn", "bln"], ["b", "bn"], "млрд"),
}


@FAST
@given(st.integers(1, 999), st.sampled_from(sorted(SCALES)), st.data())
def test_one_sum_in_any_format_matches(n: int, size: int, data: st.DataObject) -> None:
    name, apart, on, ru = SCALES[size]
    total = n * size
    forms = [
        f"${n} {name}",
        f"{n}{data.draw(st.sampled_from(on))}",
        f"{n} {name} dollars",
        f"{total} USD",
        f"US${n} {data.draw(st.sampled_from(apart))}",
        f"${total:,}",
        str(total),
        f"USD {total:,}",
        f"{n} {ru} долларов",
        f"{n * 1000:,} {SCALES[size // 1000][0]}" if size > 10**3 else f"{total:,}",
        f"{n / 1000:g} {SCALES[size * 1000][0]}" if size < 10**9 else f"{n / 1000:g} trillion",
    ]
    if n <= 20:
        forms.append(f"{WORDS[n - 1]} {name} US dollars")
    a, b = data.draw(st.sampled_from(forms)), data.draw(st.sampled_from(forms))
    assert verdict(a, b) is OK, (a, b)


@FAST
@given(st.integers(0, 10**15), st.integers(0, 10**15), st.booleans(), st.booleans())
def test_different_integers_never_match(a: int, b: int, comma_a: bool, comma_b: bool) -> None:
    if a != b:
        assert verdict(f"{a:,}" if comma_a else str(a), f"{b:,}" if comma_b else str(b)) is WRONG


@FAST
@given(st.integers(0, 10**6), st.integers(0, 10**6), st.sampled_from(["Mi-", "T-", "F ", "JF-", "Su-"]))
def test_a_changed_number_is_never_a_typo(a: int, b: int, model: str) -> None:
    if a != b:
        assert verdict(f"{model}{a} helicopter", f"{model}{b} helicopter") is WRONG


LETTERS = "abcdefghijklmnopqrstuvwxyzéüñøßабвгдеёжзийклмнопрстуфхцчшщыэюяپاکستنلہورچ"
word = st.text(LETTERS, min_size=1, max_size=10)
token = st.one_of(word, st.integers(0, 10**6).map(str))
PUNCT = '!?,.;:()"«»¡¿-'


@FAST
@given(st.lists(token, min_size=1, max_size=6), st.data())
def test_case_space_and_punctuation_never_matter(tokens: list[str], data: st.DataObject) -> None:
    answer = " ".join(tokens)
    case = data.draw(st.sampled_from([str.upper, str.lower, str.swapcase, str.title, str]))
    gaps = [data.draw(st.sampled_from([" ", "  ", "\t", " \n "])) for _ in tokens[1:]]
    marks = [data.draw(st.text(PUNCT, max_size=2)) for _ in range(len(tokens) + 1)]
    text = marks[0] + "".join(t + marks[i + 1] + (gaps[i] if i < len(gaps) else "") for i, t in enumerate(tokens))
    assert verdict("  " + case(text) + " ", answer) is OK, (text, answer)


@FAST
@given(st.text("bcdfgklmpqrstvz", min_size=9, max_size=20), st.data())
def test_one_slip_in_a_long_word_is_a_typo(w: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(w) - 1))
    c = data.draw(st.sampled_from("bcdfgklmpqrstvz"))
    slipped = w[:i] + c + w[i + 1 :]
    assert verdict(slipped, w) is (OK if slipped == w else TYPO)


@FAST
@given(st.text(), st.text(), st.lists(st.text(), max_size=3))
def test_never_raises(given_: str, answer: str, accept: list[str]) -> None:
    check = check_answer(given_, answer, accept)
    assert isinstance(check, Check) and isinstance(check.verdict, Verdict)
    assert check.matched is None or check.matched in (answer, *accept)
    normalize(given_)


@FAST
@given(st.text(st.characters(codec="utf-8"), max_size=60))
def test_an_answer_matches_itself(text: str) -> None:
    if text.strip():
        assert verdict(text, text) is OK
