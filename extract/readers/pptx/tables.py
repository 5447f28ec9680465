"""A PowerPoint table as one ``table`` block of :class:`Cell` records.

Merged cells: the origin cell carries ``gridSpan``/``rowSpan``; the cells it
covers carry ``hMerge``/``vMerge`` and are not cells of their own. Some
writers mark only the covered cells, so a span is the larger of the origin's
attribute and the run of covered cells after it.

The first row is the column header when the table's ``firstRow`` flag is
set or every non-empty cell of it is bold (rows a header cell spans down
belong to the header too); with the ``firstCol`` flag the first column's
other cells are row headers. Bulleted or numbered paragraphs of a cell are
its ``items`` (markers dropped), the other paragraphs its text.
"""

from __future__ import annotations

from typing import Optional

from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.table import Table, _Cell

from extract.readers.pptx.geometry import EMU_PER_POINT, BBox
from extract.readers.pptx.paragraphs import Paragraph, read_paragraphs
from extract.readers.pptx.styles import cell_chain
from extract.records import Block, Cell, table_grid


def _span(table: Table, row: int, col: int, across: bool) -> int:
    """How many grid columns (``across``) or rows the cell at (row, col) covers."""
    origin = table.cell(row, col)
    declared = (origin.span_width if across else origin.span_height) if origin.is_merge_origin else 1
    limit = len(table.columns) if across else len(table.rows)
    covered = 1
    while (col if across else row) + covered < limit:
        nxt = table.cell(row, col + covered) if across else table.cell(row + covered, col)
        flag = nxt._tc.hMerge if across else nxt._tc.vMerge
        if not flag:
            break
        covered += 1
    return max(declared, covered)


def _cell_paragraphs(cell: _Cell, slide: Slide) -> list[Paragraph]:
    return read_paragraphs(cell.text_frame, cell_chain(cell._tc, slide))


def _boundaries(sizes: list[int], start: float, scale: float) -> list[float]:
    """Grid line positions in points from the column widths or row heights (EMU)."""
    edges = [start]
    for size in sizes:
        edges.append(edges[-1] + size * scale / EMU_PER_POINT)
    return edges


def table_block(frame: GraphicFrame, slide: Slide, page: int, bbox: Optional[BBox]) -> Optional[Block]:
    """The table in ``frame`` as one block, or ``None`` when every cell is empty.

    The block's lines are the rows with the cells' texts joined by `` | ``;
    every cell has a box in slide points when the frame has one.

    :param frame: a graphic frame holding a table.
    :param slide: the slide (for the style chain of the cells' text).
    :param page: the slide number.
    :param bbox: the frame's box in slide points.
    """
    table = frame.table
    widths = [column.width for column in table.columns]
    heights = [row.height for row in table.rows]
    xs = ys = None
    if bbox is not None and sum(widths) and sum(heights):
        xs = _boundaries(widths, bbox[0], (bbox[2] - bbox[0]) * EMU_PER_POINT / sum(widths))
        ys = _boundaries(heights, bbox[1], (bbox[3] - bbox[1]) * EMU_PER_POINT / sum(heights))
    raw: list[tuple[int, int, int, int, list[Paragraph]]] = []
    for r in range(len(heights)):
        for c in range(len(widths)):
            cell = table.cell(r, c)
            if cell.is_spanned:
                continue
            raw.append((r, c, _span(table, r, c, False), _span(table, r, c, True), _cell_paragraphs(cell, slide)))
    if not any(paragraphs for *_, paragraphs in raw):
        return None
    header_rows = _header_rows(table, raw)
    cells = []
    for r, c, row_span, col_span, paragraphs in raw:
        kind = "column_header" if r < header_rows else ("row_header" if c == 0 and table.first_col else "content")
        box = None
        if xs is not None and ys is not None:
            box = (round(xs[c], 2), round(ys[r], 2), round(xs[c + col_span], 2), round(ys[r + row_span], 2))
        cells.append(
            Cell(
                row=r,
                col=c,
                text="\n".join(line.strip() for p in paragraphs if not p.marker for line in p.lines),
                kind=kind,
                row_span=row_span,
                col_span=col_span,
                items=tuple(p.text for p in paragraphs if p.marker),
                bbox=box,
            )
        )
    lines = tuple(" | ".join(text.replace("\n", " ") for text in row) for row in table_grid(cells))
    return Block(lines=lines, page=page, role="table", bbox=bbox, cells=tuple(cells))


def _header_rows(table: Table, raw: list[tuple[int, int, int, int, list[Paragraph]]]) -> int:
    """How many leading rows form the column header (0 when there is none)."""
    first = [(row_span, paragraphs) for r, _, row_span, _, paragraphs in raw if r == 0]
    filled = [paragraphs for _, paragraphs in first if paragraphs]
    bold = bool(filled) and all(p.bold for paragraphs in filled for p in paragraphs)
    if not (table.first_row or bold) or len(table.rows) < 2:
        return 0
    return min(len(table.rows) - 1, max(row_span for row_span, _ in first))
