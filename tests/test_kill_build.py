"""SIGKILL a running `strategy-kb build` at random moments: the previous database stays whole and readable.

The build runs as a process group of its own (the command, its fork server
and its workers), and the whole group is killed, as an out-of-memory killer
or a pulled plug would end it. After every kill the old database must be
byte-identical and pass SQLite's integrity check; the next complete build
must leave no temporary file beside the database or in the cache.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

from conftest import bundled_subset

KILLS = 5
SEED = 8
DOCUMENTS = ("keusote-strategia-2023-2025.txt",)
HERE = Path(__file__).resolve().parent


def _start(corpus: Path, db: Path, *options: str, pause_at: Optional[Path] = None) -> subprocess.Popen:
    """``strategy-kb build`` in a process group of its own; with ``pause_at``, one that pauses before replacing the database."""
    program = ["-m", "kb"] if pause_at is None else [str(HERE / "paused_build.py"), str(pause_at)]
    command = [sys.executable, *program, "build", "--corpus", str(corpus), "--db", str(db), *options]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check_readable(db: Path) -> None:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (len(DOCUMENTS),)


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*") if ".tmp-" in p.name]


def _kill_group(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def test_killing_the_build_at_random_moments_leaves_the_old_database_intact(tmp_path):
    corpus = bundled_subset(tmp_path / "corpus", DOCUMENTS)
    db = tmp_path / "strategies.db"
    started = time.monotonic()
    first = _start(corpus, db, "--no-cache")
    assert first.wait(timeout=300) == 0, first.stderr.read().decode()
    full = time.monotonic() - started
    original = _sha(db)
    rng = random.Random(SEED)
    moments = sorted(rng.uniform(0.2, full) for _ in range(KILLS))
    for moment in moments:
        process = _start(corpus, db, "--no-cache")
        time.sleep(moment)
        _kill_group(process)
        assert _sha(db) == original
        _check_readable(db)
    # one more kill exactly while the new database is being written (paused_build.py waits there); with the cache,
    # this build updates a copy of the old database in place (kb.update)
    ready = tmp_path / "ready"
    process = _start(corpus, db, pause_at=ready)
    deadline = time.monotonic() + 300
    while process.poll() is None and not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready.exists(), process.stderr.read().decode() if process.poll() is not None else "no pause in 300 s"
    assert list(tmp_path.glob(".strategies.db.tmp-build-*"))
    _kill_group(process)
    assert process.returncode == -signal.SIGKILL
    assert _sha(db) == original
    _check_readable(db)
    last = _start(corpus, db)
    assert last.wait(timeout=300) == 0, last.stderr.read().decode()
    _check_readable(db)
    assert _temporaries(tmp_path) == []
