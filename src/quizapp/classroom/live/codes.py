"""Personal sign-in codes: short codes printed for each student; only salted scrypt hashes are kept.

The hashes live beside the class file in `<class stem>-codes.toml` (one line per student), so the class file stays
hand-edited and a code can be replaced without touching it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
import threading
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

import tomli_w

from quizapp.errors import CorruptFile
from quizapp.files.atomic import atomic_write

# No 0/O, 1/I/L: codes are read off paper and typed on phones.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
_N, _R, _P = 2**14, 8, 1


# How much lower the code checks' threads run than the projector's loop: a mild step, so that other busy programs
# on the teacher's computer do not starve the sign-ins.
BACKGROUND_NICE = 5


def lower_thread_priority() -> None:
    """Run the calling thread (a worker that checks codes) at a lower priority than the rest of the process, so on
    a machine with few cores a queue of sign-ins does not take the core the projector's loop needs. Linux only,
    where a priority belongs to each thread; elsewhere nothing changes."""
    if not sys.platform.startswith("linux"):
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + BACKGROUND_NICE))
    except OSError:
        pass


def codes_path(class_path: Path) -> Path:
    return class_path.parent / f"{class_path.stem}-codes.toml"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(typed: str) -> str:
    """What a student typed, as a code: case, spaces and dashes do not matter."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())[:32]


def hash_code(code: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(normal_code(code).encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${salt.hex()}${digest.hex()}"


def code_matches(code: str, stored: str) -> bool:
    try:
        kind, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        mine = hash_code(code, bytes.fromhex(salt)).split("$")[2]
    except ValueError:
        return False
    return hmac.compare_digest(mine, digest)


def read_codes(path: Path) -> dict[str, str]:
    """Student id -> stored hash; {} when there is no file yet; CorruptFile when it cannot be read."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as e:
        raise CorruptFile(path, None, str(e)) from None
    codes = data.get("codes", {})
    if not isinstance(codes, dict) or not all(isinstance(v, str) for v in codes.values()):
        raise CorruptFile(path, None, "[codes] must map student ids to hashes")
    return dict(codes)


def issue_codes(path: Path, students: Iterable[str], keep: Mapping[str, str] | None = None) -> dict[str, str]:
    """New codes for `students` (other students' hashes in `keep` stay); write the hashes; return id -> code."""
    fresh = {sid: new_code() for sid in students}
    stored = dict(keep or {})
    stored.update({sid: hash_code(code) for sid, code in fresh.items()})
    header = {"format": 1, "note": "hashes of the students' sign-in codes for live games; made by `class codes`"}
    atomic_write(path, tomli_w.dumps({**header, "codes": dict(sorted(stored.items()))}).encode("utf-8"))
    return fresh
