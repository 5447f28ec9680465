"""Read a PDF's text layer into a :class:`SourceDocument` of blocks in reading order.

The steps, page by page::

    chars   -> upright body chars, rotated chars, chars inside ruled tables
    words   -> pdfplumber words with their font size and font name
    lines   -> words sharing a baseline, cut at column gutters and wide gaps
    blocks  -> lines stacked without a paragraph gap and in one style; list markers start items
    order   -> full-width blocks split the page into bands; each band is read column by column

Then, over the whole document: the body font size decides which blocks are
headings (and their levels), and running headers, footers and page numbers are
removed by their repetition at the page edges (:mod:`extract.clean.furniture`).

Coordinates are PDF points from the page's top-left corner; a ``bbox`` is
``(x0, top, x1, bottom)``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Optional, Sequence, Union

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.pdfpage import PDFPage
from pdfplumber.page import Page as PlumberPage

from extract.clean.furniture import remove_furniture
from extract.errors import ExtractionError
from extract.readers.ocr import LANGUAGES, ocr_engine, ocr_words
from extract.records import Block, Page, Removal, SourceDocument, cells_from_rows

BBox = tuple[float, float, float, float]
Gutter = tuple[float, float]  # the x range of a whitespace gutter between columns

_BOLD_FONT = re.compile(r"bold|black|heavy|demi", re.IGNORECASE)
_BULLETS = "•▪●◦■□○‣∙·\uf0b7"
_DASHES = "-–"
_NUMBER_MARKER = r"\d{1,2}[.)]|[A-Za-z][.)]"  # "1." "2)" "A." "b)"
# A list marker starting a line: a bullet glyph, a dash or a number marker and a space.
_MARKER = re.compile(rf"^(?:([{_BULLETS}])\s*|([{_DASHES}])\s+|({_NUMBER_MARKER})\s+)(?=\S)")
# A word that is nothing but a list marker.
_MARKER_WORD = re.compile(rf"[{_DASHES}{_BULLETS}]|{_NUMBER_MARKER}")
# "1 ", "1.2 ", "3.1.4. " at the start of a heading.
_NUMBERING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S")
_MAX_SIZE_LEVEL = 3
_ROTATION_EPSILON = 1e-6
_TOUCHING = 0.1  # em: words closer than this were split by a font change, not by a space
_SCRIPT_RATIO = 0.85  # words below this share of their line's size may be raised or lowered
_MAX_PAGE_SIDE = 14400.0  # points: 200 inches, the largest page side PDF allows


@dataclass(frozen=True)
class PdfSettings:
    """Tunables of :func:`read_pdf`; lengths in points, ``em`` values in multiples of the font size.

    >>> PdfSettings.resolve({"column_gap": 18}).column_gap
    18

    :param line_tolerance: words whose bottoms differ by at most this share a line
    :param word_gap: the widest gap (em) between two chars of one word (pdfplumber's ``x_tolerance_ratio``)
    :param column_gap: the narrowest whitespace gutter between two columns
    :param gutter_share: a gutter must run beside at least this share of the text's height ...
    :param gutter_min_lines: ... and beside at least this many lines
    :param split_gap: a gap wider than this (em) cuts a line in two even without a gutter
    :param paragraph_gap: extra vertical space (em) over the usual line spacing that starts a new block
    :param size_change: a relative font-size difference that starts a new block
    :param heading_ratio: blocks this many times the body size (or larger) are headings
    :param heading_max_chars: longer blocks are never headings
    :param bold_heading_max_chars: bold body-size blocks up to this length (and 2 lines) are level-3 headings
    :param min_box_side: rectangles with both sides at least this long frame side boxes
    :param edge_band: share of the page height at the top and bottom where furniture stands
    :param furniture_min_pages: furniture must repeat on at least this many pages ...
    :param furniture_min_share: ... and on at least this share of the pages
    :param max_pages: read at most this many pages (``None``: all)
    :param ocr_resolution: dots per inch a scanned page is rendered at for OCR
    """

    line_tolerance: float = 3.0
    word_gap: float = 0.15
    column_gap: float = 12.0
    gutter_share: float = 0.3
    gutter_min_lines: int = 3
    split_gap: float = 1.5
    paragraph_gap: float = 0.35
    size_change: float = 0.08
    heading_ratio: float = 1.15
    heading_max_chars: int = 200
    bold_heading_max_chars: int = 100
    min_box_side: float = 20.0
    edge_band: float = 0.08
    furniture_min_pages: int = 3
    furniture_min_share: float = 0.25
    max_pages: Optional[int] = None
    ocr_resolution: int = 300

    def __post_init__(self) -> None:
        if self.max_pages is not None and self.max_pages < 1:
            raise ValueError(f"max_pages must be at least 1, not {self.max_pages}")
        if not 0 <= self.edge_band < 0.5:
            raise ValueError(f"edge_band must be in [0, 0.5), not {self.edge_band}")

    @classmethod
    def resolve(cls, settings: PdfSettings | Mapping[str, Any] | None = None) -> PdfSettings:
        """Settings from ``None`` (the defaults), a mapping of overrides, or an instance.

        >>> PdfSettings.resolve(None) == PdfSettings()
        True

        :param settings: what the caller passed
        :raises ValueError: for an unknown setting name
        :raises TypeError: for anything else than the three accepted kinds
        """
        if settings is None:
            return cls()
        if isinstance(settings, cls):
            return settings
        if isinstance(settings, Mapping):
            unknown = set(settings) - {f.name for f in fields(cls)}
            if unknown:
                raise ValueError(f"unknown PDF settings: {', '.join(sorted(unknown))}")
            return cls(**settings)
        raise TypeError(f"PDF settings must be None, a dict or PdfSettings, not {type(settings).__name__}")


# --------------------------------------------------------------------------- page content


@dataclass(frozen=True)
class _Word:
    """A pdfplumber word: its text, box and style."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def box(self) -> BBox:
        """The word's ``(x0, top, x1, bottom)``."""
        return self.x0, self.top, self.x1, self.bottom


@dataclass(frozen=True)
class _PageContent:
    """What pdfplumber found on one page, before any layout analysis.

    ``note`` says why the page has no text layer ("no text layer", or how its
    scanned image was dealt with); ``None`` for a page with text. ``off_page``
    counts the chars left out because they lie far outside the page.
    """

    number: int
    width: float
    height: float
    note: Optional[str]
    off_page: int
    words: list[_Word]
    rotated: list[dict[str, Any]]
    tables: list[Block]
    rects: list[BBox]


def _is_rotated(char: Mapping[str, Any]) -> bool:
    """True when a char's baseline does not run left to right (matrix ``b`` set, or ``a`` not positive).

    A pure skew (``c`` set, ``b`` zero) is a slanted upright font and stays in the body.
    """
    a, b = char["matrix"][0], char["matrix"][1]
    return abs(b) > _ROTATION_EPSILON or a <= 0


def _is_bold(fontname: str) -> bool:
    """True for a bold, black, heavy or semi-bold font name.

    >>> _is_bold("MPDFAA+DejaVuSans-Bold"), _is_bold("ArialMT")
    (True, False)
    """
    return bool(_BOLD_FONT.search(fontname or ""))


def _box_of(obj: Mapping[str, Any]) -> BBox:
    """The ``(x0, top, x1, bottom)`` of a pdfplumber object."""
    return obj["x0"], obj["top"], obj["x1"], obj["bottom"]


def _centre_in(box: BBox, area: BBox) -> bool:
    """True when the centre of ``box`` lies in ``area``.

    >>> _centre_in((10, 10, 20, 20), (0, 0, 16, 16))
    True
    """
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return area[0] <= x <= area[2] and area[1] <= y <= area[3]


def _most_common_size(chars: Iterable[Mapping[str, Any]]) -> Optional[float]:
    """The most common font size among chars, or ``None`` for none."""
    counts = Counter(round(c["size"], 2) for c in chars)
    return counts.most_common(1)[0][0] if counts else None


def _table_block(table: Any, chars: Sequence[Mapping[str, Any]], number: int) -> Block:
    """A found table as a ``table`` block: rows of cell texts, lines as rows joined by `` | ``.

    :param table: a pdfplumber ``Table``
    :param chars: the upright chars of the page
    :param number: the page number
    """
    rows = tuple(tuple(cell or "" for cell in row) for row in table.extract())
    inside = [c for c in chars if _centre_in(_box_of(c), table.bbox)]
    return Block(
        lines=tuple(" | ".join(cell.replace("\n", " ") for cell in row) for row in rows),
        page=number,
        role="table",
        bbox=table.bbox,
        font_size=_most_common_size(inside),
        bold=bool(inside) and sum(_is_bold(c["fontname"]) for c in inside) * 2 > len(inside),
        cells=cells_from_rows(rows),
    )


def _page_content(page: PlumberPage, number: int, settings: PdfSettings) -> _PageContent:
    """Parse one page with pdfplumber: body words, rotated chars, tables and rectangles.

    Rotated chars are filtered out before tables and words are found, and the
    words inside a table are left out of the body.

    :param page: the pdfplumber page
    :param number: its 1-based number
    :param settings: the reader's settings
    :raises ValueError: when the page's size is no usable size
    """
    whole = page
    page = _within_reach(page)
    upright = page.filter(lambda obj: obj["object_type"] != "char" or not _is_rotated(obj))
    tables = [t for t in upright.find_tables() if len(t.cells) > 1]
    boxes = [t.bbox for t in tables]
    body = upright.filter(
        lambda obj: obj["object_type"] != "char" or not any(_centre_in(_box_of(obj), b) for b in boxes)
    )
    raw_words = body.extract_words(
        x_tolerance_ratio=settings.word_gap,
        y_tolerance=settings.line_tolerance,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["size", "fontname"],
    )
    words = [
        _Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["size"], _is_bold(w["fontname"]))
        for w in raw_words
    ]
    note = None
    if not page.chars:
        note, words = _scanned_page(page, settings)
    return _PageContent(
        number=number,
        width=float(page.width),
        height=float(page.height),
        note=note,
        off_page=len(whole.chars) - len(page.chars),
        words=words,
        rotated=[c for c in page.chars if _is_rotated(c)],
        tables=[_table_block(t, upright.chars, number) for t in tables],
        rects=[_box_of(r) for r in page.rects],
    )


def _within_reach(page: PlumberPage) -> PlumberPage:
    """The page without objects that lie beyond one page size past its edges or have non-finite coordinates.

    Such objects are invisible, and their coordinates would make the layout
    analysis (which works in whole points across the text's width) unbounded.

    :raises ValueError: for a page that is not finite, not positive, or larger than PDF allows
    """
    width, height = float(page.width), float(page.height)
    if not (0 < width <= _MAX_PAGE_SIDE and 0 < height <= _MAX_PAGE_SIDE):
        raise ValueError(f"page size {width:g} × {height:g} pt is not a usable page size")

    def reachable(obj: Mapping[str, Any]) -> bool:
        x0, top, x1, bottom = (float(v) for v in _box_of(obj))
        size = float(obj.get("size", 1.0))
        return (
            all(math.isfinite(v) for v in (x0, top, x1, bottom, size))
            and -width <= x0 <= x1 <= 2 * width
            and -height <= top <= bottom <= 2 * height
        )

    return page.filter(reachable)


def _scanned_page(page: PlumberPage, settings: PdfSettings) -> tuple[str, list[_Word]]:
    """A page without text layer: its note and, when it holds an image and Tesseract is installed, its OCR'd words.

    :param page: the pdfplumber page (no chars)
    :param settings: the reader's settings (``ocr_resolution``)
    """
    if not page.images:
        return "no text layer", []
    engine = ocr_engine()
    if engine is None:
        return f"no text layer: scanned page not read (OCR needs tesseract with {LANGUAGES})", []
    scale = 72.0 / settings.ocr_resolution
    words = [
        _Word(w.text, w.left * scale, w.right * scale, (w.baseline - w.size) * scale, w.baseline * scale,
              w.size * scale, False)
        for w in ocr_words(page.to_image(resolution=settings.ocr_resolution).original)
    ]
    return f"no text layer: {len(words)} words read by OCR ({engine})", words


# --------------------------------------------------------------------------- rotated text


def _direction(char: Mapping[str, Any]) -> tuple[float, float]:
    """The unit vector of a char's baseline in top-down page coordinates."""
    a, b = char["matrix"][0], char["matrix"][1]
    length = (a * a + b * b) ** 0.5 or 1.0
    return a / length, -b / length


def _rotated_lines(chars: Sequence[Mapping[str, Any]]) -> list[str]:
    """Rotated chars in their own order as lines: a new line where the baseline moves sideways.

    A space is put between two chars that stand apart along the baseline
    (for PDFs without space glyphs).
    """
    lines: list[list[str]] = []
    previous: Optional[tuple[float, float, float]] = None
    for char in chars:
        dx, dy = _direction(char)
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        across, along = dx * cy - dy * cx, dx * cx + dy * cy
        extent = abs(dx) * (char["x1"] - char["x0"]) + abs(dy) * (char["bottom"] - char["top"])
        size = char["size"] or 1.0
        if previous is None or abs(across - previous[0]) > size / 2:
            lines.append([])
        elif abs(along - previous[1]) - (extent + previous[2]) / 2 > 0.2 * size:
            if lines[-1] and not lines[-1][-1].isspace() and not char["text"].isspace():
                lines[-1].append(" ")
        lines[-1].append(char["text"])
        previous = (across, along, extent)
    return [text for text in ("".join(parts).strip() for parts in lines) if text]


def _rotated_block(chars: Sequence[Mapping[str, Any]], number: int) -> Optional[Block]:
    """All rotated chars of a page as one ``rotated`` block, or ``None`` when there are none.

    :param chars: the page's rotated chars in content-stream order
    :param number: the page number
    """
    lines = _rotated_lines(chars)
    if not lines:
        return None
    return Block(
        lines=tuple(lines),
        page=number,
        role="rotated",
        bbox=(
            min(c["x0"] for c in chars),
            min(c["top"] for c in chars),
            max(c["x1"] for c in chars),
            max(c["bottom"] for c in chars),
        ),
        font_size=_most_common_size(chars),
        bold=sum(_is_bold(c["fontname"]) for c in chars) * 2 > len(chars),
    )


# --------------------------------------------------------------------------- words -> lines


@dataclass(frozen=True)
class _Line:
    """Words on one baseline within one column, left to right."""

    words: tuple[_Word, ...]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def chars(self) -> int:
        """The number of non-space characters."""
        return sum(len(w.text) for w in self.words)


def _make_line(words: Sequence[_Word]) -> _Line:
    """A line from words sorted left to right; a space only where the words stand apart.

    pdfplumber also splits words where the font changes, so two words that touch
    (``**Ta**voite``) are joined without a space.
    """
    text = words[0].text
    for left, right in zip(words, words[1:]):
        apart = right.x0 - left.x1 > _TOUCHING * min(left.size, right.size)
        text += (" " if apart else "") + right.text
    sizes: Counter[float] = Counter()
    bold_chars = 0
    for word in words:
        sizes[round(word.size, 2)] += len(word.text)
        bold_chars += len(word.text) if word.bold else 0
    total = sum(sizes.values())
    return _Line(
        words=tuple(words),
        text=text,
        x0=min(w.x0 for w in words),
        x1=max(w.x1 for w in words),
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        size=sizes.most_common(1)[0][0],
        bold=bold_chars * 2 > total,
    )


def _rows(words: Iterable[_Word], tolerance: float) -> list[list[_Word]]:
    """Words grouped by baseline (their bottoms within ``tolerance``), each row left to right.

    Superscripts and subscripts, whose bottoms stand apart, join the row they sit in.
    """
    rows: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.bottom, w.x0)):
        if rows and word.bottom - rows[-1][0].bottom <= tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in _fold_small_rows(rows, tolerance)]


def _sits_in(small: Sequence[_Word], host: Sequence[_Word], tolerance: float) -> bool:
    """True when ``small`` is set smaller than ``host`` and lies within its height (a superscript)."""
    top = min(w.top for w in host) - tolerance
    bottom = max(w.bottom for w in host) + tolerance
    return max(w.size for w in small) < _SCRIPT_RATIO * max(w.size for w in host) and all(
        top <= w.top and w.bottom <= bottom for w in small
    )


def _fold_small_rows(rows: Sequence[list[_Word]], tolerance: float) -> list[list[_Word]]:
    """Merge each row of small raised or lowered words into the row above or below it sits in.

    :param rows: rows sorted by their bottoms
    :param tolerance: the slack around the host row's height
    """
    folded: list[list[_Word]] = []
    carried: list[_Word] = []
    for i, row in enumerate(rows):
        row, carried = carried + row, []
        if folded and _sits_in(row, folded[-1], tolerance):
            folded[-1].extend(row)
        elif i + 1 < len(rows) and _sits_in(row, rows[i + 1], tolerance):
            carried = row
        else:
            folded.append(row)
    return folded


def _free_spans(
    words: Sequence[_Word], x: float, half: float, top: float, bottom: float
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
    words: Sequence[_Word], x: float, half: float, extent: tuple[float, float], need: float, min_lines: int
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
    words: Sequence[_Word], left: int, right: int, half: float, extent: tuple[float, float]
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


def _gutters(words: Sequence[_Word], settings: PdfSettings) -> list[Gutter]:
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
    for row in _rows(words, settings.line_tolerance):
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


def _split_row(row: Sequence[_Word], gutters: Sequence[Gutter], settings: PdfSettings) -> list[_Line]:
    """Cut a row into lines at gaps that reach into a gutter or that are wider than ``split_gap`` em.

    A list marker is never cut from its text by a wide gap (a bullet followed by a tab).
    """
    pieces: list[list[_Word]] = [[row[0]]]
    right = row[0].x1
    for word in row[1:]:
        gap = word.x0 - right
        after_marker = len(pieces[-1]) == 1 and _MARKER_WORD.fullmatch(pieces[-1][0].text)
        wide = not after_marker and gap > max(settings.column_gap, settings.split_gap * word.size)
        at_gutter = gap >= settings.column_gap and any(_overlap(right, word.x0, *g) > 0 for g in gutters)
        if wide or at_gutter:
            pieces.append([word])
        else:
            pieces[-1].append(word)
        right = max(right, word.x1)
    return [_make_line(piece) for piece in pieces]


def _lines(words: Sequence[_Word], gutters: Sequence[Gutter], settings: PdfSettings) -> list[_Line]:
    """The lines of a region's words, top to bottom and left to right."""
    lines = [
        line
        for row in _rows(words, settings.line_tolerance)
        for line in _split_row(row, gutters, settings)
    ]
    return sorted(lines, key=lambda line: (line.top, line.x0))


# --------------------------------------------------------------------------- lines -> blocks


@dataclass
class _Draft:
    """A block under construction: its lines and, for a list item, the marker."""

    lines: list[_Line]
    marker: Optional[str] = None
    rest: str = ""  # the first line without its marker

    @property
    def bbox(self) -> BBox:
        """The box around all lines."""
        return (
            min(line.x0 for line in self.lines),
            min(line.top for line in self.lines),
            max(line.x1 for line in self.lines),
            max(line.bottom for line in self.lines),
        )

    @property
    def size(self) -> float:
        """The font size of most characters."""
        sizes: Counter[float] = Counter()
        for line in self.lines:
            sizes[line.size] += line.chars
        return sizes.most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        """True when most characters are bold."""
        bold = sum(line.chars for line in self.lines if line.bold)
        return bold * 2 > sum(line.chars for line in self.lines)

    @property
    def text(self) -> str:
        """The lines joined with spaces."""
        return " ".join(line.text for line in self.lines)


def _split_marker(text: str) -> tuple[Optional[str], str]:
    """A list marker at the start of a line and the rest of the line.

    >>> _split_marker("2) Palvelut lähellä")
    ('2)', 'Palvelut lähellä')

    :param text: the line's text
    """
    match = _MARKER.match(text)
    if not match:
        return None, text
    marker = next(group for group in match.groups() if group)
    return marker, text[match.end():]


def _line_spacing(lines: Sequence[_Line], settings: PdfSettings) -> float:
    """The usual gap between stacked lines of one style, in em (the lower quartile).

    Lower quartile rather than median: a page of short paragraphs has as
    many paragraph gaps as line gaps.
    """
    ratios: list[float] = []
    for i, line in enumerate(lines):
        above = [
            other
            for other in lines[:i]
            if other.bottom <= line.top + settings.line_tolerance
            and _overlap(other.x0, other.x1, line.x0, line.x1) > 0
            and not _size_differs(other.size, line.size, settings)
        ]
        if above:
            nearest = max(above, key=lambda other: other.bottom)
            ratio = (line.top - nearest.bottom) / line.size
            if ratio <= 1.5:
                ratios.append(ratio)
    if not ratios:
        return 0.25
    return sorted(ratios)[len(ratios) // 4]


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """The length two intervals share (negative when they are apart).

    >>> _overlap(0, 10, 5, 20), _overlap(0, 10, 12, 20)
    (5, -2)
    """
    return min(a1, b1) - max(a0, b0)


def _size_differs(a: float, b: float, settings: PdfSettings) -> bool:
    """True when two font sizes differ by more than ``size_change``."""
    return abs(a - b) > settings.size_change * max(a, b)


def _continues(draft: _Draft, line: _Line, spacing: float, settings: PdfSettings) -> bool:
    """True when ``line`` goes on ``draft``: just below it, in its style, not out-dented from a list item.

    :param draft: the block above the line
    :param line: the line to place
    :param spacing: the region's usual line gap in em
    :param settings: the reader's settings
    """
    last = draft.lines[-1]
    gap = line.top - last.bottom
    if gap < -settings.line_tolerance:
        return False
    if gap > (spacing + settings.paragraph_gap) * min(last.size, line.size):
        return False
    if _size_differs(last.size, line.size, settings) or last.bold != line.bold:
        return False
    return draft.marker is None or line.x0 > draft.lines[0].x0 + 1.0


def _drafts(lines: Sequence[_Line], settings: PdfSettings) -> list[_Draft]:
    """Stack lines into blocks; a line with a list marker always starts a block.

    A line joins the latest block it overlaps horizontally and continues, so a
    side column's lines never join body paragraphs.

    :param lines: a region's lines, top to bottom
    :param settings: the reader's settings
    """
    spacing = _line_spacing(lines, settings)
    drafts: list[_Draft] = []
    for line in lines:
        marker, rest = _split_marker(line.text)
        above = None if marker else _block_above(drafts, line, spacing, settings)
        if above is not None:
            above.lines.append(line)
        else:
            drafts.append(_Draft([line], marker, rest))
    return drafts


def _block_above(
    drafts: Sequence[_Draft], line: _Line, spacing: float, settings: PdfSettings
) -> Optional[_Draft]:
    """The latest block whose last line overlaps ``line`` horizontally and that ``line`` continues.

    :param drafts: the blocks so far, in the order they were started
    :param line: the line to place
    :param spacing: the region's usual line gap in em
    :param settings: the reader's settings
    """
    for draft in reversed(drafts):
        last = draft.lines[-1]
        if _overlap(last.x0, last.x1, line.x0, line.x1) > 0 and _continues(draft, line, spacing, settings):
            return draft
    return None


# --------------------------------------------------------------------------- side boxes


def _side_boxes(content: _PageContent, settings: PdfSettings) -> list[BBox]:
    """Rectangles that frame text apart from the body (shaded or outlined boxes).

    Kept: rectangles with both sides at least ``min_box_side``, smaller than
    half the page, clear of tables, holding a word, and not inside another kept box.
    """
    page_area = content.width * content.height
    candidates = [
        r
        for r in content.rects
        if r[2] - r[0] >= settings.min_box_side
        and r[3] - r[1] >= settings.min_box_side
        and (r[2] - r[0]) * (r[3] - r[1]) < page_area / 2
        and not any(_boxes_meet(r, t.bbox) for t in content.tables if t.bbox)
        and any(_centre_in(w.box, r) for w in content.words)
    ]
    kept: list[BBox] = []
    for box in sorted(candidates, key=lambda r: (r[2] - r[0]) * (r[3] - r[1]), reverse=True):
        if not any(_contains(outer, box) for outer in kept):
            kept.append(box)
    return kept


def _boxes_meet(a: BBox, b: BBox) -> bool:
    """True when two boxes overlap."""
    return _overlap(a[0], a[2], b[0], b[2]) > 0 and _overlap(a[1], a[3], b[1], b[3]) > 0


def _contains(outer: BBox, inner: BBox, slack: float = 1.0) -> bool:
    """True when ``inner`` lies within ``outer`` (give or take ``slack``)."""
    return (
        outer[0] - slack <= inner[0]
        and outer[1] - slack <= inner[1]
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


# --------------------------------------------------------------------------- reading order

_Item = Union[_Draft, Block]


@dataclass
class _Unit:
    """Blocks read together (one block, a side box's blocks, a table) and the box around them."""

    items: list[_Item]
    bbox: BBox


def _spans(bbox: BBox, gutters: Sequence[Gutter]) -> bool:
    """True when a box reaches across a gutter, from its left to its right."""
    return any(bbox[0] < start and bbox[2] > end for start, end in gutters)


def _reading_order(units: Sequence[_Unit], gutters: Sequence[Gutter]) -> list[_Unit]:
    """Units in reading order.

    Full-width units (those crossing a gutter, e.g. titles) are read top-down
    and cut the page into bands; within a band the columns are read left to
    right, each top to bottom. A title above two columns thus comes first,
    then the whole left column, then the right one.

    :param units: the page's units
    :param gutters: the x ranges of its column gutters
    """
    spanning = sorted((u for u in units if _spans(u.bbox, gutters)), key=lambda u: (u.bbox[1], u.bbox[0]))
    columned = [u for u in units if not _spans(u.bbox, gutters)]

    def band(unit: _Unit) -> int:
        """How many full-width units start above the unit."""
        return sum(1 for s in spanning if s.bbox[1] <= unit.bbox[1])

    def column(unit: _Unit) -> int:
        """How many gutters lie left of the unit's centre."""
        centre = (unit.bbox[0] + unit.bbox[2]) / 2
        return sum(1 for start, end in gutters if (start + end) / 2 < centre)

    ordered: list[_Unit] = []
    for index in range(len(spanning) + 1):
        if index:
            ordered.append(spanning[index - 1])
        in_band = (u for u in columned if band(u) == index)
        ordered.extend(sorted(in_band, key=lambda u: (column(u), u.bbox[1], u.bbox[0])))
    return ordered


def _page_items(content: _PageContent, settings: PdfSettings) -> list[_Item]:
    """A page's drafts and table blocks in reading order.

    Words inside a side box are laid out on their own and read as one unit;
    the rest of the page is laid out around the column gutters of its words.

    :param content: what pdfplumber found on the page
    :param settings: the reader's settings
    """
    boxes = _side_boxes(content, settings)
    boxed: dict[int, list[_Word]] = {i: [] for i in range(len(boxes))}
    body: list[_Word] = []
    for word in content.words:
        home = next((i for i, box in enumerate(boxes) if _centre_in(word.box, box)), None)
        (body if home is None else boxed[home]).append(word)
    gutters = _gutters(body, settings)
    units = [_Unit([d], d.bbox) for d in _drafts(_lines(body, gutters, settings), settings)]
    units += [
        _Unit(list(_drafts(_lines(words, (), settings), settings)), boxes[i])
        for i, words in boxed.items()
        if words
    ]
    units += [_Unit([table], table.bbox) for table in content.tables if table.bbox]
    return [item for unit in _reading_order(units, gutters) for item in unit.items]


# --------------------------------------------------------------------------- roles and levels


@dataclass(frozen=True)
class _Styles:
    """The document's body size and the level of each heading size."""

    body: float
    levels: dict[float, int] = field(default_factory=dict)


def _size_key(size: float) -> float:
    """A font size rounded to half a point, so 13.98 and 14.0 rank as one heading size.

    >>> _size_key(13.98), _size_key(10.7)
    (14.0, 10.5)
    """
    return round(size * 2) / 2


def _is_large(draft: _Draft, body: float, settings: PdfSettings) -> bool:
    """True for a block set clearly larger than the body and short enough to be a heading."""
    return draft.size >= settings.heading_ratio * body and len(draft.text) <= settings.heading_max_chars


def _is_bold_heading(draft: _Draft, body: float, settings: PdfSettings) -> bool:
    """True for a short bold block (at most 2 lines) at about the body size."""
    return (
        draft.bold
        and len(draft.lines) <= 2
        and len(draft.text) <= settings.bold_heading_max_chars
        and not _size_differs(draft.size, body, settings)
    )


def _styles(drafts: Sequence[_Draft], settings: PdfSettings) -> _Styles:
    """The body size (most common size, weighted by characters) and the ranked heading sizes.

    >>> _styles(drafts, PdfSettings()).levels  # doctest: +SKIP
    {20.0: 1, 14.0: 2}

    :param drafts: all drafts of the document
    :param settings: the reader's settings
    """
    sizes: Counter[float] = Counter()
    for draft in drafts:
        for line in draft.lines:
            sizes[line.size] += line.chars
    if not sizes:
        return _Styles(body=0.0)
    body = sizes.most_common(1)[0][0]
    heading_sizes = sorted({_size_key(d.size) for d in drafts if _is_large(d, body, settings)}, reverse=True)
    return _Styles(body, {size: min(rank, _MAX_SIZE_LEVEL) for rank, size in enumerate(heading_sizes, 1)})


def _heading_level(draft: _Draft, styles: _Styles, settings: PdfSettings) -> Optional[int]:
    """The heading level of a draft, or ``None`` when it is not a heading.

    Larger sizes rank 1, 2, 3; a short bold block at body size is level 3; a
    heading numbered "1.2 " takes its level from the numbering's depth. A
    bulleted block is never a heading.
    """
    if draft.marker is not None and not draft.marker[0].isalnum():
        return None
    if _is_large(draft, styles.body, settings):
        level = styles.levels[_size_key(draft.size)]
    elif _is_bold_heading(draft, styles.body, settings):
        level = _MAX_SIZE_LEVEL
    else:
        return None
    numbering = _NUMBERING.match(draft.lines[0].text)
    return numbering.group(1).count(".") + 1 if numbering else level


def _block(draft: _Draft, number: int, styles: _Styles, settings: PdfSettings) -> Block:
    """The finished block of a draft: a heading, a list item or a paragraph."""
    lines = [line.text for line in draft.lines]
    level = _heading_level(draft, styles, settings)
    if level is not None:
        role, marker = "heading", None
    elif draft.marker is not None:
        role, marker, lines[0] = "list_item", draft.marker, draft.rest
    else:
        role, marker = "paragraph", None
    return Block(
        lines=tuple(lines),
        page=number,
        role=role,
        level=level,
        marker=marker,
        bbox=draft.bbox,
        font_size=draft.size,
        bold=draft.bold,
    )


# --------------------------------------------------------------------------- document


def _at_edge(block: Block, height: Optional[float], band: float) -> bool:
    """True when a block lies wholly in the top or bottom ``band`` share of the page.

    >>> _at_edge(Block(lines=("Sivu 3",), page=3, bbox=(500, 800, 520, 810)), 842.0, 0.08)
    True
    """
    if block.bbox is None or not height:
        return False
    return block.bbox[3] <= band * height or block.bbox[1] >= (1 - band) * height


def _document_pages(
    contents: Sequence[_PageContent], settings: PdfSettings
) -> tuple[list[Page], list[Removal]]:
    """Pages of finished blocks, furniture removed, from the parsed pages.

    :param contents: the parsed pages
    :param settings: the reader's settings
    """
    items = [_page_items(content, settings) for content in contents]
    styles = _styles([i for page in items for i in page if isinstance(i, _Draft)], settings)
    pages = []
    for content, page_items in zip(contents, items):
        blocks = [
            item if isinstance(item, Block) else _block(item, content.number, styles, settings)
            for item in page_items
        ]
        rotated = _rotated_block(content.rotated, content.number)
        blocks += [rotated] if rotated else []
        pages.append(Page(content.number, tuple(blocks), width=content.width, height=content.height))
    return remove_furniture(
        pages,
        lambda page, _index, block: _at_edge(block, page.height, settings.edge_band),
        min_pages=settings.furniture_min_pages,
        min_share=settings.furniture_min_share,
    )


def _one_line(exc: BaseException) -> str:
    """An exception's message on one line, prefixed by its type name."""
    message = " ".join(str(exc).split()) or "no message"
    return f"{type(exc).__name__}: {message}"


def _library_failure(exc: BaseException) -> BaseException:
    """The pdfminer exception that pdfplumber wrapped (``PdfminerException(e)``), else ``exc``."""
    inner = exc.args[0] if exc.args else None
    return inner if isinstance(inner, BaseException) else exc


@contextmanager
def _library_errors(path: Path, where: str) -> Iterator[None]:
    """Turn any exception pdfplumber or pdfminer raises into an :class:`ExtractionError`.

    Only parsing runs inside this guard (pdfplumber calls and the copying of
    their results), so the broad ``except`` hides no bug of the layout
    analysis. Encryption problems are E103, everything else E102.

    :param path: the file being read
    :param where: what was being done, for the reason ("opening", "page 3")
    """
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types on bad input
        failure = _library_failure(exc)
        if isinstance(failure, PDFEncryptionError):
            reason = f"encrypted PDF (no empty user password): {_one_line(failure)}"
            raise ExtractionError("E103", reason, str(path)) from exc
        raise ExtractionError("E102", f"unreadable PDF ({where}): {_one_line(failure)}", str(path)) from exc


def _check_file(path: Path) -> None:
    """Raise E101 for a missing file and E102 for something that is not a regular file."""
    if not path.exists():
        raise ExtractionError("E101", "file not found", str(path))
    if not path.is_file():
        raise ExtractionError("E102", "not a regular file", str(path))


def read_pdf(path: str | Path, settings: PdfSettings | Mapping[str, Any] | None = None) -> SourceDocument:
    """Read a PDF's text layer: one :class:`Page` per page, blocks in reading order.

    Headings carry a ``level``, list items their ``marker``, tables their
    ``rows``; text at an angle is one ``rotated`` block per page; running
    headers, footers and page numbers are moved to ``removals``. A page without
    any text gives the warning ``(page, "no text layer")``; a scanned page (an
    image, no text) is read by OCR when Tesseract with Finnish and Swedish is
    installed (:mod:`extract.readers.ocr`), else warned about. A page that
    cannot be parsed is skipped with the warning ``(page, "page skipped: …")``.

    Example::

        doc = read_pdf("strategia.pdf", {"max_pages": 20})
        doc.pages[0].blocks[0]  # Block(lines=("Hyvinvointialuestrategia",), role="heading", level=1, ...)

    :param path: the PDF file
    :param settings: :class:`PdfSettings`, a dict of overrides, or ``None`` for the defaults
    :raises ExtractionError: E101 when the file is missing, E102 when it is not a
        readable PDF (corrupt, truncated, not a PDF, no page readable), E103 when it
        needs a password
    """
    path = Path(path)
    settings = PdfSettings.resolve(settings)
    _check_file(path)
    with _library_errors(path, "opening"):
        pdf = pdfplumber.open(path, password="")
    try:
        with _library_errors(path, "page tree"):
            all_pages = list(PDFPage.create_pages(pdf.doc))
        chosen = all_pages[: settings.max_pages] if settings.max_pages else all_pages
        contents, failures = _read_pages(path, pdf, chosen, settings)
    finally:
        pdf.stream.close()  # not pdf.close(): it walks every page again, which may be what is broken
    if failures and not contents:
        raise next(iter(failures.values()))
    warnings: list[tuple[Optional[int], str]] = [
        (content.number, content.note) for content in contents if content.note
    ]
    warnings += [
        (content.number, f"{content.off_page} characters far outside the page left out")
        for content in contents if content.off_page
    ]
    warnings += [(number, f"page skipped: {failure.reason}") for number, failure in failures.items()]
    warnings.sort(key=lambda w: w[0] or 0)
    if len(chosen) < len(all_pages):
        warnings.append((None, f"read only the first {len(chosen)} of {len(all_pages)} pages (max_pages)"))
    pages, removals = _document_pages(contents, settings)
    return SourceDocument(
        path=str(path),
        source_kind="pdf",
        pages=tuple(pages),
        page_count=len(all_pages),
        removals=tuple(removals),
        warnings=tuple(warnings),
    )


def _read_pages(
    path: Path, pdf: pdfplumber.PDF, pages: Sequence[PDFPage], settings: PdfSettings
) -> tuple[list[_PageContent], dict[int, ExtractionError]]:
    """Parse each page; a page that cannot be parsed (even its size or rotation) is skipped, its error kept.

    Each page's cached objects are released once it is parsed, so a long
    document does not hold every page in memory.

    :param path: the file, for error messages
    :param pdf: the open document
    :param pages: pdfminer's pages to read
    :param settings: the reader's settings
    """
    contents: list[_PageContent] = []
    failures: dict[int, ExtractionError] = {}
    for number, page_obj in enumerate(pages, start=1):
        page = None
        try:
            with _library_errors(path, f"page {number}"):
                page = PlumberPage(pdf, page_obj, page_number=number)
                contents.append(_page_content(page, number, settings))
        except ExtractionError as exc:
            failures[number] = exc
        finally:
            if page is not None:
                page.close()
    return contents, failures
