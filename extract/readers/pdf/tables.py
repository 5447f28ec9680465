"""Ruled tables: pdfplumber's table finder (lines strategy) on the pages that could hold one.

Only a page whose path objects pass :meth:`PageObjects.could_hold_ruled_table`
is handed to pdfplumber, so a page of plain text costs nothing here. The
finder gives the cells' boxes; their grid positions and spans come from
the distinct cell edges, and each cell's text from the page's own chars
(whatever engine read them), laid out by :mod:`extract.readers.pdf.lines`:
a cell's bulleted or numbered lines become its ``items``. The first row is
a header row when it is bold or shaded and the next row is not;
:func:`mark_repeated_headers` adds header rows repeated on the next page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any, Optional, Sequence

from extract.readers.pdf.blocks import drafts, line_ends
from extract.readers.pdf.chars import Char, PageObjects
from extract.readers.pdf.geometry import BBox, centre_in
from extract.readers.pdf.lines import lines, words
from extract.readers.pdf.settings import PdfSettings
from extract.records import Block, Cell, Page, table_grid

_SNAP = 2.0  # points: cell edges closer than this are one grid line
_WHITE = 0.95  # a fill lighter than this in every channel is no shading


def _grid(values: Sequence[float]) -> list[float]:
    """Distinct coordinates, those within ``_SNAP`` of the previous one merged."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _SNAP:
            out.append(value)
    return out


def _index(grid: Sequence[float], value: float) -> int:
    """The grid line nearest to ``value``."""
    return min(range(len(grid)), key=lambda i: abs(grid[i] - value))


def _shaded(box: BBox, page: PageObjects) -> bool:
    """True when a filled, non-white path lies under the centre of ``box``."""
    for path in page.paths:
        if path.filled and path.fill is not None and centre_in(box, path.bbox):
            if min(path.fill) < _WHITE:
                return True
    return False


def _cell_content(chars: Sequence[Char], settings: PdfSettings) -> tuple[str, tuple[str, ...], bool]:
    """A cell's running text (lines joined with newlines), its items (markers removed) and whether it is bold."""
    cell_lines = lines(words(chars, settings), (), settings)
    text: list[str] = []
    items: list[str] = []
    for draft in drafts(cell_lines, settings):
        physical = [line.text for line in draft.lines]
        if draft.marker is not None:
            physical[0] = draft.rest
            items.append(" ".join(part.strip() for part in line_ends(physical)).replace("- ", "-"))
        else:
            text.extend(physical)
    bold = bool(chars) and sum(1 for c in chars if c.bold) * 2 > len(chars)
    return "\n".join(text), tuple(items), bold


def _header_rows(cells: Sequence[tuple[Cell, bool, bool]]) -> int:
    """1 when the first row's filled cells are all bold or all shaded and the second row's are not, else 0."""
    first = [(bold, shaded) for cell, bold, shaded in cells if cell.row == 0 and cell.full_text]
    second = [(bold, shaded) for cell, bold, shaded in cells if cell.row == 1 and cell.full_text]
    if not first or not second:
        return 0
    for flag in (0, 1):
        if all(f[flag] for f in first) and not all(s[flag] for s in second):
            return 1
    return 0


def table_block(boxes: Sequence[BBox], bbox: BBox, page: PageObjects, chars: Sequence[Char],
                settings: PdfSettings) -> Block:
    """A table block from its cells' boxes, filled with the page's chars.

    :param boxes: the cells' ``(x0, top, x1, bottom)``
    :param bbox: the whole table's box
    :param page: the page's objects (for shading)
    :param chars: the upright chars of the page
    :param settings: the reader's settings
    """
    xs = _grid([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _grid([b[1] for b in boxes] + [b[3] for b in boxes])
    found: list[tuple[Cell, bool, bool]] = []
    inside_all: list[Char] = []
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        inside = [c for c in chars if centre_in(c.box, box)]
        inside_all += inside
        text, items, bold = _cell_content(inside, settings)
        row, col = _index(ys, box[1]), _index(xs, box[0])
        cell = Cell(
            row, col, text,
            row_span=max(1, _index(ys, box[3]) - row),
            col_span=max(1, _index(xs, box[2]) - col),
            items=items, bbox=box,
        )
        found.append((cell, bold, _shaded(box, page)))
    header = _header_rows(found)
    cells = tuple(replace(c, kind="column_header") if c.row < header else c for c, _, _ in found)
    sizes = Counter(round(c.size, 2) for c in inside_all)
    return Block(
        lines=tuple(" | ".join(t.replace("\n", " ") for t in row) for row in table_grid(cells)),
        page=page.number,
        role="table",
        bbox=bbox,
        font_size=sizes.most_common(1)[0][0] if sizes else None,
        bold=bool(inside_all) and sum(1 for c in inside_all if c.bold) * 2 > len(inside_all),
        cells=cells,
    )


def ruled_tables(plumber_page: Any, page: PageObjects, chars: Sequence[Char], settings: PdfSettings) -> list[Block]:
    """The ruled tables pdfplumber's finder (lines strategy) sees on a page, as table blocks.

    A "table" of one cell (a framed box) is no table.

    :param plumber_page: the pdfplumber page
    :param page: the same page's objects from the reading engine
    :param chars: its upright chars
    :param settings: the reader's settings
    """
    found = plumber_page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
    return [table_block(t.cells, t.bbox, page, chars, settings) for t in found if len(t.cells) > 1]


def _first_row(block: Block) -> Optional[tuple[str, ...]]:
    """The texts of a table's first row, or ``None`` for a block that is no table."""
    if block.cells is None:
        return None
    return tuple(c.full_text for c in block.cells if c.row == 0)


def mark_repeated_headers(pages: Sequence[Page]) -> list[Page]:
    """Mark as column headers the first rows that repeat between a page's last table and the next page's first.

    A table continued on the next page under the same header row has that
    row marked on both pages, even when it is neither bold nor shaded.
    """
    tables = [(p, i) for p, page in enumerate(pages) for i, b in enumerate(page.blocks) if b.cells is not None]
    marked: set[tuple[int, int]] = set()
    for (p1, i1), (p2, i2) in zip(tables, tables[1:]):
        if p2 == p1 + 1 and _first_row(pages[p1].blocks[i1]) == _first_row(pages[p2].blocks[i2]):
            marked |= {(p1, i1), (p2, i2)}
    out = []
    for p, page in enumerate(pages):
        blocks = list(page.blocks)
        for p_i, i in marked:
            if p_i == p:
                cells = blocks[i].cells or ()
                blocks[i] = replace(blocks[i], cells=tuple(
                    replace(c, kind="column_header") if c.row == 0 else c for c in cells
                ))
        out.append(replace(page, blocks=tuple(blocks)))
    return out
