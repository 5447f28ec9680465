"""Borderless tables on small PDFs: shaded rows told from coloured boxes, tight columns, multi-line header cells."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from extract.readers.pdf import read_pdf
from tests.pdf_factory import A4, Box, Justified, Lines, Table, Text, build_pdf, string_width, unicode_fonts

pytestmark = pytest.mark.skipif(unicode_fonts() is None, reason="no Unicode TTF font for test PDFs")

LIGHT = (222, 232, 242)
SIZE, PAD = 8.0, 2.0
HEADER = ("Tavoite", "Arvio\n(1-5)", "Toteutunut\nvuonna\n2025?", "Sanallinen arviointi")
ROWS = [
    ("Palvelut ovat\nsaavutettavia kaikille\nasukkaille", "4", "KYLLÄ", "Jonot lyhenivät\nkaikilla alueilla."),
    ("Talous on\ntasapainossa", "3", "OSITTAIN", "Alijäämä pieneni\nmutta ei poistunut\nvielä kokonaan."),
    ("Henkilöstö voi\nhyvin", "2", "EI", "Vaihtuvuus kasvoi."),
]
MORE = [("Yhteistyö\ntiivistyy kuntien\nkanssa", "5", "KYLLÄ", "Sopimukset\nallekirjoitettiin.")]


@functools.lru_cache(maxsize=None)
def _width(text: str, bold: bool) -> float:
    return string_width(text, SIZE, bold)


def _tight_widths(rows) -> list[float]:
    """Column widths that leave only the padding beside each column's widest line (bold header lines included)."""
    return [
        max(_width(line, r == 0) for r, row in enumerate(rows) for line in row[c].split("\n"))
        + 2 * PAD + 0.3
        for c in range(len(rows[0]))
    ]


def _table(rows, widths, fills, bold_rows=0, y=90.0) -> Table:
    return Table(56, y, rows, widths, size=SIZE, padding=PAD, ruled=False, fills=fills, bold_rows=bold_rows)


def _tables(doc):
    return [b for b in doc.blocks if b.role == "table"]


def test_shaded_table_with_tight_columns_and_three_line_header_cells(tmp_path: Path) -> None:
    widths = _tight_widths([HEADER, *ROWS])
    pages = [[Text(56, 70, "Arviointi", size=16, bold=True),
              _table([HEADER, *ROWS], widths, [None, LIGHT, None, LIGHT], bold_rows=1)]]
    (table,) = _tables(read_pdf(build_pdf(tmp_path / "tight.pdf", pages)))
    assert [tuple(c.text for c in table.cells if c.row == r) for r in range(4)] == [HEADER, *ROWS]
    assert [c.row for c in table.cells if c.kind == "column_header"] == [0, 0, 0, 0]


def test_other_widths_two_line_header_and_the_first_row_unshaded(tmp_path: Path) -> None:
    # Not the layout above: the score column before the goal, wider columns, shading from the second row.
    header = ("Arvio", "Tavoite\nvuodelle 2025", "Toteutunut?", "Arviointi")
    rows = [(r[1], r[0], r[2], r[3]) for r in ROWS]
    widths = [w + 14 for w in _tight_widths([header, *rows])]
    pages = [[_table([header, *rows], widths, [None, None, LIGHT, None], bold_rows=1)]]
    (table,) = _tables(read_pdf(build_pdf(tmp_path / "other.pdf", pages)))
    assert [tuple(c.text for c in table.cells if c.row == r) for r in range(4)] == [header, *rows]


def test_a_single_shaded_row_on_the_next_page_continues_the_table(tmp_path: Path) -> None:
    widths = _tight_widths([HEADER, *ROWS, *MORE])
    pages = [[_table([HEADER, *ROWS], widths, [None, LIGHT, None, LIGHT], bold_rows=1)],
             [_table(MORE, widths, [LIGHT])]]
    first, second = _tables(read_pdf(build_pdf(tmp_path / "continued.pdf", pages)))
    assert second.page == 2 and tuple(c.text for c in second.cells) == MORE[0]
    assert all(c.kind == "content" for c in second.cells)
    assert [tuple(c.text for c in first.cells if c.row == r) for r in range(4)] == [HEADER, *ROWS]


def test_a_single_shaded_row_alone_is_no_table(tmp_path: Path) -> None:
    widths = _tight_widths([HEADER, *MORE])
    doc = read_pdf(build_pdf(tmp_path / "alone.pdf", [[_table(MORE, widths, [LIGHT])]]))
    assert _tables(doc) == []


JUSTIFIED_BOX = [
    "Tavoitteena on, että asukkaat saavat",
    "palvelunsa ajallaan ja lähellä kotia,",
    "ja että yhteistyö kuntien kanssa",
    "tiivistyy koko alueella vuoteen 2029.",
]


def test_a_coloured_box_behind_justified_text_is_no_table(tmp_path: Path) -> None:
    # Wide word spaces cut each line into pieces, and the box is a shaded band: but the gaps stand
    # at other places on every line, so there is no column, only running text on a coloured box.
    width = 330.0
    pages = [[Box(60, 84, width + 20, 72, fill=LIGHT), Justified(70, 100, width, JUSTIFIED_BOX, size=10)]]
    doc = read_pdf(build_pdf(tmp_path / "box.pdf", pages))
    assert _tables(doc) == []
    assert sorted(w for b in doc.blocks for line in b.lines for w in line.split()) == sorted(" ".join(JUSTIFIED_BOX).split())


def test_three_columns_of_text_under_bold_headings_are_no_table(tmp_path: Path) -> None:
    # The third column holds only a two-line bold heading: the columns still start where the text does,
    # and the text fills each column as running text does.
    left = [f"Palvelujen saatavuus paranee ja jonot lyhenevät {n}." for n in range(6)]
    middle = [f"Yhteistyö kuntien ja järjestöjen kanssa tiivistyy {n}." for n in range(6)]
    pages = [[
        Text(40, 100, "Vertailtavuus", size=11, bold=True), Lines(40, 114, left, size=9),
        Text(300, 100, "Palvelujen verkosto", size=11, bold=True), Lines(300, 114, middle, size=9),
        Lines(560, 100, ["Palveluidemme järjestämistä", "ohjaavat periaatteet"], size=11, bold=True, leading=1.15),
    ]]
    doc = read_pdf(build_pdf(tmp_path / "columns.pdf", pages, size=(A4[1], A4[0])))
    assert _tables(doc) == []


def test_unshaded_table_under_a_two_line_bold_header(tmp_path: Path) -> None:
    # No shading and no rules: the bold header over cells that leave their columns half empty is the evidence.
    # (Columns set closer than ``column_gap`` without shading give no pieces to start a run from: not read.)
    header = ("Tavoite", "Arvio\n(1-5)", "Toteutunut?", "Arviointi\nlyhyesti")
    rows = [("Palvelut\nparanevat", "4", "KYLLÄ", "Jonot\nlyhenivät."), ("Talous\ntasapainottuu", "3", "OSITTAIN", "Alijäämä\npieneni.")]
    widths = [w + 14 for w in _tight_widths([header, *rows])]
    pages = [[_table([header, *rows], widths, [], bold_rows=1)]]
    (table,) = _tables(read_pdf(build_pdf(tmp_path / "unshaded.pdf", pages)))
    assert [tuple(c.text for c in table.cells if c.row == r) for r in range(3)] == [header, *rows]
    assert [c.row for c in table.cells if c.kind == "column_header"] == [0, 0, 0, 0]


def test_shaded_table_whose_every_cell_fills_its_column(tmp_path: Path) -> None:
    # Every gap between cells is only the padding, far narrower than a column gutter: the bands start the run.
    rows = [("Palvelut paranevat", "KYLLÄ", "Jonot lyhenivät"), ("Talous tasapainottuu", "EI", "Alijäämä kasvoi"),
            ("Henkilöstö voi hyvin", "OSITTAIN", "Vaihtuvuus pieneni")]
    widths = _tight_widths(rows)
    pages = [[_table(rows, widths, [LIGHT, None, LIGHT])]]
    (table,) = _tables(read_pdf(build_pdf(tmp_path / "full.pdf", pages)))
    assert table.rows == tuple(rows)


def test_a_header_word_longer_than_its_narrow_column_does_not_join_two_columns(tmp_path: Path) -> None:
    # The verdict column is as wide as its cells; the header's second line runs on into the goal column.
    header = ("Onko\ntoteutunut?", "Tavoite", "Arviointi")
    rows = [(r[2], r[0].replace("\n", " "), r[3].replace("\n", " ")) for r in ROWS]
    widths = _tight_widths(rows)
    assert _width("toteutunut?", True) > widths[0] - 2 * PAD
    pages = [[_table([header, *rows], widths, [None, LIGHT, None, LIGHT], bold_rows=1)]]
    (table,) = _tables(read_pdf(build_pdf(tmp_path / "overflow.pdf", pages)))
    assert [c.text for c in table.cells if c.row == 0] == list(header)
    assert [tuple(c.text for c in table.cells if c.row == r) for r in range(1, 4)] == rows
