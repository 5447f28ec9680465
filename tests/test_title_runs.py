"""Titles of a series of boxes that an export ran together on one line are one unit each (extract.title_runs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.readers.text import read_text
from extract.statements import type_statements
from extract.structure import build_units
from extract.title_runs import title_run_pieces


def _units(tmp_path: Path, text: str) -> list:
    path = tmp_path / "deck.txt"
    path.write_text(text, encoding="utf-8")
    return build_units(read_text(path))


# a slide of principle boxes: two boxes' titles set on one line, the second title wrapping onto the next
SLIDE = (
    "Toimintamme periaatteet\n\n"
    "Kuuntele \nasukasta\n\n"
    "Kokeile rohkeasti Jaa tieto avoimesti \n"
    "kaikille\n\n"
    "Säästä Paranna ja karsi\n\n"
    "Muutoslupaukset\n\n"
    "Lisää kotiin vietäviä palveluja\n"
)


def test_a_line_of_two_box_titles_is_two_headings_and_two_principles(tmp_path):
    headings = [u.text for u in _units(tmp_path, SLIDE) if u.role == "heading"]
    assert headings[:6] == ["Toimintamme periaatteet", "Kuuntele asukasta", "Kokeile rohkeasti",
                            "Jaa tieto avoimesti kaikille", "Säästä", "Paranna ja karsi"]
    principles = [t.text for t in type_statements(_units(tmp_path, SLIDE))[0] if t.kind == "principle"]
    assert principles == ["Kuuntele asukasta", "Kokeile rohkeasti", "Jaa tieto avoimesti kaikille", "Säästä",
                          "Paranna ja karsi"]


def test_swedish_box_titles_on_one_line_are_split_too():
    assert title_run_pieces("Lyssna på invånaren Pröva modigt", "sv") == ("Lyssna på invånaren", "Pröva modigt")


@pytest.mark.parametrize("text, lang", [
    ("Yhteistyö Länsi-Uudenmaan kuntien kanssa", "fi"),  # a place name
    ("Tervetuloa Mikaela", "fi"),  # a first name
    ("Puheenjohtaja Anna Virtanen", "fi"),  # a name of two capitalised words
    ("Yhteistyö Kelan kanssa", "fi"),  # a phrase that goes on: it ends in a function word
    ("Strategi för Västra Nylands välfärdsområde", "sv"),  # a capital after a preposition
    ("Välfärdsområdet Västra Nyland", "sv"),
    ("Kokeile rohkeasti ja jaa tieto avoimesti", "fi"),  # one title
])
def test_a_capital_of_a_name_or_after_a_function_word_is_no_seam(text, lang):
    assert title_run_pieces(text, lang) == (text,)


WHOLE = [
    pytest.param(SLIDE.replace("Säästä Paranna ja karsi", "Yhteistyö Länsi-Uudenmaan kuntien kanssa"),
                 "Yhteistyö Länsi-Uudenmaan kuntien kanssa", id="a place name among sibling titles"),
    pytest.param("Asukkaat arvioivat palvelut vuosittain, ja tulokset julkaistaan.\n\n"
                 "Kokeile rohkeasti Jaa tieto avoimesti\n\n"
                 "Kokeilut kirjataan, ja niiden tuloksista kerrotaan henkilöstölle.\n",
                 "Kokeile rohkeasti Jaa tieto avoimesti", id="among paragraphs: no series of titles"),
    # Voikko reads "Kela" as a common noun (a reel); the document's own prose writes it as a name
    pytest.param("Tavoitteet\n\nKehitämme palveluja yhdessä Kelan kanssa koko alueella\n\nMittarit\n\n"
                 "Asukkaat saavat neuvontaa myös Kelalta, ja tieto kulkee palvelujen välillä.\n",
                 "Kehitämme palveluja yhdessä Kelan kanssa koko alueella", id="a name the running text writes"),
    pytest.param("Periaatteet\n\nKokeile rohkeasti Jaa tieto avoimesti\n\nMuutoslupaukset\n"
                 " Kokeile rohkeasti\n\nKokeilut kirjataan, ja niiden tuloksista kerrotaan.\n"
                 " Jaa tieto avoimesti\n\nTieto kulkee kaikille, ja päätökset perustellaan.\n",
                 "Kokeile rohkeasti Jaa tieto avoimesti", id="a row of titles each printed on its own"),
]


@pytest.mark.parametrize("text, heading", WHOLE)
def test_a_heading_that_runs_no_sibling_titles_together_stays_whole(tmp_path, text, heading):
    units = _units(tmp_path, text)
    assert heading in [u.text for u in units]
    assert [u.index for u in units] == list(range(len(units)))


def test_the_deck_principles_slide_gives_every_principle_of_its_own(corpus_documents):
    deck = corpus_documents["000_c4a48b2cd542f95a.txt"]
    principles = [s.text for s in deck.statements if s.kind == "principle" and s.lang == "fi"]
    assert principles == ["Anna asiakkaan valita", "Anna vastuuta", "Vahvista perustasoa",
                          "Valitse kustannusvaikuttavin tapa", "Digitalisoi", "Uudista ja luovu"]
