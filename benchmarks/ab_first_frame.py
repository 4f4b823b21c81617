"""First frame showing the decks, two versions of quizapp beside a minimal Textual app, launch by launch (a script).

    python3 benchmarks/ab_first_frame.py BEFORE_SRC AFTER_SRC [runs]

BEFORE_SRC and AFTER_SRC are `src` folders of two checkouts (e.g. `git archive <commit> src | tar -x -C /tmp/b`).
Each round launches the minimal app, then each version, in a pseudo-terminal as benchmarks/run.py does, so all
three see the same load; prints wall medians and CPU medians beside the minimal app's.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402

DECKS = Path(__file__).resolve().parents[1] / "decks"


def main() -> None:
    before, after = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 9
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        base.update(PYTHONPYCACHEPREFIX=str(tmp / "pyc"), TERM="xterm-256color", COLORTERM="truecolor")
        envs = {"before": dict(base, PYTHONPATH=before), "after": dict(base, PYTHONPATH=after)}
        run.in_terminal(run.MINIMAL_APP, [], [b"hello"], base)  # compile and fill the caches, untimed
        for name, env in envs.items():
            run.in_terminal(run.QUIZAPP, [str(tmp / name), str(DECKS)], [b"All decks"], env)
        wall: dict[str, list[float]] = {"minimal": [], "before": [], "after": []}
        cpu: dict[str, list[float]] = {"minimal": [], "before": [], "after": []}
        for _ in range(runs):
            wall["minimal"] += run.in_terminal(run.MINIMAL_APP, [], [b"hello"], base, cpu["minimal"])
            for name, env in envs.items():
                args = [str(tmp / name), str(DECKS)]
                wall[name] += run.in_terminal(run.QUIZAPP, args, [b"All decks"], env, cpu[name])
    m, mc = statistics.median(wall["minimal"]), statistics.median(cpu["minimal"])
    print(f"load average {os.getloadavg()[0]:.1f}, {runs} rounds")
    for name in wall:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        pairs = sorted(b / a for a, b in zip(wall["minimal"], wall[name], strict=True))
        print(
            f"{name:8} wall {w:.3f} s = {w / m:.2f}x (launch by launch {pairs[0]:.2f}-{pairs[-1]:.2f}x), "
            f"CPU {c:.2f} s = {c / mc:.2f}x"
        )


if __name__ == "__main__":
    main()
