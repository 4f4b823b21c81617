"""Check a typed answer against the expected one, leniently but honestly.

Case, accents on Latin letters, punctuation, spacing and a leading article never matter.
Numbers, sums and dates compare by value. A small slip in the words is accepted as a typo,
but a number never is: every token with digits must match exactly.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from quizapp.quiz.tokens import Tok, tokens
from quizapp.quiz.vocabulary import RUPEES


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


# --- comparison -----------------------------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """The comparison form: folded words, numbers as plain values with their unit, dates as YYYY-MM-DD."""
    return " ".join(f"{t.text} {t.unit}" if t.unit else t.text for t in tokens(text))


def _same_value(given: Tok, expected: Tok) -> bool:
    if given.kind == expected.kind == "n":
        units = {given.unit, expected.unit}
        return given.text == expected.text and (len(units) == 1 or "" in units or units in RUPEES)
    if given.kind == expected.kind == "d":  # a more precise date in the expected month or year is right
        return all(e in (0, g) for e, g in zip(expected.ymd, given.ymd, strict=True))
    if given.kind == "d" and expected.kind == "n":  # a full date in the expected year is right
        e = expected
        return not e.unit and e.text.isdigit() and 3 <= len(e.text) <= 4 and int(e.text) == given.ymd[0]
    return False


def _split(toks: Sequence[Tok]) -> tuple[list[Tok], list[str]]:
    """Numbers and dates, and the words between them with spaces removed."""
    values: list[Tok] = []
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


def _edits(given: Sequence[Tok], expected: Sequence[Tok]) -> int | None:
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


def _form_edits(given: str, g: Sequence[Tok], form: str) -> int | None:
    if e := tokens(form):
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
    g = tokens(given)
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
