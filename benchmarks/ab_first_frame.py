"""First frame showing the decks: versions of quizapp beside a minimal Textual app, launch by launch (a script).

    python3 benchmarks/ab_first_frame.py BEFORE_SRC AFTER_SRC [MORE_SRC...] [runs] [--cli | --plain]

BEFORE_SRC, AFTER_SRC (and any more) are `src` folders of checkouts (e.g. `git archive <commit> src | tar -x -C
/tmp/b`). Each round launches the minimal app, then each version, in a pseudo-terminal as benchmarks/run.py does,
so all see the same load, the versions in turn first (forward, then backward); prints wall medians and CPU
medians beside the minimal app's. quizapp is started as benchmarks/run.py starts it (`make_app(...).run()`), or
with --cli as the `quizapp` command does (`quizapp.cli.main.main`, which parses the command line first), or with
--plain as a plain `quizapp` with no arguments (QUIZAPP_HOME set; the decks are each checkout's bundled ones, the
decks/ folder beside its src/, which a `git archive <commit> src decks` gives).

CPU is given two ways: the child's user + system time read from /proc when its frame arrives (10 ms steps, as
benchmarks/run.py does), and the child's own `time.process_time()` (every thread, to the microsecond) taken as
it writes that frame: each app's terminal stream is wrapped so that the write carrying the frame's text notes it.
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
PLAIN = """
import sys
from quizapp.cli.main import main
sys.exit(main([]))
"""
# Put before each app's code: Textual writes its frames to sys.__stderr__; the write that completes the marker
# appends the process's CPU time so far to the file AB_CPU_OUT names.
CPU_AT_FRAME = """
import os as _os, sys as _sys, time as _time
class _NoteCpu:
    def __init__(self, stream, marker, out):
        self.stream, self.marker, self.out, self.tail = stream, marker, out, ""
    def write(self, text):
        if self.out and self.marker in self.tail + text:
            with open(self.out, "a") as f:
                f.write(f"{_time.process_time()}\\n")
            self.out = ""
        self.tail = text[-len(self.marker):]
        return self.stream.write(text)
    def __getattr__(self, name):
        return getattr(self.stream, name)
_sys.__stderr__ = _NoteCpu(_sys.__stderr__, _os.environ["AB_MARKER"], _os.environ["AB_CPU_OUT"])
"""


def main() -> None:
    cli, plain = "--cli" in sys.argv, "--plain" in sys.argv
    argv = [a for a in sys.argv[1:] if a not in ("--cli", "--plain")]
    runs = int(argv.pop()) if argv[-1].isdigit() else 9
    versions = {"before": argv[0], "after": argv[1]} if len(argv) == 2 else {f"v{i}": a for i, a in enumerate(argv)}
    quizapp = PLAIN if plain else CLI if cli else run.QUIZAPP
    apps = {"minimal": CPU_AT_FRAME + run.MINIMAL_APP, "quizapp": CPU_AT_FRAME + quizapp}
    started, load_before = time.strftime("%H:%M:%S", time.gmtime()), os.getloadavg()[0]
    names = ("minimal", *versions)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        base.update(PYTHONPYCACHEPREFIX=str(tmp / "pyc"), TERM="xterm-256color", COLORTERM="truecolor")
        envs = {"minimal": dict(base, AB_MARKER="hello", AB_CPU_OUT=str(tmp / "cpu-minimal"))}
        for name, src in versions.items():
            envs[name] = dict(base, PYTHONPATH=src, AB_MARKER="All decks", AB_CPU_OUT=str(tmp / f"cpu-{name}"))
            envs[name].update(QUIZAPP_HOME=str(tmp / name), QUIZAPP_LEARNER="bench")  # for --plain

        def launch(name: str, ticks: list[float] | None = None) -> list[float]:
            code, args, marker = apps["minimal"], [], b"hello"
            if name != "minimal":
                code, args, marker = apps["quizapp"], [] if plain else [str(tmp / name), str(DECKS)], b"All decks"
            return run.in_terminal(code, args, [marker], envs[name], ticks)

        for name in names:  # compile and fill the caches, untimed
            launch(name)
            Path(envs[name]["AB_CPU_OUT"]).unlink(missing_ok=True)
        wall: dict[str, list[float]] = {name: [] for name in names}
        ticks: dict[str, list[float]] = {name: [] for name in names}
        for i in range(runs):
            for name in ("minimal", *(list(versions) if i % 2 == 0 else list(versions)[::-1])):
                wall[name] += launch(name, ticks[name])
        cpu = {name: [float(x) for x in Path(envs[name]["AB_CPU_OUT"]).read_text().split()] for name in names}
    m, mt, mc = (statistics.median(x["minimal"]) for x in (wall, ticks, cpu))
    how = (
        "a plain quizapp (cli.main, no arguments)" if plain else "the quizapp command (cli.main)" if cli else "make_app"
    )
    ended = time.strftime("%H:%M:%S", time.gmtime())
    print(
        f"{started}-{ended} UTC, load average {load_before:.1f} -> {os.getloadavg()[0]:.1f}, {runs} rounds, "
        f"quizapp started by {how}"
    )
    for name in names:
        w, t, c = statistics.median(wall[name]), statistics.median(ticks[name]), statistics.median(cpu[name])
        pairs = sorted(b / a for a, b in zip(wall["minimal"], wall[name], strict=True))
        label = f"{name} ({versions[name]})" if name in versions and len(versions) > 2 else name
        print(
            f"{label:8} wall {w:.3f} s = {w / m:.2f}x (launch by launch {pairs[0]:.2f}-{pairs[-1]:.2f}x), "
            f"CPU {c:.3f} s = {c / mc:.2f}x (/proc: {t:.2f} s = {t / mt:.2f}x)"
        )


if __name__ == "__main__":
    main()
