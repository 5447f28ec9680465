"""The default engine: a page's characters and path objects from PDFium (pypdfium2).

PDFium's C++ parser gives every character with its box, font, size and
colour many times faster than pdfminer; the glyph loop asks it through plain
C calls (:func:`_fast_text_calls`). Its ruling edges for the table finder
are cut in :mod:`.edges`.
"""

from __future__ import annotations

import ctypes
import functools
import math
from pathlib import Path
from typing import Any, Callable, Optional

from extract.readers.pdf.chars import (
    MAX_PAGE_SIDE, Char, Colour, PageObjects, PathShape, baseline_direction, check_page_size, is_bold,
)

# PDFium reports a hyphen it judges to end a line inside a word as U+0002 (U+FFFE in its text).
_PDFIUM_LINE_HYPHENS = ("\x02", "\ufffe")


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
                style = styles[key] = (*self._style(obj), size, baseline_direction(matrix.a, matrix.b))
            loose_box(handle, i, rect_at)
            x0, top, x1, bottom = box
            top, bottom = height - top, height - bottom
            # As reachable(), inline: this loop runs once per glyph.
            if not (low <= x0 <= x1 <= right_edge and high <= top <= bottom <= bottom_edge
                    and 0 <= style[3] < MAX_PAGE_SIDE):
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
