"""Blocks holding both languages are split by language before parallel text is looked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.clean.bilingual_split import language_runs, split_bilingual, split_block, split_separated
from extract.pipeline import extract_document
from extract.records import Block, DocumentInfo, Page, SourceDocument, cells_from_rows
from link.parallel import align, units_of
from pdf_factory import Lines, Text, build_pdf, unicode_fonts
from pptx_factory import Para, add_slide, add_text_box, new_deck, save


WRAPPED = ["Perhe- ja vammaispalvelujen palvelualuejohtaja", "Mikaela Westergård aloitti palveluksessa",
           "ja varsinainen virkavastuu siirtyy"]

SWEDISH_WITH_NAME = ["Icke-brådskande meddelanden dygnet runt.", "Vi svarar på meddelanden under vardagar och",
                     "ger råd om tjänster för äldre.", "Senior Info"]


@pytest.mark.parametrize(
    "lines, runs",
    [
        # a title in both languages, one line each
        (["Arvomme", "Våra värderingar"], [["Arvomme"], ["Våra värderingar"]]),
        # a wrapped Finnish title: the second line continues the first
        (["Palvelujen uudistamisen", "strategia 2026-2029"], [["Palvelujen uudistamisen", "strategia 2026-2029"]]),
        # short lines alternating fi / sv keep their own languages
        (
            ["Yhdenvertaisesti", "Likvärdigt", "Vastuullisesti", "Ansvarsfullt"],
            [["Yhdenvertaisesti"], ["Likvärdigt"], ["Vastuullisesti"], ["Ansvarsfullt"]],
        ),
        # a sentence and its translation one above the other
        (
            ["Lasten ja perheiden palvelut siirtyvät uudelle palvelualueelle.",
             "Barn- och familjetjänster överförs till det nya serviceområdet."],
            [["Lasten ja perheiden palvelut siirtyvät uudelle palvelualueelle."],
             ["Barn- och familjetjänster överförs till det nya serviceområdet."]],
        ),
        # a Finnish paragraph wrapped before a name stays whole
        (
            WRAPPED,
            [WRAPPED],
        ),
        # a name at the end of a long paragraph is no language switch
        (SWEDISH_WITH_NAME, [SWEDISH_WITH_NAME]),
        # a line ending in a hyphen or comma is continued by the next one
        (["Hyvinvointi-", "Välfärdsområdet"], [["Hyvinvointi-", "Välfärdsområdet"]]),
        ([], []),
    ],
)
def test_language_runs(lines: list[str], runs: list[list[str]]) -> None:
    assert language_runs(lines) == runs


@pytest.mark.parametrize(
    "line, parts",
    [
        ("Arvomme / Våra värderingar", ["Arvomme", "Våra värderingar"]),
        ("Toimenpiteet – Åtgärder", ["Toimenpiteet", "Åtgärder"]),
        ("Strategia 2026 – 2029", ["Strategia 2026 – 2029"]),
        ("Hyvinvointi / terveys", ["Hyvinvointi / terveys"]),  # both sides Finnish
    ],
)
def test_split_separated_cuts_a_line_only_between_two_languages(line: str, parts: list[str]) -> None:
    assert split_separated(line) == parts


def test_split_block_keeps_role_marker_page_and_box() -> None:
    block = Block(("Potilastyytyväisyys lisääntyy", "Patientnöjdheten ökar"), 3, "list_item", marker="2.",
                  bbox=(1, 2, 3, 4), font_size=12.0)
    parts = split_block(block)
    assert [p.lines for p in parts] == [("Potilastyytyväisyys lisääntyy",), ("Patientnöjdheten ökar",)]
    assert {(p.role, p.marker, p.page, p.bbox, p.font_size) for p in parts} == {("list_item", "2.", 3, (1, 2, 3, 4), 12.0)}


def test_tables_rotated_text_and_one_language_documents_are_left_alone() -> None:
    table = Block(("Arvomme | Våra värderingar",), 1, "table", cells=cells_from_rows([["Arvomme", "Våra värderingar"]]))
    rotated = Block(("Arvomme", "Våra värderingar"), 1, "rotated")
    finnish = Block(("Hyvinvointialue järjestää", "palvelut asukkailleen."), 1)
    source = SourceDocument("x.pdf", "pdf", (Page(1, (table, rotated, finnish)),), 1)
    assert split_bilingual(source) is source


# --------------------------------------------------------------------------- mixed slides end to end

TITLE = ("Jokaiselle omalääkäri", "En husläkare för alla")
RESULTS_FI = [
    "Millaisia vaikutuksia tavoittelemme",
    "Potilastyytyväisyys ja luottamus terveydenhuoltoon lisääntyy",
    "Pitkäaikaissairauksien hoidon tulokset paranevat",
    "Turhat tutkimukset, päivystyskäynnit ja sairaalahoidot vähenevät",
]
RESULTS_SV = [
    "Resultat vi vill uppnå",
    "Patientnöjdheten och förtroendet för hälsovården ökar",
    "Resultaten i behandlingen av kroniska sjukdomar förbättras",
    "Antalet onödiga undersökningar, jourbesök och sjukhusinläggningar minskar",
]
ACTIONS_FI = [
    "Miten uudistumme",
    "Omalääkäri työskentelee työparina omahoitajan kanssa.",
    "Kattava akuuttivastaanottojen verkosto tarjoaa kiireellistä hoitoa virka-ajan ulkopuolella.",
]
ACTIONS_SV = [
    "Hur vi förnyar oss",
    "Husläkaren arbetar i par med en egen egenvårdare.",
    "Ett omfattande nätverk av akutmottagningar ger brådskande vård utanför normal tjänstetid.",
]


def _box(texts: list[str], numbered: bool = False) -> list:
    head, *items = texts
    return [Para(head, bold=True)] + [Para(t, numbered="arabicPeriod") if numbered else Para(t, bullet="•") for t in items]


def _bilingual_deck(path: Path) -> Path:
    """Three mixed slides: fi | sv side by side, fi above sv, and fi/sv lines alternating in one box."""
    deck = new_deck()
    side = add_slide(deck, "\v".join(TITLE))
    add_text_box(side, (36, 130, 310, 360), _box(RESULTS_FI))
    add_text_box(side, (374, 130, 310, 360), _box(RESULTS_SV))
    stacked = add_slide(deck, "Toimenpiteet – Åtgärder")
    add_text_box(stacked, (36, 120, 648, 180), _box(ACTIONS_FI, numbered=True))
    add_text_box(stacked, (36, 320, 648, 180), _box(ACTIONS_SV, numbered=True))
    alternating = add_slide(deck, "Arvomme\vVåra värderingar")
    add_text_box(alternating, (36, 130, 648, 360), ["Yhdenvertaisesti\vLikvärdigt", "Vastuullisesti\vAnsvarsfullt",
                                                    "Rohkeasti\vModigt"])
    return save(deck, path)


@pytest.fixture(scope="module")
def mixed_deck(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    _bilingual_deck(folder / "mixed.pptx")
    info = DocumentInfo("mixed-deck", "mixed.pptx", "Hyvinvointialue", "Länsi-Uusimaa", "2026-2029", "slides",
                        ("fi", "sv"), "Kaksikielinen esitys")
    doc = extract_document(folder, info)
    links, _ = align([doc])
    return doc, links


def test_mixed_slides_give_passages_of_one_language_each(mixed_deck) -> None:
    doc, _ = mixed_deck
    by_text = {p.text: p.lang for p in doc.passages}
    for fi, sv in [TITLE, ("Arvomme", "Våra värderingar"), ("Yhdenvertaisesti", "Likvärdigt"),
                   (RESULTS_FI[1], RESULTS_SV[1]), (ACTIONS_FI[0], ACTIONS_SV[0])]:
        assert (by_text[fi], by_text[sv]) == ("fi", "sv")


def test_mixed_slides_pair_every_unit_inside_the_slide(mixed_deck) -> None:
    doc, links = mixed_deck
    units = {u.id: u for u in units_of(doc)}
    pairs = {(units[l.target_id].text, units[l.source_id].text) for l in links
             if l.relation == "translation_of" and units[l.source_id].level == "passage"}
    expected = {TITLE, ("Arvomme", "Våra värderingar"), ("Toimenpiteet", "Åtgärder"), ("Yhdenvertaisesti", "Likvärdigt"),
                ("Vastuullisesti", "Ansvarsfullt"), ("Rohkeasti", "Modigt"),
                *zip(RESULTS_FI, RESULTS_SV), *zip(ACTIONS_FI, ACTIONS_SV)}
    assert expected <= pairs, sorted(expected - pairs)
    partners = {fi: sv for fi, sv in pairs}
    assert all(partners[fi] == sv for fi, sv in expected)


def test_split_title_heads_the_text_of_its_own_language(mixed_deck) -> None:
    doc, _ = mixed_deck
    parent = {s.id: s.parent_id for s in doc.sections}
    heading = {s.id: s.heading for s in doc.sections}

    def top_heading(text: str) -> str:
        section = next(p.section_id for p in doc.passages if p.text == text)
        while parent[section] is not None:
            section = parent[section]
        return heading[section]

    assert {top_heading(t) for t in RESULTS_FI} == {TITLE[0]}
    assert {top_heading(t) for t in RESULTS_SV} == {TITLE[1]}
    assert {top_heading(t) for t in ACTIONS_FI} == {"Toimenpiteet"}
    assert {top_heading(t) for t in ACTIONS_SV} == {"Åtgärder"}


def test_split_title_stays_first_on_a_slide_alternating_languages() -> None:
    blocks = (Block(("Arvomme", "Våra värderingar"), 1, "title", level=1),
              Block(("Yhdenvertaisesti",), 1), Block(("Likvärdigt",), 1),
              Block(("Vastuullisesti",), 1), Block(("Ansvarsfullt",), 1))
    page = split_bilingual(SourceDocument("x.pptx", "pptx", (Page(1, blocks),), 1)).pages[0]
    assert [b.raw_text for b in page.blocks] == ["Arvomme", "Våra värderingar", "Yhdenvertaisesti", "Likvärdigt",
                                                "Vastuullisesti", "Ansvarsfullt"]


# --------------------------------------------------------------------------- the same on other readers

SENTENCES = ("Yhdenvertaisesti toimimme kaikkien asukkaiden hyväksi.", "Vi arbetar likvärdigt för alla invånare.")


def _languages_of(folder: Path, name: str) -> dict[str, str]:
    info = DocumentInfo("mixed-" + name.replace(".", "-"), name, "Hyvinvointialue", "Länsi-Uusimaa", "2026-2029",
                        "slides", ("fi", "sv"), "Kaksikielinen sivu")
    return {p.text: p.lang for p in extract_document(folder, info).passages}


def test_text_export_paragraph_with_its_translation_is_split(tmp_path: Path) -> None:
    (tmp_path / "mixed.txt").write_text("Arvomme\nVåra värderingar\n\n" + "\n".join(SENTENCES) + "\n", encoding="utf-8")
    languages = _languages_of(tmp_path, "mixed.txt")
    assert (languages[SENTENCES[0]], languages[SENTENCES[1]]) == ("fi", "sv")


@pytest.mark.skipif(unicode_fonts() is None, reason="no Unicode TTF font for test PDFs")
def test_pdf_paragraph_with_its_translation_is_split(tmp_path: Path) -> None:
    build_pdf(tmp_path / "mixed.pdf", [[Text(72, 80, "Arvomme", size=20, bold=True), Lines(72, 130, SENTENCES)]])
    languages = _languages_of(tmp_path, "mixed.pdf")
    assert (languages[SENTENCES[0]], languages[SENTENCES[1]]) == ("fi", "sv")
