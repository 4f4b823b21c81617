"""First frame showing the decks, two versions of quizapp beside a minimal Textual app, launch by launch (a script).

    python3 benchmarks/ab_first_frame.py BEFORE_SRC AFTER_SRC [runs] [--cli]

BEFORE_SRC and AFTER_SRC are `src` folders of two checkouts (e.g. `git archive <commit> src | tar -x -C /tmp/b`).
Each round launches the minimal app, then each version, in a pseudo-terminal as benchmarks/run.py does, so all
three see the same load, the two versions in turn first; prints wall medians and CPU medians beside the minimal
app's. quizapp is started as benchmarks/run.py starts it (`make_app(...).run()`), or with --cli as the `quizapp`
command does (`quizapp.cli.main.main`, which parses the command line first).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402

DECKS = Path(__file__).resolve().parents[1] / "decks"
CLI = """
import sys
from quizapp.cli.main import main
sys.exit(main(["--home", sys.argv[1], "--learner", "bench", "--decks", sys.argv[2]]))
"""


def main() -> None:
    cli = "--cli" in sys.argv
    argv = [a for a in sys.argv[1:] if a != "--cli"]
    before, after = argv[0], argv[1]
    runs = int(argv[2]) if len(argv) > 2 else 9
    quizapp = CLI if cli else run.QUIZAPP
    started, load_before = time.strftime("%H:%M:%S", time.gmtime()), os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        base.update(PYTHONPYCACHEPREFIX=str(tmp / "pyc"), TERM="xterm-256color", COLORTERM="truecolor")
        envs = {"before": dict(base, PYTHONPATH=before), "after": dict(base, PYTHONPATH=after)}
        run.in_terminal(run.MINIMAL_APP, [], [b"hello"], base)  # compile and fill the caches, untimed
        for name, env in envs.items():
            run.in_terminal(quizapp, [str(tmp / name), str(DECKS)], [b"All decks"], env)
        wall: dict[str, list[float]] = {"minimal": [], "before": [], "after": []}
        cpu: dict[str, list[float]] = {"minimal": [], "before": [], "after": []}
        for i in range(runs):
            wall["minimal"] += run.in_terminal(run.MINIMAL_APP, [], [b"hello"], base, cpu["minimal"])
            for name in ("before", "after") if i % 2 == 0 else ("after", "before"):
                args = [str(tmp / name), str(DECKS)]
                wall[name] += run.in_terminal(quizapp, args, [b"All decks"], envs[name], cpu[name])
    m, mc = statistics.median(wall["minimal"]), statistics.median(cpu["minimal"])
    how = "the quizapp command (cli.main)" if cli else "make_app(...).run()"
    ended = time.strftime("%H:%M:%S", time.gmtime())
    print(
        f"{started}-{ended} UTC, load average {load_before:.1f} -> {os.getloadavg()[0]:.1f}, {runs} rounds, "
        f"quizapp started by {how}"
    )
    for name in wall:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        pairs = sorted(b / a for a, b in zip(wall["minimal"], wall[name], strict=True))
        print(
            f"{name:8} wall {w:.3f} s = {w / m:.2f}x (launch by launch {pairs[0]:.2f}-{pairs[-1]:.2f}x), "
            f"CPU {c:.2f} s = {c / mc:.2f}x"
        )


if __name__ == "__main__":
    main()
