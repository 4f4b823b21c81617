"""FSRS optimizer time and fit on 10,000 and 100,000 reviews: fsrs-rs (what quizapp uses, the engine Anki ships)
beside py-fsrs's torch optimizer when torch is installed. Not a test: `python benchmarks/bench_optimizer.py [--quick]`.

Both fit the same synthetic learner's log (tests/synthetic_learner.py); log loss and RMSE (bins) are fsrs-rs's
evaluation of each fit on the same training items, so the columns compare like with like.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from quizapp.scheduling.optimizer import evaluate, optimize, training_items  # noqa: E402
from synthetic_learner import review_log  # noqa: E402


def py_fsrs_fit(log) -> tuple[list[float], float] | None:
    """py-fsrs's optimizer on the same log (None without torch)."""
    try:
        import torch  # noqa: F401
        from fsrs import Optimizer, Rating, ReviewLog
    except ImportError:
        return None
    ids = {c: i for i, c in enumerate(sorted({r.card for r in log}))}
    logs = [ReviewLog(ids[r.card], Rating(r.rating), r.at, None) for r in log]
    start = time.perf_counter()
    params = Optimizer(logs).compute_optimal_parameters()
    return list(params), time.perf_counter() - start


def rss_mb() -> float:
    """Resident memory now (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_mb() -> float:
    """Peak resident memory of the process so far."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def rows(sizes: tuple[int, ...] = (10_000, 100_000), py_fsrs_up_to: int = 10_000) -> list[tuple[str, str]]:
    out = []
    for n in sizes:
        log = review_log(n)
        rss_before = rss_mb()
        walls = []
        for _ in range(2):  # the first call of the process (cold: fsrs-rs loaded), then the same fit again (warm)
            start = time.perf_counter()
            fit = optimize(log, tz=timezone.utc)
            walls.append(time.perf_counter() - start)
        out.append(
            (
                f"optimizer, {n:,} reviews ({fit.items:,} items): fsrs-rs",
                f"{fit.seconds:7.2f} s   log loss {fit.fitted.log_loss:.4f}  RMSE {fit.fitted.rmse:.4f}"
                f"   (defaults {fit.defaults.log_loss:.4f} / {fit.defaults.rmse:.4f})",
            )
        )
        out.append(
            (
                f"  whole optimize() (items, fit, both evaluations), {n:,} reviews",
                f"cold {walls[0]:.2f} s / warm {walls[1]:.2f} s;  RSS peak {peak_mb():.0f} MB,"
                f" settled {rss_mb():.0f} MB (before {rss_before:.0f} MB)",
            )
        )
        if n <= py_fsrs_up_to:
            theirs = py_fsrs_fit(log)
            if theirs is None:
                out.append((f"optimizer, {n:,} reviews: py-fsrs (torch)", "not installed"))
            else:
                e = evaluate(theirs[0], training_items(log, tz=timezone.utc))
                out.append(
                    (
                        f"optimizer, {n:,} reviews: py-fsrs (torch)",
                        f"{theirs[1]:7.2f} s   log loss {e.log_loss:.4f}  RMSE {e.rmse:.4f}",
                    )
                )
    return out


def main() -> None:
    quick = "--quick" in sys.argv
    for name, value in rows((10_000,) if quick else (10_000, 100_000)):
        print(f"{name:<64}  {value}")


if __name__ == "__main__":
    main()
