"""Coverage probes: facts picked at random from the four source documents are each taught by a bundled note."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
MFA = "000_c144beeae8dc6688"  # "Cooperation with Pakistan", Russian foreign-ministry page
ENC = "001_5021544bf92e1522"  # encyclopedia article
SPE = "002_fa82f3ea3ad9bba4"  # the ambassador's speech of 9 February 2026
EXP = "003_f773195a77edf394"  # plain-English explainer

# (document, verbatim phrase from it, key term the note must state, note expected to teach it).
# Drawn at random (seeded) from a sentence-by-sentence checklist of the documents, 5/20/8/7 by document size.
PROBES = [
    (MFA, "In 1961", "in 1961", "enr-0001"),
    (MFA, "Mi-35 Gunships with Troop Carrying Capacity", "Mi-35 gunships", "def-0020"),
    (MFA, "North-South gas pipeline between Lahore and Karachi", "between Lahore and Karachi", "enr-0016"),
    (MFA, "T-90S tanks", "T-90S", "def-0019"),
    (MFA, "Another milestone came in 2000", "founded in 2000", "trd-0002"),
    (ENC, "sale of four Mi-35 ‘Hind E’ attack helicopters", "four Mi-35", "def-0021"),
    (ENC, "the trade, educational, and cultural exchanges", "educational and cultural exchanges", "cul-0015"),
    (ENC, "agreed to sell helicopters to Pakistan", "sell helicopters", "def-0024"),
    (ENC, "two-day official visit from September 18 to 19", "18–19 September", "dipl-0040"),
    (ENC, "increasing to 18% in 2013", "18% in 2013", "cul-0019"),
    (ENC, "between the first and second mellinia BCE", "first and second millennia BCE", "hist-0002"),
    (ENC, "Russian Mi-35 Hind attack helicopters", "Mi-35 Hind", "def-0023"),
    (ENC, "pay $93.5 million to Russia", "$93.5 million", "trd-0020"),
    (ENC, "falling to 8% in 2013", "8% in 2013", "cul-0021"),
    (ENC, "Russia congratulated India for conducting second nuclear tests", "congratulated India", "hist-0032"),
    (ENC, '"in-depth discussions"', "in-depth discussions", "dipl-0021"),
    (
        ENC,
        "Intergovernmental Commission on Trade and Economic, Scientific and Technical Cooperation",
        "Intergovernmental Commission",
        "trd-0003",
    ),
    (ENC, "four Russian nationals were shot dead", "four Russian nationals", "def-0048"),
    (ENC, "political, economic, defence and other sectors", "political, economic, defence", "dipl-0050"),
    (ENC, "Russia is also interested in joining CPEC", "joining CPEC", "mlt-0024"),
    (ENC, "on February 6, 2019, Russian Gazprom", "6 February 2019", "enr-0027"),
    (ENC, "a delegation of over 60 Pakistani companies", "over 60 Pakistani companies", "trd-0011"),
    (ENC, "Pakistan's second satellite, Badr-B", "second satellite, Badr-B", "hist-0030"),
    (ENC, "10th Heads of Government meeting", "10th SCO Heads of Government", "mlt-0006"),
    (ENC, "held from 24 September to 10 October 2016", "24 September to 10 October 2016", "def-0003"),
    (SPE, "a dynamic and constructive political dialogue", "dynamic and constructive political dialogue", "dipl-0049"),
    (SPE, "Seminar by a think tank in Islamabad on 09 February 2026", "9 February 2026", "ppl-0003"),
    (
        SPE,
        "the friendship between Russia and Pakistan is growing stronger every year",
        "stronger every year",
        "out-0006",
    ),
    (SPE, "joint production of medicines (including insulin)", "insulin", "out-0002"),
    (SPE, "restoring the Karachi Steel Mills", "restoring the Karachi Steel Mills", "out-0001"),
    (SPE, "the Russian Federation, successor to the USSR", "successor to the USSR", "dipl-0042"),
    (SPE, "sustain the positive momentum of our bilateral cooperation", "positive momentum", "dipl-0049"),
    (SPE, "ensure uninterrupted trade between our countries", "uninterrupted trade", "trd-0008"),
    (EXP, "Steel mills (like the USSR-built one in Karachi)", "USSR-built one in Karachi", "out-0025"),
    (
        EXP,
        "2022: Pakistan started buying cheap Russian oil despite US sanctions",
        "cheap Russian oil in 2022",
        "enr-0032",
    ),
    (EXP, "Russian T-90 tanks (to match India’s tanks)", "T-90 tanks", "out-0017"),
    (EXP, "A $2.5 billion project funded by Russia", "$2.5 billion", "out-0021"),
    (EXP, "This made Russia angry at Pakistan", "angry with Pakistan", "hist-0011"),
    (EXP, "Yes, but slowly", "yes, but slowly", "out-0032"),
    (EXP, "a complicated relationship—sometimes friends, sometimes rivals", "complicated", "hist-0007"),
]
IDS = [f"{note}:{term}" for _, _, term, note in PROBES]


def _notes() -> dict[str, dict]:
    notes: dict[str, dict] = {}
    for path in sorted((ROOT / "decks").glob("*.toml")):
        with path.open("rb") as f:
            for note in tomllib.load(f).get("notes", []):
                notes[note["id"]] = note
    return notes


NOTES = _notes()


def _fold(text: str) -> str:
    """Whitespace squashed, curly apostrophes straightened, case folded."""
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).casefold()


def _seed_text(doc: str) -> str:
    env = os.environ.get("QUIZAPP_SEEDS")
    for folder in ([Path(env)] if env else []) + [ROOT.parent / "shared" / "seeds"]:
        path = folder / f"{doc}.txt"
        if path.is_file():
            return " ".join(path.read_text(encoding="utf-8").split())
    pytest.skip("source texts not found: set QUIZAPP_SEEDS or place them in ../shared/seeds")


def test_probes_span_all_four_documents() -> None:
    assert {doc for doc, *_ in PROBES} == {MFA, ENC, SPE, EXP}
    assert len(PROBES) >= 40


@pytest.mark.parametrize(("doc", "phrase", "term", "note_id"), PROBES, ids=IDS)
def test_probe_is_taught_by_its_note(doc: str, phrase: str, term: str, note_id: str) -> None:
    note = NOTES.get(note_id)
    assert note is not None, f"no note {note_id}"
    assert not note.get("draft"), f"{note_id} is a draft, so learners never see it"
    assert _fold(term) in _fold(f"{note['statement']} {note['quote']}"), f"{note_id} does not state {term!r}"
    cited = {note["source"], (note.get("conflict") or {}).get("source")}
    assert doc in cited, f"{note_id} does not cite {doc}"


@pytest.mark.parametrize(("doc", "phrase", "term", "note_id"), PROBES, ids=IDS)
def test_probe_phrase_is_verbatim_in_its_document(doc: str, phrase: str, term: str, note_id: str) -> None:
    assert " ".join(phrase.split()) in _seed_text(doc)
