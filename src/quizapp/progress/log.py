"""events.log read on exact byte offsets: the records that pass their checksum, the torn tail, and salvage.

A record is `[[event]]` ... `crc = "xxxxxxxx"` and its newline, the CRC-32 of every byte before the CRC line.
Records follow each other with nothing between them; anything else is damage (or a torn last record)."""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.errors import CorruptFile
from quizapp.files.atomic import open_nofollow
from quizapp.progress.records import BAD_RECORD, Event, decode_event

HEADER = b"[[event]]\n"
_CRC_LINE = re.compile(rb'^crc = "([0-9a-f]{8})"\n', re.MULTILINE)
CRC_LINE_SIZE = len(b'crc = "00000000"\n')


@dataclass
class LoadReport:
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Record:
    start: int  # byte offset of its `[[event]]` line
    end: int  # byte offset just past its CRC line
    event: Event


def _crc_lines(data: bytes, pos: int = 0) -> Iterator[re.Match[bytes]]:
    return _CRC_LINE.finditer(data, pos)


def _body_ok(data: bytes, start: int, crc_at: int, crc: bytes) -> bool:
    return zlib.crc32(memoryview(data)[start:crc_at]) == int(crc, 16)


def line_at(data: bytes, offset: int) -> int:
    """The 1-based line number of byte `offset` of `data`."""
    return 1 + data.count(b"\n", 0, offset)


def scan(data: bytes) -> tuple[list[Record], int, int | None, str]:
    """Read `data` as a run of records from its start: (records, end of the last, offset of the first damage or
    None, what is wrong there). Bytes after the last record with no CRC line of their own are a torn tail, not
    damage (damage is None then and `end` < len(data))."""
    records: list[Record] = []
    pos = 0
    for m in _crc_lines(data):
        crc_at = m.start()
        if crc_at < pos:
            continue
        if not data.startswith(HEADER, pos) or not _body_ok(data, pos, crc_at, m[1]):
            return records, pos, pos, "record fails its checksum"
        try:
            event = decode_event(data[pos:crc_at])
        except BAD_RECORD as e:
            return records, pos, pos, f"bad record: {e}"
        records.append(Record(pos, m.end(), event))
        pos = m.end()
    return records, pos, None, ""


def salvage(data: bytes) -> tuple[list[Record], int]:
    """Every whole record in `data` that passes its checksum and decodes, wherever it lies, and how many damaged
    stretches (bytes between or inside records that are not a good record) were passed over. Never raises.

    Each CRC line closes a candidate: the bytes from an `[[event]]` header after the previous CRC line up to it
    (the last such header first). Junk between records, even junk holding a CRC line or a header, is passed over;
    a record with junk inside it fails its checksum and is dropped. Linear in the size of `data`."""
    records: list[Record] = []
    good_end = prev = damaged = 0
    for m in _crc_lines(data):
        crc_at, found = m.start(), None
        start = data.rfind(HEADER, prev, crc_at)
        while start >= 0 and found is None:
            if _body_ok(data, start, crc_at, m[1]):
                try:
                    found = Record(start, m.end(), decode_event(data[start:crc_at]))
                except BAD_RECORD:
                    pass
            start = data.rfind(HEADER, prev, start)
        prev = m.end()
        if found is not None:
            damaged += found.start != good_end
            records.append(found)
            good_end = found.end
    if data[good_end:].strip():
        damaged += 1
    return records, damaged


def salvaged_bytes(data: bytes, records: list[Record]) -> bytes:
    return b"".join(data[r.start : r.end] for r in records)


def read_events(path: Path, offset: int = 0, report: LoadReport | None = None) -> tuple[list[Event], int]:
    """Events from `offset` (which must be 0 or the end of a record), and the offset just past the last good one.

    A torn last record (a crash mid-write) is skipped with a warning; damage before good records raises
    CorruptFile naming its line. A log that is missing reads as empty."""
    try:
        fd = open_nofollow(path, os.O_RDONLY)
    except FileNotFoundError:
        return [], offset
    except OSError as e:
        raise CorruptFile(path, None, f"cannot be opened: {e.strerror or e}") from None
    with os.fdopen(fd, "rb") as f:
        f.seek(offset)
        data = f.read()
    records, end, bad, why = scan(data)
    if bad is not None:
        raise CorruptFile(path, _line(path, offset + bad), why[:300])
    if data[end:].strip() and report is not None:
        where = f"{path}:{_line(path, offset + end)}"
        report.warnings.append(f"{where}: an unfinished last record (from a crash) was skipped")
    return [r.event for r in records], offset + end


def _line(path: Path, offset: int) -> int:
    """The line of byte `offset` of the file (read only when a message needs it)."""
    with os.fdopen(open_nofollow(path, os.O_RDONLY), "rb") as f:
        return line_at(f.read(offset), offset)


def log_size(path: Path) -> int | None:
    """The size of the log, or None when there is none."""
    try:
        return os.stat(path, follow_symlinks=False).st_size
    except FileNotFoundError:
        return None


def record_ends_at(path: Path, offset: int) -> bool:
    """True if a record's CRC line ends just before `offset` of the log at `path`."""
    if offset == 0:
        return True
    if offset < CRC_LINE_SIZE:
        return False
    with os.fdopen(open_nofollow(path, os.O_RDONLY), "rb") as f:
        f.seek(max(0, offset - CRC_LINE_SIZE - 1))
        before = f.read(min(offset, CRC_LINE_SIZE + 1))
    if len(before) < min(offset, CRC_LINE_SIZE + 1):
        return False
    line, head = before[-CRC_LINE_SIZE:], before[:-CRC_LINE_SIZE]
    return head in (b"", b"\n") and bool(_CRC_LINE.fullmatch(line))
