"""Scoring extracted statements against a gold file (matched on normalised text)."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from extract.clean.normalize import match_key
from extract.records import Statement


def prf(gold: set, found: set) -> tuple[float, float, float]:
    """Precision, recall and F1 of a found set against a gold set."""
    tp = len(gold & found)
    p = tp / len(found) if found else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def keyed_by_kind(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """``(kind, text)`` pairs as match keys grouped by kind."""
    out: dict[str, set[str]] = defaultdict(set)
    for kind, text in pairs:
        out[kind].add(match_key(text))
    return out


def structure_scores(gold_rows: list[dict], statements: list[Statement]) -> dict[str, tuple[int, float, float, float]]:
    """Per kind and ``"overall"``: (gold count, P, R, F1).

    Every extracted kind counts, also kinds the gold has none of (their items
    are false positives), and a statement counts once however often it occurs.
    """
    gold = keyed_by_kind((r["kind"], r["text"]) for r in gold_rows)
    found = keyed_by_kind((s.kind, s.text) for s in statements)
    scores = {kind: (len(gold[kind]), *prf(gold[kind], found[kind])) for kind in sorted(set(gold) | set(found))}
    all_gold = {(k, t) for k, texts in gold.items() for t in texts}
    all_found = {(k, t) for k, texts in found.items() for t in texts}
    scores["overall"] = (len(all_gold), *prf(all_gold, all_found))
    return scores


def parent_errors(gold_rows: list[dict], statements: list[Statement], kinds: set[str]) -> list[str]:
    """Gold items of ``kinds`` that were not found with the gold parent (one line each)."""
    texts = {s.id: s.text for s in statements}
    parents: dict[tuple[str, str], set[str | None]] = defaultdict(set)
    for s in statements:
        parent = match_key(texts[s.parent_id]) if s.parent_id in texts else None
        parents[(s.kind, match_key(s.text))].add(parent)
    errors = []
    for row in gold_rows:
        if row["kind"] not in kinds:
            continue
        want = match_key(row["parent"]) if row["parent"] else None
        got = parents.get((row["kind"], match_key(row["text"])))
        if got is None:
            errors.append(f"{row['kind']} not found: {row['text'][:60]}")
        elif want not in got:
            errors.append(f"{row['kind']} parent {sorted(map(str, got))} != {want!r}: {row['text'][:60]}")
    return errors
