"""Synthetic decks and progress for benchmarks: N notes, every question kind."""

from __future__ import annotations

from pathlib import Path


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
