"""Command line for classrooms: `class new|validate|run|take|report|live|codes|join` and `serve` (browser access)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Literal

from quizapp.errors import QuizappError
from quizapp.words import counted

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

    li = csub.add_parser("live", help="live game: students answer on their own phones, counted on the projector")
    _session_args(li)
    li.add_argument(
        "--host", default="127.0.0.1", help="address to listen on; 0.0.0.0 for the room (default: %(default)s)"
    )
    li.add_argument("--port", type=int, default=8765, help="port (default: %(default)s)")
    li.add_argument("--teams", action="store_true", help="score the class file's teams")
    li.add_argument("--guests", action="store_true", help="anyone joins with a nickname; no codes (marked as guests)")
    li.add_argument("--new", action="store_true", help="start a new game even if one of this session is unfinished")
    li.set_defaults(func=cmd_live)

    co = csub.add_parser("codes", help="give each student a personal code for live games (only hashes are kept)")
    co.add_argument("file", type=Path, metavar="CLASS.toml")
    co.add_argument("--student", action="append", metavar="ID", help="new code for this student only (repeatable)")
    co.add_argument("--csv", type=Path, metavar="FILE", help="write id,name,code to FILE instead of printing them")
    co.set_defaults(func=cmd_codes)

    j = csub.add_parser("join", help="take part in a live game from this terminal")
    j.add_argument("url", metavar="URL", help="the address on the projector, e.g. http://192.168.1.20:8765/")
    j.add_argument("--pin", help="the game PIN (default: ask)")
    j.add_argument("--student", help="your student id (default: ask)")
    j.add_argument("--nickname", help="your nickname, in games with guests")
    j.set_defaults(func=cmd_join)

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


def _class_file(path: Path) -> None:
    """Refuse a missing class file or a folder in plain words before the loader sees it."""
    if path.is_dir():
        raise ClassUsageError(f"{path}: a folder, not a class file; give the class's .toml file")
    if not path.exists():
        raise ClassUsageError(f"{path}: no such file; check the name, or start one with: quizapp class new {path}")


def _check_can_listen(host: str, port: int) -> None:
    """Refuse an address this computer does not have, or a port another program listens on, before a game (and
    its results folder) is made."""
    import errno
    import socket

    where = "the address to listen on must be one of this computer's, or 0.0.0.0 for all of them"
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as e:
        raise ClassUsageError(f"--host {host}: {e.strerror or e}; {where}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        if sys.platform != "win32":  # as the server does: a port left in TIME_WAIT is free to listen on
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as e:
            if e.errno != errno.EADDRINUSE:
                raise ClassUsageError(f"cannot listen on {host}:{port}: {e.strerror or e}; {where}") from None
            raise ClassUsageError(
                f"cannot listen on {host}:{port}: {e.strerror or e} (another program, or another class live, "
                f"uses the port); try another --port, e.g. --port {port + 1 if port < 65535 else 8765}"
            ) from None


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

    _class_file(args.file)
    try:
        cf = load_class(args.file)
    except ClassFileError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        print(f"{counted(len(e.problems), 'problem')} in {args.file}", file=sys.stderr)
        return 1
    library = load_library(find_deck_files(deck_locations(args)))
    errors, warnings = content_problems(cf, library, args.file)
    for problem in warnings:
        print(f"{problem} (warning)", file=sys.stderr)
    for problem in errors:
        print(problem, file=sys.stderr)
    for hint in _content_hints(cf, library, errors + warnings, args):
        print(f"hint: {hint}", file=sys.stderr)
    if errors:
        print(f"{counted(len(errors), 'problem')} in {args.file}", file=sys.stderr)
        return 1
    print(
        f"ok: class {cf.class_.name!r}: {counted(len(cf.students), 'student')}, {counted(len(cf.teams), 'team')}, "
        f"{counted(len(cf.sessions), 'session')}"
    )
    return 0


def _content_hints(cf: Any, library: Any, problems: list[Any], args: argparse.Namespace) -> list[str]:
    """What to do about an unknown deck or a session short of questions because its notes are still drafts."""
    from quizapp.paths import home, user_decks_dir

    hints = []
    if any("unknown deck" in str(p) for p in problems):
        where = (
            "the files given with --decks" if args.decks else f"the bundled decks and {user_decks_dir(home(args.home))}"
        )
        hints.append(f"decks are looked for in {where}; give your own deck files with --decks PATH")
    for i, s in enumerate(cf.sessions):
        short = ("yields no questions", "but the notes give")
        if not any(p.field.startswith(f"sessions[{i}]") and any(w in str(p) for w in short) for p in problems):
            continue
        for d in library.decks:
            drafts = sum(1 for n in d.deck.notes if n.draft)
            if drafts and (not s.decks or d.id in s.decks):
                are = "is a draft" if drafts == 1 else "are drafts"
                hint = f"{counted(drafts, 'note')} of {d.id} {are}, never asked; check them with: quizapp deck review"
                hints.append(f"session {s.name!r}: {hint} {d.path}")
    return hints


def _app(args: argparse.Namespace, mode: Literal["run", "take", "report"], **extra: Any) -> int:
    from quizapp.cli.main import deck_locations
    from quizapp.tui.classroom_app import make_class_app

    _class_file(args.file)
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

    _class_file(args.file)
    ctx = open_session(args.file, args.session, deck_locations(args), args.results)
    attempts, warnings = session_attempts(ctx.root, ctx.session.name)
    report = build_report(ctx.cf, ctx.session, attempts, ctx.questions, ctx.tags, warnings, quiz_id=ctx.quiz_id)
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
    write_csv(report, args.csv)
    students = counted(len(report.students), "student")
    print(f"wrote {args.csv}: {students}, {report.started} started, {report.finished} finished")
    return 0


def serve_command(args: argparse.Namespace) -> str:
    """The shell command each browser connection runs: the given one, else this quizapp with the same options.

    A command that starts with `quizapp` runs with this interpreter (`python -m quizapp`), not whatever
    `quizapp` the PATH finds, so `.venv/bin/quizapp serve` works without activating the venv."""
    import shlex

    if args.command_line:
        parts = shlex.split(str(args.command_line))
        if parts and parts[0] == "quizapp":
            return shlex.join([sys.executable, "-m", "quizapp", *parts[1:]])
        return str(args.command_line)
    parts = [sys.executable, "-m", "quizapp", "--learner", args.learner]
    if args.home:
        parts += ["--home", str(args.home.resolve())]
    for d in args.decks or ():
        parts += ["--decks", str(d.resolve())]
    return shlex.join(parts)


def served_hosts(host: str, port: int, public_url: str | None) -> tuple[str, set[str]]:
    """The URL browsers are sent to (a LAN address for 0.0.0.0, never 0.0.0.0) and the Host values accepted."""
    from urllib.parse import urlsplit

    from quizapp.classroom.live.addresses import allowed_hosts, shown_hosts, url_host

    hosts = allowed_hosts(host, port)
    if public_url:
        hosts.add(urlsplit(public_url).netloc.lower())
        return public_url.rstrip("/"), hosts
    return f"http://{url_host(shown_hosts(host)[0])}:{port}", hosts


def serve_app(server: object, hosts: set[str]) -> object:
    """textual-serve's routes (its public handlers) behind quizapp's Host and Origin guard."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web

    from quizapp.classroom.live.webguard import guard

    s = server
    app = web.Application(middlewares=[guard(hosts)])
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(s.templates_path))  # type: ignore[attr-defined]
    app.add_routes(
        [
            web.get("/", s.handle_index, name="index"),  # type: ignore[attr-defined]
            web.get("/ws", s.handle_websocket, name="websocket"),  # type: ignore[attr-defined]
            web.get("/download/{key}", s.handle_download, name="download"),  # type: ignore[attr-defined]
            web.static("/static", s.statics_path, name="static"),  # type: ignore[attr-defined]
        ]
    )
    app.on_startup.append(s.on_startup)  # type: ignore[attr-defined]
    app.on_shutdown.append(s.on_shutdown)  # type: ignore[attr-defined]
    return app


def run_served(server: object, hosts: set[str], host: str, port: int) -> None:
    from aiohttp import web

    server.initialize_logging()  # type: ignore[attr-defined]
    web.run_app(serve_app(server, hosts), host=host, port=port, print=lambda *a: None)  # type: ignore[arg-type]


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
    public, hosts = served_hosts(args.host, args.port, args.public_url)
    server = Server(serve_command(args), host=args.host, port=args.port, title="quizapp", public_url=public)
    run_served(server, hosts, args.host, args.port)
    return 0


def cmd_live(args: argparse.Namespace) -> int:
    from quizapp.classroom.context import open_session
    from quizapp.classroom.live.launch import closing_line, open_game
    from quizapp.cli.main import deck_locations
    from quizapp.tui.live_app import LiveApp

    if not 0 < args.port < 65536:
        raise ClassUsageError(f"port {args.port} is out of range")
    _class_file(args.file)
    _check_can_listen(args.host, args.port)
    ctx = open_session(args.file, args.session, deck_locations(args), args.results)
    opened = open_game(ctx, guests=args.guests, teams=args.teams, new=args.new, bind=args.host, port=args.port)
    print(opened.note)
    host = opened.host
    for url in host.urls:  # type: ignore[attr-defined]
        print(f"join at {url}  (PIN {host.game.pin})")  # type: ignore[attr-defined]
    app = LiveApp(host, note=opened.note, subtitle=f"{ctx.cf.class_.name} · {ctx.session.label}")
    app.run()
    line = closing_line(opened, failed=bool(app.return_code))
    if line:
        print(line)
    return app.return_code or 0


def cmd_codes(args: argparse.Namespace) -> int:
    import csv
    import io

    from quizapp.classroom.live.codes import codes_path, issue_codes, read_codes
    from quizapp.classroom.loader import load_class
    from quizapp.classroom.results import check_student
    from quizapp.files.atomic import atomic_write

    _class_file(args.file)
    cf = load_class(args.file)
    if not cf.students:
        raise ClassUsageError(f"{args.file}: the class has no students")
    wanted = [check_student(cf, s) for s in args.student] if args.student else [s.id for s in cf.students]
    path = codes_path(args.file)
    keep = read_codes(path) if args.student else {}
    fresh = issue_codes(path, wanted, keep)
    rows = [(s.id, s.name, fresh[s.id]) for s in cf.students if s.id in fresh]
    if args.csv:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["student", "name", "code"])
        w.writerows((sid, ("'" + name) if name[:1] in "=+-@" else name, _shown(code)) for sid, name, code in rows)
        atomic_write(args.csv, out.getvalue().encode("utf-8"), mode=0o600)  # plain-text codes: only for you
        print(f"wrote {counted(len(rows), 'code')} to {args.csv}; print it, cut it up, then delete it")
    else:
        width = max(len(n) for _, n, _ in rows)
        for sid, name, code in rows:
            print(f"{name:<{width}}  {sid:<16}  {_shown(code)}")
    print(f"hashes saved to {path}; earlier codes of these students no longer work", file=sys.stderr)
    return 0


def _shown(code: str) -> str:
    """A personal code as it is printed and written for cutting up: K7M-Q2P (the dash is optional to type)."""
    return f"{code[:3]}-{code[3:]}"


def cmd_join(args: argparse.Namespace) -> int:
    from quizapp.classroom.live.client import join

    return join(args.url, args.pin, args.student, None, args.nickname)
