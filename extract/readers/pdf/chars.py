"""The first step of the PDF reader: what an engine finds on a page, its characters and path objects.

Two engines fill the same :class:`PageObjects`, so every later step works
whichever engine ran: ``pdfium`` (:mod:`.pdfium`, pypdfium2, PDFium's C++
parser) is the default, many times faster than pdfminer; ``pdfplumber``
(:mod:`.plumber`, pdfminer) is the alternative.

Coordinates are PDF points from the page's top-left corner. Whitespace
characters are kept (a space glyph is a word boundary); PDFium's generated
characters (the spaces and line breaks it infers) are not, so both engines
leave word boundaries to :mod:`extract.readers.pdf.lines`.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Optional, Protocol

from extract.readers.pdf.geometry import BBox

_BOLD_FONT = re.compile(r"bold|black|heavy|demi|semibold", re.IGNORECASE)
_ROTATION_EPSILON = 1e-6
MAX_PAGE_SIDE = 14400.0  # points: 200 inches, the largest page side PDF allows
_THIN = 3.0  # points: a path thinner than this is a ruling line
_GRID_SEGMENTS = 8  # a stroked path of this many segments may draw a whole table grid

Colour = Optional[tuple[float, ...]]


class Char(NamedTuple):
    """One glyph: its text, box, font and how its baseline runs.

    ``direction`` is the unit vector of the baseline in top-down page
    coordinates, ``(1, 0)`` for upright text; ``upright`` is False for text
    set at an angle (a pure skew, i.e. a slanted font, stays upright).
    ``unmapped`` is True for a glyph without a Unicode mapping (pdfminer's
    ``(cid:N)``), whose ``text`` is then empty.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str
    bold: bool
    colour: Colour
    direction: tuple[float, float] = (1.0, 0.0)
    unmapped: bool = False

    # A named tuple, not a dataclass: a page makes thousands of these, and a tuple is made fastest.

    @property
    def upright(self) -> bool:
        """True when the baseline runs left to right."""
        return runs_upright(self.direction)

    @property
    def box(self) -> BBox:
        """The char's ``(x0, top, x1, bottom)``."""
        return self.x0, self.top, self.x1, self.bottom


def runs_upright(direction: tuple[float, float]) -> bool:
    """True for a baseline direction (a unit vector, top-down coordinates) that runs left to right."""
    dx, dy = direction
    return abs(dy) <= _ROTATION_EPSILON and dx > 0


@dataclass(frozen=True)
class PathShape:
    """A path object's box, whether it is stroked and filled, its fill colour and segment count."""

    bbox: BBox
    stroked: bool
    filled: bool
    fill: Colour = None
    segments: int = 4


@dataclass
class PageObjects:
    """What an engine found on one page, before any layout analysis.

    ``off_page`` counts the chars left out because they lie far outside the
    page or have non-finite coordinates.
    """

    number: int
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    paths: list[PathShape] = field(default_factory=list)
    images: int = 0
    off_page: int = 0
    hidden_text: bool = False  # the engine left out text objects (PDFium drops text it takes for duplicates)

    @property
    def unmapped(self) -> int:
        """How many glyphs have no Unicode mapping."""
        return sum(1 for c in self.chars if c.unmapped)

    def could_hold_ruled_table(self) -> bool:
        """The cheap test before any table finding: do the path objects draw at least a 2 × 2 grid?

        Thin paths count as ruling lines, a stroked rectangle as two
        horizontal and two vertical ones, a stroked path of many segments
        as a grid of its own; two filled rectangles (shaded cells or rows)
        also qualify.
        """
        horizontal = vertical = filled = 0
        for path in self.paths:
            width, height = path.bbox[2] - path.bbox[0], path.bbox[3] - path.bbox[1]
            if width <= _THIN < height:
                vertical += 1
            elif height <= _THIN < width:
                horizontal += 1
            elif path.stroked and path.segments >= _GRID_SEGMENTS:
                return True
            elif path.stroked:
                horizontal, vertical = horizontal + 2, vertical + 2
            elif path.filled:
                filled += 1
        return (horizontal >= 2 and vertical >= 2) or filled >= 2


class Engine(Protocol):
    """An open PDF that yields :class:`PageObjects` page by page."""

    page_count: int

    def page(self, index: int) -> PageObjects:
        """The objects of the 0-based page ``index``."""

    def render(self, index: int, resolution: int) -> Any:
        """The page as a PIL image at ``resolution`` dots per inch."""

    def close(self) -> None:
        """Release the file."""


@functools.lru_cache(maxsize=256)
def is_bold(fontname: str) -> bool:
    """True for a bold, black, heavy or semi-bold font name.

    >>> is_bold("MPDFAA+DejaVuSans-Bold"), is_bold("ArialMT")
    (True, False)
    """
    return bool(_BOLD_FONT.search(fontname or ""))


def reachable(box: BBox, size: float, width: float, height: float) -> bool:
    """False for a char beyond one page size past the edges or with non-finite coordinates.

    Such chars are invisible, and their coordinates would make the layout
    analysis (which works in whole points across the text's width) unbounded.
    NaN fails every comparison and infinity the bounds, so no separate test is needed.
    """
    x0, top, x1, bottom = box
    return (
        -width <= x0 <= x1 <= 2 * width
        and -height <= top <= bottom <= 2 * height
        and 0 <= size < MAX_PAGE_SIDE
    )


def check_page_size(width: float, height: float) -> None:
    """Raise ValueError for a page that is not finite, not positive, or larger than PDF allows."""
    if not (0 < width <= MAX_PAGE_SIDE and 0 < height <= MAX_PAGE_SIDE):
        raise ValueError(f"page size {width:g} × {height:g} pt is not a usable page size")


def baseline_direction(a: float, b: float) -> tuple[float, float]:
    """The baseline direction of a text matrix ``[a b c d]`` in top-down coordinates."""
    length = math.hypot(a, b) or 1.0
    return a / length, -b / length
