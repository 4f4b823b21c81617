"""Card states read fast (the launch reads every card's): state_from_dict builds a state at once when every value
passes, and must agree with the checks taken one by one (checked_state) on every table, valid or not."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.progress.records import FieldError, checked_state, decode_cards, encode_cards, state_from_dict
from quizapp.scheduling.scheduler import CardState

ZONES = st.sampled_from([timezone.utc, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))])
TIMES = st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2100, 1, 1), timezones=ZONES)
ODD = st.sampled_from(["2", "", [], {}, math.nan, math.inf, -math.inf, True, False, 1.0, -1, 0, 0.0])
VALUES = {
    "state": st.sampled_from([0, 1, 2, 3, 4]) | ODD,
    "step": st.sampled_from([None, -1, 0, 1]) | ODD,
    "stability": st.sampled_from([None, -1.0, 0.0, 1e-9, -1, 0, 1]) | st.floats(-1, 100) | ODD,
    "difficulty": st.none() | st.floats(allow_nan=True) | st.integers(-5, 20) | ODD,
    "due": st.none() | TIMES | st.datetimes() | ODD,
    "last_review": st.none() | TIMES | ODD,
    "buried_until": st.none() | TIMES | ODD,
    "suspended": st.booleans() | ODD,
    "flag": st.sampled_from([-1, 0, 7, 8, 9]) | ODD,
    "flagged": st.booleans() | ODD,
    "by": st.just(["t", "d", 1]),
}
TABLES = st.fixed_dictionaries({}, optional=VALUES)  # any subset of the fields, each valid or not
VALID = st.fixed_dictionaries(
    {"state": st.just(2), "stability": st.floats(0.01, 1e6), "difficulty": st.floats(1, 10), "due": TIMES},
    optional={"last_review": TIMES, "buried_until": TIMES, "suspended": st.booleans(), "flag": st.integers(0, 7)},
)

NEW = st.fixed_dictionaries({"state": st.just(1), "step": st.integers(0, 3)}, optional={"flag": st.integers(0, 7)})


@st.composite
def near_valid(draw: st.DrawFn) -> dict:
    """A valid table (a reviewed or a new card) with one or two values replaced by any value, valid or not."""
    table = draw(VALID | NEW)
    for key in draw(st.lists(st.sampled_from(sorted(VALUES)), min_size=1, max_size=2, unique=True)):
        table[key] = draw(VALUES[key])
    return table


def outcome(read: object, table: object) -> object:
    try:
        s = read("c1", table, ("cards",))  # type: ignore[operator]
    except FieldError as e:
        return ("error", e.loc, str(e))
    assert isinstance(s, CardState)
    return ("state", s, [getattr(s, k).tzinfo for k in ("due", "last_review", "buried_until") if getattr(s, k)])


@settings(max_examples=1000, deadline=None)
@given(TABLES | VALID | near_valid())
def test_the_fast_read_agrees_with_the_checks_one_by_one(table: dict) -> None:
    assert outcome(state_from_dict, table) == outcome(checked_state, table)


@settings(max_examples=200, deadline=None)
@given(VALID)
def test_a_valid_state_is_built_with_its_times_in_utc(table: dict) -> None:
    s = state_from_dict("c1", table)
    assert s.due is not None and s.due.tzinfo is timezone.utc and s.due == table["due"]
    assert s.stability == table["stability"] and s.flag == table.get("flag", 0)
    assert s == CardState("c1", **{k: s.__dict__[k] for k in s.__dict__ if k != "card_id"})


def test_a_bad_value_is_still_named_on_the_fast_read() -> None:
    good = {"state": 2, "stability": 3.0, "difficulty": 5.0, "due": datetime(2026, 1, 1, tzinfo=timezone.utc)}
    for key, bad, words in [
        ("stability", math.nan, "stability = nan must be more than 0"),
        ("difficulty", math.inf, "difficulty = inf must be a finite number"),
        ("due", datetime(2026, 1, 1), "due = datetime.datetime(2026, 1, 1, 0, 0) must be a date and time"),
        ("suspended", 1, "suspended = 1 must be true or false"),
        ("state", 4, "state = 4 must be 1, 2 or 3"),
    ]:
        with pytest.raises(FieldError, match=re.escape(words)) as e:
            state_from_dict("c1", good | {key: bad}, ("cards",))
        assert e.value.loc == ("cards", "c1", key)


def test_defaults_are_not_written_and_the_previous_files_still_read() -> None:
    plain = CardState("c1", 2, None, 3.0, 5.0, datetime(2026, 1, 1, tzinfo=timezone.utc))
    text = encode_cards(0, 1, {"c1": plain, "c2": replace(plain, card_id="c2", suspended=True, flag=4)})
    first = text.split("[cards.c1]\n")[1].split("\n\n")[0]
    assert "suspended" not in first and "flag" not in first  # absent is false and no flag, to every version
    assert "suspended = true\nflag = 4\nflagged = true\n" in text
    assert decode_cards(text)[2] == {"c1": plain, "c2": replace(plain, card_id="c2", suspended=True, flag=4)}
    previous = text.replace(
        "[cards.c1]\n", "[cards.c1]\nsuspended = false\nflag = 0\n"
    )  # as the previous quizapp wrote it
    assert decode_cards(previous)[2]["c1"] == plain
