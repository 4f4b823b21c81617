"""A device snapshot's per-card keys, packed and decoded only when a record from another device needs ordering
against a card (progress.keys, progress.layout.Merge), on a fixed UTC clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.paths import learner_dir
from quizapp.progress.keys import PACKED_TEXT, pack, unpack
from quizapp.progress.records import Event, decode_cards, encode_cards, encode_event
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import Rating, Scheduler

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
SCHED = Scheduler(enable_fuzzing=False)
text = st.text(min_size=1, max_size=12)
keys = st.dictionaries(text, st.tuples(text, st.text(max_size=8), st.integers(0, 10**12)), max_size=20)


@given(keys)
def test_packed_keys_and_the_rest_give_back_every_key(ks: dict) -> None:
    (packed, high), rest = pack(ks)
    assert PACKED_TEXT.fullmatch(packed)
    assert unpack(packed) | rest == ks
    assert high == max(ks.values(), default=("", "", 0))


@given(keys)
def test_a_snapshot_keeps_every_cards_key_whatever_its_id(ks: dict) -> None:
    states = {cid: SCHED.new_card(cid, NOW) for cid in ks}
    extra: dict = {}
    decode_cards(encode_cards(0, 0, states, None, {}, ks, {}), extra)
    packed, high = extra["packed"]
    assert unpack(packed) | extra["keys"] == ks
    assert high == max(ks.values(), default=("", "", 0))


def _desk_review(card: str, at: datetime, seq: int) -> bytes:
    state = SCHED.review(SCHED.new_card(card, at), Rating.AGAIN, at)
    return encode_event(Event(seq, "review", card, at, state, rating=1, device="desk"))


@pytest.mark.parametrize("cache", [False, True])
def test_records_arriving_after_the_snapshot_merge_in_time_order(tmp_path: Path, cache: bool) -> None:
    """This device reviewed a and b at 14:00 and wrote its snapshot; desk's log then arrives with a review of a at
    13:00 (older: a keeps this device's state), of c at 15:00 (new card) and later of b at 13:30 (older again)."""
    with LearnerStore(tmp_path, "ann", cache=cache) as store:
        for card in ("a", "b"):
            at = NOW + timedelta(hours=2)
            store.record("review", SCHED.review(SCHED.new_card(card, at), Rating.GOOD, at), at, rating=3)
        mine = dict(store.states)
    with LearnerStore(tmp_path, "ann", cache=cache) as store:
        assert store._merge.packed  # nothing from another device arrived: the keys were never decoded
        assert store.states == mine
    desk = learner_dir(tmp_path, "ann") / "events-desk.log"
    desk.write_bytes(_desk_review("a", NOW + timedelta(hours=1), 1) + _desk_review("c", NOW + timedelta(hours=3), 2))
    with LearnerStore(tmp_path, "ann", cache=cache) as store:
        assert store.states["a"] == mine["a"] and store.states["b"] == mine["b"]
        assert store.states["c"].last_review == NOW + timedelta(hours=3)
    with desk.open("ab") as f:
        f.write(_desk_review("b", NOW + timedelta(hours=1, minutes=30), 3))
    with LearnerStore(tmp_path, "ann", cache=cache) as store:
        assert store.states["b"] == mine["b"] and store.states["a"] == mine["a"]
        late = _desk_review("a", NOW + timedelta(hours=5), 4)
        with desk.open("ab") as f:
            f.write(late)
        assert store.refresh() == 1
        assert store.states["a"].last_review == NOW + timedelta(hours=5)  # newer than this device's review: wins


def test_a_snapshot_with_keys_per_card_from_the_previous_version_still_orders_records(tmp_path: Path) -> None:
    """The version before packed keys wrote `by = [time, device, seq]` in each card's table and no `keys`/`high`."""
    at = NOW + timedelta(hours=2)
    a = SCHED.review(SCHED.new_card("a", at), Rating.GOOD, at)
    keys = {"a": (at.isoformat(timespec="microseconds"), "test", 1)}
    text = encode_cards(0, 1, {"a": a}, None, {}, (("", ("", "", 0)), keys), {})
    old = "\n".join(line for line in text.split("\n") if not line.startswith(("high = ", "keys = ", "'''")))
    assert "by = [" in old and "keys" not in old
    folder = learner_dir(tmp_path, "ann")
    folder.mkdir(parents=True)
    (folder / "cards-test.toml").write_text(old)
    (folder / "events-desk.log").write_bytes(_desk_review("a", NOW + timedelta(hours=1), 1))
    with LearnerStore(tmp_path, "ann") as store:
        assert store.states["a"] == a  # desk's review is older than the snapshot's: a keeps its state
