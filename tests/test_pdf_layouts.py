"""The PDF reader on the layouts of :mod:`tests.pdf_layouts`, and its two engines compared."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.clean.hyphenation import join_lines
from extract.readers.ocr import ocr_engine
from extract.readers.pdf import read_pdf
from extract.records import Block, SourceDocument

import pdf_layouts as L
from pdf_factory import unicode_fonts

pytestmark = pytest.mark.skipif(unicode_fonts() is None, reason="no Unicode TTF font for test PDFs")


def joined(block: Block) -> str:
    """A block's lines joined the way the pipeline joins them."""
    return join_lines(block.lines)


def body(doc: SourceDocument) -> list[tuple[str, str]]:
    """Role and joined text of every block but tables."""
    return [(b.role, joined(b)) for b in doc.blocks if b.role != "table"]


def spaced(lines: list[str]) -> list[str]:
    """Lines as a text export gives them: a trailing space where a line ends at a word boundary."""
    return [line if line.endswith("-") else line + " " for line in lines]


def paragraphs(groups: list[list[str]]) -> list[tuple[str, str]]:
    return [("paragraph", join_lines(spaced(lines))) for lines in groups]


def test_two_columns_split_by_a_rule_too_narrow_for_a_gutter(tmp_path: Path) -> None:
    doc = read_pdf(L.two_columns_with_rule(tmp_path))
    assert body(doc) == [("heading", L.TITLE), *paragraphs(L.COLUMN_TEXT)]


def test_three_columns_read_column_by_column(tmp_path: Path) -> None:
    doc = read_pdf(L.three_columns(tmp_path))
    assert body(doc) == [("heading", L.TITLE), *paragraphs(L.COLUMN_TEXT)]


def test_line_ends_without_hyphen_are_word_boundaries(tmp_path: Path) -> None:
    doc = read_pdf(L.three_columns(tmp_path))
    first = doc.blocks[1]
    assert first.lines[0].endswith("ja ") and first.lines[1].endswith("pelas-")
    assert joined(first) == "Alue järjestää sosiaali- ja terveyspalvelut sekä pelastustoimen palvelut kaikille."


def test_side_box_is_read_after_the_paragraph_it_interrupts(tmp_path: Path) -> None:
    doc = read_pdf(L.side_box_and_rotated_sidebar(tmp_path))
    whole = join_lines(spaced([line for part in L.INTERRUPTED for line in part]))
    assert body(doc) == [
        ("heading", L.TITLE),
        ("paragraph", whole),
        ("paragraph", " ".join(L.BOX_LINES)),
        ("rotated", L.SIDEBAR),
    ]


def test_ruled_table_keeps_header_rows_repeated_on_the_next_page_and_bullets_as_items(tmp_path: Path) -> None:
    doc = read_pdf(L.ruled_landscape_table(tmp_path))
    tables = [b for b in doc.blocks if b.role == "table"]
    assert [t.page for t in tables] == [1, 2]
    for table in tables:
        header = [c.text for c in table.cells if c.kind == "column_header"]
        assert header == list(L.EVAL_HEADER)
        assert all(c.row == 0 for c in table.cells if c.kind == "column_header")
    goal = next(c for c in tables[0].cells if (c.row, c.col) == (1, 0))
    assert (goal.text, goal.items) == ("Palvelut ovat saavutettavia", ("jonot lyhenevät", "digipalvelut kasvavat"))
    assert [c.text for c in tables[1].cells if c.row == 1] == ["Henkilöstö voi hyvin", "Ei", "2", "Vaihtuvuus kasvoi."]
    assert body(doc)[-1] == ("paragraph", L.CONTINUES)


def test_borderless_shaded_table_is_a_table_with_its_header_on_the_first_page_only(tmp_path: Path) -> None:
    doc = read_pdf(L.borderless_shaded_table(tmp_path))
    first, second = [b for b in doc.blocks if b.role == "table"]
    assert first.rows == (L.SHADED_HEADER, *L.SHADED_ROWS)
    assert [c.row for c in first.cells if c.kind == "column_header"] == [0, 0, 0]
    assert second.rows == tuple(L.SHADED_MORE)
    assert all(c.kind == "content" for c in second.cells)
    assert body(doc)[-1] == ("paragraph", "Taulukon arviot perustuvat vuoden 2025 seurantaan.")


def test_justified_text_with_soft_hyphens_and_ligatures(tmp_path: Path) -> None:
    doc = read_pdf(L.justified_soft_hyphens(tmp_path))
    (block,) = doc.blocks
    assert block.lines[0].endswith("tarvi-") and block.lines[1].endswith("halutun ")
    text = joined(block)
    assert "niiden tarvitaan myös" in text and "henkilöstön flow" in text and "finanssointi" in text
    assert "halutun työyhteisön" in text


def test_a_justified_line_of_few_words_stretched_over_the_column_is_one_line(tmp_path: Path) -> None:
    doc = read_pdf(L.justified_wide_gaps(tmp_path))
    (block,) = doc.blocks
    assert joined(block) == " ".join(L.STRETCHED)


def test_justified_lines_of_narrow_columns_stay_whole_beside_the_other_column(tmp_path: Path) -> None:
    # the rows next to a line may hold only the other column's words, a line may have one stretched space,
    # a paragraph's last line may reach none of its first line's gaps, and indented text widens the gutter
    doc = read_pdf(L.justified_narrow_columns(tmp_path))
    assert [joined(b) for b in doc.blocks] == [" ".join(p) for column in L.JUSTIFIED_COLUMNS for p in column]


def test_a_paragraph_and_an_item_broken_at_page_breaks_are_joined_on_the_page_they_start(tmp_path: Path) -> None:
    doc = read_pdf(L.paragraph_over_page_break(tmp_path))
    assert [(b.page, b.role, joined(b)) for b in doc.blocks] == [
        (1, "paragraph", "Palvelut tuotetaan lähellä asukkaita ja yhä useammin myös digitaalisesti kaikilla alueilla."),
        (2, "list_item", "Talous on tasapainossa ja investoinnit tehdään harkiten."),
        (3, "paragraph", "Uusi kappale alkaa tästä."),
    ]


def test_a_list_item_broken_at_a_column_break_is_joined_where_it_starts(tmp_path: Path) -> None:
    # its last line heads the next column: alone there (no gutter orders it) or above a heading and a list
    doc = read_pdf(L.list_over_column_break(tmp_path))
    assert [(b.page, b.role, joined(b)) for b in doc.blocks] == [
        (1, "heading", "Palvelulupaus"),
        (1, "heading", "Miten uudistumme"),
        (1, "list_item", "Avaamme neuvonnan kaikille asukkaille yhden numeron kautta."),
        (1, "list_item", "Kotiin vietävät palvelut lisääntyvät ja tukevat asumista, kun apua tarvitaan arjessa."),
        (2, "heading", "Toinen lupaus"),
        (2, "heading", "Miten uudistumme"),
        (2, "list_item", "Digitaaliset palvelut ovat saatavilla vuorokauden ympäri."),
        (2, "list_item", "Henkilöstö saa koulutusta uusien välineiden käyttöön joka vuosi."),
        (2, "heading", "Tulokset"),
        (2, "list_item", "Asiakkaiden odotusajat lyhenevät"),
    ]


def test_the_space_between_bullets_and_their_items_is_no_column_gutter(tmp_path: Path) -> None:
    # a short bulleted right column set higher than the left one: still read after the whole left column
    doc = read_pdf(L.short_bulleted_column(tmp_path))
    assert [(b.marker, joined(b)) for b in doc.blocks] == [
        (None, "Asiakaslähtöiset palveluketjut"),
        ("1.", "Kuvaamme keskeiset asiakaspolut kokonaisuutena."),
        ("2.", "Ohjaus ja neuvonta annetaan yhdestä paikasta."),
        ("3.", "Palvelutarve arvioidaan kerralla."),
        ("•", "Kustannukset asiakasta kohden laskevat"),
        ("•", "Asiakastyöhön käytetty osuus työajasta kasvaa"),
    ]


def test_one_line_headings_stacked_at_a_loose_spacing_stay_apart(tmp_path: Path) -> None:
    # their size never shows a line gap; on the first page the document's spacing is not known yet
    doc = read_pdf(L.stacked_headings(tmp_path))
    for page in (1, 4):
        assert [(b.role, joined(b)) for b in doc.blocks if b.page == page] == [
            ("heading", L.TITLE), *(("heading", text) for text in L.STACKED)
        ]
    assert [(b.role, joined(b)) for b in doc.blocks if b.page == 2] == paragraphs(L.COLUMN_TEXT)


def test_a_dashed_line_at_an_items_text_indent_goes_on_its_sentence_and_a_heading_broken_at_a_page_is_joined(
        tmp_path: Path) -> None:
    doc = read_pdf(L.heading_and_item_broken(tmp_path))
    found = [(b.page, b.role, b.marker, joined(b)) for b in doc.blocks if b.role != "paragraph"]
    assert found == [
        (1, "heading", None, L.TITLE),
        (1, "list_item", "1.", "Hyödynnämme kumppanien vahvuudet ja yritykset – asukkaiden parhaaksi."),
        (1, "list_item", "2.", "Kehitämme kolmea asiaa:"),  # after a colon, dashed lines are its sub-items
        (1, "list_item", "–", "lähipalveluja"),
        (1, "list_item", "–", "etäpalveluja"),
        (1, "heading", None, "Järjestämme ja uudistamme palveluja kestävällä tavalla"),
    ]


def test_a_sentence_wrapped_before_its_dash_stays_one_paragraph_and_dashes_after_a_lead_in_are_items(
        tmp_path: Path) -> None:
    doc = read_pdf(L.paragraph_wrapped_at_a_dash(tmp_path))
    assert [(b.role, b.marker, joined(b)) for b in doc.blocks] == [
        ("heading", None, L.TITLE),
        ("paragraph", None, join_lines(L.WRAPPED_AT_A_DASH)),
        ("paragraph", None, "Keskeisiä keinojamme ovat"),
        ("list_item", "–", "lähipalvelut"),
        ("list_item", "–", "etäpalvelut"),
        ("paragraph", None, "Palvelujen järjestämisessä keskeisiä keinojamme ovat"),
        ("list_item", "–", "kumppanuudet"),
    ]


def test_an_item_broken_at_a_column_break_is_joined_whatever_the_right_column_holds(tmp_path: Path) -> None:
    doc = read_pdf(L.item_over_column_break(tmp_path))
    item = "Luomme edellytykset tehokkaalle kilpailulle ja lisäämme vaikuttavia hankintoja koko alueella."
    for page in doc.pages:
        texts = [(b.role, joined(b)) for b in page.blocks]
        assert ("list_item", item) in texts, texts
        assert not any(text.startswith("hankintoja") for _, text in texts)
    assert ("paragraph", "Toinen kappale alkaa tästä ja kertoo seurannasta ja mittareista.") in [
        (b.role, joined(b)) for b in doc.pages[1].blocks]


def test_letter_spaced_heading_is_joined_into_words(tmp_path: Path) -> None:
    doc = read_pdf(L.letter_spaced_heading(tmp_path))
    assert [(b.role, b.level, joined(b)) for b in doc.blocks] == [
        ("heading", 1, "STRATEGIA 2030"),
        ("paragraph", None, "Strategia ohjaa alueen toimintaa ja taloutta koko valtuustokauden ajan."),
    ]


def test_unmapped_glyphs_are_a_warning_and_the_page_read_by_ocr(tmp_path: Path) -> None:
    doc = read_pdf(L.unmapped_glyphs(tmp_path))
    ((page, message),) = doc.warnings
    assert page == 1 and "without a Unicode mapping" in message
    if ocr_engine() is None:
        assert doc.blocks == () and "OCR needs tesseract" in message
        pytest.skip("tesseract with fin and swe is not installed: OCR itself not checked")
    assert "page read by OCR" in message
    assert [joined(b) for b in doc.blocks] == ["Tavoitteena on hyvinvointi"]


def _model(doc: SourceDocument) -> list[tuple]:
    """What the engines must agree on: each block's page, role, level, marker, lines and cells."""
    return [
        (b.page, b.role, b.level, b.marker, b.lines,
         tuple((c.row, c.col, c.kind, c.row_span, c.col_span, c.text, c.items) for c in b.cells or ()))
        for b in doc.blocks
    ]


@pytest.mark.parametrize("name", sorted(L.LAYOUTS))
def test_pdfium_and_pdfplumber_engines_give_the_same_model(tmp_path: Path, name: str) -> None:
    path = L.LAYOUTS[name](tmp_path)
    fast, plumber = read_pdf(path), read_pdf(path, {"engine": "pdfplumber"})
    assert _model(fast) == _model(plumber)
    assert fast.removals == plumber.removals and fast.warnings == plumber.warnings


@pytest.mark.parametrize("name", sorted(L.LAYOUTS))
def test_table_finder_sees_the_same_tables_on_a_page_read_without_its_text(tmp_path: Path, name: str) -> None:
    """The reader hands pdfplumber's table finder a page laid out without glyphs (the fast path); it finds the
    same tables, cell for cell, as on pdfplumber's whole page."""
    from extract.readers.pdf.plumber import PlumberEngine

    engine = PlumberEngine(L.LAYOUTS[name](tmp_path))
    settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
    found = []
    try:
        for index in range(engine.page_count):
            with engine.plumber_page(index) as whole, engine.plumber_page(index, text=False) as graphics:
                assert graphics.chars == [] and len(graphics.edges) == len(whole.edges)
                tables = [(t.bbox, t.cells) for t in whole.find_tables(settings)]
                assert [(t.bbox, t.cells) for t in graphics.find_tables(settings)] == tables
                found += tables
    finally:
        engine.close()
    if name in ("ruled-table", "shaded-table"):  # ruling lines, filled rows: tables to compare
        assert found


_EDGE_KEYS = ("object_type", "orientation", "x0", "x1", "top", "bottom", "doctop", "width", "height")


@pytest.mark.parametrize("name", sorted(L.LAYOUTS))
def test_pdfium_edges_are_pdfplumbers_to_the_last_bit(tmp_path: Path, name: str) -> None:
    """The table finder's edges from PDFium's path objects equal those pdfplumber gets by parsing the page,
    value for value and in order, so the tables found from them are the same cell for cell."""
    from extract.readers.pdf.pdfium import PdfiumEngine
    from extract.readers.pdf.plumber import PlumberEngine
    from extract.readers.pdf.edges import find_tables
    from extract.readers.pdf.tables import LINES_STRATEGY

    path = L.LAYOUTS[name](tmp_path)
    fast, plumber = PdfiumEngine(path), PlumberEngine(path)
    compared = 0
    try:
        for index in range(plumber.page_count):
            with plumber.plumber_page(index) as page:
                edges = fast.edges(index, page.height)
                assert edges is not None  # no form XObjects in these layouts
                assert [[e[k] for k in _EDGE_KEYS] for e in edges] == [[e[k] for k in _EDGE_KEYS] for e in page.edges]
                tables = [t.cells for t in page.find_tables(LINES_STRATEGY)]
                assert [t.cells for t in find_tables(edges, LINES_STRATEGY)] == tables
                compared += len(edges)
    finally:
        fast.close()
        plumber.close()
    if name in ("ruled-table", "shaded-table"):
        assert compared
