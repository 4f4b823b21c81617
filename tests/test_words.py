"""Counts read as words: '1 review', '3 reviews', never 'review(s)' (one rule, quizapp.words, for every layer)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from quizapp.words import counted

SRC = Path(__file__).resolve().parents[1] / "src" / "quizapp"
# A counted value followed by a "(s)" word: "{n} record(s)", "{len(x)} card state(s)".
COUNT_THEN_S = re.compile(r"\{[^{}]*\} [A-Za-z ]*[A-Za-z]\(s\)")


def test_one_is_singular_and_others_plural() -> None:
    assert counted(1, "review") == "1 review"
    assert counted(3, "review") == "3 reviews"
    assert counted(0, "card") == "0 cards"
    assert counted(2, "unsaved change") == "2 unsaved changes"
    assert counted(1200, "box", "boxes") == "1,200 boxes"


@given(st.integers(min_value=0, max_value=10**6))
def test_never_an_s_in_brackets(n: int) -> None:
    out = counted(n, "question")
    assert "(s)" not in out
    assert out.endswith("question" if n == 1 else "questions")


def test_no_message_counts_with_an_s_in_brackets() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.JoinedStr):
                segment = ast.get_source_segment(text, node) or ""
                if COUNT_THEN_S.search(segment):
                    found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert found == []
