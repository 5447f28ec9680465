"""Shared fixtures: the bundled corpus extracted once per test session."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import settings

# Property tests try the same cases on every run (CI is deterministic).
settings.register_profile("ci", derandomize=True)
settings.load_profile("ci")

from site_server import site_db, site_url  # noqa: F401  (session fixtures: the built and served site)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).resolve().parent / "gold"


def bundled_subset(folder: Path, names: tuple[str, ...]) -> Path:
    """A corpus folder with some of the bundled documents and their manifest entries."""
    folder.mkdir()
    entries = (CORPUS / "corpus.toml").read_text(encoding="utf-8").split("[[document]]")[1:]
    kept = [e for e in entries if any(f'file = "{name}"' in e for name in names)]
    (folder / "corpus.toml").write_text("".join("[[document]]" + e for e in kept), encoding="utf-8")
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def database_rows(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, and per full-text index the rows some words find.

    The full-text indexes are compared by what they find, not by their shadow
    tables: a database updated in place holds the same index in other b-tree
    pages and rowids than one written whole.
    """
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%' ORDER BY name")]
        out = {t: sorted(conn.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in tables}
        for table in ("sections", "goals", "passages", "evaluations"):
            for word in ("palvelu", "hyvinvointi", "tjänst", "tavoite"):
                found = conn.execute(f"SELECT t.* FROM [{table}_fts] f JOIN [{table}] t ON t.rowid = f.rowid "
                                     f"WHERE [{table}_fts] MATCH ?", (word,)).fetchall()
                out[f"{table}_fts:{word}"] = sorted(found, key=repr)
    return out


def load_jsonl(name: str) -> list[dict]:
    """Rows of a gold JSON Lines file."""
    return [json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session", autouse=True)
def fork_server_kept():
    """In-process builds leave the worker fork server running for the next build of the session.

    ``strategy-kb build`` ends the server once its documents are extracted, to
    free the lexicons it preloaded (:func:`extract.workers.stop_server`), and
    the next build starts a new one that loads them again (seconds of CPU). The
    tests run dozens of builds in this one process, so here the server is kept
    (``tests/test_build.py`` puts the ending back for the build that checks it).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("kb.cli.stop_server", lambda: None)
        yield


@pytest.fixture(scope="session")
def corpus_documents():
    """Every bundled document extracted, keyed by its original (gold) file name."""
    import extract

    docs = extract.run(CORPUS)
    return {d.info.original_file: d for d in docs}


@pytest.fixture(scope="session")
def corpus_links(corpus_documents):
    """The bundled documents (in the order of :func:`corpus_documents`) and their links, linked once per session."""
    import link

    docs = list(corpus_documents.values())
    return docs, link.run(docs)


@pytest.fixture(scope="session")
def corpus_db(corpus_links, tmp_path_factory) -> Path:
    """The bundled corpus linked and written once per session (read by the graph and trace tests)."""
    from kb.build import build

    docs, links = corpus_links
    return build(docs, links, tmp_path_factory.mktemp("lineage") / "strategies.db")


def linked_rows(linked) -> tuple:
    """Every row a linking run gives the database: links, candidates, glossary, findings."""
    return ([(l.id, l.score, l.method, l.evidence_json()) for l in linked],
            [(l.id, l.score, l.method, l.evidence_json()) for l in linked.candidates], list(linked.glossary),
            list(linked.findings))


class WarmLinks(NamedTuple):
    """The bundled documents (sorted by id), a link cache folder one run over them filled, and that run's rows."""

    docs: list[Any]
    folder: Path
    rows: tuple


@pytest.fixture(scope="session")
def _linked_with_cache(corpus_documents, tmp_path_factory) -> WarmLinks:
    """The bundled documents linked once with a link cache, for the session (copied by :func:`warm_links`)."""
    import link

    docs = sorted(corpus_documents.values(), key=lambda d: d.info.id)
    folder = tmp_path_factory.mktemp("link-cache")
    return WarmLinks(docs, folder, linked_rows(link.run(docs, cache=link.LinkCache(folder))))


@pytest.fixture
def warm_links(_linked_with_cache, tmp_path) -> WarmLinks:
    """A copy of the session's filled link cache: each test rebuilds from the cache one run left, not another test's."""
    folder = tmp_path / "link-cache"
    shutil.copytree(_linked_with_cache.folder, folder)
    return _linked_with_cache._replace(folder=folder)
