"""Lineage's word readings: a Finnish word read by its attribute position, compounds on one head."""

from __future__ import annotations

import pytest

from extract.nlp import analyse
from link.context import contexts
from link.continues import continues
from link.matching import Context, context_pair
from link.readings import lemma_in_context
from lineage_helpers import document


def _read(text: str) -> dict[str, str]:
    return {t.text: lemma_in_context(t) for t in analyse(text, "fi") if t.is_alpha}


@pytest.mark.parametrize("text, word, lemma", [
    ("Tavoitteena ovat toimivat palveluketjut.", "toimivat", "toimiva"),  # attribute before its noun
    ("Kehitämme sujuvat ja toimivat palvelut.", "sujuvat", "sujuva"),  # coordinated attributes share the noun
    ("Kehitämme sujuvat ja toimivat palvelut.", "toimivat", "toimiva"),
    ("Valitsemme edullisimman ja nopeimman tavan.", "tavan", "tapa"),  # noun after its attribute
    ("Valitse halvin tapa.", "tapa", "tapa"),
    ("Vahvistamme varhaisen tuen malleja.", "tuen", "tuki"),
    ("Asiakkaat toimivat yhdessä.", "toimivat", "toimia"),  # a subject before the verb: the verb stays
    ("Palvelut sujuvat hyvin.", "sujuvat", "sujua"),
    ("Heikko tilanne paranee.", "tilanne", "tilanne"),  # not tila with a possessive suffix
    ("Tarvitsemme erityistä osaamista.", "osaamista", "osata"),  # an infinitive is no finite verb: kept
])
def test_a_word_is_read_by_its_attribute_position(text, word, lemma):
    assert _read(text)[word] == lemma


def test_a_compound_on_the_same_head_counts_in_part_only_in_the_other_statements_own_text():
    earlier = document("vanha-2023", "2023-2025", [("goal", "goal", "Kehitämme hoitoketjuja.")])
    later = document("uusi-2026", "2026-2029", [
        ("own", "promise", "Selkeämmät asiakasketjut"),
        ("ctx", "promise", "Selkeämmät palvelut"),
        ("ctx-act", "action", "Kuvaamme asiakasketjut.", "ctx"),
    ])
    docs = [earlier, later]
    ctx = Context(docs, contexts=contexts(docs))
    goal = ctx.statements["vanha-2023/goal"]
    own = context_pair(ctx, goal, ctx.statements["uusi-2026/own"])
    match = next(m for m in own.evidence["context_words"] if m[0] == "hoitoketju")
    assert match[1] == "asiakasketju" and match[3] == "text"
    assert 0 < match[2] < ctx.weight("fi", "hoitoketju")  # the head's share of the compound, not all of it
    in_context = context_pair(ctx, goal, ctx.statements["uusi-2026/ctx"])
    assert "hoitoketju" not in {m[0] for m in in_context.evidence["context_words"]}


def test_a_successor_of_one_listed_item_is_narrowed():
    goal = "Keskeisiä keinoja ovat etäpalvelujen käyttö, kotihoidon vahvistaminen ja kerhotoiminta nuorille."
    earlier = document("vanha-2023", "2023-2025", [("goal", "goal", goal)])
    later = document("uusi-2026", "2026-2029", [
        ("youth", "promise", "Kerhotoiminta nuorille laajenee"),
        ("youth-act", "action", "Avaamme uusia kerhoja nuorille iltaisin.", "youth"),
    ])
    docs = [earlier, later]
    found = {l.target_id: l for l in continues(docs, (), Context(docs, contexts=contexts(docs)))}
    assert found, "the youth item continues"
    assert all(l.evidence["change"] == "narrowed" and "item" in l.evidence for l in found.values())
