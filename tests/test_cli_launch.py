"""`quizapp`, `quizapp study` and `quizapp quiz` parse with the TUI's commands only (the others are not even
imported), exactly as the whole parser would; everything else gets the whole parser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.cli.main import build_parser, hoist_global_options, opens_the_tui

TUI_LINES = [
    [],
    ["--learner", "ann"],
    ["--learner=ann", "--home", "/tmp/h", "--decks", "a.toml", "--decks=b"],
    ["study"],
    ["study", "energy", "--learner", "bob"],
    ["quiz"],
    ["quiz", "energy", "--count", "5", "--kinds", "choice,typed", "--tags", "x", "--seed", "s", "--home", "h"],
    ["--decks", "study", "quiz"],  # a deck folder named "study", then the quiz command
    ["study", "--", "--home"],
]


@pytest.mark.parametrize("argv", TUI_LINES)
def test_a_tui_command_line_parses_the_same_with_the_tui_parser(argv: list[str]) -> None:
    hoisted = hoist_global_options(argv)
    assert opens_the_tui(hoisted)
    assert vars(build_parser(tui_only=True).parse_args(hoisted)) == vars(build_parser().parse_args(hoisted))


@pytest.mark.parametrize(
    "argv",
    [
        ["-h"],
        ["--help"],
        ["study", "--help"],
        ["quiz", "-h"],
        ["--version"],
        ["deck", "list"],
        ["class", "new", "c.toml"],
        ["learner", "check"],
        ["studdy"],  # a typo: the whole parser names the commands there are
        ["--learner", "ann", "deck", "validate"],
    ],
)
def test_help_version_and_every_other_command_get_the_whole_parser(argv: list[str]) -> None:
    assert not opens_the_tui(hoist_global_options(argv))


def test_opening_the_tui_imports_no_other_command_group() -> None:
    code = (
        "import sys, quizapp.cli.main as m; m.cmd_tui = lambda args: 0; m.main(['--decks', 'd', 'study']); "
        "print(sorted(k for k in sys.modules if k.startswith('quizapp.cli.')))"
    )
    src = Path(__file__).parents[1] / "src"
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['quizapp.cli.main']"


def test_an_unknown_command_is_still_named_with_the_commands_there_are(capsys: pytest.CaptureFixture[str]) -> None:
    from quizapp.cli.main import main

    with pytest.raises(SystemExit):
        main(["studdy"])
    err = capsys.readouterr().err
    assert "invalid choice: 'studdy'" in err and "'deck'" in err and "'class'" in err


def test_an_unknown_question_kind_is_refused_before_the_tui_opens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from quizapp.cli.main import main

    assert main(["--home", str(tmp_path), "quiz", "--kinds", "choice,nope"]) == 1
    err = capsys.readouterr().err
    assert "unknown question kind nope; choose from choice" in err


@pytest.mark.parametrize("learner", [None, "bob"])
def test_a_plain_quizapp_gets_what_the_parser_would_give(learner: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    from quizapp.cli.main import plain_launch

    if learner is None:
        monkeypatch.delenv("QUIZAPP_LEARNER", raising=False)
    else:
        monkeypatch.setenv("QUIZAPP_LEARNER", learner)
    assert vars(plain_launch()) == vars(build_parser().parse_args([]))


def test_a_plain_quizapp_does_not_even_import_argparse() -> None:
    code = (
        "import sys, quizapp.cli.main as m; m.cmd_tui = lambda args: 0; m.main([]); "
        "print('argparse' in sys.modules, sorted(k for k in sys.modules if k.startswith('quizapp.cli.')))"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1] / "src"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False ['quizapp.cli.main']"
