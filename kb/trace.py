"""``trace`` and ``lineage`` in the terminal: find a statement, print its lineage as a tree.

A statement is found by its id, or by text with Finnish and Swedish
inflection tolerated: every word of the query is compared as itself and as
its lemmas (:func:`kb.search.query_forms`) with the lemmas of each
statement (the ``lemmas`` column the build writes, or computed here when
the database has none), so ``omalääkärin`` finds "Jokaiselle omalääkäri" and
``tjänsterna`` finds "tjänster"; a word inside a compound counts half.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from extract.nlp import lemma_text
from kb.search import query_forms, query_words
from link.lineage_queries import Step

if TYPE_CHECKING:
    import networkx as nx  # the graphs come from link.graph, which imports it

MAX_TEXT = 90
MIN_PART = 5  # shortest word counted as part of a compound


def _statement_words(row: sqlite3.Row, has_lemmas: bool) -> set[str]:
    lemmas = row["lemmas"] if has_lemmas and row["lemmas"] else lemma_text(row["text"], row["lang"] or "fi")
    return set(lemmas.split()) | {w.lower() for w in query_words(row["text"])}


def _word_match(forms: set[str], found: set[str]) -> float:
    """1 when a form of the query word is among the statement's words; when one is part of the other
    (a compound: ``mielenterveys`` in ``mielenterveyspalvelu``) the share of the longer word it covers,
    at most 0.9; else 0."""
    if forms & found:
        return 1.0
    best = 0.0
    for f in (f for f in forms if len(f) >= MIN_PART):
        for w in (w for w in found if len(w) >= MIN_PART):
            if w in f or f in w:
                best = max(best, min(len(w), len(f)) / max(len(w), len(f)))
    return min(best, 0.9)


def find_statements(db_path: str | Path, text_or_id: str, limit: int = 3) -> list[str]:
    """Ids of the statements ``text_or_id`` names: the id itself, or the best text matches (≥ half the words)."""
    conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        if conn.execute("SELECT 1 FROM goals WHERE id = ?", (text_or_id,)).fetchone():
            return [text_or_id]
        words = [set(query_forms(w)) for w in query_words(text_or_id)]
        if not words:
            return []
        has_lemmas = any(r["name"] == "lemmas" for r in conn.execute("PRAGMA table_info(goals)"))
        scored = []
        for row in conn.execute(f"SELECT id, text, lang{', lemmas' if has_lemmas else ''} FROM goals ORDER BY id"):
            found = _statement_words(row, has_lemmas)
            share = sum(_word_match(forms, found) for forms in words) / len(words)
            if share >= 0.5:
                scored.append((-share, len(row["text"]), row["id"]))
    finally:
        conn.close()
    return [sid for _, _, sid in sorted(scored)[:limit]]


def describe(g: nx.MultiDiGraph, node: str) -> str:
    """One line about a node: id, [kind, language, page, document], text (shortened)."""
    d = g.nodes[node] if node in g else {}
    text = " ".join(str(d.get("text") or d.get("heading") or "").split())
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1] + "…"
    kind = d.get("kind") or d.get("type", "?")
    number = f" {d['number']}" if d.get("number") else ""
    return f"{node}  [{kind}{number}, {d.get('lang', '?')}, p. {d.get('page') or '?'}]  {text}"


def _evaluation(d: dict[str, Any]) -> Optional[str]:
    if d.get("achieved") is None and d.get("evaluation_score") is None:
        return None
    return f"evaluation: achieved {d.get('achieved', '?')}, score {d.get('evaluation_score', '?')}"


def _status(d: dict[str, Any]) -> str:
    parts = [f"{k} {d[k]}" for k in ("fate", "origin") if d.get(k)]
    return f"  ({', '.join(parts)})" if parts else ""


def render(g: nx.MultiDiGraph, root: Step) -> list[str]:
    """The lineage tree as text lines: each step shows direction, relation, score, change, language and page."""
    lines = [describe(g, root.node) + _status(g.nodes[root.node])]
    evaluation = _evaluation(g.nodes[root.node])
    if evaluation:
        lines.append(f"    {evaluation}")
    _render_children(g, root, "", lines)
    return lines


def _render_children(g: nx.MultiDiGraph, step: Step, prefix: str, lines: list[str]) -> None:
    for i, child in enumerate(step.children):
        last = i == len(step.children) - 1
        arrow = "→" if child.forward else "←"
        score = f"{child.score:.2f}" if child.score is not None else "?"
        change = f", {child.change}" if child.change else ""
        change += f", {child.review} by a person" if child.review else ""
        d = g.nodes[child.node]
        lines.append(f"{prefix}{'└─' if last else '├─'} {arrow} {child.relation} ({score}{change})  "
                     f"{describe(g, child.node)}{_status(d)}")
        inner = prefix + ("   " if last else "│  ")
        evaluation = _evaluation(d)
        if evaluation:
            lines.append(f"{inner}   {evaluation}")
        _render_children(g, child, inner, lines)


def candidate_lines(db_path: str | Path, node: str) -> list[str]:
    """"possibly …" lines for the ``continues`` candidates under the threshold that touch ``node`` (best first)."""
    conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
    try:
        found = conn.execute(
            "SELECT c.source_id, c.target_id, c.score, g.text FROM lineage_candidates c"
            " LEFT JOIN goals g ON g.id = CASE WHEN c.source_id = ? THEN c.target_id ELSE c.source_id END"
            " WHERE c.source_id = ? OR c.target_id = ? ORDER BY c.score DESC, c.id", (node, node, node)).fetchall()
    except sqlite3.OperationalError:  # a database built before candidates were kept
        return []
    finally:
        conn.close()
    lines = []
    for source, target, score, text in found:
        other, word = (target, "possibly continues in") if source == node else (source, "possibly continues")
        text = " ".join((text or "").split())
        lines.append(f"    {word} ({score:.2f}, under the threshold)  {other}  {text[:MAX_TEXT]}")
    return lines
