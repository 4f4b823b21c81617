"""Turn one sentence and its key fact into a draft note with cloze, typed, choice and true/false fields."""

from __future__ import annotations

import calendar
import re

from quizapp.authoring.facts import Fact
from quizapp.authoring.text import quote_window
from quizapp.decks.models import Choice, Cloze, Note, TrueFalse, Typed, parse_partial_date

LABELS = {
    "date": "date", "year": "year", "decade": "decade", "money": "amount", "percent": "percentage",
    "number": "number", "name": "name",
}  # fmt: skip
_CURRENCY = re.compile(r"^(?:US\$|\$|€|£|¥|₹|Rs\.?\s?|(?:USD|PKR|EUR|RUB)\s)")


def accepted_variants(fact: Fact) -> list[str]:
    """Other spellings of the answer that should count as right."""
    out: list[str] = []
    if fact.kind == "date" and fact.iso:
        y, m, d = parse_partial_date(fact.iso)
        month = calendar.month_name[m]
        out = [f"{d} {month} {y}", f"{month} {d}, {y}", fact.iso] if d else [f"{month} {y}", fact.iso]
    elif fact.kind == "money":
        out = [_CURRENCY.sub("", fact.text)]
    elif fact.kind == "percent":
        num = re.match(r"[\d.]+", fact.text)
        out = [f"{num[0]}%", f"{num[0]} percent", num[0]] if num else []
    elif fact.kind == "number":
        out = [fact.text.replace(",", "")]
    seen = {fact.text.casefold()}
    unique = []
    for v in out:
        if v.strip() and v.casefold() not in seen:
            seen.add(v.casefold())
            unique.append(v)
    return unique


def _shift_year(y: int) -> int:
    d = 3 + y % 4
    return y + d if y < 2000 else y - d


def false_value(fact: Fact) -> str | None:
    """A wrong value of the same kind, made by a fixed rule (so drafts are reproducible)."""
    if fact.kind in ("year", "date"):
        m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", fact.text)
        if m:
            wrong = str(_shift_year(int(m[1])))
            return fact.text[: m.start()] + wrong + fact.text[m.end() :]
    if fact.kind == "decade":
        d = int(fact.text[:4])
        return f"{d + 20 if d < 1990 else d - 20}s"
    if fact.kind == "percent":
        m = re.match(r"(\d+(?:\.\d+)?)(.*)", fact.text)
        if m:
            p = float(m[1])
            q = p + 15 if p <= 50 else p - 15
            return f"{q:g}{m[2]}"
    return None


def make_note(note_id: str, sentence: str, fact: Fact, *, source: str, locator: str, date: str | None = None) -> Note:
    """A draft note for `sentence` whose cloze, typed and choice questions ask for `fact`; `date` is the
    note's timeline date when the fact itself is not one."""
    before, after = sentence[: fact.start], sentence[fact.end :]
    prompt = f"Which {LABELS[fact.kind]} fills the blank? {before}_____{after}"
    crisp = fact.kind != "name" or len(fact.text.split()) <= 4
    wrong = false_value(fact)
    return Note(
        id=note_id,
        statement=sentence,
        source=source,
        locator=locator,
        quote=quote_window(sentence, fact.start, fact.end),
        date=fact.iso if fact.kind in ("date", "year") else date,
        draft=True,
        cloze=Cloze(text=f"{before}{{{{c1::{fact.text}}}}}{after}"),
        typed=Typed(prompt=prompt, answer=fact.text, accept=tuple(accepted_variants(fact))) if crisp else None,
        choice=Choice(prompt=prompt, answer=fact.text, pool=fact.kind),
        truefalse=TrueFalse(false=f"{before}{wrong}{after}", correction=f"The source gives {fact.text}, not {wrong}.")
        if wrong
        else None,
    )
