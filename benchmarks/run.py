"""Print quizapp's benchmark table, every figure from one run. Not a test: `python benchmarks/run.py [--quick]`.

Measures deck load + validation at 1k/10k/100k notes, one durable review save beside bare fsync baselines,
the time to the first frame of the app beside a minimal Textual app, opening a 10,000-card collection
beside Anki's library, the 100,000-note deck (cold, warm, memory, browser search) and study key presses.
--quick uses 10,000 notes where the full run uses 100,000.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import anki_compare  # noqa: E402
import bench_app_memory  # noqa: E402
import bench_big  # noqa: E402
import bench_save  # noqa: E402
import bench_study  # noqa: E402
from synth import precompile, write_deck  # noqa: E402

from quizapp.decks.library import load_deck  # noqa: E402

# Both apps run in a pseudo-terminal of 100x30, as in a terminal window; the figure is the moment the parent reads
# from the terminal the text of a frame: "hello" for the minimal app; for quizapp the frame that says "Loading
# decks…" (if one comes) and the first frame that shows the decks ("All decks", the table's last row).
MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("hello")
Minimal().run()
"""
QUIZAPP = """
import sys
from pathlib import Path
from quizapp.tui.app import make_app
make_app(home=Path(sys.argv[1]), learner="bench", deck_paths=[Path(sys.argv[2])]).run()
"""


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc (10 ms steps)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def in_terminal(
    code: str, args: list[str], markers: list[bytes], env: dict[str, str], cpu: list[float] | None = None
) -> list[float]:
    """Seconds from launch until each marker has been written to the terminal (the last one ends the run); the
    child's CPU seconds at each go to `cpu`: on a shared machine, wall time also counts waiting for a core."""
    cpu = [] if cpu is None else cpu
    import fcntl
    import pty
    import select
    import signal
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    t = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen: list[float] = []
    out = b""
    try:
        while len(seen) < len(markers):
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                raise SystemExit(f"no {markers[len(seen)]!r} on the terminal in 30 s:\n{out[-2000:]!r}")
            out += os.read(master, 65536)
            while len(seen) < len(markers) and markers[len(seen)] in out:
                seen.append(time.perf_counter() - t)
                cpu.append(_cpu_seconds(child.pid))
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        os.close(master)
    return seen


def deck_load(sizes: list[int], tmp: Path) -> list[tuple[str, str]]:
    rows = []
    for n in sizes:
        path = write_deck(tmp / f"deck{n}.toml", n)
        t = time.perf_counter()
        load_deck(path)
        gc.collect()
        rows.append((f"load + validate {n:,} notes (no cache)", f"{time.perf_counter() - t:.3f} s"))
    return rows


def first_frame(tmp: Path, runs: int = 5) -> list[tuple[str, str]]:
    """Launch to first frame in a terminal, quizapp's home screen beside a minimal Textual app (one Static).

    Both read compiled bytecode, as an installed app does: PYTHONDONTWRITEBYTECODE (set on the shared machine)
    would make only quizapp, installed editable, compile its modules on every launch. The cache goes to a
    temporary folder, and one untimed launch of each fills it (and quizapp's deck and progress caches).
    """
    decks = Path(__file__).resolve().parents[1] / "decks"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPYCACHEPREFIX=str(tmp / "pycache"), TERM="xterm-256color", COLORTERM="truecolor")
    args = [str(tmp / "ff-home"), str(decks)]
    in_terminal(MINIMAL_APP, [], [b"hello"], env), in_terminal(QUIZAPP, args, [b"All decks"], env)  # fill caches
    # Interleaved, so both see the same load on a shared machine.
    minimal, loading, content, minimal_cpu, cpu = [], [], [], [], []
    for _ in range(runs):
        minimal += in_terminal(MINIMAL_APP, [], [b"hello"], env, minimal_cpu)
        first, shown = in_terminal(QUIZAPP, args, [b"quizapp", b"All decks"], env, cpu)
        loading.append(first)
        content.append(shown)
    m, q, c = statistics.median(minimal), statistics.median(loading), statistics.median(content)
    mc, cc = statistics.median(minimal_cpu), statistics.median(cpu[1::2])
    pairs = sorted(b / a for a, b in zip(minimal, content, strict=True))
    return [
        ("first frame: minimal Textual app (CPU of the process until then)", f"{m:.3f} s ({mc:.2f} s CPU)"),
        ("first frame: quizapp, any (its header)", f"{q:.3f} s ({q / m:.2f}x)"),
        (
            "first frame showing the decks: quizapp, bundled decks",
            f"{c:.3f} s ({c / m:.2f}x; launch by launch {pairs[0]:.2f}-{pairs[-1]:.2f}x over {runs}; "
            f"CPU {cc:.2f} s = {cc / mc:.2f}x)",
        ),
    ]


def main() -> None:
    quick = "--quick" in sys.argv
    precompile()
    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        rows = deck_load(sizes, tmp) + bench_save.rows(1000, (1_000, 100_000)) + first_frame(tmp, 5 if quick else 9)
    rows += anki_compare.rows(10_000, 3 if quick else 5)
    rows += bench_big.rows(sizes[-1], 2 if quick else 3)
    rows += bench_app_memory.rows(sizes[-1])
    rows += bench_study.rows(10_000, 60 if quick else 120)
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  result    (load average at the end: {os.getloadavg()[0]:.1f})")
    print(f"{'-' * width}  {'-' * 30}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
