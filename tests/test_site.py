"""The Datasette site over HTTP: lemma search, canned queries, statement pages, immutability, escaping.

The server is the real ``strategy-kb serve`` on a free loopback port
(``site_url`` in ``site_server.py``); expectations are computed from the same
database with plain SQL, so they hold whichever links the linking stage adds.
"""

from __future__ import annotations

import json
import re
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest
import sqlite_utils
import yaml

from kb.build import LINK_TEXTS_VIEW
from kb.search import lemma_query
from kb.site import METADATA, lineage, statement_url, svg
from site_server import HOSTILE_ID, HOSTILE_TEXT, goal_id

EVALUATED = "Asiakkaiden tyytyväisyys palveluihin ja niiden saatavuuteen paranee"
PALVELUJEN = ("keusote-strategia-2023-2025", "Palvelujen saatavuus, vaikuttavuus ja laatu paranevat")
CANNED = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["strategies"]["queries"]
TJANSTER = ("luvn-strategi-2026-2029-sv", "Utökade primära tjänster för barn och unga")


def get(url: str, **params: str) -> str:
    """The body of a GET request (query parameters encoded)."""
    query = "?" + urllib.parse.urlencode(params) if params else ""
    with urllib.request.urlopen(url + query, timeout=120) as response:
        return response.read().decode("utf-8")


def get_json(url: str, **params: str) -> list[dict]:
    """A Datasette JSON endpoint's rows as dicts."""
    return json.loads(get(url, _shape="array", **params))


@pytest.fixture(scope="module")
def db(site_db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{site_db}?mode=ro", uri=True)
    yield conn
    conn.close()


@pytest.mark.parametrize(("table", "query", "inflected"), [
    ("goals", "hyvinvointialue", "hyvinvointialueen"),
    ("goals", "palvelu", "palveluja"),
    ("goals", "tjänst", "tjänsterna"),
    ("sections", "palvelu", "palvelujen"),
])
def test_table_search_base_form_finds_inflected_forms(site_url, table, query, inflected):
    found = get_json(f"{site_url}/strategies/{table}.json", _search=query, _size="max")
    assert any(inflected in (row["text"] or "").lower() for row in found)


@pytest.mark.parametrize(("query", "lemma_only"), [
    ("palveluja", "palvelujen"),   # no "palveluja" in the row: found through the lemma palvelu
    ("tjänsterna", "tjänster "),
])
def test_table_search_inflected_query_finds_rows_of_its_lemma(site_url, query, lemma_only):
    found = get_json(f"{site_url}/strategies/goals.json", _search=query, _size="max")
    assert any(lemma_only in row["text"].lower() and query not in row["text"].lower() for row in found)


@pytest.fixture(scope="module")
def evaluated_goal(site_db: Path) -> str:
    """The strategy goal the evaluation report evaluates (partially achieved, score 4)."""
    return goal_id(site_db, "luvn-strategia-2023-2025", EVALUATED)


@pytest.fixture(scope="module")
def evaluation_row(site_db: Path) -> str:
    """The evaluation report's row of :func:`evaluated_goal`."""
    return goal_id(site_db, "luvn-strategia-2023-2025-arviointi", EVALUATED)


@pytest.mark.parametrize(("query", "expected"), [
    ("palveluja", PALVELUJEN),
    ("hyvinvointialueen", ("luvn-strategia-2023-2025", "Vaikutamme aktiivisesti siihen, että hyvinvointialueen")),
    ("tjänsterna", TJANSTER),
])
def test_search_page_finds_inflected_finnish_and_swedish(site_url, site_db, query, expected):
    link = f'href="{statement_url(goal_id(site_db, *expected))}"'
    found = next((page for page in search_pages(site_url, query) if link in page), None)
    assert found is not None and "<mark>" in found


def search_pages(site_url: str, query: str, most: int = 10) -> Iterator[str]:
    """The search page of ``query`` and the pages after it, as a reader follows "next" (at most ``most``)."""
    params = {"q": query}
    for _ in range(most):
        page = get(f"{site_url}/-/search", **params)
        yield page
        after = re.search(r'<a href="\?([^"]+)" rel="next">', page)
        if not after:
            return
        params = dict(urllib.parse.parse_qsl(after.group(1).replace("&amp;", "&")))


@pytest.mark.parametrize(("query", "expected"), [
    ("palveluja", PALVELUJEN),  # Finnish: the statement says "Palvelujen"
    ("tjänsterna", TJANSTER),   # Swedish: the statement says "tjänster"
])
def test_search_json_finds_inflected_forms_with_their_links(site_url, site_db, query, expected):
    found = json.loads(get(f"{site_url}/-/search.json", q=query, size="100"))
    unit_id = goal_id(site_db, *expected)
    hit = next(h for h in found["hits"] if h["id"] == unit_id)
    assert found["ok"] and found["table"] == "goals" and "<mark>" in hit["excerpt"]
    assert hit["url"] == statement_url(unit_id) and hit["document_id"] == expected[0]
    assert hit["document_url"] == f"/strategies/documents/{expected[0]}" and hit["page"] >= 1
    assert unit_id in get(site_url + hit["url"]) and expected[0] in get(site_url + hit["document_url"])
    assert found["counts"]["goals"]["count"] >= len(found["hits"])


@pytest.mark.parametrize("query", ["", "   ", "?!"])
def test_search_json_without_words_is_a_clear_error(site_url, query):
    with pytest.raises(urllib.error.HTTPError) as info:
        get(f"{site_url}/-/search.json", q=query)
    assert info.value.code == 400
    assert json.loads(info.value.read()) == {"ok": False, "error": "nothing to search for: give one or more words"
                                             " in q (e.g. q=palvelujen saatavuus)"}


def test_search_page_offers_each_table_and_the_table_view(site_url):
    page = get(f"{site_url}/-/search", q="palvelujen", table="sections")
    assert 'id="results-sections"' in page and "<mark>" in page
    assert 'href="?q=palvelujen&amp;table=passages"' in page
    assert 'href="/strategies/sections?_search=palvelujen"' in page
    assert "nothing to search for" in get(f"{site_url}/-/search", q="?!")


def test_canned_low_scoring_goals_lists_every_evaluation_at_or_below_max(site_url, db):
    expected = {r[0] for r in db.execute("SELECT goal_id FROM evaluations WHERE score <= 3")}
    found = get_json(f"{site_url}/strategies/low_scoring_goals.json", max="3")
    assert {r["evaluation_row"] for r in found} == expected and expected
    assert all(r["score"] <= 3 and r["fate"] in ("continued", "no successor") for r in found)
    assert any(r["goal_id"] and r["goal_id"].startswith("luvn-strategia-2023-2025/") for r in found)


def test_canned_goals_without_successor_are_the_earlier_goals_no_continues_link_carries(site_url, db):
    carried = {x for row in db.execute("SELECT source_id, target_id FROM links WHERE relation = 'continues'") for x in row}
    goals = {r[0] for r in db.execute("SELECT id FROM goals WHERE document_id = 'luvn-strategia-2023-2025' AND kind = 'goal'")}
    found = {r["id"] for r in get_json(f"{site_url}/strategies/goals_without_successor.json", kind="goal", _size="max")}
    assert goals - carried <= found
    assert not found & {g for g in goals if g in carried and _later_partner(db, g)}


def _later_partner(db: sqlite3.Connection, goal_id: str) -> bool:
    return bool(db.execute(
        "SELECT 1 FROM links l JOIN goals o ON o.id IN (l.source_id, l.target_id) AND o.id != ? "
        "JOIN documents d ON d.id = o.document_id WHERE l.relation = 'continues' AND ? IN (l.source_id, l.target_id) "
        "AND d.period_start > 2023", (goal_id, goal_id)).fetchone())


def test_canned_topic_finds_both_languages_by_lemma(site_url, site_db):
    found = get_json(f"{site_url}/strategies/topic.json", word="tjänsterna", _size="max")
    assert goal_id(site_db, *TJANSTER) in {r["id"] for r in found}
    assert {r["lang"] for r in found} >= {"sv"}
    finnish = get_json(f"{site_url}/strategies/topic.json", word="palveluja", _size="max")
    assert goal_id(site_db, *PALVELUJEN) in {r["id"] for r in finnish}


@pytest.mark.parametrize("name", sorted(CANNED))
def test_canned_query_finds_links_by_their_ends(db, name):
    """No canned query scans the links, or a relation's links, once per row: each probes an end's index."""
    sql = CANNED[name]["sql"]
    db.create_function("lemma_query", 1, lemma_query, deterministic=True)
    aliases = set(re.findall(r"\blinks (\w+)", sql))
    plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, dict.fromkeys(re.findall(r":(\w+)", sql), ""))]
    assert aliases and not [step for step in plan if "idx_links_relation" in step or step.split()[:2] in
                            (["SCAN", alias] for alias in aliases)], plan


def test_canned_lineage_walks_to_the_evaluation(site_url, evaluated_goal, evaluation_row):
    found = get_json(f"{site_url}/strategies/lineage.json", id=evaluated_goal)
    step = next(r for r in found if r["relation"] == "evaluated_in" and r["source_id"] == evaluated_goal)
    assert step["target_id"] == evaluation_row and step["achieved"] == "partial" and step["evaluation_score"] == 4


def test_statement_page_shows_evaluation_lineage_and_translation(site_url, db, evaluated_goal, evaluation_row):
    page = get(site_url + statement_url(evaluated_goal))
    assessment = db.execute("SELECT assessment FROM evaluations WHERE goal_id = ?", (evaluation_row,)).fetchone()[0]
    assert "Asiakkaiden tyytyväisyys palveluihin" in page
    assert "achieved: partial" in page and "score 4/5" in page and assessment[:60] in page
    assert f'href="{statement_url(evaluation_row)}"' in page and "evaluated_in" in page
    assert "<svg" in page and "lineage-graph" in page
    translated = db.execute("SELECT source_id, target_id FROM links WHERE relation = 'translation_of' "
                            "AND source_id LIKE '%/g%' AND target_id LIKE '%/g%' ORDER BY id LIMIT 1").fetchone()
    if translated:  # translation links land with the parallel-text work
        other = db.execute("SELECT text FROM goals WHERE id = ?", (translated[1],)).fetchone()[0]
        assert _escaped(other) in get(site_url + statement_url(translated[0]))


def _escaped(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


@pytest.mark.parametrize("path", ["/-/changes", "/-/bilingual", "/-/bilingual/luvn-vammaisneuvosto-2025-dia",
                                  "/-/regions", "/-/findings", "/-/scores", "/-/lineage", "/"])
def test_pages_render(site_url, path):
    page = get(site_url + path)
    assert "Error 500" not in page and "</html>" in page


def test_findings_and_scores_show_the_report_contradiction(site_url):
    assert "average score stated as 3.4, rows give 3.2" in get(site_url + "/-/findings")
    scores = get(site_url + "/-/scores")
    assert "score-chart" in scores and "Asiakastavoitteet" in scores


def test_unknown_statement_is_404(site_url):
    with pytest.raises(urllib.error.HTTPError) as info:
        get(site_url + statement_url("no-such-document/g9999"))
    assert info.value.code == 404


def test_immutable_server_refuses_writes(site_url, db):
    databases = json.loads(get(site_url + "/-/databases.json"))
    assert [d["is_mutable"] for d in databases if d["name"] == "strategies"] == [False]
    before = db.execute("SELECT count(*) FROM goals").fetchone()[0]
    for sql in ("INSERT INTO goals (id, text) VALUES ('x/g1', 'x')", "DELETE FROM goals", "DROP TABLE goals"):
        with pytest.raises(urllib.error.HTTPError) as info:
            get(site_url + "/strategies.json", sql=sql)
        assert info.value.code == 400
    for path in ("/strategies", "/strategies/goals", "/strategies/lineage", "/strategies/goals/-/insert"):
        request = urllib.request.Request(site_url + path, data=b"id=x&text=x", method="POST")
        with pytest.raises(urllib.error.HTTPError) as info:  # Datasette 0.65 answers some of these with 500
            urllib.request.urlopen(request, timeout=10)
        assert info.value.code >= 400
    assert db.execute("SELECT count(*) FROM goals").fetchone()[0] == before


def test_document_html_is_shown_escaped(site_url, db):
    unit_id = db.execute("SELECT id FROM passages WHERE document_id = ? AND text LIKE '%<script>%'", (HOSTILE_ID,)).fetchone()[0]
    for url in (site_url + statement_url(unit_id), f"{site_url}/-/search?q=alert",
                f"{site_url}/strategies/passages?_search=alert", site_url + "/"):
        page = get(url)
        assert HOSTILE_TEXT not in page and "<img src=x" not in page and "<b>2023" not in page
    assert _escaped(HOSTILE_TEXT) in get(site_url + statement_url(unit_id))


@pytest.fixture
def tiny_kb() -> sqlite3.Connection:
    """Two versions of a strategy (fi 2023, fi + sv 2026) with continues, translation and no links."""
    db = sqlite_utils.Database(memory=True)
    db["documents"].insert_all([
        {"id": "a", "title": "A <i>2023</i>", "region": "R", "kind": "strategy", "period_start": 2023, "period_end": 2025, "languages": '["fi"]'},
        {"id": "b", "title": "B", "region": "R", "kind": "strategy", "period_start": 2026, "period_end": 2029, "languages": '["fi", "sv"]'},
    ], pk="id")
    db["goals"].insert_all([
        {"id": "a/g1", "document_id": "a", "kind": "goal", "lang": "fi", "text": "Palvelut paranevat", "page": 1, "ordinal": 1},
        {"id": "a/g2", "document_id": "a", "kind": "goal", "lang": "fi", "text": "Jonot lyhenevät", "page": 1, "ordinal": 2},
        {"id": "a/g3", "document_id": "a", "kind": "goal", "lang": "fi", "text": "<script>x</script>", "page": 2, "ordinal": 3},
        {"id": "b/g1", "document_id": "b", "kind": "goal", "lang": "fi", "text": "Palvelut ja jonot paranevat", "page": 1, "ordinal": 1},
        {"id": "b/g2", "document_id": "b", "kind": "goal", "lang": "sv", "text": "Tjänsterna och köerna blir bättre", "page": 1, "ordinal": 2},
        {"id": "b/g3", "document_id": "b", "kind": "goal", "lang": "fi", "text": "Uusi tavoite", "page": 2, "ordinal": 3},
    ], pk="id")
    for table, columns in (("sections", "id, document_id, heading, text, lang, page_start, parent_id"),
                           ("passages", "id, document_id, role, lang, text, page, number, section_id")):
        db.execute(f"CREATE TABLE {table} ({columns})")
    db["goals"].add_column("number", str)
    db["goals"].add_column("section_id", str)
    db["links"].insert_all([
        {"id": "1", "source_id": "b/g1", "target_id": "a/g1", "relation": "continues", "score": 0.8, "method": "t", "evidence": "{}"},
        {"id": "2", "source_id": "b/g1", "target_id": "a/g2", "relation": "continues", "score": 0.7, "method": "t", "evidence": "{}"},
        {"id": "3", "source_id": "b/g2", "target_id": "b/g1", "relation": "translation_of", "score": 0.9, "method": "t", "evidence": "{}"},
    ], pk="id")
    db.create_view("link_texts", LINK_TEXTS_VIEW)
    return db.conn


def test_versions_classify_merged_dropped_and_new(tiny_kb):
    (region,) = lineage.versions(tiny_kb)
    assert {(c["earlier"]["id"], c["later"]["id"], c["change"]) for c in region["changes"]} == {
        ("a/g1", "b/g1", "merged"), ("a/g2", "b/g1", "merged")}
    assert [s["id"] for s in region["dropped"]] == ["a/g3"]
    assert [s["id"] for s in region["new"]] == ["b/g3"]  # b/g2 translates a continuing goal: not new


def test_lineage_walk_reaches_ancestors_and_translations(tiny_kb):
    walked = lineage.walk(tiny_kb, "b/g2")
    assert set(walked["nodes"]) == {"a/g1", "a/g2", "b/g1", "b/g2"}
    assert {s["when"] for s in walked["steps"]} == {"earlier", "beside"}


def _neighbour_alike(conn: sqlite3.Connection) -> None:
    """Another region's 2023 goal like a/g1: ``similar_to`` between them, and a successor of its own."""
    conn.execute("INSERT INTO documents (id, title, region, kind, period_start, period_end, languages) "
                 "VALUES ('c', 'C', 'R2', 'strategy', 2023, 2025, '[\"fi\"]')")
    conn.executemany("INSERT INTO goals (id, document_id, kind, lang, text, page, ordinal) VALUES (?, ?, 'goal', 'fi', ?, 1, ?)",
                     [("c/g1", "c", "Palvelut paranevat naapurissa", 1)])
    conn.executemany("INSERT INTO links (id, source_id, target_id, relation, score, method, evidence) "
                     "VALUES (?, ?, ?, ?, 0.5, 't', '{}')", [("4", "c/g1", "a/g1", "similar_to")])
    conn.execute("CREATE TABLE evaluations (goal_id TEXT PRIMARY KEY, achieved TEXT, score INTEGER)")


def test_lineage_shows_what_another_region_does_alike_without_walking_into_its_lineage(tiny_kb):
    _neighbour_alike(tiny_kb)
    # from the neighbour's goal: its match, not the successors of its match (they continue a/g1, not c/g1)
    assert set(lineage.walk(tiny_kb, "c/g1")["nodes"]) == {"c/g1", "a/g1"}
    canned = CANNED["lineage"]["sql"]
    assert [(r[1], r[4], r[8]) for r in tiny_kb.execute(canned, {"id": "c/g1"})] == [("similar_to", "c/g1", "a/g1")]
    # from the later translation: the whole lineage, and the neighbour's match of the goal it continues
    walked = lineage.walk(tiny_kb, "b/g2")
    assert set(walked["nodes"]) == {"a/g1", "a/g2", "b/g1", "b/g2", "c/g1"}
    found = {(r[1], r[4], r[8]): r[0] for r in tiny_kb.execute(canned, {"id": "b/g2"})}
    assert found == {("translation_of", "b/g2", "b/g1"): 0, ("continues", "b/g1", "a/g1"): 1,
                     ("continues", "b/g1", "a/g2"): 1, ("similar_to", "c/g1", "a/g1"): 2}


def test_lineage_svg_escapes_labels(tiny_kb):
    from kb.site.data import documents

    drawn = svg.lineage_svg({"a/g3": {"id": "a/g3", "document": "a", "kind": "goal", "lang": "fi", "text": "<script>x</script>", "page": 2}},
                            [], documents(tiny_kb), statement_url)
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn and "&lt;i&gt;" in drawn
