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


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> type[FakeServer]:
    import textual_serve.server

    import quizapp.cli.classroom

    def run(server: FakeServer, hosts: set[str], host: str, port: int) -> None:
        server.served, server.hosts = True, hosts

    FakeServer.made = []
    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    monkeypatch.setattr(quizapp.cli.classroom, "run_served", run)
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
    assert made.command == f"{sys.executable} -m quizapp class take room.toml --session week-1"  # not via PATH
    assert made.host == "0.0.0.0" and made.public_url == "http://room-pc:8000" and "room-pc:8000" in made.hosts
    assert "warning: serving on 0.0.0.0" in capsys.readouterr().err


def test_serve_on_any_address_points_browsers_at_the_lan_address(
    server: type[FakeServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    import quizapp.classroom.live.addresses as addresses

    monkeypatch.setattr(addresses, "lan_addresses", lambda: ["192.168.1.20"])
    assert main(["serve", "echo hi", "--host", "0.0.0.0", "--port", "8001"]) == 0
    made = server.made[0]
    assert made.command == "echo hi" and made.public_url == "http://192.168.1.20:8001"
    assert {"192.168.1.20:8001", "127.0.0.1:8001", "localhost:8001"} <= made.hosts and "0.0.0.0:8001" not in made.hosts


async def test_served_app_refuses_foreign_origin_and_host() -> None:
    from aiohttp.test_utils import TestClient, TestServer
    from textual_serve.server import Server

    from quizapp.cli.classroom import serve_app, served_hosts

    port = 18765
    public, hosts = served_hosts("localhost", port, None)
    app = serve_app(Server("true", host="localhost", port=port, public_url=public), hosts)
    upgrade = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    async with TestClient(TestServer(app, host="127.0.0.1", port=port)) as client:
        r = await client.get("/ws", headers={**upgrade, "Origin": "http://evil.example"})
        assert r.status == 403
        r = await client.get("/", headers={"Host": "attacker.example"})
        assert r.status == 421
        r = await client.get("/ws", headers={**upgrade, "Host": f"attacker.example:{port}"})
        assert r.status == 421
        page = await client.get("/")
        assert page.status == 200 and f"ws://localhost:{port}/ws" in await page.text()


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
