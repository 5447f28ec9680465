"""The extraction cache: unchanged documents are reused, changed ones extracted again, nothing stale."""

from __future__ import annotations

import dataclasses
import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS, bundled_subset, database_rows
from extract.cache import ExtractionCache, code_version, load_document
from extract.manifest import load_manifest
from kb.cli import main

SMALL = ("keusote-strategia-2023-2025.txt", "luvn-strategia-2023-2025.txt", "luvn-strategi-2026-2029-sv.txt")


def _build(corpus: Path, db: Path, *options: str) -> str:
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--db", str(db), *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_rebuild_extracts_only_the_changed_document_and_matches_a_fresh_build(tmp_path):
    corpus = bundled_subset(tmp_path / "corpus", SMALL)
    db = tmp_path / "kb.db"
    assert "cache      0 reused, 3 extracted" in _build(corpus, db)
    entries = tmp_path / ".strategy-kb-cache" / code_version()[:16]
    before = {p.name: p.stat().st_mtime_ns for p in entries.glob("*.pickle")}
    assert len(before) == 3
    changed = corpus / SMALL[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nLisäys: uusi kappale lopussa.\n", encoding="utf-8")
    assert "cache      2 reused, 1 extracted" in _build(corpus, db)
    after = {p.name: p.stat().st_mtime_ns for p in entries.glob("*.pickle")}
    assert len(after) == 4 and sum(after.get(name) == mtime for name, mtime in before.items()) == 3
    fresh = tmp_path / "fresh.db"
    assert "cache " not in _build(corpus, fresh, "--no-cache")
    assert database_rows(db) == database_rows(fresh)
    assert len(list(entries.glob("*.pickle"))) == 4 and not list(entries.glob(".*"))  # --no-cache wrote nothing


def test_key_changes_with_file_entry_page_limit_and_code(monkeypatch, tmp_path):
    info = load_manifest(CORPUS)[0]
    key = ExtractionCache.key(info, "a" * 64, 2000)
    assert key == ExtractionCache.key(info, "a" * 64, 2000)
    assert key != ExtractionCache.key(info, "b" * 64, 2000)
    assert key != ExtractionCache.key(dataclasses.replace(info, title="Toinen"), "a" * 64, 2000)
    assert key != ExtractionCache.key(info, "a" * 64, 10)
    monkeypatch.setattr("extract.cache.code_version", lambda: "another version of the code")
    assert key != ExtractionCache.key(info, "a" * 64, 2000)


def test_other_code_versions_and_damaged_entries_are_dropped(tmp_path, corpus_documents):
    doc = next(iter(corpus_documents.values()))
    old = tmp_path / "0123456789abcdef"
    old.mkdir(parents=True)
    (old / "x.json").write_text("{}", encoding="utf-8")
    keep = tmp_path / "notes"
    keep.mkdir()
    cache = ExtractionCache(tmp_path)
    assert not old.exists() and keep.exists()
    cache.put("k", doc)
    assert cache.get("k") == doc and cache.hits == 1
    cache.path("k").write_text('{"info": {"id": 1}}', encoding="utf-8")
    assert cache.get("k") is None and not cache.path("k").exists()


def test_every_bundled_result_survives_the_cache(corpus_documents, tmp_path):
    cache = ExtractionCache(tmp_path)
    for doc in corpus_documents.values():
        cache.put(doc.info.id, doc)
        assert cache.get(doc.info.id) == doc


class _Runs:
    """Pickles as a call of ``os.getcwd``: what a hostile cache entry could hold instead of records."""

    def __reduce__(self):
        return os.getcwd, ()


def test_an_entry_that_holds_anything_but_records_is_refused_and_dropped(tmp_path, corpus_documents):
    doc = next(iter(corpus_documents.values()))
    for payload in (_Runs(), (doc, _Runs()), {"info": doc.info}, doc.info):
        data = pickle.dumps(payload)
        with pytest.raises(pickle.UnpicklingError):
            load_document(data)
        cache = ExtractionCache(tmp_path)
        cache.path("k").parent.mkdir(parents=True, exist_ok=True)
        cache.path("k").write_bytes(data)
        assert cache.get("k") is None and not cache.path("k").exists()
