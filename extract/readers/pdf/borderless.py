"""Borderless tables: cells aligned only by whitespace, or rows set on shaded backgrounds.

Run before column detection (a table's whitespace would otherwise be taken
for column gutters). Rows of words are cut into pieces at wide gaps; a run
of rows whose pieces start at shared x positions (the column anchors) is a
table when there is evidence beyond alignment, which two columns of body
text also have: a header row set bold over a row that is not, or rows
standing on shaded backgrounds. Table rows are told apart by the shading
(one shaded band, one row) or, without it, by baselines standing wider
apart than the lines of one cell.
"""

from __future__ import annotations

from typing import Sequence

from extract.readers.pdf.chars import PageObjects
from extract.readers.pdf.geometry import BBox, overlap, union
from extract.readers.pdf.lines import Line, Word, rows, split_row
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


class _Row:
    """One row of words cut into pieces, and the shaded band it stands on (if any)."""

    def __init__(self, pieces: list[Line], band: int) -> None:
        self.pieces = pieces
        self.band = band
        self.top = min(p.top for p in pieces)
        self.bottom = max(p.bottom for p in pieces)
        self.size = max(p.size for p in pieces)


def _bands(page: PageObjects) -> list[BBox]:
    """Row backgrounds: filled, non-white paths at most ~4 lines high, side by side ones (shaded cells) merged, wider than a third of the page."""
    fills = sorted(
        (p.bbox for p in page.paths
         if p.filled and p.fill is not None and min(p.fill) < _WHITE and p.bbox[3] - p.bbox[1] < 80),
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
    """Runs of consecutive rows that could be one table, each starting at a row of two or more pieces.

    Distances are measured between baselines (the bottoms of the boxes), which
    every engine places alike: a row of two or more pieces follows within
    ``_ROW_PITCH`` em, a single piece at a column start (a cell's wrapped
    line) within ``_LINE_PITCH`` em or on the same shaded band.
    """
    found: list[list[_Row]] = []
    current: list[_Row] = []
    anchors: list[float] = []
    for row in page_rows:
        if current:
            prev = current[-1]
            pitch = (row.bottom - prev.bottom) / prev.size
            same_band = row.band >= 0 and row.band == prev.band
            if (len(row.pieces) >= 2 and pitch <= _ROW_PITCH) or same_band or (
                pitch <= _LINE_PITCH and _anchored(row, anchors)
            ):
                current.append(row)
                anchors += [p.x0 for p in row.pieces if not any(abs(p.x0 - a) <= _ANCHOR for a in anchors)]
                continue
            found.append(current)
            current = []
        if len(row.pieces) >= 2:
            current, anchors = [row], [p.x0 for p in row.pieces]
    if current:
        found.append(current)
    return [run for run in found if sum(1 for r in run if len(r.pieces) >= 2) >= _MIN_ROWS]


def _column_starts(run: Sequence[_Row]) -> list[float]:
    """The x positions where columns start: piece starts of the multi-piece rows, clustered."""
    starts = sorted(p.x0 for r in run if len(r.pieces) >= 2 for p in r.pieces)
    columns: list[list[float]] = []
    for x in starts:
        if columns and x - columns[-1][-1] <= _ANCHOR:
            columns[-1].append(x)
        else:
            columns.append([x])
    multi = sum(1 for r in run if len(r.pieces) >= 2)
    return [min(c) for c in columns if len(c) * 2 >= multi]


def _table_rows(run: Sequence[_Row]) -> list[list[_Row]]:
    """The run's rows grouped into table rows: by shaded band, else where baselines stand wider apart than a cell's lines."""
    pitches = [b.bottom - a.bottom for a, b in zip(run, run[1:])]
    tight = min(pitches) if pitches else 0.0
    # Evenly spaced baselines: no cell wraps, every line is a row of its own.
    uniform = not pitches or max(pitches) <= _CELL_PITCH * tight
    shaded = any(r.band >= 0 for r in run)
    groups: list[list[_Row]] = [[run[0]]]
    for pitch, (prev, row) in zip(pitches, zip(run, run[1:])):
        if shaded:
            new = row.band != prev.band or row.band < 0
        else:
            new = uniform or pitch > _CELL_PITCH * tight
        if new:
            groups.append([row])
        else:
            groups[-1].append(row)
    return groups


def _narrow(groups: Sequence[Sequence[_Row]], starts: Sequence[float], right: float) -> bool:
    """True when the body's pieces mostly leave their column half empty, as cells do and lines of running text do not."""
    edges = [*starts[1:], right]
    shares = sorted(
        (p.x1 - p.x0) / max(edges[i] - starts[i], 1.0)
        for g in groups[1:] for r in g for p in r.pieces
        for i in [max(j for j, s in enumerate(starts) if s <= p.x0 + _ANCHOR)]
    )
    return bool(shares) and shares[len(shares) // 2] <= _NARROW


def _is_table(groups: Sequence[Sequence[_Row]], starts: Sequence[float], right: float) -> bool:
    """Evidence beyond alignment: a row on a shaded band, or a bold first row over narrow cells that are not bold.

    Columns of running text under bold headings set side by side align as
    well, but their lines fill the column.
    """
    if any(r.band >= 0 for g in groups for r in g):
        return True
    first = [p for r in groups[0] for p in r.pieces]
    second = [p for r in groups[1] for p in r.pieces] if len(groups) > 1 else []
    header = bool(second) and all(p.bold for p in first) and not all(p.bold for p in second)
    return header and _narrow(groups, starts, right)


def borderless_tables(found: Sequence[Word], page: PageObjects, settings: PdfSettings) -> list[Block]:
    """The borderless tables among a page's words, as table blocks.

    :param found: the page's body words (ruled tables already taken out)
    :param page: the page's objects (for the shaded bands)
    :param settings: the reader's settings
    """
    bands = _bands(page)
    page_rows = []
    for row in rows(found, settings.line_tolerance):
        pieces = split_row(row, (), settings)
        page_rows.append(_Row(pieces, _band_of(pieces, bands)))
    out = []
    for run in _runs(page_rows):
        starts = _column_starts(run)
        groups = _table_rows(run)
        right = max(p.x1 for r in run for p in r.pieces)
        if len(starts) < 2 or len(groups) < _MIN_ROWS or not _is_table(groups, starts, right):
            continue
        edges = [*starts[1:], right + 1.0]
        cells = []
        previous = None
        for group in groups:
            # Rows meet (the space between them belongs to the row below), so the grid has no empty rows.
            top, bottom = previous if previous is not None else min(r.top for r in group), max(r.bottom for r in group)
            previous = bottom
            for col, start in enumerate(starts):
                end = edges[col]
                cell_words = [
                    w for r in group for p in r.pieces for w in p.words
                    if start - _ANCHOR <= w.x0 < end - _ANCHOR
                ]
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
