"""What a new author or teacher meets first on the command line: a wrong path, a document given to `deck import`,
a deck of drafts only, a busy port. Each message names the file and says what to do."""

from __future__ import annotations

import csv
import shutil
import socket
import zipfile
from pathlib import Path

import pytest

from quizapp.classroom.live.codes import code_matches, codes_path, read_codes
from quizapp.cli.main import main

AUTHORING = Path(__file__).parent / "fixtures" / "authoring"
DRAFTS = AUTHORING / "drafts.toml"
CLASSROOM = Path(__file__).parent / "fixtures" / "classroom"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_a_missing_deck_says_so_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "deck", "validate", tmp_path / "missing.toml")
    assert code == 1
    assert "missing.toml: no such file or folder" in err
    assert "no deck files found" not in err  # the old second message, as if the folder held no decks


def test_a_folder_or_missing_deck_is_named_with_what_to_give(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for action in (["export"], ["review"], ["edit"]):
        extra = ["--format", "csv", "--out", str(tmp_path / "x.csv")] if action == ["export"] else []
        code, _, err = run(capsys, "deck", *action, tmp_path, *extra)
        assert code == 1
        assert f"{tmp_path}: a folder, not a deck file; give one DECK.toml" in err
        assert "Is a directory" not in err
        code, _, err = run(capsys, "deck", *action, tmp_path / "nope.toml", *extra)
        assert code == 1
        assert "nope.toml: no such file; check the name" in err
        assert "1:1: file:" not in err


def test_export_of_drafts_only_says_how_to_go_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "deck", "export", DRAFTS, "--format", "csv", "--out", tmp_path / "x.csv")
    assert code == 1 and not (tmp_path / "x.csv").exists()
    assert f"quizapp deck review {DRAFTS}" in err
    assert "--include-drafts" in err


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return path


def test_import_of_a_document_points_to_deck_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n")
    code, _, err = run(capsys, "deck", "import", pdf, "--out", tmp_path / "a.toml")
    assert code == 1
    assert f"{pdf}: a PDF document, not a list of cards" in err
    assert f"quizapp deck draft {pdf} --out DECK.toml" in err
    assert "UTF-8" not in err

    word = _docx(tmp_path / "notes.docx")
    code, _, err = run(capsys, "deck", "import", word, "--out", tmp_path / "b.toml")
    assert code == 1
    assert f"quizapp deck draft {word}" in err and "UTF-8" not in err
    assert not (tmp_path / "a.toml").exists() and not (tmp_path / "b.toml").exists()


def test_import_of_a_binary_or_misnamed_file_says_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blob = tmp_path / "cards.txt"
    blob.write_bytes(bytes(range(256)) * 4)
    code, _, err = run(capsys, "deck", "import", blob, "--out", tmp_path / "a.toml")
    assert code == 1
    assert f"{blob}: a binary file, not a list of cards" in err and "CSV/TSV" in err
    assert "UTF-8" not in err

    sheet = tmp_path / "kahoot.csv"
    with zipfile.ZipFile(sheet, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    code, _, err = run(capsys, "deck", "import", sheet, "--out", tmp_path / "a.toml")
    assert code == 1 and "a spreadsheet; a Kahoot quiz imports when its name ends in .xlsx" in err

    utf8 = tmp_path / "plain.csv"
    utf8.write_text("front,back\nbonjour,hello\n", encoding="utf-8")
    code, out, err = run(capsys, "deck", "import", utf8, "--out", tmp_path / "ok.toml")
    assert code == 0, err
    assert "wrote" in out


def _class(tmp_path: Path) -> Path:
    shutil.copy(CLASSROOM / "class.toml", tmp_path / "class.toml")
    return tmp_path / "class.toml"


def test_class_commands_on_a_missing_class_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "grade10.toml"
    for argv in (
        ["validate", missing],
        ["codes", missing],
        ["report", missing, "--session", "s", "--csv", tmp_path / "r.csv"],
        ["live", missing, "--session", "s"],
        ["take", missing, "--session", "s"],
    ):
        code, _, err = run(capsys, "class", *argv)
        assert code == 1
        assert f"{missing}: no such file; check the name, or start one with: quizapp class new {missing}" in err
        assert "1:1: file:" not in err
    code, _, err = run(capsys, "class", "validate", tmp_path)
    assert code == 1 and "a folder, not a class file" in err


def test_codes_in_the_csv_look_as_printed_and_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _class(tmp_path)
    out_csv = tmp_path / "codes.csv"
    code, _, _ = run(capsys, "class", "codes", path, "--csv", out_csv)
    assert code == 0
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    stored = read_codes(codes_path(path))
    assert rows and len(rows) == len(stored)
    for row in rows:
        assert len(row["code"]) == 7 and row["code"][3] == "-"  # K7M-Q2P, as `class codes` prints them
        assert code_matches(row["code"], stored[row["student"]])


def test_live_on_a_busy_port_is_refused_before_a_game_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _class(tmp_path)
    assert run(capsys, "class", "codes", path)[0] == 0
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        deck = CLASSROOM / "deck.toml"
        code, _, err = run(capsys, "--decks", deck, "class", "live", path, "--session", "week-1", "--port", port)
    assert code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in err and "try another --port" in err
    assert not (tmp_path / "class-results").exists()  # no empty game left for the next `class live` to resume


def test_the_readme_teacher_commands_work_on_a_new_class_file() -> None:
    """A new teacher runs `class new` and then copies the README's commands: their sessions and students exist."""
    import shlex

    from quizapp.classroom.loader import parse_class
    from quizapp.classroom.scaffold import class_template
    from quizapp.cli.main import build_parser

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("## For teachers") :]
    block = block[block.index("```sh\n") + 6 : block.index("```", block.index("```sh\n") + 6)]
    cf = parse_class(class_template("class.toml").encode("utf-8"), "class.toml")
    sessions, students = {s.name for s in cf.sessions}, {s.id for s in cf.students}
    commands = [shlex.split(line.split("#")[0])[1:] for line in block.splitlines() if line.startswith("quizapp ")]
    assert len(commands) >= 8
    for argv in commands:
        args = build_parser().parse_args(argv)
        assert getattr(args, "session", None) in (None, *sessions), argv
        assert getattr(args, "student", None) in (None, *students), argv


def test_global_options_work_after_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A teacher adds their own deck where the other options are: after the command."""
    path = _class(tmp_path)
    deck = CLASSROOM / "deck.toml"
    code, out, err = run(capsys, "class", "validate", path, "--decks", deck)
    assert code == 0, err
    assert out.startswith("ok: class")
    code, out, err = run(capsys, "class", "validate", path, f"--decks={deck}", "--home", tmp_path / "home")
    assert code == 0, err
    code, _, err = run(capsys, "class", "validate", path)  # the bundled decks lack the fixture's deck
    assert code == 1 and "unknown deck" in err


def test_hoisting_keeps_everything_else_in_place() -> None:
    from quizapp.cli.main import hoist_global_options

    assert hoist_global_options(["deck", "validate", "a.toml", "--decks", "d", "--learner=x"]) == [
        "--decks",
        "d",
        "--learner=x",
        "deck",
        "validate",
        "a.toml",
    ]
    quoted = ["serve", "quizapp --decks d class take c.toml --session s", "--host", "0.0.0.0"]
    assert hoist_global_options(quoted) == quoted  # a served command line is one argument, left alone
    assert hoist_global_options(["study", "--", "--home"]) == ["study", "--", "--home"]


def test_validate_says_where_decks_are_looked_for_and_that_drafts_are_not_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        'format = 1\n[class]\nname = "C"\n[[students]]\nid = "amy"\nname = "Amy"\n'
        '[[sessions]]\nname = "s1"\ndecks = ["drafts"]\nquestions = 2\nkinds = ["choice", "truefalse"]\n'
    )
    code, _, err = run(capsys, "--home", tmp_path / "home", "class", "validate", path)
    assert code == 1 and "unknown deck 'drafts'" in err
    assert f"hint: decks are looked for in the bundled decks and {tmp_path / 'home' / 'decks'}" in err
    assert "give your own deck files with --decks PATH" in err

    code, _, err = run(capsys, "class", "validate", path, "--decks", DRAFTS)
    assert code == 1 and "yields no questions" in err
    assert "hint: session 's1': 4 notes of drafts are drafts, never asked; " in err
    assert f"quizapp deck review {DRAFTS}" in err


def test_review_ends_saying_what_is_left_and_where_the_deck_must_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from quizapp.tui import authoring_app

    def accept_all(self: authoring_app.AuthoringApp) -> None:  # stands in for the reviewer pressing `a` on each
        path = self.config.path
        path.write_text(path.read_text(encoding="utf-8").replace("draft = true\n", ""), encoding="utf-8")

    home = tmp_path / "home"
    deck = tmp_path / "mine.toml"
    shutil.copy(DRAFTS, deck)
    monkeypatch.setattr(authoring_app.AuthoringApp, "run", lambda self: None)
    code, out, _ = run(capsys, "--home", home, "deck", "review", deck)
    assert code == 0
    assert f"{deck}: 4 notes, 4 still drafts (quizapp deck review {deck} goes on)" in out
    assert f"give --decks {deck} or move it into {home / 'decks'}" in out

    (home / "decks").mkdir(parents=True)
    inside = home / "decks" / "mine.toml"
    shutil.copy(DRAFTS, inside)
    monkeypatch.setattr(authoring_app.AuthoringApp, "run", accept_all)
    code, out, _ = run(capsys, "--home", home, "deck", "review", inside)
    assert code == 0
    assert f"{inside}: 4 notes, no drafts left; every decision is saved" in out
    assert "--decks" not in out  # it is already where quizapp finds decks


def test_draft_and_import_without_out_write_beside_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "src" / "Treaty Notes.md"
    doc.parent.mkdir()
    doc.write_text("# Treaties\n\nThe Consular Convention was signed on 16 October 2015 in Moscow.\n", encoding="utf-8")
    cards = tmp_path / "src" / "cards.csv"
    cards.write_text("bonjour,hello\nmerci,thank you\n", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, out, err = run(capsys, "deck", "draft", doc)
    assert code == 0, err
    assert "wrote treaty-notes.toml: 1 draft note" in out and (work / "treaty-notes.toml").is_file()
    code, _, err = run(capsys, "deck", "draft", doc)
    assert code == 1 and "treaty-notes.toml already exists; choose another --out (or --force" in err
    code, out, err = run(capsys, "deck", "import", cards)
    assert code == 0, err
    assert "wrote cards.toml: 2 notes" in out and (work / "cards.toml").is_file()


def test_live_on_an_address_this_computer_lacks_is_refused_before_a_game_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _class(tmp_path)
    assert run(capsys, "class", "codes", path)[0] == 0
    deck = CLASSROOM / "deck.toml"
    for host in ("203.0.113.7", "no-such-host.invalid"):  # a documentation-only address; a name that never resolves
        code, _, err = run(capsys, "--decks", deck, "class", "live", path, "--session", "week-1", "--host", host)
        assert code == 1
        assert "must be one of this computer's, or 0.0.0.0 for all of them" in err
        assert "another program" not in err
    assert not (tmp_path / "class-results").exists()
