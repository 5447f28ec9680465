"""Borderless tables: cells aligned only by whitespace, or rows set on shaded backgrounds.

Run before column detection (a table's whitespace would otherwise be taken
for column gutters). Rows of words are cut into pieces at wide gaps; a run
of rows that could be one table starts at a row of two or more pieces. Its
columns are cut at the gutters no word of the run crosses, however tight
(cells keep to their columns, the word spaces of running text do not line
up), and rows above that keep to those columns join it as its header (tight
header cells of several lines make no pieces of their own). A run is a
table when there is evidence beyond alignment, which columns of body text
also have: a bold header row over narrow cells that are not bold, or shaded
bands whose text splits at the columns in two rows (one shaded row alone
when it continues the columns of a table on a page before). A coloured box
behind running text is one column, no table. Table rows are told apart by
the shading (one shaded band, one row) or, between bands, by baselines
standing wider apart than the lines of one cell.
"""

from __future__ import annotations

from typing import Optional, Sequence

from extract.readers.pdf.chars import PageObjects
from extract.readers.pdf.geometry import BBox, overlap, union
from extract.readers.pdf.lines import Line, Word, split_row
from extract.readers.pdf.settings import PdfSettings
from extract.readers.pdf.tables import table_block
from extract.records import Block

_ANCHOR = 4.0  # points: piece starts this close share a column
_WHITE = 0.95
_ROW_PITCH = 3.0  # em between baselines: rows of cells further apart than this end a table
_LINE_PITCH = 1.6  # em between baselines: a cell's wrapped line follows within this
_CELL_PITCH = 1.25  # a baseline distance this many times the run's tightest is a row boundary (without shading)
_NARROW = 0.6  # the median body piece of an unshaded table fills at most this share of its column
_MIN_ROWS = 2  # a table has at least this many rows of two or more cells
_GUTTER = 0.35  # em: the narrowest whitespace between two columns of cells (a word space is 0.25–0.32)
_SAME_SIZE = 1.1  # a row up to this many times the size of a table's rows may be its header
_BACKGROUND = (0.95, 0.5)  # a fill this much of the page's width and height is the page's background


class _Row:
    """One row of words cut into pieces, and the shaded band it stands on (if any)."""

    def __init__(self, pieces: list[Line], band: int) -> None:
        self.pieces = pieces
        self.band = band
        self.top = min(p.top for p in pieces)
        self.bottom = max(p.bottom for p in pieces)
        self.size = max(p.size for p in pieces)


def _bands(page: PageObjects) -> list[BBox]:
    """Row backgrounds: filled, non-white paths, side by side ones (shaded cells) merged, wider than a third of the page.

    A fill across the page's width and most of its height is the page's
    background, no row (a table row never reaches into the margins). Whether
    a band is a table row or a coloured box behind running text is decided
    by the text on it (:func:`_is_table`), not by its height.
    """
    fills = sorted(
        (p.bbox for p in page.paths
         if p.filled and p.fill is not None and min(p.fill) < _WHITE
         and not _background(p.bbox, page)),
        key=lambda b: (round(b[1]), b[0]),
    )
    merged: list[BBox] = []
    for box in fills:
        last = merged[-1] if merged else None
        if last and abs(last[1] - box[1]) <= 1 and abs(last[3] - box[3]) <= 1 and box[0] - last[2] <= 2:
            merged[-1] = (last[0], last[1], max(last[2], box[2]), last[3])
        else:
            merged.append(box)
    return [b for b in merged if b[2] - b[0] > page.width / 3]


def _background(box: BBox, page: PageObjects) -> bool:
    """True for a fill that covers the page (a tinted page), not a part of it."""
    return box[2] - box[0] >= _BACKGROUND[0] * page.width and box[3] - box[1] >= _BACKGROUND[1] * page.height


def _band_of(pieces: Sequence[Line], bands: Sequence[BBox]) -> int:
    """The index of the band the row's centre stands on, or -1."""
    top, bottom = min(p.top for p in pieces), max(p.bottom for p in pieces)
    middle = (top + bottom) / 2
    x = min(p.x0 for p in pieces)
    for i, band in enumerate(bands):
        if band[1] <= middle <= band[3] and band[0] - 1 <= x <= band[2]:
            return i
    return -1


def _anchored(row: _Row, anchors: Sequence[float]) -> bool:
    """True when every piece of the row starts at one of the anchors."""
    return all(any(abs(p.x0 - a) <= _ANCHOR for a in anchors) for p in row.pieces)


def _runs(page_rows: Sequence[_Row]) -> list[list[_Row]]:
    """Runs of consecutive rows that could be one table, each starting at a row of two or more pieces or on a shaded band.

    Distances are measured between baselines (the bottoms of the boxes), which
    every engine places alike: a row of two or more pieces, or a row on or
    right after a shaded band, follows within ``_ROW_PITCH`` em; a single
    piece at a column start (a cell's wrapped line) within ``_LINE_PITCH`` em
    or on the same shaded band. Rows on bands count as evidence whatever
    their pieces: cells set tight leave gaps too narrow to cut a row.
    """
    found: list[list[_Row]] = []
    current: list[_Row] = []
    anchors: list[float] = []
    for row in page_rows:
        if current:
            prev = current[-1]
            pitch = (row.bottom - prev.bottom) / prev.size
            same_band = row.band >= 0 and row.band == prev.band
            banded = (row.band >= 0 or prev.band >= 0) and pitch <= _ROW_PITCH
            if (len(row.pieces) >= 2 and pitch <= _ROW_PITCH) or same_band or banded or (
                pitch <= _LINE_PITCH and _anchored(row, anchors)
            ):
                current.append(row)
                anchors += [p.x0 for p in row.pieces if not any(abs(p.x0 - a) <= _ANCHOR for a in anchors)]
                continue
            found.append(current)
            current = []
        if len(row.pieces) >= 2 or row.band >= 0:
            current, anchors = [row], [p.x0 for p in row.pieces]
    if current:
        found.append(current)
    return [run for run in found if sum(1 for r in run if len(r.pieces) >= 2 or r.band >= 0) >= _MIN_ROWS]


def _columns(run: Sequence[_Row]) -> list[tuple[float, float]]:
    """The run's columns as x ranges, cut at the gutters its cells leave free all the way down.

    A gutter is whitespace at least ``_GUTTER`` em wide that no word crosses:
    the cells of a table keep to
    their columns however tight they are set, while the word spaces of
    running text, justified or not, stand at other places on every line.
    Each column runs from the middle of the gutter before it to the middle of
    the gutter after it; the first starts at the run's left edge, the last
    ends at its right edge. The bold rows of a header are left out of the
    measure: a header word longer than its narrow column runs on into the
    next one (a cell's text never does).
    """
    header = next((i for i, r in enumerate(run) if not _bold([r])), len(run))
    measured = run[header:] if len(run) - header >= _MIN_ROWS else run
    spans = [[(w.x0, w.x1) for p in r.pieces for w in p.words] for r in measured]
    left = min(w.x0 for r in run for p in r.pieces for w in p.words)
    right = max(w.x1 for r in run for p in r.pieces for w in p.words)
    sizes = sorted(p.size for r in run for p in r.pieces)
    narrowest = _GUTTER * sizes[len(sizes) // 2]
    edges = sorted({x for row in spans for span in row for x in span})
    free: list[list[float]] = []
    for a, b in zip(edges, edges[1:]):
        middle = (a + b) / 2
        if any(x0 < middle < x1 for row in spans for x0, x1 in row):
            continue
        if free and free[-1][1] == a:
            free[-1][1] = b
        else:
            free.append([a, b])
    cuts = [(a + b) / 2 for a, b in free if b - a >= narrowest and left < a and b < right]
    bounds = [left, *cuts, right + 1.0]
    return list(zip(bounds, bounds[1:]))


def _column_of(x0: float, columns: Sequence[tuple[float, float]]) -> int:
    """The index of the column a word starting at ``x0`` stands in."""
    return next((i for i, (_, end) in enumerate(columns) if x0 < end), len(columns) - 1)


def _fits(row: _Row, starts: Sequence[float]) -> bool:
    """True when every word of the row stands between two column starts, none reaching into the next column."""
    def column(x: float) -> int:
        return max((i for i, start in enumerate(starts) if start <= x + _ANCHOR), default=-1)

    return all(
        column(w.x0) >= 0 and (column(w.x0) == len(starts) - 1 or w.x1 < starts[column(w.x0) + 1])
        for p in row.pieces for w in p.words
    )


def _with_header(run: list[_Row], page_rows: Sequence[_Row], columns: Sequence[tuple[float, float]]) -> list[_Row]:
    """The run with the rows above it that keep to its columns: a header whose cells, set tight, made no pieces.

    A row above joins when it is no larger than the run's type, follows
    within ``_ROW_PITCH`` em and crosses no gutter; a row in one column only
    when it follows within ``_LINE_PITCH`` em or stands in a later column (a
    header cell's last line), so a caption above the first column stays out.
    """
    start = next(i for i, r in enumerate(page_rows) if r is run[0])
    starts = _starts(run, columns)
    below, above = run[0], []
    for row in reversed(page_rows[:start]):
        pitch = (below.bottom - row.bottom) / below.size
        if pitch > _ROW_PITCH or row.size > _SAME_SIZE * run[0].size or not _fits(row, starts):
            break
        one = _filled([row], columns) == 1
        if one and pitch > _LINE_PITCH and _column_of(row.pieces[0].words[0].x0, columns) == 0:
            break
        above.append(row)
        below = row
    # A header names several columns; lines above one column are a caption or a heading, no header.
    return above[::-1] + run if any(_filled([r], columns) >= 2 for r in above) else run


def _table_rows(run: Sequence[_Row]) -> list[list[_Row]]:
    """The run's rows grouped into table rows.

    The lines on one shaded band are one row. Between bands (and in a table
    without shading) a row ends where the baselines stand wider apart than
    the lines of one cell, and after a header of bold lines (its cells may
    take several lines each); evenly spaced baselines mean that no cell
    wraps, so every line is a row of its own.
    """
    pitches = [b.bottom - a.bottom for a, b in zip(run, run[1:])]
    tight = min(pitches) if pitches else 0.0
    uniform = not pitches or max(pitches) <= _CELL_PITCH * tight
    groups: list[list[_Row]] = [[run[0]]]
    for pitch, (prev, row) in zip(pitches, zip(run, run[1:])):
        if row.band >= 0 or prev.band >= 0:
            new = row.band != prev.band
        else:
            header_ends = len(groups) == 1 and _bold(groups[0]) and not _bold([row])
            new = uniform or pitch > _CELL_PITCH * tight or header_ends
        if new:
            groups.append([row])
        else:
            groups[-1].append(row)
    return groups


def _bold(group: Sequence[_Row]) -> bool:
    """True when every piece of the rows is bold."""
    return all(p.bold for r in group for p in r.pieces)


def _filled(group: Sequence[_Row], columns: Sequence[tuple[float, float]]) -> int:
    """The number of columns the group's words stand in."""
    return len({_column_of(w.x0, columns) for r in group for p in r.pieces for w in p.words})


def _narrow(groups: Sequence[Sequence[_Row]], columns: Sequence[tuple[float, float]]) -> bool:
    """True when the body's pieces mostly leave their column half empty, as cells do and lines of running text do not."""
    shares = sorted(
        (p.x1 - p.x0) / max(end - start, 1.0)
        for g in groups[1:] for r in g for p in r.pieces
        for start, end in [columns[_column_of(p.x0, columns)]]
    )
    return bool(shares) and shares[len(shares) // 2] <= _NARROW


class TableColumns:
    """The column starts of the borderless tables read so far in one document.

    A shaded table continued on the next page may show a single row there,
    with no header: one band is no evidence of a table on its own, but one
    whose cells start where the columns of a table before it started is that
    table's next row.
    """

    def __init__(self) -> None:
        self._seen: list[tuple[float, ...]] = []

    def add(self, starts: Sequence[float]) -> None:
        """Remember a table's column starts."""
        if not self.known(starts):
            self._seen.append(tuple(starts))

    def known(self, starts: Sequence[float]) -> bool:
        """True when a table read before had as many columns starting at the same places."""
        return any(
            len(seen) == len(starts) and all(abs(a - b) <= _ANCHOR for a, b in zip(seen, starts)) for seen in self._seen
        )


def _starts(run: Sequence[_Row], columns: Sequence[tuple[float, float]]) -> list[float]:
    """Where the words of each column start (the leftmost word in it)."""
    found: dict[int, float] = {}
    for word in (w for r in run for p in r.pieces for w in p.words):
        col = _column_of(word.x0, columns)
        found[col] = min(found.get(col, word.x0), word.x0)
    return [found[c] for c in sorted(found)]


def _spanning(bands: Sequence[BBox], columns: Sequence[tuple[float, float]], size: float) -> set[int]:
    """The bands that reach across all the columns (within an em): a table row's background.

    A box over some of the columns only (a roof over pillars of text, a
    coloured box above two columns) is no row of theirs.
    """
    left, right = columns[0][0], columns[-1][1] - 1.0
    return {i for i, (x0, _, x1, _) in enumerate(bands) if x0 <= left + size and x1 >= right - size}


def _is_table(groups: Sequence[Sequence[_Row]], columns: Sequence[tuple[float, float]], continues: bool,
              spanning: set[int]) -> bool:
    """Evidence beyond alignment: shaded rows whose text splits at the columns, or a bold first row over narrow cells.

    A shaded band (one of ``spanning``: it reaches across the columns) is a
    table row when its text stands in two or more columns and another row
    does too, or when the columns are those of a table before
    (``continues``); a coloured box behind running text has one column.
    Columns of running text under bold headings set side by side align as
    well, but their lines fill the column.
    """
    split = [g for g in groups if _filled(g, columns) >= 2]
    if any(r.band in spanning for g in groups for r in g):
        shaded = any(r.band in spanning for g in split for r in g)
        return shaded and (len(split) >= _MIN_ROWS or continues)
    header = len(groups) > 1 and _bold(groups[0]) and not _bold(groups[1]) and _filled(groups[0], columns) >= 2
    return header and _narrow(groups, columns)


def borderless_tables(grouped: Sequence[Sequence[Word]], page: PageObjects, settings: PdfSettings,
                      seen: Optional[TableColumns] = None) -> list[Block]:
    """The borderless tables among a page's words, as table blocks.

    :param grouped: the page's body words (ruled tables already taken out) in rows (:func:`.lines.rows`)
    :param page: the page's objects (for the shaded bands)
    :param settings: the reader's settings
    :param seen: the columns of the tables on the document's pages before (updated with this page's)
    """
    seen = seen if seen is not None else TableColumns()
    bands = _bands(page)
    page_rows = []
    for row in grouped:
        pieces = split_row(row, (), settings)
        page_rows.append(_Row(pieces, _band_of(pieces, bands)))
    out = []
    for run in _runs(page_rows):
        columns = _columns(run)
        if len(columns) < 2:
            continue
        run = _with_header(run, page_rows, columns)
        columns = _columns(run)
        groups = _table_rows(run)
        starts = _starts(run, columns)
        size = sorted(r.size for r in run)[len(run) // 2]
        if not _is_table(groups, columns, seen.known(starts), _spanning(bands, columns, size)):
            continue
        seen.add(starts)
        cells = []
        previous = None
        for group in groups:
            # Rows meet (the space between them belongs to the row below), so the grid has no empty rows.
            top, bottom = previous if previous is not None else min(r.top for r in group), max(r.bottom for r in group)
            previous = bottom
            for col, (start, end) in enumerate(columns):
                cell_words = [w for r in group for p in r.pieces for w in p.words if _column_of(w.x0, columns) == col]
                cells.append(((start, top, end, bottom), cell_words))
        bbox = union([box for box, _ in cells])
        out.append(table_block(cells, bbox, page, settings))
    return out


def outside(found: Sequence[Word], tables: Sequence[Block]) -> list[Word]:
    """The words that lie in none of the tables' boxes."""
    boxes = [t.bbox for t in tables if t.bbox]
    return [
        w for w in found
        if not any(overlap(w.x0, w.x1, b[0], b[2]) > 0 and b[1] <= (w.top + w.bottom) / 2 <= b[3] for b in boxes)
    ]
