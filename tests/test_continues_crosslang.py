"""continues across Finnish and Swedish: word partners through the dictionary, and links carried over parallel text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from link.context import contexts
from link.continues import carrying_child, continues
from link.translations import merged_translations
from link.crosslang import term_partner
from link.matching import Context, context_pair
from link.records import Link
from lineage_helpers import document

TABLE = {"vahvistaa": {"förstärka"}, "rakentaa": {"bygga"}, "tuottaja": {"producent"}, "moni": {"mången"},
         "malli": {"modell"}}


def test_a_translation_whose_head_is_the_word_of_the_text_is_its_partner():
    assert term_partner("vahvistaa", (), frozenset({"stärka", "basnivå"}), {}, TABLE) == "stärka"


def test_a_word_that_only_ends_with_a_translation_is_no_partner():
    # förebygga (prevent) ends with bygga (build): a prefix may change the meaning
    assert term_partner("rakentaa", (), frozenset({"förebygga"}), {}, TABLE) is None


def test_a_compound_part_missing_from_the_dictionary_is_read_by_its_base():
    # monituottajuus = moni + tuottajuus (from tuottaja); Swedish joins många as mång-
    other = frozenset({"mångproducentmodell", "främja"})
    assert term_partner("monituottajuus", ("moni", "tuottajuus"), other, {}, TABLE) == "mångproducentmodell"
    assert term_partner("monituottajuus", ("moni", "tuottajuus"), frozenset({"främja"}), {}, TABLE) is None


class _PairLexicon:
    """A Finnish–Swedish scorer that knows one pair of texts, so the test does not depend on FreeDict."""

    def __init__(self, fi_text: str, sv_text: str) -> None:
        self.pair = (fi_text, sv_text)

    def similarity(self, fi_text: str, sv_text: str):
        score = 0.9 if (fi_text, sv_text) == self.pair else 0.0
        return score, {"words": [4, 4], "aligned_words": [["kunta", "kommun", "lexicon"]] if score else []}

    def swedish_keys(self, fi_terms):
        return {"kommun"}

    def translations(self, term, lang):
        return []

    def partner(self, term, parts, lang, other, other_stems):
        return None


GOAL = "Kuntien kanssa rakennetaan yhteiset palvelut nuorille."
SWEDISH = "Vi bygger gemensamma tjänster för unga med kommunerna."


def _corpus(extra_swedish: bool = False):
    earlier = document("vanha-2023", "2023-2025", [("goal", "goal", GOAL)])
    swedish_rows = [("goal", "goal", SWEDISH)]
    if extra_swedish:
        swedish_rows.append(("other", "goal", "Vi förnyar elevhälsan."))
    swedish = document("strategi-2026", "2026-2029", swedish_rows, lang="sv")
    # the deck prints the Finnish version under a wording that shares no word with the 2023 goal
    deck = document("dia-2026", "2026-2029", [("fi", "goal", "Ensisijaiset palvelut lähelle")])
    deck = replace(deck, info=replace(deck.info, languages=("fi", "sv")))
    links = [Link("strategi-2026/goal", "dia-2026/fi", "translation_of", 0.8, "test", {})]
    if extra_swedish:
        links.append(Link("strategi-2026/other", "dia-2026/fi", "translation_of", 0.6, "test", {}))
    docs = [earlier, swedish, deck]
    return docs, links, Context(docs, _PairLexicon(GOAL, SWEDISH))


def test_a_successor_found_in_the_other_language_carries_back_to_its_parallel_in_the_source_language():
    docs, links, ctx = _corpus()
    found = {l.target_id: l for l in continues(docs, links, ctx)}
    assert set(found) == {"strategi-2026/goal", "dia-2026/fi"}
    carried = found["dia-2026/fi"]
    assert carried.method == "continues-via-translation"
    assert carried.evidence["via"][0] == "strategi-2026/goal"
    assert carried.score <= found["strategi-2026/goal"].score


def test_no_link_is_carried_onto_a_unit_translating_two_units_of_one_document():
    docs, links, ctx = _corpus(extra_swedish=True)
    assert merged_translations(links, {}) == {"dia-2026/fi"}
    found = {l.target_id for l in continues(docs, links, ctx)}
    assert found == {"strategi-2026/goal"}


def test_a_goal_found_in_one_action_of_a_promise_continues_in_that_action_too():
    """The promise's context matched the goal mostly through one of its actions: that action is a successor too."""
    earlier = document("vanha-2023", "2023-2025", [
        ("goal", "goal", "Yksityisten palveluntuottajien osuutta kotihoidossa kasvatetaan monituottajamallilla."),
        ("title", "goal", "Palvelut kuntoon ja jonot lyhyiksi."),
    ])
    later = document("uusi-2026", "2026-2029", [
        ("promise", "promise", "Palvelut kuntoon"),
        ("a1", "action", "Monituottajamallilla lisäämme yksityisten tuottajien osuutta kotihoidossa "
                         "ja seuraamme laatua asiakkaiden kanssa.", "promise"),
        ("a2", "action", "Ajanvarausta sujuvoitetaan ja jonot lyhenevät.", "promise"),
    ])
    docs = [earlier, later]
    ctx = Context(docs, _PairLexicon("", ""), contexts(docs))
    goal, title, promise = (ctx.statements[i] for i in ("vanha-2023/goal", "vanha-2023/title", "uusi-2026/promise"))
    moved = carrying_child(ctx, context_pair(ctx, goal, promise))
    assert moved is not None and moved.target.id == "uusi-2026/a1" and moved.method == "context-child"
    assert moved.evidence["found_in"] == "uusi-2026/promise" and moved.evidence["carried_share"] >= 0.5
    assert carrying_child(ctx, context_pair(ctx, title, promise)) is None  # found in the promise's own words
    found = {l.target_id for l in continues(docs, (), ctx) if l.source_id == "vanha-2023/goal"}
    assert "uusi-2026/a1" in found and "uusi-2026/a2" not in found


def test_a_swedish_compound_found_by_the_finnish_compound_parts_is_its_partner_both_ways():
    """The dictionary does not split ``mångproducentmodell``; the Finnish parts found it, so it finds them back."""
    earlier = document("vanha-2023", "2023-2025", [("goal", "goal", "Monituottajamallia hyödynnetään vaikuttavasti.")])
    later = document("strategi-2026", "2026-2029", [("goal", "goal", "Vi främjar en mångproducentmodell.")], lang="sv")
    ctx = Context([earlier, later])
    pair = context_pair(ctx, ctx.statements["vanha-2023/goal"], ctx.statements["strategi-2026/goal"])
    assert ["monituottajamalli", "mångproducentmodell"] in [m[:2] for m in pair.evidence["context_words"]]
    assert ["mångproducentmodell", "monituottajamalli"] in [m[:2] for m in pair.evidence["context_words_back"]]


def test_the_parts_of_a_compound_found_whole_in_the_other_language_are_found_with_it():
    """'monituottajamalli' counts its own lemma and its parts (moni, tuottaja, malli); the Swedish text prints the
    compound unsplit, so the parts are found in it with the whole, and the Finnish side is matched in full."""
    earlier = document("vanha-2023", "2023-2025", [("goal", "goal", "Monituottajamalli.")])
    later = document("strategi-2026", "2026-2029", [("goal", "goal", "Vi främjar en mångproducentmodell.")], lang="sv")
    ctx = Context([earlier, later])
    source = ctx.statements["vanha-2023/goal"]
    assert set(ctx.bags[source.id].own) > {"monituottajamalli"}  # the parts are terms of their own
    pair = context_pair(ctx, source, ctx.statements["strategi-2026/goal"])
    assert pair.coverage[0] == pytest.approx(1.0)
    assert {m[1] for m in pair.evidence["context_words"]} == {"mångproducentmodell"}
