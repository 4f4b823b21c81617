"""The validated deck cache: hits only for the exact same file content and code; anything else re-parses."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from quizapp.decks import cache as deckcache
from quizapp.decks.cache import DeckCache
from quizapp.decks.library import DeckError, load_deck, load_library
from quizapp.decks.models import to_data

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "example-note.toml"


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    target = tmp_path / "decks" / "example.toml"
    target.parent.mkdir()
    shutil.copy(EXAMPLE, target)
    return target


def entries(cache: DeckCache) -> list[Path]:
    return sorted(cache.folder.glob("*.marshal")) if cache.folder.exists() else []


def test_nothing_is_created_until_a_deck_is_stored(tmp_path: Path) -> None:
    DeckCache(tmp_path / "cache" / "decks")
    assert not (tmp_path / "cache").exists()


def test_second_load_is_a_hit_and_equal(deck: Path, tmp_path: Path) -> None:
    cache = DeckCache(tmp_path / "cache")
    first = load_deck(deck, cache)
    assert (cache.hits, cache.misses) == (0, 1) and len(entries(cache)) == 1
    again = load_deck(deck, DeckCache(tmp_path / "cache"))
    assert again.deck == first.deck == load_deck(deck).deck
    assert again.path == deck
    fresh = load_deck(deck).deck.notes
    assert [type(n) for n in again.deck.notes] == [type(n) for n in fresh]
    assert [type(n.cloze) for n in again.deck.notes] == [type(n.cloze) for n in fresh]  # tables rebuilt too
    assert to_data(again.deck) == to_data(first.deck)


def test_a_hit_is_counted(deck: Path, tmp_path: Path) -> None:
    load_deck(deck, DeckCache(tmp_path / "cache"))
    cache = DeckCache(tmp_path / "cache")
    load_deck(deck, cache)
    assert (cache.hits, cache.misses) == (1, 0)


def test_changed_content_same_size_and_mtime_is_a_miss(deck: Path, tmp_path: Path) -> None:
    cache = DeckCache(tmp_path / "cache")
    load_deck(deck, cache)
    st = deck.stat()
    text = deck.read_text("utf-8")
    changed = text.replace("were established in 1958", "were established in 1959", 1)
    assert changed != text and len(changed) == len(text)
    deck.write_text(changed, "utf-8")
    os.utime(deck, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same mtime: only the hash tells
    loaded = load_deck(deck, cache)
    assert cache.misses == 2
    assert "1959" in str(to_data(loaded.deck))


def test_touched_file_is_a_miss(deck: Path, tmp_path: Path) -> None:
    cache = DeckCache(tmp_path / "cache")
    load_deck(deck, cache)
    st = deck.stat()
    os.utime(deck, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    load_deck(deck, cache)
    assert (cache.hits, cache.misses) == (0, 2)


def test_other_code_is_a_miss(deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_deck(deck, DeckCache(tmp_path / "cache"))
    monkeypatch.setattr(deckcache, "code_fingerprint", lambda: "other code")
    cache = DeckCache(tmp_path / "cache")
    load_deck(deck, cache)
    assert cache.misses == 1


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_damaged_entry_is_a_miss_not_an_error(deck: Path, tmp_path: Path, damage: str) -> None:
    cache = DeckCache(tmp_path / "cache")
    expected = load_deck(deck, cache).deck
    entry = entries(cache)[0]
    data = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        entry.write_bytes(data[:-40] + bytes([data[-40] ^ 0xFF]) + data[-39:])
    elif damage == "garbage":
        entry.write_bytes(b"\x80\x05junk" * 50)
    else:
        entry.write_bytes(b"")
    again = DeckCache(tmp_path / "cache")
    assert load_deck(deck, again).deck == expected
    assert again.misses == 1
    assert load_deck(deck, DeckCache(tmp_path / "cache")).deck == expected  # and the entry was rewritten


@pytest.mark.parametrize(
    "payload",
    [
        compile("raise SystemExit('ran code from the cache')", "<cache>", "exec"),  # marshal can hold code: never run
        ("not", "a", "deck"),
        ((), 1, (), ((1, 2, 3),)),
    ],
)
def test_entry_with_a_foreign_payload_is_a_miss(deck: Path, tmp_path: Path, payload: object) -> None:
    cache = DeckCache(tmp_path / "cache")
    expected = load_deck(deck, cache).deck
    entry = entries(cache)[0]
    data = entry.read_bytes()
    head_end = data.index(b"\n", len(deckcache.MAGIC))
    header = json.loads(data[len(deckcache.MAGIC) : head_end])
    body = marshal.dumps(payload)
    header["crc32"] = zlib.crc32(body)  # a well-formed entry for this very file, holding something else
    entry.write_bytes(deckcache.MAGIC + json.dumps(header).encode() + b"\n" + body)
    again = DeckCache(tmp_path / "cache")
    assert load_deck(deck, again).deck == expected and again.misses == 1


def test_broken_decks_are_not_cached_and_keep_their_messages(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[deck]\nid = "x"\ntitle = "T"\n[[notes]]\nid = "n1"\n', "utf-8")
    cache = DeckCache(tmp_path / "cache")
    with pytest.raises(DeckError) as first:
        load_deck(bad, cache)
    with pytest.raises(DeckError) as second:
        load_deck(bad, cache)
    assert str(first.value) == str(second.value) and "required field is missing" in str(first.value)
    assert entries(cache) == []


def test_unwritable_cache_folder_still_loads(deck: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    loaded = load_deck(deck, DeckCache(blocker / "decks"))
    assert loaded.deck == load_deck(deck).deck


def test_library_with_cache_matches_without(deck: Path, tmp_path: Path) -> None:
    plain = load_library([deck])
    load_library([deck], DeckCache(tmp_path / "cache"))
    cached = load_library([deck], DeckCache(tmp_path / "cache"))
    assert list(cached.notes) == list(plain.notes) and cached.problems == plain.problems
    assert [d.deck for d in cached.decks] == [d.deck for d in plain.decks]


def test_cached_notes_are_immutable(deck: Path, tmp_path: Path) -> None:
    load_deck(deck, DeckCache(tmp_path / "cache"))
    note = load_deck(deck, DeckCache(tmp_path / "cache")).deck.notes[0]
    with pytest.raises(AttributeError):
        note.explanation = "changed"  # type: ignore[misc]
    assert note._replace(explanation="changed").explanation == "changed" and note.explanation != "changed"


def test_pack_round_trips_every_bundled_deck_and_tables_all_some_or_none() -> None:
    from quizapp.decks.library import bundled_decks_dir, find_deck_files

    decks = [load_deck(p).deck for p in find_deck_files([bundled_decks_dir()])]
    one = decks[0]
    decks.append(one._replace(notes=tuple(n for n in one.notes if n.cloze)))  # every note has a cloze
    decks.append(one._replace(notes=()))
    for d in decks:
        back = deckcache.unpack(deckcache.pack(d))
        assert back == d
        for name in ("conflict", "basic", "typed", "cloze", "choice", "truefalse", "match"):
            assert [type(getattr(n, name)) for n in back.notes] == [type(getattr(n, name)) for n in d.notes]


def test_table_index_that_does_not_fit_is_refused() -> None:
    d = load_deck(EXAMPLE).deck
    d = d._replace(notes=d.notes + (d.notes[0]._replace(id="other", cloze=None),))
    meta, fmt, sources, count, columns = deckcache._to_plain(d)
    i = deckcache._NOTE_FIELDS.index("cloze")
    refs, rows = columns[i]
    assert refs is not None  # some notes have a cloze and some do not
    for bad in (refs[:-1], refs[:-4] + b"\xff\xff\x00\x00"):
        columns = columns[:i] + ((bad, rows),) + columns[i + 1 :]
        with pytest.raises((ValueError, IndexError)):
            deckcache._from_plain((meta, fmt, sources, count, columns))


def test_entries_of_decks_that_are_gone_and_stale_temporary_files_are_pruned(deck: Path, tmp_path: Path) -> None:
    other = deck.with_name("other.toml")
    shutil.copy(deck, other)
    cache = DeckCache(tmp_path / "cache")
    load_deck(deck, cache)
    load_deck(other, cache)
    assert len(entries(cache)) == 2
    old_tmp, new_tmp = cache.folder / ".deck.crashed.tmp", cache.folder / ".deck.writing.tmp"
    old_tmp.write_bytes(b"half")
    new_tmp.write_bytes(b"half")
    os.utime(old_tmp, (0, os.path.getmtime(new_tmp) - 7200))
    foreign = cache.folder / "0123.marshal"
    foreign.write_bytes(b"QZDECK1\n{}\n")
    unrelated = cache.folder / "notes.txt"
    unrelated.write_text("mine")
    other.unlink()
    gone = cache.prune()
    assert sorted(p.name for p in gone) == sorted([old_tmp.name, foreign.name, cache._entry(other).name])
    assert entries(cache) == [cache._entry(deck)] and new_tmp.exists() and unrelated.exists()
    assert load_deck(deck, cache) and cache.hits == 1  # the live entry still hits


def test_pruning_runs_after_a_write(deck: Path, tmp_path: Path) -> None:
    other = deck.with_name("other.toml")
    shutil.copy(deck, other)
    cache = DeckCache(tmp_path / "cache")
    load_deck(other, cache)
    other.unlink()
    load_deck(deck, cache)  # a miss: written, then the folder pruned
    assert entries(cache) == [cache._entry(deck)]


def test_the_code_fingerprint_covers_the_plain_builder_before_it_is_imported() -> None:
    """A warm start never imports decks.plain; the cache key must still change when it changes."""
    code = (
        "import sys\nfrom quizapp.decks import cache\n"
        "first = cache.code_fingerprint()\nassert 'quizapp.decks.plain' not in sys.modules\n"
        "import quizapp.decks.plain\nprint(first == cache.code_fingerprint())\n"
    )
    src = Path(__file__).resolve().parents[1] / "src"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": str(src)})
    assert run.stdout.strip() == "True", run.stderr


def test_a_cached_deck_holds_an_answer_many_notes_share_once() -> None:
    """The cache stores equal strings of the question tables once, so a warm open reads one object, not one per
    note (fewer objects to make and keep; pydantic's output shared them, the plain build keeps the parser's)."""
    from tests.test_decks import GOOD

    from quizapp.decks.library import parse_deck

    second = GOOD.split("[[notes]]")[1].replace('id = "g-1"', 'id = "g-2"')
    deck = parse_deck((GOOD + "[[notes]]" + second).encode(), "d.toml").deck
    first_note, second_note = deckcache.unpack(deckcache.pack(deck)).notes
    assert first_note.typed == second_note.typed
    assert first_note.typed.answer is second_note.typed.answer
    assert first_note.typed.prompt is second_note.typed.prompt
