"""Draft the untuned public-domain fixture documents and print every note for reading, with recall figures.

Usage: PYTHONPATH=src python3 benchmarks/draft_quality.py [--misses] [FILE ...]
Default files: the PDF, DOCX and saved web page in tests/fixtures/authoring/documents (see the README there).

Recall is counted by a detector independent of the drafter: a "fact sentence" holds a digit (not a label
such as "No. 4", "Fig. 2", "p. 433", an ordinal like "the 5th Sonata", or a footnote), a century ("the 7th
century", "the sixteenth century") or an era year ("341 B.C."); recall = fact sentences that got a note / fact
sentences. Precision is not computed: read the notes (each is printed with its blank, the kind it asks for and
its wrong options) and count those you would keep as they are or with a one-word edit.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from quizapp.authoring.docread import read_document
from quizapp.authoring.docsplit import split_paragraphs, split_sentences
from quizapp.authoring.draft import draft_deck
from quizapp.decks.models import cloze_deletions

DOCS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "authoring" / "documents"
DEFAULT = ["pianoforte-sonata.pdf", "chiriqui.docx", "egypt-factbook.html"]
_LABEL = re.compile(
    r"\b(?:No|Nos|Op|Fig|Figs|p|pp|Vol|Plate|Footnote)\.?\s*\d+|\b\d+(?:st|nd|rd|th)\b(?![\s-]century)", re.I
)
_FACT = re.compile(r"\d|\b(?:\w+th|first|second|third)[\s-]century\b|\bB\.\s?C\.", re.I)


def fact_sentences(text: str, marked: bool) -> list[str]:
    paras, _ = split_paragraphs(text, marked=marked)
    out = []
    for p in paras:
        if re.match(r"\[?footnote \d+", p.text, re.I):
            continue
        for s in split_sentences(p.text):
            if len(s.split()) >= 6 and _FACT.search(_LABEL.sub("", s)):
                out.append(s)
    return out


def main(argv: list[str]) -> int:
    misses = "--misses" in argv
    files = [Path(a) for a in argv[1:] if not a.startswith("--")] or [DOCS / n for n in DEFAULT]
    total_facts = total_hit = total_notes = 0
    rows = []
    for path in files:
        doc = read_document(path)
        marked = doc.kind not in ("text", "markdown")
        deck, stats = draft_deck(doc.text, source_id="s", source_title=path.stem, deck_id="bench", marked=marked)
        print(f"\n===== {path.name}: {stats.drafted} notes from {stats.sentences} sentences {stats.by_kind}")
        for n in deck.notes:
            answer = cloze_deletions(n.cloze.text)[0][1] if n.cloze else "?"
            blank = n.cloze.text.replace("{{c1::" + answer + "}}", "[" + answer + "]") if n.cloze else n.statement
            options = " | ".join(n.choice.distractors) if n.choice else "no choice"
            print(f"{n.id} ({n.locator}) {blank}\n      wrong: {options}")
        facts = fact_sentences(doc.text, marked)
        noted = {re.sub(r"\W+", " ", n.quote).strip() for n in deck.notes}
        hit = [s for s in facts if any(q and q in re.sub(r"\W+", " ", s).strip() for q in noted)]
        rows.append((path.name, len(facts), len(hit), stats.drafted))
        total_facts, total_hit, total_notes = (
            total_facts + len(facts),
            total_hit + len(hit),
            total_notes + stats.drafted,
        )
        if misses:
            for s in facts:
                if s not in hit:
                    print(f"   MISSED: {s}")
    print(f"\n{'document':28} {'fact sentences':>14} {'with a note':>11} {'recall':>7} {'notes':>6}")
    for name, facts_n, hit_n, notes_n in rows:
        print(f"{name:28} {facts_n:14} {hit_n:11} {hit_n / max(facts_n, 1):7.0%} {notes_n:6}")
    print(f"{'all':28} {total_facts:14} {total_hit:11} {total_hit / max(total_facts, 1):7.0%} {total_notes:6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
