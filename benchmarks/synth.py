"""Synthetic decks and progress for benchmarks: N notes, every question kind."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path


def precompile() -> None:
    """Write quizapp's bytecode, as installing it from a wheel does. Where PYTHONDONTWRITEBYTECODE is set (it is
    on the machine these figures come from) every launch would otherwise compile quizapp from source."""
    import compileall

    compileall.compile_dir(Path(__file__).resolve().parents[1] / "src" / "quizapp", quiet=1)


def write_deck(path: Path, n: int, deck_id: str = "bench") -> Path:
    parts = [
        "format = 1\n",
        f'[deck]\nid = "{deck_id}"\ntitle = "Benchmark deck ({n} notes)"\n',
        '[[sources]]\nid = "src"\ntitle = "Synthetic source"\n',
    ]
    for i in range(n):
        year = 1900 + i % 120
        parts.append(
            f'[[notes]]\nid = "b-{i:06d}"\nstatement = "Fact number {i} happened in {year}."\nsource = "src"\n'
            f'locator = "para {i}"\nquote = "fact {i}"\ntags = ["t{i % 20}"]\ndate = "{year}"\nevent = "Fact {i}"\n'
            f'cloze = {{ text = "Fact number {i} happened in {{{{c1::{year}}}}}." }}\n'
            f'typed = {{ prompt = "When did fact {i} happen?", answer = "{year}" }}\n'
            f'choice = {{ prompt = "When did fact {i} happen?", answer = "{year}", '
            f'distractors = ["{year + 1}", "{year + 2}", "{year + 3}"] }}\n'
        )
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def card_ids(n: int) -> list[str]:
    """The card ids write_deck gives (one cloze card per note)."""
    return [f"b-{i:06d}" for i in range(n)]


def write_progress(home: Path, learner: str, n: int, now: datetime, due_every: int = 10) -> None:
    """Progress for write_deck's n cards: all in review, every `due_every`-th one due, the rest later."""
    from quizapp.progress.store import LearnerStore
    from quizapp.scheduling.scheduler import CardState

    store = LearnerStore(home, learner).open()
    store.states = {
        cid: CardState(
            cid,
            2,
            None,
            12.0 + i % 50,
            5.0,
            now - timedelta(days=1 + i % 3) if i % due_every == 0 else now + timedelta(days=1 + i % 60),
            now - timedelta(days=12),
        )
        for i, cid in enumerate(card_ids(n))
    }
    store.compact()
    store.close()


# The start of a child script that reports its own peak memory (`peak()`, MB): a child's getrusage ru_maxrss
# starts from its parent's, but Linux's VmHWM can be reset through clear_refs.
OWN_PEAK = """
try:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
except OSError:
    pass
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""
