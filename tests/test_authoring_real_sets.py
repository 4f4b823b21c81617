"""The held-out real-document sets (tests/fixtures/authoring/documents/real2, real3 and real5): their files read
as their formats, and their answer keys match the files as read. Nothing here splits or drafts them (they stay held
out)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quizapp.authoring.docread import read_document

DOCS = Path(__file__).parent / "fixtures" / "authoring" / "documents"
# For each set: file -> (kind, title, fewest words, most words), the key counts in file order, and what a reader must
# never leave in its text. real2: the Jargon File's own "<esr@thyrsus.com>" is text, so "<" alone is not debris; the
# SQLite page's menu, search box and table of contents are chrome. real3: the tz notes on British time quote their
# web sources as text, so "https://" alone is not debris in the PDF; the tz page's link targets are.
SETS: dict[str, tuple[dict[str, tuple[str, str | None, int, int]], list[int], tuple[str, ...]]] = {
    "real2": (
        {
            "sqlite-testing.html": ("html", "How SQLite Is Tested", 1100, 1400),
            "jargon-history.pdf": ("pdf", "The Jargon File, version 4.4.7: Revision History", 1100, 1400),
            "kings-fall-of-jerusalem.docx": ("docx", "2 Kings 24:8-25:30 (World English Bible)", 1100, 1400),
        },
        [24, 23, 20],
        ("<a ", "<p", "<div", "&#", "&amp;", "&lt;", "Search Documentation", "Table Of Contents", "►"),
    ),
    "real3": (
        {
            "tz-leap-seconds-planets.epub": ("epub", "Theory and pragmatics of the tz code and data", 1050, 1300),
            "tz-britain-time.pdf": (
                "pdf",
                "tzdb data for Europe: Britain (United Kingdom) and Ireland (Eire)",
                1050,
                1300,
            ),
            "xz-history.txt": ("text", None, 1050, 1300),
        },
        [20, 40, 10],
        ("<a ", "<p", "<code", "<abbr", "&#", "&amp;", "&lt;", "bidenwhitehouse", "esa.int"),
    ),
    "real5": (
        {
            "truman-budget-1947.docx": (
                "docx",
                "PRESIDENT HARRY S. TRUMAN'S MESSAGE TO THE CONGRESS ON THE STATE OF THE UNION AND ON THE BUDGET"
                " FOR 1946.",
                1100,
                1400,
            ),
            "ford-energy-1975.html": (
                "html",
                "PRESIDENT GERALD R. FORD'S ADDRESS BEFORE A JOINT SESSION OF THE CONGRESS REPORTING ON THE STATE"
                " OF THE UNION",
                1100,
                1400,
            ),
            "constitution-article-one.pdf": ("pdf", "The Constitution of the United States of America", 1050, 1300),
        },
        [29, 33, 21],
        ("<a ", "<p", "&#", "&amp;", "1974-Nixon", "1976-Ford", "State of the Union addresses"),
    ),
}
FILES = [(s, name) for s, (files, _, _) in SETS.items() for name in files]


def _keys(set_name: str) -> dict[str, list[list[object]]]:
    return json.loads((DOCS / set_name / "keys.json").read_text(encoding="utf-8"))


def _flat(text: str) -> str:
    """As benchmarks/draft_quality.py compares a key with a note's quote: runs of non-word characters as one space."""
    return re.sub(r"\W+", " ", text).strip()


@pytest.mark.parametrize("set_name", list(SETS))
def test_the_keys_name_exactly_the_files_of_the_set(set_name: str) -> None:
    files, counts, _ = SETS[set_name]
    keys = _keys(set_name)
    assert set(keys) == set(files)
    assert [len(keys[n]) for n in files] == counts


@pytest.mark.parametrize(("set_name", "name"), FILES)
def test_each_file_reads_as_its_format_with_its_title_and_no_markup(set_name: str, name: str) -> None:
    files, _, debris = SETS[set_name]
    kind, title, fewest, most = files[name]
    doc = read_document(DOCS / set_name / name)
    assert (doc.kind, doc.title) == (kind, title)
    assert fewest <= len(doc.text.split()) <= most
    assert [d for d in debris if d in doc.text] == []


@pytest.mark.parametrize(("set_name", "name"), FILES)
def test_every_key_is_in_the_text_as_read_and_its_first_answer_in_its_picking_words(set_name: str, name: str) -> None:
    text = _flat(read_document(DOCS / set_name / name).text)
    for find, answers in _keys(set_name)[name]:
        assert isinstance(find, str) and isinstance(answers, list) and answers, find
        assert _flat(find) in text, find
        assert _flat(str(answers[0])) in _flat(find), (find, answers[0])
        assert len(set(answers)) == len(answers), find


@pytest.mark.parametrize(("set_name", "name"), FILES)
def test_no_two_keys_of_a_file_pick_the_same_words(set_name: str, name: str) -> None:
    finds = [_flat(str(find)) for find, _ in _keys(set_name)[name]]
    assert len(set(finds)) == len(finds)


def test_the_text_file_is_the_shipped_history_unchanged() -> None:
    text = (DOCS / "real3" / "xz-history.txt").read_text(encoding="utf-8")
    assert text.startswith("\nHistory of LZMA Utils and XZ Utils\n")
    assert text.rstrip().endswith("is often a good idea too.")
