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
