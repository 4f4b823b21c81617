"""One error hierarchy: every error the app defines is a QuizappError; the CLI catches only that root."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import quizapp
from quizapp.cli import main as cli_main
from quizapp.errors import BadName, ProblemsError, QuizappError


def _modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(quizapp.__path__, "quizapp.") if not m.name.endswith("__main__")]


def test_every_exception_defined_in_quizapp_is_under_the_root() -> None:
    outside = []
    for name in _modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name and issubclass(cls, BaseException) and not issubclass(cls, QuizappError):
                outside.append(f"{name}.{cls.__name__}")
    assert outside == []


def test_problems_and_names_and_settings_are_quizapp_errors() -> None:
    assert issubclass(ProblemsError, QuizappError)
    assert issubclass(BadName, QuizappError) and issubclass(BadName, ValueError)  # pydantic validators need ValueError
    from quizapp.decks.library import DeckError

    assert issubclass(DeckError, ProblemsError)


def test_a_bad_setting_raises_bad_setting() -> None:
    from quizapp.progress.profile import Settings
    from quizapp.progress.records import FieldError

    assert issubclass(FieldError, QuizappError)
    with pytest.raises(FieldError, match="new_per_day"):
        Settings.from_dict({"new_per_day": -1})


def test_cli_shows_a_user_error_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path))
    assert cli_main.main(["--learner", "../evil", "quiz"]) == 1  # a BadName, before any screen opens
    err = capsys.readouterr().err
    assert err.startswith("quizapp: learner name") and "Traceback" not in err


def test_cli_lets_a_bug_through(monkeypatch) -> None:
    """A ValueError that is not a QuizappError is a bug: it is not turned into a tidy message."""

    def broken(args: object) -> int:
        raise ValueError("a bug")

    monkeypatch.setattr(cli_main, "cmd_list", broken)
    with pytest.raises(ValueError, match="a bug"):
        cli_main.main(["deck", "list"])


def test_cli_bug_shows_its_traceback(tmp_path: Path) -> None:
    code = "import quizapp.cli.main as m\nm.cmd_list = lambda a: 1 / 0\nraise SystemExit(m.main(['deck', 'list']))\n"
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"QUIZAPP_HOME": str(tmp_path)}
    )
    assert run.returncode == 1 and "Traceback" in run.stderr and "ZeroDivisionError" in run.stderr
