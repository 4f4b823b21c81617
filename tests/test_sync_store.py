"""Issue 20 through LearnerStore: device homes that each study with their own log, a simulated sync tool carrying
the learner's folder between them at random moments (copies cut mid-write, conflict copies kept both ways), and
after the last sync every device showing the state of one replay of all actions in time order."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.paths import learner_dir
from quizapp.progress.devices import order
from quizapp.progress.records import Event, encode_cards, encode_event
from quizapp.progress.store import LearnerStore
from quizapp.scheduling.scheduler import CardState, Rating, Scheduler

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
SCHED = Scheduler(enable_fuzzing=False)
CARDS = [f"c-{i}" for i in range(5)]


class Machine:
    """One computer: its own quizapp home, its device name, a store it keeps open (and reopens now and then)."""

    def __init__(self, name: str, root: Path, monkeypatch: pytest.MonkeyPatch):
        self.name, self.root, self.mp = name, root, monkeypatch
        self.folder = learner_dir(root, "ann")
        self.done: list[tuple[Event, CardState | None]] = []  # its own actions an undo may take back
        self.store = self.open()

    def open(self) -> LearnerStore:
        self.mp.setenv("QUIZAPP_DEVICE", self.name)
        return LearnerStore(self.root, "ann").open()

    def reopen(self) -> None:
        self.store.close()
        self.store = self.open()

    def act(self, rng: random.Random, at: datetime, logged: list[Event]) -> None:
        store, roll = self.store, rng.random()
        if roll < 0.15 and self.done:
            last, before = self.done.pop()
            back = before or SCHED.new_card(last.card, at)
            logged.append(store.record("undo", back, at, undoes=last.seq))
        elif roll < 0.3:
            value = store.profile.settings.new_per_day % 98 + 1  # always a change, so always an event
            store.save_profile(
                replace(store.profile, settings=replace(store.profile.settings, new_per_day=value)), at=at
            )
            logged.append(_last(store))
        else:
            card = rng.choice(CARDS)
            before = store.states.get(card)
            after = SCHED.review(before or SCHED.new_card(card, at), Rating(rng.randrange(1, 5)), at)
            event = store.record("review", after, at, rating=after.state)
            self.done.append((event, before))
            logged.append(event)


def _last(store: LearnerStore) -> Event:
    return max((e for e in store.history() if e.type == "settings" and e.device == store.device), key=lambda e: e.seq)


def sync(src: Path, dst: Path, rng: random.Random, own: str = "") -> None:
    """Carry src's files to dst as a file-sync tool would: a copy may stop mid-write (it is carried again next
    time); a file whose copy at dst is not an older version of it is a conflict, and the tool keeps either side
    under the name and the other under a conflict name (Syncthing's, Dropbox's or OneDrive's style). Now and then
    the tool sees a conflict where there is none (both versions touched), except in dst's own log `own`, which
    only dst ever changes."""
    dst.mkdir(parents=True, exist_ok=True)
    for path in sorted(src.iterdir()):
        if path.name.startswith("lock") or not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".log" and rng.random() < 0.3:
            data = data[: rng.randrange(len(data) + 1)]  # still arriving
        target = dst / path.name
        old = target.read_bytes() if target.exists() else b""
        spurious = data != old and path.name != own and rng.random() < 0.15
        if not spurious and (data.startswith(old) or path.suffix != ".log" and rng.random() < 0.5):
            target.write_bytes(data)  # an older version (or a file the tool thinks older)
            continue
        if old.startswith(data) and not spurious:
            continue  # dst already has all of it
        stem, n = target.stem, rng.randrange(10**6)
        name = rng.choice(
            [
                f"{stem}.sync-conflict-20260302-{n:06d}-ABCDEF{target.suffix}",
                f"{stem} (conflicted copy 2026-03-02 {n}){target.suffix}",
                f"{stem}-MACHINE{n}{target.suffix}",
            ]
        )
        keep_new = rng.random() < 0.5  # the tool may keep either side under the name
        (dst / name).write_bytes(old if keep_new else data)
        target.write_bytes(data if keep_new else old)


def settle(folders: list[Path]) -> None:
    """The last sync: each log name gets its longest version in every folder (other versions kept under conflict
    names), and every conflict copy reaches every folder."""
    versions: dict[str, set[bytes]] = {}
    for f in folders:
        for path in f.glob("events*.log"):
            versions.setdefault(path.name, set()).add(path.read_bytes())
    for name, datas in versions.items():
        best, *others = sorted(datas, key=lambda d: (-len(d), d))
        for f in folders:
            own = f / name
            if own.exists() and best.startswith(own.read_bytes()) or not own.exists():
                own.write_bytes(best)
            for k, data in enumerate(others):
                (f / f"{Path(name).stem}.sync-conflict-20260309-{k:06d}-FINAL.log").write_bytes(data)


def expected(logged: list[Event]) -> tuple[dict[str, CardState], int, list[tuple]]:
    """One machine replaying every action in time order: each card's last state, the last new_per_day, and the
    reviews that no undo of the same device took back."""
    replay = sorted(logged, key=order)
    states = {e.card: e.state for e in replay if e.type not in ("settings",)}
    per_day = [e.settings["new_per_day"] for e in replay if e.type == "settings" and e.settings]
    undone = {(e.device, e.undoes) for e in replay if e.type == "undo"}
    reviews = [(e.device, e.seq) for e in replay if e.type == "review" and (e.device, e.seq) not in undone]
    return states, per_day[-1] if per_day else 20, reviews


@pytest.mark.parametrize("devices", [2, 3])
@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), steps=st.integers(4, 40))
def test_device_homes_synced_at_random_moments_end_equal_to_one_replay(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, devices: int, seed: int, steps: int
) -> None:
    rng = random.Random(seed)
    base = tmp_path_factory.mktemp("homes")
    machines = [Machine(f"dev{i}", base / f"home{i}", monkeypatch) for i in range(devices)]
    logged: list[Event] = []
    clock = NOW
    try:
        for _ in range(steps):
            clock += timedelta(seconds=rng.choice([0, 1, 30, 600]))  # 0: two devices at the same second
            roll = rng.random()
            if roll < 0.3:
                src, dst = rng.sample(machines, 2)
                sync(src.folder, dst.folder, rng, own=dst.store.log_path.name)
                if rng.random() < 0.5:
                    dst.store.refresh()
            elif roll < 0.4:
                rng.choice(machines).reopen()
            else:
                rng.choice(machines).act(rng, clock, logged)
        settle([m.folder for m in machines])
        states, per_day, reviews = expected(logged)
        everything = sorted(((e.device, e.seq) for e in logged), key=lambda k: (k[0] or "", k[1]))
        for m in machines:
            for store in (m.store, None):  # the open session after refresh(), and a fresh open
                if store is None:
                    m.reopen()
                    store = m.store
                else:
                    store.refresh()
                assert store.states == states
                assert store.profile.settings.new_per_day == per_day
                assert [(e.device, e.seq) for e in store.reviews()] == reviews
                history = sorted(((e.device, e.seq) for e in store.history()), key=lambda k: (k[0] or "", k[1]))
                assert history == everything, "an event was lost or counted twice"
    finally:
        for m in machines:
            m.store.close()


def _review(store: LearnerStore, card: str, at: datetime) -> Event:
    state = SCHED.review(store.states.get(card) or SCHED.new_card(card, at), Rating.GOOD, at)
    return store.record("review", state, at, rating=3)


def test_an_older_learner_opens_as_before_and_carries_on(tmp_path: Path) -> None:
    """One events.log + cards.toml from an older quizapp: every review kept; new ones go to this device's log and
    events.log is never written again."""
    folder = learner_dir(tmp_path, "ann")
    folder.mkdir(parents=True)
    s1 = SCHED.review(SCHED.new_card("a", NOW), Rating.GOOD, NOW)
    s2 = SCHED.review(SCHED.new_card("b", NOW), Rating.AGAIN, NOW)
    old = [Event(1, "review", "a", NOW, s1, rating=3), Event(2, "review", "b", NOW, s2, rating=1)]
    (folder / "events.log").write_bytes(b"".join(map(encode_event, old)))
    (folder / "cards.toml").write_text(encode_cards(len(encode_event(old[0])), 1, {"a": s1}))
    legacy = (folder / "events.log").read_bytes()
    with LearnerStore(tmp_path, "ann") as store:
        assert store.states == {"a": s1, "b": s2}
        _review(store, "a", NOW + timedelta(days=3))
    with LearnerStore(tmp_path, "ann") as store:
        assert [(e.device, e.seq, e.card) for e in store.reviews()] == [
            (None, 1, "a"),
            (None, 2, "b"),
            ("test", 3, "a"),
        ]
        assert store.states["b"] == s2 and store.states["a"].last_review == NOW + timedelta(days=3)
    assert (folder / "events.log").read_bytes() == legacy
    assert (folder / "events-test.log").exists() and (folder / "cards-test.toml").exists()


def test_a_lock_synced_in_from_another_device_blocks_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quizapp.errors import LearnerBusy

    with LearnerStore(tmp_path, "ann") as here:
        monkeypatch.setenv("QUIZAPP_DEVICE", "desk")
        with LearnerStore(tmp_path, "ann") as other:  # the other machine's lock-desk: a different file
            assert other.log_path.name == "events-desk.log"
        monkeypatch.setenv("QUIZAPP_DEVICE", "test")
        with pytest.raises(LearnerBusy):
            LearnerStore(tmp_path, "ann").open()  # a second session on this device is still refused
        assert here.folder == other.folder


def test_a_log_still_arriving_is_read_to_its_last_record_never_cut_and_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZAPP_DEVICE", "desk")
    with LearnerStore(tmp_path / "desk", "ann") as desk:
        for i in range(3):
            _review(desk, f"c-{i}", NOW + timedelta(minutes=i))
        full = desk.log_path.read_bytes()
    monkeypatch.setenv("QUIZAPP_DEVICE", "test")
    mine = learner_dir(tmp_path, "ann")
    mine.mkdir(parents=True)
    half = full[: len(full) * 2 // 3]
    (mine / "events-desk.log").write_bytes(half)
    with LearnerStore(tmp_path, "ann") as store:
        seen = set(store.states)
        assert 1 <= len(seen) < 3
        assert (mine / "events-desk.log").read_bytes() == half  # another device's file: never cut
        (mine / "events-desk.log").write_bytes(full)  # the rest arrives
        assert store.refresh() == 3 - len(seen)
        assert set(store.states) == {"c-0", "c-1", "c-2"}
    from quizapp.progress.recovery import check

    (mine / "events-desk.log").write_bytes(half)
    assert check(tmp_path, "ann") == []  # a tail still arriving is not damage


def test_learner_merge_of_a_folder_copied_by_hand_is_idempotent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from quizapp.cli.main import main

    monkeypatch.setenv("QUIZAPP_DEVICE", "laptop")
    with LearnerStore(tmp_path / "laptop", "ann") as laptop:
        _review(laptop, "a", NOW)
        _review(laptop, "b", NOW + timedelta(minutes=1))
    monkeypatch.setenv("QUIZAPP_DEVICE", "test")
    with LearnerStore(tmp_path, "ann") as store:
        _review(store, "c", NOW + timedelta(minutes=2))
    stick = learner_dir(tmp_path / "laptop", "ann")
    args = ["--home", str(tmp_path), "--learner", "ann", "learner", "merge", str(stick)]
    assert main(args) == 0
    assert "merged 2 events" in capsys.readouterr().out
    files = sorted(p.name for p in learner_dir(tmp_path, "ann").iterdir())
    assert main(args) == 0
    assert "nothing new" in capsys.readouterr().out
    assert sorted(p.name for p in learner_dir(tmp_path, "ann").iterdir()) == files
    with LearnerStore(tmp_path, "ann") as store:
        assert [(e.device, e.card) for e in store.reviews()] == [("laptop", "a"), ("laptop", "b"), ("test", "c")]
    (stick / "events-laptop.log").rename(stick / "events-laptop.sync-conflict-20260302-000001-ABCDEF.log")
    assert main(args) == 0 and "nothing new" in capsys.readouterr().out  # the same records under another name


def test_settings_merge_latest_wins_device_breaks_ties(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = learner_dir(tmp_path, "ann")
    for device, at, value in [("b", NOW, 5), ("a", NOW, 7), ("a", NOW - timedelta(hours=1), 9)]:
        monkeypatch.setenv("QUIZAPP_DEVICE", device)
        with LearnerStore(tmp_path, "ann") as store:
            store.profile = replace(store.profile, settings=replace(store.profile.settings, new_per_day=1))
            store.save_profile(
                replace(store.profile, settings=replace(store.profile.settings, new_per_day=value)), at=at
            )
    (folder / "profile.toml").unlink()  # the file is a copy for people: the events decide
    monkeypatch.setenv("QUIZAPP_DEVICE", "c")
    with LearnerStore(tmp_path, "ann") as store:
        assert store.profile.settings.new_per_day == 5  # NOW ties; device "b" sorts after "a"


def test_check_and_repair_never_cut_another_devices_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A log of another device damaged mid-file: opening reads its good records, check reports it, repair leaves
    the file byte for byte as it is (that device owns it); this device's own damaged log is repaired as before."""
    from quizapp.progress.recovery import check, repair

    monkeypatch.setenv("QUIZAPP_DEVICE", "desk")
    with LearnerStore(tmp_path, "ann") as desk:
        for i in range(3):
            _review(desk, f"d-{i}", NOW + timedelta(minutes=i))
    folder = learner_dir(tmp_path, "ann")
    theirs = folder / "events-desk.log"
    data = theirs.read_bytes()
    first_end = data.index(b'crc = "') + len(b'crc = "00000000"\n')
    broken = data[:first_end] + b"garbage\n" + data[first_end:].replace(b"d-1", b"d-X", 1)
    theirs.write_bytes(broken)  # as it arrived here, damaged
    monkeypatch.setenv("QUIZAPP_DEVICE", "test")
    with LearnerStore(tmp_path, "ann") as store:
        _review(store, "t-0", NOW + timedelta(minutes=5))
        assert set(store.states) == {"d-0", "d-2", "t-0"}  # the good records; d-1's fails its checksum
    problems = check(tmp_path, "ann")
    assert [p.path.name for p in problems] == ["events-desk.log"] and "another device" in problems[0].message
    result = repair(tmp_path, "ann")
    assert theirs.read_bytes() == broken and result.kept == []
    mine = folder / "events-test.log"
    mine.write_bytes(mine.read_bytes() + b'[[event]]\nseq = 9\ntype = "rev')  # this device's torn tail
    assert any(p.path == mine for p in check(tmp_path, "ann"))
    result = repair(tmp_path, "ann")
    assert [p.name.split(".torn-")[0] for p in result.kept] == ["events-test.log"]
    assert theirs.read_bytes() == broken


def test_the_logs_a_device_writes_or_repairs_are_its_own_and_an_older_quizapps() -> None:
    from quizapp.progress.layout import is_written_log

    assert is_written_log("events-laptop.log", "laptop")
    assert is_written_log("events.log", "laptop")
    assert not is_written_log("events-desk.log", "laptop")
    assert not is_written_log("events-laptop.sync-conflict-20260301-120000-ABCDEFG.log", "laptop")
