"""The README's main path, as a new user runs it: ``strategy-kb build`` then ``strategy-kb serve``.

Run twice: on this machine as it is, and as on a fresh machine without the
optional system tools (``fresh_machine/sitecustomize.py`` hides the Voikko C
library, Tesseract and Chromium from the subprocesses). Either way the build
and the server print no traceback and no "Exception ignored", the home page
and a search answer, and a missing tool is named in one line, once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kb.optional_tools import LIBVOIKKO, TESSERACT
from site_server import free_port, wait_until_serving

HERE = Path(__file__).resolve().parent
NOISE = ("Traceback", "Exception ignored", "Warning:")


def _environment(fresh: bool) -> dict[str, str]:
    """The subprocesses' environment: this machine's, or one whose optional tools are hidden."""
    env = dict(os.environ)
    if fresh:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE / "fresh_machine"), env.get("PYTHONPATH")]))
    return env


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


@pytest.mark.parametrize("fresh", [False, True], ids=["this-machine", "fresh-machine"])
def test_build_then_serve_answers_without_noise(tmp_path: Path, fresh: bool) -> None:
    env = _environment(fresh)
    built = subprocess.run([sys.executable, "-m", "kb", "build"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "strategies.db").is_file() and (tmp_path / ".strategy-kb-cache").is_dir()

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kb", "serve", "--port", str(port)], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, server)
        home = _get(url + "/")
        results = _get(url + "/-/search?" + urllib.parse.urlencode({"q": "hyvinvointialueen"}))
    finally:
        server.terminate()
        served_out, served_err = server.communicate(timeout=30)
    assert "keusote-strategia-2023-2025" in home
    assert "/-/statement/" in results  # the inflected word finds statements by their lemma

    output = built.stdout + built.stderr + served_out + served_err
    assert not [n for n in NOISE if n in output], output
    for tool in (LIBVOIKKO, TESSERACT):
        note = f"note: {tool.name} not installed"
        assert built.stderr.count(note) <= 1, built.stderr  # once, not once per worker process
        if fresh:
            assert built.stderr.count(note) == 1, built.stderr
    if fresh:
        assert served_err.count(f"note: {LIBVOIKKO.name} not installed") == 1, served_err
