"""Hostile deck files: generated, mutated, huge, deep, binary. Never a traceback, always a clear problem."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.decks.library import DeckError, load_deck, parse_deck

MINI = (Path(__file__).parent / "fixtures" / "mini.toml").read_bytes()
EXAMPLES = int(os.environ.get("QUIZAPP_FUZZ_EXAMPLES", "300"))


def _load(raw: bytes) -> None:
    try:
        parse_deck(raw, "fuzz.toml")
    except DeckError as e:
        assert e.problems
        for p in e.problems:
            assert str(p).startswith("fuzz.toml:") and p.line >= 1 and p.message


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes(raw: bytes) -> None:
    _load(raw)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[]{}=\"'.,#\n =abc1-_\\\t")), max_size=400))
def test_toml_shaped_text(text: str) -> None:
    _load(text.encode())


@st.composite
def mutations(draw: st.DrawFn) -> bytes:
    data = bytearray(MINI)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "insert", "flip", "dup"]))
        i = draw(st.integers(0, len(data) - 1))
        j = min(len(data), i + draw(st.integers(1, 80)))
        if op == "delete":
            del data[i:j]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=20))
        elif op == "flip":
            data[i] = draw(st.integers(0, 255))
        else:
            data[i:i] = data[i:j]
        if not data:
            data = bytearray(b"x")
    return bytes(data)


@settings(max_examples=EXAMPLES, deadline=None)
@given(mutations())
def test_mutated_valid_deck(raw: bytes) -> None:
    _load(raw)


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b'format = 1\n[deck]\nid = "x"\ntitle = "' + b"A" * 20_000_000 + b'"\n', "deck.title"),
        (b"x = " + b"[" * 100_000, "file"),
        (b"format = 1\n" + b"[a]\n" * 3 + b"\xc3\x28", "not UTF-8"),
        (MINI.replace(b"Event 3", b"Event\x003"), "NUL"),
        (b"format = 2\n", "format"),
    ],
    ids=["20MB string", "deep nesting", "invalid UTF-8", "NUL byte", "future format"],
)
def test_extremes(raw: bytes, expected: str) -> None:
    with pytest.raises(DeckError) as info:
        parse_deck(raw, "x.toml")
    assert expected in str(info.value)


def test_file_over_the_size_limit_is_refused_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quizapp.decks import library as decks

    monkeypatch.setattr(decks, "MAX_DECK_BYTES", 1000)
    big = tmp_path / "big.toml"
    big.write_bytes(MINI)
    with pytest.raises(DeckError) as info:
        load_deck(big)
    assert "larger than" in str(info.value)
