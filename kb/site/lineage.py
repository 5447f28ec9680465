"""A statement's lineage and the version comparison, read from the ``links`` table.

The lineage is a breadth-first walk over ``continues`` and ``evaluated_in``
links (and the translations of the units it reaches), in both directions, so it
shows where a statement came from and what it became, whichever way a link was
stored. The ``similar_to`` links of the units it reaches are shown but not
walked through: what another region does alike is not what became of this
statement. Each reached unit is placed earlier, beside or later than the start
by its document's period (an evaluation comes after the strategy of its period).
"""

from __future__ import annotations

import difflib
import sqlite3
from typing import Any

from kb.site.data import TRANSLATION_RELATIONS, Row, documents, end_of, evidence, link_rows, rows, unit

LINEAGE_RELATIONS = ("continues", "evaluated_in", "similar_to")
WALK_RELATIONS = LINEAGE_RELATIONS + TRANSLATION_RELATIONS
LEAF_RELATIONS = ("similar_to",)  # shown where the walk reaches them, never walked through
MAX_NODES = 60
# Statement kinds compared between strategy versions.
COMPARED_KINDS = ("mission", "vision", "value", "guideline", "aim", "principle", "goal", "promise", "impact", "target")


def walk(conn: sqlite3.Connection, start_id: str, max_nodes: int = MAX_NODES) -> dict[str, Any]:
    """The lineage around ``start_id``: the steps of the walk, and its units as graph nodes.

    >>> walk(conn, "luvn-strategia-2023-2025/g0015")["steps"][0]["relation"]
    'evaluated_in'

    :param start_id: a statement, passage or section id.
    :param max_nodes: stop reaching further units after this many.
    :returns: ``steps`` (one per link: ``from_id``, the link row, ``depth``,
        ``when``: earlier / beside / later) and ``nodes`` (id → id, document,
        kind, lang, text, page).
    """
    docs = documents(conn)
    start = rows(conn, "SELECT source_document AS d FROM link_texts WHERE source_id = ? UNION ALL "
                       "SELECT target_document FROM link_texts WHERE target_id = ? LIMIT 1", (start_id, start_id))
    start_order = docs[start[0]["d"]]["order"] if start and start[0]["d"] in docs else (0, False)
    nodes: dict[str, Row] = {}
    steps: list[Row] = []
    seen_links: set[tuple[str, str, str]] = set()
    expanded: set[str] = set()
    frontier, depth = [start_id], 0
    while frontier and len(nodes) < max_nodes:
        depth += 1
        expanded.update(frontier)
        reached: list[str] = []
        for unit_id in frontier:
            for link in link_rows(conn, unit_id, WALK_RELATIONS):
                key = (link["relation"], link["source_id"], link["target_id"])
                if key in seen_links:
                    continue
                seen_links.add(key)
                other = link["other"]
                doc = docs.get(other["document"] or "")
                order = doc["order"] if doc else start_order
                link.update(from_id=unit_id, depth=depth, change=link["evidence"].get("change"),
                            when="earlier" if order < start_order else "later" if order > start_order else "beside")
                steps.append(link)
                for end in ("source", "target"):
                    nodes.setdefault(link[f"{end}_id"], end_of(link, end))
                if link["relation"] not in LEAF_RELATIONS and other["id"] not in expanded and other["id"] not in reached:
                    reached.append(other["id"])
        frontier = reached
    order = {"earlier": 0, "beside": 1, "later": 2}
    steps.sort(key=lambda s: (order[s["when"]], s["depth"], s["relation"], s["other"]["id"]))
    return {"steps": steps, "nodes": nodes, "edges": [(s["source_id"], s["target_id"], s["relation"], s["score"]) for s in steps]}


def graph(conn: sqlite3.Connection, relations: tuple[str, ...] = LINEAGE_RELATIONS, limit: int = 400) -> dict[str, Any]:
    """Every link of ``relations`` between statements as graph ``nodes`` and ``edges`` (at most ``limit`` links)."""
    marks = ", ".join("?" for _ in relations)
    nodes: dict[str, Row] = {}
    edges = []
    for link in rows(conn, f"SELECT * FROM link_texts WHERE relation IN ({marks}) ORDER BY relation, source_id, target_id LIMIT ?",
                     (*relations, limit)):
        for end in ("source", "target"):
            nodes.setdefault(link[f"{end}_id"], end_of(link, end))
        edges.append((link["source_id"], link["target_id"], link["relation"], link["score"]))
    return {"nodes": nodes, "edges": edges}


def versions(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Per region with two strategy periods: the earlier period's statements against the later one's.

    ``changes``: the ``continues`` links between the two, each with its
    ``change`` (the lineage's classification in the link's evidence; else
    merged / split / kept / continued judged from the link counts);
    ``dropped``: earlier statements with no successor; ``new``: later
    statements with no origin (neither they nor their translations continue
    anything).
    """
    docs = documents(conn)
    out = []
    for region in sorted({d["region"] for d in docs.values()}):
        mine = [d for d in docs.values() if d["region"] == region and d["kind"] != "evaluation" and d["period_start"]]
        periods = sorted({d["period_start"] for d in mine})
        if len(periods) < 2:
            continue
        earlier = {d["id"] for d in mine if d["period_start"] == periods[0]}
        later = {d["id"] for d in mine if d["period_start"] == periods[-1]}
        changes = _changes(conn, earlier, later)
        continued = {c[side]["id"] for c in changes for side in ("earlier", "later")}
        continued |= _translations_of(conn, continued)
        out.append({
            "region": region,
            "earlier": [docs[i] for i in sorted(earlier)], "later": [docs[i] for i in sorted(later)],
            "changes": changes,
            "fates": fates(conn, earlier, changes),
            "dropped": _statements(conn, earlier, continued), "new": _statements(conn, later, continued),
        })
    return out


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A word-level diff of two texts: (``same`` / ``old`` / ``new``, words) runs in reading order.

    >>> word_diff("Palvelut paranevat.", "Palvelut paranevat nopeasti.")
    [('same', 'Palvelut'), ('old', 'paranevat.'), ('new', 'paranevat nopeasti.')]
    """
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("old", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("new", " ".join(b[j1:j2])))
    return out


def candidates_of(conn: sqlite3.Connection, unit_id: str) -> list[Row]:
    """The ``continues`` candidates under the threshold that touch ``unit_id`` (best first), with ``other`` set."""
    try:
        found = rows(conn, "SELECT * FROM lineage_candidates WHERE source_id = ? OR target_id = ? ORDER BY score DESC, id",
                     (unit_id, unit_id))
    except sqlite3.OperationalError:  # a database built before candidates were kept
        return []
    for row in found:
        other = row["target_id"] if row["source_id"] == unit_id else row["source_id"]
        row["other"] = unit(conn, other) or {"id": other, "text": other}
        row["evidence"] = evidence(row["evidence"])
    return found


def fates(conn: sqlite3.Connection, earlier: set[str], changes: list[Row]) -> list[Row]:
    """Every compared statement of the ``earlier`` documents with its fate, successors and candidates.

    ``fate``: continued (``successors``: its changes, each with a word ``diff``
    when both texts are in one language), possibly continued (``candidates``
    under the threshold, for a person to decide) or dropped.
    """
    by_source: dict[str, list[Row]] = {}
    for c in changes:
        if c["earlier"]["lang"] == c["later"]["lang"]:
            c["diff"] = word_diff(c["earlier"]["text"] or "", c["later"]["text"] or "")
        c["review"] = c["evidence"].get("review", {}).get("verdict")
        by_source.setdefault(c["earlier"]["id"], []).append(c)
    out = []
    for s in _statements(conn, earlier, set()):
        successors = by_source.get(s["id"], [])
        near = [] if successors else [c for c in candidates_of(conn, s["id"]) if c["source_id"] == s["id"]]
        fate = "continued" if successors else "possibly continued" if near else "dropped"
        out.append({"statement": s, "fate": fate, "successors": successors, "candidates": near})
    return out


def _changes(conn: sqlite3.Connection, earlier: set[str], later: set[str]) -> list[Row]:
    changes = []
    for link in rows(conn, "SELECT * FROM link_texts WHERE relation = 'continues' ORDER BY source_id, target_id"):
        ends = {link["source_document"]: "source", link["target_document"]: "target"}
        old = next((ends[d] for d in ends if d in earlier), None)
        new = next((ends[d] for d in ends if d in later), None)
        if not old or not new or old == new:
            continue
        changes.append({"earlier": end_of(link, old), "later": end_of(link, new), "score": link["score"], "method": link["method"],
                        "change": (proof := evidence(link["evidence"])).get("change"), "evidence": proof})
    for change in changes:
        if not change["change"]:
            change["change"] = _judged(change, changes)
    return sorted(changes, key=lambda c: (c["earlier"]["document"], c["earlier"]["id"], c["later"]["id"]))


def _judged(change: Row, changes: list[Row]) -> str:
    """merged / split / kept / continued from how many links share this link's ends."""
    if sum(c["later"]["id"] == change["later"]["id"] for c in changes) > 1:
        return "merged"
    if sum(c["earlier"]["id"] == change["earlier"]["id"] for c in changes) > 1:
        return "split"
    return "kept" if (change["earlier"]["text"] or "").strip() == (change["later"]["text"] or "").strip() else "continued"


def _translations_of(conn: sqlite3.Connection, ids: set[str]) -> set[str]:
    """Units that translate (or repeat) one of ``ids``."""
    out = set()
    for unit_id in sorted(ids):
        out.update(link["other"]["id"] for link in link_rows(conn, unit_id, TRANSLATION_RELATIONS))
    return out


def _statements(conn: sqlite3.Connection, document_ids: set[str], exclude: set[str]) -> list[Row]:
    marks = ", ".join("?" for _ in document_ids)
    kinds = ", ".join("?" for _ in COMPARED_KINDS)
    found = rows(conn, f"SELECT id, document_id, kind, lang, text, page FROM goals WHERE document_id IN ({marks})"
                       f" AND kind IN ({kinds}) ORDER BY document_id, ordinal", (*sorted(document_ids), *COMPARED_KINDS))
    return [s for s in found if s["id"] not in exclude]
