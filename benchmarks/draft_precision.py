"""Draft the seed documents and estimate the drafter's precision.

Usage: PYTHONPATH=src python3 benchmarks/draft_precision.py [SEEDS_DIR]
Seeds come from SEEDS_DIR, else $QUIZAPP_SEEDS, else ../shared/seeds beside the repository.

Precision heuristic (an automatic estimate, not a human judgement). A drafted note counts as precise when all hold:
  1. its sentence has at least 6 words, does not end with ':' or '?', and stands on its own: it does not open
     with a pronoun that points elsewhere (It, He, She, They, This, These, Those, Their, Its, We, Our);
  2. its cloze answer, checked by a pattern independent of the drafter, is of one of these kinds, and a choice
     question, when there is one, has three wrong options:
     year = a 4-digit year 1500-2099; date = a month name and a 4-digit year (or YYYY-MM-DD); decade = like
     1970s; money = a currency sign or word and a digit; percent = a digit and '%' or 'percent'; number = digits;
     name = 2 to 8 words, each capitalised or a joining word like 'of', the first not a common function word;
     century = '7th century' or 'sixteenth century'; quantity = a number (or range) and a unit word;
     era year = '341 B.C.', 'AD 775'; range = '1768-74' or a two-year phrase, '1922 to 1927', '1807 or 1808';
  3. the quote appears verbatim in the document (whitespace aside) and contains the cloze answer, and the answer
     appears only once in the sentence (a second copy would give it away);
  4. the note validates and no other note has the same statement with the same blank (a sentence with two dated
     facts in clauses of their own gets a note for each).
Precision = precise notes / drafted notes.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from quizapp.authoring.draft import draft_deck
from quizapp.decks.models import Note, cloze_deletions

_CHECKS = {
    "year": re.compile(r"^(1[5-9]\d\d|20\d\d)$"),
    "date": re.compile(
        r"^(?=.*\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)(?=.*\b\d{4}\b).*$|^\d{4}-\d\d-\d\d$"
    ),
    "decade": re.compile(r"^\d{3}0s$"),
    "century": re.compile(r"^(?:\d{1,2}(?:st|nd|rd|th)|[a-z-]+th|first|second|third)\scentury", re.I),
    "quantity": re.compile(r"^\d[\d,.½]*(?:\s(?:to|or|by)\s\d[\d,.½]*)?\s?[a-zA-Z°]+$"),
    "era year": re.compile(r"^(?:\d{1,4}\s?(?:B\.\s?C\.|BC|BCE|A\.\s?D\.|AD|CE)|AD\s?\d{1,4})$"),
    "range": re.compile(r"^\d{4}(?:\s?[–-]\s?|\s(?:to|until|till|through|and|or)\s)\d{2,4}$"),
    "money": re.compile(r"^(?=.*\d).*(?:[$€£¥₹]|Rs|USD|PKR|EUR|RUB|dollar|euro|pound|rupee|r[ou]ble|yuan|yen)"),
    "percent": re.compile(r"\d\s?(?:%|percent|per cent)$"),
    "number": re.compile(r"^\d[\d,]*(?:\.\d+)?(?:\s(?:million|billion|trillion|thousand))?$"),
    "name": re.compile(
        r"^(?!(?:The|A|An|In|On|At|This|That|It|We)\b)[A-Z][\w'’.–-]*(?:\s(?:[A-Z][\w'’.–-]*|of|de|&))+$"
    ),
}
_PRONOUNS = {"It", "He", "She", "They", "This", "These", "Those", "Their", "Its", "We", "Our", "His", "Her"}


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def precise(note: Note, document: str) -> bool:
    """Whether `note` passes the heuristic in this module's docstring (duplicates are checked by the caller)."""
    words = note.statement.split()
    if len(words) < 6 or note.statement.rstrip()[-1:] in ":?" or words[0].strip('("“') in _PRONOUNS:
        return False
    if not note.cloze:
        return False
    answer = cloze_deletions(note.cloze.text)[0][1]
    if not any(rx.search(answer) for rx in _CHECKS.values()) or len(answer.split()) > 8:
        return False
    if note.choice and len(note.choice.distractors) != 3:
        return False
    return _ws(note.quote) in document and answer in note.quote and note.statement.count(answer) == 1


def seeds_dir(argv: list[str]) -> Path:
    if len(argv) > 1:
        return Path(argv[1])
    if env := os.environ.get("QUIZAPP_SEEDS"):
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "seeds"


def main(argv: list[str]) -> int:
    folder = seeds_dir(argv)
    docs = sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".md")) if folder.is_dir() else []
    if not docs:
        print(f"no seed documents in {folder}")
        return 1
    print(f"{'document':32} {'sentences':>9} {'drafted':>7} {'precise':>7} {'precision':>9}  kinds")
    total_drafted = total_precise = 0
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        deck, stats = draft_deck(text, source_id="seed", source_title=doc.stem, deck_id="bench")
        flat = _ws(text)
        asked = [(n.statement, n.cloze.text if n.cloze else "") for n in deck.notes]  # a second blank: its own note
        ok = sum(precise(n, flat) and asked.count(a) == 1 for n, a in zip(deck.notes, asked, strict=True))
        share = ok / stats.drafted if stats.drafted else 0.0
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(stats.by_kind.items()))
        print(f"{doc.name:32} {stats.sentences:9} {stats.drafted:7} {ok:7} {share:9.0%}  {kinds}")
        total_drafted += stats.drafted
        total_precise += ok
    overall = total_precise / total_drafted if total_drafted else 0.0
    print(f"{'all':32} {'':9} {total_drafted:7} {total_precise:7} {overall:9.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
