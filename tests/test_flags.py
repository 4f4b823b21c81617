"""Flags by colour (issue 19): the flag number in card states, log records and snapshots, read from an older
quizapp's yes/no `flagged`, merged across devices like every other state change."""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.paths import learner_dir
from quizapp.progress.layout import Merge
from quizapp.progress.records import (
    Event,
    FieldError,
    decode_cards,
    decode_event,
    encode_cards,
    encode_event,
    state_from_dict,
    state_to_dict,
)
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.flags import FLAG_NAMES, flag_name, pressed
from quizapp.scheduling.scheduler import CardState, Rating, Scheduler

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
SCHED = Scheduler(enable_fuzzing=False)
times = st.none() | st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)
)
states = st.builds(
    lambda cid, reviewed, flag, suspended, buried: (
        CardState(
            cid,
            state=2,
            step=None,
            stability=3.5,
            difficulty=5.0,
            due=NOW,
            last_review=NOW,
            flag=flag,
            suspended=suspended,
            buried_until=buried,
        )
        if reviewed
        else CardState(cid, flag=flag, suspended=suspended, buried_until=buried)
    ),
    st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True),
    st.booleans(),
    st.integers(0, 7),
    st.booleans(),
    times,
)


def old_format(text: str) -> str:
    """What an older quizapp wrote: in every state table `flagged = true/false` where this one writes `flag = n`
    (or nothing for no flag), and always `suspended = ...`."""
    tables = text.split("\n[")
    for i, table in enumerate(tables):
        if table.startswith(("cards.", "event.state]")):
            table = table.replace("flagged = true\n", "")
            flag = re.search(r"^flag = (\d)\n", table, re.M)
            if flag:
                table = table.replace(flag[0], "")
            table += f"flagged = {'true' if flag and flag[1] != '0' else 'false'}\n"
            tables[i] = table if "suspended = " in table else table + "suspended = false\n"
    return "\n[".join(tables)


def old_record(e: Event) -> bytes:
    """`e` as an older quizapp logged it (its yes/no flag), with the CRC line over the old bytes."""
    body = encode_event(e).rsplit(b'crc = "', 1)[0]
    raw = old_format(body.decode("utf-8")).encode("utf-8")
    return raw + b'crc = "%08x"\n' % zlib.crc32(raw)


def test_flag_names_are_ankis_numbers() -> None:
    assert [flag_name(n) for n in range(1, 5)] == ["red", "orange", "green", "blue"]
    assert FLAG_NAMES[7] == "purple" and flag_name(0) == "" and flag_name(9) == ""


def test_a_colour_key_sets_its_colour_and_clears_it_when_pressed_again() -> None:
    assert [pressed(0, 2), pressed(2, 2), pressed(3, 2), pressed(7, 1)] == [2, 0, 2, 1]
    assert [pressed(0, None), pressed(1, None), pressed(4, None)] == [1, 0, 0]  # the toggle: red, or off


@settings(max_examples=200, deadline=None)
@given(states)
def test_any_flag_round_trips_through_a_state_a_record_and_a_snapshot(s: CardState) -> None:
    assert state_from_dict(s.card_id, state_to_dict(s)) == s
    e = Event(4, "flag" if s.flag else "unflag", s.card_id, NOW, s, device="desk")
    assert decode_event(encode_event(e).rsplit(b'crc = "', 1)[0]) == e
    assert decode_cards(encode_cards(0, 4, {s.card_id: s}))[2] == {s.card_id: s}


@settings(max_examples=200, deadline=None)
@given(states)
def test_an_older_quizapps_yes_no_flag_reads_as_red(s: CardState) -> None:
    want = replace(s, flag=1 if s.flag else 0)
    e = Event(4, "flag", s.card_id, NOW, s)
    body = old_record(e).rsplit(b'crc = "', 1)[0]
    assert b"flagged = " in body and b"flag = " not in body
    assert decode_event(body).state == want
    old_cards = old_format(encode_cards(0, 4, {s.card_id: s}))
    assert decode_cards(old_cards)[2] == {s.card_id: want}


def test_a_flagged_card_is_also_written_as_an_older_quizapp_reads_it() -> None:
    assert state_to_dict(CardState("a", flag=3))["flagged"] is True  # older readers: flagged (no colour)
    assert "flagged" not in state_to_dict(CardState("a"))  # absent is false, for them as for us
    text = encode_cards(0, 1, {"a": CardState("a", flag=3)})
    assert "flag = 3\n" in text and "flagged = true\n" in text
    assert decode_cards(text)[2]["a"].flag == 3  # the number wins


def test_a_flag_that_is_no_colour_is_reported_by_name() -> None:
    for bad in (8, -1, True, "red", 1.0):
        with pytest.raises(FieldError, match="flag = ") as e:
            state_from_dict("a", {"state": 1, "step": 0, "flag": bad})
        assert e.value.loc == ("a", "flag")
    with pytest.raises(FieldError, match="flagged = 'yes' must be true or false"):
        state_from_dict("a", {"state": 1, "step": 0, "flagged": "yes"})
    both = state_from_dict("a", {"state": 1, "step": 0, "flag": 3, "flagged": True})
    assert both.flag == 3  # the number wins over the older yes/no


def _event(device: str, seq: int, card: str, at: datetime, flag: int) -> Event:
    return Event(seq, "flag" if flag else "unflag", card, at, CardState(card, flag=flag), device=device)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["desk", "laptop", ""]), st.sampled_from("ab"), st.integers(0, 50), st.integers(0, 7)
        ),
        min_size=1,
        max_size=12,
    ),
    st.randoms(use_true_random=False),
)
def test_merge_keeps_the_latest_flag_whatever_order_the_records_arrive_in(
    moves: list[tuple[str, str, int, int]], rng: random.Random
) -> None:
    events = [_event(d, i + 1, c, NOW + timedelta(minutes=m), f) for i, (d, c, m, f) in enumerate(moves)]
    shuffled = list(events)
    rng.shuffle(shuffled)
    merged = Merge()
    for e in shuffled:
        merged.apply(e)
    latest = {e.card: e for e in sorted(events, key=lambda e: (e.at, e.device or "", e.seq))}
    assert {c: s.flag for c, s in merged.states.items()} == {c: e.state.flag for c, e in latest.items()}


def test_devices_old_and_new_merge_their_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An older quizapp's events.log flags "a" last (yes/no: red); the desk's blue on "b" is later than the laptop's
    clearing it; every device shows the same colours, from the logs and from its own snapshot."""
    folder = learner_dir(tmp_path, "ann")
    folder.mkdir(parents=True)
    reviewed = SCHED.review(SCHED.new_card("a", NOW), Rating.GOOD, NOW)
    old = replace(reviewed, flag=1)
    (folder / "events.log").write_bytes(old_record(Event(1, "flag", "a", NOW + timedelta(hours=2), old)))
    for device, at, card, flag in [
        ("laptop", NOW + timedelta(hours=1), "a", 2),
        ("laptop", NOW + timedelta(minutes=5), "b", 0),
        ("desk", NOW + timedelta(minutes=9), "b", 4),
        ("desk", NOW + timedelta(minutes=1), "a", 3),
    ]:
        monkeypatch.setenv("QUIZAPP_DEVICE", device)
        with LearnerStore(tmp_path, "ann") as store:
            store.record("flag" if flag else "unflag", CardState(card, flag=flag), at)
    for device in ("laptop", "desk", "phone", "phone"):  # the phone's second opening reads its snapshot
        monkeypatch.setenv("QUIZAPP_DEVICE", device)
        with LearnerStore(tmp_path, "ann") as store:
            assert {c: s.flag for c, s in store.states.items()} == {"a": 1, "b": 4}, device
            assert store.states["a"].last_review == NOW  # the older record's state came whole
    assert "flag = 4" in (folder / "cards-phone.toml").read_text("utf-8")
