"""Update a knowledge base in place of a full write: only the rows of changed documents and the links that differ.

The database records what it was built from in the table ``build_state``:
one row per document with a fingerprint of its extraction result and the
fields ``strategy-kb add`` inferred, and one row (``document_id`` empty)
with the version of the code that writes the database. A rebuild then
works on a copy of the database file: it deletes the rows of every
document that changed or went away (sections, passages, statements with
their evaluations and targets, findings, removed text, their full-text
index entries) and inserts those of changed and new documents with their
lemmas; the corpus-wide tables (links, lineage statuses and candidates,
the glossary, the findings of linking) get the rows that differ
from the new result deleted and inserted. All of it on the copy, which
replaces the database with ``os.replace`` only when complete, so a reader
never sees a half-updated database, and a failed or killed update leaves
the old one as it was. The rows equal those of a full
build of the same input (``tests/test_incremental.py`` compares every table).
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence

import sqlite_utils

from extract.records import ExtractedDocument
from kb.search import SEARCHABLE, lemma_rows
from link.cache import code_version as link_version

STATE = "build_state"
# Tables holding a document's rows, and how a row names its document.
# The findings linking makes (on people's verdicts, no document; on a document's statements, ids <doc>/lNNN:
# link_finding_id): corpus-wide rows, whatever their document
LINK_FINDINGS = "(document_id IS NULL OR id GLOB '*/l[0-9][0-9][0-9]*')"


def link_finding_id(document_id: Optional[str], n: int) -> str:
    """The id of the ``n``-th finding linking makes on ``document_id`` (``links.toml/fNNN`` on people's verdicts),
    the form :data:`LINK_FINDINGS` selects."""
    return f"links.toml/f{n:03d}" if document_id is None else f"{document_id}/l{n:03d}"


_BY_DOCUMENT = {
    "evaluations": "goal_id IN (SELECT id FROM goals WHERE document_id = ?)",
    "targets": "goal_id IN (SELECT id FROM goals WHERE document_id = ?)",
    "sections": "document_id = ?",
    "passages": "document_id = ?",
    "goals": "document_id = ?",
    "findings": f"document_id = ? AND NOT {LINK_FINDINGS}",
    "removed_text": "document_id = ?",
    "documents": "id = ?",
}
# Corpus-wide tables and the columns that identify a row.
_GLOBAL = {
    "links": ("id",),
    "lineage_candidates": ("id",),
    "lineage_status": ("statement_id", "role"),
    "glossary": ("fi", "sv"),
    "findings": ("id",),  # only the rows linking makes (LINK_FINDINGS)
}


@functools.lru_cache(maxsize=1)
def schema_version() -> str:
    """A hash of what decides the database's rows besides the documents: the ``kb`` and ``link`` code versions."""
    digest = hashlib.sha256(link_version().encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprints(documents: Sequence[ExtractedDocument], inferred: Mapping[str, Mapping[str, str]],
                 origins: Optional[Mapping[str, str]] = None) -> dict[str, str]:
    """Per document id, a hash of its extraction result and inferred fields: equal hashes, equal rows.

    A document with an entry in ``origins`` (what decided its result:
    :func:`extract.cache.result_origin`) is hashed by that, at no cost; any
    other by its result's ``repr``, which spells every field of every record
    (frozen dataclasses of strings, numbers, ``None`` and tuples), so two
    results have the same ``repr`` only when they are equal.
    """
    origins = origins or {}
    return {
        d.info.id: hashlib.sha256("\0".join((
            f"origin {origins[d.info.id]}" if d.info.id in origins else f"result {d!r}",
            repr(sorted((inferred.get(d.info.id) or {}).items())),
        )).encode()).hexdigest()
        for d in documents
    }


def state_rows(prints: Mapping[str, str]) -> list[dict]:
    """The rows of ``build_state``: the schema version under ``document_id`` "", then a fingerprint per document."""
    return [{"document_id": "", "fingerprint": schema_version()},
            *({"document_id": doc, "fingerprint": prints[doc]} for doc in sorted(prints))]


def stored_state(db_path: Path) -> Optional[dict[str, str]]:
    """The ``build_state`` of an existing database, or ``None`` when it has none or was made by other code."""
    if not db_path.is_file():
        return None
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
            rows = dict(conn.execute(f"SELECT document_id, fingerprint FROM [{STATE}]").fetchall())
    except sqlite3.Error:
        return None
    return rows if rows.pop("", None) == schema_version() else None


def update(db: sqlite_utils.Database, documents: Sequence[ExtractedDocument], prints: Mapping[str, str],
           stored: Mapping[str, str], insert_documents, global_rows: Mapping[str, list[dict]]) -> None:
    """Bring ``db`` (a copy of the old database) to the rows of a full build.

    :param db: the copy to change
    :param documents: the whole corpus now
    :param prints: the documents' fingerprints now (:func:`fingerprints`)
    :param stored: the fingerprints the database was built from
    :param insert_documents: ``f(db, documents)`` inserting the per-document rows of ``documents``
    :param global_rows: the rows of each table of :data:`_GLOBAL` in the new result
    """
    changed = [d for d in documents if stored.get(d.info.id) != prints[d.info.id]]
    gone = sorted((set(stored) - set(prints)) | {d.info.id for d in changed})
    for doc_id in gone:
        _delete_document(db, doc_id)
    before = {table: _max_rowid(db, table) for table in SEARCHABLE}
    insert_documents(db, changed)
    for table in SEARCHABLE:
        _index_new_rows(db, table, before[table])
    for table, rows in global_rows.items():
        _replace_differing(db, table, rows)
    db.conn.execute(f"DELETE FROM [{STATE}]")
    db[STATE].insert_all(state_rows(prints))
    db.conn.commit()


def _delete_document(db: sqlite_utils.Database, doc_id: str) -> None:
    """Delete a document's rows and their full-text entries (external-content FTS5 needs the old values)."""
    for table, where in _BY_DOCUMENT.items():
        if table in SEARCHABLE:
            columns = ", ".join(f"[{c}]" for c in (*SEARCHABLE[table], "lemmas"))
            db.conn.execute(f"INSERT INTO [{table}_fts] ([{table}_fts], rowid, {columns}) "
                            f"SELECT 'delete', rowid, {columns} FROM [{table}] WHERE {where}", (doc_id,))
        db.conn.execute(f"DELETE FROM [{table}] WHERE {where}", (doc_id,))


def _max_rowid(db: sqlite_utils.Database, table: str) -> int:
    return db.conn.execute(f"SELECT coalesce(max(rowid), 0) FROM [{table}]").fetchone()[0]


def _index_new_rows(db: sqlite_utils.Database, table: str, after: int) -> None:
    """Lemmas and full-text entries of the rows inserted after rowid ``after``."""
    db.conn.executemany(f"UPDATE [{table}] SET lemmas = ? WHERE rowid = ?", lemma_rows(db, table, f"rowid > {after}"))
    columns = ", ".join(f"[{c}]" for c in (*SEARCHABLE[table], "lemmas"))
    db.conn.execute(f"INSERT INTO [{table}_fts] (rowid, {columns}) SELECT rowid, {columns} FROM [{table}] "
                    f"WHERE rowid > ?", (after,))


def _replace_differing(db: sqlite_utils.Database, table: str, rows: Iterable[dict]) -> None:
    """Make ``table`` hold exactly ``rows``: rows that differ or went away deleted, new ones inserted."""
    keys = _GLOBAL[table]
    where = f" WHERE {LINK_FINDINGS}" if table == "findings" else ""
    cursor = db.conn.execute(f"SELECT * FROM [{table}]{where}")
    names = [c[0] for c in cursor.description]
    old = {tuple(r[names.index(k)] for k in keys): r for r in cursor.fetchall()}
    new = {tuple(r[k] for k in keys): tuple(r.get(n) for n in names) for r in rows}
    stale = [key for key, row in old.items() if new.get(key) != row]
    match = " AND ".join(f"[{k}] = ?" for k in keys)
    db.conn.executemany(f"DELETE FROM [{table}] WHERE {match}", stale)
    db[table].insert_all(dict(zip(names, row)) for key, row in sorted(new.items()) if old.get(key) != row)
