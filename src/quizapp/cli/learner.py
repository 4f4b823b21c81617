"""`quizapp learner check|repair|merge`: a learner's files checked and repaired without the TUI (like Anki's Check
Database), and a learner folder copied by hand merged in.

The global --home and --learner choose the learner. Problems print as `path:line: message` (`path: message` when
the whole file is at fault); exit 1 when there is one, 0 when the learner is healthy."""

from __future__ import annotations

import argparse
import sys

from quizapp.words import counted


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
    m = lsub.add_parser(
        "merge", help="merge the reviews of a learner folder copied by hand (e.g. from a USB stick); safe to repeat"
    )
    m.add_argument("path", help="the copied learner folder (the one holding events*.log)")
    m.set_defaults(func=cmd_merge)
    r = lsub.add_parser("review", help="record one review of a card from a script (as a study session would)")
    r.add_argument("card", help="the card's id")
    r.add_argument("rating", type=int, choices=(1, 2, 3, 4), help="1 Again, 2 Hard, 3 Good, 4 Easy")
    r.set_defaults(func=cmd_review)
    lsub.add_parser(
        "show", help="print the learner's merged state as JSON (cards, reviews, devices) for scripts"
    ).set_defaults(func=cmd_show)


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
        print(
            f"{counted(len(problems), 'problem')}; `quizapp learner repair` sets the damaged files aside",
            file=sys.stderr,
        )
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
        print(f"{counted(len(result.problems), 'problem')} remain", file=sys.stderr)
        return 1
    print(f"ok: learner {learner!r} has no problems" + ("" if result.done else " (nothing needed repair)"))
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quizapp.paths import learner_dir
    from quizapp.progress.devices import log_files, merge_folder
    from quizapp.progress.store import links_in

    root, learner = _where(args)
    source, folder = Path(args.path).expanduser(), learner_dir(root, learner)
    if not source.is_dir():
        print(f"{source}: not a folder", file=sys.stderr)
        return 1
    if not log_files(source):
        print(f"{source}: no events*.log here; give the copied learner folder (learners/<name>)", file=sys.stderr)
        return 1
    for path, target in links_in(source) + links_in(folder):
        print(f"{path}: a symbolic link (to {target}); quizapp never reads through links here", file=sys.stderr)
        return 1
    if source.resolve() == folder.resolve():
        print(f"{source} is learner {learner!r}'s own folder: nothing to merge")
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    added, written = merge_folder(source, folder)
    if not added:
        print(f"nothing new: every review in {source} is already in learner {learner!r}")
        return 0
    names = ", ".join(p.name for p in written)
    print(
        f"merged {counted(added, 'event')} from {source} into learner {learner!r} ({names}); they show on every device"
    )
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from quizapp.progress.store import LearnerStore
    from quizapp.scheduling.scheduler import Rating
    from quizapp.workspace import scheduler_for

    root, learner = _where(args)
    now = datetime.now(timezone.utc)
    with LearnerStore(root, learner) as store:
        store.refresh()
        sched = scheduler_for(store.profile.settings, enable_fuzzing=False)
        before = store.states.get(args.card) or sched.new_card(args.card, now)
        store.record("review", sched.review(before, Rating(args.rating), now), now, rating=args.rating)
    print(f"reviewed {args.card} ({args.rating}) on device {store.device}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    import json

    from quizapp.progress.store import LearnerStore

    root, learner = _where(args)
    with LearnerStore(root, learner, read_only=True) as store:
        reviews = store.reviews()
        out = {
            "device": store.device,
            "reviews": [[e.device, e.seq, e.card, e.rating, e.at.isoformat()] for e in reviews],
            "cards": {cid: [s.state, s.due.isoformat() if s.due else None] for cid, s in sorted(store.states.items())},
        }
    print(json.dumps(out, sort_keys=True))
    return 0
