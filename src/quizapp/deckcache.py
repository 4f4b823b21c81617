"""A validated cache of parsed decks: an unchanged deck file loads without TOML parsing or validation.

The TOML file stays the source of truth. An entry is used only if the file's size, mtime and BLAKE2b hash,
the cache format and the code that validates decks all match, and the entry's own checksum is right;
anything else is a miss and the deck is parsed again. Entries live in the folder given (`<home>/cache/decks`),
created on the first write, never at import.
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import io
import json
import os
import pickle
import sys
import tempfile
import zlib
from pathlib import Path

import pydantic

from quizapp import models

MAGIC = b"QZDECK1\n"
_MODELS = {c.__name__: c for c in vars(models).values() if isinstance(c, type) and issubclass(c, models.Strict)}
_set = object.__setattr__
_new = object.__new__


def _rebuild(cls: type, values: dict, fields_set: set[str]) -> models.Strict:
    """A model from already validated values (what pydantic's own unpickling does, with less work)."""
    m = _new(cls)
    _set(m, "__dict__", values)
    _set(m, "__pydantic_fields_set__", fields_set)
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m


def _reduce(m: models.Strict) -> tuple:
    return _rebuild, (type(m), m.__dict__, m.__pydantic_fields_set__)


class _Pickler(pickle.Pickler):
    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table.update({cls: _reduce for cls in _MODELS.values()})


class _Unpickler(pickle.Unpickler):
    """Loads only deck models: a cache file cannot name any other class or function."""

    def find_class(self, module: str, name: str) -> object:
        if module == __name__ and name == "_rebuild":
            return _rebuild
        if module == models.__name__ and name in _MODELS:
            return _MODELS[name]
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a deck cache")


def code_fingerprint() -> str:
    """Changes whenever the code that validates decks (or the Python or pydantic version) does."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{sys.version_info[:2]} {pydantic.VERSION}".encode())
    for mod in ("quizapp.models", "quizapp.decks", __name__):
        file = getattr(sys.modules.get(mod), "__file__", None)
        h.update(Path(file).read_bytes() if file else mod.encode())
    return h.hexdigest()


class DeckCache:
    """Parsed decks stored under `folder`, one file per deck path."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._code: str | None = None
        self.hits = self.misses = 0

    def _entry(self, path: Path) -> Path:
        return self.folder / (hashlib.blake2b(str(path.absolute()).encode(), digest_size=16).hexdigest() + ".pickle")

    def key(self, path: Path, raw: bytes, st: os.stat_result) -> dict:
        """What an entry must match: the code, the path, and the file's size, mtime and content hash."""
        if self._code is None:
            self._code = code_fingerprint()
        return {"code": self._code, "path": str(path.absolute()), "size": st.st_size, "mtime_ns": st.st_mtime_ns,
                "blake2b": hashlib.blake2b(raw).hexdigest()}

    def get(self, path: Path, key: dict) -> models.Deck | None:
        """The cached deck for this exact file content, or None."""
        deck = self._read(path, key)
        if deck is None:
            self.misses += 1
        else:
            self.hits += 1
        return deck

    def _read(self, path: Path, key: dict) -> models.Deck | None:
        try:
            data = self._entry(path).read_bytes()
        except OSError:
            return None
        if not data.startswith(MAGIC):
            return None
        head_end = data.find(b"\n", len(MAGIC))
        try:
            header = json.loads(data[len(MAGIC):head_end])
        except ValueError:
            return None
        payload = memoryview(data)[head_end + 1:]
        if not isinstance(header, dict) or header.get("key") != key or header.get("crc32") != zlib.crc32(payload):
            return None
        gc_was_on = gc.isenabled()
        gc.disable()  # hundreds of thousands of objects and no cycles: the cyclic GC would only slow this down
        try:
            deck = _Unpickler(io.BytesIO(payload)).load()
        except Exception:  # a damaged or foreign entry is a miss, never an error
            return None
        finally:
            if gc_was_on:
                gc.enable()
        return deck if isinstance(deck, models.Deck) else None

    def put(self, path: Path, key: dict, deck: models.Deck) -> None:
        """Store a deck that validated; failures to write are ignored (the cache is only a shortcut)."""
        buf = io.BytesIO()
        _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(deck)
        payload = buf.getvalue()
        header = json.dumps({"key": key, "crc32": zlib.crc32(payload)}).encode()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".deck.", suffix=".tmp", dir=self.folder)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(MAGIC + header + b"\n")
                f.write(payload)
            os.replace(tmp, self._entry(path))  # no fsync: a torn entry fails its checksum and is a miss
        except OSError:
            try:
                os.unlink(tmp)
            except OSError:
                pass
