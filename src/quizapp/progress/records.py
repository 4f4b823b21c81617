"""What the progress files hold, checked and written: card states, events, and the TOML they are written in.

One writer (`toml_table`) writes every progress file (cards.toml, events.log records, profile.toml); one check
(`state_from_dict`) reads every card state, whether from cards.toml or a log record."""

from __future__ import annotations

import math
import re
import tomllib
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import datetime, timezone

from quizapp.errors import QuizappError
from quizapp.files import tomlread
from quizapp.progress import cardlines
from quizapp.progress.keys import LOW, PACKED_TEXT, Packed, greatest
from quizapp.progress.keys import pack as pack_keys
from quizapp.scheduling.flags import MAX_FLAG
from quizapp.scheduling.scheduler import CardState

_STATE_FIELDS = [f.name for f in fields(CardState) if f.name != "card_id"]
if [f.name for f in fields(CardState)] != ["card_id", *_STATE_FIELDS] or len(_STATE_FIELDS) != 9:
    raise ImportError("quizapp.progress.records is out of date with CardState's fields")  # state_from_dict names them
_WRITTEN = [k for k in _STATE_FIELDS if k not in ("suspended", "flag")]  # those two only when set
_UTC, _INF, _NUMBER = timezone.utc, math.inf, (float, int)
_new, _set = object.__new__, object.__setattr__
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_PLAIN_STR = re.compile(r'[^"\\\x00-\x1f\x7f]*')
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_EVENT_TYPES = {"seq": int, "type": str, "card": str, "at": datetime, "rating": int, "duration_ms": int}
_EVENT_TYPES |= {"kind": str, "undoes": int, "device": str, "settings": dict}


class FieldError(QuizappError, ValueError):
    """A value of the wrong type or out of range; `loc` is its key path in the file, e.g. ("cards", id, "due")."""

    def __init__(self, loc: tuple[str, ...], message: str):
        super().__init__(message[:300])
        self.loc = loc


# -- the one TOML writer ------------------------------------------------------------------------------------------
def toml_string(s: str) -> str:
    if _PLAIN_STR.fullmatch(s):
        return f'"{s}"'
    return '"' + "".join(_ESCAPES.get(c) or (f"\\u{ord(c):04x}" if c < " " or c == "\x7f" else c) for c in s) + '"'


def toml_key(k: str) -> str:
    return k if _BARE_KEY.fullmatch(k) else toml_string(k)


def toml_value(v: object) -> str:
    t = type(v)
    if t is bool:
        return "true" if v else "false"
    if t is int or t is datetime:
        return str(v)  # a datetime's str() is a TOML date-time (a space for the T is allowed)
    if t is float:
        if not math.isfinite(v):  # type: ignore[arg-type]
            raise ValueError(f"{v!r} cannot be stored")
        return repr(v)
    if t is str:
        return toml_string(v)  # type: ignore[arg-type]
    if t is list or t is tuple:
        return "[" + ", ".join(map(toml_value, v)) + "]"  # type: ignore[call-overload]
    if t is dict:
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(x)}" for k, x in v.items()) + "}"  # type: ignore[attr-defined]
    raise TypeError(f"{t.__name__} is not a value progress files hold")


def toml_table(header: str, d: dict) -> str:
    """`[header]` and one `key = value` line per item of `d` (lists as arrays, tables inline), ending in a newline."""
    lines = [f"[{header}]"]
    lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in d.items()]
    return "\n".join(lines) + "\n"


# -- card states ---------------------------------------------------------------------------------------------------
def state_to_dict(s: CardState) -> dict:
    """The state's fields but card_id, leaving out None, `suspended = false` and `flag = 0` (absent is false and no
    flag to every quizapp that ever read them, and 10,000 cards parse 20% faster without them); no deep copy:
    asdict() cost 50 us per card. A flagged card also gets `flagged = true`, which an older quizapp (yes/no flags)
    reads; this one reads `flag`."""
    d = {k: v for k in _WRITTEN if (v := getattr(s, k)) is not None}
    if s.suspended:
        d["suspended"] = True
    if s.flag:
        d["flag"] = s.flag
        d["flagged"] = True
    return d


def state_from_dict(card_id: str, d: object, where: tuple[str, ...] = ()) -> CardState:
    """Inverse of state_to_dict (fields left out were None; booleans default to false, the flag to none; an older
    quizapp's `flagged = true` is the red flag), checking every value:
    raises FieldError naming the field, so damage is found on loading, not mid-session. The checks are the
    states FSRS can schedule: state 1-3, a step while learning or relearning, finite numbers, stability above 0,
    stability and difficulty together and both once past learning, times with a time zone.

    A state whose every value passes the checks in one expression (every state quizapp writes) is built at once
    (2 us instead of 4.5 us per card: 10,000 cards are read at every launch); anything else goes through the
    checks one by one (`checked_state`), which name the field that is wrong."""
    if type(d) is not dict:
        raise FieldError((*where, card_id), f"card {card_id!r}: its state must be a table")
    g = d.get
    state, step, stability, difficulty = g("state"), g("step"), g("stability"), g("difficulty")
    due, last, buried, suspended, flag = g("due"), g("last_review"), g("buried_until"), g("suspended", False), g("flag")
    if flag is None and "flagged" not in d:
        flag = 0  # no flag (an older quizapp's `flagged` goes through checked_state)
    if not (
        state.__class__ is int
        and 1 <= state <= 3
        and (step is None or (step.__class__ is int and step >= 0))
        and (state == 2 or step is not None)
        and (
            (stability is None and difficulty is None and state == 1)
            or (
                stability.__class__ in _NUMBER
                and 0 < stability < _INF  # FSRS divides by it
                and difficulty.__class__ in _NUMBER
                and -_INF < difficulty < _INF
            )
        )
        and (due is None or (due.__class__ is datetime and due.tzinfo is not None))
        and (last is None or (last.__class__ is datetime and last.tzinfo is not None))
        and (buried is None or (buried.__class__ is datetime and buried.tzinfo is not None))
        and suspended.__class__ is bool
        and flag.__class__ is int
        and 0 <= flag <= MAX_FLAG
    ):
        return checked_state(card_id, d, where)
    s = _new(CardState)
    _set(
        s,
        "__dict__",
        {
            "card_id": card_id,
            "state": state,
            "step": step,
            "stability": stability,
            "difficulty": difficulty,
            "due": due if due is None or due.tzinfo is _UTC else due.astimezone(_UTC),
            "last_review": last if last is None or last.tzinfo is _UTC else last.astimezone(_UTC),
            "suspended": suspended,
            "buried_until": buried if buried is None or buried.tzinfo is _UTC else buried.astimezone(_UTC),
            "flag": flag,
        },
    )
    return s


def checked_state(card_id: str, d: object, where: tuple[str, ...] = ()) -> CardState:
    """state_from_dict, one check at a time: the first value that is wrong raises FieldError naming it."""
    loc = (*where, card_id)
    if type(d) is not dict:
        raise FieldError(loc, f"card {card_id!r}: its state must be a table")
    g = d.get
    state, step, stability, difficulty = g("state"), g("step"), g("stability"), g("difficulty")
    due, last, buried = g("due"), g("last_review"), g("buried_until")
    suspended, flag = g("suspended", False), g("flag")
    if type(state) is not int or not 1 <= state <= 3:
        _bad(loc, "state", state, "must be 1, 2 or 3")
    if step is not None and (type(step) is not int or step < 0):
        _bad(loc, "step", step, "must be a whole number, 0 or more")
    if not _number_or_none(stability) or (stability is not None and stability <= 0):  # FSRS divides by it
        _bad(loc, "stability", stability, "must be more than 0")
    if not _number_or_none(difficulty):
        _bad(loc, "difficulty", difficulty, "must be a finite number")
    if not _time_or_none(due):
        _bad(loc, "due", due, "must be a date and time with a time zone")
    if not _time_or_none(last):
        _bad(loc, "last_review", last, "must be a date and time with a time zone")
    if not _time_or_none(buried):
        _bad(loc, "buried_until", buried, "must be a date and time with a time zone")
    if type(suspended) is not bool:
        _bad(loc, "suspended", suspended, "must be true or false")
    if flag is None:  # an older quizapp's yes/no flag: a flagged card is red
        if type(flagged := g("flagged", False)) is not bool:
            _bad(loc, "flagged", flagged, "must be true or false")
        flag = 1 if flagged else 0
    elif type(flag) is not int or not 0 <= flag <= MAX_FLAG:
        _bad(
            loc,
            "flag",
            flag,
            f"must be a whole number from 0 (no flag) to {MAX_FLAG} (1 red, 2 orange, 3 green, 4 blue)",
        )
    fits_fsrs = (stability is None) == (difficulty is None) and (state == 1 or stability is not None)
    if not fits_fsrs or (state != 2 and step is None):
        raise FieldError(
            (*loc, "state"),
            f"card {card_id!r}: state = {state} does not go with its step, stability and difficulty "
            "(learning and relearning need a step; reviewed cards need both numbers)",
        )
    assert type(state) is int  # checked above
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
        flag=flag,
    )


def _bad(loc: tuple[str, ...], key: str, value: object, rule: str) -> None:
    raise FieldError((*loc, key), f"card {loc[-1]!r}: {key} = {value!r} {rule}")


def _number_or_none(v: object) -> bool:
    return v is None or (type(v) in (float, int) and math.isfinite(v))  # type: ignore[arg-type]


def _time_or_none(v: object) -> bool:
    return v is None or (isinstance(v, datetime) and type(v) is datetime and v.tzinfo is not None)


def _in_utc(v: datetime | None) -> datetime | None:
    return v if v is None or v.tzinfo is timezone.utc else v.astimezone(timezone.utc)


def encode_cards(
    log_offset: int,
    log_seq: int,
    states: dict[str, CardState],
    pause: Callable[[], object] | None = None,
    logs: dict[str, list] | None = None,
    keys: dict[str, tuple] | tuple[Packed, dict[str, tuple]] | None = None,
    changes: dict[str, tuple] | None = None,
) -> str:
    """cards.toml: the log position the states include, then one table per card. `pause` is called every 256
        cards (a thread passes time.sleep(0) so that it hands the interpreter back to the UI that often). A device's
        snapshot (progress.layout) also names how far it read every other log (`logs`) and, per card, the (time,
        device, seq) of the event its state comes from, packed into one string (progress.keys; `by` per card for a key
    that cannot be packed), so records arriving later merge in the same order."""
    head = f"log_offset = {log_offset}\nlog_seq = {log_seq}\n"
    if logs is not None:
        head += f"logs = {toml_value(logs)}\n"
        head += f"changes = {toml_value({n: [*k, v] for n, (k, v) in (changes or {}).items()})}\n"
    rest: dict[str, tuple] | None = None
    if keys is not None:
        (text, high), rest = pack_keys(keys) if isinstance(keys, dict) else keys
        head += f"high = {toml_value(list(high))}\nkeys = '''\n{text}'''\n"
    chunks = [head]
    for i, (cid, s) in enumerate(states.items()):
        d = state_to_dict(s)
        if rest and cid in rest:
            d["by"] = list(rest[cid])
        chunks.append(toml_table(f"cards.{toml_key(cid)}", d))
        if pause and i & 255 == 255:
            pause()
    if len(chunks) == 1:
        chunks.append("[cards]\n")
    return "\n".join(chunks)


def decode_cards(text: str, extra: dict | None = None) -> tuple[int, int, dict[str, CardState]]:
    """(log_offset, log_seq, states) of cards.toml's text; raises TOMLDecodeError or FieldError. With `extra`, a
    device snapshot's `logs` table and the cards' `by` keys are put in it (extra["logs"], extra["keys"])."""
    keys: dict[str, tuple] | None = {} if extra is not None else None
    data, states = _parse_cards(text, keys)
    if extra is not None:
        logs = data.get("logs", {})
        if type(logs) is not dict or not all(
            type(v) is list and len(v) == 2 and type(v[0]) is int and type(v[1]) in (str, int) for v in logs.values()
        ):
            raise FieldError(("logs",), "logs must be a table of [offset, crc] pairs")
        changes = data.get("changes", {})
        if type(changes) is not dict or not all(type(v) is list and len(v) == 4 for v in changes.values()):
            raise FieldError(("changes",), "changes must be a table of [time, device, seq, value]")
        packed, high = data.get("keys", ""), data.get("high", list(LOW))
        if type(packed) is not str or not PACKED_TEXT.fullmatch(packed):
            raise FieldError(("keys",), "keys must be lines of card, time, device and seq, each split by a tab")
        if not (type(high) is list and len(high) == 3 and [type(v) for v in high] == [str, str, int]):
            raise FieldError(("high",), f"high = {high!r} must be [time, device, seq]")
        extra["logs"], extra["keys"] = logs, keys
        extra["packed"] = (packed, greatest(keys or {}, (high[0], high[1], high[2])))
        extra["changes"] = {n: ((v[0], v[1], v[2]), v[3]) for n, v in changes.items()}
    offset, seq = data.get("log_offset", 0), data.get("log_seq", 0)
    if type(offset) is not int or offset < 0:
        raise FieldError(("log_offset",), f"log_offset = {offset!r} must be a whole number, 0 or more")
    if type(seq) is not int or seq < 0:
        raise FieldError(("log_seq",), f"log_seq = {seq!r} must be a whole number, 0 or more")
    return offset, seq, states


CARDS_PIECE = 1 << 20  # a big cards.toml is parsed about this much at a time (5,000 cards)


def _by(cid: str, d: object, keys: dict[str, tuple] | None) -> object:
    if keys is not None and type(d) is dict and "by" in d:
        by = d["by"]
        if not (type(by) is list and len(by) == 3 and type(by[0]) is str and type(by[1]) is str and type(by[2]) is int):
            raise FieldError(("cards", cid, "by"), f"card {cid!r}: by = {by!r} must be [time, device, seq]")
        keys[cid] = (by[0], by[1], by[2])
    return d


def _parse_cards(text: str, keys: dict[str, tuple] | None = None) -> tuple[dict, dict[str, CardState]]:
    """cards.toml's top-level values and its states. A big file is parsed about 5,000 cards at a time, each piece turned
    into states before the next is read (tomlread.pieces), so 100,000 cards' parsed TOML never lives whole;
    anything amiss in a piece, and every small file, is parsed whole, which raises the error it holds. The lines
    quizapp writes are read first without a TOML parser (cardlines); any other file, or any error, goes as before."""
    try:
        fast = cardlines.read(text, lambda cid, d: state_from_dict(cid, _by(cid, d, keys), ("cards",)))
    except QuizappError:  # a bad state: the TOML path below reports it, with its line
        fast = None
    if fast is not None:
        return fast  # type: ignore[return-value]
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
                    states.update(
                        {cid: state_from_dict(cid, _by(cid, d, keys), ("cards",)) for cid, d in cards.items()}
                    )
                else:
                    return head, states
        except Exception:  # noqa: S110 - parsed whole below, which reports it
            pass
    data = tomlread.loads(text)
    cards = data.get("cards", {})
    if type(cards) is not dict:
        raise FieldError(("cards",), "[cards] must be a table")
    return data, {cid: state_from_dict(cid, _by(cid, d, keys), ("cards",)) for cid, d in cards.items()}


# -- events ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Event:
    """One thing that happened to a card; `state` is the card's state after it."""

    seq: int
    type: str  # review | undo | bury | suspend | unsuspend | flag | unflag | override | practice
    card: str
    at: datetime
    state: CardState
    rating: int | None = None
    duration_ms: int | None = None
    kind: str | None = None
    undoes: int | None = None
    device: str | None = None  # the device that logged it (see progress.devices); None in an older quizapp's log
    settings: dict | None = None  # a "settings" event: the settings it changed, by name (progress.layout)


_EVENT_FIELDS = [f.name for f in fields(Event) if f.name != "state"]
REVIEW_TYPES = ("review", "override")


def undone_by(events: Iterable[Event]) -> set[tuple[str | None, int | None]]:
    """The (device, seq) of every event an undo in `events` takes back: an undo names a seq of its own device."""
    return {(e.device, e.undoes) for e in events if e.type == "undo"}


def live_reviews(events: Iterable[Event]) -> list[Event]:
    """Review events that were not undone, in the order given."""
    events = list(events)
    undone = undone_by(events)
    return [e for e in events if e.type in REVIEW_TYPES and (e.device, e.seq) not in undone]


def encode_event(e: Event) -> bytes:
    """One log record: `[[event]]`, its fields, `[event.state]`, then a CRC-32 line over the bytes before it."""
    body = {k: v for k in _EVENT_FIELDS if (v := getattr(e, k)) is not None}
    raw = (toml_table("[event]", body) + "\n" + toml_table("event.state", state_to_dict(e.state))).encode("utf-8")
    return raw + b'crc = "%08x"\n' % zlib.crc32(raw)


def decode_event(body: bytes) -> Event:
    """The event of one record's bytes (without its CRC line); raises one of BAD_RECORD."""
    data = tomlread.loads(body.decode("utf-8"))["event"][0]
    for k, v in data.items():
        t = _EVENT_TYPES.get(k)
        if t is not None and not (type(v) is t and (not isinstance(v, datetime) or v.tzinfo is not None)):
            raise FieldError((k,), f"{k} = {v!r} is not a valid {t.__name__}")
    state = state_from_dict(data["card"], data.pop("state", {}))
    return Event(state=state, **data)


BAD_RECORD = (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, IndexError, AttributeError, RecursionError)
