"""The files of a learner's folder as such: reading a snapshot, links found in the folder, names for copies kept
aside, the list of learners."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from quizapp import memory
from quizapp.errors import CorruptFile
from quizapp.files.atomic import read_nofollow
from quizapp.progress.profile import BAD_DATA, corrupt
from quizapp.progress.records import decode_cards
from quizapp.scheduling.scheduler import CardState


def read_cards(path: Path, extra: dict | None = None) -> tuple[int, int, dict[str, CardState]]:
    """(log_offset, log_seq, states) of a cards.toml (or a device's snapshot: then its `logs`, `keys` and
    `changes` go in `extra`); CorruptFile naming the line of what is wrong."""
    text = None
    with memory.gc_held():  # a state per card and no cycles (10,000 cards: 2 ms sooner)
        try:
            text = read_nofollow(path).decode("utf-8")
            return decode_cards(text, extra)
        except OSError as e:
            raise CorruptFile(path, None, f"cannot be opened: {e.strerror or e}") from None
        except BAD_DATA as e:
            raise corrupt(path, e, text) from None


def links_in(folder: Path) -> list[tuple[Path, str]]:
    """Symbolic links in a learner's folder (or the folder itself), with where each points; links that repair set
    aside (`<name>.link-<time>`, never opened) are left out."""
    found = []
    paths = [folder]
    try:
        paths += [Path(e.path) for e in os.scandir(folder) if ".link-" not in e.name]
    except OSError:
        pass
    for p in paths:
        if p.is_symlink():
            try:
                target = os.readlink(p)
            except OSError:
                target = "?"
            found.append((p, target))
    return found


def link_error(path: Path, target: str) -> CorruptFile:
    return CorruptFile(
        path,
        None,
        f"it is a symbolic link (to {target}), and quizapp never reads or writes through links in a learner "
        "folder. Put the real file there instead, or let Recover (quizapp learner repair) set the link aside",
    )


def aside_name(path: Path, why: str) -> Path:
    """A new name beside `path` for a copy kept aside: `<name>.<why>-<UTC time>`, never an existing file."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target, n = path.with_name(f"{path.name}.{why}-{stamp}"), 1
    while target.exists() or target.is_symlink():
        n += 1
        target = path.with_name(f"{path.name}.{why}-{stamp}-{n}")
    return target


def list_learners(root: Path) -> list[str]:
    folder = root / "learners"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir())
