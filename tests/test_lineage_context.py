"""Lineage with context, fates and people's verdicts, on small strategies written here."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

import link
from extract.errors import ManifestError
from extract.records import Evaluation, ExtractedDocument, Section
from kb.build import build
from link.context import contexts
from link.lineage import lineage_and_candidates, lineage_status
from link.records import Link
from link.reviews import load_reviews
from lineage_helpers import document

EARLIER = document("kaupunki-2023", "2023-2025", [
    ("prepared", "goal", "Hyvinvointialue varautuu häiriötilanteisiin ja poikkeusoloihin valmiussuunnitelmin."),
    ("premises", "goal", "Toimitilaohjelma valmistuu vuonna 2024."),
    ("doctor", "goal", "Omalääkäri hoitaa pitkäaikaissairaat potilaat."),
])
REPORT = document("kaupunki-arviointi", "2023-2025", [
    ("row", "goal", "Hyvinvointialue varautuu häiriötilanteisiin ja poikkeusoloihin valmiussuunnitelmin."),
], kind="evaluation")
REPORT = replace(REPORT, evaluations=(Evaluation("kaupunki-arviointi/row", "yes", 4,
                                                 "Kriittiset palvelut pysyivät toimivina kaikissa olosuhteissa."),))
LATER = document("kaupunki-2026", "2026-2029", [
    ("critical", "promise", "Kriittiset palvelut toimiviksi kaikissa olosuhteissa"),
    ("a1", "action", "Jokainen työntekijä tietää, miten toimia häiriötilanteissa ja poikkeusoloissa.", "critical"),
    ("a2", "action", "Valmiussuunnitelmat päivitetään ja harjoitellaan vuosittain.", "critical"),
    ("family", "promise", "Perheille enemmän tukea"),
    ("f1", "action", "Perhekeskukset palvelevat iltaisin.", "family"),
    ("lonely", "goal", "Kirjastot avataan sunnuntaisin."),
])
EVALUATED = [Link("kaupunki-2023/prepared", "kaupunki-arviointi/row", "evaluated_in", 1.0, "test", {})]
DOCS = [EARLIER, REPORT, LATER]


@pytest.fixture(scope="module")
def linked():
    return lineage_and_candidates(DOCS, EVALUATED)


def _pairs(links):
    return {(l.source_id.split("/")[1], l.target_id.split("/")[1]): l for l in links if l.relation == "continues"}


def test_context_gathers_children_and_the_assessment():
    found = contexts(DOCS, EVALUATED)
    labels = {(label, unit.split("/")[1]) for label, unit, _ in found["kaupunki-2026/critical"]}
    assert {("child", "a1"), ("child", "a2")} <= labels
    assert ("assessment", "row") in {(label, unit.split("/")[1]) for label, unit, _ in found["kaupunki-2023/prepared"]}
    assert ("parent", "critical") in {(label, unit.split("/")[1]) for label, unit, _ in found["kaupunki-2026/a1"]}


def _principles_page() -> ExtractedDocument:
    """Two principles on one page, the second one's heading read as a subsection of the first (as a layout of
    two columns may come out): its common goals' section is a sibling of its heading's, under the first."""
    d = "sivu"
    sections = [Section(f"{d}/s1", d, None, 1, 1, "Vahvista perustasoa", "", "fi", 1, 1),
                Section(f"{d}/s2", d, f"{d}/s1", 2, 2, "Yhteiset tavoitteet", "Perustason palvelut paranevat.",
                        "fi", 1, 1),
                Section(f"{d}/s3", d, f"{d}/s1", 3, 2, "Valitse kustannusvaikuttavin tapa",
                        "Järjestämme palvelut taloudellisesti kestävästi.", "fi", 1, 1),
                Section(f"{d}/s4", d, f"{d}/s1", 4, 2, "Yhteiset tavoitteet", "Edistämme monituottajamallia.",
                        "fi", 1, 1)]
    doc = document(d, "2026-2029", [("base", "principle", "Vahvista perustasoa"),
                                    ("b1", "goal", "Perustason palvelut paranevat.", "base"),
                                    ("cost", "principle", "Valitse kustannusvaikuttavin tapa"),
                                    ("c1", "goal", "Edistämme monituottajamallia.", "cost")])
    where = {"base": "s1", "b1": "s2", "cost": "s3", "c1": "s4"}
    statements = [replace(s, section_id=f"{d}/{where[s.id.split('/')[1]]}") for s in doc.statements]
    return replace(doc, sections=tuple(sections), statements=tuple(statements))


def test_a_section_goes_with_the_statement_its_statements_belong_to():
    found = contexts([_principles_page()])
    sections = {key: {unit.split("/")[1] for label, unit, _ in found[f"sivu/{key}"] if label == "section"}
                for key in ("base", "cost")}
    assert sections == {"base": {"s2"}, "cost": {"s3", "s4"}}  # not s4 under the first principle


def test_a_successor_sharing_no_title_word_is_found_through_its_context(linked):
    links, _ = linked
    pairs = _pairs(links)
    assert ("prepared", "critical") in pairs
    evidence = pairs[("prepared", "critical")].evidence
    carriers = {m[3].split(":")[0] for m in evidence["context_words"] + evidence["context_words_back"]}
    assert {"child", "assessment"} <= carriers  # the words came from the actions and from the evaluation
    title_words = {"kriittinen", "palvelu", "toimiva", "olosuhde"}
    assert not title_words & {m[0] for m in evidence["context_words"]}  # the goal's own words are none of them


def test_a_goal_with_no_successor_stays_dropped(linked):
    links, candidates = linked
    assert not [k for k in _pairs(links) if k[0] == "premises"]
    status = {(r["statement_id"], r["role"]): r["status"] for r in lineage_status(DOCS, links, candidates)}
    assert status[("kaupunki-2023/premises", "earlier")] == "dropped"
    assert status[("kaupunki-2023/prepared", "earlier")] == "continued"
    assert status[("kaupunki-2026/lonely", "later")] == "new"


def _corpus(tmp_path, verdicts: str):
    (tmp_path / "links.toml").write_text(verdicts, encoding="utf-8")
    return load_reviews(tmp_path)


def _built(tmp_path, reviews):
    db = build(DOCS, link.run(DOCS, (), reviews), tmp_path / "kb.db")
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT source_id, target_id, method, evidence FROM links WHERE relation = 'continues'").fetchall()
        findings = conn.execute("SELECT message FROM findings WHERE kind = 'review'").fetchall()
        status = dict(conn.execute("SELECT statement_id, status FROM lineage_status WHERE role = 'earlier'").fetchall())
    finally:
        conn.close()
    return {(s, t): (m, e) for s, t, m, e in rows}, [f[0] for f in findings], status


def test_a_rejected_link_stays_away_after_a_rebuild(tmp_path):
    reviews = _corpus(tmp_path, '[[link]]\nrelation = "continues"\nsource = "kaupunki-2023/prepared"\n'
                                'target = "Kriittiset palvelut toimiviksi kaikissa olosuhteissa"\nverdict = "reject"\n')
    for _ in range(2):
        links, findings, _ = _built(tmp_path, reviews)
        assert ("kaupunki-2023/prepared", "kaupunki-2026/critical") not in links
        assert not findings


def test_a_confirmed_link_stays_whatever_its_score(tmp_path):
    reviews = _corpus(tmp_path, '[[link]]\nrelation = "continues"\nsource = "toimitilaohjelma valmistuu vuonna 2024"\n'
                                'target = "kaupunki-2026/lonely"\nverdict = "confirm"\nnote = "the council moved it"\n')
    for _ in range(2):
        links, _, status = _built(tmp_path, reviews)
        method, evidence = links[("kaupunki-2023/premises", "kaupunki-2026/lonely")]
        assert method == "continues-confirmed" and '"verdict": "confirmed"' in evidence
        assert status["kaupunki-2023/premises"] == "continued"


def test_a_verdict_naming_no_unit_is_a_finding_not_a_crash(tmp_path):
    reviews = _corpus(tmp_path, '[[link]]\nrelation = "continues"\nsource = "Tätä tavoitetta ei ole"\n'
                                'target = "kaupunki-2026/critical"\nverdict = "confirm"\n')
    links, findings, _ = _built(tmp_path, reviews)
    assert len(findings) == 1 and "Tätä tavoitetta ei ole" in findings[0]
    assert ("kaupunki-2023/prepared", "kaupunki-2026/critical") in links  # the rest is linked as before


@pytest.mark.parametrize("text", [
    '[[link]]\nsource = "a"\ntarget = "b"\nverdict = "confirm"\n',  # no relation
    '[[link]]\nrelation = "continues"\nsource = "a"\ntarget = "b"\nverdict = "maybe"\n',
    '[[link]]\nrelation = "continues"\nsource = ""\ntarget = "b"\nverdict = "reject"\n',
    '[[link]\n',
])
def test_a_malformed_verdict_file_stops_with_a_one_line_error(tmp_path, text):
    (tmp_path / "links.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        load_reviews(tmp_path)
    assert caught.value.code == "E002"


def test_no_verdict_file_means_no_verdicts(tmp_path):
    assert load_reviews(tmp_path) == ()
