#!/usr/bin/env python3
"""Set up a virtualenv in .venv and run the app or the tests. Needs only Python 3.11+.

python3 dev.py app [quizapp arguments]   # set up and start quizapp on the bundled decks
python3 dev.py test [pytest arguments]   # set up and run the tests
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure(extra: str) -> None:
    """Create .venv and install the project (with `extra`) unless it is already up to date."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be run by an older python3
        sys.exit(f"quizapp needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PY.exists():
        print("Creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extra.encode()).hexdigest()
    stamp = VENV / f".installed-{extra or 'app'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".[{extra}]" if extra else "."
    print(f"Installing quizapp{f' with {extra} tools' if extra else ''} into .venv …", flush=True)
    subprocess.run(
        [str(PY), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-e", target], cwd=ROOT, check=True
    )
    stamp.write_text(digest)


def main(argv: list[str]) -> int:
    what, rest = (argv[0], argv[1:]) if argv else ("app", [])
    if what == "app":
        ensure("")
        return subprocess.call([str(BIN / "quizapp"), *rest], cwd=ROOT)
    if what == "test":
        ensure("test")
        return subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT)
    print(__doc__)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as e:
        sys.exit(e.returncode or 1)
    except KeyboardInterrupt:
        sys.exit(130)
