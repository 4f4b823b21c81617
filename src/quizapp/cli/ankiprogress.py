"""`deck import FILE.colpkg --with-progress`: the Anki collection's scheduling into the learner's progress."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone

from quizapp.decks.models import Deck
from quizapp.words import counted


def bring_progress(args: argparse.Namespace, deck: Deck) -> int:
    from quizapp.authoring.ankiprogress import import_progress
    from quizapp.authoring.apkgread import read_collection
    from quizapp.authoring.imported import MAX_IMPORT_BYTES
    from quizapp.paths import home, safe_name
    from quizapp.progress.store import LearnerStore
    from quizapp.workspace import scheduler_for

    safe_name(args.learner, "learner name")
    col = read_collection(args.file, MAX_IMPORT_BYTES)
    tty = sys.stderr.isatty()

    def bar(done: int, total: int) -> None:
        if tty and total:
            filled = round(30 * done / total)
            print(f"\r  cards [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", end="", file=sys.stderr)

    with LearnerStore(home(args.home), args.learner) as store:
        scheduler = scheduler_for(store.profile.settings, enable_fuzzing=False)  # a replay gives the same states
        report = import_progress(col, deck, store, scheduler, datetime.now(timezone.utc), progress=bar)
    if tty:
        print(file=sys.stderr)
    print(
        f"progress of learner {args.learner!r}: {counted(report.cards, 'card state')} "
        f"({report.from_memory} from Anki's FSRS memory state, {report.replayed} replayed from their history), "
        f"{counted(report.reviews, 'review')} added"
        + (f", {report.skipped_reviews} already there" if report.skipped_reviews else "")
    )
    print(f"kept: {report.suspended} suspended, {report.buried} buried, {report.flagged} flagged")
    if report.not_brought:
        print("not brought over:")
        for line in report.not_brought:
            print(f"  - {line}")
    return 0
