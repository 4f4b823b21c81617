"""Launch -> first due card of a 10,000-card collection, cold (no caches) and warm (caches filled), two versions
of quizapp, round by round (a script).

    python3 benchmarks/ab_cold.py BEFORE_SRC AFTER_SRC [cards] [rounds]

BEFORE_SRC and AFTER_SRC are `src` folders of two checkouts (e.g. `git archive <commit> src | tar -x -C /tmp/b`).
Each round runs anki_compare's quizapp child once per version and way, so all see the same load (each version has
its own home, with the progress written by its own code, so their caches do not replace each other's); prints the
wall median (launch to the card in hand) and the child's CPU median (which includes what the child does after the
card: closing, and writing caches). Three ways: cold (caches off, as anki_compare's cold figure), cold with the
caches on but none there yet (the cache folder removed: what a user's first open after an install, an upgrade or
a deck edit does, writing them), warm (the caches the previous launch wrote). Each version's bytecode is written
once, into a folder of its own (PYTHONPYCACHEPREFIX; PYTHONDONTWRITEBYTECODE, set on the shared machine, is
dropped), as an installed app reads it: without that a version whose bytecode is missing or stale compiles at
every launch.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import anki_compare  # noqa: E402
from synth import write_deck  # noqa: E402


def child_env(src: str, home: Path) -> dict[str, str]:
    """The child's environment: `src` first on the path, its bytecode kept beside `home`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return dict(env, PYTHONPATH=src, PYTHONPYCACHEPREFIX=str(home.parent / f"{home.name}-pyc"))


def once(src: str, home: Path, deck: Path, cache: str = "nocache") -> tuple[float, float]:
    """(wall seconds to the card, CPU seconds of the child) for one launch."""
    env = child_env(src, home)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.time()
    run = subprocess.run(
        [sys.executable, "-c", anki_compare.QUIZAPP, str(home), str(deck), cache],
        capture_output=True,
        text=True,
        env=env,
    )
    if run.returncode:
        raise SystemExit(f"benchmark child failed:\n{run.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return float(run.stdout.split()[0]) - t, cpu


def progress(src: str, home: Path, n: int) -> None:
    """The progress of n cards as this version writes it (synth.write_progress run with its code)."""
    code = "import sys; from datetime import datetime, timezone; from pathlib import Path; "
    code += "from synth import write_progress; "
    code += "write_progress(Path(sys.argv[1]), 'bench', int(sys.argv[2]), datetime.now(timezone.utc))"
    env = child_env(os.pathsep.join([src, str(Path(__file__).resolve().parent)]), home)
    subprocess.run([sys.executable, "-c", code, str(home), str(n)], check=True, env=env)


def main() -> None:
    before, after = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 9
    versions = {"before": before, "after": after}
    wall: dict[tuple[str, str], list[float]] = {}
    cpu: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        deck = write_deck(tmp / "big.toml", n)
        for name, src in versions.items():
            progress(src, tmp / name, n)
            once(src, tmp / name, deck, "cache")  # compile, fill this version's caches; untimed
        for _ in range(rounds):
            for way in ("nocache", "first", "cache"):
                for name, src in versions.items():
                    if way == "first":  # the first open after an install, an upgrade or a deck edit
                        shutil.rmtree(tmp / name / "cache", ignore_errors=True)
                    w, c = once(src, tmp / name, deck, "nocache" if way == "nocache" else "cache")
                    wall.setdefault((name, way), []).append(w)
                    cpu.setdefault((name, way), []).append(c)
    print(f"load average {os.getloadavg()[0]:.1f}, {rounds} rounds, {n:,} cards")
    names = {"nocache": "cold (no caches)", "first": "cold, caches written", "cache": "warm (caches)"}
    for (name, way), times in sorted(wall.items(), key=lambda item: list(names).index(item[0][1])):
        what = names[way]
        median_cpu = statistics.median(cpu[name, way])
        print(f"{name:7} {what:20} wall {statistics.median(times):.3f} s, CPU {median_cpu:.3f} s")


if __name__ == "__main__":
    main()
