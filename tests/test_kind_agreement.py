"""Statements printing one thing in several places but typed differently are findings (link.kind_agreement)."""

from __future__ import annotations

from link.kind_agreement import KIND, kind_disagreements
from link.records import Link
from lineage_helpers import document

DECK = document("dia", "2026-2029", [
    ("fi", "principle", "Vahvista perustasoa"),
    ("sv", "promise", "Stärk basnivån"),
    ("fi2", "guideline", "Järjestämme palvelut kestävästi"),
    ("sv2", "guideline", "Vi ordnar tjänsterna hållbart"),
    ("fi3", "aim", "Palvelut paranevat"),
    ("sv3", "goal", "Tjänsterna blir bättre"),
], lang="fi")
STRATEGY = document("strategi", "2026-2029", [("base", "principle", "Stärk basnivån")], lang="sv")
LINKS = [Link("dia/sv", "dia/fi", "translation_of", 0.9, "test", {}),
         Link("dia/sv2", "dia/fi2", "translation_of", 0.9, "test", {}),
         Link("dia/sv3", "dia/fi3", "translation_of", 0.9, "test", {})]


def test_the_member_typed_otherwise_than_most_of_its_group_is_a_finding():
    found = {f.message.split()[0]: f for f in kind_disagreements([DECK, STRATEGY], LINKS)}
    # 'Stärk basnivån' of the deck: its Finnish original and the strategy's copy (same text, same region) are principles
    assert found["dia/sv"].kind == KIND and (found["dia/sv"].expected, found["dia/sv"].found) == ("principle", "promise")
    assert found["dia/sv"].document_id == "dia" and found["dia/sv"].page == 2
    assert "strategi/base (principle)" in found["dia/sv"].message
    assert "dia/fi" not in found and "strategi/base" not in found and "dia/sv2" not in found  # agreeing members
    # two members, two kinds: no majority, a finding on each, with no expected kind
    assert {(k, found[k].expected, found[k].found) for k in ("dia/fi3", "dia/sv3")} == {("dia/fi3", None, "aim"),
                                                                                       ("dia/sv3", None, "goal")}
    assert len(found) == 3


def test_without_translations_only_the_copies_of_one_text_are_compared():
    found = {(f.message.split()[0], f.expected, f.found) for f in kind_disagreements([DECK, STRATEGY], [])}
    assert found == {("dia/sv", None, "promise"), ("strategi/base", None, "principle")}  # one to one: no majority


def test_the_bundled_deck_overview_slide_is_found_typed_one_tier_off(corpus_links):
    docs, links = corpus_links
    found = [f for f in links.findings if f.kind == KIND]
    # the Swedish overview slide of the deck lists its boxes in another order than the Finnish one: its change
    # promise caption ends up above the principles, its principle caption above the guidelines
    assert found and {f.document_id for f in found} == {"luvn-vammaisneuvosto-2025-dia"}
    assert {(f.expected, f.found) for f in found} == {("principle", "promise"), ("guideline", "principle")}
