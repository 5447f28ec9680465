"""The Swedish strategy 2026–2029 (001) against its hand-read structure gold."""

from __future__ import annotations

from conftest import load_jsonl
from gold_scoring import parent_errors, structure_scores

SOURCE = "001_a8cff20e7dabf1ab.txt"


def _gold() -> list[dict]:
    return [row for row in load_jsonl("structure_001_sv.jsonl") if row["source"] == SOURCE]


def test_structure_of_the_swedish_strategy_matches_gold(corpus_documents, capsys):
    scores = structure_scores(_gold(), corpus_documents[SOURCE].statements)
    lines = [f"001 {kind:10s} gold {n:3d}  P {p:.2f}  R {r:.2f}  F1 {f:.2f}" for kind, (n, p, r, f) in scores.items()]
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert scores["overall"][3] >= 0.95, scores["overall"]


def test_goals_actions_and_results_have_their_gold_parents(corpus_documents):
    errors = parent_errors(_gold(), corpus_documents[SOURCE].statements, {"goal", "action", "result"})
    assert not errors, "\n".join(errors)
