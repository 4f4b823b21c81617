"""Open a 10,000-card collection and get its first due card: quizapp beside Anki's own library (a script).

    PYTHONPATH=src python3 benchmarks/anki_compare.py [cards] [runs]

Both hold the same cards (one per note, same text), all in review, every tenth one due. Each figure is the
median over fresh processes, from launch to the first due card in hand (imports included):
  quizapp: open_workspace (decks + learner progress) -> StudySession -> current()
  Anki:    Collection(path) -> col.sched.get_queued_cards(fetch_limit=1)
Needs `pip install anki`; without it only quizapp's rows are printed.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import precompile, write_deck, write_progress  # noqa: E402

QUIZAPP = """
import sys, time
from pathlib import Path
from quizapp.study.session import StudySession
from quizapp.workspace import open_workspace
ws = open_workspace(Path(sys.argv[1]), "bench", [Path(sys.argv[2])], cache=sys.argv[3] == "cache")
card = StudySession(ws.store, ws.scheduler, ws.notes()).current()
print(time.time(), card.card_id)
ws.close()
"""
ANKI = """
import sys, time
from anki.collection import Collection
col = Collection(sys.argv[1])
card = col.sched.get_queued_cards(fetch_limit=1).cards[0]
print(time.time(), card.card.id)
col.close()
"""
IMPORTS = {"quizapp": "import quizapp.workspace, quizapp.study.session", "anki": "import anki.collection"}


def build_anki(path: Path, n: int) -> None:
    """An Anki collection with n Basic notes in review, every tenth due: built once, not timed."""
    from anki.collection import AddNoteRequest, Collection

    col = Collection(str(path))
    model = col.models.by_name("Basic")
    deck_id = col.decks.id("bench")
    col.decks.select(deck_id)  # the deck the scheduler studies
    requests = []
    for i in range(n):
        note = col.new_note(model)
        year = 1900 + i % 120
        note["Front"] = f"Fact number {i} happened in [...]."
        note["Back"] = f"Fact number {i} happened in {year}."
        requests.append(AddNoteRequest(note, deck_id))
    col.add_notes(requests)
    today = col.sched.today
    col.db.execute(
        "update cards set type=2, queue=2, ivl=12, factor=2500, "
        "due = case when (id % 10) = 0 then ? else ? + (id % 60) end",
        today - 1,
        today + 1,
    )
    col.close()


def timed(code: str, args: list[str], runs: int) -> float:
    """Median seconds from launching a fresh interpreter to the moment the child prints its stamp."""
    out = []
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    for _ in range(runs):
        t = time.time()
        run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
        if run.returncode:
            raise SystemExit(f"benchmark child failed:\n{run.stderr}")
        out.append(float(run.stdout.split()[0]) - t)
    return statistics.median(out)


SRC = Path(__file__).resolve().parents[1] / "src"


def rows(n: int = 10_000, runs: int = 5) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        deck = write_deck(tmp / "big.toml", n)
        write_progress(tmp / "home", "bench", n, datetime.now(timezone.utc))
        stamp = "import time; print(time.time())\n"
        out = [("python -c 'import time' (interpreter start)", f"{timed(stamp, [], runs):.3f} s")]
        imp = timed(IMPORTS["quizapp"] + "\n" + stamp, [], runs)
        out.append(("quizapp: import workspace + session", f"{imp:.3f} s"))
        cold = timed(QUIZAPP, [str(tmp / "home"), str(deck), "nocache"], runs)
        out.append((f"quizapp: {n:,} cards, first due card, no deck cache", f"{cold:.3f} s"))
        timed(QUIZAPP, [str(tmp / "home"), str(deck), "cache"], 1)  # fill the cache
        warm = timed(QUIZAPP, [str(tmp / "home"), str(deck), "cache"], runs)
        out.append((f"quizapp: {n:,} cards, first due card, deck cache warm", f"{warm:.3f} s"))
        try:
            import anki  # noqa: F401
        except ImportError as e:
            out.append(("anki", f"not measured: {e}"))
            return out
        build_anki(tmp / "bench.anki2", n)
        imp = timed(IMPORTS["anki"] + "\n" + stamp, [], runs)
        out.append(("anki: import anki.collection", f"{imp:.3f} s"))
        anki = timed(ANKI, [str(tmp / "bench.anki2")], runs)
        out.append((f"anki: {n:,} cards, first queued card", f"{anki:.3f} s"))
        out.append(("quizapp / anki (cold, warm)", f"{cold / anki:.2f}x, {warm / anki:.2f}x"))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    precompile()
    for name, value in rows(n, runs):
        print(f"{name:<52}  {value}")


if __name__ == "__main__":
    main()
