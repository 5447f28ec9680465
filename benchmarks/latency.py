"""Datasette latency under a bounded loopback load: the site's search, table search and canned queries.

``strategy-kb serve`` runs as a child process on a free port. Each phase
sends a fixed number of requests from a fixed number of client threads (one
keep-alive connection each) and reports p50/p95/p99 in milliseconds and the
errors (a status other than 200, or no answer). Full-text requests are what
the site's search box asks, ``/-/search?q=`` (its first tab, statements),
over :data:`SEARCH_TERMS`: Finnish and Swedish words in base and inflected
forms and two-word queries; the same words also go to Datasette's table
search ``/DB/goals.json?_search=`` (with its count and facets). Canned
queries are those of the site's metadata, their parameters filled with
sample values. The server is warmed up with other words
(:data:`WARM_UP_TERMS`), so each search word is analysed for the first time
inside the measured phase.

``python -m benchmarks.latency DB [--requests N] [--clients N]`` measures an
already built database alone (prints the figures as JSON).
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Iterator, Optional, Sequence

import yaml

from kb.site import METADATA

SEARCH_TERMS = (
    # Finnish, base and inflected forms
    "palvelu", "palvelujen", "palveluihin", "hyvinvointialue", "hyvinvointialueen", "asiakas", "asiakkaiden",
    "asukas", "asukkaiden", "talous", "talouden", "teknologia", "teknologian", "lapsi", "lasten", "nuori",
    "nuorten", "koti", "kotiin", "kunta", "kuntien", "yhteistyö", "terveys", "terveyden", "henkilöstö",
    "osaaminen", "osaamisen", "omalääkäri", "tavoite", "tavoitteet", "turvallisuus", "strategia", "yhdessä",
    # Swedish, base and inflected forms
    "tjänst", "tjänsterna", "tjänsternas", "kund", "kundens", "invånare", "invånarnas", "välfärdsområde",
    "välfärdsområdets", "samarbete", "beredskap", "kommun", "kommuner", "kostnad", "kostnaderna", "hem",
    "hemmet", "medarbetare", "personalens", "välfärd",
    # two words
    "palvelujen saatavuus", "lasten hyvinvointi", "asiakkaan palvelut", "talouden tasapaino", "digitala tjänster",
    "förebyggande insatser", "invånarnas välfärd", "kundens behov",
)
WARM_UP_TERMS = ("sote", "ikääntyneet", "vård", "äldre")
_PARAM = re.compile(r"(?<!:):([A-Za-z_]\w*)")


def free_port() -> int:
    """A TCP port on the loopback interface that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fulltext_paths(terms: Sequence[str] = SEARCH_TERMS) -> list[str]:
    """The site's search page for each of ``terms``: what the search box on every page asks."""
    return ["/-/search?" + urllib.parse.urlencode({"q": term}) for term in terms]


def table_search_paths(db_path: Path, terms: Sequence[str] = SEARCH_TERMS) -> list[str]:
    """Datasette's table search on goals for each of ``terms`` (JSON, with count and facets)."""
    return [f"/{db_path.stem}/goals.json?" + urllib.parse.urlencode({"_search": term}) for term in terms]


def canned_paths(db_path: Path) -> list[str]:
    """One request path per canned query of the site's metadata, parameters filled with sample values."""
    queries = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["strategies"].get("queries", {})
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        row = conn.execute("SELECT id FROM goals ORDER BY id LIMIT 1").fetchone()
    samples = {"id": row[0] if row else "", "kind": "goal", "max": "2"}
    paths = []
    for name, query in queries.items():
        params = dict.fromkeys(_PARAM.findall(query.get("sql", "")), SEARCH_TERMS[0])
        params.update({k: v for k, v in samples.items() if k in params})
        paths.append(f"/{db_path.stem}/{name}.json?" + urllib.parse.urlencode(params))
    return paths


def load(port: int, paths: Sequence[str], requests: int, clients: int) -> dict:
    """Send ``requests`` requests cycling through ``paths`` from ``clients`` threads; latency percentiles.

    :param port: the server's loopback port
    :param paths: request paths, used in turn
    :param requests: how many requests in all
    :param clients: concurrent client threads
    """
    work: Iterator[str] = itertools.islice(itertools.cycle(paths), requests)
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                path = next(work, None)
            if path is None:
                break
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok, detail = response.status == 200, f"{response.status} {path}"
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok, detail = False, f"{type(exc).__name__} {path}"
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(detail)
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else latencies * 99
    return {
        "requests": len(latencies),
        "clients": clients,
        "p50_ms": round(cuts[49], 1),
        "p95_ms": round(cuts[94], 1),
        "p99_ms": round(cuts[98], 1),
        "max_ms": round(max(latencies), 1),
        "requests_per_s": round(len(latencies) / seconds, 1),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
    }


def measure(db_path: Path, requests: int, clients: int) -> dict:
    """Serve ``db_path`` and load it with the site's search, table search, then canned-query requests.

    :param db_path: a built knowledge base
    :param requests: requests per phase
    :param clients: concurrent clients
    """
    port = free_port()
    log_path = db_path.with_name("serve.log")
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "kb", "serve", "--db", str(db_path), "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        _wait_until_up(port, server, log_path)
        warm_up = fulltext_paths(WARM_UP_TERMS) + table_search_paths(db_path, WARM_UP_TERMS) + canned_paths(db_path)
        load(port, warm_up, len(warm_up) * 4, 2)  # imports, lemmatizers and page caches, every worker
        return {
            "fulltext": {"mode": "site search /-/search?q=", **load(port, fulltext_paths(), requests, clients)},
            "table_search": {"mode": "table view goals.json?_search=",
                             **load(port, table_search_paths(db_path), requests, clients)},
            "canned": load(port, canned_paths(db_path), requests, clients),
        }
    finally:
        _stop(server)


def _stop(server: subprocess.Popen, grace: float = 30.0) -> None:
    """Stop the server and its worker processes; kill them when requests still running keep them past ``grace``."""
    server.terminate()
    try:
        server.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)  # its own session: the workers go with it
        server.wait()


def _wait_until_up(port: int, server: subprocess.Popen, log_path: Path, timeout: float = 120.0) -> None:
    """Wait until the server answers ``/-/versions.json``; raise when it exits or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server exited with {server.returncode}: {log_path.read_text()[-500:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/-/versions.json")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer on port {port} within {timeout:g} s")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The command line: serve a built database, load it, print the latency figures as JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.latency", description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path, help="a database built by strategy-kb build")
    parser.add_argument("--requests", type=int, default=2000, help="requests per phase (default: 2000)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default: 20)")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.db, args.requests, args.clients), indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
