"""Issue 17's recovery defects, each pinned: salvage on exact byte offsets, a missing or cut-off log, symbolic links,
leftover temp files, lines in every message, and `quizapp learner check|repair` (the code the TUI's Recover runs)."""

from __future__ import annotations

import os
import subprocess
import sys
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quizapp.cli.main import main
from quizapp.errors import CorruptFile
from quizapp.files.atomic import durable_append, sweep_temp_files
from quizapp.paths import learner_dir
from quizapp.progress.log import salvage
from quizapp.progress.profile import load_profile
from quizapp.progress.records import Event, encode_event
from quizapp.progress.recovery import check, repair
from quizapp.progress.store import PROFILE, LearnerStore
from quizapp.scheduling.scheduler import Rating, Scheduler

CARDS, LOCK, LOG = "cards-test.toml", "lock-test", "events-test.log"  # device "test"'s own files (conftest)

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
SCHED = Scheduler(enable_fuzzing=False)
FUZZ = settings(max_examples=int(os.environ.get("QUIZAPP_FUZZ_EXAMPLES", "0")) or 150, deadline=None, database=None)


def records(n: int) -> list[bytes]:
    out = []
    for i in range(n):
        state = SCHED.review(SCHED.new_card(f"c-{i % 30}", NOW), Rating(i % 4 + 1), NOW)
        event = Event(
            seq=i + 1, type="review", card=state.card_id, at=NOW + timedelta(minutes=i), state=state, rating=3
        )
        out.append(encode_event(event))
    return out


RECORDS = records(67)


def review_some(store: LearnerStore, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        state = SCHED.review(SCHED.new_card(f"c-{i}", NOW), Rating(i % 4 + 1), NOW, 1000)
        store.record("review", state, NOW + timedelta(seconds=i), rating=i % 4 + 1, kind="basic")


def seqs(data: bytes) -> list[int]:
    return [r.event.seq for r in salvage(data)[0]]


# -- defect 1: salvage on exact byte offsets ------------------------------------------------------------------------
def test_a_stray_crc_line_and_a_garbage_line_lose_no_record() -> None:
    """The issue's two cases: a lone CRC line after record 4 dropped record 5; `garbage` after 11 raised."""
    data = b"".join(RECORDS[:4]) + b'crc = "00000000"\n' + b"".join(RECORDS[4:11]) + b"garbage\n"
    data += b"".join(RECORDS[11:])
    assert seqs(data) == list(range(1, 68))


JUNK = st.one_of(
    st.binary(max_size=60),
    st.sampled_from([b'crc = "00000000"\n', b"garbage\n", b"[[event]]\n", b"[[event]]\nseq = 1\n", b"\n", b"crc = "]),
    # a torn copy, cut inside its CRC value or earlier: cut only before the last newline, the next junk's "\n" could
    # complete it into a whole, intact duplicate of the record (hypothesis found that), which salvage rightly keeps
    st.builds(lambda r, n: r[: min(n, len(r) - 10)], st.sampled_from(RECORDS[:3]), st.integers(0, 300)),
)


@FUZZ
@given(inserts=st.lists(st.tuples(st.integers(0, len(RECORDS)), st.lists(JUNK, min_size=1, max_size=3)), max_size=4))
@example(inserts=[(4, [b'crc = "00000000"\n']), (11, [b"garbage\n"])])
@example(inserts=[(0, [b"\xff\xfe"]), (67, [b"[[event]]\nseq = "])])
def test_salvage_keeps_every_intact_record_whatever_lies_between(inserts: list[tuple[int, list[bytes]]]) -> None:
    where = {}
    for at, junk in inserts:
        where.setdefault(at, []).extend(junk)
    data = b"".join(b"".join(where.get(i, [])) + r for i, r in enumerate(RECORDS)) + b"".join(where.get(67, []))
    assert seqs(data) == list(range(1, 68))


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(at=st.integers(0, 20), junk=JUNK)
def test_repair_of_a_log_with_junk_keeps_every_record_and_never_raises(
    tmp_path_factory: pytest.TempPathFactory, at: int, junk: bytes
) -> None:
    root = tmp_path_factory.mktemp("r")
    folder = learner_dir(root, "ann")
    folder.mkdir(parents=True)
    good = records(20)
    (folder / LOG).write_bytes(b"".join(good[:at]) + junk + b"".join(good[at:]))
    result = repair(root, "ann")
    assert result.problems == []
    with LearnerStore(root, "ann") as store:
        assert [e.seq for e in store.history()] == list(range(1, 21))


# -- defect 2: a missing or cut-off log ---------------------------------------------------------------------------
def _compacted_learner(root: Path, n: int = 30) -> dict:
    with LearnerStore(root, "ann") as store:
        review_some(store, n)
        store.compact()
        return dict(store.states)


def test_a_deleted_log_is_found_at_open_and_repair_keeps_every_state(tmp_path: Path) -> None:
    states = _compacted_learner(tmp_path)
    folder = learner_dir(tmp_path, "ann")
    (folder / LOG).unlink()
    with pytest.raises(CorruptFile, match="missing") as info:
        LearnerStore(tmp_path, "ann").open()
    assert info.value.path == folder / LOG
    offset = int((folder / CARDS).read_text().split("\n")[0].split("=")[1])
    assert [str(p) for p in check(tmp_path, "ann")] == [
        f"{folder / LOG}: missing, but {CARDS} includes {offset} bytes of it"
    ]
    assert repair(tmp_path, "ann").problems == []
    with LearnerStore(tmp_path, "ann") as store:
        assert store.states == states
        review_some(store, 1, start=30)
    with LearnerStore(tmp_path, "ann") as store:  # rate once, reopen: all 31, not 1
        assert len(store.states) == 31


def test_a_cut_off_log_keeps_the_snapshot_and_the_log_after_it(tmp_path: Path) -> None:
    states = _compacted_learner(tmp_path)
    folder = learner_dir(tmp_path, "ann")
    with LearnerStore(tmp_path, "ann") as store:
        review_some(store, 3, start=40)  # after the snapshot: only in the log
        store._since_compact = 0
        later = {k: v for k, v in store.states.items() if k not in states}
    log = (folder / LOG).read_bytes()
    (folder / LOG).write_bytes(log[: len(log) // 3])  # cut: the snapshot's part and the later records are gone
    with pytest.raises(CorruptFile, match="cut short"):
        LearnerStore(tmp_path, "ann").open()
    assert repair(tmp_path, "ann").problems == []
    with LearnerStore(tmp_path, "ann") as store:
        assert {k: store.states[k] for k in states} == states  # never less than the snapshot
        assert not later.keys() & store.states.keys()  # those three were only in the part cut off


def test_a_log_damaged_after_the_snapshot_merges_both(tmp_path: Path) -> None:
    states = _compacted_learner(tmp_path, 10)
    folder = learner_dir(tmp_path, "ann")
    with LearnerStore(tmp_path, "ann") as store:
        review_some(store, 3, start=10)
        store._since_compact = 0
        expected = dict(store.states)
    log = (folder / LOG).read_bytes()
    (folder / LOG).write_bytes(b"junk\n" + log)  # damage before everything: the snapshot's offset no longer fits
    with pytest.raises(CorruptFile):
        LearnerStore(tmp_path, "ann").open()
    result = repair(tmp_path, "ann")
    assert result.problems == [] and len(result.kept) == 2  # the damaged log and the old cards.toml, as copies
    assert result.done[0].startswith("events-test.log was damaged; 13 good records kept (")
    assert result.done[-1] == "cards-test.toml rewritten with 13 card states"
    with LearnerStore(tmp_path, "ann") as store:
        assert store.states == expected and len(states) == 10


# -- defect 4: symbolic links ---------------------------------------------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
@pytest.mark.parametrize("name", [LOCK, LOG, CARDS, PROFILE])
def test_a_link_in_the_learner_folder_is_refused_and_nothing_outside_is_written(tmp_path: Path, name: str) -> None:
    with LearnerStore(tmp_path / "home", "ann") as store:
        review_some(store, 2)
        store.compact()
    folder = learner_dir(tmp_path / "home", "ann")
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"precious\n")
    (folder / name).unlink()
    (folder / name).symlink_to(outside)
    with pytest.raises(CorruptFile, match="symbolic link") as info:
        LearnerStore(tmp_path / "home", "ann").open()
    assert info.value.path == folder / name
    assert [p.path for p in check(tmp_path / "home", "ann")] == [folder / name]
    result = repair(tmp_path / "home", "ann")
    assert result.problems == []
    with LearnerStore(tmp_path / "home", "ann") as store:
        review_some(store, 1, start=5)
    assert outside.read_bytes() == b"precious\n"
    assert [p for p in folder.iterdir() if p.is_symlink()][0].name.startswith(f"{name}.link-")


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_linked_learner_folder_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "home" / "learners").mkdir(parents=True)
    learner_dir(tmp_path / "home", "ann").symlink_to(elsewhere)
    with pytest.raises(CorruptFile, match="symbolic link"):
        LearnerStore(tmp_path / "home", "ann").open()
    assert list(elsewhere.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="O_NOFOLLOW")
def test_appends_never_go_through_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.write_bytes(b"x")
    (tmp_path / "log").symlink_to(outside)
    with pytest.raises(OSError):
        durable_append(tmp_path / "log", b"record")
    assert outside.read_bytes() == b"x"


# -- defect 5: temp files of interrupted writes ---------------------------------------------------------------------
def test_temp_files_of_dead_writers_are_swept_at_open_and_live_ones_kept(tmp_path: Path) -> None:
    with LearnerStore(tmp_path, "ann") as store:
        review_some(store, 1)
    folder = learner_dir(tmp_path, "ann")
    (folder / "quizzes").mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = [
            folder / ".cards.toml.k2j3l4m5.tmp",  # an older quizapp's: no pid
            folder / f".cards.toml.{dead.stdout.strip()}.a1b2c3d4.tmp",
            folder / "quizzes" / f".20260302T120000.toml.{dead.stdout.strip()}.a1b2c3d4.tmp",
        ]
        kept = folder / f".profile.toml.{live.pid}.a1b2c3d4.tmp"
        for p in [*stale, kept]:
            p.write_bytes(b"half a file")
        with LearnerStore(tmp_path, "ann"):
            assert [p.exists() for p in stale] == [False, False, False] and kept.exists()
    finally:
        live.kill()
        live.wait()
    assert sweep_temp_files(folder, locked=False) == [kept]  # its writer is gone now


# -- defect 6: every message names a line; the failed compaction at quit is said --------------------------------------
def test_invalid_utf8_and_wrong_values_name_their_line(tmp_path: Path) -> None:
    _compacted_learner(tmp_path, 3)
    folder = learner_dir(tmp_path, "ann")
    text = (folder / CARDS).read_bytes()
    lines = text.split(b"\n")
    due_line = next(i for i, line in enumerate(lines) if line.startswith(b"due")) + 1
    bad = b"\n".join(lines[: due_line - 1] + [b'due = "tomorrow"'] + lines[due_line:])
    for damaged, line, words in [
        (b"\n".join(lines[:5] + [b"step = 1 # \xff\xfe"] + lines[6:]), 6, "not UTF-8"),
        (bad, due_line, "due = 'tomorrow' must be a date and time"),
        (text.replace(b"log_seq = 3", b"log_seq = -3"), 2, "log_seq = -3"),
    ]:
        (folder / CARDS).write_bytes(damaged)
        with pytest.raises(CorruptFile, match=words) as info:
            LearnerStore(tmp_path, "ann").open()
        assert info.value.line == line, info.value
    (folder / CARDS).write_bytes(text)
    (folder / PROFILE).write_text("[learner]\nname = 'ann'\n\n[settings]\nnew_per_day = 5\ndesired_retention = 2.0\n")
    with pytest.raises(CorruptFile, match="desired_retention must be between") as info:
        load_profile(folder / PROFILE, "ann")
    assert info.value.line == 6


def test_a_deeply_nested_file_names_the_line_where_it_gets_too_deep(tmp_path: Path) -> None:
    _compacted_learner(tmp_path, 1)
    folder = learner_dir(tmp_path, "ann")
    (folder / PROFILE).write_text("[learner]\nname = 'ann'\n\n[settings]\nx = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(CorruptFile, match="nested too deeply") as info:
        LearnerStore(tmp_path, "ann").open()
    assert info.value.line == 5


def test_a_deeply_nested_deck_is_not_reported_at_1_1(tmp_path: Path) -> None:
    from quizapp.decks.library import load_library

    deck = tmp_path / "deep.toml"
    deck.write_text('[deck]\nid = "deep"\ntitle = "Deep"\n\n[[notes]]\nid = "n1"\nfront = ' + "[" * 5000 + "\n")
    lib = load_library([deck])
    assert len(lib.problems) == 1 and ":7:1:" in str(lib.problems[0]), lib.problems


def test_a_failed_background_compaction_is_said_and_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quizapp.progress.compaction as store_module  # where the snapshot is written

    def full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    with LearnerStore(tmp_path, "ann") as store:
        review_some(store, 5)
        monkeypatch.setattr(store_module, "atomic_write", full)
        store.compact_in_background()
        store.wait_for_compaction()
        assert "No space left on device" in (store.compact_problem or "") and "Nothing is lost" in store.compact_problem
        with pytest.raises(Exception, match="Nothing is lost"):
            store.finish_compaction()  # at quit: said, not silent
        monkeypatch.undo()
    with LearnerStore(tmp_path, "ann") as store:
        assert len(store.states) == 5


# -- profile.toml validated at load -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "learner = 1\n",
        "[learner]\ncreated = 1979-05-27\n",
        "[settings]\nnew_per_day = 1e3\n",
        "[settings]\ndesired_retention = nan\n",
        "[settings]\nactive_recall = 1\n",
        "[settings]\ndesired_retention = 100000000000000000000000000000000000000000000000000000000000000000000000000\n"
        "[settings]\n",
        "[settings]\nday_start_hour = 99999999999999999999\n",
    ],
)
def test_a_bad_profile_is_reported_with_its_path_never_a_traceback(tmp_path: Path, text: str) -> None:
    path = tmp_path / PROFILE
    path.write_text(text)
    with pytest.raises(CorruptFile) as info:
        load_profile(path, "ann")
    assert info.value.path == path


# -- quizapp learner check / repair -----------------------------------------------------------------------------------
def test_learner_check_and_repair_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    _compacted_learner(tmp_path, 4)
    assert main(["--home", str(tmp_path), "--learner", "ann", "learner", "check"]) == 0
    folder = learner_dir(tmp_path, "ann")
    with LearnerStore(tmp_path, "ann") as store:
        review_some(store, 2, start=10)
        store._since_compact = 0
    log = (folder / LOG).read_bytes()
    last = log.rfind(b"[[event]]")
    (folder / LOG).write_bytes(log[:last] + b"\xffjunk\n" + log[last:])  # between the last two records
    (folder / "quizzes").mkdir()
    (folder / "quizzes" / "20260302T120000.toml").write_text("answers = 1\n")
    capsys.readouterr()
    assert main(["--home", str(tmp_path), "--learner", "ann", "learner", "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{folder / LOG}:") and err[0].split(":")[1].isdigit()
    assert err[1] == f"{folder / 'quizzes' / '20260302T120000.toml'}:1: answers must be a list of tables"
    before = {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != LOCK}
    assert main(["--home", str(tmp_path), "--learner", "ann", "learner", "repair"]) == 0
    after = [p.read_bytes() for p in folder.rglob("*") if p.is_file()]
    assert all(data in after for data in before.values())  # every file kept, as it was or as a copy
    assert main(["--home", str(tmp_path), "--learner", "ann", "learner", "check"]) == 0
    with LearnerStore(tmp_path, "ann") as store:
        assert len(store.states) == 6


def test_repair_of_a_healthy_learner_changes_nothing(tmp_path: Path) -> None:
    _compacted_learner(tmp_path, 4)
    folder = learner_dir(tmp_path, "ann")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != LOCK}
    result = repair(tmp_path, "ann")
    assert result.kept == [] and result.done == [] and result.problems == []
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name != LOCK} == before


def test_signed_but_wrong_record_is_not_salvaged() -> None:
    body = b'[[event]]\nseq = "x"\n'
    forged = body + b'crc = "%08x"\n' % zlib.crc32(body)
    assert seqs(b"".join(RECORDS[:2]) + forged + b"".join(RECORDS[2:5])) == [1, 2, 3, 4, 5]


# -- the one TOML writer of progress files -----------------------------------------------------------------------
FLAT = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
    st.datetimes(timezones=st.just(timezone.utc)),
)


@FUZZ
@given(
    d=st.dictionaries(
        st.text(min_size=1), FLAT | st.lists(st.integers(0, 99)) | st.dictionaries(st.text(), st.integers())
    )
)
def test_the_toml_writer_reads_back_as_written(d: dict) -> None:
    import tomllib

    from quizapp.progress.records import toml_key, toml_table

    text = toml_table(f"t.{toml_key('a b')}", d)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return  # lone surrogates cannot be in a file; TOML loading never gives them
    assert tomllib.loads(text) == {"t": {"a b": d}}
