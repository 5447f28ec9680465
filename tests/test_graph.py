"""The knowledge-base graph: built from the database, exported and read back, and the lineage queries."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kb.cli import main
from link.graph import load_graph, read_graph, write_graph
from link.lineage_queries import dropped, lineage, low_scores, new, region_matches


@pytest.fixture(scope="module")
def db(corpus_db):
    return corpus_db


@pytest.fixture(scope="module")
def graph(db):
    return load_graph(db)


def _statement(g, document, text):
    return next(n for n, d in g.nodes(data=True) if d.get("document_id") == document and d.get("text") == text)


def test_graph_holds_documents_sections_statements_and_every_link(graph, db):
    import sqlite3

    with sqlite3.connect(db) as conn:
        links = conn.execute("SELECT count(*) FROM links").fetchone()[0]
        goals = conn.execute("SELECT count(*) FROM goals").fetchone()[0]
    types = [d["type"] for _, d in graph.nodes(data=True)]
    assert types.count("document") == 5 and types.count("statement") == goals and "section" in types
    relations = [k for _, _, k in graph.edges(keys=True)]
    assert sum(1 for r in relations if r not in ("contains", "part_of")) == links
    assert {"evaluated_in", "continues", "similar_to", "contains", "part_of"} <= set(relations)


@pytest.mark.parametrize("fmt", ["graphml", "json"])
def test_export_round_trip(graph, tmp_path, fmt):
    path = write_graph(graph, tmp_path / f"kb.{fmt}", fmt)
    back = read_graph(path, fmt)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    edge = next((s, t, k) for s, t, k in graph.edges(keys=True) if k == "continues")
    assert back.has_edge(*edge)
    assert back.nodes[edge[0]]["text"] == graph.nodes[edge[0]]["text"]


def test_graph_command_writes_both_formats(db, tmp_path):
    for fmt in ("graphml", "json"):
        out = tmp_path / f"g.{fmt}"
        result = CliRunner().invoke(main, ["graph", "--db", str(db), "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 10_000


def test_lineage_of_a_2023_goal_reaches_its_evaluation_and_successor(graph):
    goal = _statement(graph, "luvn-strategia-2023-2025",
                      "Hyvinvointialue on edelläkävijä digitaalisten sovellusten ja teknologian hyödyntämisessä. "
                      "Vuonna 2023 laaditaan digipalvelujen tiekartta.")
    tree = lineage(graph, goal)
    steps = {(c.relation, c.forward): c for c in tree.children}
    assert ("evaluated_in", True) in steps and ("continues", True) in steps
    evaluation = graph.nodes[steps[("evaluated_in", True)].node]
    assert evaluation["achieved"] in ("yes", "partial", "no") and 1 <= evaluation["evaluation_score"] <= 5
    successor = graph.nodes[steps[("continues", True)].node]
    assert successor["document_id"].startswith("luvn-") and "2023" not in successor["document_id"]


def test_lineage_of_a_2026_statement_goes_back_to_2023(graph):
    value = _statement(graph, "luvn-vammaisneuvosto-2025-dia", "Vastuullisesti")
    tree = lineage(graph, value)
    back = [c for c in tree.children if c.relation == "continues" and not c.forward]
    assert [graph.nodes[c.node]["document_id"] for c in back] == ["luvn-strategia-2023-2025"]
    assert any(graph.nodes[n]["lang"] == "sv" for n in _nodes(tree))


def _nodes(step):
    yield step.node
    for child in step.children:
        yield from _nodes(child)


def test_questions_dropped_new_low_scores_and_regions(graph):
    gone = dropped(graph)
    assert gone and all(graph.nodes[n]["kind"] == "goal" and graph.nodes[n]["fate"] == "dropped" for n in gone)
    assert all(not [k for _, _, k in graph.out_edges(n, keys=True) if k == "continues"] for n in gone)
    fresh = new(graph)
    assert fresh and all(graph.nodes[n]["origin"] == "new" for n in fresh)
    assert low_scores(graph, 2) == []  # the 2023–2025 evaluation scored no goal below 3
    low = low_scores(graph, 3)
    assert low and all(r["score"] <= 3 for r in low)
    linked = [r for r in low if r["goal"] != r["evaluation"]]
    assert linked and all(r["goal"].startswith("luvn-strategia-2023-2025/") for r in linked)
    assert all(r["fate"] in ("continued", "possibly continued", "dropped") for r in linked)
    matches = region_matches(graph)
    assert matches and matches == sorted(matches, key=lambda m: -m[2])
    assert all(graph.nodes[s]["document_id"] != graph.nodes[t]["document_id"] for s, t, _ in matches)


@pytest.mark.parametrize("question", ["orphans", "new", "low-scores", "regions"])
def test_lineage_command_answers(db, question):
    result = CliRunner().invoke(main, ["lineage", question, "--db", str(db), "--max-score", "3"])
    assert result.exit_code == 0, result.output
    assert "[" in result.output and "p. " in result.output
