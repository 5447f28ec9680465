"""Datasette on the knowledge base, configured from ``kb/site/``, run in this process or in several.

:func:`create_datasette` assembles what ``datasette serve --immutable DB
--metadata kb/site/metadata.yml --template-dir ... --plugins-dir ... --static
...`` would: the database opened immutable (read-only, no writes possible),
the project's metadata, templates, plugins and static files, a SQL time limit
and a row cap. :func:`serve` runs it with uvicorn on a loopback address, in
one process or in several that share the port.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import yaml

from kb.site import METADATA, PLUGINS, STATIC, STATIC_MOUNT, TEMPLATES

if TYPE_CHECKING:  # pragma: no cover - typing only
    import uvicorn
    from datasette.app import Datasette

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
DEFAULT_WORKERS = min(2, os.cpu_count() or 1)
DB_ENV = "STRATEGY_KB_SERVE_DB"  # how ``serve`` tells uvicorn's worker processes the database
SETTINGS = {"sql_time_limit_ms": 2000, "max_returned_rows": 2000, "facet_time_limit_ms": 100, "suggest_facets": False}
# The metadata describes the database under this name; it follows the file's name when that differs.
METADATA_DB = "strategies"
_OPTIONS = {"log_level": "warning", "lifespan": "on"}
# Linux spreads a port's new connections evenly over the sockets listening on it with SO_REUSEPORT;
# elsewhere the option lets sockets share a port without spreading the load.
_BALANCED_PORTS = sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")
_STOP_SECONDS = 10  # how long a stopped worker may take to finish its requests before it is killed


def site_metadata(db_path: Path) -> dict[str, Any]:
    """``metadata.yml`` with its database entry named after ``db_path`` (Datasette names a database by its file)."""
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    databases = metadata.get("databases", {})
    if METADATA_DB in databases:
        databases[Path(db_path).stem] = databases.pop(METADATA_DB)
    return metadata


def create_datasette(db_path: Path, settings: dict[str, Any] | None = None) -> "Datasette":
    """A Datasette instance serving ``db_path`` immutable, with the site's metadata, templates, plugins and static files.

    >>> ds = create_datasette(Path("strategies.db"))

    :param db_path: the knowledge base built by ``strategy-kb build``.
    :param settings: Datasette settings overriding :data:`SETTINGS`.
    """
    from datasette.app import Datasette

    return Datasette(
        immutables=[str(db_path)],
        metadata=site_metadata(db_path),
        template_dir=str(TEMPLATES),
        plugins_dir=str(PLUGINS),
        static_mounts=[(STATIC_MOUNT, str(STATIC))],
        settings={**SETTINGS, **(settings or {})},
    )


def serve(db_path: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, workers: int = 1) -> None:
    """Serve ``db_path`` on ``host:port`` until interrupted (loopback by default).

    One process answers requests one at a time, so concurrent readers queue
    behind each other; with ``workers`` > 1, that many server processes answer
    on the same port (the database is immutable, so they need no
    coordination). On Linux each has its own socket and the kernel deals the
    connections out among them, so every process gets its share even when
    all clients connect at once. Each process loads the word analysers
    before it listens: no request waits seconds for them.

    :raises SystemExit: when ``host:port`` is taken, or a worker process ends by itself.
    """
    if workers <= 1:
        _server(_ready_datasette(db_path), host, port).run()
    elif _BALANCED_PORTS:
        _supervise(db_path, host, port, workers)
    else:  # uvicorn's workers share one socket: the first awake process accepts every waiting connection
        import uvicorn

        os.environ[DB_ENV] = str(Path(db_path).resolve())
        uvicorn.run("kb.serve:app_from_environment", factory=True, workers=workers, host=host, port=port, **_OPTIONS)


def app_from_environment() -> Any:
    """The ASGI app of the database named by :data:`DB_ENV` (for uvicorn's worker processes)."""
    return _ready_datasette(os.environ[DB_ENV]).app()


def _ready_datasette(db_path: str | Path) -> "Datasette":
    """The site's Datasette for ``db_path``, the word analysers loaded first (no request waits seconds for them)."""
    from extract.nlp import warm_up

    warm_up()
    return create_datasette(Path(db_path))


def _server(ds: "Datasette", host: str, port: int) -> "uvicorn.Server":
    import uvicorn

    return uvicorn.Server(uvicorn.Config(ds.app(), host=host, port=port, **_OPTIONS))


def _supervise(db_path: Path, host: str, port: int, workers: int) -> None:
    """Run ``workers`` server processes on ``host:port`` until interrupted (SIGINT or SIGTERM) or one ends."""
    try:  # sockets sharing a port split its connections: make sure no other server holds it, then take it
        _socket(host, port, reuse_port=False).close()
        sockets = [_socket(host, port, reuse_port=True) for _ in range(workers)]
    except OSError as exc:
        raise SystemExit(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter each: no threads or event loop forked
    ready = ctx.Barrier(workers)
    procs = [ctx.Process(target=_worker, args=(str(db_path), sock, ready), name=f"serve-{n}")
             for n, sock in enumerate(sockets)]
    previous = signal.signal(signal.SIGTERM, _interrupt)
    interrupted = False
    try:
        for proc in procs:
            proc.start()
        multiprocessing.connection.wait([proc.sentinel for proc in procs])
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGTERM, previous)
        _stop(procs)
        for sock in sockets:
            sock.close()
    if not interrupted:
        ended = next(proc for proc in procs if proc.exitcode is not None)
        raise SystemExit(f"server process {ended.name} ended with status {ended.exitcode}; stopped the others")


def _worker(db_path: str, sock: socket.socket, ready: Any) -> None:
    """One server process: the word analysers loaded, then Datasette listening on its socket of the shared port.

    It starts listening once every worker is ready (``ready``, a barrier): the
    port answers only when all do, so the first clients are not all dealt to the
    process that happened to load first. (A worker that fails to start ends the
    supervisor, which stops those waiting.)
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches every process; the supervisor stops this one
    server = _server(_ready_datasette(db_path), *sock.getsockname()[:2])
    ready.wait()
    server.run(sockets=[sock])


def _socket(host: str, port: int, reuse_port: bool) -> socket.socket:
    """A TCP socket bound to ``host:port``, not yet listening (so no connection waits on it before its server is ready).

    With ``reuse_port`` other sockets with the option may bind the same port.
    """
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn: a restart need not wait for TIME_WAIT
        if reuse_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


def _stop(procs: list[multiprocessing.process.BaseProcess]) -> None:
    """Ask the running processes to finish (SIGTERM: uvicorn answers what it has begun), kill those that do not."""
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
    for proc in (proc for proc in procs if proc.pid is not None):  # the started ones
        proc.join(_STOP_SECONDS)
        if proc.is_alive():
            proc.kill()
            proc.join()


def _interrupt(signum: int, frame: Any) -> NoReturn:
    raise KeyboardInterrupt
