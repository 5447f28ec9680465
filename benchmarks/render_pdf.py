"""Render a document's units (from the project's text reader) as a PDF in one of many layouts.

A :class:`Layout` fixes page size, margins, body size, columns and running
header/footer; :func:`layout_for` picks one deterministically per copy, so the
scaled corpus holds the same text set in varied ways. Drawn with fpdf2 and
DejaVu Sans (regular and bold).
"""

from __future__ import annotations

import random
from itertools import groupby
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from fpdf import FPDF

from extract.structure import Unit

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PAGE_SIZES = {"a4": (595.28, 841.89), "letter": (612.0, 792.0), "a5": (419.53, 595.28), "a4-landscape": (841.89, 595.28)}
_HEADING_SCALE = {1: 1.8, 2: 1.35}
_BULLET = "•"


@dataclass(frozen=True)
class Layout:
    """How one copy of a document is set.

    :param page: a key of :data:`PAGE_SIZES`
    :param margin: page margin in points, all sides
    :param size: body font size in points
    :param columns: 1 or 2 text columns
    :param header: a running title at the top of each page
    :param footer: a page number (and the title) at the bottom of each page
    """

    page: str
    margin: float
    size: float
    columns: int
    header: bool
    footer: bool


def layout_for(copy: int) -> Layout:
    """The layout of copy number ``copy`` (the same number gives the same layout).

    >>> layout_for(3) == layout_for(3)
    True
    """
    rng = random.Random(f"layout-{copy}")
    page = rng.choice(sorted(PAGE_SIZES))
    return Layout(
        page=page,
        margin=rng.choice((36.0, 54.0, 72.0)),
        size=rng.choice((9.0, 10.0, 11.0, 12.0)),
        columns=1 if page == "a5" else rng.choice((1, 2)),
        header=rng.random() < 0.6,
        footer=rng.random() < 0.8,
    )


class _Document(FPDF):
    """An FPDF with the layout's running header and footer."""

    def __init__(self, layout: Layout, title: str) -> None:
        super().__init__(unit="pt", format=PAGE_SIZES[layout.page])
        self.layout, self.running_title = layout, title
        self.set_margins(layout.margin, layout.margin + (layout.size * 2 if layout.header else 0), layout.margin)
        self.set_auto_page_break(True, layout.margin + (layout.size * 2 if layout.footer else 0))
        self.add_font("body", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))

    def header(self) -> None:
        """The running title, small, at the top edge."""
        if self.layout.header:
            self.set_font("body", "", self.layout.size * 0.8)
            self.text(self.layout.margin, self.layout.margin, self.running_title[:90])

    def footer(self) -> None:
        """The page number (and the running title on wide pages) at the bottom edge."""
        if self.layout.footer:
            self.set_font("body", "", self.layout.size * 0.8)
            baseline = self.h - self.layout.margin + self.layout.size
            self.text(self.w - self.layout.margin - 20, baseline, str(self.page_no()))
            if self.w > 600:
                self.text(self.layout.margin, baseline, self.running_title[:60])


def render_pdf(units: Sequence[Unit], layout: Layout, title: str, path: Path) -> int:
    """Write ``units`` as a PDF at ``path`` in ``layout`` and return its page count.

    Each page of the source starts a new page (a long one runs over several).
    Headings are set larger and bold by level, list items with their marker
    and a hanging indent, tables as ruled tables across the full width; body
    text flows through the layout's columns.

    :param units: the document's units in reading order
    :param layout: how to set them
    :param title: the running title
    :param path: the PDF to write
    """
    pdf = _Document(layout, title)
    for _page, on_page in groupby(units, key=lambda unit: unit.page):
        pdf.add_page()
        run: list[Unit] = []
        for unit in on_page:
            if unit.role == "table" and unit.rows:
                _flow(pdf, run)
                run = []
                _table(pdf, unit.rows)
            else:
                run.append(unit)
        _flow(pdf, run)
    pdf.output(str(path))
    return pdf.page_no()


def _flow(pdf: _Document, units: Sequence[Unit]) -> None:
    """Set text units through the layout's columns."""
    if not units:
        return
    size = pdf.layout.size
    with pdf.text_columns(ncols=pdf.layout.columns, gutter=2 * size, text_align="LEFT", line_height=1.25) as cols:
        for unit in units:
            heading: Optional[float] = _HEADING_SCALE.get(unit.level or 0, 1.0) if unit.role == "heading" else None
            pdf.set_font("body", "B" if heading else "", size * (heading or 1.0))
            marker = unit.marker or _BULLET if unit.role == "list_item" else ""
            with cols.paragraph(
                top_margin=size * (0.9 if heading else 0.45),
                bullet_string=marker,
                indent=size * 1.6 if marker else 0,
                bullet_r_margin=size * 0.5,
            ) as par:
                par.write(unit.text)


def _table(pdf: _Document, rows: Sequence[Sequence[str]]) -> None:
    """A ruled table across the text width, a size smaller than the body.

    A cell is cut at a word to what fits half a page, since fpdf2 cannot
    break a row over pages (a long assessment in a narrow column would not fit).
    """
    width = max(len(row) for row in rows)
    size = pdf.layout.size * 0.9
    pdf.set_font("body", "", size)
    pdf.ln(pdf.layout.size * 0.5)
    line_height = pdf.layout.size * 1.15
    chars_per_line = max(1, int((pdf.epw / width - 2) / (0.6 * size)))
    lines_per_cell = max(1, int((pdf.eph / 2) / line_height))
    limit = chars_per_line * lines_per_cell
    with pdf.table(line_height=line_height, first_row_as_headings=False) as table:
        for row in rows:
            cells = table.row()
            for cell in list(row) + [""] * (width - len(row)):
                cells.cell(_cut(cell, limit))
    pdf.ln(pdf.layout.size * 0.5)


def _cut(text: str, limit: int) -> str:
    """``text`` cut at the last space within ``limit`` characters (whole when it is shorter)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    return head[: head.rfind(" ")] if " " in head else head
