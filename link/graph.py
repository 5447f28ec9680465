"""The knowledge base as a networkx graph: documents, sections, statements and every relation.

:func:`load_graph` reads the database (never the extraction records), so the
graph always shows what was built. Nodes carry a ``type`` (document, section,
statement, passage) and their columns; a statement also carries its
evaluation (``achieved``, ``score``) and its lineage status (``fate`` of an
earlier statement, ``origin`` of a later one) when the database has them.
Edges are keyed by relation: ``contains`` (document → section → statement),
``part_of`` (a statement → its parent statement) and every row of ``links``
(with ``score``, ``method`` and ``evidence`` as JSON text).
:func:`write_graph` exports GraphML or node-link JSON.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    import networkx as nx


FORMATS = ("graphml", "json")


def _rows(conn: sqlite3.Connection, sql: str) -> Iterable[dict[str, Any]]:
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    return (dict(zip(names, row)) for row in cursor)


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None}


def load_graph(db_path: str | Path) -> nx.MultiDiGraph:
    """The MultiDiGraph of a built knowledge base (opened read-only)."""
    conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
    try:
        return _graph(conn)
    finally:
        conn.close()


def _graph(conn: sqlite3.Connection) -> nx.MultiDiGraph:
    import networkx as nx  # imported where a graph is made, written or read: a build never needs it

    g = nx.MultiDiGraph()
    for d in _rows(conn, "SELECT id, title, organisation, region, period_start, period_end, kind, languages "
                         "FROM documents ORDER BY id"):
        g.add_node(d.pop("id"), type="document", **_clean(d))
    for s in _rows(conn, "SELECT id, document_id, parent_id, level, heading, lang, page_start, page_end "
                         "FROM sections ORDER BY id"):
        g.add_node(s["id"], type="section", **_clean({k: v for k, v in s.items() if k not in ("id", "parent_id")}))
        g.add_edge(s["parent_id"] or s["document_id"], s["id"], key="contains", relation="contains")
    statuses = {}
    if _has_table(conn, "lineage_status"):
        for r in _rows(conn, "SELECT statement_id, role, status FROM lineage_status"):
            statuses.setdefault(r["statement_id"], {})["fate" if r["role"] == "earlier" else "origin"] = r["status"]
    for s in _rows(conn, "SELECT g.id, g.document_id, g.section_id, g.parent_id, g.kind, g.number, g.text, g.lang, "
                         "g.page, e.achieved, e.score AS evaluation_score FROM goals g "
                         "LEFT JOIN evaluations e ON e.goal_id = g.id ORDER BY g.id"):
        attrs = {k: v for k, v in s.items() if k not in ("id", "parent_id")}
        g.add_node(s["id"], type="statement", **_clean(attrs), **statuses.get(s["id"], {}))
        g.add_edge(s["section_id"] or s["document_id"], s["id"], key="contains", relation="contains")
        if s["parent_id"]:
            g.add_edge(s["id"], s["parent_id"], key="part_of", relation="part_of")
    links = list(_rows(conn, "SELECT id, source_id, target_id, relation, score, method, evidence FROM links ORDER BY id"))
    _add_passages(conn, g, {end for l in links for end in (l["source_id"], l["target_id"]) if end not in g})
    for l in links:
        g.add_edge(l["source_id"], l["target_id"], key=l["relation"], **_clean(l))
    return g


def _add_passages(conn: sqlite3.Connection, g: nx.MultiDiGraph, ids: set[str]) -> None:
    """Passages that links point to become nodes too (placed under their section)."""
    if not ids or not _has_table(conn, "passages"):
        return
    for p in _rows(conn, "SELECT id, document_id, section_id, role, text, lang, page FROM passages ORDER BY id"):
        if p["id"] in ids:
            g.add_node(p["id"], type="passage", **_clean({k: v for k, v in p.items() if k != "id"}))
            g.add_edge(p["section_id"] or p["document_id"], p["id"], key="contains", relation="contains")


def write_graph(g: nx.MultiDiGraph, out: str | Path, fmt: str) -> Path:
    """Write ``g`` as GraphML (``fmt="graphml"``) or node-link JSON (``fmt="json"``) and return the path.

    :raises ValueError: for another format
    """
    import networkx as nx

    path = Path(out)
    if fmt == "graphml":
        nx.write_graphml(g, path)
    elif fmt == "json":
        data = nx.node_link_data(g, edges="links")
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    else:
        raise ValueError(f"unknown graph format {fmt!r}; known: {', '.join(FORMATS)}")
    return path


def read_graph(path: str | Path, fmt: str) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_graph` back."""
    import networkx as nx

    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
