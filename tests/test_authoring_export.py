"""Exports (CSV, JSON, Anki) and their round trips through the importers."""

from __future__ import annotations

import json
import sqlite3
import tomllib
import zipfile
from pathlib import Path

import pytest

from quizapp.authoring.exporters import export_apkg, export_csv, export_json, note_sides
from quizapp.authoring.importers import ImportProblem, import_apkg, import_delimited
from quizapp.authoring.tomltext import deck_to_toml
from quizapp.decks.models import Deck
from quizapp.decks.schema import validate

DECK_TOML = """
format = 1
[deck]
id = "round-trip"
title = "Round trip"
[[sources]]
id = "src"
title = "Source"
[[notes]]
id = "n-basic"
statement = "Paris is the capital of France."
source = "src"
locator = "p1"
quote = "Paris is the capital"
tags = ["geo", "europe"]
basic = { front = "Capital of France?", back = "Paris" }
[[notes]]
id = "n-reverse"
statement = "a < b & c"
source = "src"
locator = "p2"
quote = "a < b"
basic = { front = "Symbols <b>not</b> markup & \\"quotes\\"", back = "Line one\\nline two", reverse = true }
[[notes]]
id = "n-cloze"
statement = "Relations were established in 1948."
source = "src"
locator = "p3"
quote = "established in 1948"
cloze = { text = "Relations were established in {{c1::1948}}." }
[[notes]]
id = "n-typed"
statement = "The answer is 42."
source = "src"
locator = "p4"
quote = "42"
typed = { prompt = "What is the answer?", answer = "42" }
[[notes]]
id = "n-choice"
statement = "Blue is a colour."
source = "src"
locator = "p5"
quote = "blue"
choice = { prompt = "Which is a colour?", answer = "Blue", distractors = ["Dog"] }
[[notes]]
id = "n-tf"
statement = "Water boils at 100 C at sea level."
source = "src"
locator = "p6"
quote = "100 C"
truefalse = { false = "Water boils at 50 C at sea level.", correction = "It boils at 100 C." }
"""


@pytest.fixture
def deck() -> Deck:
    return validate(Deck, tomllib.loads(DECK_TOML))


def _sides(deck: Deck) -> list[tuple[str, str]]:
    return [note_sides(n) for n in deck.notes]


def test_csv_round_trip(deck: Deck, tmp_path: Path) -> None:
    export_csv(deck, tmp_path / "out.csv")
    back = import_delimited(tmp_path / "out.csv", deck_id="again", title="Again")
    assert _sides(back) == _sides(deck)
    assert back.notes[0].tags == ("geo", "europe")
    cloze = back.notes[2].basic  # a cloze note goes out as its sentence with a blank, and its answer
    assert (cloze.front, cloze.back) == ("Relations were established in _____.", "1948")


def test_json_is_the_deck(deck: Deck, tmp_path: Path) -> None:
    export_json(deck, tmp_path / "out.json")
    assert validate(Deck, json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))) == deck


def test_toml_round_trip(deck: Deck) -> None:
    assert validate(Deck, tomllib.loads(deck_to_toml(deck, header="hello"))) == deck


def _collection(path: Path, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        zf.extract("collection.anki2", tmp_path)
    return sqlite3.connect(tmp_path / "collection.anki2")


def test_apkg_is_a_valid_package(deck: Deck, tmp_path: Path) -> None:
    export_apkg(deck, tmp_path / "a.apkg", timestamp=1_700_000_000)
    export_apkg(deck, tmp_path / "b.apkg", timestamp=1_800_000_000)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = _collection(tmp_path / "a.apkg", tmp_path / "a"), _collection(tmp_path / "b.apkg", tmp_path / "b")
    assert a.execute("SELECT count(*) FROM notes").fetchone()[0] == len(deck.notes)
    assert a.execute("SELECT count(*) FROM cards").fetchone()[0] == len(deck.notes) + 1  # one reversed card
    guids = "SELECT guid FROM notes ORDER BY id"
    assert a.execute(guids).fetchall() == b.execute(guids).fetchall()  # re-export updates, never duplicates
    models_a = json.loads(a.execute("SELECT models FROM col").fetchone()[0])
    models_b = json.loads(b.execute("SELECT models FROM col").fetchone()[0])
    assert sorted(models_a) == sorted(models_b) and len(models_a) == 3
    assert "&lt;b&gt;not&lt;/b&gt;" in a.execute("SELECT flds FROM notes").fetchall()[1][0]
    a.close()
    b.close()


def test_apkg_round_trip(deck: Deck, tmp_path: Path) -> None:
    export_apkg(deck, tmp_path / "deck.apkg")
    back = import_apkg(tmp_path / "deck.apkg", deck_id="again", title="Again")
    assert _sides(back) == _sides(deck)
    assert [n.basic.reverse for n in back.notes if n.basic] == [False, True, False, False, False]
    assert back.notes[2].cloze and back.notes[2].cloze.text == deck.notes[2].cloze.text
    assert back.notes[0].tags == ("geo", "europe") and back.notes[0].locator == "note 1"
    assert back.sources[0].id == "deck" and back.notes[1].quote == "Line one\nline two"


def test_newer_anki_schema_is_read(tmp_path: Path) -> None:
    db = tmp_path / "collection.anki21"
    con = sqlite3.connect(db)
    con.executescript(
        "CREATE TABLE col (models TEXT); INSERT INTO col VALUES ('');"
        "CREATE TABLE notetypes (id INTEGER, name TEXT); CREATE TABLE templates (ntid INTEGER, config BLOB);"
        "CREATE TABLE notes (id INTEGER, mid INTEGER, tags TEXT, flds TEXT);"
        "INSERT INTO notetypes VALUES (1, 'Basic (and reversed card)'), (2, 'Lückentext');"
        "INSERT INTO templates VALUES (1, x'00'), (1, x'00'), (2, CAST('{{cloze:Text}}' AS BLOB));"
    )
    con.executemany(
        "INSERT INTO notes VALUES (?, ?, ?, ?)",
        [(10, 1, " a b ", "<div>Front</div>\x1fBack &amp; more"), (11, 2, "", "{{c1::Berlin}} is big\x1f")],
    )
    con.commit()
    con.close()
    with zipfile.ZipFile(tmp_path / "new.apkg", "w") as zf:
        zf.write(db, "collection.anki21")
    deck = import_apkg(tmp_path / "new.apkg", deck_id="x", title="X")
    first, second = deck.notes
    assert (first.basic.front, first.basic.back, first.basic.reverse, first.tags) == (
        "Front",
        "Back & more",
        True,
        ("a", "b"),
    )
    assert second.cloze.text == "{{c1::Berlin}} is big" and second.quote == "Berlin is big"


def _zip(tmp_path: Path, members: dict[str, bytes]) -> Path:
    path = tmp_path / "x.apkg"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_bad_packages(deck: Deck, tmp_path: Path) -> None:
    def fails(path: Path, message: str, **kw: int) -> None:
        with pytest.raises(ImportProblem, match=message) as info:
            import_apkg(path, deck_id="x", title="X", **kw)
        assert str(info.value).startswith(str(path))

    broken = tmp_path / "broken.apkg"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    fails(broken, "not a zip archive")
    fails(_zip(tmp_path, {"hello.txt": b"hi"}), "not an Anki package")
    fails(_zip(tmp_path, {"collection.anki21b": b"zstd", "collection.anki2": b""}), "cannot unpack collection.anki21b")
    fails(_zip(tmp_path, {"collection.anki2": b"not sqlite" * 100}), "not a readable Anki collection")
    fails(_zip(tmp_path, {"collection.anki2": b"\0" * 5000}), "unpacks to more than", max_bytes=4000)
    export_apkg(deck, tmp_path / "big.apkg")
    fails(tmp_path / "big.apkg", "over the import limit", max_bytes=100)
    data = bytearray((tmp_path / "big.apkg").read_bytes())
    data[200:260] = bytes(60)  # damage the compressed collection
    (tmp_path / "damaged.apkg").write_bytes(bytes(data))
    fails(tmp_path / "damaged.apkg", "the zip is broken|not a readable Anki collection")
