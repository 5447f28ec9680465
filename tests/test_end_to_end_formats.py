"""PDF and PPTX strategies the tests make, through the whole extraction: statements, pages, hyphenation."""

from __future__ import annotations

import pytest

from extract.pipeline import extract_document
from extract.records import DocumentInfo
from pdf_factory import Lines, Text, build_pdf, unicode_fonts
from pptx_factory import Para, add_slide, add_text_box, new_deck, save


def _info(file: str, kind: str = "strategy") -> DocumentInfo:
    return DocumentInfo(id="t", file=file, organisation="T", region="T", period="2023-2025", kind=kind,
                        languages=("fi",), title="T")


@pytest.mark.skipif(unicode_fonts() is None, reason="no Unicode TTF font on this machine")
def test_pdf_goals_come_back_with_numbers_pages_and_repaired_hyphenation(tmp_path):
    page1 = [Text(72, 72, "Strategia 2023–2025", size=20), Lines(72, 120, ["Johdanto kertoo, mistä on kyse."])]
    page2 = [
        Text(72, 72, "Valtuustokauden tavoitteet", size=14),
        # numbered items with a hanging indent, as a layout program sets them
        Text(72, 110, "1."), Lines(90, 110, ["Asiakkaiden tyytyväisyys palveluihin", "ja niiden saatavuuteen paranee."]),
        Text(72, 150, "2."), Lines(90, 150, ["Työvoiman saatavuutta paranne-", "taan yhteistyöllä oppilaitosten kanssa."]),
    ]
    path = build_pdf(tmp_path / "s.pdf", [page1, page2])
    doc = extract_document(tmp_path, _info(path.name))
    assert doc.error is None
    goals = [(s.number, s.text, s.page) for s in doc.statements if s.kind == "goal"]
    assert goals == [
        ("1", "Asiakkaiden tyytyväisyys palveluihin ja niiden saatavuuteen paranee.", 2),
        ("2", "Työvoiman saatavuutta parannetaan yhteistyöllä oppilaitosten kanssa.", 2),
    ]
    assert doc.pages == 2
    assert [s.heading for s in doc.sections if s.heading] == ["Strategia 2023–2025", "Valtuustokauden tavoitteet"]


def test_pptx_actions_and_results_under_swedish_cue_headings(tmp_path):
    deck = new_deck()
    slide = add_slide(deck, "Tryggare liv hemma")
    add_text_box(slide, (40, 100, 600, 40), [Para("Hur vi förnyar oss", bold=True)])
    add_text_box(slide, (40, 150, 600, 120), ["1. Vi inrättar en lägescentral.", "2. Vi utvecklar närståendevården."])
    slide2 = add_slide(deck, "Tryggare liv hemma")
    add_text_box(slide2, (40, 100, 600, 40), [Para("Resultat vi vill uppnå", bold=True)])
    add_text_box(slide2, (40, 150, 600, 120), [Para("Närståendevårdarna klarar bättre av vardagen.", bullet="•")])
    path = save(deck, tmp_path / "d.pptx")
    doc = extract_document(tmp_path, _info(path.name, "slides"))
    assert doc.error is None
    found = [(s.kind, s.number, s.text, s.page) for s in doc.statements]
    assert found == [
        ("action", "1", "Vi inrättar en lägescentral.", 1),
        ("action", "2", "Vi utvecklar närståendevården.", 1),
        ("result", None, "Närståendevårdarna klarar bättre av vardagen.", 2),
    ]
    assert {s.lang for s in doc.statements} == {"sv"}
