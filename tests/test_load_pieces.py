"""Big deck files and cards.toml are parsed a piece at a time: the same result as parsing them whole, always."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
import rtoml
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.decks import library
from quizapp.decks.library import SCHEMA, DeckError, load_deck, parse_deck
from quizapp.errors import CorruptFile
from quizapp.files import tomlread
from quizapp.files.tomlcheck import check
from quizapp.progress import records as progress_records
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import CardState

DECKS = sorted((Path(__file__).resolve().parents[1] / "decks").glob("*.toml"))
NOTES = "[[notes]]\n"


def _deck_text(n: int, extra: dict[int, str] | None = None) -> str:
    parts = ['format = 1\n[deck]\nid = "d"\ntitle = "D"\n[[sources]]\nid = "s"\ntitle = "S"\n']
    for i in range(n):
        parts.append(
            f'[[notes]]\nid = "n-{i}"\nstatement = "Fact {i}."\nsource = "s"\nlocator = "p {i}"\nquote = "fact {i}"\n'
            f'basic = {{ front = "Q {i}", back = "A {i}" }}\n{(extra or {}).get(i, "")}'
        )
    return "\n".join(parts)


def _whole(raw: bytes) -> object:
    return check(raw, "deck.toml", SCHEMA, DeckError)


def _problems(raw: bytes) -> list[str]:
    with pytest.raises(DeckError) as e:
        parse_deck(raw, "deck.toml")
    return [str(p) for p in e.value.problems]


@pytest.mark.parametrize("deck", DECKS, ids=lambda p: p.stem)
@pytest.mark.parametrize("every", [1, 300, 2000])
def test_every_bundled_deck_in_pieces_equals_the_whole(deck: Path, every: int, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = deck.read_bytes()
    whole = _whole(raw)
    monkeypatch.setattr(library, "PIECE_CHARS", every)
    monkeypatch.setattr(tomlread, "loads", lambda *a, **k: pytest.fail("parsed whole, not in pieces"))
    assert parse_deck(raw, str(deck)).deck == whole


def test_small_files_are_parsed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _deck_text(3).encode()
    assert len(raw) < library.PIECE_CHARS
    assert tomlread.array_chunks(raw.decode(), "notes", library.PIECE_CHARS) is None
    assert parse_deck(raw, "deck.toml").deck == _whole(raw)


def test_cut_inside_a_multiline_string_falls_back_to_the_whole_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # note 1's explanation holds a line that reads exactly like a note header, where a cut would fall
    text = _deck_text(6, {1: 'explanation = """\nfirst line\n[[notes]]\nlast line"""\n'})
    monkeypatch.setattr(library, "PIECE_CHARS", 1)
    monkeypatch.setattr(library, "BIG_PIECE_CHARS", 1)
    deck = parse_deck(text.encode(), "deck.toml").deck
    assert deck == _whole(text.encode())
    assert [n.id for n in deck.notes] == [f"n-{i}" for i in range(6)]
    assert "[[notes]]" in deck.notes[1].explanation


@pytest.mark.parametrize(
    "extra",
    [
        '[deck]\nid = "again"\ntitle = "Again"\n',  # a table defined twice
        '[[sources]]\nid = "s2"\ntitle = "S2"\n',  # a top-level table after the notes: legal, kept
        'statement = "twice"\n',  # a key repeated in one note
        'source = "nowhere"\n',  # an unknown source: a reference problem
    ],
)
def test_a_piece_holding_more_than_notes_gives_what_the_whole_file_gives(
    extra: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _deck_text(8).replace('[[notes]]\nid = "n-5"', extra + '\n[[notes]]\nid = "n-5"')
    raw = text.encode()
    try:
        expected: object = _whole(raw)
    except DeckError as e:
        expected = [str(p) for p in e.problems]
    monkeypatch.setattr(library, "PIECE_CHARS", 1)
    if isinstance(expected, list):
        assert _problems(raw) == expected
    else:
        assert parse_deck(raw, "deck.toml").deck == expected


def test_problems_in_a_later_piece_are_placed_on_their_own_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _deck_text(9, {7: "tags = 3\n"}).replace('id = "n-8"', 'id = "n-2"')  # a bad field; a repeated id
    raw = text.encode()
    with pytest.raises(DeckError) as whole:
        _whole(raw)
    monkeypatch.setattr(library, "PIECE_CHARS", 1)
    got = _problems(raw)
    assert got == [str(p) for p in whole.value.problems]
    assert got  # the messages exist and carry lines past the first piece
    assert all(int(p.split(":")[1]) > 20 for p in got)


def test_a_cached_load_of_a_big_deck_equals_the_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quizapp.decks.cache import DeckCache

    path = tmp_path / "deck.toml"
    path.write_text(_deck_text(50), encoding="utf-8")
    monkeypatch.setattr(library, "PIECE_CHARS", 700)  # the last piece is short
    cache = DeckCache(tmp_path / "cache")
    first, second = load_deck(path, cache), load_deck(path, cache)
    assert (cache.misses, cache.hits) == (1, 1)
    assert first.deck == second.deck == _whole(path.read_bytes())


# Multi-line strings whose lines may read like headers, anywhere: the pieces, when they all parse, mean the file.
_LINE = st.sampled_from(["[[notes]]", "[[notes]]  ", "[deck]", "plain words", "", "x = 1", "'''", "[notes.cloze]"])
_VALUE = st.lists(_LINE, max_size=4).map(lambda lines: '"""\n' + "\n".join(lines).replace('"""', "") + '"""')


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), _VALUE), min_size=1, max_size=12), st.integers(1, 60))
def test_pieces_that_all_parse_mean_what_the_file_means(values: list[str | None], every: int) -> None:
    body = 'title = "t"\n'
    for i, v in enumerate(values):
        body += f"[[notes]]\nid = {i}\n" + (f"text = {v}\n" if v else "")
    whole = rtoml.loads(body)
    parsed = tomlread.pieces(body, NOTES, every)
    if parsed is None:
        return
    try:
        head, *rest = list(parsed)
    except Exception:  # a cut inside a string: the caller parses the file whole
        return
    assert "notes" not in head and all(p.keys() == {"notes"} for p in rest)
    assert head == {k: v for k, v in whole.items() if k != "notes"}
    assert [n for p in rest for n in p["notes"]] == whole["notes"]


# cards.toml
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def _store_with(tmp_path: Path, n: int) -> dict[str, CardState]:
    with LearnerStore(tmp_path, "ann") as store:
        store.states = {
            f"c-{i}": CardState(f"c-{i}", 2, None, 10.0 + i, 5.0, NOW, NOW) for i in range(n)
        }  # fmt: skip
        store.compact()
        return dict(store.states)


def _cards(tmp_path: Path) -> Path:
    return tmp_path / "learners" / "ann" / "cards-test.toml"


def test_cards_in_pieces_equal_the_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _store_with(tmp_path, 23)
    monkeypatch.setattr(progress_records, "CARDS_PIECE", 300)
    # the pieces are for a cards file the line reader declines (one another program wrote): make it decline
    monkeypatch.setattr(progress_records.cardlines, "read", lambda *a: None)
    monkeypatch.setattr(progress_records.tomlread, "loads", lambda *a: pytest.fail("parsed whole, not in pieces"))
    with LearnerStore(tmp_path, "ann") as store:
        assert store.states == expected


def test_a_card_defined_in_two_pieces_is_reported_as_when_parsed_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store_with(tmp_path, 12)
    path = _cards(tmp_path)
    path.write_text(path.read_text() + "\n[cards.c-1]\nstate = 2\n", encoding="utf-8")
    with pytest.raises(CorruptFile) as whole:
        LearnerStore(tmp_path, "ann").open()
    monkeypatch.setattr(progress_records, "CARDS_PIECE", 200)
    with pytest.raises(CorruptFile) as pieces:
        LearnerStore(tmp_path, "ann").open()
    assert str(pieces.value) == str(whole.value)


def test_a_bad_state_in_a_later_piece_is_reported_as_when_parsed_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store_with(tmp_path, 12)
    path = _cards(tmp_path)
    path.write_text(path.read_text().replace("stability = 20.0", 'stability = "high"'), encoding="utf-8")
    with pytest.raises(CorruptFile) as whole:
        LearnerStore(tmp_path, "ann").open()
    monkeypatch.setattr(progress_records, "CARDS_PIECE", 200)
    with pytest.raises(CorruptFile) as pieces:
        LearnerStore(tmp_path, "ann").open()
    assert str(pieces.value) == str(whole.value)
    assert "c-10" in str(pieces.value)
