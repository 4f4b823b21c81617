"""Zip-based documents damaged in ways a fuzzer found: each gets a plain message naming the file, never a
traceback (an offset pointing before the file's start made zipfile seek to a negative position; a member marked
as encrypted made it ask for a password)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from quizapp.authoring.docread import read_document
from quizapp.authoring.imported import ImportProblem

DOCX = Path(__file__).parent / "fixtures" / "authoring" / "documents" / "chiriqui.docx"
EOCD = b"PK\x05\x06"
CENTRAL = b"PK\x01\x02"


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "handout.docx"
    path.write_bytes(data)
    return path


def test_central_directory_offset_past_its_place_is_a_damaged_zip(tmp_path: Path) -> None:
    data = bytearray(DOCX.read_bytes())
    end = data.rindex(EOCD)
    (offset,) = struct.unpack_from("<I", data, end + 16)
    struct.pack_into("<I", data, end + 16, offset + 2**27)  # every member now lies before the start of the file
    path = _write(tmp_path, bytes(data))
    with pytest.raises(ImportProblem) as e:
        read_document(path)
    assert str(e.value) == (
        f"{path}: a damaged zip file (cut short, or not really a document); open it and save it again"
    )


def test_members_marked_encrypted_say_password(tmp_path: Path) -> None:
    data = bytearray(DOCX.read_bytes())
    at = data.find(CENTRAL)
    while at != -1:
        (flags,) = struct.unpack_from("<H", data, at + 8)
        struct.pack_into("<H", data, at + 8, flags | 1)  # bit 0: encrypted
        at = data.find(CENTRAL, at + 4)
    path = _write(tmp_path, bytes(data))
    with pytest.raises(ImportProblem) as e:
        read_document(path)
    assert str(e.value) == f"{path}: a password-protected (encrypted) document; save a copy without a password"
