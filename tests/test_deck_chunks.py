"""A deck is parsed in chunks cut at its `[[notes]]` lines: exactly what parsing it whole gives, or it is read whole."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quizapp.decks import library
from quizapp.decks.library import SCHEMA, DeckError, parse_deck
from quizapp.files import tomlread
from quizapp.files.tomlcheck import check

HEAD = 'format = 1\n[deck]\nid = "d"\ntitle = "D"\n[[sources]]\nid = "s"\ntitle = "S"\n'


def note(i: int, header: str = "[[notes]]", extra: str = "") -> str:
    return (
        f'{header}\nid = "n-{i}"\nstatement = "Fact {i}."\nsource = "s"\nlocator = "p {i}"\nquote = "fact {i}"\n'
        f'cloze = {{ text = "Fact {{{{c1::{i}}}}}." }}\n{extra}'
    )


def deck_text(n: int, extra: dict[int, str] | None = None, header: str = "[[notes]]") -> str:
    return "\n".join([HEAD, *(note(i, header, (extra or {}).get(i, "")) for i in range(n))])


def typed(value: Any) -> Any:
    """`value` with the type of every scalar in it, so that 1, 1.0 and True differ."""
    if type(value) is dict:
        return {k: typed(v) for k, v in value.items()}
    if type(value) is list:
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def read_in_chunks(text: str, size: int) -> str:
    """How array_chunks reads `text`: "whole" (not cut), "declined" (raised while read) or "chunks", and then
    asserts that head and chunks are exactly the whole parse; a text the whole parse refuses is always declined."""
    try:
        want: dict | None = tomlread.loads(text)
    except Exception:
        want = None
    chunks = tomlread.array_chunks(text, "notes", size)
    if chunks is None:
        return "whole"
    try:
        head = next(chunks)
        tables = [t for part in chunks for t in part]
    except Exception:
        return "declined"
    assert want is not None, "the chunks parsed where the whole text does not"
    assert typed(head) == typed({k: v for k, v in want.items() if k != "notes"})
    assert list(head) == [k for k in want if k != "notes"]
    assert typed(tables) == typed(want["notes"])
    return "chunks"


def deck_result(raw: bytes) -> tuple[str, Any]:
    """What a deck file gives: its deck, or its problems as messages."""
    try:
        return "deck", parse_deck(raw, "deck.toml").deck
    except DeckError as e:
        return "problems", [str(p) for p in e.problems]


def whole_result(raw: bytes) -> tuple[str, Any]:
    try:
        return "deck", check(raw, "deck.toml", SCHEMA, DeckError)
    except DeckError as e:
        return "problems", [str(p) for p in e.problems]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of one note (a text with multi-line strings too), so that small texts are cut at every header."""
    monkeypatch.setattr(library, "PIECE_CHARS", 1)
    monkeypatch.setattr(library, "BIG_PIECE_CHARS", 1)


def no_whole_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tomlread, "loads", lambda *a, **k: pytest.fail("parsed whole, not in chunks"))


# -- where a text is cut ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "cut"),
    [
        ("[[notes]]", True),
        ("[[notes]]   ", True),
        ("[[notes]]\t# the next note", True),
        ("[[notes]]#", True),
        ("[[notes]]\r", True),  # a CRLF line end
        ("[[ notes ]]", False),  # valid TOML, but not the line a cut is made at
        ("  [[notes]]", False),
        ("[[notes]]x", False),
        ("[[notes]]]", False),
        ("[[notes.more]]", False),
        ("[notes]", False),
        ("[[notesx]]", False),
        ("notes = [{ a = 1 }]", False),
    ],
)
def test_a_text_is_cut_only_at_lines_that_are_a_notes_header(line: str, cut: bool) -> None:
    text = f"a = 1\n[[notes]]\nb = 2\n{line}\nc = 3\n"
    at = text.index(line, text.index("b = 2"))
    assert tomlread.array_cuts(text, "notes", 1) == ([6, at] if cut else [6])


def test_a_cut_comes_at_the_first_header_size_characters_or_more_after_the_last() -> None:
    text = deck_text(30)
    starts = [i + 1 for i in range(len(text)) if text.startswith("\n[[notes]]\n", i)]
    assert tomlread.array_cuts(text, "notes", 1) == starts
    cuts = tomlread.array_cuts(text, "notes", 1000)
    assert cuts[0] == starts[0] and 1 < len(cuts) < len(starts)
    for a, b in zip(cuts, cuts[1:], strict=False):
        assert b == min(s for s in starts if s - 1 >= a + 1000)
    assert not [s for s in starts if s - 1 >= cuts[-1] + 1000]


def test_a_text_under_two_chunks_or_without_a_notes_line_is_not_cut() -> None:
    assert tomlread.array_chunks(deck_text(2), "notes", 10**6) is None
    assert tomlread.array_chunks(HEAD * 50, "notes", 10) is None


# -- what the chunks mean ---------------------------------------------------------------------------------------------
def test_a_valid_deck_is_read_in_chunks_as_the_whole(monkeypatch: pytest.MonkeyPatch, small_chunks: None) -> None:
    raw = deck_text(12).encode()
    want = whole_result(raw)
    no_whole_parse(monkeypatch)
    assert deck_result(raw) == want
    assert want[0] == "deck" and len(want[1].notes) == 12


@pytest.mark.parametrize("header", ["[[notes]]  ", "[[notes]] # next", "[[notes]]\t#\t"])
def test_headers_with_spaces_or_a_comment_are_cuts(header: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library, "PIECE_CHARS", 1)
    raw = deck_text(9, header=header).encode()
    want = whole_result(raw)
    no_whole_parse(monkeypatch)
    assert deck_result(raw) == want


def test_a_deck_with_crlf_lines_is_read_in_chunks(monkeypatch: pytest.MonkeyPatch, small_chunks: None) -> None:
    raw = deck_text(9).replace("\n", "\r\n").encode()
    want = whole_result(raw)
    no_whole_parse(monkeypatch)
    assert deck_result(raw) == want


def test_a_notes_line_inside_a_multiline_string_is_no_cut(small_chunks: None) -> None:
    # the explanation holds a line that reads exactly like a note header: the chunk before it ends in the string
    text = deck_text(6, {2: 'explanation = """\nfirst\n[[notes]]\nlast"""\n'})
    assert read_in_chunks(text, 1) == "declined"
    deck = parse_deck(text.encode(), "deck.toml").deck
    assert deck == whole_result(text.encode())[1]
    assert deck.notes[2].explanation == "first\n[[notes]]\nlast"
    literal = deck_text(6, {2: "explanation = '''\n[[notes]]\n'''\n"})  # a literal multi-line string
    assert read_in_chunks(literal, 1) == "declined"


def test_a_notes_line_inside_a_multiline_array_is_no_cut() -> None:
    text = deck_text(4, {1: 'tags = [\n"y",\n'})  # the array goes on into the next note's header
    assert read_in_chunks(text, 1) == "declined"


def test_a_text_with_multiline_strings_is_cut_only_in_big_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []
    chunks = tomlread.array_chunks
    monkeypatch.setattr(tomlread, "array_chunks", lambda text, key, size: sizes.append(size) or chunks(text, key, size))
    parse_deck(deck_text(3).encode(), "deck.toml")
    parse_deck(deck_text(3, {1: 'explanation = """x"""\n'}).encode(), "deck.toml")
    parse_deck(deck_text(3, {1: "explanation = '''x'''\n"}).encode(), "deck.toml")
    assert sizes == [library.PIECE_CHARS, library.BIG_PIECE_CHARS, library.BIG_PIECE_CHARS]
    assert library.PIECE_CHARS < library.BIG_PIECE_CHARS


@pytest.mark.parametrize(
    ("extra", "valid"),
    [
        ('[sources]\nid = "s2"\n', False),  # `sources` was an array of tables: the whole text refuses it
        ('[[sources]]\nid = "s2"\ntitle = "S2"\n', True),  # legal: a source after the notes
        ('[deck]\nid = "again"\ntitle = "Again"\n', False),  # [deck] defined twice
        ('[meta]\nby = "me"\n', False),  # a table of its own: legal TOML, an unknown field of the deck
        ('id = "twice"\n', False),  # a key given twice in one note
        ("[notes]\n", False),  # notes, an array of tables, redefined as a table
    ],
)
def test_a_chunk_holding_more_than_notes_is_read_whole(extra: str, valid: bool, small_chunks: None) -> None:
    text = deck_text(8, {4: extra})
    assert read_in_chunks(text, 1) == "declined"
    raw = text.encode()
    want = whole_result(raw)
    assert deck_result(raw) == want
    assert want[0] == ("deck" if valid else "problems")
    if valid:
        assert [s.id for s in want[1].sources] == ["s", "s2"]


def test_a_head_holding_a_note_is_read_whole(small_chunks: None) -> None:
    text = deck_text(5).replace("[[notes]]", "[[ notes ]]", 1)  # the first note's header is not a cut
    assert read_in_chunks(text, 1) == "declined"
    deck = parse_deck(text.encode(), "deck.toml").deck
    assert [n.id for n in deck.notes] == [f"n-{i}" for i in range(5)]
    assert deck == whole_result(text.encode())[1]


def test_problems_in_later_chunks_are_the_whole_files(small_chunks: None) -> None:
    text = deck_text(9, {7: "tags = 3\n"}).replace('id = "n-8"', 'id = "n-2"')  # a bad field; a repeated id
    got = deck_result(text.encode())
    assert got == whole_result(text.encode())
    assert got[0] == "problems" and len(got[1]) == 2
    assert all(int(p.split(":")[1]) > 40 for p in got[1])


def test_the_head_is_validated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from quizapp.decks import plain

    sources = "".join(f'[[sources]]\nid = "s{i}"\ntitle = "S{i}"\n' for i in range(30))
    raw = deck_text(40).replace("[[notes]]", sources + "[[notes]]", 1).encode()
    monkeypatch.setattr(library, "PIECE_CHARS", 1)
    given: list[tuple[bool, int]] = []
    build = plain.build
    monkeypatch.setattr(
        plain,
        "build",
        lambda cls, data: given.append(("sources" in data, len(data.get("notes", ())))) or build(cls, data),
    )
    deck = parse_deck(raw, "deck.toml").deck
    assert len(deck.sources) == 31 and [n.id for n in deck.notes] == [f"n-{i}" for i in range(40)]
    assert given == [(True, 0)] + [(False, 1)] * 40  # the head with its 31 sources, then each chunk's note


# -- any text: generated lines, then valid decks mutated ---------------------------------------------------------------
HEADERS = ["[[notes]]", "[[notes]]  ", "[[notes]] # n", "[[ notes ]]", "[[notes]]x", "[[notes.more]]", "[notes]"]
BODY = [  # a key each
    "x = 1",
    "y = true",
    'k = "[[notes]]"',
    "z = 1979-05-27",
    "w = 07:32:00",
    "v = 1979-05-27T07:32:00Z",
    "t = { a = 1 }",
    "u = [1, 2]",
]
LINES = [
    *BODY,
    "x = 2.0",
    'y = "[[notes]]"',
    "u = [",
    "]",
    '"""',
    "s = '''",
    "'''",
    's = """',
    "# a comment",
    "",
    "[notes.sub]",
    "notes = [{ a = 1 }]",
    "notes.x = 1",
    "[deck]",
    "[sources]",
    "[[sources]]",
    "[[notes]]",
]
_LINE = st.one_of(st.sampled_from(LINES), st.sampled_from(HEADERS))
_BLOCK = st.tuples(st.sampled_from(HEADERS), st.lists(st.sampled_from(LINES[:10]), max_size=3))
_VALID_BLOCK = st.tuples(st.sampled_from(HEADERS[:3]), st.lists(st.sampled_from(BODY), max_size=3, unique=True))


def _text(head: list[str], blocks: list[tuple[str, list[str]]], noise: list[tuple[int, str]], crlf: bool) -> str:
    lines = list(head)
    for header, body in blocks:
        lines += [header, *body]
    for at, line in noise:
        lines.insert(at % (len(lines) + 1), line)
    return ("\r\n" if crlf else "\n").join(lines) + "\n"


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(
    head=st.lists(st.sampled_from(['a = "h"', "[deck]", 'id = "d"', "[tbl]", "k = 1"]), max_size=4, unique=True),
    blocks=st.lists(st.one_of(_VALID_BLOCK, _BLOCK), min_size=1, max_size=8),
    noise=st.lists(st.tuples(st.integers(0, 40), _LINE), max_size=3),
    crlf=st.booleans(),
    size=st.integers(1, 80),
)
@example(head=[], blocks=[("[[notes]]", ["x = 1"])] * 3, noise=[(2, 's = """'), (5, '"""')], crlf=False, size=1)
def test_generated_texts_read_in_chunks_as_whole_or_decline(
    head: list[str], blocks: list[tuple[str, list[str]]], noise: list[tuple[int, str]], crlf: bool, size: int
) -> None:
    read_in_chunks(_text(head, blocks, noise, crlf), size)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(
    blocks=st.lists(_VALID_BLOCK, min_size=2, max_size=8),
    head=st.lists(st.sampled_from(['a = "h"', "[deck]", 'id = "d"']), min_size=1, max_size=3, unique=True),
    size=st.integers(1, 80),
)
def test_texts_of_notes_alone_are_read_in_chunks(head: list[str], blocks: list, size: int) -> None:
    # what a deck file holds: a head, then notes under lines that are `[[notes]]` (spaces, a comment after it); a
    # text that begins with a note has none of its head: read whole
    text = _text(head, blocks, [], False)
    assert read_in_chunks(text, size) in ("chunks", "whole")
    assert read_in_chunks(text, 1) == "chunks"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data(), n=st.integers(2, 6), size=st.sampled_from([1, 200, 600]))
@example(data=None, n=4, size=1)
def test_mutated_decks_load_as_the_whole_file_loads(data: st.DataObject | None, n: int, size: int) -> None:
    text = deck_text(n, {1: 'date = "1999-02"\nevent = "E"\n', 2: 'tags = ["a", "b"]\n'})
    if data is not None:
        lines = text.split("\n")
        at = data.draw(st.integers(0, len(text)))
        i, j = data.draw(st.integers(0, len(lines) - 1)), data.draw(st.integers(0, len(lines) - 1))
        piece = data.draw(st.sampled_from([*' \t\r\n#="[]{}.,x', '"""', "[[notes]]\n", "[sources]\n", 'id = "n-0"\n']))
        how = data.draw(st.sampled_from(["insert", "delete", "replace", "dup-line", "swap-lines"]))
        if how == "insert":
            text = text[:at] + piece + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + 1 :]
        elif how == "replace":
            text = text[:at] + piece + text[at + 1 :]
        elif how == "dup-line":
            text = "\n".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])
        else:
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    read_in_chunks(text, size)
    raw = text.encode()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(library, "PIECE_CHARS", size)
        mp.setattr(library, "BIG_PIECE_CHARS", size)
        got = deck_result(raw)
    assert got == whole_result(raw)


def test_scalars_keep_their_types() -> None:
    text = "a = 1\n" + "".join(f"[[notes]]\nx = {v}\n" for v in ["1", "1.0", "true", "1979-05-27", "07:32:00"])
    assert read_in_chunks(text, 1) == "chunks"
    values = [t["x"] for part in list(tomlread.array_chunks(text, "notes", 1) or [])[1:] for t in part]
    assert [type(v) for v in values] == [int, float, bool, date, time]
    assert not isinstance(values[3], datetime)
