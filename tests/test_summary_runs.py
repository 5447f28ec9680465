"""Strategy summaries read without their geometry: a run of headline boxes, all but one speaking as "we"."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_factory import Lines, Text, build_pdf, unicode_fonts

from extract.readers.pdf import read_pdf
from extract.readers.text import read_text
from extract.statements import type_statements
from extract.structure import build_units
from extract.summary_runs import run_statements
from extract.voice import speaks_as_we

needs_font = pytest.mark.skipif(unicode_fonts() is None, reason="no Unicode TTF font for test PDFs")

PAGE_BREAK = "\n\n\n\n"
FI_INTRO = ("Johdanto\n\nStrategia ohjaa alueen palveluja vuosina 2026–2030. Se on valmisteltu yhdessä asukkaiden "
            "ja henkilöstön kanssa. Valtuusto seuraa sen toteutumista vuosittain.")
FI_CENTRE = "Hyvä arki jokaiselle"
FI_THEMES = ("Kohtaamme asukkaan ihmisenä", "Meillä on osaava henkilöstö", "Pidämme taloutemme tasapainossa",
             "Kehitämme palveluja rohkeasti")
FI_AIMS = ("Palvelut rakennetaan asukkaan tarpeista lähtien.", "Työ on houkuttelevaa ja työyhteisöt voivat hyvin.",
           "Talous pysyy rahoituksen raameissa.", "Uudet toimintamallit otetaan käyttöön nopeasti.")
FI_TARGETS = "Mittarit\n\n• Asiakastyytyväisyys on vähintään 4,0.\n• Henkilöstön vaihtuvuus on alle 10 %."


def _typed(path: Path) -> dict[str, tuple[str, str | None]]:
    """Text → (kind, parent's text) of what the typing rules find."""
    typed, _ = type_statements(build_units(read_text(path) if path.suffix == ".txt" else read_pdf(path)))
    return {t.text: (t.kind, t.parent_key) for t in typed}


def _kinds(path: Path) -> dict[str, str]:
    return {text: kind for text, (kind, _) in _typed(path).items()}


def _write(tmp_path: Path, *pages: str) -> Path:
    path = tmp_path / "strategia.txt"
    path.write_text(PAGE_BREAK.join(pages) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "lang", "we"), [
    ("Olemme arvostettu kumppani", "fi", True),        # first-person plural verb
    ("Meille jokainen on tärkeä", "fi", True),         # a case of the pronoun "me"
    ("Asukkaidemme arki sujuu", "fi", True),           # first-person plural possessive suffix
    ("Hyvinvointia yhdessä", "fi", False),
    ("Tulevaisuuden hyvinvointi tehdään yhdessä", "fi", False),  # passive: no person
    ("Vi förnyar oss modigt", "sv", True),
    ("Våra invånare mår bra", "sv", True),
    ("Framtidens välfärd skapas tillsammans", "sv", False),
])
def test_speaks_as_we(text, lang, we):
    assert speaks_as_we(text, lang) is we


def test_finnish_diagram_page_is_read_title_and_sentence_box_by_box(tmp_path):
    """Each theme's title with its sentence under it, the centre last, prose before and a cued list after."""
    boxes = "\n\n".join(f"{title}\n\n{aim}" for title, aim in zip(FI_THEMES, FI_AIMS))
    typed = _typed(_write(tmp_path, FI_INTRO, f"{boxes}\n\n{FI_CENTRE}", FI_TARGETS))
    assert typed[FI_CENTRE] == ("vision", None)
    assert [typed.get(t) for t in FI_THEMES] == [("guideline", None)] * 4
    # which theme an aim belongs to is lost with the geometry: no parent, and the themes head nothing after them
    assert [typed.get(a) for a in FI_AIMS] == [("aim", None)] * 4
    assert typed["Asiakastyytyväisyys on vähintään 4,0."] == ("target", None)
    assert not any(kind in ("vision", "guideline", "aim") for text, (kind, _) in typed.items()
                   if text.startswith(("Johdanto", "Strategia ohjaa")))


def test_swedish_diagram_page_is_read_sentences_first_then_the_headlines(tmp_path):
    centre = "Framtidens välfärd skapas tillsammans"
    themes = ("Vi möter invånaren som människa", "Vi är en attraktiv arbetsgivare", "Vår ekonomi är i balans",
              "Vi förnyar tjänsterna modigt")
    aims = ("Tjänsterna utgår från invånarnas behov.", "Personalen trivs och utvecklas i sitt arbete.",
            "Ekonomin hålls inom ramen för finansieringen.")
    intro = ("Inledning\n\nStrategin styr områdets tjänster åren 2026–2030. Den har beretts tillsammans med "
             "invånarna och personalen. Fullmäktige följer upp den varje år.")
    page = "\n\n".join([*aims, themes[0], centre, *themes[1:]])
    kinds = _kinds(_write(tmp_path, intro, page))
    assert kinds[centre] == "vision"
    assert [kinds.get(t) for t in themes] == ["guideline"] * 4
    assert [kinds.get(a) for a in aims] == ["aim"] * 3


def test_prose_page_with_short_we_headings_is_not_read(tmp_path):
    """Short headings each over its prose are sections, not boxes, whatever their voice."""
    prose = "Teemme työtä asukkaiden kanssa. Kuulemme heitä ennen päätöksiä. Palaute ohjaa kehittämistä."
    page = "\n\n".join(f"{title}\n\n{prose}" for title in (FI_CENTRE, *FI_THEMES))
    kinds = _kinds(_write(tmp_path, FI_INTRO, page))
    assert not {kinds.get(t) for t in (FI_CENTRE, *FI_THEMES)} & {"vision", "guideline"}


@pytest.mark.parametrize("headlines", [
    FI_THEMES,                                                          # all "we": no centre
    ("Miten toimintaympäristömme muuttuu", "Espoo", "Vantaa", "Kauniainen", "Kirkkonummi"),  # one "we" among names
    ("Strategiamme lyhyesti", FI_CENTRE, "Hyvä työ", *FI_THEMES[:3]),   # two that do not speak as "we"
])
def test_a_run_of_headlines_without_one_odd_centre_among_we_themes_is_not_read(tmp_path, headlines):
    kinds = _kinds(_write(tmp_path, FI_INTRO, "\n\n".join(headlines)))
    assert not {kinds.get(h) for h in headlines} & {"vision", "guideline"}


@needs_font
def test_diagram_set_in_one_column_of_a_pdf_is_read(tmp_path):
    """No house or wheel in the geometry (the boxes stacked in the flow of the text): the run is read by its voice."""
    items = [Text(50, 70, "Johdanto", size=20, bold=True),
             Lines(50, 100, ["Strategia ohjaa alueen palveluja vuosina 2026–2030. Se on valmisteltu yhdessä",
                             "asukkaiden ja henkilöstön kanssa. Valtuusto seuraa sen toteutumista vuosittain."]),
             Text(50, 170, FI_CENTRE, size=18, bold=True)]
    for i, (title, aim) in enumerate(zip(FI_THEMES, FI_AIMS)):
        items += [Text(50, 220 + 70 * i, title, size=13, bold=True), Text(50, 240 + 70 * i, aim, size=10)]
    kinds = _kinds(build_pdf(tmp_path / "strategia.pdf", [items]))
    assert kinds[FI_CENTRE] == "vision"
    assert [kinds.get(t) for t in FI_THEMES] == ["guideline"] * 4
    assert [kinds.get(a) for a in FI_AIMS] == ["aim"] * 4


def test_a_short_title_ending_the_page_before_is_no_box_of_the_diagram(tmp_path):
    cover = "Hyvinvointialueen strategia\n\nAlueen strategia 2026–2030"
    page = "\n\n".join([*FI_AIMS, FI_CENTRE, *FI_THEMES])
    kinds = _kinds(_write(tmp_path, cover, page))
    assert kinds[FI_CENTRE] == "vision" and [kinds.get(t) for t in FI_THEMES] == ["guideline"] * 4
    assert not {kinds.get(t) for t in ("Hyvinvointialueen strategia", "Alueen strategia 2026–2030")} & {"vision", "guideline"}


def test_the_title_of_a_diagram_page_is_left_as_its_title(tmp_path):
    page = "\n\n".join(["Strategiakartta", FI_CENTRE, *FI_THEMES])
    kinds = _kinds(_write(tmp_path, FI_INTRO, page))
    assert kinds[FI_CENTRE] == "vision" and [kinds.get(t) for t in FI_THEMES] == ["guideline"] * 4
    assert "Strategiakartta" not in kinds


def test_a_unit_typed_by_a_cue_is_no_box_of_a_run(tmp_path):
    """A value that a cue on the page before types, followed by guidelines its cue after them types
    (a page laid out bottom-up): no diagram, though one phrase stands among "we" headlines."""
    themes = ("Vi är värda invånarnas förtroende", "Vi ordnar tjänster hållbart", "Vi skapar en god arbetsplats",
              "Vi lyckas genom samarbete")
    units = build_units(read_text(_write(tmp_path, "\n\n".join(["Ansvarsfullt", *themes]))))
    assert {u.text: kind for u, kind, _ in run_statements(units)}["Ansvarsfullt"] == "vision"
    value = next(u.index for u in units if u.text == "Ansvarsfullt")
    assert run_statements(units, frozenset({value})) == []
