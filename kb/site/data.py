"""What the site's pages show, read from the knowledge base with plain ``sqlite3``.

Every function takes an open connection and returns plain dicts and lists, so
the Datasette plugin can run it through ``Database.execute_fn`` and the tests
can call it on a small database of their own. Nothing here builds HTML (the
search and its marked excerpts are in :mod:`kb.site.fulltext`).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Iterable, Optional

Row = dict[str, Any]
TRANSLATION_RELATIONS = ("translation_of", "same_as")
# A unit is a statement, a passage or a section; each query gives the same columns.
_UNIT_QUERIES = (
    "SELECT id, document_id, kind, lang, text, page, number, section_id FROM goals WHERE id = ?",
    "SELECT id, document_id, role AS kind, lang, text, page, number, section_id FROM passages WHERE id = ?",
    "SELECT id, document_id, 'section' AS kind, lang, trim(heading || char(10) || text) AS text, page_start AS page,"
    " NULL AS number, parent_id AS section_id FROM sections WHERE id = ?",
)


def rows(conn: sqlite3.Connection, sql: str, params: Iterable[Any] = ()) -> list[Row]:
    """The rows of ``sql`` as dicts keyed by column name."""
    cursor = conn.execute(sql, tuple(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]


def documents(conn: sqlite3.Connection) -> dict[str, Row]:
    """Every document by id, with ``languages`` and ``inferred`` decoded and ``order`` (period, evaluations after strategies)."""
    out = {}
    for doc in rows(conn, "SELECT * FROM documents ORDER BY id"):
        doc["languages"] = json.loads(doc["languages"] or "[]")
        doc["inferred"] = json.loads(doc.get("inferred") or "{}")  # fields `strategy-kb add` inferred, with origins
        doc["order"] = (doc["period_start"] or 0, doc["kind"] == "evaluation")
        out[doc["id"]] = doc
    return out


def unit(conn: sqlite3.Connection, unit_id: str) -> Optional[Row]:
    """The statement, passage or section with ``unit_id`` (goals first), or None."""
    for sql in _UNIT_QUERIES:
        found = rows(conn, sql, (unit_id,))
        if found:
            return found[0]
    return None


def end_of(link: Row, end: str) -> Row:
    """One end ("source" or "target") of a ``link_texts`` row as a unit: id, document, kind, lang, text, page."""
    return {key: link[f"{end}_{key}"] for key in ("id", "document", "kind", "lang", "text", "page")}


def evidence(text: Optional[str]) -> dict[str, Any]:
    """A link's evidence JSON as a dict (an unreadable value is kept under ``raw``)."""
    try:
        value = json.loads(text or "{}")
    except json.JSONDecodeError:
        return {"raw": text}
    return value if isinstance(value, dict) else {"value": value}


def evidence_text(value: Any) -> str:
    """One evidence value as text: a flat list joined by commas, anything nested as JSON."""
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v) for v in value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def link_rows(conn: sqlite3.Connection, unit_id: str, relations: Iterable[str]) -> list[Row]:
    """Rows of ``link_texts`` touching ``unit_id`` in ``relations``, with ``other`` and ``outgoing`` set."""
    relations = tuple(relations)
    marks = ", ".join("?" for _ in relations)
    found = rows(
        conn,
        f"SELECT * FROM link_texts WHERE (source_id = ? OR target_id = ?) AND relation IN ({marks})"
        " ORDER BY relation, score DESC, source_id, target_id",
        (unit_id, unit_id, *relations),
    )
    for row in found:
        row["outgoing"] = row["source_id"] == unit_id
        side = "target" if row["outgoing"] else "source"
        row["other"] = end_of(row, side)
        row["evidence"] = evidence(row["evidence"])
    return found


def evaluations_of(conn: sqlite3.Connection, unit_id: str) -> list[Row]:
    """The evaluation rows that judge ``unit_id``: its own, and those of the rows it is ``evaluated_in``."""
    own = rows(conn, "SELECT e.*, ? AS row_id, NULL AS row_text FROM evaluations e WHERE goal_id = ?", (unit_id, unit_id))
    linked = rows(
        conn,
        "SELECT e.*, l.target_id AS row_id, g.text AS row_text, l.score AS link_score FROM links l"
        " JOIN evaluations e ON e.goal_id = l.target_id LEFT JOIN goals g ON g.id = l.target_id"
        " WHERE l.relation = 'evaluated_in' AND l.source_id = ? ORDER BY l.target_id",
        (unit_id,),
    )
    return own + linked


def bilingual_documents(conn: sqlite3.Connection) -> list[Row]:
    """Documents that hold both Finnish and Swedish text (by manifest or by detected language)."""
    return rows(
        conn,
        "SELECT d.id, d.title, d.period_start, d.period_end FROM documents d WHERE d.languages LIKE '%\"sv\"%' AND"
        " d.languages LIKE '%\"fi\"%' OR (EXISTS (SELECT 1 FROM passages p WHERE p.document_id = d.id AND p.lang = 'fi')"
        " AND EXISTS (SELECT 1 FROM passages p WHERE p.document_id = d.id AND p.lang = 'sv')) ORDER BY d.id",
    )


def bilingual(conn: sqlite3.Connection, document_id: str) -> dict[str, Any]:
    """A document's Finnish and Swedish text side by side.

    ``pairs``: its ``translation_of`` links between units of this document,
    Finnish on the left, in page order. ``pages``: every page's Finnish and
    Swedish passages, for reading what no link pairs.
    """
    pairs = []
    for row in rows(
        conn,
        "SELECT * FROM link_texts WHERE relation = 'translation_of' AND source_document = ? AND target_document = ?"
        " ORDER BY min(coalesce(source_page, 1e9), coalesce(target_page, 1e9)), source_id",
        (document_id, document_id),
    ):
        left, right = ("source", "target") if row["source_lang"] != "sv" else ("target", "source")
        pairs.append({"score": row["score"], "method": row["method"], "evidence": evidence(row["evidence"]),
                      "fi": end_of(row, left), "sv": end_of(row, right)})
    pages: dict[Any, dict[str, list[Row]]] = {}
    for passage in rows(
        conn, "SELECT id, role, text, lang, page FROM passages WHERE document_id = ? AND lang IN ('fi', 'sv')"
        " ORDER BY coalesce(page, 1e9), ordinal", (document_id,)
    ):
        pages.setdefault(passage["page"], {"fi": [], "sv": []})[passage["lang"]].append(passage)
    return {"pairs": pairs, "pages": pages}


def regions(conn: sqlite3.Connection) -> dict[str, Any]:
    """``similar_to`` links between documents of different regions, the better-documented region on the left."""
    docs = documents(conn)
    counts: dict[str, int] = {}
    for doc in docs.values():
        counts[doc["region"]] = counts.get(doc["region"], 0) + 1
    rank = {region: i for i, region in enumerate(sorted(counts, key=lambda r: (-counts[r], r)))}
    matches = []
    for row in rows(conn, "SELECT * FROM link_texts WHERE relation = 'similar_to' ORDER BY score DESC, source_id, target_id"):
        source, target = docs.get(row["source_document"]), docs.get(row["target_document"])
        if not source or not target or source["region"] == target["region"]:
            continue
        sides = [("source", source), ("target", target)]
        sides.sort(key=lambda side: rank[side[1]["region"]])
        matches.append({
            "score": row["score"], "method": row["method"], "evidence": evidence(row["evidence"]),
            "sides": [{**end_of(row, end), "document": doc} for end, doc in sides],
        })
    return {"regions": sorted(counts, key=rank.get), "matches": matches}


def fate(conn: sqlite3.Connection, unit_id: str) -> Optional[str]:
    """The statement's lineage status (continued, possibly continued, dropped / continues, possibly from, new), or None."""
    found = rows(conn, "SELECT role, status FROM lineage_status WHERE statement_id = ? ORDER BY role", (unit_id,))
    return "; ".join(r["status"] for r in found) or None


def findings(conn: sqlite3.Connection) -> list[Row]:
    """Every finding with its document's title, by document and id."""
    return rows(
        conn,
        "SELECT f.*, d.title AS document_title FROM findings f LEFT JOIN documents d ON d.id = f.document_id"
        " ORDER BY f.document_id, f.id",
    )


def score_groups(conn: sqlite3.Connection) -> list[Row]:
    """Evaluation scores per group (evaluation set and group name): count, mean score and verdicts."""
    return rows(
        conn,
        "SELECT evaluation_set, group_name, count(*) AS goals, avg(score) AS mean_score,"
        " sum(achieved = 'yes') AS yes, sum(achieved = 'partial') AS partial, sum(achieved = 'no') AS no"
        " FROM evaluations GROUP BY evaluation_set, group_name ORDER BY evaluation_set, min(goal_id)",
    )
