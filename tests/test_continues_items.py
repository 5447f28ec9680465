"""continues item by item: a goal listing several fields lives on in later units that take one field each."""

from __future__ import annotations

import pytest

from link.context import contexts
from link.continues import CONTEXT_THRESHOLD, continues
from link.enumeration import enumeration, is_lead_in, item_texts
from link.matching import Context, context_pair
from lineage_helpers import document


@pytest.mark.parametrize("sentence, frame, items", [
    ("Rakennetaan kuntien kanssa yhteistyömallit erityisesti lasten ja nuorten palveluissa, "
     "työllisyyden edistämisessä sekä kotoutumisessa.",
     "Rakennetaan kuntien kanssa yhteistyömallit erityisesti",
     ["lasten ja nuorten palveluissa", "työllisyyden edistämisessä", "kotoutumisessa"]),
    ("Keskeisiä keinoja ovat sujuvat palveluketjut, kustannustietoisuus ja digi- ja etäpalvelujen käyttö.",
     "Keskeisiä keinoja ovat",
     ["sujuvat palveluketjut", "kustannustietoisuus", "digi- ja etäpalvelujen käyttö"]),
    ("Vi främjar samarbete med kommuner, organisationer och företag.",
     "Vi främjar samarbete med", ["kommuner", "organisationer", "företag"]),
])
def test_an_enumeration_is_read_as_its_frame_and_items(sentence, frame, items):
    lang = "sv" if sentence.startswith("Vi ") else "fi"
    assert enumeration(sentence, lang) == (frame, items)


@pytest.mark.parametrize("sentence", [
    "Käynnistetään toimitilasuunnittelu, joka tukee palvelustrategian tavoitteita ja edistää taloutta.",
    "Vaikutamme siihen, että rahoitus on oikeudenmukainen ja että se takaa palvelut.",
    "Lasten ja nuorten palveluja vahvistetaan.",
    "Palveluja uudistetaan, koska tarpeet muuttuvat nopeasti ja väestö ikääntyy koko alueella tasaisesti.",
])
def test_a_clause_or_a_pair_is_no_enumeration(sentence):
    assert enumeration(sentence, "fi") is None
    assert item_texts(sentence, "fi") == []


GOAL = ("Kehitetään kuntien kanssa yhteistyön mallit erityisesti ikäihmisten kotihoidossa, "
        "työllisyyden edistämisessä, kotoutumisen tukemisessa sekä nuorisotyössä.")
LATER = [
    ("home", "promise", "Ikäihmisten kotihoito vahvistuu"),
    ("home-act", "action", "Uudistamme ikäihmisten kotihoitoa.", "home"),
    ("youth", "promise", "Nuorisotyö vahvistuu"),
    ("clubs", "action", "Lisäämme kerhotoimintaa iltaisin.", "youth"),
    ("digi", "promise", "Digitaaliset palvelut kaikille"),
    ("digi-act", "action", "Avaamme sähköisen asioinnin kanavan.", "digi"),
    ("staff", "promise", "Henkilöstön hyvinvointi paranee"),
    ("staff-act", "action", "Tuemme esihenkilöiden johtamistyötä.", "staff"),
]


def test_a_goal_continues_in_the_units_that_take_one_of_its_items():
    """Against the whole goal each later unit holds one field of four (too little); against that field's item,
    the unit printing it holds it. The clubs action holds the youth work only through its promise: no link."""
    earlier = document("vanha-2023", "2023-2025", [("goal", "goal", GOAL)])
    later = document("uusi-2026", "2026-2029", LATER)
    docs = [earlier, later]
    ctx = Context(docs, contexts=contexts(docs))
    goal = ctx.statements["vanha-2023/goal"]
    assert context_pair(ctx, goal, ctx.statements["uusi-2026/youth"]).score < CONTEXT_THRESHOLD
    found = {l.target_id: l for l in continues(docs, (), ctx)}
    assert {"uusi-2026/home", "uusi-2026/youth"} <= set(found) or {"uusi-2026/home-act", "uusi-2026/youth"} <= set(found)
    assert not {"uusi-2026/clubs", "uusi-2026/digi", "uusi-2026/digi-act", "uusi-2026/staff",
                "uusi-2026/staff-act"} & set(found)
    assert found["uusi-2026/youth"].evidence["item"].endswith("nuorisotyössä")


def test_an_items_words_are_read_as_in_the_goal_not_alone():
    """'tapa' alone reads as the verb tappaa, after 'kustannusvaikuttavin' as the noun tapa: the item's words
    are those of its bag, so a later unit printing the item is scored without a missing word."""
    goal = "Valitaan kustannusvaikuttavin tapa, lähipalvelut ja kotihoito."
    earlier = document("vanha-2023", "2023-2025", [("goal", "goal", goal)])
    later = document("uusi-2026", "2026-2029", [("way", "promise", "Valitaan aina kustannusvaikuttavin tapa")])
    docs = [earlier, later]
    ctx = Context(docs, contexts=contexts(docs))
    items = ctx.items(ctx.statements["vanha-2023/goal"])
    assert items[0].text == "Valitaan kustannusvaikuttavin tapa"
    assert "tapa" in ctx.item_words[items[0].id]
    assert all(ctx.item_words[i.id] <= ctx.bags[i.id].own for i in items)
    continues(docs, (), ctx)  # compares each item with the later unit


@pytest.mark.parametrize("frame, lang, lead_in", [
    ("Keskeisiä keinoja ovat", "fi", True),
    ("Painopisteemme:", "fi", True),
    ("De viktigaste medlen är", "sv", True),
    ("Rakennetaan kuntien kanssa yhteistyömallit erityisesti", "fi", False),
    ("Vi främjar samarbete med", "sv", False),
])
def test_a_frame_closed_by_the_copula_or_a_colon_is_a_lead_in(frame, lang, lead_in):
    assert is_lead_in(frame, lang) is lead_in


MEANS = ("Talouden tasapainottamisen keskeisiä keinoja ovat monituottajamallin hyödyntäminen, "
         "sujuvat hoitopolut ja kustannustietoisuus.")


def test_after_a_lead_in_each_item_continues_on_its_own():
    """Each means of the list lives on in a later unit of its own, one of which another goal continues too:
    the item is judged on its own words (the lead-in is its context) and is a source of its own in the
    selection, so neither the goal's other successor nor the other goal's better pair keeps it out."""
    earlier = document("vanha-2023", "2023-2025", [
        ("means", "goal", MEANS),
        ("private", "goal", "Yksityisten palvelujen osuutta kasvatetaan monituottajamallin hyödyntämisellä."),
    ])
    later = document("uusi-2026", "2026-2029", [
        ("paths", "promise", "Sujuvat hoitopolut kaikille"),
        ("model", "goal", "Hyödynnämme monituottajamallia yksityisten palvelujen kanssa"),
        ("staff", "promise", "Henkilöstön hyvinvointi paranee"),
    ])
    docs = [earlier, later]
    ctx = Context(docs, contexts=contexts(docs))
    found = {(l.source_id, l.target_id): l for l in continues(docs, (), ctx)}
    assert ("vanha-2023/private", "uusi-2026/model") in found
    assert ("vanha-2023/means", "uusi-2026/paths") in found
    assert found[("vanha-2023/means", "uusi-2026/model")].evidence["item"].endswith("monituottajamallin hyödyntäminen")
    assert not any(t == "uusi-2026/staff" for _, t in found)
