"""Print how many typed answers per second quizapp.quiz.answers checks (a script, not a test).

    PYTHONPATH=src python3 benchmarks/bench_answers.py [seconds-per-case]

"Warm" reuses the parsed forms of the expected answers, as a study session does;
"cold" parses every text afresh.
"""

from __future__ import annotations

import sys
import time

from quizapp.quiz import tokens
from quizapp.quiz.answers import check_answer, diff_chars

CASES: list[tuple[str, str, tuple[str, ...]]] = [
    ("Kremlin", "the Kremlin", ()),
    ("Islamabd", "Islamabad", ()),
    ("May 1, 1948", "1 May 1948", ()),
    ("US$2 bn", "$2 billion", ("2,000 million dollars",)),
    ("seventy percent", "70%", ()),
    ("Mi-17", "Mi-35", ()),
    ("Zulfikar Ali Buto", "Zulfikar Ali Bhutto", ("Z. A. Bhutto",)),
    ("Сергей Лавров", "Сергей Лавров", ()),
    ("پاکستان", "پاکستان", ()),
    ("Shanghai Cooperation Organization", "Shanghai Cooperation Organisation", ("SCO",)),
]


def rate(fn: object, seconds: float) -> float:
    """Calls per second of fn() over about `seconds`."""
    n, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for _ in range(50):
            fn()  # type: ignore[operator]
        n += 50
    return n / elapsed


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 0.3
    print(f"{'case':<40} {'warm/s':>10} {'cold/s':>10} {'diff/s':>10}")
    for given, answer, accept in CASES:
        warm = rate(lambda g=given, a=answer, x=accept: check_answer(g, a, x), seconds)

        def cold(g: str = given, a: str = answer, x: tuple[str, ...] = accept) -> None:
            tokens._tokens_cached.cache_clear()
            check_answer(g, a, x)

        diff = rate(lambda g=given, a=answer: diff_chars(g, a), seconds)
        print(f"{given[:38]:<40} {warm:>10,.0f} {rate(cold, seconds):>10,.0f} {diff:>10,.0f}")
    long = ("the Kremlin 1948 two thousand $ 5 % мая پاکستان, " * 2100)[:100_000]
    start = time.perf_counter()
    check_answer(long, long[:-1])
    print(f"one 100,000-character answer: {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
