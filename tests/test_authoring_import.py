"""Importing CSV/TSV, Quizlet and Anki plain-text files, and the messages for bad files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from quizapp.authoring.importers import ImportProblem, import_delimited, import_file
from quizapp.decks.models import Deck


def _write(tmp_path: Path, content: str | bytes, name: str = "cards.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _imp(path: Path, **kw: object) -> Deck:
    return import_delimited(path, deck_id="imported", title="Imported", **kw)  # type: ignore[arg-type]


def _sides(deck: Deck) -> list[tuple[str, str]]:
    return [(n.basic.front, n.basic.back) if n.basic else (n.cloze.text, "") for n in deck.notes]


def test_csv_with_header_and_tags(tmp_path: Path) -> None:
    path = _write(tmp_path, 'front,back,tags\nCapital of France,Paris,geo europe\n"A, quoted","multi\nline",\n')
    deck = _imp(path)
    assert _sides(deck) == [("Capital of France", "Paris"), ("A, quoted", "multi\nline")]
    first = deck.notes[0]
    assert first.id == "imp-0001" and first.tags == ("geo", "europe") and first.locator == "row 1"
    assert first.quote == "Paris" and first.source == "cards" and deck.sources[0].kind == "document"
    assert deck.deck.id == "imported" and deck.notes[1].id == "imp-0002"


@pytest.mark.parametrize("sep", ["\t", ";", "|", ","])
def test_delimiter_is_sniffed(tmp_path: Path, sep: str) -> None:
    path = _write(tmp_path, f"one{sep}1\r\ntwo, too{sep}2\r\n" if sep != "," else "one,1\ntwo,2\n")
    assert [b for _, b in _sides(_imp(path))] == ["1", "2"]


def test_quizlet_default_and_custom_separators(tmp_path: Path) -> None:
    assert len(_imp(_write(tmp_path, "term one\tdefinition, with comma\nterm two\tdef two\n")).notes) == 2
    deck = _imp(_write(tmp_path, "a - alpha;b - beta;", "q.txt"), delimiter=" - ", row_delimiter=";")
    assert _sides(deck) == [("a", "alpha"), ("b", "beta")]


def test_anki_plain_text_headers(tmp_path: Path) -> None:
    text = "#separator:tab\n#html:true\n#tags column:3\nFront <b>bold</b>\tBack&nbsp;&amp; more<br>line\tt1 t2\n"
    note = _imp(_write(tmp_path, text, "anki.txt")).notes[0]
    assert (note.basic.front, note.basic.back, note.tags) == ("Front bold", "Back & more\nline", ("t1", "t2"))


def test_anki_meta_columns_and_cloze(tmp_path: Path) -> None:
    text = (
        "#separator:Pipe\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"
        "g1|Basic|Default|Question|Answer|tag\n"
        "g2|Cloze|Default|{{c1::Paris}} is the capital of France.||\n"
    )
    deck = _imp(_write(tmp_path, text, "anki.txt"))
    assert (deck.notes[0].basic.front, deck.notes[0].basic.back) == ("Question", "Answer")
    cloze = deck.notes[1]
    assert cloze.cloze.text == "{{c1::Paris}} is the capital of France." and cloze.basic is None
    assert cloze.statement == "Paris is the capital of France."


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = _write(tmp_path, codecs.BOM_UTF16_LE + "front\tback\nÄ\tä\n".encode("utf-16-le"), "excel.txt")
    assert _sides(_imp(path)) == [("Ä", "ä")]


def test_import_file_dispatches_on_suffix(tmp_path: Path) -> None:
    assert len(import_file(_write(tmp_path, "a,b\n"), deck_id="x", title="X").notes) == 1
    with pytest.raises(ImportProblem, match="not a zip archive"):
        import_file(_write(tmp_path, "a,b\n", "fake.apkg"), deck_id="x", title="X")


def test_id_prefix(tmp_path: Path) -> None:
    assert _imp(_write(tmp_path, "a,b\n"), id_prefix="geo").notes[0].id == "geo-0001"
    with pytest.raises(ImportProblem, match="id prefix"):
        _imp(_write(tmp_path, "a,b\n"), id_prefix="Bad Prefix")


def test_skip_empty(tmp_path: Path) -> None:
    path = _write(tmp_path, "a,b\nc,\n,d\ne,f\n")
    with pytest.raises(ImportProblem, match=r"cards\.csv: row 2 \(line 2\): the back is empty"):
        _imp(path)
    assert _sides(_imp(path, skip_empty=True)) == [("a", "b"), ("e", "f")]


BAD = [
    ("wrong delimiter", "a\tb\nc\td\n", {"delimiter": ","}, r"row 1 \(line 1\): found 1 column,.*comma"),
    ("no delimiter", "just words\nmore words\n", {}, "cannot tell the delimiter"),
    ("missing column", "a,b\nc,d\ne\n", {}, r"row 3 \(line 3\): found 1 column"),
    ("invalid utf-8", b"front,back\nok,fine\nbad,\xff x\n", {}, r"not valid UTF-8 at byte 23 \(line 3\)"),
    ("too large", "a,b\n" * 10, {"max_bytes": 10}, "over the import limit"),
    ("empty", "", {}, "cannot tell the delimiter"),
    ("only header", "front,back\n", {}, "no cards to import"),
    ("too long", "a," + "b" * 4001 + "\n", {}, r"row 1 \(line 1\): back: String should have at most 4000"),
]


@pytest.mark.parametrize(("case", "content", "options", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_files(tmp_path: Path, case: str, content: str | bytes, options: dict, message: str) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(ImportProblem, match=message) as info:
        _imp(path, **options)
    assert str(info.value).startswith(str(path))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="no such file"):
        _imp(tmp_path / "nope.csv")
    with pytest.raises(ImportProblem, match="not a regular file"):
        _imp(tmp_path)
