"""Statements that print one thing: parallel text, copies and the graph lineage walks over them.

``translation_of`` and ``same_as`` links (:mod:`link.parallel`) join the units
printing one thing in two languages or two places; a translation found only
between passages joins the statements printing them (:func:`passage_aliases`),
and a region's documents printing the same text join too (:func:`text_twins`).
Lineage carries a link over these (:mod:`link.continues`), and statements they
join should be of one kind (:mod:`link.kind_agreement`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

from extract.records import ExtractedDocument
from link.context import match_key
from link.records import Link

TRANSLATION_RELATIONS = ("translation_of", "same_as")
MAX_HOPS = 2


def passage_aliases(documents: Sequence[ExtractedDocument]) -> dict[str, str]:
    """Passage id → the statement of the same document printing the same text (matched by :func:`match_key`).

    Parallel text is aligned at every level; a translation found only between
    two passages (a slide's heading and its Swedish heading) still connects
    the statements they print.
    """
    aliases = {}
    for doc in documents:
        by_text: dict[str, str] = {}
        for s in sorted(doc.statements, key=lambda s: s.ordinal):
            by_text.setdefault(match_key(s.text), s.id)
        for p in doc.passages:
            if match_key(p.text) in by_text:
                aliases[p.id] = by_text[match_key(p.text)]
    return aliases


def text_twins(documents: Sequence[ExtractedDocument]) -> list[Link]:
    """``same_as`` edges between statements of one region's documents printing the same text.

    A deck that quotes its strategy word for word repeats even one-word values
    ("Likvärdigt"), which are too short for the parallel-text ``same_as``.
    """
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc in sorted(documents, key=lambda d: d.info.id):
        for s in doc.statements:
            groups[(doc.info.region, match_key(s.text))].append(s.id)
    return [Link(a, b, "same_as", 1.0, "text-twin", {}) for ids in groups.values() for a, b in zip(ids, ids[1:])]


def translation_graph(links: Iterable[Link], aliases: dict[str, str]) -> dict[str, list[tuple[str, float, str]]]:
    """Unit id → the units ``links`` translate or copy it into (through ``aliases``), with score and relation."""
    graph: dict[str, list[tuple[str, float, str]]] = defaultdict(list)
    for l in links:
        if l.relation in TRANSLATION_RELATIONS:
            source, target = aliases.get(l.source_id, l.source_id), aliases.get(l.target_id, l.target_id)
            graph[source].append((target, l.score, l.relation))
            graph[target].append((source, l.score, l.relation))
    return graph


def reach(graph: dict[str, list[tuple[str, float, str]]], start: str) -> dict[str, tuple[float, list[str]]]:
    """Nodes within :data:`MAX_HOPS` translation steps of ``start``: (weakest step score, path)."""
    found: dict[str, tuple[float, list[str]]] = {start: (1.0, [start])}
    frontier = [start]
    for _ in range(MAX_HOPS):
        nxt = []
        for node in frontier:
            score, path = found[node]
            for other, s, relation in sorted(graph.get(node, ())):
                if other not in found or min(score, s) > found[other][0]:
                    found[other] = (min(score, s), path + [f"{relation}:{other}"])
                    nxt.append(other)
        frontier = nxt
    del found[start]
    return found


def merged_translations(links: Iterable[Link], aliases: dict[str, str]) -> set[str]:
    """Units that translate two or more units of one document (a slide line printing two principles).

    Such a unit says more than either of its originals, so a link is not carried onto it.
    """
    sources: dict[str, set[str]] = defaultdict(set)
    for l in links:
        if l.relation == "translation_of":
            source = aliases.get(l.source_id, l.source_id)
            sources[aliases.get(l.target_id, l.target_id)].add(source)
    merged = set()
    for target, found in sources.items():
        per_doc: dict[str, int] = defaultdict(int)
        for sid in found:
            per_doc[sid.rsplit("/", 1)[0]] += 1
        if max(per_doc.values()) > 1:
            merged.add(target)
    return merged
