"""cardlines reads the cards.toml quizapp writes exactly as a TOML parser does, and declines anything else."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quizapp.files import tomlread
from quizapp.progress import cardlines, records
from quizapp.progress.records import encode_cards, toml_key, toml_table
from quizapp.scheduling.scheduler import Rating, Scheduler

NOW = datetime(2026, 3, 2, 12, 0, 0, 123457, tzinfo=timezone.utc)
SCHED = Scheduler(enable_fuzzing=False)
KEYS = ["state", "step", "stability", "difficulty", "due", "last_review", "buried_until", "suspended", "flag"]
KEYS += ["flagged", "by", "other"]

times = st.datetimes(timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=5))]))
values = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    times,
    st.text(max_size=5),
    st.lists(st.integers(0, 9), max_size=3),
)
tables = st.dictionaries(st.sampled_from(KEYS), values, max_size=10)
ids = st.one_of(st.from_regex(r"[a-z0-9_-]{1,8}", fullmatch=True), st.text(min_size=1, max_size=6))


def as_text(head: int, cards: dict[str, dict]) -> str:
    body = [toml_table(f"cards.{toml_key(cid)}", d) for cid, d in cards.items()]
    return "\n".join([f'log_offset = {head}\nlog_seq = 0\nhigh = ["", "", 0]\nkeys = """\n"""\n', *body])


def same_as_toml(text: str) -> None:
    """cardlines.read gives what the TOML parser gives, or None; None whenever the parser refuses the text."""
    got = cardlines.read(text, lambda cid, d: d)
    try:
        want = tomlread.loads(text)
    except Exception:
        assert got is None
        return
    if got is not None:
        head, cards = got
        assert head == {k: v for k, v in want.items() if k != "cards"}
        assert cards == want["cards"]
        assert list(cards) == list(want["cards"])
        times = [v for d in cards.values() for v in d.values() if type(v) is datetime]  # type: ignore[attr-defined]
        assert all(t.utcoffset() == timedelta(0) for t in times)


def real_states(n: int) -> dict:
    out = {}
    for i in range(n):
        s = SCHED.new_card(f"c-{i}", NOW)
        for r in range(i % 3):
            s = SCHED.review(s, Rating(r % 4 + 1), NOW + timedelta(days=r, microseconds=i), 900)
        out[s.card_id] = s
    return out


def test_the_written_file_is_read_by_lines_with_the_same_states(monkeypatch: pytest.MonkeyPatch) -> None:
    text = encode_cards(7, 3, real_states(30), logs={}, keys={}, changes={})
    got = cardlines.read(text, lambda cid, d: d)
    assert got is not None  # every line quizapp writes is recognised
    fast: dict = {}
    fast_result = records.decode_cards(text, fast)
    monkeypatch.setattr(cardlines, "read", lambda *a: None)  # the TOML parser's way
    slow: dict = {}
    assert records.decode_cards(text, slow) == fast_result
    assert fast == slow


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(head=st.integers(0, 10**6), cards=st.dictionaries(ids, tables, max_size=5))
def test_any_written_tables_read_as_toml_reads_them(head: int, cards: dict) -> None:
    try:
        text = as_text(head, cards)
    except (TypeError, ValueError):  # a value the writer refuses
        return
    same_as_toml(text)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(cards=st.dictionaries(ids, tables, min_size=1, max_size=4), data=st.data())
@example(cards={"a": {"state": 2}}, data=None)
def test_mutated_files_read_as_toml_reads_them_or_decline(cards: dict, data: st.DataObject | None) -> None:
    try:
        text = as_text(0, cards)
    except (TypeError, ValueError):
        return
    if data is None:  # a card defined twice, once quoted
        same_as_toml(text + '\n[cards."a"]\nstate = 1\n')
        return
    at = data.draw(st.integers(0, len(text)))
    how = data.draw(st.sampled_from(["insert", "delete", "replace", "dup-line", "swap-lines"]))
    piece = data.draw(st.sampled_from(list(" \t\r\n#=.\"'[]{}0-+e:TZabcards_")))
    lines = text.split("\n")
    i = data.draw(st.integers(0, len(lines) - 1))
    if how == "insert":
        text = text[:at] + piece + text[at:]
    elif how == "delete":
        text = text[:at] + text[at + 1 :]
    elif how == "replace":
        text = text[:at] + piece + text[at + 1 :]
    elif how == "dup-line":
        text = "\n".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])
    else:
        j = data.draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
        text = "\n".join(lines)
    same_as_toml(text)


@pytest.mark.parametrize(
    "extra",
    [
        "stability = 0\n",  # a value state_from_dict refuses
        "state = 9\n",
        "due = 2026-02-31 00:00:00+00:00\n",  # no such day
        "state = 1\n",  # a key given twice
        "by = ['', '', 0]\n",
    ],
)
def test_a_damaged_card_says_what_it_always_said(monkeypatch: pytest.MonkeyPatch, extra: str) -> None:
    text = encode_cards(0, 0, real_states(3)) + "\n[cards.zz]\nstate = 2\n" + extra
    try:
        records.decode_cards(text)
        fast_error = None
    except Exception as e:
        fast_error = (type(e), str(e))
    monkeypatch.setattr(cardlines, "read", lambda *a: None)
    try:
        records.decode_cards(text)
        slow_error = None
    except Exception as e:
        slow_error = (type(e), str(e))
    assert fast_error == slow_error
    assert fast_error is not None


# -- whole cards at a time ---------------------------------------------------------------------------------------------
def typed(cards: dict | None) -> object:
    """The cards with each value's type beside it, so that 12 and 12.0, or 1 and True, differ."""
    return None if cards is None else {c: {k: (type(v), v) for k, v in d.items()} for c, d in cards.items()}


def same_by_blocks(text: str) -> str:
    """by_blocks gives exactly what by_lines gives, or leaves it to by_lines (None): "blocks" or "lines"."""
    first = text.find("\n[cards.")
    if first < 0:
        return "lines"
    blocks = cardlines.by_blocks(text, first + 1, lambda cid, d: d)
    if blocks is None:
        return "lines"
    lines = cardlines.by_lines(text, first + 1, lambda cid, d: d)
    assert typed(blocks) == typed(lines)
    assert list(blocks) == list(lines or {})
    return "blocks"


def varied_states() -> dict:
    """Real states and the rarer things a state holds: a step, a burial, a suspension, a flag, a quoted id."""
    from dataclasses import replace

    states = real_states(12)
    s = list(states.values())
    more = [
        replace(s[0], card_id="a b", suspended=True),
        replace(s[1], card_id="c-flag", flag=3),
        replace(s[2], card_id="c-buried", buried_until=NOW + timedelta(days=1)),
        replace(s[3], card_id="c-all", suspended=True, flag=1, buried_until=NOW),
    ]
    return states | {m.card_id: m for m in more}


def test_the_written_file_is_read_a_card_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    text = encode_cards(7, 3, varied_states(), logs={}, keys={}, changes={})
    assert same_by_blocks(text) == "blocks"
    want = records.decode_cards(text, {})
    monkeypatch.setattr(cardlines, "by_lines", lambda *a: pytest.fail("read line by line"))
    assert records.decode_cards(text, {}) == want
    assert want[2]["c-all"].flag == 1 and want[2]["a b"].suspended


@pytest.mark.parametrize(
    ("old", "new", "way"),
    [
        ("stability = 0.212\n", "stability = 0.212\n\n", "lines"),  # an empty line inside a card: read alike
        ("difficulty = ", "zz = 1\ndifficulty = ", "lines"),  # an unknown key: both decline
        ("state = 1\n", "state = 1\nstate = 1\n", "lines"),  # a key given twice
        ("state = 1\nstep = 0\n", "step = 0\nstate = 1\n", "lines"),  # another order
        ("stability = 0.212\n", "stability = 0.212\nxstability = 0.212\n", "lines"),
        ("stability = 0.212\n", "stability = 212\n", "lines"),  # a whole number where a float is written
        ("stability = 0.212\n", "stability = 0.212 \n", "lines"),
        ("+00:00", "+01:00", "lines"),  # not UTC
        ("[cards.c-1]", "[cards.c-0]", "lines"),  # a card given twice
        ("\n[cards.c-2]", "\n\n\n[cards.c-2]", "blocks"),
        ("[cards.c-2]", '[cards."c-2"]', "blocks"),
        ("\n\n[cards.c-1]", "\nsuspended = true\nflag = 2\nflagged = true\n\n[cards.c-1]", "blocks"),
        ("\n\n[cards.c-1]", "\nflag = 2\nsuspended = true\n\n[cards.c-1]", "lines"),  # not the order written
        ("\n\n[cards.c-1]", "\nsuspended = false\nflag = 0\nflagged = false\n\n[cards.c-1]", "blocks"),  # older
    ],
)
def test_blocks_read_as_lines_read_or_leave_it_to_them(old: str, new: str, way: str) -> None:
    text = encode_cards(0, 0, real_states(6))
    assert old in text
    changed = text.replace(old, new, 1)
    assert same_by_blocks(text) == "blocks"
    assert same_by_blocks(changed) == way
    same_as_toml(changed)


def test_a_float_written_as_a_whole_number_is_left_to_the_lines() -> None:
    text = encode_cards(0, 0, real_states(4)) + "\n[cards.w]\nstate = 2\nstability = 12\ndifficulty = 5.0\n"
    assert same_by_blocks(text) == "lines"
    got = cardlines.read(text, lambda cid, d: d)
    assert got is not None
    assert typed({"w": got[1]["w"]}) == {"w": {"state": (int, 2), "stability": (int, 12), "difficulty": (float, 5.0)}}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(cards=st.dictionaries(ids, tables, min_size=1, max_size=4), data=st.data())
def test_mutated_files_read_by_blocks_as_by_lines(cards: dict, data: st.DataObject) -> None:
    try:
        text = as_text(0, cards)
    except (TypeError, ValueError):
        return
    at = data.draw(st.integers(0, len(text)))
    piece = data.draw(st.sampled_from([*" \t\r\n#=.\"'[]0-+e:TZacs", "state = 2\n", "\n[cards.x]\n"]))
    how = data.draw(st.sampled_from(["insert", "delete", "replace", "none"]))
    if how == "insert":
        text = text[:at] + piece + text[at:]
    elif how == "delete":
        text = text[:at] + text[at + 1 :]
    elif how == "replace":
        text = text[:at] + piece + text[at + 1 :]
    same_by_blocks(text)
    same_as_toml(text)


def test_make_runs_for_a_card_when_the_next_one_is_read_as_by_lines_runs_it() -> None:
    # card a's state is refused (make raises), and a line after it is not one quizapp writes: by_lines declines
    # before it makes card a, so by_blocks must not make it first
    text = "x = 1\n[cards.a]\nstate = 2\n\nnot a line\n"
    made: list[str] = []

    def make(cid: str, d: dict) -> dict:
        made.append(cid)
        raise records.FieldError(("cards", cid), "refused")

    assert cardlines.read(text, make) is None and made == []
    assert cardlines.by_blocks(text, 6, make) is None and made == []


def test_reading_cards_leaves_the_cyclic_gc_as_it_was(tmp_path) -> None:
    import gc

    from quizapp.errors import CorruptFile
    from quizapp.progress.folder import read_cards

    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    good.write_text(encode_cards(0, 0, real_states(3)), "utf-8")
    bad.write_text("log_offset = [\n", "utf-8")
    assert gc.isenabled()
    assert len(read_cards(good)[2]) == 3 and gc.isenabled()
    with pytest.raises(CorruptFile):
        read_cards(bad)
    assert gc.isenabled()
    gc.disable()
    try:
        read_cards(good)
        assert not gc.isenabled()
    finally:
        gc.enable()
