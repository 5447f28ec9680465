"""Reading order of a page: columns, side boxes, interruptions.

Column gutters are found in the whitespace between words (a strip
``column_gap`` wide, free of words for a good share of the text's height,
with lines on both sides); a vertical rule between columns counts as a
gutter too. Full-width units (those crossing a gutter, e.g. titles) cut
the page into bands, and within a band the columns are read left to
right, each top to bottom. Words inside a framed or shaded box are read
as one unit of their own. A box or pull quote that interrupts a
paragraph (the text above it does not end a sentence, the text below it
goes on in lower case) is read after the whole paragraph, never spliced
into it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator, Sequence, Union

from extract.readers.pdf.blocks import Draft, size_differs
from extract.readers.pdf.chars import PathShape
from extract.readers.pdf.geometry import BBox, centre_in, contains, boxes_meet, overlap
from extract.readers.pdf.lines import Gutter, Word, rows
from extract.readers.pdf.settings import PdfSettings
from extract.records import Block

_SENTENCE_END = ".!?:;"
_RULE_WIDTH = 3.0  # points: a vertical path this thin is a column rule

Item = Union[Draft, Block]


def _free_spans(
    words: Sequence[Word], x: float, half: float, top: float, bottom: float
) -> Iterator[tuple[float, float]]:
    """The vertical spans of ``[top, bottom]`` where no word touches the strip ``x ± half``.

    :param words: words sorted by their tops
    """
    start = top
    for word in (w for w in words if w.x0 < x + half and w.x1 > x - half):
        if word.top > start:
            yield start, word.top
        start = max(start, word.bottom)
    if bottom > start:
        yield start, bottom


def _separates(
    words: Sequence[Word], x: float, half: float, extent: tuple[float, float], need: float, min_lines: int
) -> bool:
    """True when an empty strip ``x ± half`` runs at least ``need`` high with lines on both sides.

    :param words: the region's words, sorted by their tops
    :param x: the strip's centre
    :param half: half the strip's width
    :param extent: the top and bottom of the region's text
    :param need: the least height of the empty run
    :param min_lines: the least number of lines on each side along the run
    """
    for start, end in _free_spans(words, x, half, *extent):
        if end - start < need:
            continue
        # The right side first: beside a ragged right edge it is empty, and the left side is not looked at.
        right = {round(w.bottom) for w in words if w.x0 >= x + half and start <= (w.top + w.bottom) / 2 <= end}
        if len(right) < min_lines:
            continue
        left = {round(w.bottom) for w in words if w.x1 <= x - half and start <= (w.top + w.bottom) / 2 <= end}
        if len(left) >= min_lines:
            return True
    return False


def _longest_free_runs(
    words: Sequence[Word], left: int, right: int, half: float, extent: tuple[float, float]
) -> list[float]:
    """For each x in ``left..right``, the longest of :func:`_free_spans` of the strip ``x ± half``.

    One pass over the words instead of one per x: each word closes the
    current free run of every strip it touches.

    :param words: words sorted by their tops
    :param extent: the top and bottom of the region's text
    """
    top, bottom = extent
    start = [top] * (right - left + 1)
    longest = [0.0] * (right - left + 1)
    for word in words:
        first = max(left, math.floor(word.x0 - half) + 1) - left
        last = min(right, math.ceil(word.x1 + half) - 1) - left
        for i in range(first, last + 1):
            if word.top - start[i] > longest[i]:
                longest[i] = word.top - start[i]
            if word.bottom > start[i]:
                start[i] = word.bottom
    return [max(run, bottom - end) for run, end in zip(longest, start)]


def whitespace_gutters(words: Sequence[Word], settings: PdfSettings) -> list[Gutter]:
    """The x ranges ``(start, end)`` of column gutters among a region's words.

    A gutter is an x where a strip ``column_gap`` wide stays free of words for
    at least ``gutter_share`` of the text's height, with at least
    ``gutter_min_lines`` lines on its left and on its right along that run. A
    full-width title crosses the gutter; the run below it still counts.
    Columns need not share baselines. Positions where rows of text cover too
    much of the height, or where no free run is long enough, are ruled out
    first, which keeps the exact test rare.
    """
    if not words:
        return []
    words = sorted(words, key=lambda w: w.top)
    half = settings.column_gap / 2
    extent = (words[0].top, max(w.bottom for w in words))
    span = extent[1] - extent[0]
    need = settings.gutter_share * span
    left, right = int(min(w.x0 for w in words)) + 1, int(max(w.x1 for w in words))
    covered = [0.0] * (right - left + 1)
    for row in rows(words, settings.line_tolerance):
        height = max(w.bottom for w in row) - min(w.top for w in row)
        xs = {
            x
            for word in row
            for x in range(max(left, int(word.x0 - half) + 1), min(right, int(word.x1 + half)) + 1)
        }
        for x in xs:
            covered[x - left] += height
    free = _longest_free_runs(words, left, right, half, extent)
    found = [
        x
        for x in range(left, right)
        if covered[x - left] <= span - need
        and free[x - left] >= need
        and _separates(words, x, half, extent, need, settings.gutter_min_lines)
    ]
    runs: list[list[int]] = []
    for x in found:
        if runs and x == runs[-1][-1] + 1:
            runs[-1].append(x)
        else:
            runs.append([x])
    return [(float(run[0]), float(run[-1])) for run in runs]



def rule_gutters(words: Sequence[Word], paths: Sequence[PathShape], settings: PdfSettings) -> list[Gutter]:
    """Thin vertical paths with lines on both sides for at least ``gutter_share`` of the text's height."""
    if not words:
        return []
    top, bottom = min(w.top for w in words), max(w.bottom for w in words)
    need = settings.gutter_share * (bottom - top)
    found = []
    for path in paths:
        x0, y0, x1, y1 = path.bbox
        if x1 - x0 > _RULE_WIDTH or overlap(y0, y1, top, bottom) < need:
            continue
        beside = [w for w in words if y0 <= (w.top + w.bottom) / 2 <= y1]
        left = {round(w.bottom) for w in beside if w.x1 <= x0 + 1}
        right = {round(w.bottom) for w in beside if w.x0 >= x1 - 1}
        if len(left) >= settings.gutter_min_lines and len(right) >= settings.gutter_min_lines:
            found.append((x0 - 1.0, x1 + 1.0))
    return found


def side_boxes(
    paths: Sequence[PathShape], words: Sequence[Word], tables: Sequence[BBox], page: BBox, settings: PdfSettings
) -> list[BBox]:
    """Rectangles that frame text apart from the body (shaded or outlined boxes).

    Kept: rectangles with both sides at least ``min_box_side``, smaller than
    half the page, clear of tables, holding a word, and not inside another kept box.
    """
    page_area = (page[2] - page[0]) * (page[3] - page[1])
    candidates = [
        p.bbox
        for p in paths
        if (p.filled or p.stroked)
        and p.bbox[2] - p.bbox[0] >= settings.min_box_side
        and p.bbox[3] - p.bbox[1] >= settings.min_box_side
        and (p.bbox[2] - p.bbox[0]) * (p.bbox[3] - p.bbox[1]) < page_area / 2
        and not any(boxes_meet(p.bbox, t) for t in tables)
        and any(centre_in(w.box, p.bbox) for w in words)
    ]
    kept: list[BBox] = []
    for box in sorted(candidates, key=lambda r: (r[2] - r[0]) * (r[3] - r[1]), reverse=True):
        if not any(contains(outer, box) for outer in kept):
            kept.append(box)
    return kept


@dataclass
class Unit:
    """Items read together (one block, a side box's blocks, a table) and the box around them."""

    items: list[Item]
    bbox: BBox
    aside: bool = False  # a side box: may interrupt the body's paragraphs


def _spans(bbox: BBox, gutters: Sequence[Gutter]) -> bool:
    """True when a box reaches across a gutter, from its left to its right."""
    return any(bbox[0] < start and bbox[2] > end for start, end in gutters)


def reading_order(units: Sequence[Unit], gutters: Sequence[Gutter]) -> list[Unit]:
    """Units in reading order: bands cut by full-width units, each band column by column.

    A title above two columns thus comes first, then the whole left column,
    then the right one.

    :param units: the page's units
    :param gutters: the x ranges of its column gutters
    """
    spanning = sorted((u for u in units if _spans(u.bbox, gutters)), key=lambda u: (u.bbox[1], u.bbox[0]))
    columned = [u for u in units if not _spans(u.bbox, gutters)]

    def band(unit: Unit) -> int:
        """How many full-width units start above the unit."""
        return sum(1 for s in spanning if s.bbox[1] <= unit.bbox[1])

    def column(unit: Unit) -> int:
        """How many gutters lie left of the unit's centre."""
        centre = (unit.bbox[0] + unit.bbox[2]) / 2
        return sum(1 for start, end in gutters if (start + end) / 2 < centre)

    ordered: list[Unit] = []
    for index in range(len(spanning) + 1):
        if index:
            ordered.append(spanning[index - 1])
        in_band = (u for u in columned if band(u) == index)
        ordered.extend(sorted(in_band, key=lambda u: (column(u), u.bbox[1], u.bbox[0])))
    return ordered


def _interrupted(above: Draft, below: Draft, settings: PdfSettings) -> bool:
    """True when ``below`` continues the sentence ``above`` leaves open, in the same style and column."""
    last, first = above.lines[-1].text.rstrip(), below.lines[0].text.lstrip()
    return (
        below.marker is None
        and bool(last) and last[-1] not in _SENTENCE_END
        and first[:1].islower()
        and abs(above.lines[0].x0 - below.lines[0].x0) <= 2 * settings.line_tolerance
        and not size_differs(above.size, below.size, settings)
        and above.bold == below.bold
    )


def _between(unit: Unit, above: Draft, below: Draft) -> bool:
    """True when ``unit`` stands in the vertical space between two drafts, over their column."""
    a, b = above.bbox, below.bbox
    return (
        unit.bbox[1] >= a[3] - 1.0
        and unit.bbox[3] <= b[1] + 1.0
        and overlap(unit.bbox[0], unit.bbox[2], a[0], a[2]) > 0
    )


def heal_interruptions(units: list[Unit], settings: PdfSettings) -> list[Unit]:
    """Join paragraphs that a side box or pull quote cut in two; the interrupting unit then reads after them.

    A pull quote is a body draft set in another size between the two halves;
    it is marked ``aside`` so that it is never taken for a heading.

    :param units: the page's units, body drafts as one-draft units
    :param settings: the reader's settings
    """
    body = sorted(
        (u for u in units if not u.aside and len(u.items) == 1 and isinstance(u.items[0], Draft)),
        key=lambda u: u.bbox[1],
    )
    merged: set[int] = set()
    for i, upper in enumerate(body):
        if id(upper) in merged:
            continue
        above = upper.items[0]
        for lower in body[i + 1:]:
            below = lower.items[0]
            if id(lower) in merged or overlap(above.bbox[0], above.bbox[2], below.bbox[0], below.bbox[2]) <= 0:
                continue
            middle = [u for u in units if u is not upper and u is not lower and _between(u, above, below)]
            if middle and _interrupted(above, below, settings):
                above.lines.extend(below.lines)
                upper.bbox = above.bbox
                merged.add(id(lower))
                for unit in middle:
                    unit.aside = True
                    for item in unit.items:
                        if isinstance(item, Draft):
                            item.aside = True
            break
    return [u for u in units if id(u) not in merged]
