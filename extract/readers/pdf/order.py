"""Reading order of a page: columns, side boxes, interruptions.

Given the column gutters (:mod:`.gutters`), full-width units (those crossing a gutter, e.g. titles) cut
the page into bands, and within a band the columns are read left to
right, each top to bottom. Words inside a framed or shaded box are read
as one unit of their own. A box or pull quote that interrupts a
paragraph (the text above it does not end a sentence, the text below it
goes on in lower case) is read after the whole paragraph, never spliced
into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, Union

from extract.readers.pdf.blocks import Draft, size_differs
from extract.readers.pdf.chars import PathShape
from extract.readers.pdf.geometry import BBox, centre_in, contains, boxes_meet, overlap
from extract.readers.pdf.lines import Gutter, Word
from extract.readers.pdf.settings import PdfSettings
from extract.records import Block

_SENTENCE_END = ".!?:;"

Item = Union[Draft, Block]


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


def _between(box: BBox, a: BBox, b: BBox) -> bool:
    """True when ``box`` stands in the vertical space between two drafts' boxes ``a`` and ``b``, over their column."""
    return box[1] >= a[3] - 1.0 and box[3] <= b[1] + 1.0 and overlap(box[0], box[2], a[0], a[2]) > 0


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
        a = above.bbox  # a Draft's box is computed from its lines on every call
        for lower in body[i + 1:]:
            below = lower.items[0]
            if id(lower) in merged:
                continue
            b = below.bbox
            if overlap(a[0], a[2], b[0], b[2]) <= 0:
                continue
            middle = [u for u in units if u is not upper and u is not lower and _between(u.bbox, a, b)]
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
