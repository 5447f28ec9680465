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

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace
from typing import Any, Optional, Sequence

from extract.readers.pdf.blocks import line_ends
from extract.readers.pdf.markers import split_marker
from extract.readers.pdf.chars import Char, Colour, PageObjects
from extract.readers.pdf.geometry import BBox, centre_in, contains
from extract.readers.pdf.lines import Word, lines, rows, words
from extract.readers.pdf.settings import PdfSettings
from extract.records import Block, Cell, Page, table_grid

_SNAP = 2.0  # points: cell edges closer than this are one grid line
_WHITE = 0.95  # a fill lighter than this in every channel is no shading
_ITEM_GAP = 0.6  # em: a cell's line this close under an item's line goes on the item


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


def _fill_under(box: BBox, page: PageObjects) -> Colour:
    """The colour of the smallest filled, non-white path under the centre of ``box``, or ``None``."""
    under = [
        p for p in page.paths
        if p.filled and p.fill is not None and min(p.fill) < _WHITE and centre_in(box, p.bbox)
    ]
    if not under:
        return None
    return min(under, key=lambda p: (p.bbox[2] - p.bbox[0]) * (p.bbox[3] - p.bbox[1])).fill


def _cell_content(cell_words: Sequence[Word], settings: PdfSettings) -> tuple[str, tuple[str, ...], bool]:
    """A cell's running text (lines joined with newlines), its items (markers removed) and whether it is bold.

    A line with a list marker starts an item; the lines after it go on the
    item (indented or not) until a paragraph gap or the next marker.
    """
    text: list[str] = []
    items: list[list[str]] = []
    previous = None
    in_item = False
    for line in lines(rows(cell_words, settings.line_tolerance), (), settings):
        marker, rest = split_marker(line.text)
        if marker is not None:
            items.append([rest])
            in_item = True
        elif in_item and previous is not None and line.top - previous.bottom <= _ITEM_GAP * line.size:
            items[-1].append(line.text)
        else:
            text.append(line.text)
            in_item = False
        previous = line
    letters = sum(len(w.text) for w in cell_words)
    bold = letters > 0 and sum(len(w.text) for w in cell_words if w.bold) * 2 > letters
    return "\n".join(text), tuple("".join(line_ends(item)) for item in items), bold


def _header_rows(cells: Sequence[tuple[Cell, bool, Colour]]) -> int:
    """1 when the first row is a header row, else 0.

    It is when its filled cells are all bold and the second row's are not,
    or when it is shaded in a colour of its own.
    """
    first = [(bold, fill) for cell, bold, fill in cells if cell.row == 0 and cell.full_text]
    second = [bold for cell, bold, _ in cells if cell.row == 1 and cell.full_text]
    if not first or not second:
        return 0
    if all(bold for bold, _ in first) and not all(second):
        return 1
    # Shading marks a header when its colour is the first row's own: with striped rows the
    # first content row shares its colour with a later one, and one plain row after a shaded
    # one (a continued table's last rows) tells nothing.
    later = [fill for cell, _, fill in cells if cell.row > 0]
    later_rows = len({cell.row for cell, _, _ in cells if cell.row > 0})
    fills = {fill for _, fill in first}
    striped = any(fill is not None for fill in later)
    own = len(fills) == 1 and None not in fills and not fills & set(later)
    return 1 if own and (striped or later_rows >= 2) else 0


def table_block(cells_words: Sequence[tuple[BBox, Sequence[Word]]], bbox: BBox, page: PageObjects,
                settings: PdfSettings) -> Block:
    """A table block from its cells' boxes and the words in each.

    Grid rows and columns come from the distinct cell edges, so a cell
    that covers two grid columns gets ``col_span`` 2.

    :param cells_words: each cell's ``(x0, top, x1, bottom)`` and its words
    :param bbox: the whole table's box
    :param page: the page's objects (for shading)
    :param settings: the reader's settings
    """
    boxes = [box for box, _ in cells_words]
    xs = _grid([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _grid([b[1] for b in boxes] + [b[3] for b in boxes])
    found: list[tuple[Cell, bool, Colour]] = []
    all_words: list[Word] = []
    for box, cell_words in sorted(cells_words, key=lambda c: (c[0][1], c[0][0])):
        all_words += cell_words
        text, items, bold = _cell_content(cell_words, settings)
        row, col = _index(ys, box[1]), _index(xs, box[0])
        cell = Cell(
            row, col, text,
            row_span=max(1, _index(ys, box[3]) - row),
            col_span=max(1, _index(xs, box[2]) - col),
            items=items, bbox=box,
        )
        found.append((cell, bold, _fill_under(box, page)))
    header = _header_rows(found)
    cells = tuple(replace(c, kind="column_header") if c.row < header else c for c, _, _ in found)
    sizes = Counter(round(w.size, 2) for w in all_words for _ in w.text)
    letters = sum(len(w.text) for w in all_words)
    return Block(
        lines=tuple(" | ".join(t.replace("\n", " ") for t in row) for row in table_grid(cells)),
        page=page.number,
        role="table",
        bbox=bbox,
        font_size=sizes.most_common(1)[0][0] if sizes else None,
        bold=letters > 0 and sum(len(w.text) for w in all_words if w.bold) * 2 > letters,
        cells=cells,
    )


# pdfplumber's table finder settings: tables drawn with lines (or rectangles' sides) only.
LINES_STRATEGY = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def ruled_tables(found: Sequence[Any], page: PageObjects, chars: Sequence[Char], settings: PdfSettings) -> list[Block]:
    """The ruled tables pdfplumber's finder (:data:`LINES_STRATEGY`) found on a page, as table blocks.

    A "table" of one column (a framed box, stacked shaded bars) or of one
    row (rules framing columns of running text) is no table,
    nor one whose edges are only those of filled cells (shading, for
    :mod:`.borderless`).

    :param found: pdfplumber's ``Table`` objects of the page
    :param page: the same page's objects from the reading engine
    :param chars: its upright chars
    :param settings: the reader's settings
    """
    strokes = [p.bbox for p in page.paths if p.stroked]
    centres = [((c.x0 + c.x1) / 2, (c.top + c.bottom) / 2, c) for c in chars] if found else []
    out = []
    for table in found:
        columns = {round(x0) for x0, _, _, _ in table.cells}
        rows = {round(top) for _, top, _, _ in table.cells}
        if len(columns) < 2 or len(rows) < 2:  # stacked bars, or rules framing columns of text: no table
            continue
        bbox = table.bbox  # a property pdfplumber computes from the cells on every call
        if not any(contains(bbox, box, slack=2.0) for box in strokes):
            continue  # edges of shaded cells only: a borderless table's shading, read as such
        inside = _centred_in(centres, bbox)  # the cells lie in the table's box
        cells = [(box, words(in_cell, settings)) for box, in_cell in zip(table.cells, _chars_in(inside, table.cells))]
        out.append(table_block(cells, bbox, page, settings))
    return out


def _centred_in(centres: Sequence[tuple[float, float, Char]], area: BBox) -> list[tuple[float, float, Char]]:
    """The ``(x, y, char)`` whose centre ``(x, y)`` lies in ``area`` (as :func:`centre_in`), in their order."""
    x0, top, x1, bottom = area
    return [c for c in centres if x0 <= c[0] <= x1 and top <= c[1] <= bottom]


def _chars_in(centres: Sequence[tuple[float, float, Char]], boxes: Sequence[BBox]) -> list[list[Char]]:
    """For each box, the chars whose centre lies in it (as :func:`_centred_in`), in their order.

    The centres are sorted by height once and each box looks up its band of
    them by binary search, instead of every box testing every char.
    """
    order = sorted(range(len(centres)), key=lambda i: centres[i][1])
    heights = [centres[i][1] for i in order]
    found = []
    for x0, top, x1, bottom in boxes:
        band = sorted(order[bisect_left(heights, top): bisect_right(heights, bottom)])
        found.append([centres[i][2] for i in band if x0 <= centres[i][0] <= x1])
    return found


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
