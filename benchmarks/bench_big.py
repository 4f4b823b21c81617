"""A big deck (default 100,000 notes): load cold and warm, memory, per-stage costs, browser search per keystroke.

    PYTHONPATH=src python3 benchmarks/bench_big.py [notes] [runs]

Every load runs in a fresh process, so RSS and the cache are honest; figures are medians over `runs`.
"cold" = no deck cache (TOML parsing + validation); "cold + cache write" = first load that fills the cache;
"warm" = the validated cache hits.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import OWN_PEAK, precompile, write_deck  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"
QUERIES = ("fact 4321", "happened in 1950", "b-09999", "zzz")

CHILD = (
    OWN_PEAK
    + """
import json, sys, time
t0 = time.perf_counter(); c0 = time.process_time()
from pathlib import Path
from quizapp.decks.cache import DeckCache
from quizapp.decks.library import load_library
imported = time.perf_counter() - t0
cache = DeckCache(Path(sys.argv[2])) if sys.argv[3] == "cache" else None
t = time.perf_counter(); c = time.process_time()
lib = load_library([Path(sys.argv[1])], cache)
out = {"load": time.perf_counter() - t, "load_cpu": time.process_time() - c, "import": imported,
       "rss": int(open("/proc/self/statm").read().split()[1]) * 4096 / 2**20,
       "peak": peak(), "notes": len(lib.notes),
       "hits": cache.hits if cache else 0}
if sys.argv[4] == "browse":
    from quizapp.study.browse import BrowseIndex
    t = time.perf_counter()
    index = BrowseIndex(lib)
    out["index"] = time.perf_counter() - t
    keys = []
    for query in sys.argv[5:]:
        for i in range(1, len(query) + 1):  # as typed, one keystroke at a time
            t = time.perf_counter()
            index.search(query[:i])
            keys.append((time.perf_counter() - t) * 1000)
        index.search("")
    keys.sort()
    out["keys"] = {"n": len(keys), "p50": statistics.median(keys), "p95": keys[int(len(keys) * 0.95)], "max": keys[-1]}
    out["rss_browse"] = int(open("/proc/self/statm").read().split()[1]) * 4096 / 2**20
print(json.dumps(out))
"""
)


def child(deck: Path, cache: Path | None, browse: bool = False) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    args = [str(deck), str(cache or ""), "cache" if cache else "none", "browse" if browse else "-", *QUERIES]
    run = subprocess.run(
        [sys.executable, "-c", "import statistics\n" + CHILD, *args], capture_output=True, text=True, env=env
    )
    if run.returncode:
        raise SystemExit(f"benchmark child failed:\n{run.stderr}")
    return json.loads(run.stdout)


def med(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results)


def stage_costs(deck: Path) -> list[tuple[str, str]]:
    """CPU seconds of each stage of a cold load, in this process (GC off, as the loader runs them)."""
    import gc
    import importlib
    import marshal
    import time

    import rtoml

    from quizapp.decks import cache as deckcache
    from quizapp.decks import library as decks
    from quizapp.decks import models
    from quizapp.decks.cache import DeckCache
    from quizapp.decks.plain import build

    raw = deck.read_bytes()
    text = raw.decode("utf-8")
    out = []

    def cpu(label: str, fn):  # noqa: ANN001, ANN202
        c = time.process_time()
        value = fn()
        out.append((f"  stage: {label}", f"{time.process_time() - c:.3f} s CPU"))
        return value

    gc.disable()
    try:
        parsed = cpu("rtoml.loads", lambda: rtoml.loads(text))
        deck_model = cpu(
            "plain-Python build (decks.plain: what a valid deck takes)", lambda: build(models.Deck, parsed)
        )
        schema = cpu(
            "pydantic: import (only for a deck the plain build declines; 0 if this process has it)",
            lambda: importlib.import_module("quizapp.decks.schema"),
        )
        cpu("pydantic: build the validator (the same, once per process)", lambda: schema.adapter(models.Deck))
        again = cpu("pydantic: validation (the same)", lambda: schema.validate(models.Deck, parsed))
        assert again == deck_model
        cpu("reference checks", lambda: models.reference_problems(deck_model))
        cache = DeckCache(Path(tempfile.mkdtemp()))
        cpu("hash the file (cache key, in a thread)", lambda: cache.key(deck, raw, deck.stat())["blake2b"].hexdigest())
        payload = cpu("marshal for the cache", lambda: marshal.dumps(deckcache._to_plain(deck_model)))
        plain = cpu("unmarshal from the cache", lambda: marshal.loads(payload))
        cpu("rebuild the notes from the cache", lambda: deckcache._from_plain(plain))
        cpu("Library index", lambda: decks.Library([decks.LoadedDeck(deck_model, deck)]))
    finally:
        gc.enable()
    return out


def rows(n: int = 100_000, runs: int = 3) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        deck = write_deck(tmp / "big.toml", n)
        size = deck.stat().st_size / 2**20
        cold = [child(deck, None) for _ in range(runs)]
        first = child(deck, tmp / "cache")  # fills the cache
        warm = [child(deck, tmp / "cache") for _ in range(runs)]
        assert all(w["hits"] == 1 for w in warm)
        browse = child(deck, tmp / "cache", browse=True)
        out = [
            (f"{n:,} notes: deck file", f"{size:.1f} MB"),
            (f"{n:,} notes: import decks", f"{med(cold, 'import'):.3f} s"),
            (f"{n:,} notes: load cold (no cache)", f"{med(cold, 'load'):.2f} s ({med(cold, 'load_cpu'):.2f} s CPU)"),
            (f"{n:,} notes: load cold + cache write", f"{first['load']:.2f} s ({first['load_cpu']:.2f} s CPU)"),
            (f"{n:,} notes: load warm (cache hit)", f"{med(warm, 'load'):.2f} s ({med(warm, 'load_cpu'):.2f} s CPU)"),
            (
                f"{n:,} notes: RSS after cold load (no cache)",
                f"{med(cold, 'rss'):.0f} MB (peak {med(cold, 'peak'):.0f} MB)",
            ),
            (
                f"{n:,} notes: RSS after cold load + cache write (what the app does)",
                f"{first['rss']:.0f} MB (peak {first['peak']:.0f} MB)",
            ),
            (f"{n:,} notes: RSS after warm load", f"{med(warm, 'rss'):.0f} MB (peak {med(warm, 'peak'):.0f} MB)"),
            (f"{n:,} notes: browser index build", f"{browse['index']:.2f} s, RSS then {browse['rss_browse']:.0f} MB"),
            (
                f"{n:,} notes: browser search per keystroke",
                "p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max:.1f} ms over {n} keys".format(**browse["keys"]),
            ),
        ]
        return out + stage_costs(deck)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    precompile()
    for name, value in rows(n, runs):
        print(f"{name:<44}  {value}")


if __name__ == "__main__":
    main()
