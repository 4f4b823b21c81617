"""A learner's progress on disk: card states, an append-only event log, and a lock.

Files in the learner's folder:
  profile.toml  settings (atomic rewrite)
  cards.toml    compacted card states + the log offset they include (atomic rewrite)
  events.log    append-only TOML records, each ending with a CRC line, fsynced one by one
  lock          held with flock while a session has the learner open
Loading takes cards.toml and replays the log from its offset. Every event stores the card's
resulting state, so the log alone can rebuild everything.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path

import tomli_w

from quizapp.errors import CorruptFile, LearnerBusy, SaveFailed
from quizapp.files import tomlread
from quizapp.files.atomic import atomic_write, durable_append, fsync_dir, open_log, still_open
from quizapp.files.locks import holder, try_lock
from quizapp.paths import learner_dir
from quizapp.progress import cache as progresscache
from quizapp.progress.cache import ProgressCache
from quizapp.progress.profile import BAD_DATA, Profile, corrupt, load_profile, save_profile
from quizapp.scheduling.scheduler import CardState

CARDS, LOG, LOCK, PROFILE = "cards.toml", "events.log", "lock", "profile.toml"
CARDS_PIECE = 1 << 20  # a big cards.toml is parsed about this much at a time (5,000 cards)
COMPACT_EVERY = 1000  # saves between compactions, or the number of cards if that is more
NO_STATE_CHANGE = {"practice"}  # logged for stats, but the schedule is untouched
_CRC_LINE = re.compile(rb'^crc = "([0-9a-f]{8})"$')
_STATE_FIELDS = [f.name for f in fields(CardState) if f.name != "card_id"]
_BOOL_FIELDS = {"suspended", "flagged"}
_TIME_FIELDS = ("due", "last_review", "buried_until")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_QUOTABLE_KEY = re.compile(r'[^"\\\x00-\x1f\x7f]+')
_STATE_TYPES = {
    "state": int,
    "step": int,
    "stability": float,
    "difficulty": float,
    "due": datetime,
    "last_review": datetime,
    "suspended": bool,
    "buried_until": datetime,
    "flagged": bool,
}
_EVENT_TYPES = {
    "seq": int,
    "type": str,
    "card": str,
    "at": datetime,
    "rating": int,
    "duration_ms": int,
    "kind": str,
    "undoes": int,
}


@dataclass(frozen=True)
class Event:
    """One thing that happened to a card; `state` is the card's state after it."""

    seq: int
    type: str  # review | undo | bury | suspend | unsuspend | flag | unflag | override
    card: str
    at: datetime
    state: CardState
    rating: int | None = None
    duration_ms: int | None = None
    kind: str | None = None
    undoes: int | None = None


_EVENT_FIELDS = [f.name for f in fields(Event) if f.name != "state"]


@dataclass
class LoadReport:
    warnings: list[str] = field(default_factory=list)


def state_to_dict(s: CardState) -> dict:
    """The state's fields but card_id, leaving out None (no deep copy: asdict() cost 50 us per card)."""
    return {k: v for k in _STATE_FIELDS if (v := getattr(s, k)) is not None}


def state_from_dict(card_id: str, d: dict) -> CardState:
    """Inverse of state_to_dict: fields left out were None (booleans are always written).
    Raises ValueError for a value of the wrong type, so damage is found on loading, not mid-session."""
    if type(d) is dict:  # fast path for well-formed states (100,000 of them at load); anything odd is checked below
        g = d.get
        state, step, stability, difficulty = g("state"), g("step"), g("stability"), g("difficulty")
        due, last, buried = g("due"), g("last_review"), g("buried_until")
        suspended, flagged = g("suspended", False), g("flagged", False)
        if (
            type(state) is int
            and 1 <= state <= 3
            and (step is None or (type(step) is int and step >= 0))
            and _number_or_none(stability)
            and (stability is None or stability > 0)
            and _number_or_none(difficulty)
            and _fits_fsrs(state, step, stability, difficulty)
            and _time_or_none(due)
            and _time_or_none(last)
            and _time_or_none(buried)
            and type(suspended) is bool
            and type(flagged) is bool
        ):
            return CardState(
                card_id=card_id,
                state=state,
                step=step,
                stability=stability,
                difficulty=difficulty,
                due=_in_utc(due),
                last_review=_in_utc(last),
                suspended=suspended,
                buried_until=_in_utc(buried),
                flagged=flagged,
            )
    return _checked_state_from_dict(card_id, d)


def _parse_cards(text: str) -> tuple[dict, dict[str, CardState]]:
    """cards.toml's top-level values and its states. A big file is parsed about 5,000 cards at a time, each piece turned
    into states before the next is read (tomlread.pieces), so 100,000 cards' parsed TOML never lives whole;
    anything amiss in a piece, and every small file, is parsed whole, which raises the error it holds."""
    parsed = tomlread.pieces(text, "[cards.", CARDS_PIECE)
    if parsed is not None:
        states: dict[str, CardState] = {}
        try:
            head = next(parsed)
            if "cards" not in head:
                for piece in parsed:
                    cards = piece.pop("cards", None)
                    if piece or type(cards) is not dict or not states.keys().isdisjoint(cards):
                        break  # a piece holds more than cards, or defines a card again: parse the file whole
                    states.update({cid: state_from_dict(cid, d) for cid, d in cards.items()})
                else:
                    return head, states
        except Exception:  # noqa: S110 - parsed whole below, which reports it
            pass
    data = tomlread.loads(text)
    return data, {cid: state_from_dict(cid, d) for cid, d in data.get("cards", {}).items()}


def _fits_fsrs(state: object, step: object, stability: object, difficulty: object) -> bool:
    """The combinations FSRS can schedule: stability and difficulty together, both once past learning,
    and a step while learning or relearning (FSRS asserts or fails on anything else)."""
    return (
        (stability is None) == (difficulty is None)
        and (state == 1 or stability is not None)
        and (state == 2 or step is not None)
    )


def _number_or_none(v: object) -> bool:
    return v is None or (type(v) in (float, int) and math.isfinite(v))  # type: ignore[arg-type]


def _time_or_none(v: object) -> bool:
    return v is None or (type(v) is datetime and v.tzinfo is not None)  # type: ignore[union-attr]


def _in_utc(v: datetime | None) -> datetime | None:
    return v if v is None or v.tzinfo is timezone.utc else v.astimezone(timezone.utc)


def _checked_state_from_dict(card_id: str, d: dict) -> CardState:
    """The slow path of state_from_dict: the same result, and a message naming what is wrong."""
    if type(d) is not dict:
        raise ValueError(f"card {card_id!r}: its state must be a table")
    values = {k: d.get(k) for k in _STATE_FIELDS if k in d or k not in _BOOL_FIELDS}
    for k, v in values.items():
        if v is not None and not _valid(_STATE_TYPES[k], v):
            raise ValueError(f"card {card_id!r}: {k} = {v!r} is not a valid {_STATE_TYPES[k].__name__}"[:200])
    if values.get("state", 1) not in (1, 2, 3) or (values.get("step") or 0) < 0:
        raise ValueError(f"card {card_id!r}: state or step out of range")
    if values.get("stability") is not None and values["stability"] <= 0:  # FSRS divides by it
        raise ValueError(f"card {card_id!r}: stability = {values['stability']!r} must be more than 0")
    if not _fits_fsrs(values.get("state", 1), values.get("step"), values.get("stability"), values.get("difficulty")):
        raise ValueError(
            f"card {card_id!r}: state = {values.get('state', 1)} does not go with its step, stability "
            "and difficulty (learning and relearning need a step; reviewed cards need both numbers)"
        )
    for k in _TIME_FIELDS:
        v = values.get(k)
        if v is not None and v.tzinfo is not timezone.utc:
            values[k] = v.astimezone(timezone.utc)  # one tzinfo class, whichever TOML reader read it
    return CardState(card_id=card_id, **values)


def _valid(t: type, v: object) -> bool:
    """`v` is a `t`: floats may be written as ints but must be finite; times must carry a time zone."""
    if t is float:
        return type(v) in (float, int) and math.isfinite(v)  # type: ignore[arg-type]
    if t is datetime:
        return type(v) is datetime and v.tzinfo is not None  # type: ignore[union-attr]
    return type(v) is t


def encode_cards(log_offset: int, log_seq: int, states: dict[str, CardState]) -> str:
    """cards.toml text, the same as tomli_w writes it, but built directly: compaction stays fast at 100k cards."""
    chunks = [f"log_offset = {log_offset}\nlog_seq = {log_seq}\n"]
    for cid, s in states.items():
        chunks.append(_card_chunk(cid, state_to_dict(s)))
    if len(chunks) == 1:
        chunks.append("[cards]\n")
    return "\n".join(chunks)


def _card_chunk(cid: str, d: dict) -> str:
    if _BARE_KEY.fullmatch(cid):
        key = cid
    elif _QUOTABLE_KEY.fullmatch(cid):
        key = f'"{cid}"'
    else:
        return tomli_w.dumps({"cards": {cid: d}})
    lines = _toml_lines(d, [f"[cards.{key}]"])
    return "\n".join(lines) if lines else tomli_w.dumps({"cards": {cid: d}})


def _toml_lines(d: dict, lines: list[str]) -> list[str] | None:
    """`key = value` lines as tomli_w writes them (plus a final ""), or None for a value it should write."""
    for k, v in d.items():
        t = type(v)
        if t is bool:
            lines.append(f"{k} = {'true' if v else 'false'}")
        elif t is int or t is float or t is datetime:
            lines.append(f"{k} = {v}")  # str() of these is what tomli_w writes
        elif t is str and _QUOTABLE_KEY.fullmatch(v):
            lines.append(f'{k} = "{v}"')
        else:
            return None
    lines.append("")
    return lines


def encode_event(e: Event) -> bytes:
    body = {k: v for k in _EVENT_FIELDS if (v := getattr(e, k)) is not None}
    state = state_to_dict(e.state)
    head = _toml_lines(body, ["[[event]]"])
    tail = head and _toml_lines(state, ["[event.state]"])
    if head and tail:  # the same text tomli_w gives, 5x faster
        text = "\n".join(head) + "\n" + "\n".join(tail)
    else:
        body["state"] = state
        text = "[[event]]\n" + tomli_w.dumps(body).replace("\n[state]\n", "\n[event.state]\n")
    raw = text.encode("utf-8")
    return raw + b'crc = "%08x"\n' % zlib.crc32(raw)


def _decode_event(chunk: bytes) -> Event:
    data = tomlread.loads(chunk.decode("utf-8"))["event"][0]
    for k, v in data.items():
        if k in _EVENT_TYPES and not _valid(_EVENT_TYPES[k], v):
            raise ValueError(f"{k} = {v!r} is not a valid {_EVENT_TYPES[k].__name__}"[:200])
    state = state_from_dict(data["card"], data.pop("state", {}))
    return Event(state=state, **data)


_BAD_RECORD = (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, IndexError, AttributeError, RecursionError)


def _records(data: bytes) -> Iterator[tuple[int, int, bytes, int, bool]]:
    """(first line, line after it, body, length with the CRC line, checksum ok) for each record of `data` that
    ends in a CRC line and its newline; a last part without them (a record torn by a crash) is not yielded."""
    start, chunk = 0, []
    lines = data.split(b"\n")
    last = len(lines) - 1  # the part after the final newline: a CRC line there was cut before its newline
    for i, line in enumerate(lines):
        chunk.append(line)
        m = _CRC_LINE.match(line)
        if m and i < last:
            body = b"\n".join(chunk[:-1]) + b"\n"
            yield start, i + 1, body, len(body) + len(line) + 1, zlib.crc32(body) == int(m[1], 16)
            start, chunk = i + 1, []


def read_events(path: Path, offset: int = 0, report: LoadReport | None = None) -> tuple[list[Event], int]:
    """Events from `offset`, and the offset just past the last good one.

    A torn last record (a crash mid-write) is skipped with a warning; damage before good
    records raises CorruptFile naming the line.
    """
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            data = f.read()
    except FileNotFoundError:
        return [], offset
    line_base = _count_lines(path, offset) if offset else 0
    events: list[Event] = []
    good_end = next_line = 0
    for start, end_line, body, size, ok in _records(data):
        if not ok:
            raise CorruptFile(path, line_base + start + 1, "record fails its checksum")
        try:
            events.append(_decode_event(body))
        except _BAD_RECORD as e:
            raise CorruptFile(path, line_base + start + 1, f"bad record: {e}"[:300]) from None
        good_end, next_line = good_end + size, end_line
    tail = data[good_end:]
    if tail.strip() and report is not None:
        where = f"{path}:{line_base + next_line + 1}"
        report.warnings.append(f"{where}: an unfinished last record (from a crash) was skipped")
    return events, offset + good_end


def salvage_log(data: bytes) -> tuple[bytes, int]:
    """The records of a damaged log that still pass their checksum and decode, and how many were dropped."""
    kept, dropped, pos = [], 0, 0
    for _, _, body, size, ok in _records(data):
        record, pos = data[pos : pos + size], pos + size
        if not ok:  # junk before a good record fails the whole chunk: try from the chunk's last record start
            cut = body.rfind(b"\n[[event]]\n") + 1
            ok = cut > 0 and zlib.crc32(body[cut:]) == int(record[len(body) + 7 : len(body) + 15], 16)
            body, record = body[cut:], record[cut:]
        try:
            if not ok:
                raise ValueError("checksum")
            _decode_event(body)
        except _BAD_RECORD:
            dropped += 1
            continue
        kept.append(record)
    return b"".join(kept), dropped


def _record_ends_at(path: Path, offset: int) -> bool:
    """True if a record's CRC line ends just before `offset` of the log."""
    with open(path, "rb") as f:
        f.seek(max(0, offset - 18))
        before = f.read(min(offset, 18))
    return before[-18:-17] in (b"", b"\n") and bool(_CRC_LINE.match(before[-17:-1])) and before.endswith(b"\n")


def _count_lines(path: Path, offset: int) -> int:
    with open(path, "rb") as f:
        return f.read(offset).count(b"\n")


class LearnerStore:
    """Open one learner's progress; holds the lock until close()."""

    def __init__(self, root: Path, learner: str, *, read_only: bool = False, cache: bool = False):
        self.folder = learner_dir(root, learner)
        self._cache = ProgressCache(root / "cache" / "progress", learner) if cache else None
        self.learner = learner
        self.read_only = read_only
        self.states: dict[str, CardState] = {}
        self.report = LoadReport()
        self.pending: list[Event] = []
        self._lock_fd: int | None = None
        self._log_fd: int | None = None
        self._seq = 0
        self._log_end = 0
        self._since_compact = 0
        self._history: list[Event] | None = None

    # -- opening and closing ---------------------------------------------------------------------
    def open(self) -> LearnerStore:
        if not self.read_only:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._acquire_lock()
        try:
            self.profile = load_profile(self.folder / PROFILE, self.learner)
            self._load_states()
            if not self.read_only and not (self.folder / PROFILE).exists():
                save_profile(self.folder / PROFILE, self.profile)
        except BaseException:
            self._release_lock()
            raise
        return self

    def close(self) -> None:
        """Save what is pending, compact, release the lock. Raises SaveFailed if pending events still cannot be
        written (they stay in `pending`; callers should offer to retry before quitting)."""
        try:
            if not self.read_only:
                self.flush()
                if self._since_compact:
                    self.compact()
        finally:
            self._release_lock()

    def __enter__(self) -> LearnerStore:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _acquire_lock(self) -> None:
        path = self.folder / LOCK
        fd = try_lock(path, f"pid {os.getpid()} since {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
        if fd is None:
            raise LearnerBusy(self.learner, holder(path) or "another process")
        self._lock_fd = fd

    def _release_lock(self) -> None:
        if self._log_fd is not None:
            os.close(self._log_fd)
            self._log_fd = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    # -- loading ------------------------------------------------------------------------------------
    def _load_states(self) -> None:
        cards_path, log_path = self.folder / CARDS, self.folder / LOG
        offset = 0
        if cards_path.exists():
            offset = self._read_cards(cards_path)
            if log_path.exists() and offset > log_path.stat().st_size:
                raise CorruptFile(cards_path, None, f"log_offset {offset} is past the end of {LOG}")
            if offset and log_path.exists() and not _record_ends_at(log_path, offset):
                raise CorruptFile(cards_path, None, f"log_offset {offset} is not the end of a record in {LOG}")
        events, end = read_events(log_path, offset, self.report)
        for e in events:
            if e.type not in NO_STATE_CHANGE:
                self.states[e.card] = e.state
            self._seq = max(self._seq, e.seq)
        self._log_end = end
        self._since_compact = len(events)
        if not self.read_only and log_path.exists() and log_path.stat().st_size > end:
            self._set_torn_tail_aside(log_path, end)

    def _set_torn_tail_aside(self, log_path: Path, end: int) -> None:
        """Copy an unfinished last record to a side file, then cut it off so new records start clean."""
        with open(log_path, "rb") as f:
            f.seek(end)
            tail = f.read()
        atomic_write(aside_name(log_path, "torn"), tail)
        with open(log_path, "r+b") as f:
            f.truncate(end)
            os.fsync(f.fileno())

    # -- writing ------------------------------------------------------------------------------------
    def record(self, type: str, state: CardState, at: datetime, **extra: object) -> Event:
        """Append one event durably and apply it. On a failed write the event is kept and SaveFailed raised."""
        if self.read_only:
            raise SaveFailed(f"learner {self.learner!r} is open read-only here; nothing can be saved")
        self._seq += 1
        event = Event(seq=self._seq, type=type, card=state.card_id, at=at, state=state, **extra)  # type: ignore[arg-type]
        if type not in NO_STATE_CHANGE:
            self.states[event.card] = state
        self.pending.append(event)
        if self._history is not None:
            self._history.append(event)
        self.flush()
        return event

    def flush(self) -> None:
        """Write pending events; raise SaveFailed (keeping them) if the disk refuses."""
        while self.pending:
            event = self.pending[0]
            try:
                self._log_end = durable_append(self.folder / LOG, encode_event(event), fd=self._log())
            except OSError as e:
                raise SaveFailed(
                    f"could not save to {self.folder / LOG}: {e.strerror or e}. "
                    f"{len(self.pending)} unsaved change(s) are kept in memory and will be retried."
                ) from None
            self.pending.pop(0)
            self._since_compact += 1
        if self._since_compact >= max(COMPACT_EVERY, len(self.states)):
            self.compact()  # O(cards), so at most once per that many saves: O(1) per save on average

    def _log(self) -> int:
        """The log's fd, kept open between saves (reopened if the file was deleted or replaced meanwhile)."""
        path = self.folder / LOG
        if self._log_fd is not None and not still_open(path, self._log_fd):
            os.close(self._log_fd)
            self._log_fd = None
        if self._log_fd is None:
            self._log_fd = open_log(path)
        return self._log_fd

    def _read_cards(self, path: Path) -> int:
        """Load the states in cards.toml (from the progress cache when it holds this exact file); its log offset."""
        key = None
        try:
            raw = path.read_bytes()
            if self._cache:
                key = self._cache.key(raw, path.stat())
                hit = self._cache.get(key)
                if hit:
                    offset, self._seq, self.states = hit
                    return offset
            data, states = _parse_cards(raw.decode("utf-8"))
            offset, self._seq = data.get("log_offset", 0), data.get("log_seq", 0)
            if type(offset) is not int or type(self._seq) is not int or min(offset, self._seq) < 0:
                raise ValueError("log_offset and log_seq must be whole numbers, 0 or more")
        except BAD_DATA as e:
            raise corrupt(path, e) from None
        if not self._cache:
            self.states = states
            return offset
        payload = progresscache.pack(offset, self._seq, states)
        if key and not self.read_only:
            self._cache.put(key, payload)
        del data, states  # rebuilt from the payload into the memory they leave, instead of beside its holes
        self.states = progresscache.unpack(payload)[2]
        return offset

    def compact(self) -> None:
        """Rewrite cards.toml atomically with every state and the log offset they cover."""
        if self.pending:
            return
        raw = encode_cards(self._log_end, self._seq, self.states).encode("utf-8")
        path = self.folder / CARDS
        try:
            atomic_write(path, raw)
        except OSError as e:
            raise SaveFailed(f"could not write {path}: {e.strerror or e}") from None
        self._since_compact = 0
        if self._cache:
            try:
                self._cache.put(
                    self._cache.key(raw, path.stat()), progresscache.pack(self._log_end, self._seq, self.states)
                )
            except OSError:
                pass

    def save_profile(self, profile: Profile) -> None:
        if self.read_only:
            raise SaveFailed(f"learner {self.learner!r} is open read-only here; settings cannot be saved")
        save_profile(self.folder / PROFILE, profile)
        self.profile = profile

    # -- reading history ----------------------------------------------------------------------------
    def history(self) -> list[Event]:
        """Every event ever logged (read once, then kept up to date). Records damaged before the part that opening
        reads (which cards.toml already covers) are left out with a warning, not raised mid-session."""
        if self._history is None:
            log = self.folder / LOG
            try:
                events, _ = read_events(log, 0)
            except CorruptFile as e:
                good, dropped = salvage_log(log.read_bytes())
                events = [_decode_event(body) for _, _, body, _, _ in _records(good)]
                self.report.warnings.append(f"{log}:{e.line}: {dropped} damaged record(s) left out of the history")
            self._history = events + [e for e in self.pending if e not in events]
        return self._history

    def reviews(self) -> list[Event]:
        """Review events that were not undone."""
        hist = self.history()
        undone = {e.undoes for e in hist if e.type == "undo"}
        return [e for e in hist if e.type in ("review", "override") and e.seq not in undone]


def recover(root: Path, learner: str) -> Path:
    """Set damaged progress files aside (renamed or copied, never deleted) so the learner opens again, and return
    the first one kept. A corrupt cards.toml: states are rebuilt from the log. A corrupt profile.toml: settings go
    back to the defaults. A log damaged mid-file: its readable records make the new log, and cards.toml (whose
    offset no longer fits) is set aside too. Nothing damaged: cards.toml is set aside, states rebuilt from the log."""
    folder = learner_dir(root, learner)
    kept: list[Path] = []
    for _ in range(4):  # at most one pass per file, and one to check
        try:
            LearnerStore(root, learner, read_only=True).open()
            break
        except CorruptFile as e:
            kept += _set_aside(folder, Path(e.path))
    if not kept and (folder / CARDS).exists():
        kept += _set_aside(folder, folder / CARDS)
    return kept[0] if kept else folder


def _set_aside(folder: Path, damaged: Path) -> list[Path]:
    if damaged.name != LOG:
        target = aside_name(damaged, "corrupt")
        os.replace(damaged, target)
        fsync_dir(folder)
        return [target]
    data = damaged.read_bytes()
    good, _ = salvage_log(data)
    copy = aside_name(damaged, "corrupt")
    atomic_write(copy, data)  # the whole damaged log, byte for byte
    atomic_write(damaged, good)
    return [copy] + (_set_aside(folder, folder / CARDS) if (folder / CARDS).exists() else [])


def aside_name(path: Path, why: str) -> Path:
    """A new name beside `path` for a copy kept aside: `<name>.<why>-<UTC time>`, never an existing file."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target, n = path.with_name(f"{path.name}.{why}-{stamp}"), 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{why}-{stamp}-{n}")
    return target


def list_learners(root: Path) -> list[str]:
    folder = root / "learners"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir())
