"""The first step of the PDF reader: a page's characters and path objects, from one of two engines.

``pdfium`` (pypdfium2, PDFium's C++ parser) is the default: it gives every
character with its box, font, size and colour many times faster than
pdfminer. ``pdfplumber`` (pdfminer) is the alternative engine. Both give the
same :class:`PageObjects`, so every later step works whichever engine ran.

Coordinates are PDF points from the page's top-left corner. Whitespace
characters are kept (a space glyph is a word boundary); PDFium's generated
characters (the spaces and line breaks it infers) are not, so both engines
leave word boundaries to :mod:`extract.readers.pdf.lines`.
"""

from __future__ import annotations

import ctypes
import functools
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, NamedTuple, Optional, Protocol

from extract.readers.pdf.geometry import BBox

_BOLD_FONT = re.compile(r"bold|black|heavy|demi|semibold", re.IGNORECASE)
_CID = re.compile(r"^\(cid:\d+\)$")
_ROTATION_EPSILON = 1e-6
_MAX_PAGE_SIDE = 14400.0  # points: 200 inches, the largest page side PDF allows
_THIN = 3.0  # points: a path thinner than this is a ruling line
_GRID_SEGMENTS = 8  # a stroked path of this many segments may draw a whole table grid
# PDFium reports a hyphen it judges to end a line inside a word as U+0002 (U+FFFE in its text).
_PDFIUM_LINE_HYPHENS = ("\x02", "\ufffe")

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


def _reachable(box: BBox, size: float, width: float, height: float) -> bool:
    """False for a char beyond one page size past the edges or with non-finite coordinates.

    Such chars are invisible, and their coordinates would make the layout
    analysis (which works in whole points across the text's width) unbounded.
    NaN fails every comparison and infinity the bounds, so no separate test is needed.
    """
    x0, top, x1, bottom = box
    return (
        -width <= x0 <= x1 <= 2 * width
        and -height <= top <= bottom <= 2 * height
        and 0 <= size < _MAX_PAGE_SIDE
    )


def check_page_size(width: float, height: float) -> None:
    """Raise ValueError for a page that is not finite, not positive, or larger than PDF allows."""
    if not (0 < width <= _MAX_PAGE_SIDE and 0 < height <= _MAX_PAGE_SIDE):
        raise ValueError(f"page size {width:g} × {height:g} pt is not a usable page size")


def _unit(a: float, b: float) -> tuple[float, float]:
    """The baseline direction of a text matrix ``[a b c d]`` in top-down coordinates."""
    length = math.hypot(a, b) or 1.0
    return a / length, -b / length


# --------------------------------------------------------------------------- pdfium


@functools.lru_cache(maxsize=1)
def _fast_text_calls(raw: Any) -> tuple[Callable[[int, int], Optional[int]], Callable[[int, int, int], int]]:
    """``FPDFText_GetTextObject`` and ``FPDFText_GetLooseCharBox`` on plain addresses.

    The same C functions as pypdfium2's bindings, declared with ``void *``
    arguments and result: called once per glyph, they then return the text
    object's address as an int (the key of its style) without building a
    typed pointer, and take the text page and the rectangle without conversion.
    They keep the GIL (``PYFUNCTYPE``): each returns within a microsecond, and
    letting go of the lock and taking it again would cost a good part of that.
    """
    address = ctypes.c_void_p
    text_object = ctypes.PYFUNCTYPE(address, address, ctypes.c_int)(
        ctypes.cast(raw.FPDFText_GetTextObject, address).value
    )
    loose_box = ctypes.PYFUNCTYPE(ctypes.c_int, address, ctypes.c_int, address)(
        ctypes.cast(raw.FPDFText_GetLooseCharBox, address).value
    )
    return text_object, loose_box


class PdfiumEngine:
    """Characters and paths from PDFium (pypdfium2).

    :param path: the PDF file
    :raises pypdfium2.PdfiumError: when PDFium cannot open the file
    """

    def __init__(self, path: Path) -> None:
        import pypdfium2

        self._pdfium = pypdfium2
        self._document = pypdfium2.PdfDocument(str(path))
        self.page_count = len(self._document)

    def close(self) -> None:
        """Release the file."""
        self._document.close()

    def render(self, index: int, resolution: int) -> Any:
        """The page as a PIL image at ``resolution`` dots per inch."""
        page = self._document[index]
        try:
            return page.render(scale=resolution / 72.0).to_pil()
        finally:
            page.close()

    def page(self, index: int) -> PageObjects:
        """The page's characters (generated ones left out), path shapes and image count."""
        page = self._document[index]
        try:
            width, height = (float(v) for v in page.get_size())
            check_page_size(width, height)
            objects = PageObjects(index + 1, width, height)
            text_objects = self._objects(page.raw, height, objects, 0)
            textpage = page.get_textpage()
            try:
                read = self._chars(textpage.raw, width, height, objects)
            finally:
                textpage.close()
            # PDFium's text page drops a text object drawn over an identical one (fake bold); when
            # more than that went missing (text set over other text), another engine should read the page.
            objects.hidden_text = read * 2 < text_objects
            return objects
        finally:
            page.close()

    def edges(self, index: int, height: float) -> Optional[list[dict[str, Any]]]:
        """The page's ruling edges as pdfplumber's table finder takes them (see :mod:`.edges`), or ``None``.

        :param index: the 0-based page, whose media box starts at the origin and which is not rotated
        :param height: its height as pdfplumber reads it
        """
        from extract.readers.pdf.edges import page_edges

        page = self._document[index]
        try:
            return page_edges(self._pdfium.raw, page.raw, height)
        finally:
            page.close()

    def _objects(self, parent: Any, height: float, out: PageObjects, depth: int) -> int:
        """Collect path shapes and count images, descending into form XObjects; returns the number of text objects."""
        raw = self._pdfium.raw
        if depth:
            count, get = raw.FPDFFormObj_CountObjects(parent), raw.FPDFFormObj_GetObject
        else:
            count, get = raw.FPDFPage_CountObjects(parent), raw.FPDFPage_GetObject
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        texts = 0
        for i in range(count):
            obj = get(parent, i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                texts += 1
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                out.images += 1
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
                texts += self._objects(obj, height, out, depth + 1)
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                    continue
                mode, stroke = ctypes.c_int(), ctypes.c_int()
                raw.FPDFPath_GetDrawMode(obj, mode, stroke)
                filled = mode.value != raw.FPDF_FILLMODE_NONE
                fill: Colour = None
                if filled:
                    r, g, b, a = (ctypes.c_uint() for _ in range(4))
                    if raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
                        fill = (r.value / 255, g.value / 255, b.value / 255)
                box = (left.value, height - top.value, right.value, height - bottom.value)
                out.paths.append(PathShape(box, bool(stroke.value), filled, fill, raw.FPDFPath_CountSegments(obj)))
        return texts

    def _chars(self, textpage: Any, width: float, height: float, out: PageObjects) -> int:
        """Every non-generated char of the text page, with its object's font, size and colour.

        Returns the number of text objects the chars come from. Per char only
        its object and box are asked for: size, direction and style are the
        object's, asked once; only whitespace can be generated, and only a
        control character can be an unmapped glyph.
        """
        raw = self._pdfium.raw
        count = raw.FPDFText_CountChars(textpage)
        if count <= 0:
            return 0
        buffer = ctypes.create_string_buffer((count + 1) * 2)
        raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
        text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
        styles: dict[int, tuple[str, bool, Colour, float, tuple[float, float]]] = {}
        rect, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
        # FS_RECTF is four floats (left, top, right, bottom); unpacked through a memoryview, faster than its fields
        box = memoryview(rect).cast("B").cast("f")
        text_object, loose_box = _fast_text_calls(raw)
        handle, rect_at = ctypes.cast(textpage, ctypes.c_void_p).value, ctypes.addressof(rect)
        is_generated, has_map_error = raw.FPDFText_IsGenerated, raw.FPDFText_HasUnicodeMapError
        low, high, right_edge, bottom_edge = -width, -height, 2 * width, 2 * height
        new_char = functools.partial(tuple.__new__, Char)  # Char(...) without its Python-level __new__: once per glyph
        chars = out.chars
        for i in range(min(count, len(text))):
            char = text[i]
            if char.isspace() and is_generated(textpage, i) == 1:
                continue
            key = text_object(handle, i) or 0
            style = styles.get(key)
            if style is None:
                raw.FPDFText_GetMatrix(textpage, i, matrix)
                size = raw.FPDFText_GetFontSize(textpage, i) * math.hypot(matrix.c, matrix.d)
                obj = ctypes.cast(key, raw.FPDF_PAGEOBJECT) if key else None
                style = styles[key] = (*self._style(obj), size, _unit(matrix.a, matrix.b))
            loose_box(handle, i, rect_at)
            x0, top, x1, bottom = box
            top, bottom = height - top, height - bottom
            # As _reachable, inline: this loop runs once per glyph.
            if not (low <= x0 <= x1 <= right_edge and high <= top <= bottom <= bottom_edge
                    and 0 <= style[3] < _MAX_PAGE_SIDE):
                out.off_page += 1
                continue
            unmapped = False
            if char < " " or char in _PDFIUM_LINE_HYPHENS:
                unmapped = has_map_error(textpage, i) == 1
                char = "" if unmapped else "-" if char in _PDFIUM_LINE_HYPHENS else char
            chars.append(new_char((char, x0, top, x1, bottom, style[3], style[0], style[1], style[2], style[4], unmapped)))
        return len(styles)

    def _style(self, obj: Any) -> tuple[str, bool, Colour]:
        """The font name, boldness and fill colour of a text object."""
        raw = self._pdfium.raw
        name = ""
        font = raw.FPDFTextObj_GetFont(obj) if obj else None
        if font:
            buffer = ctypes.create_string_buffer(256)
            if raw.FPDFFont_GetBaseFontName(font, buffer, 256):
                name = buffer.value.decode("latin-1")
        colour: Colour = None
        if obj:
            r, g, b, a = (ctypes.c_uint() for _ in range(4))
            if raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
                colour = (r.value / 255, g.value / 255, b.value / 255)
        return name, is_bold(name), colour


# --------------------------------------------------------------------------- pdfplumber


class PlumberEngine:
    """Characters and paths from pdfplumber (pdfminer); also lends its pages to the table finder.

    :param path: the PDF file
    :raises Exception: whatever pdfminer raises on a file it cannot open
    """

    def __init__(self, path: Path) -> None:
        import pdfplumber
        from pdfminer.pdfpage import PDFPage

        self._pdf = pdfplumber.open(path, password="")
        self._pages = list(PDFPage.create_pages(self._pdf.doc))
        self.page_count = len(self._pages)

    def close(self) -> None:
        """Release the file (not ``pdf.close()``: it walks every page again, which may be what is broken)."""
        self._pdf.stream.close()

    @contextmanager
    def plumber_page(self, index: int, text: bool = True) -> Iterator[Any]:
        """A pdfplumber page, its cached objects released after use.

        :param index: the 0-based page
        :param text: False for a page laid out without its text (see :func:`_graphics_page`):
            its lines, rects and curves are the same, got several times faster
        """
        from pdfplumber.page import Page as PlumberPage

        kind = PlumberPage if text else _graphics_page()
        page = kind(self._pdf, self._pages[index], page_number=index + 1)
        try:
            yield page
        finally:
            page.close()

    def render(self, index: int, resolution: int) -> Any:
        """The page as a PIL image at ``resolution`` dots per inch."""
        with self.plumber_page(index) as page:
            return page.to_image(resolution=resolution).original

    def page(self, index: int) -> PageObjects:
        """The page's characters, path shapes (lines, rectangles, curves) and image count."""
        with self.plumber_page(index) as page:
            width, height = float(page.width), float(page.height)
            check_page_size(width, height)
            objects = PageObjects(index + 1, width, height, images=len(page.images))
            for obj in page.chars:
                box = (obj["x0"], obj["top"], obj["x1"], obj["bottom"])
                if not _reachable(tuple(float(v) for v in box), float(obj.get("size", 1.0)), width, height):
                    objects.off_page += 1
                    continue
                objects.chars.append(_plumber_char(obj))
            for kind in ("line", "rect", "curve"):
                for obj in page.objects.get(kind, ()):
                    objects.paths.append(_plumber_path(obj, kind))
            return objects


@functools.lru_cache(maxsize=1)
def _graphics_page() -> type:
    """A pdfplumber ``Page`` whose layout leaves out the text: only its graphics (lines, rects, curves, images).

    pdfplumber's table finder with the lines strategy reads nothing but the
    page's edges, and most of a page's parsing time goes into its glyphs; a
    device that draws no strings gives the finder the same edges without them.
    """
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import Page as PlumberPage
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent, PdfminerException

    class _NoText(PDFPageAggregatorWithMarkedContent):
        def render_string(self, *args: Any, **kwargs: Any) -> None:
            """Draw no text."""

    class GraphicsPage(PlumberPage):
        @property
        def layout(self) -> Any:
            if not hasattr(self, "_layout"):
                device = _NoText(self.pdf.rsrcmgr, pageno=self.page_number, laparams=self.pdf.laparams)
                try:
                    PDFPageInterpreter(self.pdf.rsrcmgr, device).process_page(self.page_obj)
                except Exception as e:  # as pdfplumber's own layout does
                    raise PdfminerException(e)
                self._layout = device.get_result()
            return self._layout

    return GraphicsPage


def _plumber_char(obj: Mapping[str, Any]) -> Char:
    """A pdfplumber char dict as a :class:`Char`."""
    a, b = obj["matrix"][0], obj["matrix"][1]
    unmapped = bool(_CID.match(obj["text"]))
    colour = obj.get("non_stroking_color")
    colour = tuple(float(v) for v in colour) if isinstance(colour, (tuple, list)) else None
    return Char(
        "" if unmapped else obj["text"],
        float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]),
        float(obj["size"]) if obj["upright"] else math.hypot(*obj["matrix"][2:4]) or float(obj["size"]),
        obj["fontname"], is_bold(obj["fontname"]), colour, _unit(a, b), unmapped,
    )


def _plumber_path(obj: Mapping[str, Any], kind: str) -> PathShape:
    """A pdfplumber line, rect or curve as a :class:`PathShape`."""
    fill = obj.get("non_stroking_color")
    fill = tuple(float(v) for v in fill) if isinstance(fill, (tuple, list)) else None
    points = len(obj.get("pts") or ()) or 4
    return PathShape(
        (float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"])),
        bool(obj.get("stroke")) or kind == "line",
        bool(obj.get("fill")),
        fill if obj.get("fill") else None,
        4 if kind == "rect" else points,
    )


def open_engine(name: str, path: Path) -> Engine:
    """The named engine opened on ``path`` (``"pdfium"`` or ``"pdfplumber"``)."""
    return PdfiumEngine(path) if name == "pdfium" else PlumberEngine(path)
