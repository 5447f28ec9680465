"""Cue headings read by their head noun: every alternative in extract/lang has a case here."""

from __future__ import annotations

import pytest

from extract.cues import read_cue
from extract.lang import fi, sv


CASES = [
        ("Valtuustokauden tavoitteet:", "goal"),
        ("Strategiset tavoitteet", "goal"),
        ("Keskeiset tavoitteet", "goal"),
        ("Yhteiset tavoitteet", "goal"),
        ("Tavoitteemme valtuustokaudelle", "goal"),
        ("Toimintatavoitteet 2024", "goal"),
        ("Strategiset päämäärät", "aim"),
        ("Toimenpiteet", "action"),
        ("Keskeiset keinot", "action"),
        ("Teot", "action"),
        ("Miten uudistumme", "action"),
        ("Näin toteutamme", "action"),
        ("Mitä teemme", "action"),
        ("Vaikutukset", "result"),
        ("Tulokset", "result"),
        ("Vaikuttavuus", "result"),
        ("Millaisia vaikutuksia tavoittelemme", "result"),
        ("Mihin pyrimme", "result"),
        ("Vaikuttavuustavoitteet", "impact"),
        ("Mittarit", "target"),
        ("Tavoitetasot", "target"),
        ("Tavoitearvot", "target"),
        ("Indikaattorit", "target"),
        ("Keskeiset tunnusluvut", "target"),
        ("Arvomme", "value"),
        ("Yhteiset arvot", "value"),
        ("01 Perustehtävämme", "mission"),
        ("Missio", "mission"),
        ("Toiminta-ajatus", "mission"),
        ("Tehtävämme", "mission"),
        ("Arvopohjamme", "value"),
        ("Strategiset valinnat", "guideline"),
        ("Visiomme", "vision"),
        ("Tulevaisuuskuva 2030", "vision"),
        ("Strategiset linjaukset", "guideline"),
        ("Painopisteet", "guideline"),
        ("Painopistealueet", "guideline"),
        ("Strategian kärjet", "guideline"),
        ("Palveluidemme järjestämistä ohjaavat seuraavat periaatteet", "principle"),
        ("Muutoslupaukset", "promise"),
        ("Lupauksemme", "promise"),
        ("Gemensamma mål", "goal"),
        ("Våra mål", "goal"),
        ("Strategiska mål", "goal"),
        ("Målsättningar", "goal"),
        ("Delmål", "goal"),
        ("Åtgärder", "action"),
        ("Insatser", "action"),
        ("Hur vi förnyar oss", "action"),
        ("Så här gör vi", "action"),
        ("Vad vi gör", "action"),
        ("Effekter", "result"),
        ("Resultat", "result"),
        ("Resultat vi vill uppnå", "result"),
        ("Vad vi vill uppnå", "result"),
        ("Effektmål", "impact"),
        ("Mätare", "target"),
        ("Målnivåer", "target"),
        ("Indikatorer", "target"),
        ("Nyckeltal", "target"),
        ("VÄRDERINGAR", "value"),
        ("Våra värden", "value"),
        ("GRUNDLÄGGANDE UPPGIFT", "mission"),
        ("Vår uppgift", "mission"),
        ("Mission", "mission"),
        ("Vårt uppdrag", "mission"),
        ("Vår värdegrund", "value"),
        ("Strategiska val", "guideline"),
        ("Vision", "vision"),
        ("Framtidsbild", "vision"),
        ("RIKTLINJER", "guideline"),
        ("Fokusområden", "guideline"),
        ("Principer för ordnande", "principle"),
        ("Förändringslöften", "promise"),
        ("Våra löften", "promise"),
]


@pytest.mark.parametrize("heading,kind", CASES)
def test_a_heading_announces_the_kind_its_head_noun_names(heading: str, kind: str) -> None:
    cue = read_cue(heading)
    assert cue is not None and cue.kinds[0] == kind, (heading, cue)


@pytest.mark.parametrize("noun,kind", sorted({**fi.CUE_NOUNS, **sv.CUE_NOUNS}.items()))
def test_every_cue_noun_alone_is_a_cue_of_its_kind(noun: str, kind: str) -> None:
    assert read_cue(noun.capitalize()).kinds == (kind,)


@pytest.mark.parametrize("pattern,kind", fi.CUE_PHRASES + sv.CUE_PHRASES)
def test_every_cue_phrase_has_a_case(pattern: str, kind: str) -> None:
    import re

    from extract.clean.normalize import match_key

    assert any(re.search(pattern, match_key(h)) and k == kind for h, k in CASES), pattern


@pytest.mark.parametrize(
    "heading",
    [
        "Lue lisää tavoitteista ja mittareista: keusote.fi",  # elative, and a link
        "Saavutamme parhaat tulokset sujuvalla yhteistyöllä",  # object of a clause
        "Vi arbetar för gemensamma mål",  # after a preposition
        "Vi uppnår de bästa resultaten genom målinriktat samarbete",  # a clause
        "Tavoitteet saavutettiin hyvin.",  # a sentence
        "Varför behövs förnyelse",
        "Miksi meidän tulee uudistua",
        "Hyvinvointia yhdessä",
        "Tämä otsikko on aivan liian pitkä ollakseen yksi niistä tavoitteet-otsikoista",
    ],
)
def test_a_heading_that_is_no_cue(heading: str) -> None:
    assert read_cue(heading) is None


def test_coordinated_cue_nouns_announce_both_kinds_in_order() -> None:
    assert read_cue("Strategiset päämäärät ja tavoitteet").kinds == ("aim", "goal")
    assert read_cue("Strategiset linjaukset ja päämäärät").kinds == ("guideline", "aim")


@pytest.mark.parametrize("heading", ["RIKTLINJE 2", "Muutoslupaus 3", "Tavoite 1"])
def test_a_numbered_singular_heading_titles_one_statement(heading: str) -> None:
    assert read_cue(heading).single
    assert not read_cue("Tavoitteet 2024").single
