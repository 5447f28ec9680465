"""continues within Finnish: words met through their derivations, and the child of a promise that carries a goal."""

from __future__ import annotations

from link.context import contexts
from link.continues import CARRIER_SHARE, SOLE_CARRIER, carrying_child, continues
from link.matching import BASE_SHARE, Context, context_pair
from lineage_helpers import document


def _context(*docs):
    docs = list(docs)
    return docs, Context(docs, contexts=contexts(docs))


def _matches(ctx: Context, source: str, target: str) -> dict[str, tuple[str, float]]:
    """Source word → (its match in the target, the weight it brought) of the pair's context score."""
    c = context_pair(ctx, ctx.statements[source], ctx.statements[target])
    return {word: (match, weight) for word, match, weight, _ in c.evidence["context_words"]}


def test_a_word_meets_its_derivation_at_half_weight_but_not_a_sibling_derivation():
    # "sujuvat" is read as the verb sujua, "sujuvammat" as the adjective sujuva derived from it;
    # tehtävä and tekijä both derive from tehdä and mean different things
    earlier = document("vanha-2023", "2023-2025", [("goal", "goal", "Hoitopolut sujuvat ja tehtävät jaetaan.")])
    later = document("uusi-2026", "2026-2029", [("promise", "promise", "Sujuvammat hoitopolut ja tekijät")])
    _, ctx = _context(earlier, later)
    found = _matches(ctx, "vanha-2023/goal", "uusi-2026/promise")
    assert found["sujua"][0] == "sujuva"
    assert found["sujua"][1] == round(BASE_SHARE * ctx.weight("fi", "sujua"), 2)
    assert found["hoitopolku"] == ("hoitopolku", round(ctx.weight("fi", "hoitopolku"), 2))  # the same word: in full
    assert "tehtävä" not in found


def test_a_compound_part_does_not_meet_a_derivation_of_it():
    # ikäryhmä holds the part ikä; ikäinen derives from ikä but says nothing of age groups
    earlier = document("vanha-2023", "2023-2025", [("goal", "goal", "Palvelut kaikille ikäryhmille.")])
    later = document("uusi-2026", "2026-2029", [("goal", "goal", "Ikäiset palvelut kaikille.")])
    _, ctx = _context(earlier, later)
    assert "ikä" not in _matches(ctx, "vanha-2023/goal", "uusi-2026/goal")


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
