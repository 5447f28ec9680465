"""The knowledge base served as users get it, for the site and browser tests.

``site_db`` builds the bundled corpus plus one hostile document (its text holds
``<script>`` and other HTML) into a temporary folder with ``strategy-kb build``,
once per session; ``site_url`` serves it with ``strategy-kb serve`` on a free
loopback port and stops the server at the end.
"""

from __future__ import annotations

import shutil
import sqlite3
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_ID = "testialue-strategia-2023-2025"
HOSTILE_TEXT = "<script>alert(1)</script>"
HOSTILE_MANIFEST = f'''
[[document]]
id = "{HOSTILE_ID}"
file = "{HOSTILE_ID}.txt"
organisation = "Testialueen hyvinvointialue"
region = "Testialue"
period = "2023-2025"
kind = "strategy"
languages = ["fi"]
title = "Testialueen strategia <b>2023–2025</b>"
'''
HOSTILE_DOCUMENT = f"""Testialueen strategia 2023–2025

Tavoitteet

1. Lumiukkoja rakennetaan {HOSTILE_TEXT} jokaiseen pihaan.

2. Kuusenkävyt kerätään <img src=x onerror=alert(2)> talteen.
"""


def build_site_corpus(folder: Path) -> Path:
    """The bundled corpus copied into ``folder`` with the hostile document added; returns the corpus folder."""
    corpus = folder / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    (corpus / f"{HOSTILE_ID}.txt").write_text(HOSTILE_DOCUMENT, encoding="utf-8")
    with (corpus / "corpus.toml").open("a", encoding="utf-8") as manifest:
        manifest.write(HOSTILE_MANIFEST)
    return corpus


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "kb", *args]


@pytest.fixture(scope="session")
def site_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus plus the hostile document, built once with ``strategy-kb build --db``."""
    folder = tmp_path_factory.mktemp("site")
    db = folder / "strategies.db"
    done = subprocess.run(_cli("build", "--corpus", str(build_site_corpus(folder)), "--db", str(db)),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture(scope="session")
def site_url(site_db: Path) -> Iterator[str]:
    """``strategy-kb serve`` on ``site_db`` at a free loopback port; its base URL."""
    port = free_port()
    server = subprocess.Popen(_cli("serve", "--db", str(site_db), "--port", str(port)),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_until_serving(url: str, server: subprocess.Popen) -> None:
    """Return once the server at ``url`` answers; raise with its error output when it ends or takes over 3 minutes."""
    deadline = time.monotonic() + 180  # pure-Python Voikko on a loaded machine: well over a minute
    while True:
        try:
            urllib.request.urlopen(url + "/-/versions.json", timeout=2).close()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.terminate()  # before reading its output, which ends only when it does
                raise RuntimeError(f"server did not start: {server.communicate(timeout=30)[1]}")
            time.sleep(0.2)


def goal_id(db: Path, document_id: str, text_start: str) -> str:
    """The id of the one statement of ``document_id`` whose text starts with ``text_start``.

    Tests name statements by what they say, never by ordinal ids, which shift whenever typing improves.
    """
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM goals WHERE document_id = ? AND text LIKE ? || '%'",
                                          (document_id, text_start))]
    assert len(ids) == 1, (document_id, text_start, ids)
    return ids[0]
