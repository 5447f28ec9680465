"""The auditor's questions, asked of the knowledge-base graph (:func:`link.graph.load_graph`).

- :func:`lineage`: a statement's ancestors and descendants across versions and
  languages, as a tree following ``continues``, ``translation_of``,
  ``same_as`` and ``evaluated_in`` in either direction;
- :func:`dropped` / :func:`new`: earlier statements with no successor, later
  statements with no origin;
- :func:`low_scores`: goals evaluated at or below a score and what became of them;
- :func:`region_matches`: the strongest ``similar_to`` links across regions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    import networkx as nx  # the graphs come from link.graph, which imports it

LINEAGE_RELATIONS = ("continues", "evaluated_in", "translation_of", "same_as")


@dataclass
class Step:
    """One node of a lineage tree and the link that reached it from its parent step."""

    node: str
    relation: Optional[str] = None  # None for the root
    forward: bool = True  # True: parent → node follows the link's direction
    score: Optional[float] = None
    change: Optional[str] = None
    children: list["Step"] = field(default_factory=list)
    review: Optional[str] = None  # "confirmed" when a person confirmed the link (corpus/links.toml)


def _lineage_edges(g: nx.MultiDiGraph, node: str) -> list[tuple[str, str, bool, dict[str, Any]]]:
    out = []
    for _, other, relation, data in g.out_edges(node, keys=True, data=True):
        if relation in LINEAGE_RELATIONS:
            out.append((other, relation, True, data))
    for other, _, relation, data in g.in_edges(node, keys=True, data=True):
        if relation in LINEAGE_RELATIONS:
            out.append((other, relation, False, data))
    order = {r: i for i, r in enumerate(LINEAGE_RELATIONS)}
    return sorted(out, key=lambda e: (order[e[1]], not e[2], e[0]))


def _evidence(data: dict[str, Any]) -> dict[str, Any]:
    evidence = data.get("evidence")
    if isinstance(evidence, str) and evidence.startswith("{"):
        return json.loads(evidence)
    return evidence if isinstance(evidence, dict) else {}


def _change(data: dict[str, Any]) -> Optional[str]:
    return _evidence(data).get("change")


def lineage(g: nx.MultiDiGraph, node: str) -> Step:
    """The lineage tree of ``node``: every statement reachable over lineage relations, each once.

    Breadth-first, so each statement hangs under the nearest step that reaches it.
    """
    root = Step(node)
    seen = {node}
    frontier = [root]
    while frontier:
        nxt = []
        for step in frontier:
            for other, relation, forward, data in _lineage_edges(g, step.node):
                if other in seen:
                    continue
                seen.add(other)
                child = Step(other, relation, forward, data.get("score"), _change(data),
                             review=(_evidence(data).get("review") or {}).get("verdict"))
                step.children.append(child)
                nxt.append(child)
        frontier = nxt
    return root


def _statements(g: nx.MultiDiGraph, **attrs: Any) -> list[str]:
    return sorted(n for n, d in g.nodes(data=True)
                  if d.get("type") == "statement" and all(d.get(k) == v for k, v in attrs.items()))


def dropped(g: nx.MultiDiGraph, kind: Optional[str] = "goal") -> list[str]:
    """Earlier statements (of ``kind``; any kind when None) that no later strategy continues."""
    return [n for n in _statements(g, fate="dropped") if kind is None or g.nodes[n].get("kind") == kind]


def new(g: nx.MultiDiGraph, kind: Optional[str] = None) -> list[str]:
    """Later statements (of ``kind``; any kind when None) that continue nothing earlier."""
    return [n for n in _statements(g, origin="new") if kind is None or g.nodes[n].get("kind") == kind]


def successors(g: nx.MultiDiGraph, node: str) -> list[tuple[str, float, Optional[str]]]:
    """(successor, score, change) of every ``continues`` link leaving ``node``."""
    return sorted((t, d.get("score"), _change(d)) for _, t, k, d in g.out_edges(node, keys=True, data=True)
                  if k == "continues")


def low_scores(g: nx.MultiDiGraph, max_score: int = 2) -> list[dict[str, Any]]:
    """Strategy goals whose evaluation scored ≤ ``max_score``, with their evaluation and successors."""
    out = []
    for row in _statements(g):
        data = g.nodes[row]
        score = data.get("evaluation_score")
        if score is None or int(score) > max_score:
            continue
        goals = sorted(s for s, _, k in g.in_edges(row, keys=True) if k == "evaluated_in")
        for goal in goals or [row]:
            out.append({"goal": goal, "evaluation": row, "score": int(score), "achieved": data.get("achieved"),
                        "fate": g.nodes[goal].get("fate"), "successors": successors(g, goal)})
    return sorted(out, key=lambda r: (r["score"], r["goal"]))


def region_matches(g: nx.MultiDiGraph, limit: int = 20) -> list[tuple[str, str, float]]:
    """The strongest ``similar_to`` links: (source, target, score), best first."""
    edges = [(s, t, d.get("score", 0.0)) for s, t, k, d in g.edges(keys=True, data=True) if k == "similar_to"]
    return sorted(edges, key=lambda e: (-e[2], e[0], e[1]))[:limit]
