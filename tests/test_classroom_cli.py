"""The `class` and `serve` commands: parsing, validation output, and what `serve` hands to textual-serve."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from quizapp.cli.main import build_parser, main

FIX = Path(__file__).parent / "fixtures" / "classroom"
DECK = FIX / "deck.toml"


class FakeServer:
    made: list[FakeServer] = []

    def __init__(
        self,
        command: str,
        host: str = "localhost",
        port: int = 8000,
        title: str | None = None,
        public_url: str | None = None,
    ):
        self.command, self.host, self.port, self.public_url = command, host, port, public_url
        FakeServer.made.append(self)

    def serve(self, debug: bool = False) -> None:
        self.served = True


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> type[FakeServer]:
    import textual_serve.server

    FakeServer.made = []
    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    return FakeServer


def test_commands_are_registered() -> None:
    p = build_parser()
    args = p.parse_args(["class", "take", "c.toml", "--session", "s", "--student", "amina"])
    assert callable(args.func) and args.student == "amina" and args.results is None
    args = p.parse_args(["serve"])
    assert callable(args.func) and args.host == "localhost" and args.port == 8000


def test_serve_defaults_to_localhost_and_this_quizapp(
    server: type[FakeServer], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--decks", str(DECK), "serve", "--port", "8123"]) == 0
    made = server.made[0]
    assert made.host == "localhost" and made.port == 8123 and made.served
    assert made.command.startswith(sys.executable) and "-m quizapp" in made.command and str(DECK) in made.command
    assert "warning" not in capsys.readouterr().err


def test_serve_a_given_command_on_the_network_warns(
    server: type[FakeServer], capsys: pytest.CaptureFixture[str]
) -> None:
    cmd = "quizapp class take room.toml --session week-1"
    assert main(["serve", cmd, "--host", "0.0.0.0", "--public-url", "http://room-pc:8000"]) == 0
    made = server.made[0]
    assert made.command == cmd and made.host == "0.0.0.0" and made.public_url == "http://room-pc:8000"
    assert "warning: serving on 0.0.0.0" in capsys.readouterr().err


def test_serve_rejects_bad_port(server: type[FakeServer]) -> None:
    assert main(["serve", "--port", "70000"]) == 1
    assert not server.made


def test_validate_reports_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[class]\nname = "C"\n\n[[sessions]]\nname = "s"\ndecks = ["nope"]\n')
    assert main(["--decks", str(DECK), "class", "validate", str(path)]) == 1
    assert f"{path}:6:1: sessions[0].decks[0]: unknown deck 'nope'" in capsys.readouterr().err
    path.write_text('[class]\nnam = "C"\n')
    assert main(["--decks", str(DECK), "class", "validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:2:1: class.nam: unknown key 'nam'; did you mean 'name'?" in err


def test_run_refuses_teams_when_there_are_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (FIX / "class.toml").read_text()
    start, end = text.index("[[teams]]"), text.index("[[sessions]]")
    (tmp_path / "c.toml").write_text(text[:start] + text[end:])
    assert main(["--decks", str(DECK), "class", "run", str(tmp_path / "c.toml"), "--session", "week-1", "--teams"]) == 1
    assert "has no [[teams]]" in capsys.readouterr().err


def test_new_refuses_odd_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["class", "new", str(tmp_path / "room.txt")]) == 1
    assert main(["class", "new", str(tmp_path / "missing" / "room.toml")]) == 1
    shutil.copy(FIX / "class.toml", tmp_path / "c.toml")
    assert main(["class", "new", str(tmp_path / "c.toml"), "--force"]) == 0
