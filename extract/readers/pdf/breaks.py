"""Paragraphs broken at a page or column break, joined again.

A paragraph, list item or heading too long for the rest of its column goes
on atop the next column, or atop the next page. Left apart, its two halves are an
unfinished statement and a sentence fragment. The halves are found by their
text (the first ends in no sentence end, the second goes on in lower case,
in the same size) and by their places: the end of the page and the top of
the next one, or the foot of one column and the head of a column to its
right. Furniture is removed first, so a running header does not stand
between.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence

from extract.readers.pdf.blocks import size_differs
from extract.readers.pdf.geometry import overlap
from extract.readers.pdf.settings import PdfSettings
from extract.records import Block, Page

_SENTENCE_END = ".!?:;"
_TEXT_ROLES = ("paragraph", "list_item")
_APART = ("rotated", "furniture")


def _body(blocks: Sequence[Block]) -> list[int]:
    """The indexes of the blocks in the text flow (rotated sidebars and running titles apart)."""
    return [i for i, b in enumerate(blocks) if b.role not in _APART]


def _goes_on(last: Block, first: Block, settings: PdfSettings) -> bool:
    """True when ``first`` reads as the rest of ``last``: ``last`` is text that ends in no sentence end
    (or in a hyphen), ``first`` a paragraph of its size going on in lower case; or both are headings
    of one level and style (a heading broken over the break)."""
    end = last.lines[-1].rstrip() if last.lines else ""
    text = last.role in _TEXT_ROLES and first.role == "paragraph" and first.marker is None
    heading = last.role == first.role == "heading" and last.level == first.level and last.bold == first.bold
    return (
        (text or heading)
        and bool(end) and end[-1] not in _SENTENCE_END and _opens_lower(first)
        and not (last.font_size and first.font_size and size_differs(last.font_size, first.font_size, settings))
    )


def join_page_breaks(pages: Sequence[Page], settings: PdfSettings) -> list[Page]:
    """Pages with each paragraph or list item broken at a page break joined again, on the page it starts on."""
    out = [list(page.blocks) for page in pages]
    for p in range(len(pages) - 1):
        before, after = _body(out[p]), _body(out[p + 1])
        if not before or not after:
            continue
        last, first = out[p][before[-1]], out[p + 1][after[0]]
        if _goes_on(last, first, settings):
            out[p][before[-1]] = replace(last, lines=last.lines + first.lines)
            del out[p + 1][after[0]]
    return [replace(page, blocks=tuple(blocks)) for page, blocks in zip(pages, out)]


def _opens_lower(block: Block) -> bool:
    """True when the block's text starts in lower case."""
    return bool(block.lines) and block.lines[0].lstrip()[:1].islower()


def _column_break(last: Block, first: Block, others: Sequence[Block], settings: PdfSettings) -> bool:
    """True when ``first`` heads a column right of the one ``last`` ends.

    ``first`` starts higher than ``last`` and lies right of it; no block of
    ``others`` stands below ``last`` in its column or above ``first`` in
    its column (a block reaching over both columns, such as a title, does not count).
    """
    if last.bbox is None or first.bbox is None:
        return False
    slack = 2 * settings.line_tolerance
    (lx0, ltop, lx1, lbottom), (fx0, ftop, fx1, _fbottom) = last.bbox, first.bbox
    if fx0 < lx1 - slack or ftop >= ltop:
        return False
    for other in others:
        x0, top, x1, bottom = other.bbox
        below_last = top >= lbottom - slack and overlap(x0, x1, lx0, lx1) > 0 and x1 <= fx0 + slack
        above_first = bottom <= ftop + slack and overlap(x0, x1, fx0, fx1) > 0 and x0 >= lx1 - slack
        if below_last or above_first:
            return False
    return True


def _open_before(blocks: Sequence[Block], first: int, settings: PdfSettings) -> Optional[int]:
    """The index of the block that the block ``first`` continues across a column break, if any."""
    fragment = blocks[first]
    if fragment.bbox is None or fragment.role not in ("paragraph", "heading") or not _opens_lower(fragment):
        return None  # only a lower-case opening can go on from another column: skip the pairwise scan
    others = [b for b in blocks if b.bbox is not None and b.role not in _APART]
    for i, last in enumerate(blocks):
        if i == first or last.role in _APART or not _goes_on(last, fragment, settings):
            continue
        rest = [b for b in others if b is not last and b is not fragment]
        if _column_break(last, fragment, rest, settings):
            return i
    return None


def join_column_breaks(page: Page, settings: PdfSettings) -> Page:
    """The page with each paragraph or list item broken at a column break joined again, where it starts.

    Found by place, not by reading order: a column of one short line has no
    gutter to order it by, and its fragment may come first.
    """
    blocks = list(page.blocks)
    index = 0
    while index < len(blocks):
        last = _open_before(blocks, index, settings)
        if last is None:
            index += 1
            continue
        blocks[last] = replace(blocks[last], lines=blocks[last].lines + blocks[index].lines)
        del blocks[index]
    return replace(page, blocks=tuple(blocks))
