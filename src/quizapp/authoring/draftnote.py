"""Turn one sentence and its key fact into a draft note with cloze, typed, choice and true/false fields."""

from __future__ import annotations

import calendar
import re
import zlib

from quizapp.authoring.facts import Fact
from quizapp.authoring.text import quote_window
from quizapp.authoring.wordnum import value
from quizapp.decks.models import Choice, Cloze, Note, TrueFalse, Typed, parse_partial_date

LABELS = {
    "date": "date", "time": "time", "year": "year", "century": "century", "decade": "decade", "money": "amount",
    "percent": "percentage", "quantity": "quantity", "number": "number", "name": "name",
    "ratio": "ratio", "fraction": "fraction", "month": "month",
    "ordinal": "date",
}  # fmt: skip
_CURRENCY = re.compile(r"^(?:US\$|\$|€|£|¥|₹|Rs\.?\s?|(?:USD|PKR|EUR|RUB|GBP)\s)")


def label(fact: Fact) -> str:
    """What the blank asks for, in a word: 'year', 'length', 'number of people' ..."""
    measure = fact.measure
    if measure == "count" and fact.unit:
        return f"number of {fact.unit.casefold()}"
    if fact.kind == "month" and " and " in fact.text:
        return "months"  # "between [May and September]"
    return measure if measure and measure != "quantity" else LABELS[fact.kind]


def accepted_variants(fact: Fact) -> list[str]:
    """Other spellings of the answer that should count as right."""
    out: list[str] = []
    if fact.kind == "date" and fact.iso and re.search(r"[a-z\d]\s?(?:[–-]|\sto|\sand)\s?[A-Z\d]", fact.text):
        out = []  # "August-December 1993": a range of months, not its first month
    elif fact.kind == "date" and fact.iso:
        y, m, d = parse_partial_date(fact.iso)
        month = calendar.month_name[m]
        out = [f"{d} {month} {y}", f"{month} {d}, {y}", fact.iso] if d else [f"{month} {y}", fact.iso]
    elif fact.kind in ("number", "quantity", "money") and fact.text[:1].isalpha():  # "eleven years": "11 years"
        count, _, noun = fact.text.rpartition(" ") if fact.kind != "number" else (fact.text, "", "")
        n = value(count)
        out = [f"{n} {noun}".strip(), str(n)] if n else []
    elif fact.kind == "money":
        out = [_CURRENCY.sub("", fact.text)]
    elif fact.kind == "percent" and re.search(r"\d\D+\d", fact.text):
        out = [re.sub(r"\s", "", fact.text)]  # "1–3%": the range, not its first number
    elif fact.kind == "percent":
        num = re.match(r"[\d.]+", fact.text)
        out = [f"{num[0]}%", f"{num[0]} percent", num[0]] if num else []
    elif fact.kind in ("number", "quantity"):
        num = re.match(r"[\d,.]+", fact.text)
        ranged = re.search(r"\d\s?(?:to|or|and|by|–|-)\s?\d", fact.text)  # "3 to 5 times": not "3" alone
        out = [fact.text.replace(",", "").rstrip("+")] + (
            [num[0].replace(",", "")] if num and fact.kind == "quantity" and not ranged else []
        )  # "1500+" also as "1500"
    elif fact.kind == "year" and fact.iso and not fact.text.isdigit():
        out = [fact.iso.lstrip("0")] if fact.unit else []
    seen = {fact.text.casefold()}
    unique = []
    for v in out:
        if v.strip() and v.casefold() not in seen:
            seen.add(v.casefold())
            unique.append(v)
    return unique


def _quote(said: str, fact: Fact) -> str:
    at = said.find(fact.text)
    return quote_window(said, at, at + len(fact.text)) if at >= 0 else quote_window(said, 0, 0)


def make_note(
    note_id: str,
    sentence: str,
    fact: Fact,
    *,
    source: str,
    locator: str,
    date: str | None = None,
    wrong: list[str] | None = None,
    said: str | None = None,
) -> Note:
    """A draft note for `sentence` whose cloze, typed and choice questions ask for `fact`; `date` is the
    note's timeline date when the fact itself is not one. `wrong` are three wrong options of the same type
    and scale (see distract); without them the note has no choice and no true/false question. `said` is the
    source's own sentence when `sentence` was reworded (a pronoun replaced by its name); the quote comes from it."""
    before, after = sentence[: fact.start], sentence[fact.end :]
    prompt = f"Which {label(fact)} fills the blank? {before}_____{after}"
    crisp = fact.kind != "name" or len(fact.text.split()) <= 4
    false = wrong[zlib.crc32(note_id.encode()) % len(wrong)] if wrong else None
    return Note(
        id=note_id,
        statement=sentence,
        source=source,
        locator=locator,
        quote=_quote(said or sentence, fact),
        date=fact.iso if fact.kind in ("date", "year") else date,
        draft=True,
        cloze=Cloze(text=f"{before}{{{{c1::{fact.text}}}}}{after}"),
        typed=Typed(prompt=prompt, answer=fact.text, accept=tuple(accepted_variants(fact))) if crisp else None,
        choice=Choice(prompt=prompt, answer=fact.text, distractors=tuple(wrong)) if wrong else None,
        truefalse=TrueFalse(false=f"{before}{false}{after}", correction=f"The source gives {fact.text}, not {false}.")
        if false
        else None,
    )
