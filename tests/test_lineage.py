"""continues / similar_to links and lineage statuses: synthetic strategy pairs with known answers, and the corpus."""

from __future__ import annotations

from dataclasses import replace

import pytest

from benchmarks.linking import replicate
from link.continues import continues, lineage_pairs
from link.lineage import lineage_links, lineage_status
from link.matching import Context
from link.records import Link
from link.similar import similar_to
from lineage_helpers import document

EARLIER = document("testi-2023", "2023-2025", [
    ("m", "mission", "Asukkaat voivat hyvin ja turvallisesti."),
    ("g1", "guideline", "Edistämme asukkaiden hyvinvointia ja terveyttä."),
    ("g2", "guideline", "Järjestämme palvelut kestävästi ja taloudellisesti."),
    ("reworded", "goal", "Mielenterveyspalvelujen jonot lyhenevät kaikissa kunnissa vuoteen 2025 mennessä.", "g1"),
    ("merge-a", "goal", "Ikäihmisten kotihoitoa vahvistetaan.", "g1"),
    ("merge-b", "goal", "Omaishoitajien jaksamista tuetaan.", "g1"),
    ("split", "goal", "Digitaalisia palveluja laajennetaan ja tekoälyä hyödynnetään asiakastyössä.", "g2"),
    ("dropped", "goal", "Toimitilaohjelma valmistuu vuonna 2024.", "g2"),
    ("moved", "goal", "Lasten ja nuorten harrastusmahdollisuudet paranevat.", "g1"),
])
LATER = document("testi-2026", "2026-2029", [
    ("m", "mission", "Asukkaat voivat hyvin ja turvallisesti."),
    ("g1", "guideline", "Edistämme asukkaiden hyvinvointia ja terveyttä."),
    ("g2", "guideline", "Järjestämme palvelut kestävästi ja taloudellisesti."),
    ("reworded", "goal", "Mielenterveyspalveluihin pääsee nopeasti jokaisessa kunnassa ilman jonoja.", "g1"),
    ("merged", "goal", "Ikäihmisten kotihoitoa vahvistetaan ja omaishoitajien jaksamista tuetaan.", "g1"),
    ("split-a", "goal", "Digitaalisia palveluja laajennetaan.", "g2"),
    ("split-b", "goal", "Tekoälyä hyödynnetään asiakastyössä.", "g2"),
    ("new", "goal", "Pelastustoimen valmiusajat lyhenevät.", "g2"),
    ("moved", "goal", "Lasten ja nuorten harrastusmahdollisuudet paranevat.", "g2"),
])


@pytest.fixture(scope="module")
def synthetic():
    docs = [EARLIER, LATER]
    return {(l.source_id.split("/")[1], l.target_id.split("/")[1]): l for l in continues(docs)}


def test_identical_statements_continue_as_identical(synthetic):
    for key in ("m", "g1", "g2"):
        assert synthetic[(key, key)].evidence["change"] == "identical"


def test_a_reworded_goal_continues_as_reworded(synthetic):
    link_ = synthetic[("reworded", "reworded")]
    assert link_.evidence["change"] == "reworded"
    assert "mielenterveyspalvelu" in link_.evidence["shared_lemmas"]
    assert link_.evidence["structure"]["position"] == "same parent"


def test_two_goals_merged_into_one(synthetic):
    assert synthetic[("merge-a", "merged")].evidence["change"] == "merged"
    assert synthetic[("merge-b", "merged")].evidence["change"] == "merged"


def test_a_goal_split_in_two(synthetic):
    assert synthetic[("split", "split-a")].evidence["change"] == "split"
    assert synthetic[("split", "split-b")].evidence["change"] == "split"


def test_dropped_and_new_goals_have_no_link_and_get_their_status(synthetic):
    assert not [k for k in synthetic if k[0] == "dropped" or k[1] == "new"]
    status = {(r["statement_id"], r["role"]): r["status"] for r in lineage_status([EARLIER, LATER], list(synthetic.values()))}
    assert status[("testi-2023/dropped", "earlier")] == "dropped"
    assert status[("testi-2026/new", "later")] == "new"
    assert status[("testi-2023/split", "earlier")] == "continued"
    assert status[("testi-2026/merged", "later")] == "continues"


def test_a_goal_that_moved_to_another_guideline(synthetic):
    link_ = synthetic[("moved", "moved")]
    assert link_.evidence["change"] == "identical"
    assert link_.evidence["structure"]["position"] == "moved"
    assert link_.evidence["structure"]["source_parent_continues_in"] == ["testi-2026/g1"]


def test_every_link_has_score_method_evidence_and_stable_id(synthetic):
    again = {l.id for l in continues([LATER, EARLIER])}
    assert again == {l.id for l in synthetic.values()}
    for l in synthetic.values():
        assert 0 < l.score <= 1 and l.method.startswith("continues-")
        assert l.evidence["change"] in ("identical", "reworded", "narrowed", "broadened", "merged", "split")
        assert l.evidence_json().startswith("{")


def test_no_links_backwards_in_time_or_across_regions():
    other = document("muu-2026", "2026-2029", LATER_ROWS, region="Muumaa", organisation="Muun hyvinvointialue")
    docs = [EARLIER, other]
    assert lineage_pairs(docs) == []
    assert continues(docs) == []


LATER_ROWS = [("m", "mission", "Asukkaat voivat hyvin ja turvallisesti.")]


def test_narrowed_and_broadened():
    earlier = document("a-2023", "2023-2025", [
        ("x", "goal", "Kotihoidon asiakastyytyväisyys paranee."),
        ("y", "goal", "Päivystyksen jonotusajat lyhenevät ja hoitoonpääsy nopeutuu kaikissa sairaaloissa."),
    ])
    later = document("a-2026", "2026-2029", [
        ("x", "goal", "Kotihoidon asiakastyytyväisyys paranee erityisesti saaristossa ja harvaan asutuilla alueilla."),
        ("y", "goal", "Päivystyksen jonotusajat lyhenevät."),
    ])
    found = {(l.source_id[-1], l.target_id[-1]): l.evidence["change"] for l in continues([earlier, later])}
    assert found == {("x", "x"): "narrowed", ("y", "y"): "broadened"}


class _FakeCrossLingual:
    """A two-word lexicon, so the Finnish → Swedish test does not depend on FreeDict."""

    def similarity(self, fi_text: str, sv_text: str):
        return 0.0, {"words": [1, 1], "aligned_words": []}

    def swedish_keys(self, fi_terms):
        return set()

    def translations(self, term, lang):
        return []

    def partner(self, term, parts, lang, other, other_stems):
        return None


def test_finnish_to_swedish_through_a_translation_link():
    """A Finnish continuation reaches the Swedish strategy over a translation; the Swedish half of the
    bilingual deck is reached by its translation_of, not by a second continues link."""
    deck = document("deck-2026", "2026-2029", [
        ("fi", "goal", "Mielenterveyspalveluihin pääsee nopeasti jokaisessa kunnassa ilman jonoja."),
        ("sv", "goal", "Man får snabbt tillgång till mentalvårdstjänster i varje kommun utan köer."),
    ])
    deck = replace(deck, info=replace(deck.info, languages=("fi", "sv")),
                   statements=(deck.statements[0], replace(deck.statements[1], lang="sv")))
    swedish = document("strategi-2026", "2026-2029", [
        ("sv", "goal", "Man får snabbt tillgång till mentalvårdstjänster i varje kommun utan köer."),
    ], lang="sv")
    links = [Link("deck-2026/sv", "deck-2026/fi", "translation_of", 0.9, "test", {}),
             Link("strategi-2026/sv", "deck-2026/sv", "same_as", 1.0, "test", {})]
    docs = [EARLIER, deck, swedish]
    ctx = Context(docs, _FakeCrossLingual())
    found = {l.target_id: l for l in continues(docs, links, ctx) if l.source_id == "testi-2023/reworded"}
    assert set(found) == {"deck-2026/fi", "strategi-2026/sv"}
    via = found["strategi-2026/sv"]
    assert via.method == "continues-via-translation"
    assert via.evidence["via"][0] == "deck-2026/fi" and via.score <= found["deck-2026/fi"].score


def test_similar_to_links_only_different_organisations_of_the_same_period():
    west = document("west-2023", "2023-2025", [
        ("a", "impact", "Asukkaiden hyvinvointi, terveys ja turvallisuus paranevat."),
        ("b", "value", "yhteistyö"),
    ], region="Länsi", organisation="Länsi")
    middle = document("middle-2023", "2023-2025", [
        ("a", "mission", "Hyvinvointialue tukee asukkaidensa hyvinvointia, terveyttä ja turvallisuutta."),
        ("b", "aim", "Yhteistyömme on tavoitteellista ja siitä on hyötyä asiakkaalle."),
    ], region="Keski", organisation="Keski")
    later_middle = document("middle-2026", "2026-2029", [
        ("a", "mission", "Hyvinvointialue tukee asukkaidensa hyvinvointia, terveyttä ja turvallisuutta."),
    ], region="Keski", organisation="Keski")
    links = similar_to([west, middle, later_middle])
    assert [(l.source_id, l.target_id) for l in links] == [("middle-2023/a", "west-2023/a")]
    assert 0.3 <= links[0].score <= 1 and links[0].evidence["shared_lemmas"]


# --- the bundled corpus ---------------------------------------------------------------------------------------


def _texts(docs):
    return {s.id: s for d in docs for s in d.statements}


def test_corpus_mission_and_values_continue_in_2026(corpus_links):
    docs, links = corpus_links
    by_id = _texts(docs)
    pairs = {(by_id[l.source_id].text.rstrip(".").casefold(), by_id[l.target_id].text.casefold())
             for l in links if l.relation == "continues"}
    assert ("jotta länsiuusimaalaiset voivat hyvin", "jotta länsiuusimaalaiset voivat hyvin") in pairs
    for fi, sv in (("asiakaslähtöisesti", "kundorienterat"), ("vastuullisesti", "ansvarsfullt")):
        assert (fi, fi) in pairs and (fi, sv) in pairs
    assert ("yhdenvertaisesti", "yhdenvertaisesti") in pairs


def test_corpus_guidelines_continue_and_sources_are_earlier(corpus_links):
    docs, links = corpus_links
    info = {d.info.id: d.info for d in docs}
    by_id = _texts(docs)
    continued = {by_id[l.source_id].text for l in links if l.relation == "continues" and by_id[l.source_id].kind == "guideline"}
    assert "Järjestämme ja uudistamme palveluja kestävällä tavalla." in continued
    assert len(continued) >= 3
    for l in links:
        if l.relation == "continues":
            source, target = info[l.source_id.split("/")[0]], info[l.target_id.split("/")[0]]
            assert source.period_end < target.period_start and source.region == target.region
            assert 0 < l.score <= 1 and l.evidence["change"]


def test_corpus_similar_to_only_across_organisations(corpus_links):
    docs, links = corpus_links
    info = {d.info.id: d.info for d in docs}
    similar = [l for l in links if l.relation == "similar_to"]
    assert similar
    for l in similar:
        a, b = info[l.source_id.split("/")[0]], info[l.target_id.split("/")[0]]
        assert a.organisation != b.organisation and a.region != b.region and a.period == b.period


def test_replicated_regions_keep_every_link(corpus_documents):
    """Ten counties give at least ten times the links (times and growth ratios are the benchmark's job)."""
    docs = [d for d in corpus_documents.values() if d.info.kind != "evaluation"]
    ten_counties = replicate(docs, 10, swap_share=0)
    assert sum(len(d.statements) for d in ten_counties) == 10 * sum(len(d.statements) for d in docs)
    assert len(lineage_links(ten_counties)) >= 10 * len(lineage_links(docs))
