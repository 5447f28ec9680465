"""``strategy-kb serve`` with several worker processes: each listens on the port, none outlives the server."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import pytest

from kb import serve
from site_server import _cli, free_port, wait_until_serving

linux_only = pytest.mark.skipif(not serve._BALANCED_PORTS, reason="workers with their own sockets need Linux")


def listening_sockets(port: int) -> int:
    """How many TCP sockets listen on ``port`` of the loopback interface (from /proc/net/tcp)."""
    suffix = f":{port:04X}"
    lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for line in lines if line.split()[1].endswith(suffix) and line.split()[3] == "0A")


@linux_only
def test_serve_refuses_a_port_another_server_holds(tmp_path):
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        with pytest.raises(SystemExit, match=f"cannot listen on 127.0.0.1:{port}"):
            serve.serve(tmp_path / "strategies.db", port=port, workers=2)


@linux_only
def test_each_worker_listens_and_a_stopped_server_frees_its_port(site_db):
    port = free_port()
    server = subprocess.Popen(_cli("serve", "--db", str(site_db), "--port", str(port), "--workers", "2"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}", server)
        deadline = time.monotonic() + 180  # the other worker may still be loading its word analysers
        while listening_sockets(port) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert listening_sockets(port) == 2  # one socket per worker: the kernel deals connections out to both
        with socket.socket() as other, pytest.raises(OSError):
            other.bind(("127.0.0.1", port))
    finally:
        server.terminate()
        _, err = server.communicate(timeout=60)
    assert server.returncode == 0, err
    assert "Traceback" not in err
    assert listening_sockets(port) == 0
    with socket.socket() as again:  # no worker left behind holding the port
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))
