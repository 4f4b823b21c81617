"""Command line for classrooms: `class new|validate|run|take|report` and `serve` (browser access)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Literal

from quizapp.errors import QuizappError

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


class ClassUsageError(QuizappError):
    """Bad command-line input for a class command."""


def register(sub: argparse._SubParsersAction, deck_sub: argparse._SubParsersAction | None = None) -> None:
    """Add the `class` command (with its actions) and the `serve` command."""
    c = sub.add_parser("class", help="classroom practice: projector mode, assignments, reports")
    csub = c.add_subparsers(dest="class_command", metavar="ACTION", required=True)

    n = csub.add_parser("new", help="write a commented class file to start from")
    n.add_argument("file", type=Path, metavar="CLASS.toml")
    n.add_argument("--name", default="My class", help="class name (default: %(default)s)")
    n.add_argument("--force", action="store_true", help="overwrite an existing file")
    n.set_defaults(func=cmd_new)

    v = csub.add_parser("validate", help="check a class file and its sessions; exit 1 on problems")
    v.add_argument("file", type=Path, metavar="CLASS.toml")
    v.set_defaults(func=cmd_validate)

    r = csub.add_parser("run", help="projector mode: big questions, countdown, points, leaderboard, podium")
    _session_args(r)
    r.add_argument("--teams", action="store_true", help="give points to the class file's teams, not students")
    r.set_defaults(func=cmd_run)

    t = csub.add_parser("take", help="a student takes a session; each answer is saved at once")
    _session_args(t)
    t.add_argument("--student", help="student id from the roster (default: ask on screen)")
    t.set_defaults(func=cmd_take)

    p = csub.add_parser("report", help="results per student and per question, weakest topics, distribution")
    _session_args(p)
    p.add_argument("--csv", type=Path, metavar="FILE", help="write one row per student to FILE instead of the TUI")
    p.set_defaults(func=cmd_report)

    s = sub.add_parser("serve", help="serve quizapp (or another command) to web browsers")
    s.add_argument(
        "command_line",
        nargs="?",
        metavar="COMMAND",
        help='command to serve, quoted, e.g. "quizapp class take c.toml --session week-1" (default: quizapp)',
    )
    s.add_argument("--host", default="localhost", help="address to listen on (default: %(default)s)")
    s.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    s.add_argument("--public-url", help="address browsers use to reach the server (default: http://HOST:PORT)")
    s.set_defaults(func=cmd_serve)


def _session_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="CLASS.toml")
    p.add_argument("--session", required=True, help="session name from the class file")
    p.add_argument(
        "--results",
        type=Path,
        metavar="DIR",
        help="results folder (default: <class file name>-results beside the class file)",
    )


def cmd_new(args: argparse.Namespace) -> int:
    from quizapp.classroom.scaffold import class_template
    from quizapp.cli.main import deck_locations
    from quizapp.decks.library import find_deck_files, load_library
    from quizapp.files.atomic import atomic_write

    path: Path = args.file
    if path.suffix != ".toml":
        raise ClassUsageError(f"{path}: a class file name must end in .toml")
    if path.exists() and not args.force:
        raise ClassUsageError(f"{path} already exists; use --force to overwrite it")
    if not path.parent.is_dir():
        raise ClassUsageError(f"{path.parent}: no such folder")
    deck_ids = [d.id for d in load_library(find_deck_files(deck_locations(args))).decks]
    atomic_write(path, class_template(path.name, args.name, deck_ids).encode("utf-8"))
    print(f"wrote {path}; edit the roster and sessions, then run: quizapp class validate {path}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from quizapp.classroom.content import content_problems
    from quizapp.classroom.errors import ClassFileError
    from quizapp.classroom.loader import load_class
    from quizapp.cli.main import deck_locations
    from quizapp.decks.library import find_deck_files, load_library

    try:
        cf = load_class(args.file)
    except ClassFileError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        print(f"{len(e.problems)} problem(s) in {args.file}", file=sys.stderr)
        return 1
    library = load_library(find_deck_files(deck_locations(args)))
    errors, warnings = content_problems(cf, library, args.file)
    for problem in warnings:
        print(f"{problem} (warning)", file=sys.stderr)
    for problem in errors:
        print(problem, file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem(s) in {args.file}", file=sys.stderr)
        return 1
    print(
        f"ok: class {cf.class_.name!r}: {len(cf.students)} student(s), {len(cf.teams)} team(s), "
        f"{len(cf.sessions)} session(s)"
    )
    return 0


def _app(args: argparse.Namespace, mode: Literal["run", "take", "report"], **extra: Any) -> int:
    from quizapp.cli.main import deck_locations
    from quizapp.tui.classroom_app import make_class_app

    app = make_class_app(
        mode=mode,
        class_path=args.file,
        session=args.session,
        deck_paths=deck_locations(args),
        results=args.results,
        **extra,
    )
    app.run()
    return app.return_code or 0


def cmd_run(args: argparse.Namespace) -> int:
    return _app(args, "run", teams=args.teams)


def cmd_take(args: argparse.Namespace) -> int:
    return _app(args, "take", student=args.student)


def cmd_report(args: argparse.Namespace) -> int:
    if args.csv is None:
        return _app(args, "report")
    from quizapp.classroom.context import open_session
    from quizapp.classroom.report import build_report, write_csv
    from quizapp.classroom.results import session_attempts
    from quizapp.cli.main import deck_locations

    ctx = open_session(args.file, args.session, deck_locations(args), args.results)
    attempts, warnings = session_attempts(ctx.root, ctx.session.name)
    report = build_report(ctx.cf, ctx.session, attempts, ctx.questions, ctx.tags, warnings, quiz_id=ctx.quiz_id)
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
    write_csv(report, args.csv)
    print(f"wrote {args.csv}: {len(report.students)} student(s), {report.started} started, {report.finished} finished")
    return 0


def serve_command(args: argparse.Namespace) -> str:
    """The shell command each browser connection runs: the given one, else this quizapp with the same options."""
    import shlex

    if args.command_line:
        return str(args.command_line)
    parts = [sys.executable, "-m", "quizapp", "--learner", args.learner]
    if args.home:
        parts += ["--home", str(args.home.resolve())]
    for d in args.decks or ():
        parts += ["--decks", str(d.resolve())]
    return shlex.join(parts)


def cmd_serve(args: argparse.Namespace) -> int:
    from textual_serve.server import Server

    if not 0 < args.port < 65536:
        raise ClassUsageError(f"port {args.port} is out of range")
    if args.host not in LOCAL_HOSTS:
        print(
            f"warning: serving on {args.host} lets anyone who can reach this machine use the app; "
            "there is no password. Serve on localhost unless you trust the network.",
            file=sys.stderr,
        )
    server = Server(serve_command(args), host=args.host, port=args.port, title="quizapp", public_url=args.public_url)
    server.serve()
    return 0
