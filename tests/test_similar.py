"""similar_to on small written strategies: word bases, context, kinds and the near-best rule."""

from __future__ import annotations

import pytest

from link.context import contexts
from link.derivation import word_bases
from link.matching import Candidate, Context
from link.similar import IDENTITY_DISCOUNT, LEVEL_DISCOUNT, kind_compatibility, near_best, similar_to
from lineage_helpers import document


def _west(statements):
    return document("west-2023", "2023-2025", statements, region="Länsi", organisation="Länsi")


def _middle(statements):
    return document("middle-2023", "2023-2025", statements, region="Keski", organisation="Keski")


def test_word_bases_join_a_derivation_and_its_base():
    assert "kestää" in word_bases("kestävyys", "fi")
    assert set(word_bases("tasapainoinen", "fi")) & set(word_bases("tasapaino", "fi"))
    assert "lähtö" in set(word_bases("asiakaslähtöinen", "fi")) & set(word_bases("ihmislähtöisyys", "fi"))
    assert word_bases("välfärd", "sv") == ()


def test_values_meet_on_the_head_their_compounds_share():
    # as in any strategy, "asiakas" and "ihminen" stand in other statements too; "-lähtöisyys" does not
    west = _west([("a", "value", "Asiakaslähtöisesti"), ("b", "value", "vastuullisesti"),
                  ("g", "goal", "Asiakkaat saavat palvelua ajallaan ja asiakkaiden tyytyväisyys kasvaa.")])
    middle = _middle([("a", "value", "ihmislähtöisyys"), ("b", "value", "yhteistyö"),
                      ("g", "goal", "Ihmiset saavat apua ajallaan, ja jokainen ihminen kohdataan.")])
    links = [l for l in similar_to([west, middle]) if "value" in l.evidence["kinds"]]
    assert [(l.source_id, l.target_id) for l in links] == [("middle-2023/a", "west-2023/a")]
    assert "lähtö" in [w[0] for w in links[0].evidence["source_words"]]


def test_a_one_word_value_is_not_similar_to_a_sentence_using_the_word():
    west = _west([("a", "value", "yhdenvertaisesti")])
    middle = _middle([("a", "goal", "Lähineuvonta toteutuu yhdenvertaisesti ja yksilöllisesti.")])
    assert similar_to([west, middle]) == []


def test_a_guideline_finds_a_strategic_goal_through_its_aims():
    west = _west([
        ("g", "guideline", "Järjestämme palvelut vastuullisesti."),
        ("a1", "aim", "Pienennämme hiilijalanjälkeämme ja säästämme energiaa.", "g"),
        ("a2", "aim", "Talous on tasapainossa.", "g"),
    ])
    middle = _middle([("g", "guideline", "Palvelujen hiilijalanjälki pienenee ja talous kestää.")])
    docs = [west, middle]
    with_context = {(l.source_id, l.target_id): l for l in similar_to(docs, Context(docs, contexts=contexts(docs)))}
    link_ = with_context[("middle-2023/g", "west-2023/g")]
    carried = {w[0]: w[2] for w in link_.evidence["source_words"]}
    assert carried["hiilijalanjälki"].startswith("child:west-2023/a1")
    assert link_.method == "similar-context"
    assert ("middle-2023/g", "west-2023/g") not in {(l.source_id, l.target_id) for l in similar_to(docs)}


@pytest.mark.parametrize("a, b, expected", [
    ({"guideline"}, {"impact"}, 1.0),
    ({"goal"}, {"principle"}, 1.0),
    ({"aim"}, {"target"}, 1.0),
    ({"aim"}, {"guideline"}, 1.0),
    ({"guideline"}, {"goal"}, LEVEL_DISCOUNT),
    ({"impact"}, {"goal"}, LEVEL_DISCOUNT),
    ({"guideline"}, {"principle"}, LEVEL_DISCOUNT),
    ({"mission"}, {"vision"}, 1.0),
    ({"mission"}, {"impact"}, IDENTITY_DISCOUNT),
    ({"value"}, {"goal"}, 0.0),
    ({"value"}, {"mission"}, 0.0),
    ({"value"}, {"value"}, 1.0),
    (set(), {"value"}, 1.0),
    ({"mission", "goal"}, {"target"}, 1.0),
])
def test_kind_compatibility(a, b, expected):
    assert kind_compatibility(frozenset(a), frozenset(b)) == expected


def test_a_pair_far_below_the_best_of_either_end_is_left_out():
    west = _west([("a", "goal", "x"), ("b", "goal", "y")])
    middle = _middle([("a", "goal", "z"), ("b", "goal", "w")])
    (wa, wb), (ma, mb) = west.statements, middle.statements
    pairs = [Candidate(wa, ma, 0.8, "m"), Candidate(wa, mb, 0.5, "m"), Candidate(wb, mb, 0.45, "m"),
             Candidate(wb, ma, 0.7, "m")]
    kept = {(c.source.id, c.target.id) for c in near_best(pairs, 0.3, 0.7)}
    # wa→mb is under 0.7 × wa's best (0.8); wb→mb is kept: mb's best is 0.5 and wb's 0.7 (0.45 ≥ 0.7 × 0.7 fails)
    assert kept == {("west-2023/a", "middle-2023/a"), ("west-2023/b", "middle-2023/a")}
