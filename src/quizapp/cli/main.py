"""Command line: `quizapp` opens the TUI; subcommands study, quiz, deck, class, serve."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from quizapp import __version__
from quizapp.errors import QuizappError
from quizapp.words import counted

if TYPE_CHECKING:
    import argparse

DEFAULT_LEARNER = "default"


class UsageError(QuizappError):
    """Bad command-line input."""


TUI_COMMANDS = (None, "study", "quiz")  # the commands that open the TUI (None: no command)


def build_parser(tui_only: bool = False) -> argparse.ArgumentParser:
    """The command line's parser; `tui_only`: with only the commands that open the TUI, which parses their
    command lines exactly as the whole parser does and takes a fraction of the time to build (every command
    group's module, its subparsers and their help texts cost some 0.01 s at every launch: docs/performance.md)."""
    import argparse  # here: a plain `quizapp` needs no parser (see plain_launch)

    p = argparse.ArgumentParser(prog="quizapp", description="Learn the facts of documents in the terminal.")
    p.add_argument("--version", action="version", version=f"quizapp {__version__}")
    p.add_argument(
        "--learner",
        default=os.environ.get("QUIZAPP_LEARNER", DEFAULT_LEARNER),
        help="learner name (default: %(default)s)",
    )
    p.add_argument("--home", type=Path, help="data folder (default: $QUIZAPP_HOME or the platform's data folder)")
    p.add_argument(
        "--decks",
        type=Path,
        action="append",
        metavar="PATH",
        help="deck file or folder to use instead of the bundled and user decks (repeatable)",
    )
    p.set_defaults(func=cmd_tui, screen="home", deck=None)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("study", help="study the cards that are due")
    s.add_argument("deck", nargs="?", help="deck id (default: all decks)")
    s.set_defaults(func=cmd_tui, screen="study")

    q = sub.add_parser("quiz", help="take a quiz")
    q.add_argument("deck", nargs="?", help="deck id (default: all decks)")
    q.add_argument("--count", type=int, default=10)
    q.add_argument("--kinds", default="", help="comma list: choice,truefalse,typed,cloze,ordering,matching")
    q.add_argument("--tags", default="", help="comma list of tags")
    q.add_argument("--seed", help="same seed, same quiz")
    q.set_defaults(func=cmd_tui, screen="quiz")
    if tui_only:
        return p

    d = sub.add_parser("deck", help="validate, list and author decks")
    dsub = d.add_subparsers(dest="deck_command", metavar="ACTION", required=True)
    v = dsub.add_parser("validate", help="check deck files; exit 1 on problems")
    v.add_argument("paths", nargs="*", type=Path)
    v.set_defaults(func=cmd_validate)
    dsub.add_parser("schema", help="print the deck JSON Schema").set_defaults(func=cmd_schema)
    dsub.add_parser("list", help="list decks").set_defaults(func=cmd_list)
    from quizapp.cli import authoring, classroom, learner

    for group in (authoring, classroom, learner):  # `learner` also adds cli/optimize.py's `learner optimize`
        group.register(sub, dsub)
    return p


def deck_locations(args: argparse.Namespace) -> list[Path]:
    from quizapp.decks.library import bundled_decks_dir
    from quizapp.paths import home, user_decks_dir

    if args.decks:
        return list(args.decks)
    found = [d for d in (bundled_decks_dir(), user_decks_dir(home(args.home))) if d and d.is_dir()]
    return found


def cmd_tui(args: argparse.Namespace) -> int:
    from quizapp.paths import home, safe_name

    safe_name(args.learner, "learner name")
    kinds = tuple(k for k in getattr(args, "kinds", "").split(",") if k)
    if kinds:  # the quiz module is imported only to check the kinds asked for, not at every launch
        from quizapp.quiz.questions import ALL_KINDS

        bad = [k for k in kinds if k not in ALL_KINDS]
        if bad:
            raise UsageError(
                f"unknown question {'kind' if len(bad) == 1 else 'kinds'} {', '.join(bad)}; "
                f"choose from {', '.join(ALL_KINDS)}"
            )
    from quizapp.tui.app import make_app

    app = make_app(
        home=home(args.home),
        learner=args.learner,
        deck_paths=deck_locations(args),
        start=args.screen,
        deck_id=args.deck,
        quiz_count=getattr(args, "count", 10),
        quiz_kinds=kinds,
        quiz_tags=tuple(t for t in getattr(args, "tags", "").split(",") if t),
        quiz_seed=getattr(args, "seed", None),
    )
    app.run()
    return app.return_code or 0


def cmd_validate(args: argparse.Namespace) -> int:
    from quizapp.decks.library import find_deck_files, load_library

    missing = [p for p in args.paths or [] if not p.exists()]
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    files = find_deck_files(args.paths or deck_locations(args))
    if not files and missing:
        print(f"{counted(len(missing), 'problem')}: nothing to validate", file=sys.stderr)
        return 1
    if not files:
        raise UsageError("no deck files found")
    lib = load_library(files)
    for problem in lib.problems:
        print(problem, file=sys.stderr)
    if lib.problems or missing:
        print(
            f"{counted(len(lib.problems) + len(missing), 'problem')} in {counted(len(files), 'file')}", file=sys.stderr
        )
        return 1
    notes = sum(len(d.deck.notes) for d in lib.decks)
    print(f"ok: {counted(len(lib.decks), 'deck')}, {counted(notes, 'note')}, no problems")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from quizapp.decks.schema import deck_json_schema

    print(json.dumps(deck_json_schema(), indent=2))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from quizapp.decks.library import find_deck_files, load_library

    lib = load_library(find_deck_files(deck_locations(args)))
    for d in lib.decks:
        print(f"{d.id:24} {len(d.deck.notes):5} notes  {d.title}  ({d.path})")
    for problem in lib.problems:
        print(problem, file=sys.stderr)
    return 1 if lib.problems else 0


GLOBAL_OPTIONS = ("--learner", "--home", "--decks")


def hoist_global_options(argv: Sequence[str]) -> list[str]:
    """`argv` with --learner, --home and --decks (and their values) moved before the command, so that
    `quizapp class live c.toml --session s --decks my-deck.toml` works as `quizapp --decks my-deck.toml class ...`
    does. Nothing after a `--` is moved."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest.extend(argv[i:])
            break
        name, eq, _ = arg.partition("=")
        if name in GLOBAL_OPTIONS:
            take = 1 if eq else 2
            front.extend(argv[i : i + take])
            i += take
            continue
        rest.append(arg)
        i += 1
    return front + rest


def opens_the_tui(argv: Sequence[str]) -> bool:
    """Whether `argv` (global options first, as hoist_global_options leaves them) plainly asks for the TUI: no
    command, or study or quiz, and no help. Anything else (another command, a typo, --version, -h) is parsed by
    the whole parser, so its messages and help are unchanged."""
    if any(a in ("-h", "--help") for a in argv):
        return False
    i = 0
    while i < len(argv):
        name, eq, _ = argv[i].partition("=")
        if name not in GLOBAL_OPTIONS:
            break
        i += 1 if eq else 2
    return (argv[i] if i < len(argv) else None) in TUI_COMMANDS


def plain_launch() -> argparse.Namespace:
    """What the parser makes of a plain `quizapp` (no arguments, the everyday launch), without building one:
    argparse's import and the TUI parser's help texts cost some 0.008 s before the TUI could start. A test keeps
    this equal to the parser's own result."""
    learner = os.environ.get("QUIZAPP_LEARNER", DEFAULT_LEARNER)
    plain = SimpleNamespace(
        learner=learner, home=None, decks=None, command=None, func=cmd_tui, screen="home", deck=None
    )
    return cast("argparse.Namespace", plain)  # the same attributes as the parser's Namespace


def main(argv: Sequence[str] | None = None) -> int:
    argv = hoist_global_options(sys.argv[1:] if argv is None else list(argv))
    args = plain_launch() if not argv else build_parser(tui_only=opens_the_tui(argv)).parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except QuizappError as e:  # the root of every error meant for the user; anything else is a bug
        print(f"quizapp: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:
        print(f"quizapp: {e.filename or ''}: {e.strerror or e}", file=sys.stderr)
        return 1
