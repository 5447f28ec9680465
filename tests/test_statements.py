"""Statement typing on written units: rules that read structure, not one document's texts."""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from extract.statements import type_statements
from extract.structure import Unit


def _units(*specs: tuple) -> list[Unit]:
    """(page, role, text[, number[, chars_per_line]]) → units in order."""
    out = []
    for i, spec in enumerate(specs):
        page, role, text = spec[:3]
        number: Optional[str] = spec[3] if len(spec) > 3 else None
        width = spec[4] if len(spec) > 4 else 60.0
        same = [s for s in specs if s[0] == page]
        out.append(
            Unit(i, text, role, 1 if role == "heading" else None, f"{number}." if number else None, number, page,
                 "fi", spec is same[0], spec is same[-1], width)
        )
    return out


def _typed(units: list[Unit]) -> list[tuple[str, str, Optional[str]]]:
    typed, _ = type_statements(units)
    return [(t.kind, t.text, t.parent_key) for t in typed]


def test_a_goal_list_goes_on_over_the_page_break_after_its_cue():
    units = _units(
        (1, "paragraph", "Johdanto, joka kertoo strategiasta pitkästi ja monella sanalla ilman listaa."),
        (1, "heading", "Keskeiset tavoitteet"),
        (2, "list_item", "Palvelujen saatavuus paranee.", "1"),
        (2, "list_item", "Talous on tasapainossa.", "2"),
    )
    assert [(k, t) for k, t, _ in _typed(units)] == [
        ("goal", "Palvelujen saatavuus paranee."), ("goal", "Talous on tasapainossa.")
    ]


def test_a_box_title_ranking_below_the_cue_atop_the_next_page_carries_the_cues_statements():
    # the cue and its introduction end a page, the box title and its statements open the next, and a heading
    # of the cue's rank after them starts another section; most chapters open a page, so pages are the sheets
    units = _units(
        (1, "paragraph", "Pyrimme olemaan lähellä ja läsnä asukkaidemme elämässä monin eri tavoin ja kanavin."),
        (1, "paragraph", "Tarjoamme asukkaillemme monipuolisia palveluja arjen eri tilanteisiin koko alueella."),
        (1, "heading", "Meitä ohjaavat selkeät tavoitteet"),
        (1, "paragraph", "Palveluiden tuottamisessa keskitymme asiakaslähtöisyyteen, laatuun ja vaikuttavuuteen. "
                         "Lisäksi painotamme ennaltaehkäisevän ja varhaisen tuen palveluita."),
        (1, "paragraph", "Seuraamme tavoitteiden toteutumista tarkasti ja hyödynnämme tutkittua tietoa."),
        (2, "heading", "Lue lisää tavoitteista ja mittareista: keusote.fi"),
        (2, "paragraph", "Palveluun pääsy toteutuu lainsäädännön tavoitteiden mukaisesti."),
        (2, "paragraph", "Taloutemme on kestävällä pohjalla."),
        (2, "paragraph", "Asukkaiden suositteluindeksi on yli 60."),
        (2, "heading", "Strategian valmistelu"),
        (2, "paragraph", "Strategiaa on valmisteltu laajassa yhteistyössä."),
        *[(page, kind, text) for page in (3, 4, 5) for kind, text in (
            ("heading", f"Luku {page}"), ("paragraph", "Sivu alkaa luvun otsikolla, kuten tässä asiakirjassa usein."))],
    )
    units[5] = replace(units[5], level=2)  # the box title; the cue and the other headings are of level 1
    assert [t for _, t, _ in _typed(units)] == [
        "Palveluun pääsy toteutuu lainsäädännön tavoitteiden mukaisesti.", "Taloutemme on kestävällä pohjalla.",
        "Asukkaiden suositteluindeksi on yli 60."]


def test_change_promise_pages_give_promises_that_parent_their_actions_and_results():
    units = _units(
        (1, "heading", "Muutoslupaukset"),
        (1, "paragraph", "Strategiassa on kuusi muutoslupausta, jotka kuvataan seuraavilla sivuilla tarkemmin."),
        (2, "heading", "Jokaiselle omalääkäri"),
        (2, "heading", "Miksi meidän tulee uudistua"),
        (2, "paragraph", "Hoidon jatkuvuus on heikentynyt, ja sen parantaminen vähentää turhia käyntejä selvästi."),
        (2, "heading", "Näin toteutamme"),
        (2, "list_item", "Luomme omalääkärimallin.", "1"),
        (2, "heading", "Vaikutukset"),
        (2, "list_item", "Potilastyytyväisyys kasvaa."),
    )
    typed = _typed(units)
    assert ("promise", "Jokaiselle omalääkäri", None) in typed
    assert ("action", "Luomme omalääkärimallin.", "jokaiselle omalääkäri") in typed
    assert ("result", "Potilastyytyväisyys kasvaa.", "jokaiselle omalääkäri") in typed


def test_a_promise_whose_results_are_printed_on_the_next_page_is_a_promise():
    # a small format: the title, why and how on one page, the results atop the next; then a promise of one page
    units = _units(
        (1, "heading", "Muutoslupaukset"),
        (1, "paragraph", "Strategiassa on kuusi muutoslupausta, jotka kuvataan seuraavilla sivuilla tarkemmin."),
        (2, "heading", "Jokaiselle omalääkäri"),
        (2, "heading", "Näin toteutamme"),
        (2, "list_item", "Luomme omalääkärimallin.", "1"),
        (3, "heading", "Vaikutukset"),
        (3, "list_item", "Potilastyytyväisyys kasvaa."),
        (4, "heading", "Turvallisempaa elämää kotona"),
        (4, "heading", "Näin toteutamme"),
        (4, "list_item", "Kehitämme omaishoitoa.", "1"),
        (4, "heading", "Vaikutukset"),
        (4, "list_item", "Omaishoitajat jaksavat paremmin."),
    )
    typed = _typed(units)
    assert [t for k, t, _ in typed if k == "promise"] == ["Jokaiselle omalääkäri", "Turvallisempaa elämää kotona"]
    assert ("result", "Potilastyytyväisyys kasvaa.", "jokaiselle omalääkäri") in typed
    assert ("action", "Kehitämme omaishoitoa.", "turvallisempaa elämää kotona") in typed


def test_without_a_promise_cue_a_page_with_actions_and_results_is_no_promise():
    units = _units(
        (2, "heading", "Jokaiselle omalääkäri"),
        (2, "heading", "Toimenpiteet"),
        (2, "list_item", "Luomme omalääkärimallin.", "1"),
        (2, "heading", "Tulokset"),
        (2, "list_item", "Potilastyytyväisyys kasvaa."),
    )
    assert "promise" not in {k for k, _, _ in _typed(units)}


def test_items_take_the_nearest_principle_before_them_on_their_page():
    units = _units(
        (1, "heading", "Järjestämisen periaatteet"),
        (1, "heading", "Anna vastuuta"),
        (1, "heading", "Digitalisoi"),
        (2, "heading", "Anna vastuuta"),
        (2, "heading", "Yhteiset tavoitteet"),
        (2, "list_item", "Jokaisella on selkeät tavoitteet.", "1"),
        (2, "heading", "Digitalisoi"),
        (2, "heading", "Yhteiset tavoitteet"),
        (2, "list_item", "Asiointi on digitaalista.", "1"),
    )
    parents = {t: p for k, t, p in _typed(units) if k == "goal"}
    assert parents == {"Jokaisella on selkeät tavoitteet.": "anna vastuuta", "Asiointi on digitaalista.": "digitalisoi"}


PRINCIPLES = ((1, "heading", "Järjestämisen periaatteet"), (1, "heading", "Anna vastuuta"), (1, "heading", "Digitalisoi"),
              (1, "heading", "Uudista ja luovu"))
# the first principle's own page: its title, the common goals' cue and one goal
FIRST_PRINCIPLE = ((2, "heading", "Anna vastuuta"), (2, "heading", "Yhteiset tavoitteet"),
                   (2, "list_item", "Jokaisella on selkeät tavoitteet.", "1"))


def _goal_parents(units: list[Unit], labels: Optional[dict] = None) -> dict[str, Optional[str]]:
    typed, _ = type_statements(units, labels)
    return {t.text: t.parent_key for t in typed if t.kind == "goal"}


def test_a_running_title_carried_on_from_the_page_before_does_not_take_the_items_of_the_next_principle():
    """A slide continued under its first heading's title: the list on it is the second principle's."""
    units = _units(
        *PRINCIPLES,
        *FIRST_PRINCIPLE,
        (2, "heading", "Digitalisoi"), (2, "heading", "Yhteiset tavoitteet"),
        (2, "list_item", "Asiointi on digitaalista.", "1"),
        (3, "list_item", "Kaikki palvelut ovat verkossa.", "2"),
    )
    assert _goal_parents(units, {3: frozenset({"anna vastuuta"})})["Kaikki palvelut ovat verkossa."] == "digitalisoi"


def test_a_running_title_after_an_overview_page_names_the_principle_of_its_page():
    units = _units(
        *PRINCIPLES,
        (2, "heading", "Yhteiset tavoitteet"), (2, "list_item", "Jokaisella on selkeät tavoitteet.", "1"),
        (3, "heading", "Yhteiset tavoitteet"), (3, "list_item", "Asiointi on digitaalista.", "1"),
    )
    assert _goal_parents(units, {2: frozenset({"anna vastuuta"}), 3: frozenset({"digitalisoi"})}) == {
        "Jokaisella on selkeät tavoitteet.": "anna vastuuta", "Asiointi on digitaalista.": "digitalisoi"}


def test_a_list_running_on_atop_a_page_stays_with_its_principle():
    """The page opens with the rest of the list the page before ended in, then the next principle starts."""
    units = _units(
        *PRINCIPLES,
        *FIRST_PRINCIPLE,
        (3, "list_item", "Vastuu ja vapaus kasvavat samassa tahdissa.", "2"),
        (3, "heading", "Digitalisoi"), (3, "heading", "Yhteiset tavoitteet"),
        (3, "list_item", "Asiointi on digitaalista.", "1"),
    )
    assert _goal_parents(units) == {"Jokaisella on selkeät tavoitteet.": "anna vastuuta",
                                    "Vastuu ja vapaus kasvavat samassa tahdissa.": "anna vastuuta",
                                    "Asiointi on digitaalista.": "digitalisoi"}


def test_a_principle_left_at_a_page_foot_heads_the_list_atop_the_next_page():
    units = _units(
        *PRINCIPLES,
        *FIRST_PRINCIPLE,
        (2, "paragraph", "Vastuu on jaettu selkeästi ja kaikki tietävät oman osansa tässä työssä."),
        (2, "heading", "Digitalisoi"),
        (3, "heading", "Yhteiset tavoitteet"), (3, "list_item", "Asiointi on digitaalista.", "1"),
        (3, "heading", "Uudista ja luovu"), (3, "heading", "Yhteiset tavoitteet"),
        (3, "list_item", "Turhasta luovutaan.", "1"),
    )
    assert _goal_parents(units) == {"Jokaisella on selkeät tavoitteet.": "anna vastuuta",
                                    "Asiointi on digitaalista.": "digitalisoi", "Turhasta luovutaan.": "uudista ja luovu"}


def test_a_principle_title_run_together_with_the_heading_after_it_still_heads_its_list():
    """An export that keeps no line ends prints the title and its subheading as one heading."""
    units = _units(
        *PRINCIPLES,
        (2, "heading", "Anna vastuuta Miksi tämä on tärkeää"),
        (2, "paragraph", "Vastuu on jaettu selkeästi ja kaikki tietävät oman osansa tässä työssä."),
        (2, "heading", "Yhteiset tavoitteet"), (2, "list_item", "Jokaisella on selkeät tavoitteet.", "1"),
    )
    assert _goal_parents(units) == {"Jokaisella on selkeät tavoitteet.": "anna vastuuta"}


def test_a_list_in_the_other_language_on_the_next_page_takes_no_container_of_this_one():
    """A bilingual deck: the Swedish slide's list is not under the Finnish slide's principle."""
    units = _units(
        *PRINCIPLES,
        *FIRST_PRINCIPLE,
        (3, "heading", "Gemensamma mål"), (3, "list_item", "Varje medarbetare har tydliga mål.", "1"),
    )
    units = [replace(u, lang="sv") if u.page == 3 else u for u in units]
    assert _goal_parents(units) == {"Jokaisella on selkeät tavoitteet.": "anna vastuuta",
                                    "Varje medarbetare har tydliga mål.": None}


def test_a_principle_pages_before_a_list_does_not_head_it():
    units = _units(
        *PRINCIPLES,
        *FIRST_PRINCIPLE,
        (3, "heading", "Toimintaympäristö"),
        (3, "paragraph", "Väestö ikääntyy ja palvelujen tarve kasvaa koko alueella tulevina vuosina selvästi."),
        (4, "heading", "Keskeiset tavoitteet"), (4, "list_item", "Talous on tasapainossa.", "1"),
    )
    assert _goal_parents(units) == {"Jokaisella on selkeät tavoitteet.": "anna vastuuta", "Talous on tasapainossa.": None}


def test_impact_goals_only_from_a_list_whose_every_item_states_an_effect():
    effects = _units((1, "list_item", "Asukkaiden hyvinvointi paranee."), (1, "list_item", "Palvelujen laatu paranee."))
    mixed = _units((1, "list_item", "Asukkaiden hyvinvointi paranee."), (1, "list_item", "Kustannukset laskevat."))
    assert {k for k, _, _ in _typed(effects)} == {"impact"}
    assert _typed(mixed) == []


def test_a_list_mostly_of_thresholds_is_targets_and_running_text_beside_boxes_is_no_item():
    units = _units(
        (1, "heading", "Tavoitteemme"),
        (1, "paragraph", "Seuraamme näiden tavoitteiden toteutumista tarkasti ja raportoimme niistä vuosittain.", None, 60.0),
        (1, "paragraph", "Suositteluindeksi on yli 60.", None, 18.0),
        (1, "paragraph", "Valmius on korkeintaan 6 minuuttia.", None, 16.0),
        (1, "paragraph", "Henkilöstö voi hyvin.", None, 17.0),
    )
    typed = _typed(units)
    assert [(k, t) for k, t, _ in typed] == [
        ("target", "Suositteluindeksi on yli 60."),
        ("target", "Valmius on korkeintaan 6 minuuttia."),
        ("target", "Henkilöstö voi hyvin."),
    ]


def test_taglines_under_titled_boxes_are_no_principles():
    units = _units(
        (1, "heading", "Järjestämisen periaatteet"),
        (1, "heading", "Anna vastuuta"),
        (1, "heading", "Vahvista luottamukseen perustuvaa toimintakulttuuria"),
        (1, "heading", "Digitalisoi"),
        (1, "heading", "Paranna tuottavuutta digitaalisilla ratkaisuilla"),
    )
    assert [(k, t) for k, t, _ in _typed(units)] == [("principle", "Anna vastuuta"), ("principle", "Digitalisoi")]


def test_an_aim_printed_again_over_a_page_of_goals_is_a_guideline():
    units = _units(
        (1, "heading", "Strategiset päämäärät ja tavoitteet"),
        (1, "paragraph", "Edistämme hyvinvointia."),
        (1, "paragraph", "Uudistamme palveluja."),
        (2, "heading", "Edistämme hyvinvointia."),
        (2, "heading", "Tavoitteet"),
        (2, "list_item", "Osallisuus vahvistuu.", "1"),
    )
    typed = _typed(units)
    assert ("guideline", "Edistämme hyvinvointia.", None) in typed
    assert "aim" in {k for k, t, _ in typed if t == "Uudistamme palveluja."}
    assert ("goal", "Osallisuus vahvistuu.", "edistämme hyvinvointia") in typed


def test_a_cue_alone_atop_a_page_closes_the_items_of_the_page_before_when_none_follow():
    before = _units(
        (1, "heading", "Vertailtavuus"),
        (1, "paragraph", "Kustannusrakenne selvitetään, jotta tuotantotapoja voidaan verrata keskenään."),
        (1, "heading", "Verkostoyhteistyö"),
        (1, "paragraph", "Järjestäjä saa tukea laajalta verkostolta ja kumppaneiltaan."),
        (2, "heading", "Palveluidemme järjestämistä ohjaavat seuraavat periaatteet"),
    )
    after = _units(
        (1, "paragraph", "Johdanto, joka kertoo strategiasta pitkästi ja monella sanalla ilman listaa."),
        (2, "heading", "Järjestämisen periaatteet"),
        (3, "heading", "Vertailtavuus"),
        (3, "heading", "Verkostoyhteistyö"),
    )
    assert [(k, t) for k, t, _ in _typed(before)] == [("principle", "Vertailtavuus"), ("principle", "Verkostoyhteistyö")]
    assert [(k, t) for k, t, _ in _typed(after)] == [("principle", "Vertailtavuus"), ("principle", "Verkostoyhteistyö")]


def test_paragraphs_before_a_box_title_introduce_the_statements_under_it_whatever_their_widths():
    units = _units(
        (1, "heading", "Tavoitteemme"),
        (1, "paragraph", "Keskitymme asiakaslähtöisyyteen ja laatuun.", None, 40.0),
        (1, "paragraph", "Seuraamme tavoitteiden toteutumista tarkasti.", None, 40.0),
        (1, "heading", "Lue lisää mittareista: esimerkki.fi", None, 40.0),
        (1, "paragraph", "Suositteluindeksi on yli 60.", None, 40.0),
        (1, "paragraph", "Henkilöstö voi hyvin.", None, 40.0),
        (1, "heading", "Pelastustoimen valmius on korkeintaan 6 minuuttia (mediaani) taajamissa", None, 40.0),
        (1, "paragraph", "Jonot lyhenevät alle 14 päivään.", None, 40.0),
    )
    assert [(k, t) for k, t, _ in _typed(units)] == [
        ("target", "Suositteluindeksi on yli 60."),
        ("target", "Henkilöstö voi hyvin."),
        ("target", "Pelastustoimen valmius on korkeintaan 6 minuuttia (mediaani) taajamissa"),
        ("target", "Jonot lyhenevät alle 14 päivään."),
    ]


def test_without_a_box_title_the_statements_under_a_result_heading_are_all_items():
    # not tuned on: Swedish, results; a short heading between statements is a title, not a statement
    units = _units(
        (1, "heading", "Resultat vi vill uppnå"),
        (1, "paragraph", "Kundupplevelsen förbättras.", None, 40.0),
        (1, "paragraph", "Tjänsternas smidighet ökar.", None, 40.0),
        (1, "heading", "Hemma", None, 40.0),
        (1, "paragraph", "Närståendevårdarna klarar bättre av vardagen.", None, 40.0),
    )
    assert [(k, t) for k, t, _ in _typed(units)] == [
        ("result", "Kundupplevelsen förbättras."),
        ("result", "Tjänsternas smidighet ökar."),
        ("result", "Närståendevårdarna klarar bättre av vardagen."),
    ]


def test_a_cue_below_its_items_takes_those_begun_on_the_page_before_when_its_page_opens_mid_section():
    units = _units(
        (1, "heading", "Oma palvelutuotanto"),
        (1, "paragraph", "Palvelut tuotetaan yhdessä kumppanien kanssa."),
        (1, "heading", "Vertailtavuus"),
        (1, "paragraph", "Kustannukset selvitetään, jotta vertailu"),
        (2, "paragraph", "onnistuu kaikissa palveluissa."),
        (2, "heading", "Palvelujen verkosto"),
        (2, "paragraph", "Palvelut kootaan yhtenäisiksi ketjuiksi."),
        (2, "heading", "Palveluidemme järjestämistä ohjaavat seuraavat periaatteet"),
    )
    assert [(k, t) for k, t, _ in _typed(units)] == [
        ("principle", "Oma palvelutuotanto"), ("principle", "Vertailtavuus"), ("principle", "Palvelujen verkosto")]
    # a page that opens with a heading of its own keeps its cue to its own items
    units = _units(*[(1, "heading", "Muu otsikko")] + [(2, "heading", "Palvelujen verkosto")]
                   + [(2, "paragraph", "Palvelut kootaan yhtenäisiksi ketjuiksi.")]
                   + [(2, "heading", "Palveluidemme järjestämistä ohjaavat seuraavat periaatteet")])
    assert [(k, t) for k, t, _ in _typed(units)] == [("principle", "Palvelujen verkosto")]


def test_one_sentence_paragraphs_around_a_reprinted_guideline_are_its_aims_on_a_page_that_runs_on():
    units = _units(
        (1, "heading", "Strategiset linjaukset"),
        (1, "paragraph", "Edistämme hyvinvointia."),
        (1, "paragraph", "Uudistamme palveluja."),
        (1, "paragraph", "Palvelumme ovat sujuvia."),
        (1, "paragraph", "Palvelumme vastaavat tarpeita."),
        (1, "paragraph", "Edistämme hyvinvointia."),
        (1, "heading", "Valtuustokauden tavoitteet"),
        (1, "list_item", "Asiakkaat ovat tyytyväisiä.", "1"),
        # not tuned on: the guideline reprinted before its aims, and a lone short sentence beside a reprint
        (1, "paragraph", "Uudistamme palveluja."),
        (1, "paragraph", "Talous on tasapainossa."),
        (1, "paragraph", "Kustannukset pysyvät kurissa."),
        (1, "heading", "Muuta"),
        (1, "paragraph", "Kehitämme toimintaamme tutkitun tiedon pohjalta ja kuulemme asukkaita monin tavoin, koska "
                         "jokaisen ääni on tärkeä ja palvelut paranevat vain yhdessä tekemällä. Se vie aikaa."),
        (1, "paragraph", "Arvioimme vaikutuksia."),
        (1, "paragraph", "Edistämme hyvinvointia."),
    )
    typed = _typed(units)
    assert [t for k, t, _ in typed if k == "aim"] == [
        "Palvelumme ovat sujuvia.", "Palvelumme vastaavat tarpeita.", "Talous on tasapainossa.", "Kustannukset pysyvät kurissa."]
    assert [t for k, t, _ in typed if k == "guideline"] == ["Edistämme hyvinvointia.", "Uudistamme palveluja."]


def _document(*pages: list[tuple[str, str, Optional[int]]]):
    """Units of a document of (text, role, heading level) blocks per page, as any reader gives them."""
    from extract.records import Block, Page, SourceDocument
    from extract.structure import build_units

    built = [Page(n, tuple(Block((text,), n, role, level) for text, role, level in blocks))
             for n, blocks in enumerate(pages, 1)]
    return build_units(SourceDocument("s.pdf", "pdf", tuple(built), len(built)), ("sv",))


def test_a_cue_title_run_into_the_paragraph_before_is_a_heading_that_names_the_next_item():
    # pages that ran on set "RIKTLINJE 2" at the end of the text before; the guideline heads the next page
    units = _document(
        [("RIKTLINJE 1", "heading", 1), ("Vi är nära invånarna", "heading", 2),
         ("Tjänsterna ordnas nära hemmet. Vi lyssnar på invånarna och deras närstående. RIKTLINJE 2", "paragraph", None)],
        [("Vi förnyar tjänsterna hållbart", "heading", 2), ("Förnyelse kräver mod och samarbete.", "paragraph", None)],
    )
    assert [(u.page, u.role, u.text) for u in units[2:4]] == [
        (1, "paragraph", "Tjänsterna ordnas nära hemmet. Vi lyssnar på invånarna och deras närstående."),
        (1, "heading", "RIKTLINJE 2")]
    typed, _ = type_statements(units)
    assert [(t.kind, t.text) for t in typed] == [
        ("guideline", "Vi är nära invånarna"), ("guideline", "Vi förnyar tjänsterna hållbart")]
    # a sentence's last words stay in it, capitals or not
    kept = _document([("Vi mäter det varje år. Mål och mätare", "paragraph", None),
                      ("Vi följer upp det. TACK", "paragraph", None)])
    assert [u.text for u in kept] == ["Vi mäter det varje år. Mål och mätare", "Vi följer upp det. TACK"]


def test_values_that_fill_their_page_go_on_atop_a_next_page_without_a_title():
    # an overview too long for its page: the last values, then the guidelines under a cue set below them
    units = _document(
        [("Strategi", "heading", 1), ("VÄRDERINGAR", "heading", 2), ("Öppet", "heading", 2), ("Modigt", "heading", 2)],
        [("Ansvarsfullt", "heading", 2), ("Vi är nära invånarna", "heading", 2),
         ("Vi förnyar tjänsterna hållbart", "heading", 2), ("RIKTLINJER", "heading", 2)],
        [("RIKTLINJE 1", "heading", 1), ("Vi är nära invånarna", "heading", 2),
         ("Närhet betyder korta vägar till hjälp.", "paragraph", None)],
        [("RIKTLINJE 2", "heading", 1), ("Vi förnyar tjänsterna hållbart", "heading", 2)],
        [("Värderingar", "heading", 1), ("Ansvarsfullt", "heading", 2),
         ("Vi tar ansvar för ekonomin.", "paragraph", None), ("Vi tar ansvar för miljön.", "paragraph", None)],
    )
    typed, _ = type_statements(units)
    kinds = {t.text: t.kind for t in typed}
    assert [t for t, k in kinds.items() if k == "value"] == ["Öppet", "Modigt", "Ansvarsfullt"]
    assert kinds["Vi är nära invånarna"] == "guideline"
    assert "aim" not in kinds.values()  # a value printed again is no guideline whose page holds aims


def test_a_numbered_cue_that_ends_its_page_names_the_first_item_of_the_next_page_not_the_items_above_it():
    text = ("Området växer och åldras. Tjänsterna behöver förnyas i samma takt. Det kräver samarbete.", "paragraph", None)
    units = _document(
        [text, text, ("RIKTLINJE 1", "heading", 2), ("Vi är nära invånarna", "heading", 2),
         ("Trygghet skapas tillsammans", "heading", 2), text, ("RIKTLINJE 2", "heading", 2)],
        [("Vi förnyar tjänsterna hållbart", "heading", 2), ("Ekonomin styr valen", "heading", 2), text],
    )
    typed, _ = type_statements(units)
    assert [(t.kind, t.text) for t in typed] == [
        ("guideline", "Vi är nära invånarna"), ("guideline", "Vi förnyar tjänsterna hållbart")]


def test_a_list_that_ends_its_page_goes_on_with_the_items_atop_the_next_page():
    units = _units(
        (1, "heading", "Resultat vi vill uppnå"),
        (1, "list_item", "Tryggheten i hemmet ökar."),
        (1, "list_item", "Kostnaderna sjunker."),
        (2, "list_item", "Närstående klarar bättre av vardagen."),
        (2, "paragraph", "Arbetet följs upp varje år tillsammans med kommunerna och organisationerna i området."),
        (2, "list_item", "En lista utan rubrik efter texten."),
    )
    assert [(k, t) for k, t, _ in _typed(units)] == [
        ("result", "Tryggheten i hemmet ökar."), ("result", "Kostnaderna sjunker."),
        ("result", "Närstående klarar bättre av vardagen.")]


def test_a_cue_that_ends_its_page_does_not_run_into_a_next_page_that_opens_with_a_table():
    units = _units(
        (1, "paragraph", "Strategin beskriver hur välfärdsområdet förnyar sina tjänster under de kommande åren."),
        (1, "heading", "Riktlinjer"),
        (2, "table", "Vad är välfärdsområdet | skärgård och kustregion"),
        (2, "heading", "Tvåspråkig arbetsplats"),
        (2, "heading", "Flerspråkig befolkning"),
    )
    assert _typed(units) == []


def test_a_numbered_cue_glued_to_the_end_of_a_paragraph_still_titles_the_statement_after_it():
    units = _document([
        ("Riktlinje 1", "heading", 1),
        ("Vi främjar ett gott liv", "heading", 2),
        ("Våra tjänster svarar mot behoven hos vår växande befolkning. Riktlinje 2", "paragraph", None),
        ("Vi ordnar tjänster på ett hållbart sätt", "heading", 2),
        ("Välfärdsområdet ansvarar för att ordna tjänster för sina invånare i hela området.", "paragraph", None),
    ])
    assert [(k, t) for k, t, _ in _typed(units)] == [
        ("guideline", "Vi främjar ett gott liv"), ("guideline", "Vi ordnar tjänster på ett hållbart sätt")
    ]
