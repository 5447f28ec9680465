"""The chain put together: one page's objects to items in reading order, then the document's pages.

Per page: chars (:mod:`.chars`) → ruled tables on candidate pages
(:mod:`.tables`) → borderless tables (:mod:`.borderless`) → words and lines (:mod:`.lines`) → blocks (:mod:`.blocks`)
→ column gutters (:mod:`.gutters`) → reading order (:mod:`.order`). Per document: the body size decides the
headings, repeated header rows are marked, and running headers, footers
and page numbers are removed by their repetition at the page edges
(:mod:`extract.clean.furniture`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Callable, Optional, Sequence

from extract.clean.continuations import mark_continuations
from extract.clean.furniture import remove_furniture
from extract.readers.ocr import LANGUAGES, ocr_engine, ocr_words
from extract.readers.pdf.breaks import join_column_breaks, join_page_breaks
from extract.readers.pdf.borderless import TableColumns, borderless_tables, outside
from extract.readers.pdf.blocks import Draft, LineSpacing, drafts, finish, styles
from extract.readers.pdf.chars import Char, PageObjects, is_bold, runs_upright
from extract.readers.pdf.geometry import BBox, centre_in, union
from extract.readers.pdf.lines import Word, lines, rotated_lines, rows, words
from extract.readers.pdf.gutters import rule_gutters, whitespace_gutters
from extract.readers.pdf.order import Item, Unit, heal_interruptions, reading_order, side_boxes
from extract.readers.pdf.settings import PdfSettings
from extract.readers.pdf.tables import mark_repeated_headers
from extract.records import Block, Page, Removal

Renderer = Callable[[int, int], Any]  # (0-based page index, dpi) -> PIL image
TableFinder = Callable[[PageObjects, Sequence[Char], PdfSettings], list[Block]]  # a page's ruled tables
_DIRECTION = itemgetter(Char._fields.index("direction"))
_SAME_LINE = 2.0  # points: blocks whose tops (or bottoms) differ by at most this stand on one line


@dataclass
class PageItems:
    """One page laid out: its items in reading order, its rotated chars, and what to warn about."""

    number: int
    width: float
    height: float
    items: list[Item] = field(default_factory=list)
    rotated: list[Char] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _ocr_page(render: Renderer, index: int, settings: PdfSettings) -> Optional[list[Word]]:
    """The words Tesseract reads on a page rendered at ``ocr_resolution``, or ``None`` without Tesseract."""
    if ocr_engine() is None:
        return None
    scale = 72.0 / settings.ocr_resolution
    return [
        Word(w.text, w.left * scale, w.right * scale, (w.baseline - w.size) * scale, w.baseline * scale,
             w.size * scale, False)
        for w in ocr_words(render(index, settings.ocr_resolution))
    ]


def _text_words(objects: PageObjects, upright: list[Char], render: Renderer, settings: PdfSettings,
                notes: list[str]) -> list[Word]:
    """The page's body words: from its chars, or by OCR when it has no text layer or unmapped glyphs."""
    if not objects.chars:
        if not objects.images:
            notes.append("no text layer")
            return []
        read = _ocr_page(render, objects.number - 1, settings)
        if read is None:
            notes.append(f"no text layer: scanned page not read (OCR needs tesseract with {LANGUAGES})")
            return []
        notes.append(f"no text layer: {len(read)} words read by OCR ({ocr_engine()})")
        return read
    if objects.unmapped:
        message = f"{objects.unmapped} glyphs without a Unicode mapping (cid)"
        read = _ocr_page(render, objects.number - 1, settings)
        if read is not None:
            notes.append(f"{message}: page read by OCR ({ocr_engine()})")
            return read
        notes.append(f"{message}: their text is missing (OCR needs tesseract with {LANGUAGES})")
    return words(upright, settings)


def _outside(chars: Sequence[Char], boxes: Sequence[BBox]) -> list[Char]:
    """The chars whose centre lies in none of ``boxes`` (as :func:`centre_in`, computed once per char)."""
    out = []
    for char in chars:
        x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        for x0, top, x1, bottom in boxes:  # a loop, not any(): it runs once per char of a table page
            if x0 <= x <= x1 and top <= y <= bottom:
                break
        else:
            out.append(char)
    return out


def lay_out_page(objects: PageObjects, find_tables: TableFinder, render: Renderer,
                 settings: PdfSettings, spacing: Optional[LineSpacing] = None,
                 columns: Optional[TableColumns] = None) -> PageItems:
    """One page's drafts and table blocks in reading order.

    :param objects: what the engine found on the page
    :param find_tables: the page's ruled tables (pdfplumber's finder, on candidate pages only)
    :param render: renders the page for OCR
    :param settings: the reader's settings
    :param spacing: the document's line spacing learned on the pages before (see :class:`LineSpacing`)
    :param columns: the columns of the borderless tables on the pages before (see :class:`TableColumns`)
    """
    spacing = spacing or LineSpacing()
    out = PageItems(objects.number, objects.width, objects.height)
    # By baseline direction: a page has a few, most pages only the upright one, and then no char needs sorting.
    straight = {direction: runs_upright(direction) for direction in set(map(_DIRECTION, objects.chars))}
    if all(straight.values()):
        upright = list(objects.chars)
    else:
        upright: list[Char] = []
        for char in objects.chars:
            (upright if straight[char.direction] else out.rotated).append(char)
    tables = find_tables(objects, upright, settings)
    boxes = [t.bbox for t in tables if t.bbox]
    body_chars = _outside(upright, boxes) if boxes else upright
    found = _text_words(objects, body_chars, render, settings, out.notes)
    found_rows = rows(found, settings.line_tolerance)
    borderless = borderless_tables(found_rows, objects, settings, columns)
    if borderless:
        found = outside(found, borderless)
        tables += borderless
        boxes += [t.bbox for t in borderless if t.bbox]
    frames = side_boxes(objects.paths, found, boxes, (0.0, 0.0, objects.width, objects.height), settings)
    boxed: dict[int, list[Word]] = {i: [] for i in range(len(frames))}
    body: list[Word] = []
    for word in found:
        home = next((i for i, frame in enumerate(frames) if centre_in(word.box, frame)), None)
        (body if home is None else boxed[home]).append(word)
    # the page's rows are the body's unless a table or a side box took words from it
    body_rows = found_rows if len(body) == sum(map(len, found_rows)) else rows(body, settings.line_tolerance)
    gutters = sorted(whitespace_gutters(body, body_rows, settings) + rule_gutters(body, objects.paths, settings))
    units = [Unit([d], d.bbox) for d in drafts(lines(body_rows, gutters, settings), settings, spacing)]
    units += [
        Unit(list(drafts(lines(rows(ws, settings.line_tolerance), (), settings), settings, spacing)), frames[i],
             aside=True)
        for i, ws in boxed.items() if ws
    ]
    units += [Unit([table], table.bbox) for table in tables if table.bbox]
    units = heal_interruptions(units, settings)
    out.items = [item for unit in reading_order(units, gutters) for item in unit.items]
    return out


def _rotated_block(chars: Sequence[Char], number: int) -> Optional[Block]:
    """All rotated chars of a page as one ``rotated`` block, or ``None`` when there are none."""
    found = rotated_lines(chars)
    if not found:
        return None
    sizes = sorted(round(c.size, 2) for c in chars)
    return Block(
        lines=tuple(found),
        page=number,
        role="rotated",
        bbox=union([c.box for c in chars]),
        font_size=max(set(sizes), key=sizes.count),
        bold=sum(1 for c in chars if is_bold(c.font)) * 2 > len(chars),
    )


def _at_edge(block: Block, height: Optional[float], band: float) -> bool:
    """True when a block lies wholly in the top or bottom ``band`` share of the page.

    >>> _at_edge(Block(lines=("Sivu 3",), page=3, bbox=(500, 800, 520, 810)), 842.0, 0.08)
    True
    """
    if block.bbox is None or not height:
        return False
    return block.bbox[3] <= band * height or block.bbox[1] >= (1 - band) * height


def _text_extent(page: Page) -> Optional[tuple[float, float]]:
    """The top of a page's topmost block and the bottom of its bottommost (rotated text apart), if it has any."""
    boxed = [b.bbox for b in page.blocks if b.bbox is not None and b.role != "rotated"]
    return (min(b[1] for b in boxed), max(b[3] for b in boxed)) if boxed else None


def _outermost(block: Block, extent: Optional[tuple[float, float]]) -> bool:
    """True for a one-line block on the topmost or bottommost line of its page's text ``extent``
    (:func:`_text_extent`): where its running title and page number stand whatever the margins
    (repetition over the pages decides, :func:`remove_furniture`)."""
    if block.bbox is None or extent is None or len(block.lines) != 1:
        return False
    return block.bbox[1] <= extent[0] + _SAME_LINE or block.bbox[3] >= extent[1] - _SAME_LINE


def document_pages(laid_out: Sequence[PageItems], settings: PdfSettings) -> tuple[list[Page], list[Removal]]:
    """Pages of finished blocks, header rows marked and furniture removed.

    :param laid_out: the pages in order
    :param settings: the reader's settings
    """
    found = styles([i for page in laid_out for i in page.items if isinstance(i, Draft)], settings)
    pages = []
    for page in laid_out:
        blocks = [i if isinstance(i, Block) else finish(i, page.number, found, settings) for i in page.items]
        rotated = _rotated_block(page.rotated, page.number)
        blocks += [rotated] if rotated else []
        pages.append(Page(page.number, tuple(blocks), width=page.width, height=page.height))
    pages = mark_repeated_headers(pages)
    extents = {page.number: _text_extent(page) for page in pages}  # asked of every block, twice
    pages, removals = remove_furniture(
        pages,
        lambda page, _index, block: (_at_edge(block, page.height, settings.edge_band)
                                     or _outermost(block, extents[page.number])),
        min_pages=settings.furniture_min_pages,
        min_share=settings.furniture_min_share,
    )
    pages, repeated = mark_continuations(pages)
    pages = [join_column_breaks(page, settings) for page in pages]
    return join_page_breaks(pages, settings), removals + repeated
