"""Incremental builds: after a document changed, was added or was removed, the updated database equals a full build."""

from __future__ import annotations

import dataclasses
import importlib
import marshal
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import CORPUS, bundled_subset, database_rows, linked_rows
from extract import nlp
from extract.pipeline import Limits
from kb.cli import run_build
import link
from link.bilingual import default_lexicon
from link.cache import Answers, LinkCache
from link.crosslang import CrossLingual, stems_of
from link.parallel import align
from pdf_factory import Lines, Text, build_pdf

STRATEGY = "luvn-strategia-2023-2025.txt"
EVALUATION = "luvn-strategia-2023-2025-arviointi.txt"
OTHER_REGION = "keusote-strategia-2023-2025.txt"
LATER = "luvn-strategi-2026-2029-sv.txt"  # continues the strategy, in Swedish
DECK = "luvn-vammaisneuvosto-2025-dia.txt"  # quotes LATER; its Swedish overview slide types boxes one tier off
LIMITS = Limits(jobs=1)
BUILD = importlib.import_module("kb.build")  # the module (the package exports its function build under that name)


def _assert_same(incremental: Path, full: Path) -> None:
    got, want = database_rows(incremental), database_rows(full)
    assert sorted(got) == sorted(want)
    for table in want:
        missing = [r for r in want[table] if r not in got[table]]
        extra = [r for r in got[table] if r not in want[table]]
        assert not missing and not extra, (table, missing[:2], extra[:2])


@pytest.fixture()
def spy(monkeypatch) -> list[int]:
    """How many documents each in-place update rewrote (one entry per update)."""
    calls: list[int] = []
    real = BUILD.update

    def counting(db, documents, prints, stored, insert, rows):
        calls.append(sum(stored.get(d.info.id) != prints[d.info.id] for d in documents) + len(set(stored) - set(prints)))
        return real(db, documents, prints, stored, insert, rows)

    monkeypatch.setattr(BUILD, "update", counting)
    return calls


def _full(corpus: Path, folder: Path) -> Path:
    """A build from nothing: no database, no cache."""
    db = folder / "full.db"
    db.unlink(missing_ok=True)
    assert run_build(corpus, db, LIMITS, None) == 0
    return db


def test_rebuild_after_change_addition_and_removal_equals_a_full_build(tmp_path, spy):
    corpus = bundled_subset(tmp_path / "corpus", (STRATEGY, EVALUATION, OTHER_REGION))
    db, cache = tmp_path / "kb" / "strategies.db", tmp_path / "kb" / "cache"
    assert run_build(corpus, db, LIMITS, cache) == 0
    assert spy == []  # no database yet: written whole

    text = (corpus / STRATEGY).read_text(encoding="utf-8")
    word = next(w for w in ("palvelut", "palveluja", "asukkaiden", "hyvinvointia") if w in text)
    (corpus / STRATEGY).write_text(text.replace(word, word.upper(), 1), encoding="utf-8")
    assert run_build(corpus, db, LIMITS, cache) == 0
    assert spy == [1]
    _assert_same(db, _full(corpus, tmp_path))

    shutil.copy(CORPUS / LATER, corpus / LATER)
    entry = next(e for e in (CORPUS / "corpus.toml").read_text(encoding="utf-8").split("[[document]]")
                 if f'file = "{LATER}"' in e)
    with (corpus / "corpus.toml").open("a", encoding="utf-8") as manifest:
        manifest.write("[[document]]" + entry)
    assert run_build(corpus, db, LIMITS, cache) == 0
    assert spy == [1, 1]
    with sqlite3.connect(db) as conn:  # the new document's links are there: it continues the strategy
        assert conn.execute("SELECT count(*) FROM links WHERE relation = 'continues'").fetchone()[0] > 0
    _assert_same(db, _full(corpus, tmp_path))

    entries = (corpus / "corpus.toml").read_text(encoding="utf-8").split("[[document]]")
    (corpus / "corpus.toml").write_text(
        "[[document]]".join(e for e in entries if f'file = "{OTHER_REGION}"' not in e), encoding="utf-8")
    assert run_build(corpus, db, LIMITS, cache) == 0
    assert spy == [1, 1, 1]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM goals WHERE document_id LIKE 'keusote%'").fetchone()[0] == 0
    _assert_same(db, _full(corpus, tmp_path))


def test_the_findings_of_linking_on_a_document_are_kept_through_rebuilds(tmp_path, spy):
    corpus = bundled_subset(tmp_path / "corpus", (LATER, DECK))
    db, cache = tmp_path / "kb" / "strategies.db", tmp_path / "kb" / "cache"
    assert run_build(corpus, db, LIMITS, cache) == 0

    def kinds() -> int:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM findings WHERE kind = 'kind_disagreement'").fetchone()[0]

    found = kinds()
    assert found > 0
    assert run_build(corpus, db, LIMITS, cache) == 0  # nothing changed
    assert spy == [0] and kinds() == found
    for name in (LATER, DECK):  # a change in the other document, then in the one the findings are on
        text = (corpus / name).read_text(encoding="utf-8")
        (corpus / name).write_text(text + "\n\nLiite.\n", encoding="utf-8")
        assert run_build(corpus, db, LIMITS, cache) == 0
        assert kinds() == found
        _assert_same(db, _full(corpus, tmp_path))


def test_a_document_that_timed_out_is_written_again_once_it_is_extracted(tmp_path, spy):
    # the same file, entry and page limit as before: only the failure says that its result changed
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    build_pdf(corpus / "long.pdf", [[Text(72, 72, f"Sivu {n}"), Lines(72, 100, ["Tavoite on hyvä."] * 3)] for n in range(150)])
    (corpus / "corpus.toml").write_text(
        '[[document]]\nid = "long"\nfile = "long.pdf"\norganisation = "Testin hyvinvointialue"\n'
        'region = "Testi"\nperiod = "2023-2025"\nkind = "strategy"\nlanguages = ["fi"]\ntitle = "Testi"\n',
        encoding="utf-8")
    db, cache = tmp_path / "strategies.db", tmp_path / "cache"
    assert run_build(corpus, db, Limits(jobs=1, time_limit=0.05), cache) == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT substr(error, 1, 6) FROM documents WHERE id = 'long'").fetchone() == ("[E107]",)
    assert run_build(corpus, db, LIMITS, cache) == 0
    assert spy == [1]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT error FROM documents WHERE id = 'long'").fetchone() == (None,)
    _assert_same(db, _full(corpus, tmp_path))


def test_a_database_of_other_code_is_written_whole(tmp_path, spy):
    corpus = bundled_subset(tmp_path / "corpus", (OTHER_REGION,))
    db, cache = tmp_path / "strategies.db", tmp_path / "cache"
    assert run_build(corpus, db, LIMITS, cache) == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE build_state SET fingerprint = 'other code' WHERE document_id = ''")
    assert run_build(corpus, db, LIMITS, cache) == 0
    assert spy == []
    _assert_same(db, _full(corpus, tmp_path))


def _link_rows(result) -> tuple[list[tuple], list]:
    links, glossary = result
    return [(l.id, l.score, l.method, l.evidence_json()) for l in links], glossary


def test_parallel_text_recomputes_only_the_region_a_change_touches(corpus_documents, tmp_path):
    docs = sorted(corpus_documents.values(), key=lambda d: d.info.id)
    want = _link_rows(align(docs))
    first = LinkCache(tmp_path)
    assert _link_rows(align(docs, (), first)) == want
    # per round each document inside itself and each region across documents; each region's same text, glossary
    # counts of the first round and result of the second; each document's units, its key counts and their sum; the
    # analyses
    assert first.hits == 0 and first.stores == 2 * (5 + 2) + 3 * 2 + 5 + 5 + 1 + 1
    again = LinkCache(tmp_path)
    assert _link_rows(align(docs, (), again)) == want
    # unchanged: each document's units, the frequent keys, each region's glossary counts and result, and the analyses
    # are read, nothing else
    assert again.hits == 5 + 1 + 2 + 2 + 1 and again.stores == 0

    keusote = next(d for d in docs if d.info.region == "Keski-Uusimaa")
    edited = dataclasses.replace(keusote, passages=keusote.passages[:-3])
    changed = [edited if d is keusote else d for d in docs]
    third = LinkCache(tmp_path)
    assert _link_rows(align(changed, (), third)) == _link_rows(align(changed))
    # the edited document's units, it inside itself and its region's passes are computed again (1 + 7 parts), its key
    # counts and their sum (2); the other region's result and documents, and the analyses, are reused (no text is
    # new: the analyses are not stored again)
    assert third.stores == 1 + 2 * (1 + 1) + 3 + 2
    # the other region's result is read whole: its passes and its documents' parts are not looked up
    # (its glossary counts and result, the other documents' units and key counts, the analyses)
    assert third.hits == 1 + 1 + 4 + 4 + 1


def test_damaged_parallel_text_entries_are_computed_again(corpus_documents, tmp_path):
    docs = sorted(corpus_documents.values(), key=lambda d: d.info.id)
    want = _link_rows(align(docs))
    align(docs, (), LinkCache(tmp_path))
    entries = sorted(tmp_path.rglob("*.bin"))
    for i, path in enumerate(entries):  # bytes marshal cannot read, and a readable value of no entry's shape
        path.write_bytes(b"\x00damaged" if i % 2 else marshal.dumps([1, "x"]))
    cache = LinkCache(tmp_path)
    assert _link_rows(align(docs, (), cache)) == want
    assert cache.stores == len(entries)  # every entry was written anew


def test_linking_with_the_cache_of_another_corpus_equals_linking_without_it(warm_links):
    docs = warm_links.docs
    later = next(d for d in docs if d.info.id.startswith("luvn-strategi-2026"))
    # the successor loses its last statements: lineage's pairs and the words they look up change
    edited = dataclasses.replace(later, statements=tuple(s for s in later.statements
                                                         if s.ordinal < max(x.ordinal for x in later.statements) - 3))
    changed = [edited if d is later else d for d in docs]
    cache = LinkCache(warm_links.folder)
    assert linked_rows(link.run(changed, cache=cache)) == linked_rows(link.run(changed))
    assert cache.hits > 0  # the parts and word partners the change left alone were reused


def test_answers_are_kept_for_the_same_inputs_only(tmp_path):
    first = Answers(LinkCache(tmp_path), "squares", "v1")
    assert [first.get(str(n), lambda n=n: n * n) for n in (2, 3)] == [4, 9]
    first.store()
    again = Answers(LinkCache(tmp_path), "squares", "v1")
    assert again.get("2", lambda: pytest.fail("a kept answer is not computed again")) == 4
    assert Answers(LinkCache(tmp_path), "squares", "v2").known == {}  # other inputs, other answers


def test_word_partners_are_not_reused_under_another_glossary(tmp_path):
    other = frozenset({"mångproducentmodell", "stärka"})
    seed = CrossLingual(default_lexicon(), LinkCache(tmp_path))
    assert seed.partner("vahvistaa", (), "fi", other, stems_of(other)) == "stärka"
    seed.store()
    learned = CrossLingual(default_lexicon().with_glossary([("vahvistaa", "mångproducentmodell")]), LinkCache(tmp_path))
    assert learned.partner("vahvistaa", (), "fi", other, stems_of(other)) == "mångproducentmodell"


def test_a_rebuild_of_an_unchanged_corpus_analyses_no_text_again(warm_links, monkeypatch):
    analysed: list[str] = []
    real = nlp.pipeline

    def spying(lang: str):
        pipe = real(lang)
        return lambda text: analysed.append(text) or pipe(text)

    nlp.analyse.cache_clear()
    monkeypatch.setattr(nlp, "pipeline", spying)
    assert linked_rows(link.run(warm_links.docs, cache=LinkCache(warm_links.folder))) == warm_links.rows
    assert analysed == []  # every word analysis parallel text and lineage read was kept
