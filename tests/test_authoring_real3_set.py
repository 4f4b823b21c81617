"""The third real-document set (tests/fixtures/authoring/documents/real3): its files read, and its answer keys match
the files as read. The set is held out, so nothing here splits or drafts them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quizapp.authoring.docread import read_document

REAL3 = Path(__file__).parent / "fixtures" / "authoring" / "documents" / "real3"
KEYS: dict[str, list[list[object]]] = json.loads((REAL3 / "keys.json").read_text(encoding="utf-8"))
FILES = {
    "tz-leap-seconds-planets.epub": ("epub", "Theory and pragmatics of the tz code and data"),
    "tz-britain-time.pdf": ("pdf", "tzdb data for Europe: Britain (United Kingdom) and Ireland (Eire)"),
    "xz-history.txt": ("text", None),
}
# What a reader must never leave in the text: markup, entities, or the tz page's link targets (the tz notes on
# British time quote their web sources as text, so "https://" alone is not debris in the PDF).
DEBRIS = ("<a ", "<p", "<code", "<abbr", "&#", "&amp;", "&lt;", "bidenwhitehouse", "esa.int")


def _flat(text: str) -> str:
    """As benchmarks/draft_quality.py compares a key with a note's quote: runs of non-word characters as one space."""
    return re.sub(r"\W+", " ", text).strip()


def test_the_keys_name_exactly_the_files() -> None:
    assert set(KEYS) == set(FILES)
    assert [len(KEYS[n]) for n in FILES] == [20, 40, 10]


@pytest.mark.parametrize("name", list(FILES))
def test_each_file_reads_as_its_format_with_its_title_and_no_markup(name: str) -> None:
    doc = read_document(REAL3 / name)
    kind, title = FILES[name]
    assert (doc.kind, doc.title) == (kind, title)
    assert 1050 <= len(doc.text.split()) <= 1300
    assert [d for d in DEBRIS if d in doc.text] == []


@pytest.mark.parametrize("name", list(FILES))
def test_every_key_is_in_the_text_as_read_and_its_first_answer_in_its_picking_words(name: str) -> None:
    text = _flat(read_document(REAL3 / name).text)
    for find, answers in KEYS[name]:
        assert isinstance(find, str) and isinstance(answers, list) and answers, find
        assert _flat(find) in text, find
        assert _flat(str(answers[0])) in _flat(find), (find, answers[0])
        assert len(set(answers)) == len(answers), find


@pytest.mark.parametrize("name", list(FILES))
def test_no_two_keys_of_a_file_pick_the_same_words(name: str) -> None:
    finds = [_flat(str(find)) for find, _ in KEYS[name]]
    assert len(set(finds)) == len(finds)


def test_the_text_file_is_the_shipped_history_unchanged() -> None:
    text = (REAL3 / "xz-history.txt").read_text(encoding="utf-8")
    assert text.startswith("\nHistory of LZMA Utils and XZ Utils\n")
    assert text.rstrip().endswith("is often a good idea too.")
