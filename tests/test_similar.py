"""similar_to on small written strategies: word bases, context, kinds and the near-best rule."""

from __future__ import annotations

import pytest

from link.context import contexts
from link.derivation import word_bases
from link.matching import Candidate, Context
import link.similar as similar_module
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


def _with_passages(doc_id: str, region: str, sections: list[tuple[str, list[tuple]]]):
    """A document of sections, each (heading, [(role, text) or (role, text, statement kind)]): passages in order,
    a passage with a kind also printed as a statement of that kind (as extraction types them)."""
    from dataclasses import replace

    from extract.records import Passage, Section, Statement

    base = document(doc_id, "2023-2025", [], region=region, organisation=region)
    secs, passages, statements, n = [], [], [], 0
    for i, (heading, rows) in enumerate(sections, 1):
        sid = f"{doc_id}/s{i:04d}"
        secs.append(Section(sid, doc_id, None, i, 1, heading, "", "fi", i, i))
        for row in [("heading", heading), *rows]:
            n += 1
            passages.append(Passage(f"{doc_id}/p{n:04d}", doc_id, sid, n, row[0], None, None, row[1], "fi", i))
            if len(row) > 2:
                statements.append(Statement(f"{doc_id}/g{n:04d}", doc_id, sid, None, n, row[2], None, row[1], "fi", i))
    return replace(base, sections=tuple(secs), passages=tuple(passages), statements=tuple(statements))


MIDDLE = _with_passages("middle-2023", "Keski", [
    ("Strategiset tavoitteet", [("paragraph", "Uudistamme palveluja vaikuttavasti ja ekologisesti kestävästi.")]),
    ("Palvelustrategia", [
        ("paragraph", "Strategiaan sisältyy palvelustrategia, jossa palveluja järjestetään ja uudistetaan kestävällä tavalla."),
        ("heading", "Kevennetty palvelurakenne", "principle"),
        ("paragraph", "Palvelutuotannossa panostetaan matalan kynnyksen palveluihin ja kevyisiin palveluihin."),
        ("heading", "Vertailtavuus", "principle"),
    ]),
])


def test_a_typed_sections_passages_are_the_explanation_of_a_statement_or_its_introduction():
    from link.context import explained, passage_units

    under = explained(MIDDLE)
    intro, explanation = "middle-2023/p0004", "middle-2023/p0006"
    assert under[intro] is None and under["middle-2023/p0003"] is None  # the introduction and the section's title
    assert under[explanation] == "middle-2023/g0005"  # the sentence under the principle's heading
    assert "middle-2023/p0002" not in under  # a section of no statement: its passages are not decided here
    units = {u.id: u for u in passage_units(MIDDLE)}
    assert intro not in units and units[explanation].parent_id == "middle-2023/g0005"
    found = contexts([MIDDLE])
    assert ("explanation", explanation) in {(label, unit) for label, unit, _ in found["middle-2023/g0005"]}
    assert found[explanation] == [("parent", "middle-2023/g0005", "Kevennetty palvelurakenne")]


def test_an_introduction_sentence_is_no_partner_though_it_shares_more_words():
    west = _west([("g", "guideline", "Järjestämme ja uudistamme palveluja kestävällä tavalla."),
                  ("m", "goal", "Matalan kynnyksen palveluja vahvistetaan kaikissa ikäryhmissä.", "g")])
    docs = [west, MIDDLE]
    pairs = {(l.source_id, l.target_id): l for l in similar_to(docs, Context(docs, contexts=contexts(docs)))}
    assert ("west-2023/g", "middle-2023/p0002") in pairs  # the strategic goal (a section of no statement)
    assert not [k for k in pairs if "middle-2023/p0004" in k]  # the introduction, though it has järjestää too
    assert pairs[("west-2023/m", "middle-2023/p0006")].evidence["kinds"] == ["goal", "passage"]


def test_words_of_one_concept_meet_on_it():
    from link.similar import concept_table

    assert "≈hyvinvointi" in concept_table()["hyvinvoiva"] and "≈hyvinvointi" in concept_table()["hyvinvointi"]
    west = _west([("a", "aim", "Huolehdimme työhyvinvoinnista ja henkilöstön osaamisesta."),
                  ("b", "aim", "Asiakkaat saavat palvelut ajallaan.")])
    middle = _middle([("a", "target", "Henkilöstö on hyvinvoiva ja kyvykäs."),
                      ("b", "target", "Palvelut ovat lähellä asukkaita.")])
    links = {(l.source_id, l.target_id): l for l in similar_to([west, middle])}
    words = {w[0] for w in links[("middle-2023/a", "west-2023/a")].evidence["source_words"]}
    assert {"≈hyvinvointi", "≈osaaminen"} <= words


def test_genitive_attributes_are_told_from_what_a_text_is_about():
    from link.attributes import attribute_words

    attributes, others = attribute_words("Asukkaiden ja henkilöstön osallisuus")
    assert attributes == {"asukas", "henkilöstö"} and "osallisuus" in others
    assert attribute_words("Arvostamme henkilöstömme osaamista.")[0] == {"henkilöstö"}  # the possessive's genitive
    assert "palvelu" not in attribute_words("Palvelumme vastaavat asiakkaidemme tarpeita")[0]  # a subject, its verb


@pytest.mark.parametrize("text, linked", [("Arvostamme henkilöstömme osaamista.", False),
                                          ("Henkilöstö arvostaa osaamista.", True)])
def test_statements_sharing_only_whose_are_not_similar(text, linked):
    # "henkilöstön osallisuus" and "henkilöstömme osaaminen" share whose, not what; the same words with
    # henkilöstö as the subject make a link of the same score
    west = _west([("a", "aim", "Asukkaiden ja henkilöstön osallisuus"), ("b", "aim", "Palvelut ovat lähellä asukkaita.")])
    middle = _middle([("a", "principle", text), ("b", "target", "Palveluihin pääsee ajallaan.")])
    pairs = {(l.source_id, l.target_id) for l in similar_to([west, middle])}
    assert (("middle-2023/a", "west-2023/a") in pairs) is linked
    assert ("middle-2023/b", "west-2023/b") in pairs


def test_a_pool_of_one_region_or_organisation_is_not_compared(monkeypatch):
    """Two strategies of one organisation (or one region) may not link: their pool is left alone; another
    organisation of another region brings the comparison back."""
    texts = [("g", "goal", "Asiakkaat saavat palvelua ajallaan ja asiakkaiden tyytyväisyys kasvaa.")]
    same_organisation = document("west-b", "2023-2025", texts, region="Keski", organisation="Länsi")
    same_region = document("west-c", "2023-2025", texts, region="Länsi", organisation="Keski")
    compared: list[int] = []
    real = similar_module._pool_pairs
    monkeypatch.setattr(similar_module, "_pool_pairs", lambda ctx, units, *rest: compared.append(len(units))
                        or real(ctx, units, *rest))
    assert similar_to([_west(texts), same_organisation]) == similar_to([_west(texts), same_region]) == []
    assert compared == []
    links = similar_to([_west(texts), _middle(texts)])
    assert compared == [2] and [(l.source_id, l.target_id) for l in links] == [("middle-2023/g", "west-2023/g")]


def test_an_organisation_named_in_swedish_is_the_same_organisation():
    """A county's Swedish strategy and its Finnish deck are one organisation's, whatever region a manifest gives."""
    texts = [("g", "goal", "Asiakkaat saavat palvelua ajallaan ja asiakkaiden tyytyväisyys kasvaa.")]
    finnish = document("luvn-fi", "2023-2025", texts, region="Länsi-Uusimaa 1", organisation="Länsi-Uudenmaan hyvinvointialue")
    swedish = document("luvn-sv", "2023-2025", texts, region="Länsi-Uusimaa 2", organisation="Västra Nylands välfärdsområde")
    other = document("keusote", "2023-2025", texts, region="Keski-Uusimaa", organisation="Keski-Uudenmaan hyvinvointialue")
    assert similar_to([finnish, swedish]) == []
    assert [(l.source_id, l.target_id) for l in similar_to([finnish, other])] == [("keusote/g", "luvn-fi/g")]
