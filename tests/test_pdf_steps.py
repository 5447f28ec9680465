"""Each step of the PDF reader on its own: chars, lines, blocks, gutters, borderless tables."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import pytest

from extract.readers.pdf.blocks import Draft, LineSpacing, drafts, line_ends
from extract.readers.pdf.borderless import borderless_tables
from extract.readers.pdf.chars import Char, PageObjects, PathShape
from extract.readers.pdf.gutters import rule_gutters, whitespace_gutters
from extract.readers.pdf.lines import Word, lines, make_line, rows, words
from extract.readers.pdf.markers import split_marker
from extract.readers.pdf.pdfium import PdfiumEngine
from extract.readers.pdf.plumber import PlumberEngine
from extract.readers.pdf.settings import PdfSettings

SETTINGS = PdfSettings()


def chars_of(text: str, x: float = 72.0, bottom: float = 100.0, size: float = 10.0, advance: float = 6.0,
             bold: bool = False) -> list[Char]:
    """One char per letter of ``text``, ``advance`` points apart, each 5 points wide (spaces as space glyphs)."""
    return [
        Char(ch, x + i * advance, bottom - size, x + i * advance + 5.0, bottom, size, "F", bold, None)
        for i, ch in enumerate(text)
    ]


def word(text: str, x0: float, x1: float, bottom: float = 100.0, bold: bool = False, size: float = 10.0) -> Word:
    return Word(text, x0, x1, bottom - size, bottom, size, bold)


def _rows(found: Sequence[Word]) -> list[list[Word]]:
    """The words in rows, as the reader groups a page's words before its tables, gutters and lines."""
    return rows(found, SETTINGS.line_tolerance)


# --------------------------------------------------------------------------- chars


def test_a_page_of_text_is_no_table_candidate_but_a_grid_is() -> None:
    page = PageObjects(1, 595, 842)
    page.paths = [PathShape((50, 50, 300, 200), stroked=False, filled=True, fill=(0.9, 0.9, 0.9))]
    assert not page.could_hold_ruled_table()
    page.paths += [PathShape((50, y, 300, y + 0.5), True, False) for y in (50, 80, 110)]
    assert not page.could_hold_ruled_table()
    page.paths += [PathShape((x, 50, x + 0.5, 110), True, False) for x in (50, 300)]
    assert page.could_hold_ruled_table()


_SCALED_TEXT = b"""%PDF-1.4
1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj
4 0 obj<</Length 60>>stream
BT /F1 1 Tf 10 0 0 10 72 700 Tm (Tavoite) Tj ET
endstream endobj
5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica-Bold>>endobj
trailer<</Root 1 0 R>>
%%EOF"""


@pytest.mark.parametrize("engine", [PdfiumEngine, PlumberEngine])
def test_font_size_includes_the_text_matrix_scale(tmp_path: Path, engine: type) -> None:
    # Designed PDFs often set a 1-point font scaled by the text matrix.
    path = tmp_path / "scaled.pdf"
    path.write_bytes(_SCALED_TEXT)
    opened = engine(path)
    try:
        chars = opened.page(0).chars
    finally:
        opened.close()
    assert "".join(c.text for c in chars) == "Tavoite"
    assert {round(c.size, 1) for c in chars} == {10.0}
    assert all(c.bold and c.upright for c in chars)
    assert chars[0].x0 == pytest.approx(72, abs=0.5) and chars[0].bottom == pytest.approx(842 - 700, abs=3)


# --------------------------------------------------------------------------- lines


def test_words_split_at_space_glyphs_and_at_gaps_without_one() -> None:
    # "ja" + space glyph + "ne", then "kin" after a 10 pt gap with no glyph between.
    chars = chars_of("ja ne") + chars_of("kin", x=72 + 5 * 6 + 10)
    assert [w.text for w in words(chars, SETTINGS)] == ["ja", "ne", "kin"]


def test_ligature_glyphs_are_spelt_out() -> None:
    assert [w.text for w in words(chars_of("ﬁnanssiﬂow"), SETTINGS)] == ["finanssiflow"]


def test_letter_spaced_run_is_joined_into_words_and_even_spacing_is_not() -> None:
    # Letters 4 pt apart with no glyph between them; a space glyph between the two words.
    spaced = [word(ch, 72 + i * 10, 78 + i * 10)._replace(spaced=False) for i, ch in enumerate("STRATEGIA")]
    year = [word(ch, 180 + i * 10, 186 + i * 10)._replace(spaced=i == 0) for i, ch in enumerate("2030")]
    assert make_line(spaced + year).text == "STRATEGIA 2030"
    plain = [word(ch, 72 + i * 10, 78 + i * 10) for i, ch in enumerate("abc")]
    assert make_line(plain).text == "a b c"


def test_superscript_joins_the_line_it_sits_in() -> None:
    found = [word("kasvaa", 72, 110), Word("1", 110.5, 114, 92, 97, 6.0, False, spaced=False), word("edelleen", 117, 160)]
    assert [line.text for line in lines(_rows(found), (), SETTINGS)] == ["kasvaa1 edelleen"]


def test_body_lines_beside_a_large_heading_in_another_column_stay_lines_of_their_own() -> None:
    # a 17-point heading in the left column whose baseline falls between two body lines on the right
    heading = [Word("förhållanden", 40, 163, 115, 135, 17.0, True), Word("alla", 170, 205, 115, 135, 17.0, True)]
    right = [word("Tillräckliga", 318, 370, 122.5, size=9.0), word("investeringar", 373, 434, 122.5, size=9.0),
             word("säkerställer", 318, 372, 133.8, size=9.0), word("kontinuiteten", 375, 440, 133.8, size=9.0)]
    texts = [line.text for line in lines(_rows(heading + right), (), SETTINGS)]
    assert "Tillräckliga investeringar" in texts and "säkerställer kontinuiteten" in texts


# --------------------------------------------------------------------------- blocks


def test_line_ends_mark_word_boundaries_and_turn_soft_hyphens_into_hyphens() -> None:
    assert line_ends(["halutun", "työyhteisön tasapai\u00ad", "no\u00adtus", "loppu"]) == (
        "halutun ", "työyhteisön tasapai-", "notus ", "loppu",
    )


@pytest.mark.parametrize(
    ("text", "marker", "rest"),
    [("1. Palvelut", "1.", "Palvelut"), ("b) Talous", "b)", "Talous"), ("• Arvot", "•", "Arvot"),
     ("– Yhdessä", "–", "Yhdessä"), ("2025 alkaen", None, "2025 alkaen"), ("-5 %", None, "-5 %")],
)
def test_list_markers(text: str, marker: str | None, rest: str) -> None:
    assert split_marker(text) == (marker, rest)


def test_a_numbered_line_starts_an_item_and_its_indented_lines_follow() -> None:
    found = [
        make_line([word("1.", 72, 80), word("Palvelut", 87, 130)]),
        make_line([word("lähellä", 87, 120, bottom=113)]),
        make_line([word("2.", 72, 80, bottom=126), word("Talous", 87, 120, bottom=126)]),
    ]
    got = drafts(found, SETTINGS)
    assert [(d.marker, d.rest, len(d.lines)) for d in got] == [("1.", "Palvelut", 2), ("2.", "Talous", 1)]
    assert isinstance(got[0], Draft)


def test_one_line_paragraphs_at_even_spacing_stay_apart_once_the_document_shows_its_line_spacing() -> None:
    # a page of running text: lines 13 pt apart (3 pt gaps at 10 pt), paragraphs 7.5 pt apart
    body = [make_line([word("sana", 72, 300, bottom=100 + 13 * i + (4.5 if i >= 4 else 0))]) for i in range(8)]
    # a page of four one-line statements, 7.5 pt apart: alone it shows no line spacing
    statements = [make_line([word(f"Linjaus{i}.", 72, 300, bottom=100 + 17.5 * i)]) for i in range(4)]
    assert len(drafts(statements, SETTINGS)) == 1  # on its own: one block
    spacing = LineSpacing()
    assert len(drafts(body, SETTINGS, spacing)) == 2
    assert len(drafts(statements, SETTINGS, spacing)) == 4


# --------------------------------------------------------------------------- gutters


def _column_words(x0: float, x1: float, count: int = 8) -> list[Word]:
    return [word("sana", x0, x1, bottom=100 + 13 * i) for i in range(count)]


def test_whitespace_gutter_between_columns_and_none_in_one_column() -> None:
    two = _column_words(72, 250) + _column_words(280, 480)
    ((start, end),) = whitespace_gutters(two, _rows(two), SETTINGS)
    assert 250 < start <= end < 280
    one = _column_words(72, 250)
    assert whitespace_gutters(one, _rows(one), SETTINGS) == []


def test_a_column_rule_is_a_gutter_however_narrow_the_space() -> None:
    close = _column_words(72, 250) + _column_words(256, 450)
    assert whitespace_gutters(close, _rows(close), SETTINGS) == []
    rule = PathShape((252.8, 80, 253.2, 210), stroked=True, filled=False)
    assert rule_gutters(close, [rule], SETTINGS) == [(251.8, 254.2)]


# --------------------------------------------------------------------------- borderless tables


def _grid_words(bold_first: bool) -> list[Word]:
    found = []
    for r in range(4):
        for c, x in enumerate((72, 200, 330)):
            found.append(word(f"solu{r}{c}", x, x + 40, bottom=100 + 20 * r, bold=bold_first and r == 0))
    return found


def test_aligned_rows_under_a_bold_header_row_are_a_table() -> None:
    (table,) = borderless_tables(_rows(_grid_words(bold_first=True)), PageObjects(1, 595, 842), SETTINGS)
    assert table.rows[0] == ("solu00", "solu01", "solu02") and len(table.rows) == 4
    assert [c.kind for c in table.cells if c.row == 0] == ["column_header"] * 3


def test_aligned_rows_without_header_or_shading_are_no_table() -> None:
    # Two or three columns of body text align just as well: alignment alone is no evidence.
    assert borderless_tables(_rows(_grid_words(bold_first=False)), PageObjects(1, 595, 842), SETTINGS) == []


# --------------------------------------------------------------------------- justified lines


def _spread(texts: Sequence[str], x0: float, x1: float, bottom: float, width: float = 30.0) -> list[Word]:
    """Words of ``width`` points each, spread evenly from ``x0`` to ``x1`` (a justified line)."""
    gap = (x1 - x0 - width * len(texts)) / (len(texts) - 1)
    return [word(t, x0 + i * (width + gap), x0 + i * (width + gap) + width, bottom=bottom) for i, t in enumerate(texts)]


def _texts(found: Sequence[Word], gutters: Sequence[tuple[float, float]] = ()) -> list[str]:
    return [line.text for line in lines(_rows(found), gutters, SETTINGS)]


def test_a_justified_line_with_wide_stretched_spaces_stays_one_line() -> None:
    full = _spread(["yksi", "kaksi", "kolme", "neljä", "viisi", "kuusi", "seitsemän", "kahdeksan"], 72, 472, 100, width=45)
    stretched = _spread(["Vahvistamme", "asukkaiden", "ja", "valintoja"], 72, 472, 113)
    last = _spread(["loppu", "tähän."], 72, 140, 126)
    assert _texts(full + stretched + last) == [
        "yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan", "Vahvistamme asukkaiden ja valintoja", "loppu tähän."]
    # the first line of a paragraph, indented, over its last line: the shared right edge is enough
    indented = _spread(["Teemme", "tiivistä", "yhteistyötä"], 90, 472, 100)
    assert _texts(indented + _spread(["kumppaneiden", "kanssa", "aina", "hyvin."], 72, 472, 113, width=90)) == [
        "Teemme tiivistä yhteistyötä", "kumppaneiden kanssa aina hyvin."]


def test_uneven_wide_gaps_and_cells_whose_gaps_stay_free_above_and_below_are_still_cut() -> None:
    full = _spread(["yksi", "kaksi", "kolme", "neljä", "viisi", "kuusi", "seitsemän", "kahdeksan"], 72, 472, 100, width=45)
    uneven = [word("Tavoite", 72, 110, 113), word("KYLLÄ", 300, 330, 113), word("4", 442, 472, 113)]
    assert _texts(full + uneven)[1:] == ["Tavoite", "KYLLÄ", "4"]
    # three evenly spaced cells per row, columns aligned: a table, not a justified paragraph
    table = [w for b in (100, 113, 126) for w in _spread(["2023", "2024", "2025"], 72, 472, b)]
    assert _texts(table) == ["2023", "2024", "2025"] * 3


def test_a_justified_list_item_and_a_justified_line_in_one_of_two_columns() -> None:
    # not tuned on: the marker hangs apart from its justified text, and the line stands left of a gutter
    item = [word("5.", 72, 80, 100)] + _spread(["Osana", "strategian", "toimeenpanoa"], 90, 250, 100)
    below = _spread(["tilasuunnittelu", "joka", "tukee", "talouden", "tasapainoa."], 90, 250, 113, width=28)
    right = [w for b in (100, 113) for w in _spread(["oikea", "palsta", "jatkuu", "tässä"], 290, 472, b, width=36)]
    found = lines(_rows(item + below + right), [(255.0, 285.0)], SETTINGS)
    assert [line.text for line in found] == ["5. Osana strategian toimeenpanoa", "oikea palsta jatkuu tässä",
                                             "tilasuunnittelu joka tukee talouden tasapainoa.", "oikea palsta jatkuu tässä"]
