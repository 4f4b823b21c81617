"""`quizapp learner check|repair`: a learner's files checked and repaired without the TUI (like Anki's Check Database).

The global --home and --learner choose the learner. Problems print as `path:line: message` (`path: message` when
the whole file is at fault); exit 1 when there is one, 0 when the learner is healthy."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction, dsub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("learner", help="check, repair and optimize a learner's progress")
    lsub = p.add_subparsers(dest="learner_command", metavar="ACTION", required=True)
    from quizapp.cli.optimize import add_optimize  # `learner optimize` shares the `learner` command

    add_optimize(lsub)
    lsub.add_parser("check", help="report every problem in the learner's files; exit 1 if there is one").set_defaults(
        func=cmd_check
    )
    lsub.add_parser(
        "repair", help="set damaged files aside (copies kept, nothing deleted) and rebuild; exit 0 when clean"
    ).set_defaults(func=cmd_repair)


def _where(args: argparse.Namespace) -> tuple:
    from quizapp.paths import home, safe_name

    safe_name(args.learner, "learner name")
    return home(args.home), args.learner


def cmd_check(args: argparse.Namespace) -> int:
    from quizapp.progress.recovery import check

    root, learner = _where(args)
    problems = check(root, learner)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s); `quizapp learner repair` sets the damaged files aside", file=sys.stderr)
        return 1
    print(f"ok: learner {learner!r} has no problems")
    return 0


def cmd_repair(args: argparse.Namespace) -> int:
    from quizapp.progress.recovery import repair

    root, learner = _where(args)
    result = repair(root, learner)
    for line in result.done:
        print(line)
    for p in result.problems:
        print(p, file=sys.stderr)
    if result.problems:
        print(f"{len(result.problems)} problem(s) remain", file=sys.stderr)
        return 1
    print(f"ok: learner {learner!r} has no problems" + ("" if result.done else " (nothing needed repair)"))
    return 0
