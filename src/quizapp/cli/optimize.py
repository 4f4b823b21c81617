"""Command line: `quizapp learner optimize` fits FSRS to the learner's reviews (`add_optimize` adds it to the
`learner` parser of quizapp.cli.learner)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from typing import Any


def add_optimize(learner_sub: Any) -> None:
    """Add `optimize` to the subcommands of a `learner` parser."""
    o = learner_sub.add_parser("optimize", help="fit FSRS's parameters to this learner's reviews")
    o.add_argument("--json", action="store_true", help="print the result as JSON (no questions asked)")
    o.add_argument(
        "--reschedule",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="reschedule reviewed cards with the new parameters (default: ask when run in a terminal)",
    )
    o.set_defaults(func=cmd_optimize)


def cmd_optimize(args: argparse.Namespace) -> int:
    from quizapp.paths import home, safe_name
    from quizapp.progress.store import LearnerStore
    from quizapp.scheduling.optimizer import NotEnoughReviews
    from quizapp.study.optimize import fit_learner, keep_fit, reschedule

    safe_name(args.learner, "learner name")
    with LearnerStore(home(args.home), args.learner) as store:
        try:
            fit = fit_learner(store, progress=None if args.json else lambda m: print(f"… {m}", file=sys.stderr))
        except NotEnoughReviews as e:
            if args.json:
                print(json.dumps({"error": "not enough reviews", "reviews": e.have, "needed": e.need}))
            print(f"quizapp: {e}", file=sys.stderr)
            return 1
        now = datetime.now(timezone.utc)
        kept = keep_fit(store, fit, now)
        again = args.reschedule
        if kept and again is None and not args.json and sys.stdin.isatty():
            again = input("Reschedule your reviewed cards with the new parameters? [y/N] ").strip().lower() in (
                "y",
                "yes",
            )
        moved = reschedule(store, now) if kept and again else 0
    if args.json:
        print(json.dumps(fit.as_json() | {"rescheduled": moved}))
        return 0
    print(f"Reviews: {fit.reviews} ({fit.items} a day or more after the card's previous review, used for the fit)")
    print(f"{'':24}{'log loss':>10}{'RMSE (bins)':>13}")
    print(f"{'current parameters':24}{fit.defaults.log_loss:10.4f}{fit.defaults.rmse:13.4f}")
    print(f"{'fitted parameters':24}{fit.fitted.log_loss:10.4f}{fit.fitted.rmse:13.4f}")
    print(f"Fitted in {fit.seconds:.1f} s.")
    if kept:
        print("The fit is better: it is now this learner's parameters.")
        if moved:
            print(f"{moved} card{'s' if moved != 1 else ''} rescheduled with them.")
    else:
        print("The fit is not better than the current parameters: they are kept.")
    return 0
