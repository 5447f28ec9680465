"""continues: the child of a promise that carries a goal (its action holding what the goal said)."""

from __future__ import annotations

from link.context import contexts
from link.continues import CARRIER_SHARE, SOLE_CARRIER, carrying_child, continues
from link.matching import Context, context_pair
from lineage_helpers import document


def _context(*docs):
    docs = list(docs)
    return docs, Context(docs, contexts=contexts(docs))


PROMISE = [
    ("promise", "promise", "Lisää palveluja lapsille ja nuorille"),
    ("lead", "action", "Painopisteemme lasten ja nuorten palveluissa ovat seuraavat:", "promise"),
    ("schools", "action", "Uudistamme koulujen palveluja lasten ja nuorten tarpeisiin yhteistyössä kuntien kanssa.",
     "promise"),
    ("evenings", "action", "Perhekeskukset palvelevat iltaisin.", "promise"),
]


def test_an_action_holding_nearly_all_a_goal_matched_takes_the_link_in_its_promise_place():
    """The action repeats the promise's title words and adds the goal's municipalities and cooperation."""
    earlier = document("vanha-2023", "2023-2025", [
        ("goal", "goal", "Rakennetaan kuntien kanssa yhteistyömallit lasten ja nuorten palveluihin."),
    ])
    later = document("uusi-2026", "2026-2029", PROMISE)
    docs, ctx = _context(earlier, later)
    moved = carrying_child(ctx, context_pair(ctx, ctx.statements["vanha-2023/goal"], ctx.statements["uusi-2026/promise"]))
    assert moved is not None and moved.target.id == "uusi-2026/schools"
    assert moved.evidence["carried_share"] >= SOLE_CARRIER
    found = {l.target_id: l for l in continues(docs, (), ctx)}
    assert set(found) == {"uusi-2026/schools"}
    assert found["uusi-2026/schools"].method == "continues-context-child"
    assert found["uusi-2026/schools"].evidence["found_in"] == "uusi-2026/promise"


def test_a_lead_in_repeating_the_promise_title_carries_nothing():
    """The lead-in holds the title's words (most of the match) and nothing else the goal said; the evening
    action holds the rest, too little to carry the goal."""
    earlier = document("vanha-2023", "2023-2025", [
        ("goal", "goal", "Lasten ja nuorten palveluja lisätään iltaisin."),
    ])
    later = document("uusi-2026", "2026-2029", PROMISE)
    _, ctx = _context(earlier, later)
    pair = context_pair(ctx, ctx.statements["vanha-2023/goal"], ctx.statements["uusi-2026/promise"])
    total = sum(weight for *_, weight, _ in pair.evidence["context_words"])
    lead = ctx.bags["uusi-2026/lead"].own
    held = sum(weight for _, match, weight, _ in pair.evidence["context_words"] if match in lead)
    assert held >= CARRIER_SHARE * total  # the lead-in would carry the pair by its share alone
    assert carrying_child(ctx, pair) is None


def test_a_goal_carried_by_a_common_goal_of_a_principle_continues_in_that_goal_not_the_principle():
    """The principle's common goal holds most of what matched (over CARRIER_SHARE, under SOLE_CARRIER) and is
    of the goal's own kind: the goal lives on as that common goal, not as the principle's direction, though
    the principle's title holds the rest of the goal's words."""
    earlier = document("vanha-2023", "2023-2025", [
        ("goal", "goal", "Yksityisen palvelutuotannon osuutta nostetaan monituottajuuden avulla ja laatua seurataan."),
    ])
    later = document("uusi-2026", "2026-2029", [
        ("principle", "principle", "Seuraa laatua"),
        ("model", "goal", "Edistämme monituottajuutta ja yksityisen palvelutuotannon osuutta yhdessä järjestöjen, "
                          "yritysten ja kuntien kanssa alueen asukkaiden parhaaksi.", "principle"),
        ("results", "goal", "Mittaamme palvelujen tuloksia.", "principle"),
    ])
    docs, ctx = _context(earlier, later)
    moved = carrying_child(ctx, context_pair(ctx, ctx.statements["vanha-2023/goal"],
                                             ctx.statements["uusi-2026/principle"]))
    assert moved is not None and moved.target.id == "uusi-2026/model"
    assert CARRIER_SHARE <= moved.evidence["carried_share"] < SOLE_CARRIER
    assert {l.target_id for l in continues(docs, (), ctx)} == {"uusi-2026/model"}
