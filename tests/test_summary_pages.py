"""Strategy summary pages: the vision and the themes around it read from the page's geometry."""

from __future__ import annotations

import pytest
from pdf_factory import Box, Lines, Text, build_pdf, unicode_fonts
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt
from pptx_factory import add_slide, add_text_box, new_deck, save

from extract.readers.pdf import read_pdf
from extract.readers.pptx import read_pptx
from extract.readers.text import read_text
from extract.statements import type_statements
from extract.structure import build_units
from extract.summary_pages import summary_statements

needs_font = pytest.mark.skipif(unicode_fonts() is None, reason="no Unicode TTF font for test PDFs")

CENTRE = "Yhdessä kohti hyvää arkea"
RING = ("Asukas keskiössä", "Rohkeasti uutta", "Kestävä talous", "Osaava henkilöstö")


def _kinds(source) -> dict[str, str]:
    typed, _ = type_statements(build_units(source))
    return {t.text: t.kind for t in typed}


def _halves(text: str) -> list[str]:
    words = text.split()
    return [" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2:])]


def _boxed(x: float, y: float, w: float, lines: list[str], size: float = 12, bold: bool = True) -> list:
    return [Box(x, y, w, 22 * len(lines) + 16, fill=(220, 234, 244)), Lines(x + 8, y + 20, lines, size=size, bold=bold)]


@needs_font
def test_wheel_centre_is_the_vision_and_the_ring_holds_the_themes(tmp_path):
    """A centre box with a box above, right, below and left of it (no heading names a kind)."""
    items = [*_boxed(210, 330, 200, [CENTRE], size=14), *_boxed(230, 180, 160, [RING[0]]),
             *_boxed(440, 330, 140, [RING[1]]), *_boxed(230, 480, 160, [RING[2]]), *_boxed(30, 330, 150, [RING[3]])]
    kinds = _kinds(read_pdf(build_pdf(tmp_path / "wheel.pdf", [[Text(40, 80, "Johdanto", size=20, bold=True)], items])))
    assert kinds[CENTRE] == "vision"
    assert {kinds.get(t) for t in RING} == {"guideline"}


@needs_font
def test_house_roof_is_the_vision_pillars_give_themes_and_aims_and_title_and_base_are_left(tmp_path):
    pillars = [("Hyvä arki", "Tuemme asukkaiden arkea lähellä kotia."),
               ("Vahva talous", "Pidämme talouden tasapainossa."),
               ("Hyvä työ", "Henkilöstö voi hyvin ja kehittyy työssään.")]
    items = [Text(40, 70, "Strategiamme lyhyesti", size=22, bold=True), *_boxed(120, 110, 355, ["Terveyttä ja turvaa"], 18)]
    for i, (title, sentence) in enumerate(pillars):
        x = 40 + i * 180
        items += [Box(x, 190, 160, 140, fill=(236, 242, 228)), Text(x + 8, 212, title, size=13, bold=True),
                  Lines(x + 8, 230, _halves(sentence), size=10)]
    base = ("Strategia ohjaa kaikkea toimintaamme, ja sen toteutumista seurataan vuosittain valtuustolle "
            "annettavassa raportissa yhdessä talousarvion kanssa.")
    items += [Box(40, 350, 520, 60), Lines(48, 370, _halves(base), size=10)]
    kinds = _kinds(read_pdf(build_pdf(tmp_path / "house.pdf", [items])))
    assert kinds["Terveyttä ja turvaa"] == "vision"
    assert [kinds.get(t) for t, _ in pillars] == ["guideline"] * 3
    assert [kinds.get(s) for _, s in pillars] == ["aim"] * 3
    assert "Strategiamme lyhyesti" not in kinds and not any(k.startswith("Strategia ohjaa") for k in kinds)


def test_wheel_on_a_slide_of_shapes(tmp_path):
    deck = new_deck()
    slide = add_slide(deck)
    for (x, y), text, size in (((380, 230), CENTRE, 20), ((380, 60), RING[0], 14), ((700, 230), RING[1], 14),
                               ((380, 400), "Uudistamme palveluja rohkeasti yhdessä asukkaiden kanssa.", 12),
                               ((60, 230), RING[3], 14)):
        shape = slide.shapes.add_shape(MSO_SHAPE.OVAL, Pt(x), Pt(y), Pt(200), Pt(110))
        shape.text_frame.text = text
        shape.text_frame.paragraphs[0].runs[0].font.size = Pt(size)
    kinds = _kinds(read_pptx(save(deck, tmp_path / "wheel.pptx")))
    assert kinds[CENTRE] == "vision"
    assert kinds[RING[0]] == kinds[RING[1]] == kinds[RING[3]] == "guideline"
    assert kinds["Uudistamme palveluja rohkeasti yhdessä asukkaiden kanssa."] == "aim"


def test_a_text_export_of_the_same_page_types_nothing(tmp_path):
    """Without geometry the arrangement is lost: no guess."""
    path = tmp_path / "summary.txt"
    path.write_text("\n\n".join([CENTRE, *RING]) + "\n", encoding="utf-8")
    assert summary_statements(build_units(read_text(path))) == []


def test_columns_of_a_slide_with_a_cue_heading_are_no_house(tmp_path):
    """Boxes side by side under a heading that names their kind are that kind's list, not a house."""
    deck = new_deck()
    slide = add_slide(deck, "Arvomme")
    for i, value in enumerate(("Rohkeus", "Avoimuus", "Yhdessä tekeminen")):
        add_text_box(slide, (40 + i * 300, 200, 260, 120), [value])
    units = build_units(read_pptx(save(deck, tmp_path / "values.pptx")))
    assert summary_statements(units) == []


@needs_font
def test_a_title_over_three_columns_of_text_is_no_house(tmp_path):
    """A page title above three columns of short paragraphs: the title is off the row's middle, no roof."""
    items = [Text(40, 70, "Toimintaympäristö", size=20, bold=True)]
    for column, words in enumerate(("Väestö ikääntyy nopeasti.", "Talous on tiukka.", "Teknologia kehittyy.")):
        items.append(Text(40 + column * 180, 130, words, size=10))
    units = build_units(read_pdf(build_pdf(tmp_path / "columns.pdf", [items])))
    assert len(units) == 4
    assert summary_statements(units) == []
