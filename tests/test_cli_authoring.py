"""`quizapp deck new|draft|import|export|edit|review` end to end on files in tmp_path."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest

from quizapp.authoring import import_apkg
from quizapp.cli.main import main
from quizapp.decks.library import load_deck
from quizapp.decks.models import Deck
from quizapp.decks.schema import validate

FIXTURE = Path(__file__).parent / "fixtures" / "authoring" / "commented.toml"
DOC = """\
# Treaty history

The Consular Convention was signed on 16 October 2015 in Moscow by both foreign ministers.
Trade between the two countries grew by 45% in 2019, according to the ministry of commerce.

## Energy

In 1961 the two countries signed an oil exploration agreement in Karachi.
It is nice. This sentence has no fact in it at all, so it is skipped.
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main(["deck", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_new_writes_a_deck_that_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "new", "World Capitals")
    assert code == 0 and "world-capitals.toml" in out
    deck = load_deck(tmp_path / "world-capitals.toml").deck
    assert deck.deck.id == "world-capitals" and deck.deck.title == "World Capitals" and len(deck.notes) == 1
    assert run(capsys, "validate", "world-capitals.toml")[0] == 0

    code, _, err = run(capsys, "new", "World Capitals")
    assert code == 1 and "world-capitals.toml already exists" in err
    code, _, _ = run(capsys, "new", "Other", "--out", tmp_path / "elsewhere.toml")
    assert code == 0 and load_deck(tmp_path / "elsewhere.toml").id == "other"


def test_draft_a_small_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "treaties.md"
    doc.write_text(DOC)
    out_path = tmp_path / "treaties.toml"
    code, out, _ = run(capsys, "draft", doc, "--out", out_path, "--title", "Treaties")
    assert code == 0
    assert "2 sections, 2 paragraphs, 5 sentences" in out and "4 draft notes" in out
    deck = load_deck(out_path).deck
    assert deck.deck.id == "treaties" and deck.deck.title == "Treaties"
    assert [n.id for n in deck.notes] == [f"treaties-000{i}" for i in range(1, 5)]  # 45% and 2019: a note each
    assert all(n.draft for n in deck.notes)
    assert out_path.read_text().startswith("# Drafted by `quizapp deck draft`")

    code, _, err = run(capsys, "draft", doc, "--out", out_path)
    assert code == 1 and "already exists" in err
    code, _, _ = run(capsys, "draft", doc, "--out", out_path, "--deck-id", "t2", "--id-prefix", "tr", "--force")
    assert code == 0 and load_deck(out_path).deck.notes[0].id == "tr-0001"


def test_draft_an_epub_without_headings_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    doc = tmp_path / "plain.epub"
    opf = (
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/>'
        '<manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest>'
        '<spine><itemref idref="c"/></spine></package>'
    )
    body = "".join(f"<p>{s}</p>" for s in DOC.replace("#", "").split("\n\n") if s.strip())
    with zipfile.ZipFile(doc, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip")
        zf.writestr(
            "META-INF/container.xml",
            '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        zf.writestr("OEBPS/content.opf", opf)
        zf.writestr("OEBPS/c.xhtml", f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html>')
    code, out, _ = run(capsys, "draft", doc, "--out", tmp_path / "plain.toml")
    assert code == 0
    assert f"{doc}: no headings (read as one section), " in out
    assert "0 sections" not in out


def test_import_a_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cards = tmp_path / "cards.csv"
    cards.write_text("front,back,tags\nCapital of France,Paris,geo\n2+2,,math\nCapital of Peru,Lima,geo\n")
    out_path = tmp_path / "geo.toml"
    code, _, err = run(capsys, "import", cards, "--out", out_path)
    assert code == 1 and "cards.csv: row 2" in err and "back is empty" in err and not out_path.exists()

    code, out, _ = run(capsys, "import", cards, "--out", out_path, "--skip-empty", "--title", "Geography")
    assert code == 0 and "2 notes" in out
    deck = load_deck(out_path).deck
    assert [n.id for n in deck.notes] == ["geo-0001", "geo-0002"]
    assert deck.deck.title == "Geography" and deck.notes[1].basic and deck.notes[1].basic.back == "Lima"


def test_import_with_quizlet_separators(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cards = tmp_path / "quizlet.txt"
    cards.write_text("a - alpha;b - beta;")
    out_path = tmp_path / "greek.toml"
    code, _, _ = run(capsys, "import", cards, "--out", out_path, "--delimiter", " - ", "--row-delimiter", ";")
    assert code == 0
    assert [(n.basic.front, n.basic.back) for n in load_deck(out_path).deck.notes if n.basic] == [
        ("a", "alpha"),
        ("b", "beta"),
    ]


@pytest.mark.parametrize("fmt", ["csv", "json", "apkg"])
def test_export(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    out_path = tmp_path / f"capitals.{fmt}"
    code, out, _ = run(capsys, "export", FIXTURE, "--format", fmt, "--out", out_path)
    assert code == 0 and "2 notes" in out and "1 draft note left out" in out
    if fmt == "csv":
        with out_path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        assert rows[0] == ["front", "back", "tags"] and rows[1][2] == "europe" and len(rows) == 3
    elif fmt == "json":
        deck = validate(Deck, json.loads(out_path.read_text("utf-8")))
        assert [n.id for n in deck.notes] == ["cap-0001", "cap-0003"]
    else:
        assert "collection.anki2" in zipfile.ZipFile(out_path).namelist()
        assert len(import_apkg(out_path, deck_id="x", title="x").notes) == 2


def test_export_with_drafts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "all.json"
    assert run(capsys, "export", FIXTURE, "--format", "json", "--out", out_path, "--include-drafts")[0] == 0
    assert len(json.loads(out_path.read_text())["notes"]) == 3


def test_bad_inputs_exit_1_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    text = FIXTURE.read_text().replace('date = "1868"', 'date = "1868-13"')
    bad.write_text(text.replace('quote = "Rome, capital of Italy"\n', ""))
    code, _, err = run(capsys, "export", bad, "--format", "csv", "--out", tmp_path / "x.csv")
    assert code == 1 and not (tmp_path / "x.csv").exists()
    assert "bad.toml:" in err and "month in '1868-13' is out of range" in err
    assert "notes[1].quote: required field is missing" in err
    assert "2 problems in" in err

    code, _, err = run(capsys, "edit", bad)
    assert code == 1 and "bad.toml:" in err and "2 problems" in err
    code, _, err = run(capsys, "review", tmp_path / "missing.toml")
    assert code == 1 and "missing.toml" in err

    latin1 = tmp_path / "latin.csv"
    latin1.write_bytes("caf\xe9,coffee\n".encode("latin-1"))
    code, _, err = run(capsys, "import", latin1, "--out", tmp_path / "l.toml")
    assert code == 1 and "latin.csv: not valid UTF-8 at byte 3" in err

    code, _, err = run(capsys, "import", tmp_path / "nope.apkg", "--out", tmp_path / "n.toml")
    assert code == 1 and "nope.apkg: no such file" in err
    not_zip = tmp_path / "old.apkg"
    not_zip.write_text("hello")
    code, _, err = run(capsys, "import", not_zip, "--out", tmp_path / "n.toml")
    assert code == 1 and "old.apkg: not a zip archive" in err

    code, _, err = run(capsys, "draft", tmp_path / "nodoc.md", "--out", tmp_path / "d.toml")
    assert code == 1 and "nodoc.md: no such file" in err
    empty = tmp_path / "empty.md"
    empty.write_text("Hello there.\n")
    code, _, err = run(capsys, "draft", empty, "--out", tmp_path / "d.toml")
    assert code == 1 and "empty.md: no sentence with a fact" in err and not (tmp_path / "d.toml").exists()

    code, _, err = run(capsys, "draft", empty, "--out", tmp_path / "d.toml", "--deck-id", "Bad Id")
    assert code == 1 and "deck id 'Bad Id'" in err
    code, _, err = run(capsys, "export", FIXTURE, "--format", "csv", "--out", tmp_path / "no" / "x.csv")
    assert code == 1 and "no such folder" in err


def test_edit_and_review_open_the_tui(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from quizapp.tui import authoring_app

    opened: list[tuple[Path, str, str]] = []

    def fake_run(self: authoring_app.AuthoringApp) -> None:
        opened.append((self.config.path, self.config.mode, self.config.loaded.id))

    monkeypatch.setattr(authoring_app.AuthoringApp, "run", fake_run)
    assert run(capsys, "edit", FIXTURE)[0] == 0
    assert run(capsys, "review", FIXTURE)[0] == 0
    assert opened == [(FIXTURE, "edit", "capitals"), (FIXTURE, "review", "capitals")]

    no_drafts = tmp_path / "checked.toml"
    no_drafts.write_text(FIXTURE.read_text().replace("draft = true\n", ""))
    code, out, _ = run(capsys, "review", no_drafts)
    assert code == 0 and "no draft notes to review" in out and len(opened) == 2


def test_cli_module_stays_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, quizapp.cli.main as c; c.build_parser(); "
        "print('pydantic' in sys.modules, 'textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
