"""Tests of :mod:`extract.readers.pptx` on small decks built with python-pptx."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Pt

from extract.errors import ExtractionError
from extract.readers.pptx import read_pptx
from extract.readers.pptx.markers import split_literal_marker
from extract.readers.pptx.order import side_by_side
from extract.records import Block, SourceDocument
from pptx_factory import (
    LAYOUT_TITLE_AND_CONTENT,
    Para,
    add_footer,
    add_group,
    add_slide,
    add_table,
    add_text_box,
    mark_covered,
    merge_cells,
    move_into_group,
    move_group,
    new_deck,
    save,
    scale_group,
    set_notes,
    write_paragraphs,
)

SECTION_HEADER_LAYOUT = 2


def texts(doc: SourceDocument) -> list[tuple[str, str]]:
    """(role, text) of every block, in order."""
    return [(b.role, b.raw_text) for b in doc.blocks]


def one_slide(tmp_path: Path, build) -> SourceDocument:
    """Read a one-slide deck whose slide ``build(slide)`` fills."""
    deck = new_deck()
    build(add_slide(deck, "Otsikko"))
    return read_pptx(save(deck, tmp_path / "deck.pptx"))


def tiny_png() -> bytes:
    """A valid 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


# --------------------------------------------------------------------------- reading order


def test_columns_read_left_box_fully_before_right_box(tmp_path: Path) -> None:
    def build(slide):
        add_text_box(slide, (380, 114, 300, 200), ["Oikea yksi", "Oikea kaksi"])
        add_text_box(slide, (36, 120, 300, 200), ["Vasen yksi", "Vasen kaksi"])
        add_text_box(slide, (36, 400, 640, 60), ["Koko leveys alla"])

    doc = one_slide(tmp_path, build)
    assert texts(doc) == [
        ("title", "Otsikko"),
        ("paragraph", "Vasen yksi"),
        ("paragraph", "Vasen kaksi"),
        ("paragraph", "Oikea yksi"),
        ("paragraph", "Oikea kaksi"),
        ("paragraph", "Koko leveys alla"),
    ]
    title, left = doc.blocks[0], doc.blocks[1]
    assert title.level == 1
    assert left.bbox == (36.0, 120.0, 336.0, 320.0)
    assert [b.page for b in doc.blocks] == [1] * 6


def test_stacked_left_column_comes_before_tall_right_column(tmp_path: Path) -> None:
    def build(slide):
        add_text_box(slide, (380, 100, 300, 300), ["Oikea pitkä laatikko"])
        add_text_box(slide, (36, 250, 300, 150), ["Vasen alempi"])
        add_text_box(slide, (36, 105, 300, 120), ["Vasen ylempi"])

    doc = one_slide(tmp_path, build)
    assert [b.raw_text for b in doc.blocks[1:]] == ["Vasen ylempi", "Vasen alempi", "Oikea pitkä laatikko"]


def test_side_by_side_needs_most_of_the_height_shared() -> None:
    assert side_by_side((0, 10, 100, 110), (120, 0, 220, 110))
    assert not side_by_side((0, 0, 100, 100), (120, 90, 220, 190))  # touching rows
    assert not side_by_side((0, 0, 100, 100), (50, 0, 150, 100))  # overlapping boxes


def test_group_content_is_read_in_order_with_nested_group(tmp_path: Path) -> None:
    def build(slide):
        add_text_box(slide, (36, 480, 300, 30), ["Alla"])
        group = add_group(slide)
        add_text_box(group.shapes, (36, 200, 300, 40), ["Ryhmä B"])
        add_text_box(group.shapes, (36, 140, 300, 40), ["Ryhmä A"])
        inner = add_group(group.shapes)
        add_text_box(inner.shapes, (36, 300, 300, 40), ["Sisäryhmä C"])
        add_text_box(slide, (36, 90, 300, 30), ["Yllä"])

    doc = one_slide(tmp_path, build)
    assert texts(doc)[1:] == [
        ("paragraph", "Yllä"),
        ("paragraph", "Ryhmä A"),
        ("paragraph", "Ryhmä B"),
        ("paragraph", "Sisäryhmä C"),
        ("paragraph", "Alla"),
    ]


def test_moved_group_children_are_placed_in_slide_coordinates(tmp_path: Path) -> None:
    def build(slide):
        group = add_group(slide)
        add_text_box(group.shapes, (36, 140, 200, 40), ["Ryhmä A"])
        inner = add_group(group.shapes)
        add_text_box(inner.shapes, (36, 300, 200, 40), ["Sisäryhmä C"])
        move_group(group, 300, 10)

    doc = one_slide(tmp_path, build)
    boxes = {b.raw_text: b.bbox for b in doc.blocks}
    assert boxes["Ryhmä A"] == (336.0, 150.0, 536.0, 190.0)
    assert boxes["Sisäryhmä C"] == (336.0, 310.0, 536.0, 350.0)


def test_resized_group_scales_its_children(tmp_path: Path) -> None:
    def build(slide):
        group = add_group(slide)
        add_text_box(group.shapes, (36, 140, 200, 40), ["Ryhmä A"])
        add_text_box(group.shapes, (36, 200, 200, 40), ["Ryhmä B"])
        scale_group(group, 2.0)

    doc = one_slide(tmp_path, build)
    assert [b.bbox for b in doc.blocks[1:]] == [(36.0, 140.0, 436.0, 220.0), (36.0, 260.0, 436.0, 340.0)]


# --------------------------------------------------------------------------- paragraphs and lists


def test_bullets_from_level_bullet_char_and_literal_markers(tmp_path: Path) -> None:
    def build(slide):
        add_text_box(
            slide,
            (36, 120, 600, 300),
            [
                "Johdanto",
                Para("Ensimmäinen kohta", level=1),
                Para("Toinen kohta", bullet="–"),
                "• Kolmas kohta",
                "- Neljäs kohta",
            ],
        )

    doc = one_slide(tmp_path, build)
    assert [(b.role, b.marker, b.raw_text) for b in doc.blocks[1:]] == [
        ("paragraph", None, "Johdanto"),
        ("list_item", "•", "Ensimmäinen kohta"),
        ("list_item", "–", "Toinen kohta"),
        ("list_item", "•", "Kolmas kohta"),
        ("list_item", "-", "Neljäs kohta"),
    ]


def test_numbered_lists_literal_and_automatic(tmp_path: Path) -> None:
    def build(slide):
        add_text_box(slide, (36, 120, 300, 200), ["1. Hyvinvointi", "2. Turvallisuus", "3) Talous"])
        add_text_box(
            slide,
            (36, 340, 300, 150),
            [
                Para("Ensimmäinen tavoite", numbered="arabicPeriod"),
                Para("Toinen tavoite", numbered="arabicPeriod"),
                Para("Alakohta", level=1, numbered="alphaLcParenR"),
                Para("Kolmas tavoite", numbered="arabicPeriod"),
            ],
        )

    doc = one_slide(tmp_path, build)
    assert [(b.role, b.marker, b.raw_text) for b in doc.blocks[1:]] == [
        ("list_item", "1.", "Hyvinvointi"),
        ("list_item", "2.", "Turvallisuus"),
        ("list_item", "3)", "Talous"),
        ("list_item", "1.", "Ensimmäinen tavoite"),
        ("list_item", "2.", "Toinen tavoite"),
        ("list_item", "a)", "Alakohta"),
        ("list_item", "3.", "Kolmas tavoite"),
    ]


def test_dates_and_numbers_are_not_taken_for_markers() -> None:
    assert split_literal_marker("1.1.2026 alkaen") == (None, "1.1.2026 alkaen")
    assert split_literal_marker("-5 % kustannuksista") == (None, "-5 % kustannuksista")
    assert split_literal_marker("• Hyvinvointi") == ("•", "Hyvinvointi")


def test_a_typed_in_capital_letter_marker_is_a_list_marker() -> None:
    # lettered sub-items typed into the text ("A. Digitaaliset palvelut"), as the PDF reader reads them too
    assert split_literal_marker("A. Digitaaliset palvelut") == ("A.", "Digitaaliset palvelut")
    assert split_literal_marker("B) Automaatio") == ("B)", "Automaatio")
    assert split_literal_marker("Aamu alkaa") == (None, "Aamu alkaa")


def test_content_placeholder_inherits_bullets_from_master(tmp_path: Path) -> None:
    deck = new_deck()
    content = add_slide(deck, "Sisältö", layout=LAYOUT_TITLE_AND_CONTENT)
    write_paragraphs(content.placeholders[1].text_frame, ["Ensimmäinen kohta", "Toinen kohta"])
    section = add_slide(deck, "Väliotsikko", layout=SECTION_HEADER_LAYOUT)
    write_paragraphs(section.placeholders[1].text_frame, ["Selite ilman luettelomerkkiä"])
    doc = read_pptx(save(deck, tmp_path / "deck.pptx"))
    assert [(b.page, b.role, b.marker, b.raw_text) for b in doc.blocks] == [
        (1, "title", None, "Sisältö"),
        (1, "list_item", "•", "Ensimmäinen kohta"),
        (1, "list_item", "•", "Toinen kohta"),
        (2, "title", None, "Väliotsikko"),
        (2, "paragraph", None, "Selite ilman luettelomerkkiä"),
    ]


def test_each_paragraph_is_a_block_and_line_breaks_split_lines(tmp_path: Path) -> None:
    def build(slide):
        add_text_box(slide, (36, 120, 600, 200), ["Eka kappale.", "", "Rivi yksi\vRivi kaksi"])

    doc = one_slide(tmp_path, build)
    assert [b.lines for b in doc.blocks[1:]] == [("Eka kappale.",), ("Rivi yksi", "Rivi kaksi")]


def test_short_bold_or_large_paragraphs_are_headings(tmp_path: Path) -> None:
    def build(slide):
        add_text_box(
            slide,
            (36, 120, 600, 300),
            [
                Para("Tavoitteet", bold=True, size=14),
                Para("Alueen asukkaiden hyvinvointi ja terveys paranevat koko strategiakauden ajan.", size=14),
                Para("Iso väliotsikko", size=24),
                Para("Lihavoitu kokonainen virke päättyy pisteeseen.", bold=True, size=14),
            ],
        )

    doc = one_slide(tmp_path, build)
    body = doc.blocks[1:]
    assert [(b.role, b.level) for b in body] == [
        ("heading", 3),
        ("paragraph", None),
        ("heading", 2),
        ("paragraph", None),
    ]
    assert body[0].bold and body[0].font_size == 14.0
    assert body[2].font_size == 24.0 and not body[2].bold


def test_rotated_text_box_gets_rotated_role(tmp_path: Path) -> None:
    def build(slide):
        add_text_box(slide, (600, 100, 200, 30), ["Sivupalkki"]).rotation = 270
        add_text_box(slide, (36, 120, 400, 100), ["Leipäteksti"])

    doc = one_slide(tmp_path, build)
    assert {(b.role, b.raw_text) for b in doc.blocks[1:]} == {("rotated", "Sivupalkki"), ("paragraph", "Leipäteksti")}


def test_empty_text_and_pictures_are_skipped(tmp_path: Path) -> None:
    def build(slide):
        add_text_box(slide, (36, 100, 300, 40), ["", "   "])
        slide.shapes.add_picture(io.BytesIO(tiny_png()), Pt(36), Pt(200), Pt(50), Pt(50))
        add_text_box(slide, (36, 300, 300, 40), ["Ainoa teksti"])

    doc = one_slide(tmp_path, build)
    assert texts(doc) == [("title", "Otsikko"), ("paragraph", "Ainoa teksti")]


# --------------------------------------------------------------------------- tables and notes


def test_table_becomes_one_block_with_exact_rows(tmp_path: Path) -> None:
    rows = [["Tavoite", "Mittari"], ["Hyvinvointi", "Kouluterveyskysely"], ["Talous", "Tilikauden tulos"]]

    def build(slide):
        add_table(slide, (36, 120, 600, 150), rows)

    doc = one_slide(tmp_path, build)
    [table] = doc.blocks[1:]
    assert table.role == "table"
    assert table.rows == (
        ("Tavoite", "Mittari"),
        ("Hyvinvointi", "Kouluterveyskysely"),
        ("Talous", "Tilikauden tulos"),
    )
    assert table.lines == ("Tavoite | Mittari", "Hyvinvointi | Kouluterveyskysely", "Talous | Tilikauden tulos")
    assert table.bbox == (36.0, 120.0, 636.0, 270.0)


def test_speaker_notes_come_last_one_block_per_paragraph(tmp_path: Path) -> None:
    def build(slide):
        set_notes(slide, "Puhujan muistiinpanot\nToinen rivi")
        add_text_box(slide, (36, 120, 600, 100), ["Dian teksti"])

    doc = one_slide(tmp_path, build)
    assert texts(doc) == [
        ("title", "Otsikko"),
        ("paragraph", "Dian teksti"),
        ("notes", "Puhujan muistiinpanot"),
        ("notes", "Toinen rivi"),
    ]
    assert doc.blocks[-1].page == 1


def test_empty_notes_give_no_block(tmp_path: Path) -> None:
    def build(slide):
        set_notes(slide, "")
        add_text_box(slide, (36, 120, 600, 100), ["Dian teksti"])

    assert [b.role for b in one_slide(tmp_path, build).blocks] == ["title", "paragraph"]


# --------------------------------------------------------------------------- languages and pages

FINNISH = "Hyvinvointialueen strategia: äitiys- ja lastenneuvola, öljylämmitys, Åland"
SWEDISH = "Välfärdsområdets strategi: förnyelse av tjänster, åtgärder för äldre"


def test_finnish_and_swedish_letters_survive(tmp_path: Path) -> None:
    def build(slide):
        add_text_box(slide, (36, 120, 600, 100), [FINNISH, "• " + SWEDISH])

    doc = one_slide(tmp_path, build)
    assert [b.raw_text for b in doc.blocks[1:]] == [FINNISH, SWEDISH]


def test_two_slide_deck_has_numbered_pages(tmp_path: Path) -> None:
    deck = new_deck()
    add_text_box(add_slide(deck, "Strategia 2026–2029"), (36, 120, 600, 100), [FINNISH])
    add_text_box(add_slide(deck, "Strategi 2026–2029"), (36, 120, 600, 100), [SWEDISH])
    doc = read_pptx(save(deck, tmp_path / "deck.pptx"))

    assert doc.source_kind == "pptx"
    assert doc.page_count == 2
    assert doc.path == str(tmp_path / "deck.pptx")
    assert [p.number for p in doc.pages] == [1, 2]
    assert [(p.width, p.height) for p in doc.pages] == [(720.0, 540.0), (720.0, 540.0)]
    assert [(b.page, b.role, b.raw_text) for b in doc.blocks] == [
        (1, "title", "Strategia 2026–2029"),
        (1, "paragraph", FINNISH),
        (2, "title", "Strategi 2026–2029"),
        (2, "paragraph", SWEDISH),
    ]
    assert all(isinstance(b, Block) for b in doc.blocks)


# --------------------------------------------------------------------------- bad input


def assert_fails(path: Path, code: str, words: str) -> None:
    """Reading ``path`` raises ``code`` with a one-line reason containing ``words``."""
    with pytest.raises(ExtractionError) as caught:
        read_pptx(path)
    error = caught.value
    assert error.code == code
    assert error.path == str(path)
    assert words in error.reason
    assert "\n" not in str(error)


def test_missing_file_is_e101(tmp_path: Path) -> None:
    assert_fails(tmp_path / "puuttuu.pptx", "E101", "not found")


def test_text_file_renamed_pptx_is_e102(tmp_path: Path) -> None:
    path = tmp_path / "teksti.pptx"
    path.write_text("Tämä on tekstiä, ei esitys.\n", encoding="utf-8")
    assert_fails(path, "E102", "not a zip archive")


def test_zip_that_is_not_a_pptx_is_e102(tmp_path: Path) -> None:
    path = tmp_path / "arkisto.pptx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "ei esitys")
    assert_fails(path, "E102", "[Content_Types].xml")


def test_truncated_pptx_is_e102(tmp_path: Path) -> None:
    deck = new_deck()
    add_text_box(add_slide(deck, "Otsikko"), (36, 120, 600, 100), ["Teksti"])
    data = save(deck, tmp_path / "full.pptx").read_bytes()
    path = tmp_path / "katkaistu.pptx"
    path.write_bytes(data[: len(data) // 2])
    assert_fails(path, "E102", "truncated")


def test_corrupt_slide_xml_is_e102(tmp_path: Path) -> None:
    deck = new_deck()
    add_slide(deck, "Otsikko")
    source = save(deck, tmp_path / "full.pptx")
    path = tmp_path / "rikki.pptx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as broken:
        for item in original.infolist():
            data = original.read(item.filename)
            broken.writestr(item, b"<p:sld><broken" if item.filename == "ppt/slides/slide1.xml" else data)
    assert_fails(path, "E102", "corrupt XML")


def test_encrypted_deck_is_e103(tmp_path: Path) -> None:
    path = tmp_path / "salattu.pptx"
    ole_header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path.write_bytes(ole_header + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64)
    assert_fails(path, "E103", "encrypted")


# --------------------------------------------------------------------------- placeholders and inheritance


def test_content_placeholder_takes_position_and_sizes_from_layout_and_master(tmp_path: Path) -> None:
    deck = new_deck()
    slide = add_slide(deck, "Sisältö", layout=LAYOUT_TITLE_AND_CONTENT)
    write_paragraphs(slide.placeholders[1].text_frame, ["Ensimmäinen kohta", Para("Alakohta", level=1)])
    doc = read_pptx(save(deck, tmp_path / "deck.pptx"))
    title, first, sub = doc.blocks
    layout_box = slide.slide_layout.placeholders[1]
    expected = tuple(round(v / 12700, 2) for v in (layout_box.left, layout_box.top,
                                                   layout_box.left + layout_box.width, layout_box.top + layout_box.height))
    assert first.bbox == expected == sub.bbox
    # python-pptx's default master: titles 44 pt, body level 1 32 pt, level 2 28 pt, all bulleted
    assert (title.font_size, first.font_size, sub.font_size) == (44.0, 32.0, 28.0)
    assert (first.marker, sub.marker) == ("•", "–")


def test_text_box_sizes_come_from_the_presentation_default(tmp_path: Path) -> None:
    doc = one_slide(tmp_path, lambda slide: add_text_box(slide, (36, 120, 600, 100), ["Leipäteksti ilman kokoa"]))
    assert doc.blocks[1].font_size == 18.0


def test_footer_date_and_slide_number_placeholders_are_furniture(tmp_path: Path) -> None:
    deck = new_deck()
    slide = add_slide(deck, "Otsikko", layout=LAYOUT_TITLE_AND_CONTENT)
    write_paragraphs(slide.placeholders[1].text_frame, ["Sisältöä"])
    add_footer(slide, "Länsi-Uudenmaan hyvinvointialue")
    add_footer(slide, "7", PP_PLACEHOLDER.SLIDE_NUMBER)
    doc = read_pptx(save(deck, tmp_path / "deck.pptx"))
    assert [(b.role, b.raw_text) for b in doc.blocks if b.role == "furniture"] == [
        ("furniture", "Länsi-Uudenmaan hyvinvointialue"),
        ("furniture", "7"),
    ]
    assert {(r.page, r.kind, r.text) for r in doc.removals} == {
        (1, "footer", "Länsi-Uudenmaan hyvinvointialue"),
        (1, "page_number", "7"),
    }


# --------------------------------------------------------------------------- titles and headings


def test_slide_without_title_placeholder_takes_its_largest_short_text(tmp_path: Path) -> None:
    deck = new_deck()
    slide = add_slide(deck)
    add_text_box(slide, (36, 300, 600, 100), [Para("Leipäteksti jatkuu tässä ja kertoo asiasta enemmän.", size=16)])
    add_text_box(slide, (36, 160, 600, 60), [Para("Pieni yläotsake", size=16)])
    add_text_box(slide, (36, 200, 600, 60), [Para("Strategian painopisteet", size=32)])
    doc = read_pptx(save(deck, tmp_path / "deck.pptx"))
    assert [(b.role, b.level, b.raw_text) for b in doc.blocks] == [
        ("title", 1, "Strategian painopisteet"),
        ("paragraph", None, "Pieni yläotsake"),
        ("paragraph", None, "Leipäteksti jatkuu tässä ja kertoo asiasta enemmän."),
    ]


def test_slide_of_plain_body_text_gets_no_invented_title(tmp_path: Path) -> None:
    deck = new_deck()
    add_text_box(add_slide(deck), (36, 100, 600, 100), ["Ensimmäinen rivi", "Toinen rivi"])
    doc = read_pptx(save(deck, tmp_path / "deck.pptx"))
    assert [b.role for b in doc.blocks] == ["paragraph", "paragraph"]


def test_empty_title_placeholder_falls_back_to_the_largest_text(tmp_path: Path) -> None:
    deck = new_deck()
    slide = add_slide(deck, "")
    add_text_box(slide, (36, 40, 600, 60), [Para("Arvomme", size=36)])
    add_text_box(slide, (36, 140, 600, 60), [Para("Yhdenvertaisuus ja vastuullisuus ohjaavat meitä.", size=18)])
    doc = read_pptx(save(deck, tmp_path / "deck.pptx"))
    assert [(b.role, b.raw_text) for b in doc.blocks] == [
        ("title", "Arvomme"),
        ("paragraph", "Yhdenvertaisuus ja vastuullisuus ohjaavat meitä."),
    ]


def test_heading_size_is_measured_against_the_decks_own_body_size(tmp_path: Path) -> None:
    """The same 20 pt line is a heading in a deck set in 14 pt and body text in a deck set in 20 pt."""

    def deck_with_body(size: float, name: str) -> SourceDocument:
        deck = new_deck()
        for _ in range(2):
            add_text_box(add_slide(deck, "Otsikko"), (36, 120, 600, 300), [
                Para("Väliotsikko", size=20),
                Para("Leipätekstiä, joka kertoo tavoitteista ja niiden mittareista koko kauden ajan.", size=size),
            ])
        return read_pptx(save(deck, tmp_path / name))

    small = deck_with_body(14, "small.pptx")
    large = deck_with_body(20, "large.pptx")
    assert [(b.role, b.level) for b in small.pages[0].blocks[1:]] == [("heading", 2), ("paragraph", None)]
    assert [(b.role, b.level) for b in large.pages[0].blocks[1:]] == [("paragraph", None), ("paragraph", None)]


# --------------------------------------------------------------------------- auto-numbering


def test_auto_numbering_start_at_schemes_and_restart_per_text_box(tmp_path: Path) -> None:
    def build(slide):
        add_text_box(slide, (36, 120, 300, 150), [
            Para("Neljäs", numbered="arabicParenR", start_at=4),
            Para("Viides", numbered="arabicParenR"),
            Para("Alakohta", level=1, numbered="romanUcPeriod"),
            Para("Toinen alakohta", level=1, numbered="romanUcPeriod"),
        ])
        add_text_box(slide, (36, 300, 300, 150), [
            Para("Uusi lista", numbered="alphaUcPeriod"),
            "Väliin kappale",
            Para("Alkaa alusta", numbered="alphaUcPeriod"),
        ])

    doc = one_slide(tmp_path, build)
    assert [(b.marker, b.raw_text) for b in doc.blocks[1:]] == [
        ("4)", "Neljäs"),
        ("5)", "Viides"),
        ("I.", "Alakohta"),
        ("II.", "Toinen alakohta"),
        ("A.", "Uusi lista"),
        (None, "Väliin kappale"),
        ("A.", "Alkaa alusta"),
    ]


# --------------------------------------------------------------------------- tables as cells


def cell_map(block: Block) -> dict[tuple[int, int], tuple]:
    """(row, col) -> (kind, text, row_span, col_span, items)."""
    return {(c.row, c.col): (c.kind, c.text, c.row_span, c.col_span, c.items) for c in block.cells}


def test_table_with_merged_cells_header_row_and_cell_bullets(tmp_path: Path) -> None:
    rows = [
        ["Tavoite", "Arviointi", ""],
        ["", "Saavutettu?", "Pisteet (1-5)"],
        [["Hyvinvointi kasvaa", Para("Liikunta lisääntyy", bullet="•"), Para("Yksinäisyys vähenee", bullet="•")],
         "Kyllä", "4"],
        ["Talous tasapainossa", "Osittain", "3"],
        ["", "Ei", "2"],
    ]

    def build(slide):
        frame = add_table(slide, (36, 120, 600, 250), rows)
        merge_cells(frame, (0, 1), (0, 2))  # "Arviointi" over two columns
        merge_cells(frame, (0, 0), (1, 0))  # "Tavoite" over both header rows
        merge_cells(frame, (3, 0), (4, 0))  # one goal with two verdict rows

    [table] = one_slide(tmp_path, build).blocks[1:]
    cells = cell_map(table)
    assert cells == {
        (0, 0): ("column_header", "Tavoite", 2, 1, ()),
        (0, 1): ("column_header", "Arviointi", 1, 2, ()),
        (1, 1): ("column_header", "Saavutettu?", 1, 1, ()),
        (1, 2): ("column_header", "Pisteet (1-5)", 1, 1, ()),
        (2, 0): ("content", "Hyvinvointi kasvaa", 1, 1, ("Liikunta lisääntyy", "Yksinäisyys vähenee")),
        (2, 1): ("content", "Kyllä", 1, 1, ()),
        (2, 2): ("content", "4", 1, 1, ()),
        (3, 0): ("content", "Talous tasapainossa", 2, 1, ()),
        (3, 1): ("content", "Osittain", 1, 1, ()),
        (3, 2): ("content", "3", 1, 1, ()),
        (4, 1): ("content", "Ei", 1, 1, ()),
        (4, 2): ("content", "2", 1, 1, ()),
    }
    assert table.rows[2] == ("Hyvinvointi kasvaa\nLiikunta lisääntyy\nYksinäisyys vähenee", "Kyllä", "4")
    spanning = next(c for c in table.cells if (c.row, c.col) == (0, 1))
    assert spanning.bbox == (236.0, 120.0, 636.0, 170.0)


def test_merge_marked_only_on_covered_cells_still_spans(tmp_path: Path) -> None:
    def build(slide):
        frame = add_table(slide, (36, 120, 600, 150), [["Tavoite", "", "Tila"], ["Hyvinvointi", "Kyllä", "4"],
                                                       ["", "Ei", "2"]])
        mark_covered(frame, 0, 1, across=True)
        mark_covered(frame, 2, 0, across=False)

    cells = cell_map(one_slide(tmp_path, build).blocks[1])
    assert cells[(0, 0)][2:4] == (1, 2) and (0, 1) not in cells
    assert cells[(1, 0)][2:4] == (2, 1) and (2, 0) not in cells


def test_header_row_from_flag_or_bold_first_row(tmp_path: Path) -> None:
    def build(slide):
        add_table(slide, (36, 100, 600, 80), [["Tavoite", "Mittari"], ["Hyvinvointi", "Kysely"]], first_row=False)
        add_table(slide, (36, 250, 600, 80), [[[Para("Tavoite", bold=True)], [Para("Mittari", bold=True)]],
                                              ["Talous", "Tulos"]], first_row=False)

    plain, bold = one_slide(tmp_path, build).blocks[1:]
    assert {c.kind for c in plain.cells} == {"content"}
    assert [c.kind for c in bold.cells] == ["column_header", "column_header", "content", "content"]


def test_table_inside_a_group_is_read_in_place(tmp_path: Path) -> None:
    def build(slide):
        add_text_box(slide, (36, 400, 600, 40), ["Taulukon alla"])
        group = add_group(slide)
        add_text_box(group.shapes, (36, 100, 600, 40), ["Taulukon otsake"])
        move_into_group(add_table(slide, (36, 160, 600, 100), [["Tavoite", "Tila"], ["Talous", "Kyllä"]]), group)
        move_group(group, 0, 20)

    doc = one_slide(tmp_path, build)
    assert [b.role for b in doc.blocks[1:]] == ["paragraph", "table", "paragraph"]
    assert doc.blocks[2].bbox == (36.0, 180.0, 636.0, 280.0)


def test_bold_side_headings_do_not_count_as_the_decks_body_text(tmp_path: Path) -> None:
    """A deck of mostly bold 20 pt lines over little 14 pt text still has a 14 pt body: the bold lines are headings."""
    deck = new_deck()
    slide = add_slide(deck, "Arviointiasteikko")
    add_text_box(slide, (36, 120, 600, 300), [
        *(Para(f"{n} = Tavoitteessa edistytty suunnitelman mukaisesti", size=20, bold=True) for n in range(5, 0, -1)),
        Para("Arviointi tehtiin syksyllä.", size=14),
    ])
    body = read_pptx(save(deck, tmp_path / "deck.pptx")).blocks[1:]
    assert [(b.role, b.level) for b in body] == [("heading", 2)] * 5 + [("paragraph", None)]


def test_text_repeated_at_the_bottom_of_every_slide_is_running_text(tmp_path: Path) -> None:
    deck = new_deck()
    for n in range(1, 5):
        slide = add_slide(deck, f"Dia {n}")
        add_text_box(slide, (36, 120, 600, 100), [f"Sisältöä numero {n} tällä dialla."])
        add_text_box(slide, (36, 500, 400, 24), ["Länsi-Uudenmaan hyvinvointialue"])
        add_text_box(slide, (640, 500, 40, 24), [str(n)])
    add_text_box(deck.slides[3], (36, 480, 600, 24), ["Lisätieto vain viimeisellä dialla"])
    doc = read_pptx(save(deck, tmp_path / "deck.pptx"))
    assert [b.raw_text for b in doc.pages[3].blocks] == ["Dia 4", "Sisältöä numero 4 tällä dialla.",
                                                        "Lisätieto vain viimeisellä dialla"]
    kinds = {(r.kind, r.text) for r in doc.removals}
    assert kinds == {("running_title", "Länsi-Uudenmaan hyvinvointialue"), *(("page_number", str(n)) for n in range(1, 5))}


# --------------------------------------------------------------------------- continuation slides


def test_title_repeated_on_the_next_slide_is_a_running_title(tmp_path: Path) -> None:
    deck = new_deck()
    for title, text in [("Tavoitteet 1/2", "Ensimmäinen osa."), ("Tavoitteet (2/2)", "Toinen osa."),
                        ("Talous", "Kolmas osa."), ("Tavoitteet", "Neljäs osa."),
                        ("Muutoslupaus 1", "Viides osa."), ("Muutoslupaus 2", "Kuudes osa.")]:
        add_text_box(add_slide(deck, title), (36, 120, 600, 100), [text])
    doc = read_pptx(save(deck, tmp_path / "deck.pptx"))
    assert [(b.page, b.role, b.raw_text) for b in doc.blocks if b.role in ("title", "furniture")] == [
        (1, "title", "Tavoitteet 1/2"),
        (2, "furniture", "Tavoitteet (2/2)"),
        (3, "title", "Talous"),
        (4, "title", "Tavoitteet"),  # not right after a slide of that title: a section of its own
        (5, "title", "Muutoslupaus 1"),
        (6, "title", "Muutoslupaus 2"),  # a number is part of the title
    ]
    assert [(r.page, r.kind, r.text) for r in doc.removals] == [(2, "running_title", "Tavoitteet (2/2)")]


def test_continuation_of_a_bilingual_slide_repeats_both_titles(tmp_path: Path) -> None:
    deck = new_deck()
    for n in (1, 2):
        add_text_box(add_slide(deck, "Organisaatiomuutos"), (36, 120, 600, 300), [
            f"Suomenkielinen kohta {n}.", Para("Organisationsförändring", bold=True), f"Svensk punkt {n}.",
            Para("Gemensamma mål", bold=True), f"Mål {n}.",
        ])
    doc = read_pptx(save(deck, tmp_path / "deck.pptx"))
    assert [(b.role, b.raw_text) for b in doc.pages[1].blocks] == [
        ("furniture", "Organisaatiomuutos"),
        ("paragraph", "Suomenkielinen kohta 2."),
        ("furniture", "Organisationsförändring"),
        ("paragraph", "Svensk punkt 2."),
        ("heading", "Gemensamma mål"),  # a cue heading opened again: it stays
        ("paragraph", "Mål 2."),
    ]
