"""Write the knowledge base with sqlite-utils: schema, rows, indexes, view — atomically.

The database is written to a temporary file beside the target and moved over
it with ``os.replace`` only when complete, so a failed or killed build leaves
the previous database as it was. Leftover temporary files of killed builds
are removed at the start of the next one. Rows are inserted in id order, so
the same input gives the same table contents.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence

import sqlite_utils

from extract.errors import StrategyKBError
from extract.records import ExtractedDocument, Finding
from link.lineage import lineage_status
from link.records import GlossaryEntry, Link
from kb.search import index_lemmas
from kb.update import STATE, fingerprints, link_finding_id, state_rows, stored_state, update

TMP_MARK = ".tmp-build-"

def _end_columns(end: str) -> str:
    """The columns of one end (``source`` or ``target``) of a link, from whichever table holds its id."""
    g, s, p = (f"{end[0]}{table}" for table in "gsp")
    return f"""l.{end}_id,
       coalesce({g}.document_id, {s}.document_id, {p}.document_id) AS {end}_document,
       coalesce({g}.kind, CASE WHEN {s}.id IS NOT NULL THEN 'section' END, {p}.role) AS {end}_kind,
       coalesce({g}.lang, {s}.lang, {p}.lang) AS {end}_lang,
       coalesce({g}.text, trim({s}.heading || char(10) || {s}.text), {p}.text) AS {end}_text,
       coalesce({g}.page, {s}.page_start, {p}.page) AS {end}_page"""


# Links join statements (goals), sections and passages; the view resolves either end in any of
# them by primary key, so a filter on the view's ids uses the indexes.
LINK_TEXTS_VIEW = f"""
SELECT l.relation, l.score, l.method,
       {_end_columns("source")},
       {_end_columns("target")},
       l.evidence
FROM links l
LEFT JOIN goals sg ON sg.id = l.source_id
LEFT JOIN sections ss ON ss.id = l.source_id
LEFT JOIN passages sp ON sp.id = l.source_id
LEFT JOIN goals tg ON tg.id = l.target_id
LEFT JOIN sections ts ON ts.id = l.target_id
LEFT JOIN passages tp ON tp.id = l.target_id
"""


def build(documents: Sequence[ExtractedDocument], links: Sequence[Link], db_path: str | Path,
          glossary: Optional[Sequence[GlossaryEntry]] = None,
          inferred: Optional[Mapping[str, Mapping[str, str]]] = None, incremental: bool = False,
          origins: Optional[Mapping[str, str]] = None) -> Path:
    """Write all tables into ``db_path`` atomically and return the path.

    With ``incremental``, an existing database that this code built is
    updated instead (:mod:`kb.update`): only the rows of changed, new and
    removed documents and the links that differ are written, on a copy
    that replaces the database when complete; the rows are those a full
    write gives.

    >>> build(extract.run("corpus"), link.run(docs), "strategies.db")

    :param documents: extraction results, one per manifest entry
    :param links: links between statements
    :param glossary: learned word pairs (default: ``links.glossary`` when ``links`` is a :class:`link.Linked`)
    :param db_path: the database file to create or replace
    :param inferred: per document id, the manifest fields ``strategy-kb add`` inferred (unedited) and their origin
    :param incremental: update the existing database where it allows (default: write it anew)
    :param origins: per document id, what decided its result (:func:`extract.cache.result_origin`): spares hashing the result
    :raises StrategyKBError: E201 when the database cannot be written
    """
    target = Path(db_path).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target)
    tmp = target.with_name(f".{target.name}{TMP_MARK}{os.getpid()}")
    inferred = inferred or {}
    prints = fingerprints(documents, inferred, origins)
    stored = stored_state(target) if incremental else None
    rows = _corpus_rows(documents, links, getattr(links, "glossary", ()) if glossary is None else glossary)
    try:
        if stored is None:
            db = sqlite_utils.Database(tmp, recreate=True)
            _create_schema(db)
            _insert_documents(db, documents, inferred)
            for table, table_rows in rows.items():
                db[table].insert_all(table_rows)
            index_lemmas(db)
            db[STATE].insert_all(state_rows(prints))
            db.conn.commit()
            db.conn.execute("VACUUM")
        else:
            shutil.copyfile(target, tmp)
            db = sqlite_utils.Database(tmp)
            update(db, documents, prints, stored, lambda db, docs: _insert_documents(db, docs, inferred), rows)
        db.close()
        os.replace(tmp, target)
    except Exception as exc:  # any failure must leave the old database untouched
        tmp.unlink(missing_ok=True)
        if isinstance(exc, StrategyKBError):
            raise
        raise StrategyKBError("E201", f"database not written: {exc}", str(target)) from exc
    return target


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete temporary files that killed builds left beside ``target``."""
    stale = sorted(target.parent.glob(f".{target.name}{TMP_MARK}*"))
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def _create_schema(db: sqlite_utils.Database) -> None:
    db["documents"].create(
        {"id": str, "title": str, "organisation": str, "region": str, "period_start": int, "period_end": int,
         "kind": str, "languages": str, "file": str, "sha256": str, "pages": int, "source_url": str, "error": str,
         "inferred": str},
        pk="id",
    )
    db["sections"].create(
        {"id": str, "document_id": str, "parent_id": str, "ordinal": int, "level": int, "heading": str,
         "text": str, "lang": str, "page_start": int, "page_end": int},
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("parent_id", "sections", "id")],
    )
    db["passages"].create(
        {"id": str, "document_id": str, "section_id": str, "ordinal": int, "role": str, "level": int,
         "number": str, "text": str, "lang": str, "page": int},
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("section_id", "sections", "id")],
    )
    db["goals"].create(
        {"id": str, "document_id": str, "section_id": str, "parent_id": str, "ordinal": int, "kind": str,
         "number": str, "text": str, "lang": str, "page": int},
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("section_id", "sections", "id"), ("parent_id", "goals", "id")],
    )
    db["evaluations"].create(
        {"goal_id": str, "achieved": str, "score": int, "assessment": str, "evaluation_set": str, "group_name": str},
        pk="goal_id",
        foreign_keys=[("goal_id", "goals", "id")],
    )
    db["targets"].create(
        {"id": str, "goal_id": str, "metric": str, "comparison": str, "value": float, "unit": str, "text": str},
        pk="id",
        foreign_keys=[("goal_id", "goals", "id")],
    )
    db["links"].create(
        {"id": str, "source_id": str, "target_id": str, "relation": str, "score": float, "method": str, "evidence": str},
        pk="id",
    )
    db["findings"].create(
        {"id": str, "document_id": str, "kind": str, "message": str, "page": int, "expected": str, "found": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["removed_text"].create(
        {"id": str, "document_id": str, "page": int, "kind": str, "text": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["glossary"].create({"fi": str, "sv": str, "source": str, "pairs": int, "dice": float}, pk=("fi", "sv"))
    db["lineage_status"].create(
        {"statement_id": str, "document_id": str, "role": str, "status": str, "links": int, "candidates": int},
        pk=("statement_id", "role"),
        foreign_keys=[("statement_id", "goals", "id"), ("document_id", "documents", "id")],
    )
    db[STATE].create({"document_id": str, "fingerprint": str}, pk="document_id")
    db["lineage_candidates"].create(
        {"id": str, "source_id": str, "target_id": str, "relation": str, "score": float, "method": str, "evidence": str},
        pk="id",
    )
    for table, columns in (
        ("sections", ["document_id"]), ("sections", ["parent_id"]), ("passages", ["document_id"]), ("passages", ["section_id"]), ("goals", ["document_id"]),
        ("goals", ["section_id"]), ("goals", ["parent_id"]), ("goals", ["kind"]), ("targets", ["goal_id"]),
        # A link is looked up by one end and its relation (canned queries, site pages): both in one index.
        ("links", ["source_id", "relation"]), ("links", ["target_id", "relation"]), ("links", ["relation"]), ("findings", ["document_id"]),
        ("lineage_candidates", ["source_id"]), ("lineage_candidates", ["target_id"]),
        ("removed_text", ["document_id"]),
    ):
        db[table].create_index(columns)
    db.create_view("link_texts", LINK_TEXTS_VIEW)


def _insert_documents(db: sqlite_utils.Database, documents: Sequence[ExtractedDocument],
                      inferred: Mapping[str, Mapping[str, str]]) -> None:
    """The rows of each document: the document, its sections, passages, statements, evaluations, targets, findings."""
    docs = sorted(documents, key=lambda d: d.info.id)
    db["documents"].insert_all(
        {"id": d.info.id, "title": d.info.title, "organisation": d.info.organisation, "region": d.info.region,
         "period_start": d.info.period_start, "period_end": d.info.period_end, "kind": d.info.kind,
         "languages": json.dumps(list(d.info.languages)), "file": d.info.file, "sha256": d.sha256, "pages": d.pages,
         "source_url": d.info.source_url, "error": d.error,
         "inferred": json.dumps(dict(inferred[d.info.id]), ensure_ascii=False, sort_keys=True) if inferred.get(d.info.id) else None}
        for d in docs
    )
    db["sections"].insert_all(
        (vars(s) for d in docs for s in sorted(d.sections, key=lambda s: s.ordinal)), batch_size=500
    )
    db["passages"].insert_all(
        (vars(p) for d in docs for p in sorted(d.passages, key=lambda p: p.ordinal)), batch_size=500
    )
    db["goals"].insert_all((vars(s) for d in docs for s in sorted(d.statements, key=lambda s: s.ordinal)), batch_size=500)
    db["evaluations"].insert_all(
        {"goal_id": e.goal_id, "achieved": e.achieved, "score": e.score, "assessment": e.assessment,
         "evaluation_set": e.evaluation_set, "group_name": e.group}
        for d in docs for e in sorted(d.evaluations, key=lambda e: e.goal_id)
    )
    db["targets"].insert_all(
        {"id": f"{t.goal_id}/t{i}", "goal_id": t.goal_id, "metric": t.metric, "comparison": t.comparison,
         "value": t.value, "unit": t.unit, "text": t.text}
        for d in docs for i, t in enumerate(d.targets, 1)
    )
    db["findings"].insert_all(
        {"id": f"{d.info.id}/f{i:03d}", "document_id": d.info.id, "kind": f.kind, "message": f.message, "page": f.page,
         "expected": f.expected, "found": f.found}
        for d in docs for i, f in enumerate(d.findings, 1)
    )
    db["removed_text"].insert_all(
        {"id": f"{d.info.id}/r{i:04d}", "document_id": d.info.id, "page": r.page, "kind": r.kind, "text": r.text}
        for d in docs for i, r in enumerate(d.removals, 1)
    )


def _link_finding_rows(findings: Iterable[Finding]) -> list[dict]:
    """The ``findings`` rows of linking, numbered per document (:func:`kb.update.link_finding_id`), so one
    document's numbers do not move with another document's findings of its own."""
    counts: Counter[Optional[str]] = Counter()
    rows = []
    for f in findings:
        counts[f.document_id] += 1
        rows.append({"id": link_finding_id(f.document_id, counts[f.document_id]), "document_id": f.document_id,
                     "kind": f.kind, "message": f.message, "page": f.page, "expected": f.expected, "found": f.found})
    return rows


def _corpus_rows(documents: Sequence[ExtractedDocument], links: Sequence[Link],
                 glossary: Sequence[GlossaryEntry]) -> dict[str, list[dict]]:
    """The rows of the tables the whole corpus makes: links, lineage, glossary, the findings of linking."""
    docs = sorted(documents, key=lambda d: d.info.id)
    candidates = getattr(links, "candidates", ())
    return {
        "links": list(_link_rows(links)),
        "lineage_status": lineage_status(docs, links, candidates),
        "lineage_candidates": list(_link_rows(candidates)),
        "findings": _link_finding_rows(getattr(links, "findings", ())),
        "glossary": [{"fi": e.fi, "sv": e.sv, "source": e.source, "pairs": e.pairs, "dice": e.dice}
                     for e in sorted(glossary, key=lambda e: (e.fi, e.sv))],
    }


def _link_rows(links: Sequence[Link]) -> Iterable[dict]:
    """Rows of the ``links`` (or ``lineage_candidates``) table, in id order."""
    return ({"id": l.id, "source_id": l.source_id, "target_id": l.target_id, "relation": l.relation, "score": l.score,
             "method": l.method, "evidence": l.evidence_json()} for l in sorted(links, key=lambda l: l.id))
