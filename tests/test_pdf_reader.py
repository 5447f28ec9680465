"""Tests of :mod:`extract.readers.pdf` on small PDFs drawn by :mod:`tests.pdf_factory`."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import ExtractionError
from extract.readers.pdf import PdfSettings, read_pdf
from extract.records import Block, SourceDocument

from pdf_factory import Box, Lines, Rotated, Runs, Table, Text, build_pdf, truncated_copy, unicode_fonts

pytestmark = pytest.mark.skipif(unicode_fonts() is None, reason="no Unicode TTF font for test PDFs")


def lines_of(block: Block) -> tuple[str, ...]:
    """A block's lines without the trailing space that marks a line end as a word boundary."""
    return tuple(line.rstrip(" ") for line in block.lines)


def texts(doc: SourceDocument, page: int | None = None) -> list[str]:
    """The text of every block (of one page), in order, lines without their trailing space."""
    return ["\n".join(lines_of(b)) for b in doc.blocks if page is None or b.page == page]


def body(doc: SourceDocument) -> str:
    """All non-rotated text of the document, one block per line."""
    return "\n".join(b.raw_text for b in doc.blocks if b.role != "rotated")


# --------------------------------------------------------------------------- layout


# The left column's longest line ends at x ≈ 270, the right column starts at
# 284: a gutter of 14 pt, narrower than a wide word gap, so only the gutter
# detection keeps the columns apart. The columns do not share baselines.
LEFT_1 = [
    "Hyvinvointialue järjestää alueensa",
    "sosiaali- ja terveyspalvelut sekä",
    "pelastustoimen palvelut asukkaille.",
]
LEFT_2 = ["Palvelut tuotetaan lähellä asukkaita", "ja yhä useammin digitaalisesti."]
RIGHT_1 = ["Strategia ohjaa talouden ja", "toiminnan suunnittelua vuosina", "2025–2030 koko alueella."]
RIGHT_2 = ["Arvoina ovat avoimuus,", "yhdenvertaisuus ja luottamus."]
TITLE = "Hyvinvointialueen strategia 2025–2030"


def test_two_columns_read_title_then_left_then_right(tmp_path: Path) -> None:
    page = [
        Text(72, 90, TITLE, size=20, bold=True),
        Lines(72, 140, LEFT_1),
        Lines(72, 200, LEFT_2),
        Lines(284, 144, RIGHT_1, leading=1.45),
        Lines(284, 210, RIGHT_2, leading=1.45),
    ]
    doc = read_pdf(build_pdf(tmp_path / "columns.pdf", [page]))
    assert doc.source_kind == "pdf" and doc.page_count == 1
    assert texts(doc) == [TITLE, *("\n".join(p) for p in (LEFT_1, LEFT_2, RIGHT_1, RIGHT_2))]
    title = doc.blocks[0]
    assert (title.role, title.level, title.bold, title.font_size) == ("heading", 1, True, 20.0)
    assert [b.role for b in doc.blocks[1:]] == ["paragraph"] * 4
    assert all(b.page == 1 and b.bbox is not None for b in doc.blocks)
    assert doc.pages[0].width == pytest.approx(595.28) and doc.pages[0].height == pytest.approx(841.89)


def test_framed_side_box_lines_stay_out_of_the_body(tmp_path: Path) -> None:
    # Body lines end at x ≈ 254 and the box text starts at 268: a gap narrower
    # than a column gutter, so only the shaded rectangle keeps them apart.
    body_lines = [f"Leipätekstin rivi numero {n} jatkuu" for n in range(1, 9)]
    box_lines = ["Huomio: sivulaatikko", "kertoo lisää"]
    page = [
        Lines(72, 120, body_lines),
        Box(262, 106, 190, 36),
        Lines(268, 120, box_lines),
    ]
    doc = read_pdf(build_pdf(tmp_path / "box.pdf", [page]))
    assert sorted(lines_of(b) for b in doc.blocks) == sorted([tuple(body_lines), tuple(box_lines)])


def test_unframed_side_column_is_read_after_the_body(tmp_path: Path) -> None:
    body_lines = [f"Leipätekstin rivi numero {n} jatkuu" for n in range(1, 11)]
    side_lines = ["Sivupalstan huomio", "kulkee leipätekstin", "rinnalla omana", "palstanaan."]
    page = [Lines(72, 120, body_lines), Lines(300, 150, side_lines, size=9, leading=1.5)]
    doc = read_pdf(build_pdf(tmp_path / "side.pdf", [page]))
    assert [lines_of(b) for b in doc.blocks] == [tuple(body_lines), tuple(side_lines)]
    assert [b.font_size for b in doc.blocks] == [11.0, 9.0]


# --------------------------------------------------------------------------- furniture


def test_running_header_footer_and_page_numbers_are_removed(tmp_path: Path) -> None:
    header = "Keski-Suomen hyvinvointialue – Strategia"
    footer = "Aluevaltuusto 12.6.2025"
    pages = [
        [
            Text(72, 40, header, size=9),
            Lines(72, 120, [f"Sivun {n} leipäteksti kertoo", "strategian sisällöstä."]),
            Text(72, 810, footer, size=9),
            Text(515, 810, str(n), size=9),
        ]
        for n in range(1, 5)
    ]
    doc = read_pdf(build_pdf(tmp_path / "furniture.pdf", pages))
    for n in range(1, 5):
        assert texts(doc, n) == [f"Sivun {n} leipäteksti kertoo\nstrategian sisällöstä."]
    removed = sorted((r.page, r.kind, r.text) for r in doc.removals)
    expected = [(n, "running_title", header) for n in range(1, 5)]
    expected += [(n, "running_title", footer) for n in range(1, 5)]
    expected += [(n, "page_number", str(n)) for n in range(1, 5)]
    assert removed == sorted(expected)


def test_a_running_header_in_a_deep_margin_is_removed_and_the_text_below_it_stays(tmp_path: Path) -> None:
    # the header stands 80 pt down an A4 page, outside the edge band: on the topmost line of every page it is
    # furniture all the same; the body's last block, the same on every page but its number, is not
    header = "Keski-Uudenmaan hyvinvointialue"
    headings = ["Palvelulupaus", "Miten uudistumme", "Tulokset", "Mittarit"]
    pages = [
        [
            Text(72, 80, header, size=9),
            Text(72, 130, heading, size=16, bold=True),
            Lines(72, 160, [f"Sivun {n} leipäteksti kertoo", "strategian sisällöstä."]),
        ]
        for n, heading in enumerate(headings, 1)
    ]
    doc = read_pdf(build_pdf(tmp_path / "deep-margin.pdf", pages))
    for n, heading in enumerate(headings, 1):
        assert texts(doc, n) == [heading, f"Sivun {n} leipäteksti kertoo\nstrategian sisällöstä."]
    assert sorted((r.page, r.kind, r.text) for r in doc.removals) == [(n, "running_title", header) for n in range(1, 5)]


# --------------------------------------------------------------------------- lines, rotation


def test_hyphenated_finnish_lines_come_back_as_raw_lines(tmp_path: Path) -> None:
    lines = [
        "Hyvinvointialueen palveluita tarvi-",
        "taan yhä enemmän, ja niiden",
        "järjestämistä on kehitettävä.",
    ]
    doc = read_pdf(build_pdf(tmp_path / "fi.pdf", [[Lines(72, 100, lines)]]))
    assert [lines_of(b) for b in doc.blocks] == [tuple(lines)]
    assert doc.blocks[0].role == "paragraph"


def test_superscript_stays_in_its_line(tmp_path: Path) -> None:
    page = [
        Runs(72, 100, [("Palvelutarve kasvaa", 11, 0), ("1", 7, 3.5), (" edelleen ja", 11, 0)]),
        Text(72, 114.3, "kustannukset nousevat."),
    ]
    doc = read_pdf(build_pdf(tmp_path / "sup.pdf", [page]))
    assert [lines_of(b) for b in doc.blocks] == [("Palvelutarve kasvaa1 edelleen ja", "kustannukset nousevat.")]


def test_rotated_sidebar_is_its_own_block(tmp_path: Path) -> None:
    paragraph = ["Alueen väestö ikääntyy nopeasti,", "mikä lisää palveluiden tarvetta."]
    page = [Lines(72, 100, paragraph), Rotated(40, 700, "Luonnos – ei virallinen asiakirja")]
    doc = read_pdf(build_pdf(tmp_path / "rotated.pdf", [page]))
    assert [b.role for b in doc.blocks] == ["paragraph", "rotated"]
    assert lines_of(doc.blocks[0]) == tuple(paragraph)
    assert doc.blocks[1].lines == ("Luonnos – ei virallinen asiakirja",)
    assert doc.blocks[1].page == 1 and doc.blocks[1].bbox is not None
    assert "Luonnos" not in body(doc)


# --------------------------------------------------------------------------- tables


HEADER = ("Tavoite", "Mittari", "Tila")


def test_table_continuing_on_next_page_gives_two_tables(tmp_path: Path) -> None:
    widths = [180, 160, 100]
    first = [
        HEADER,
        ("Palvelut lähellä", "Käyntien määrä", "Kyllä"),
        ("Talous\ntasapainossa", "Alijäämä €", "Ei"),
    ]
    second = [HEADER, ("Osaava henkilöstö", "Vaihtuvuus %", "Osittain")]
    pages = [
        [
            Text(72, 80, "Tavoitteiden seuranta", size=14, bold=True),
            Table(72, 100, first, widths),
            Text(72, 260, "Taulukko jatkuu seuraavalla sivulla."),
        ],
        [Text(72, 80, "Tavoitteiden seuranta (jatkuu)"), Table(72, 100, second, widths)],
    ]
    doc = read_pdf(build_pdf(tmp_path / "table.pdf", pages))
    tables = [b for b in doc.blocks if b.role == "table"]
    assert [t.page for t in tables] == [1, 2]
    assert tables[0].rows == tuple(first)
    assert tables[1].rows == tuple(second)
    assert tables[0].rows[0] == tables[1].rows[0]
    assert tables[0].lines[2] == "Talous tasapainossa | Alijäämä € | Ei"
    continues = "Taulukko jatkuu seuraavalla sivulla."
    assert texts(doc, 1) == ["Tavoitteiden seuranta", tables[0].raw_text, continues]
    assert texts(doc, 2) == ["Tavoitteiden seuranta (jatkuu)", tables[1].raw_text]


def test_merged_table_cell_gives_empty_strings(tmp_path: Path) -> None:
    page = [
        Box(72, 100, 300, 24, fill=None),
        Text(78, 116, "Strateginen linjaus"),
        Box(72, 124, 150, 24, fill=None),
        Box(222, 124, 150, 24, fill=None),
        Text(78, 140, "Tavoite"),
        Text(228, 140, "Arvio"),
    ]
    doc = read_pdf(build_pdf(tmp_path / "merged.pdf", [page]))
    assert [(b.role, b.rows) for b in doc.blocks] == [
        ("table", (("Strateginen linjaus", ""), ("Tavoite", "Arvio")))
    ]


# --------------------------------------------------------------------------- lists and headings


def test_numbered_and_bulleted_lists_become_list_items(tmp_path: Path) -> None:
    page = [
        Text(72, 100, "Strategiset tavoitteet ovat:"),
        Text(72, 125, "1. Palvelut ovat saavutettavia ja"),
        Text(87, 139.3, "oikea-aikaisia."),
        Text(72, 153.6, "2) Talous on tasapainossa."),
        Text(72, 180, "Arvot:"),
        Text(72, 205, "• Asiakaslähtöisyys"),
        Text(72, 219.3, "– Yhdenvertaisuus"),
        Text(72, 233.6, "A. Avoimuus"),
        Text(72, 247.9, "▪"),
        Text(110, 247.9, "Luottamus (sarkain merkin jälkeen)"),
    ]
    doc = read_pdf(build_pdf(tmp_path / "lists.pdf", [page]))
    got = [(b.role, b.marker, lines_of(b)) for b in doc.blocks]
    assert got == [
        ("paragraph", None, ("Strategiset tavoitteet ovat:",)),
        ("list_item", "1.", ("Palvelut ovat saavutettavia ja", "oikea-aikaisia.")),
        ("list_item", "2)", ("Talous on tasapainossa.",)),
        ("paragraph", None, ("Arvot:",)),
        ("list_item", "•", ("Asiakaslähtöisyys",)),
        ("list_item", "–", ("Yhdenvertaisuus",)),
        ("list_item", "A.", ("Avoimuus",)),
        ("list_item", "▪", ("Luottamus (sarkain merkin jälkeen)",)),
    ]


def test_heading_levels_from_size_weight_and_numbering(tmp_path: Path) -> None:
    filler = [
        "Tämä on tavallista leipätekstiä, jota on",
        "enemmän kuin otsikoita, joten sen koko on",
        "asiakirjan perusfonttikoko.",
    ]
    page = [
        Text(72, 80, "Strategia 2025", size=20, bold=True),
        Text(72, 120, "Visio ja arvot", size=14),
        Lines(72, 145, filler),
        Text(72, 210, "Tavoitteet", bold=True),
        Lines(72, 230, filler),
        Text(72, 300, "1 Johdanto", size=14),
        Text(72, 330, "2.1.3 Alatavoite", size=11, bold=True),
        Lines(72, 350, filler),
    ]
    doc = read_pdf(build_pdf(tmp_path / "headings.pdf", [page]))
    got = [(b.raw_text, b.role, b.level) for b in doc.blocks if b.role == "heading"]
    assert got == [
        ("Strategia 2025", "heading", 1),
        ("Visio ja arvot", "heading", 2),
        ("Tavoitteet", "heading", 3),
        ("1 Johdanto", "heading", 1),
        ("2.1.3 Alatavoite", "heading", 3),
    ]
    paragraphs = [b for b in doc.blocks if b.role == "paragraph"]
    assert [lines_of(b) for b in paragraphs] == [tuple(filler)] * 3
    assert all(b.level is None and b.font_size == 11.0 and not b.bold for b in paragraphs)


def test_a_bold_line_a_little_larger_than_the_body_is_a_heading_and_bold_small_print_is_not(tmp_path: Path) -> None:
    # 12 pt bold over an 11 pt body: larger than the body, short of a large heading's size (1.15 times)
    filler = ["Tämä on tavallista leipätekstiä, jota on", "enemmän kuin otsikoita, joten sen koko on",
              "asiakirjan perusfonttikoko."]
    page = [Text(72, 80, "Palvelujen verkosto", size=12, bold=True), Lines(72, 100, filler),
            Text(72, 170, "Verkostoyhteistyö", size=12, bold=True), Lines(72, 190, filler),
            Text(72, 260, "Lähde: THL 2024", size=9, bold=True)]
    doc = read_pdf(build_pdf(tmp_path / "bold.pdf", [page]))
    assert [(lines_of(b), b.role, b.level) for b in doc.blocks] == [
        (("Palvelujen verkosto",), "heading", 3), (tuple(filler), "paragraph", None),
        (("Verkostoyhteistyö",), "heading", 3), (tuple(filler), "paragraph", None),
        (("Lähde: THL 2024",), "paragraph", None),
    ]


# --------------------------------------------------------------------------- settings


def test_max_pages_stops_early_with_a_warning(tmp_path: Path) -> None:
    pages = [[Text(72, 100, f"Sivu {n} sisältö")] for n in range(1, 4)]
    doc = read_pdf(build_pdf(tmp_path / "three.pdf", pages), {"max_pages": 2})
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.page_count == 3
    assert texts(doc) == ["Sivu 1 sisältö", "Sivu 2 sisältö"]
    assert doc.warnings == ((None, "read only the first 2 of 3 pages (max_pages)"),)


def test_settings_resolve_accepts_none_dict_and_instance() -> None:
    assert PdfSettings.resolve(None) == PdfSettings()
    custom = PdfSettings(column_gap=20.0)
    assert PdfSettings.resolve(custom) is custom
    assert PdfSettings.resolve({"edge_band": 0.1}).edge_band == 0.1
    with pytest.raises(ValueError, match="unknown PDF settings: colum_gap"):
        PdfSettings.resolve({"colum_gap": 3})
    with pytest.raises(ValueError):
        PdfSettings(max_pages=0)


# --------------------------------------------------------------------------- bad input


def _code(path: Path) -> str:
    with pytest.raises(ExtractionError) as caught:
        read_pdf(path)
    assert caught.value.path == str(path)
    assert "\n" not in caught.value.reason
    return caught.value.code


def test_missing_file_is_e101(tmp_path: Path) -> None:
    assert _code(tmp_path / "missing.pdf") == "E101"


def test_truncated_pdf_is_e102(tmp_path: Path) -> None:
    whole = build_pdf(tmp_path / "whole.pdf", [[Lines(72, 100, LEFT_1)]] * 3)
    assert _code(truncated_copy(whole, tmp_path / "half.pdf")) == "E102"


def test_non_pdf_named_pdf_is_e102(tmp_path: Path) -> None:
    fake = tmp_path / "notes.pdf"
    fake.write_text("Tämä ei ole PDF-tiedosto.\n", encoding="utf-8")
    assert _code(fake) == "E102"


def test_encrypted_pdf_is_e103_unless_the_user_password_is_empty(tmp_path: Path) -> None:
    secret = [[Text(72, 100, "Salainen sisältö")]]
    locked = build_pdf(tmp_path / "locked.pdf", secret, user_password="secret")
    assert _code(locked) == "E103"
    open_one = build_pdf(tmp_path / "open.pdf", [[Text(72, 100, "Avoin sisältö")]], user_password="")
    assert texts(read_pdf(open_one)) == ["Avoin sisältö"]


def test_pages_without_text_layer_give_warnings(tmp_path: Path) -> None:
    doc = read_pdf(build_pdf(tmp_path / "scan.pdf", [[], [Box(72, 72, 300, 400)]]))
    assert doc.blocks == ()
    assert doc.page_count == 2 and len(doc.pages) == 2
    assert doc.warnings == ((1, "no text layer"), (2, "no text layer"))


def test_only_the_textless_page_is_warned_about(tmp_path: Path) -> None:
    doc = read_pdf(build_pdf(tmp_path / "mixed.pdf", [[Text(72, 100, "Sisältöä")], []]))
    assert texts(doc) == ["Sisältöä"]
    assert doc.warnings == ((2, "no text layer"),)


def test_blocks_are_blocks_with_page_and_bbox(tmp_path: Path) -> None:
    doc = read_pdf(build_pdf(tmp_path / "one.pdf", [[Text(72, 100, "Yksi")], [Text(72, 100, "Kaksi")]]))
    assert [(type(b), b.page) for b in doc.blocks] == [(Block, 1), (Block, 2)]
    x0, top, x1, bottom = doc.blocks[0].bbox
    assert x0 == pytest.approx(72, abs=0.1) and bottom > top and x1 > x0
