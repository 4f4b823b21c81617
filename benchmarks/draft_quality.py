"""Draft the untuned public-domain fixture documents and print every note for reading, with recall figures.

Usage: PYTHONPATH=src python3 benchmarks/draft_quality.py [--misses] [--fresh] [--heldout] [--heldout2] [--heldout3]
    [--heldout4] [--heldout5] [--heldout6] [--heldout7] [--real] [--real2] [--real3] [--real5] [FILE ...]
--fresh adds the fresh documents of tests/fixtures/authoring/documents/fresh, whose answer keys (keys.json,
written before they were ever drafted) give a second recall and a "kept by key" precision: the notes that ask a
fact of the key with one of its accepted answers (every other note is then read by hand).
--heldout adds the held-out documents of tests/fixtures/authoring/documents/heldout (a saved web page, an ODT and a
PPTX of subjects unlike the others, keys written before the first draft; see docs/authoring.md).
--heldout2 adds the second held-out set, tests/fixtures/authoring/documents/heldout2 (an EPUB, a Windows-1252 text
file and a PDF with headings; keys committed before the first draft); --heldout3 the third, heldout3 (Markdown,
UTF-16 text and DOCX, made after the rules that set 2 prompted; keys committed before the first draft); --heldout4
the fourth, heldout4 (a saved encyclopedia page, slides and a PDF with a footer, made after the rules sets 2 and 3
prompted; keys committed before the first draft); --heldout5 the fifth, heldout5 (ODT, EPUB and DOCX, made after the
changes set 4 prompted; keys committed before the first draft); --heldout6 the sixth, heldout6 (Markdown, slides and
a PDF, made after the changes sets 4 and 5 prompted; keys committed before the first draft); --heldout7 the seventh,
heldout7 (a saved magazine page, DOCX and a PDF with a running header, 619-634 words each, made after the round-3
rules; keys committed before the first draft). --real adds the real-document set, real (texts written by other
people that Debian packages ship: a history chapter as its HTML page, "What's New in Python 2.0" as a PDF and the
Debian Constitution sections 4-5 as DOCX, 1,173-1,336 words each; keys committed before the first draft; no longer
held out since the round-5 rules came from its misses). --real2 adds the second real-document set, real2 (public-domain
texts written by other people that Debian packages ship: "How SQLite Is Tested" as its HTML page, the Jargon File's
revision history as a PDF and 2 Kings 24:8-25:30 of the World English Bible as DOCX, 1,233-1,326 words each; keys
committed before the first draft; no longer held out since the round-7 rules came from its misses).
--real3 adds the third, real3 (public-domain texts that Debian packages ship: the tz database's theory page on
leap seconds and time off Earth as an EPUB, the tz notes on the history of British time as a PDF and XZ Utils'
history.txt as shipped, 1,122-1,215 words; keys committed before the first draft; drafted once held out, at round
7's last code).
--real5 adds the fifth, real5 (public-domain works of the United States: the budget section of Truman's 1946 message
to Congress as DOCX, Ford's 1975 energy plan as a saved HTML page, the Constitution's Preamble and Article I, Sections
1-6, as a PDF; keys committed before any draft; held out).
--real-tune adds real-tune (three more real documents for tuning, round 6: a history chapter as HTML, two
chapters as a PDF, "What's New in Python 2.6" as DOCX).
Default files: the PDF, DOCX and saved web page in tests/fixtures/authoring/documents (see the README there).

Recall is counted by a detector independent of the drafter: a "fact sentence" holds a digit (not a label
such as "No. 4", "Fig. 2", "p. 433", an ordinal like "the 5th Sonata", or a footnote), a century ("the 7th
century", "the sixteenth century") or an era year ("341 B.C."); recall = fact sentences that got a note / fact
sentences. Precision is not computed: read the notes (each is printed with its blank, the kind it asks for and
its wrong options) and count those you would keep as they are or with a one-word edit.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from quizapp.authoring.docread import read_document
from quizapp.authoring.docsplit import split_paragraphs, split_sentences
from quizapp.authoring.draft import draft_deck
from quizapp.decks.models import cloze_deletions

DOCS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "authoring" / "documents"
DEFAULT = ["pianoforte-sonata.pdf", "chiriqui.docx", "egypt-factbook.html"]
FRESH = DOCS / "fresh"
FRESH_DEFAULT = ["japan-history-2col.pdf", "iceland-interleaved.pdf", "kenya-table.pdf", "japan-economy.docx"]
HELDOUT = DOCS / "heldout"
HELDOUT_DEFAULT = ["yellowstone-nps.html", "faraday-britannica.odt", "spaceflight-nasa.pptx"]
HELDOUT2 = DOCS / "heldout2"
HELDOUT2_DEFAULT = ["thames.epub", "pasteur-cp1252.txt", "brooklyn-bridge.pdf"]
HELDOUT3 = DOCS / "heldout3"
HELDOUT3_DEFAULT = ["smallpox.md", "vesuvius-utf16.txt", "telegraph.docx"]
HELDOUT4 = DOCS / "heldout4"
HELDOUT4_DEFAULT = ["cook-encyclopedia.html", "printing-history.pptx", "aluminium.pdf"]
HELDOUT5 = DOCS / "heldout5"
HELDOUT5_DEFAULT = ["tudors.odt", "everest.epub", "radium.docx"]
HELDOUT6 = DOCS / "heldout6"
HELDOUT6_DEFAULT = ["amundsen.md", "ming.pptx", "oxygen.pdf"]
HELDOUT7 = DOCS / "heldout7"
HELDOUT7_DEFAULT = ["panama-canal.html", "titanic.docx", "darwin.pdf"]
REAL = DOCS / "real"
REAL_DEFAULT = ["debian-releases.html", "python20-whatsnew.pdf", "debian-constitution.docx"]
REAL2 = DOCS / "real2"
REAL2_DEFAULT = ["sqlite-testing.html", "jargon-history.pdf", "kings-fall-of-jerusalem.docx"]
REAL3 = DOCS / "real3"
REAL3_DEFAULT = ["tz-leap-seconds-planets.epub", "tz-britain-time.pdf", "xz-history.txt"]
REAL5 = DOCS / "real5"
REAL5_DEFAULT = ["truman-budget-1947.docx", "ford-energy-1975.html", "constitution-article-one.pdf"]
REAL_TUNE = DOCS / "real-tune"
REAL_TUNE_DEFAULT = ["debian-detailed.html", "debian-intro-leaders.pdf", "python26-whatsnew.docx"]
KEYS: dict[str, list[list[object]]] = json.loads((FRESH / "keys.json").read_text(encoding="utf-8"))
KEYS.update(json.loads((HELDOUT / "keys.json").read_text(encoding="utf-8")))
KEYS.update(json.loads((HELDOUT2 / "keys.json").read_text(encoding="utf-8")))
KEYS.update(json.loads((HELDOUT3 / "keys.json").read_text(encoding="utf-8")))
KEYS.update(json.loads((HELDOUT4 / "keys.json").read_text(encoding="utf-8")))
KEYS.update(json.loads((HELDOUT5 / "keys.json").read_text(encoding="utf-8")))
KEYS.update(json.loads((HELDOUT6 / "keys.json").read_text(encoding="utf-8")))
KEYS.update(json.loads((HELDOUT7 / "keys.json").read_text(encoding="utf-8")))
KEYS.update(json.loads((REAL / "keys.json").read_text(encoding="utf-8")))
KEYS.update(json.loads((REAL2 / "keys.json").read_text(encoding="utf-8")))
KEYS.update(json.loads((REAL3 / "keys.json").read_text(encoding="utf-8")))
KEYS.update(json.loads((REAL5 / "keys.json").read_text(encoding="utf-8")))
KEYS.update(json.loads((REAL_TUNE / "keys.json").read_text(encoding="utf-8")))


def _flat(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip()


def key_figures(name: str, notes: list[tuple[str, str]]) -> tuple[int, int, int, int]:
    """(facts in the answer key with a note, facts, notes that ask a key fact with an accepted answer, facts in
    the key that a note asks: its blank is one of the fact's accepted answers).

    A key fact has a note when a note's quote holds the fact's picking words; a note is kept by the key when
    its quote holds a fact's picking words and its blank is one of that fact's accepted answers."""
    key = KEYS[name]
    hit = sum(any(_flat(str(find)) in _flat(q) for q, _ in notes) for find, _ in key)
    kept = sum(
        any(_flat(str(find)) in _flat(q) and a in answers for find, answers in key)  # type: ignore[operator]
        for q, a in notes
    )
    asked = sum(
        any(_flat(str(find)) in _flat(q) and a in answers for q, a in notes)  # type: ignore[operator]
        for find, answers in key
    )
    return hit, len(key), kept, asked


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
    files = [Path(a) for a in argv[1:] if not a.startswith("--")]
    if not files:
        held = any(
            a in argv
            for a in (
                "--heldout",
                "--heldout2",
                "--heldout3",
                "--heldout4",
                "--heldout5",
                "--heldout6",
                "--heldout7",
                "--real",
                "--real2",
                "--real3",
                "--real5",
                "--real-tune",
            )
        )
        files = [DOCS / n for n in DEFAULT] if not held or "--fresh" in argv else []
        files += [FRESH / n for n in FRESH_DEFAULT] if "--fresh" in argv else []
        files += [HELDOUT / n for n in HELDOUT_DEFAULT] if "--heldout" in argv else []
        files += [HELDOUT2 / n for n in HELDOUT2_DEFAULT] if "--heldout2" in argv else []
        files += [HELDOUT3 / n for n in HELDOUT3_DEFAULT] if "--heldout3" in argv else []
        files += [HELDOUT4 / n for n in HELDOUT4_DEFAULT] if "--heldout4" in argv else []
        files += [HELDOUT5 / n for n in HELDOUT5_DEFAULT] if "--heldout5" in argv else []
        files += [HELDOUT6 / n for n in HELDOUT6_DEFAULT] if "--heldout6" in argv else []
        files += [HELDOUT7 / n for n in HELDOUT7_DEFAULT] if "--heldout7" in argv else []
        files += [REAL / n for n in REAL_DEFAULT] if "--real" in argv else []
        files += [REAL2 / n for n in REAL2_DEFAULT] if "--real2" in argv else []
        files += [REAL3 / n for n in REAL3_DEFAULT] if "--real3" in argv else []
        files += [REAL5 / n for n in REAL5_DEFAULT] if "--real5" in argv else []
        files += [REAL_TUNE / n for n in REAL_TUNE_DEFAULT] if "--real-tune" in argv else []
    total_facts = total_hit = total_notes = 0
    rows = []
    keyed: list[tuple[str, int, int, int, int, int]] = []
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
        if path.name in KEYS:
            pairs = [
                (n.statement + " " + n.quote, cloze_deletions(n.cloze.text)[0][1] if n.cloze else "")
                for n in deck.notes
            ]
            k_hit, k_all, k_kept, k_asked = key_figures(path.name, pairs)
            keyed.append((path.name, k_hit, k_all, k_kept, stats.drafted, k_asked))
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
    if keyed:
        print(f"\n{'keyed document, answer key':28} {'key recall':>14} {'kept by key':>14} {'key asked':>14}")
        for name, k_hit, k_all, k_kept, notes_n, k_asked in keyed:
            print(
                f"{name:28} {k_hit:>4}/{k_all:<3} {k_hit / k_all:5.0%}"
                f" {k_kept:>5}/{notes_n:<3} {k_kept / max(notes_n, 1):5.0%}"
                f" {k_asked:>5}/{k_all:<3} {k_asked / k_all:5.0%}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
