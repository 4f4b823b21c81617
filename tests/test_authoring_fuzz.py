"""Fuzzing the importers: any bytes give a Deck or an ImportProblem, never another exception."""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.authoring.draft import draft_deck, draft_to_toml
from quizapp.authoring.importers import ImportProblem, import_apkg, import_delimited
from quizapp.authoring.tomltext import deck_to_toml
from quizapp.decks.models import Deck
from quizapp.decks.schema import validate

_PIECES = st.sampled_from(["a", "B c", "\t", ",", ";", "|", '"', "\n", "\r\n", "#separator:tab\n", "#html:true\n",
                           "#tags column:3\n", "front,back,tags\n", "{{c1::x}}", "{{c1::", "<b>", "&amp;", "é", "\x00",
                           " - ", "#notetype column:9\n", "x" * 50])  # fmt: skip


def _run(data: bytes, **kw: object) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.csv"
        path.write_bytes(data)
        try:
            deck = import_delimited(path, deck_id="fuzz", title="Fuzz", **kw)  # type: ignore[arg-type]
        except ImportProblem as e:
            assert str(e).startswith(str(path))
        else:
            assert isinstance(deck, Deck) and deck.notes


@settings(max_examples=150, deadline=None, database=None)
@given(st.binary(max_size=400))
def test_any_bytes(data: bytes) -> None:
    _run(data)


@settings(max_examples=120, deadline=None, database=None)
@given(st.lists(_PIECES, max_size=40), st.sampled_from([None, ",", "\t", " - "]), st.booleans())
def test_csv_like_text(pieces: list[str], delimiter: str | None, skip_empty: bool) -> None:
    _run("".join(pieces).encode("utf-8"), delimiter=delimiter, skip_empty=skip_empty)


@settings(max_examples=60, deadline=None, database=None)
@given(st.binary(max_size=300))
def test_any_bytes_as_apkg(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.apkg"
        path.write_bytes(b"PK\x03\x04" + data)
        try:
            import_apkg(path, deck_id="fuzz", title="Fuzz")
        except ImportProblem:
            pass


_DOC_PIECES = st.sampled_from(
    ["# Title\n", "== Wiki ==\n", "\n\n", "\n", "- ", "1. ", "May 1, 1948", "in 1990", "31 February 2001",
     "$5 billion", "45%", "120 people", "John Smith signed the Treaty of Rome", "{{c1::", "}}", "::", ". ", "? ",
     "the first agreement was", "x" * 300, "mid-1970s", "|a|b|", "```\n", "Dr. ", "é ✓ ", "\t"]
)  # fmt: skip


@settings(max_examples=100, deadline=None, database=None)
@given(st.one_of(st.text(max_size=300), st.lists(_DOC_PIECES, max_size=50).map("".join)))
def test_draft_never_fails(text: str) -> None:
    deck, stats = draft_deck(text, source_id="s", source_title="S", deck_id="d")
    assert stats.drafted == len(deck.notes)
    assert validate(Deck, tomllib.loads(draft_to_toml(deck))) == deck


_TEXT = st.text(min_size=1, max_size=80).filter(lambda s: s.strip())


@settings(max_examples=80, deadline=None, database=None)
@given(_TEXT, _TEXT, _TEXT)
def test_toml_text_round_trips_any_text(statement: str, front: str, back: str) -> None:
    note = {"id": "n", "statement": statement, "source": "s", "locator": "l", "quote": back}
    deck = validate(Deck,
        {"deck": {"id": "x", "title": front}, "sources": [{"id": "s", "title": "S"}],
         "notes": [{**note, "basic": {"front": front, "back": back}}]}
    )  # fmt: skip
    assert validate(Deck, tomllib.loads(deck_to_toml(deck, header=statement))) == deck
