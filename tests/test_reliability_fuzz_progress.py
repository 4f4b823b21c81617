"""Hostile progress files: profile.toml, cards.toml and events.log mangled, truncated, random, huge, deep, binary.

Opening the learner either works (and what it loaded is valid, usable and survives a save and a reload) or raises
CorruptFile naming the file (and the line where known); a file that fails to load is never modified, and a log
whose torn tail is cut off has that tail kept byte for byte beside it. QUIZAPP_FUZZ_EXAMPLES raises the counts.
"""

from __future__ import annotations

import math
import os
import uuid
import zlib
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quizapp.errors import CorruptFile
from quizapp.paths import learner_dir
from quizapp.progress.recovery import recover
from quizapp.progress.store import PROFILE, LearnerStore
from quizapp.scheduling.scheduler import Rating, Scheduler
from tui_helpers import wait_for_screen

CARDS, LOG = "cards-test.toml", "events-test.log"  # device "test"'s own files (conftest)

EXAMPLES = int(os.environ.get("QUIZAPP_FUZZ_EXAMPLES", "0")) or None
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
SCHED = Scheduler(enable_fuzzing=False)
RUNS: Counter[str] = Counter()  # hypothesis examples actually run, per loader
OUTCOMES: Counter[str] = Counter()  # opened / CorruptFile / torn tail set aside


def fuzz(default: int):
    """Hypothesis settings: `default` examples, or QUIZAPP_FUZZ_EXAMPLES."""
    return settings(
        max_examples=EXAMPLES or default,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.fixture(scope="module", autouse=True)
def _report():
    """Print the counts at the end (pytest -s shows them). fsync is skipped here: these tests are about parsing,
    and tests/test_crash.py proves durability; without it thousands of inputs fit in the time of a test run."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "fsync", lambda fd: None)
        mp.setattr(os, "fdatasync", lambda fd: None, raising=False)
        yield
    total = sum(RUNS.values())
    per = ", ".join(f"{k} {v}" for k, v in sorted(RUNS.items()))
    print(f"\nprogress fuzz: {total} inputs ({per}); outcomes: {dict(OUTCOMES)}")


# -- a valid learner to start from ---------------------------------------------------------------------------
def _valid_files() -> dict[str, bytes]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with LearnerStore(root, "ann") as store:
            for i in range(6):
                state = SCHED.review(SCHED.new_card(f"c-{i % 4}", NOW), Rating(i % 4 + 1), NOW)
                store.record(
                    "review", state, NOW + timedelta(minutes=i), rating=i % 4 + 1, duration_ms=900, kind="basic"
                )
            store.compact()
            for i in range(4):
                state = SCHED.review(store.states[f"c-{i}"], Rating.GOOD, NOW + timedelta(days=1))
                store.record("review", state, NOW + timedelta(days=1, minutes=i), rating=3)
            store._since_compact = 0  # keep the last records in the log only
        folder = learner_dir(root, "ann")
        return {name: (folder / name).read_bytes() for name in (PROFILE, CARDS, LOG)}


VALID = _valid_files()


def _in_cards(data: bytes, change: Callable[[bytes], bytes]) -> bytes:
    """`data` with `change` made from the first card table on (the head's packed keys are text, not times)."""
    i = data.index(b"[cards.")
    return data[:i] + change(data[i:])


# -- the property ---------------------------------------------------------------------------------------------
def check_open(root: Path, files: dict[str, bytes], loader: str) -> str:
    """Write `files`, open the learner, and check the promise. Returns what happened."""
    RUNS[loader] += 1
    folder = learner_dir(root, "ann")
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    try:
        store = LearnerStore(root, "ann").open()
    except CorruptFile as e:
        missing_log = e.path.name == LOG and LOG not in files and "missing" in e.detail  # cards.toml counts on it
        assert Path(e.path).parent == folder and (e.path.name in files or missing_log), e
        assert str(e.path) in str(e) and "left untouched" in str(e)
        if e.line is not None:
            assert e.line >= 1 and f"{e.path}:{e.line}:" in str(e)
        for name, data in files.items():
            assert (folder / name).read_bytes() == data, f"{name} was modified although it did not load"
        OUTCOMES["CorruptFile"] += 1
        return "corrupt"
    try:
        for name in (PROFILE, CARDS):
            if name in files:
                assert (folder / name).read_bytes() == files[name], f"{name} loaded but was modified"
        if LOG in files:
            now = (folder / LOG).read_bytes()
            torn = sorted(folder.glob(f"{LOG}.torn-*"))
            kept = torn[-1].read_bytes() if torn else b""
            assert now + kept == files[LOG], "the log lost bytes"
            OUTCOMES["torn tail set aside" if torn else "opened"] += 1
        else:
            OUTCOMES["opened"] += 1
        _usable(store)
        loaded = dict(store.states)
        history = [e.seq for e in store.history()]
        state = SCHED.review(SCHED.new_card("fresh", NOW), Rating.GOOD, NOW)
        store.record("review", state, NOW, rating=3)
    finally:
        store.close()
    with LearnerStore(root, "ann") as again:  # what was saved over a fuzzed start reads back
        assert {k: v for k, v in again.states.items() if k != "fresh"} == loaded
        assert [e.seq for e in again.history() if e.card != "fresh"] == history  # history is in time order
    return "opened"


def _usable(store: LearnerStore) -> None:
    """What loaded has the right types and schedules without an error."""
    s = store.profile.settings
    assert 0.7 <= s.desired_retention <= 0.99 and isinstance(s.active_recall, bool)
    assert isinstance(store.profile.created, datetime)
    for state in list(store.states.values())[:3]:
        for t in (state.due, state.last_review, state.buried_until):
            assert t is None or t.tzinfo is not None
        state.is_available(NOW)
        after = SCHED.review(state, Rating.HARD, NOW + timedelta(days=400))
        assert after.due is not None and math.isfinite(after.stability or 0)
        SCHED.retrievability(after, NOW + timedelta(days=401))
    for e in store.history():
        assert isinstance(e.seq, int) and e.at.tzinfo is not None and isinstance(e.card, str)


def fresh_root(factory: pytest.TempPathFactory) -> Path:
    return factory.getbasetemp() / "fuzz" / uuid.uuid4().hex


# -- strategies -----------------------------------------------------------------------------------------------
@st.composite
def mangled(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` truncated, with bytes flipped, inserted, deleted or repeated."""
    out = bytearray(data)
    if draw(st.booleans()):
        out = out[: draw(st.integers(0, len(out)))]
    for _ in range(draw(st.integers(0 if len(out) < len(data) else 1, 5))):
        if not out:
            out = bytearray(draw(st.binary(min_size=1, max_size=8)))
        op = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "digit"]))
        i = draw(st.integers(0, len(out) - 1))
        j = min(len(out), i + draw(st.integers(1, 60)))
        if op == "flip":
            out[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            out[i:i] = draw(
                st.sampled_from(
                    [
                        b"\x00",
                        b"\xff\xfe",
                        b"\n",
                        b"[",
                        b"=",
                        b'"',
                        b"[[event]]\n",
                        b"-1",
                        b"nan",
                        b"1e999",
                        b"\xc3\x28",
                    ]
                )
                | st.binary(min_size=1, max_size=12)
            )
        elif op == "delete":
            del out[i:j]
        elif op == "repeat":
            out[i:i] = out[i:j]
        else:
            out[i] = ord(draw(st.sampled_from("0123456789-+.:TZe")))
    return bytes(out)


TIMES = st.datetimes(
    min_value=datetime(1, 1, 2),
    max_value=datetime(9999, 12, 30),
    timezones=st.sampled_from(
        [None, timezone.utc, timezone(timedelta(hours=5)), timezone(timedelta(hours=-9, minutes=-30))]
    ),
)
SCALARS = (
    st.integers(-(2**70), 2**70)
    | st.integers(-3, 5)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.text(max_size=30)
    | TIMES
    | st.dates()
    | st.times()
    | st.sampled_from([0, 1, 2, 3, 4, -1, 1.5, 0.9, 1e308, "", "x"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
STATE_KEYS = ["state", "step", "stability", "difficulty", "due", "last_review", "suspended", "buried_until", "flag"]
STATE_KEYS.append("flagged")  # an older quizapp's yes/no flag


def _typed_state_value(key: str) -> st.SearchStrategy:
    good = {
        "state": st.integers(0, 4),
        "step": st.none() | st.integers(-2, 3),
        "stability": st.floats(-1, 1e6) | st.just(float("nan")),
        "difficulty": st.floats(-1, 12),
        "due": TIMES,
        "last_review": TIMES,
        "buried_until": TIMES,
        "suspended": st.booleans(),
        "flagged": st.booleans(),
        "flag": st.integers(-1, 8),
    }[key]
    return st.one_of(good, good, good, SCALARS, VALUES)


@st.composite
def state_tables(draw: st.DrawFn) -> dict:
    keys = draw(st.lists(st.sampled_from(STATE_KEYS), unique=True))
    table = {k: draw(_typed_state_value(k)) for k in keys}
    table = {k: v for k, v in table.items() if v is not None}
    if draw(st.booleans()):
        table[draw(st.text(max_size=6))] = draw(VALUES)
    return table


def toml(doc: dict) -> bytes:
    try:
        return tomli_w.dumps(doc).encode("utf-8")
    except (TypeError, ValueError):  # values TOML cannot hold: write something else
        return b"# unwritable\n"


# -- profile.toml ---------------------------------------------------------------------------------------------
SETTINGS_KEYS = ["desired_retention", "new_per_day", "reviews_per_day", "day_start_hour", "active_recall"]


@st.composite
def profile_docs(draw: st.DrawFn) -> bytes:
    settings_ = {
        k: draw(st.sampled_from([0.85, 10, 100, 6, True]) | VALUES)
        for k in draw(st.lists(st.sampled_from([*SETTINGS_KEYS, "future_option"]), unique=True))
    }
    doc: dict = {"settings": settings_ if draw(st.integers(0, 5)) else draw(VALUES)}
    if draw(st.booleans()):
        doc["learner"] = {"name": "ann", "created": draw(TIMES | VALUES)} if draw(st.booleans()) else draw(VALUES)
    return toml(doc)


@fuzz(350)
@given(raw=st.one_of(mangled(VALID[PROFILE]), profile_docs(), st.binary(max_size=300)))
def test_fuzzed_profile(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    check_open(fresh_root(tmp_path_factory), {PROFILE: raw}, "profile.toml")


# -- cards.toml -----------------------------------------------------------------------------------------------
@st.composite
def cards_docs(draw: st.DrawFn) -> bytes:
    doc: dict = {}
    for key in ("log_offset", "log_seq"):
        if draw(st.integers(0, 3)):
            doc[key] = draw(st.integers(-5, len(VALID[LOG]) + 5) | VALUES)
    cards = draw(
        st.dictionaries(st.text(min_size=1, max_size=12) | st.sampled_from(["c-0", "c-1"]), state_tables(), max_size=3)
    )
    doc["cards"] = cards if draw(st.integers(0, 6)) else draw(VALUES)
    return toml(doc)


@fuzz(400)
@given(raw=st.one_of(mangled(VALID[CARDS]), cards_docs(), st.binary(max_size=300)), with_log=st.booleans())
@example(raw=b"[cards.0]\nstate = 1\nstability = 0.0\ndifficulty = 0.0\n", with_log=False)  # FSRS divided by 0
@example(raw=b"[cards.0]\nstate = 2\n", with_log=False)  # FSRS asserted: a review card needs a stability
def test_fuzzed_cards(tmp_path_factory: pytest.TempPathFactory, raw: bytes, with_log: bool) -> None:
    files = {CARDS: raw, LOG: VALID[LOG]} if with_log else {CARDS: raw}
    check_open(fresh_root(tmp_path_factory), files, "cards-test.toml")


# -- events.log -----------------------------------------------------------------------------------------------
def signed(body: bytes) -> bytes:
    """A record with a correct checksum, whatever its body says."""
    return body + b'crc = "%08x"\n' % zlib.crc32(body)


@st.composite
def forged_records(draw: st.DrawFn) -> bytes:
    """A record whose checksum is right but whose content is wrong: the loader must still check it."""
    body: dict = {
        "seq": draw(st.integers(-3, 9) | VALUES),
        "type": draw(st.sampled_from(["review", "undo"]) | VALUES),
        "card": draw(st.sampled_from(["c-0", "c-9"]) | VALUES),
        "at": draw(TIMES | VALUES),
    }
    for key in draw(st.lists(st.sampled_from(["rating", "duration_ms", "kind", "undoes", "bogus"]), unique=True)):
        body[key] = draw(st.integers(-1, 5) | VALUES)
    for key in draw(st.lists(st.sampled_from(["seq", "type", "card", "at"]), unique=True, max_size=1)):
        body.pop(key)
    body["state"] = draw(state_tables()) if draw(st.integers(0, 5)) else draw(VALUES)
    text = toml({"event": [body]})
    if draw(st.integers(0, 9)) == 0:
        text = b"[[event]]\nseq = " + b"[" * draw(st.integers(900, 3000)) + b"\n"
    return signed(text)


@st.composite
def logs(draw: st.DrawFn) -> bytes:
    records = VALID[LOG].split(b"[[event]]\n")[1:]
    records = [b"[[event]]\n" + r for r in records]
    kind = draw(st.sampled_from(["mangled", "forged", "spliced", "random"]))
    if kind == "mangled":
        return draw(mangled(VALID[LOG]))
    if kind == "random":
        return draw(st.binary(max_size=400))
    if kind == "spliced":  # records dropped, repeated or reordered, each still intact
        return b"".join(draw(st.lists(st.sampled_from(records), max_size=8)))
    at = draw(st.integers(0, len(records)))
    return b"".join(records[:at]) + draw(forged_records()) + b"".join(records[at:])


@fuzz(500)
@given(raw=logs(), with_cards=st.booleans())
def test_fuzzed_log(tmp_path_factory: pytest.TempPathFactory, raw: bytes, with_cards: bool) -> None:
    files = {LOG: raw, CARDS: VALID[CARDS]} if with_cards else {LOG: raw}
    check_open(fresh_root(tmp_path_factory), files, "events-test.log")


@fuzz(200)
@given(
    profile=st.sampled_from([VALID[PROFILE]]) | mangled(VALID[PROFILE]),
    cards=st.sampled_from([VALID[CARDS]]) | mangled(VALID[CARDS]),
    log=st.sampled_from([VALID[LOG]]) | mangled(VALID[LOG]),
)
def test_fuzzed_all_three_and_recover(
    tmp_path_factory: pytest.TempPathFactory, profile: bytes, cards: bytes, log: bytes
) -> None:
    """All three files damaged at once: after recover(), the learner opens, and every damaged file is kept."""
    root = fresh_root(tmp_path_factory)
    files = {PROFILE: profile, CARDS: cards, LOG: log}
    if check_open(root, files, "all three + recover") == "opened":
        return
    folder = learner_dir(root, "ann")
    kept = recover(root, "ann")
    assert kept.parent == folder
    for name, data in files.items():  # each file is either the same or kept aside byte for byte
        copies = [p.read_bytes() for p in folder.glob(f"{name}*")]
        assert data in copies, f"{name} was lost by recover()"
    with LearnerStore(root, "ann") as store:
        _usable(store)
    OUTCOMES["recovered"] += 1
    OUTCOMES["files set aside"] += len(list(folder.glob("*.corrupt-*")))


# -- extremes -------------------------------------------------------------------------------------------------
MB = 1024 * 1024
EXTREMES = {
    "profile 20 MB literal string": (PROFILE, b"note = '" + b"x" * (20 * MB) + b"'\n" + VALID[PROFILE], "opened"),
    "profile 1 MB escaped string": (PROFILE, b'note = "' + b"\\u00e9" * (MB // 6) + b'"\n' + VALID[PROFILE], "opened"),
    "profile deep nesting": (PROFILE, b"settings = " + b"[" * 50_000 + b"]" * 50_000 + b"\n", "corrupt"),
    "profile deep inline tables": (PROFILE, b"x = " + b"{a = " * 3000 + b"1" + b"}" * 3000 + b"\n", "corrupt"),
    "profile NUL byte": (PROFILE, VALID[PROFILE].replace(b"new_per_day", b"new_\x00per_day"), "corrupt"),
    "profile invalid UTF-8": (PROFILE, VALID[PROFILE] + b"# \xc3\x28\n", "corrupt"),
    "profile huge number": (PROFILE, b"[settings]\ndesired_retention = 1" + b"0" * 400 + b"\n", "corrupt"),
    "profile 20 MB of zeros": (PROFILE, b"\x00" * (20 * MB), "corrupt"),
    "cards 25 MB junk": (CARDS, VALID[CARDS] + b"\n[cards.junk]\n" + b"#" * (25 * MB) + b"\nx = [\n", "corrupt"),
    "cards deep nesting": (CARDS, b"cards = " + b"[" * 100_000, "corrupt"),
    "cards NUL byte": (CARDS, VALID[CARDS].replace(b"log_seq", b"log\x00seq"), "corrupt"),
    "cards invalid UTF-8": (CARDS, VALID[CARDS].replace(b"[cards.c-1]", b"[cards.\xff\xfe]"), "corrupt"),
    "cards naive time": (CARDS, _in_cards(VALID[CARDS], lambda b: b.replace(b"+00:00", b"", 1)), "corrupt"),
    "cards negative offset": (CARDS, VALID[CARDS].replace(b"log_offset = ", b"log_offset = -"), "corrupt"),
    "log 30 MB torn tail": (LOG, VALID[LOG] + b"[[event]]\nseq = 99\n" + b"x" * (30 * MB), "opened"),
    "log 20 MB junk mid-file": (LOG, b"\x00" * (20 * MB) + VALID[LOG], "corrupt"),
    "log forged deep nesting": (LOG, VALID[LOG] + signed(b"[[event]]\nseq = " + b"[" * 5000 + b"\n"), "corrupt"),
    "log invalid UTF-8 record": (LOG, VALID[LOG] + signed(b'[[event]]\nseq = 99\nkind = "\xc3\x28"\n'), "corrupt"),
}


@pytest.mark.parametrize("case", list(EXTREMES))
def test_extreme_progress_files(tmp_path: Path, case: str) -> None:
    name, data, expected = EXTREMES[case]
    files = {**VALID, name: data} if name != LOG else {PROFILE: VALID[PROFILE], LOG: data}
    assert check_open(tmp_path, files, "extremes") == expected


def test_corrupt_file_names_the_line(tmp_path: Path) -> None:
    damaged = VALID[CARDS].replace(b"log_seq = ", b"log_seq = = ")
    assert check_open(tmp_path, {**VALID, CARDS: damaged}, "extremes") == "corrupt"
    with pytest.raises(CorruptFile) as info:
        LearnerStore(tmp_path, "ann").open()
    assert info.value.line == 2 and f"{CARDS}:2:" in str(info.value)


def test_wrong_types_are_found_when_opening_not_mid_session(tmp_path: Path) -> None:
    """A state that parses but would crash the scheduler later is refused at once, naming the card."""
    bad = VALID[CARDS].replace(b"state = 2", b'state = "2"', 1).replace(b"state = 1", b'state = "1"', 1)
    assert bad != VALID[CARDS]
    assert check_open(tmp_path, {**VALID, CARDS: bad}, "extremes") == "corrupt"
    with pytest.raises(CorruptFile) as info:
        LearnerStore(tmp_path, "ann").open()
    assert "card 'c-" in str(info.value)


def test_values_of_other_types_are_kinds_the_loader_knows() -> None:
    """The strategies really produce every TOML type (so the fuzz reaches the type checks)."""
    doc = {"a": date(2020, 1, 1), "b": time(1, 2), "c": datetime(2020, 1, 1), "d": [1, "x"], "e": {"f": 1.5}}
    assert toml(doc).count(b"\n") >= 5


@pytest.mark.parametrize("name", [PROFILE, CARDS, LOG])
async def test_the_app_rebuilds_any_damaged_progress_file_on_request(tmp_path: Path, name: str) -> None:
    """Whichever file is damaged, the TUI names it, and "Rebuild" opens the learner with the file kept aside."""
    from quizapp.tui.app import make_app
    from quizapp.tui.screens.confirm import ConfirmScreen

    damaged = {
        PROFILE: b"[settings\n",
        CARDS: VALID[CARDS] + b"x = [\n",
        LOG: VALID[LOG].replace(b"seq = 8\n", b"seq = 9\n"),
    }[name]  # checksum fails after the offset
    folder = learner_dir(tmp_path, "ann")
    folder.mkdir(parents=True)
    for n, data in {**VALID, name: damaged}.items():
        (folder / n).write_bytes(data)
    deck = Path(__file__).parent / "fixtures" / "mini.toml"
    app = make_app(home=tmp_path, learner="ann", deck_paths=[deck], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(app, pilot, ConfirmScreen)
        assert isinstance(app.screen, ConfirmScreen) and f"{folder / name}" in app.screen.message
        assert (folder / name).read_bytes() == damaged
        await pilot.press("y")
        for _ in range(200):
            if app.workspace is not None:
                break
            await pilot.pause(0.02)
        assert app.workspace is not None and app.is_running
        if name != PROFILE:
            assert set(app.workspace.store.states) == {f"c-{i}" for i in range(4)}
    kept = [p.read_bytes() for p in folder.glob(f"{name}.corrupt-*")]
    assert kept == [damaged]
