"""The second real-document set (tests/fixtures/authoring/documents/real2): its three files read, and its answer keys
match the files as read. The set is held out, so nothing here splits or drafts them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quizapp.authoring.docread import read_document

REAL2 = Path(__file__).parent / "fixtures" / "authoring" / "documents" / "real2"
KEYS: dict[str, list[list[object]]] = json.loads((REAL2 / "keys.json").read_text(encoding="utf-8"))
FILES = {
    "sqlite-testing.html": ("html", "How SQLite Is Tested"),
    "jargon-history.pdf": ("pdf", "The Jargon File, version 4.4.7: Revision History"),
    "kings-fall-of-jerusalem.docx": ("docx", "2 Kings 24:8-25:30 (World English Bible)"),
}
# What a reader must never leave in the text (the Jargon File's own "<esr@thyrsus.com>" is text, so "<" alone is not
# debris here); the SQLite page's menu and search box and its table of contents are chrome, not content.
DEBRIS = ("<a ", "<p", "<div", "&#", "&amp;", "&lt;", "Search Documentation", "Table Of Contents", "►")


def _flat(text: str) -> str:
    """As benchmarks/draft_quality.py compares a key with a note's quote: runs of non-word characters as one space."""
    return re.sub(r"\W+", " ", text).strip()


def test_the_keys_name_exactly_the_three_files() -> None:
    assert set(KEYS) == set(FILES)
    assert [len(KEYS[n]) for n in FILES] == [24, 23, 20]


@pytest.mark.parametrize("name", list(FILES))
def test_each_file_reads_as_its_format_with_its_title_and_no_markup(name: str) -> None:
    doc = read_document(REAL2 / name)
    kind, title = FILES[name]
    assert (doc.kind, doc.title) == (kind, title)
    assert 1100 <= len(doc.text.split()) <= 1400
    assert [d for d in DEBRIS if d in doc.text] == []


@pytest.mark.parametrize("name", list(FILES))
def test_every_key_is_in_the_text_as_read_and_its_first_answer_in_its_picking_words(name: str) -> None:
    text = _flat(read_document(REAL2 / name).text)
    for find, answers in KEYS[name]:
        assert isinstance(find, str) and isinstance(answers, list) and answers, find
        assert _flat(find) in text, find
        assert _flat(str(answers[0])) in _flat(find), (find, answers[0])
        assert len(set(answers)) == len(answers), find


@pytest.mark.parametrize("name", list(FILES))
def test_no_two_keys_of_a_file_pick_the_same_words(name: str) -> None:
    finds = [_flat(str(find)) for find, _ in KEYS[name]]
    assert len(set(finds)) == len(finds)
