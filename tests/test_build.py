"""The knowledge base: contract tables, determinism, atomic writes, links, bad input."""

from __future__ import annotations

import shutil
import sqlite3
from multiprocessing import forkserver
from pathlib import Path
from typing import Optional

import pytest
from click.testing import CliRunner

from conftest import CORPUS, load_jsonl
from extract.clean.normalize import match_key
from extract.workers import stop_server
from kb.cli import main

CONTRACT = {
    "documents": {"id", "title", "organisation", "region", "period_start", "period_end", "kind", "languages", "file", "sha256", "pages"},
    "sections": {"id", "document_id", "parent_id", "ordinal", "level", "heading", "text", "lang", "page_start", "page_end"},
    "goals": {"id", "document_id", "section_id", "parent_id", "ordinal", "kind", "number", "text", "lang", "page"},
    "evaluations": {"goal_id", "achieved", "score", "assessment"},
    "links": {"id", "source_id", "target_id", "relation", "score", "method", "evidence"},
    "findings": {"id", "document_id", "kind", "message", "page", "expected", "found"},
    "link_texts": {"relation", "score", "method", "source_id", "source_document", "source_kind", "source_lang",
                   "source_text", "target_id", "target_document", "target_kind", "target_lang", "target_text"},
}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> tuple[Path, str, Optional[int]]:
    """The bundled corpus built as outside the tests (the fork server ended once extraction is done):
    the database, the build's output and the fork server's pid right after the build."""
    db = tmp_path_factory.mktemp("kb") / "strategies.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("kb.cli.stop_server", stop_server)
        result = CliRunner().invoke(main, ["build", "--corpus", str(CORPUS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db, result.output, forkserver._forkserver._forkserver_pid


@pytest.fixture(scope="module")
def built_db(first_build) -> Path:
    return first_build[0]


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _dump(db: Path) -> dict[str, list[tuple]]:
    tables = [r[0] for r in _rows(db, "SELECT name FROM sqlite_master WHERE type IN ('table','view') ORDER BY name")]
    return {t: _rows(db, f"SELECT * FROM [{t}] ORDER BY 1") for t in tables}


def test_build_writes_the_contract_tables_and_view(built_db):
    for table, columns in CONTRACT.items():
        found = {r[1] for r in _rows(built_db, f"PRAGMA table_info([{table}])")}
        assert columns <= found, (table, columns - found)
    assert _rows(built_db, "SELECT count(*) FROM documents") == [(5,)]
    assert _rows(built_db, "PRAGMA foreign_key_check") == []


def test_build_summary_names_documents_pages_and_statement_kinds(first_build):
    db, output, server_pid = first_build
    assert "extracting luvn-strategia-2023-2025.txt" in output
    assert "documents  5 (0 failed)" in output
    assert "writing the database" in output
    # the fork server the workers came from is ended with its preloaded lexicons once extraction is done
    assert server_pid is None
    kinds = _rows(db, "SELECT kind, count(*) FROM goals GROUP BY kind ORDER BY kind")
    assert ("goal" in dict(kinds)) and "findings" in output
    assert f"statements {sum(n for _k, n in kinds)}: " + ", ".join(f"{k} {n}" for k, n in kinds) in output


def test_two_builds_give_identical_rows_and_ids(built_db, tmp_path):
    again = tmp_path / "again.db"
    assert CliRunner().invoke(main, ["build", "--corpus", str(CORPUS), "--db", str(again)]).exit_code == 0
    assert _dump(built_db) == _dump(again)


def test_all_22_evaluated_in_links_match_gold_and_none_spurious(built_db):
    found = {
        (match_key(s), match_key(t))
        for s, t in _rows(built_db, "SELECT source_text, target_text FROM link_texts WHERE relation = 'evaluated_in'")
    }
    gold = {(match_key(r["source"]["text"]), match_key(r["target"]["text"])) for r in load_jsonl("links_evaluated_in.jsonl")}
    assert found == gold


def test_failed_build_leaves_previous_database_untouched(built_db, tmp_path):
    db = tmp_path / "kb.db"
    shutil.copy(built_db, db)
    before = db.read_bytes()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "corpus.toml").write_text("this is not toml [[[", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--db", str(db)])
    assert result.exit_code == 2
    assert "[E001]" in result.output
    assert db.read_bytes() == before
    assert not list(tmp_path.glob(".kb.db.tmp-build-*"))


def _corpus_with(tmp_path: Path, entries: str, files: dict[str, bytes]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, data in files.items():
        (corpus / name).write_bytes(data)
    (corpus / "corpus.toml").write_text(entries, encoding="utf-8")
    return corpus


ENTRY = """
[[document]]
id = "{id}"
file = "{file}"
organisation = "Testin hyvinvointialue"
region = "Testi"
period = "2023-2025"
kind = "{kind}"
languages = ["fi"]
title = "Testi"
"""


def test_missing_file_refuses_the_manifest_before_anything_is_written(tmp_path):
    good = (CORPUS / "luvn-strategia-2023-2025.txt").read_bytes()
    entries = ENTRY.format(id="good", file="good.txt", kind="strategy") + ENTRY.format(id="gone", file="gone.txt", kind="strategy")
    corpus = _corpus_with(tmp_path, entries, {"good.txt": good})
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--db", str(db)])
    assert result.exit_code == 2
    assert "error [E101]" in result.output and "gone.txt" in result.output and "file not found" in result.output
    assert not db.exists()


@pytest.mark.parametrize(
    "entries, message",
    [
        (ENTRY.format(id="a", file="a.txt", kind="strategy") * 2, "duplicate document id"),
        (ENTRY.format(id="a", file="a.txt", kind="poem"), "unknown kind"),
        (ENTRY.format(id="a", file="a.txt", kind="strategy").replace('title = "Testi"\n', ""), "lacks required field"),
        (ENTRY.format(id="a", file="../a.txt", kind="strategy"), "escapes the corpus folder"),
        (ENTRY.format(id="a", file="/etc/passwd.txt", kind="strategy"), "escapes the corpus folder"),
    ],
)
def test_bad_manifest_is_refused_before_anything_is_written(tmp_path, entries, message):
    corpus = _corpus_with(tmp_path, entries, {"a.txt": b"Tavoitteet\n\n1. Testi.\n"})
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--db", str(db)])
    assert result.exit_code == 2
    assert message in result.output and "[E002]" in result.output
    assert not db.exists()


def test_symlink_out_of_the_corpus_is_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("salaisuus", encoding="utf-8")
    corpus = _corpus_with(tmp_path, ENTRY.format(id="a", file="link.txt", kind="strategy"), {})
    (corpus / "link.txt").symlink_to(outside)
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 2 and "leads out of the corpus folder" in result.output


def test_extract_prints_one_document_as_json(tmp_path):
    import json

    result = CliRunner().invoke(main, ["extract", str(CORPUS / "keusote-strategia-2023-2025.txt")])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert {"document", "sections", "goals", "targets", "evaluations", "findings"} <= set(payload)
    assert any(g["kind"] == "principle" and g["text"] == "Vertailtavuus" for g in payload["goals"])


def test_trace_prints_the_goal_and_its_evaluation(built_db):
    result = CliRunner().invoke(main, ["trace", "ilmasto-ohjelma", "--db", str(built_db)])
    assert result.exit_code == 0, result.output
    assert "evaluated_in" in result.output and "achieved yes, score 4" in result.output


def test_cp1252_text_is_read_with_a_warning(tmp_path):
    text = "Valtuustokauden tavoitteet:\n\n1. Hyvinvointi paranee vähitellen.\n"
    corpus = _corpus_with(tmp_path, ENTRY.format(id="a", file="a.txt", kind="strategy"), {"a.txt": text.encode("cp1252")})
    db = tmp_path / "kb.db"
    assert CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--db", str(db)]).exit_code == 0
    assert _rows(db, "SELECT text FROM goals WHERE kind = 'goal'") == [("Hyvinvointi paranee vähitellen.",)]
    assert _rows(db, "SELECT count(*) FROM findings WHERE message LIKE '%Windows-1252%'") == [(1,)]
