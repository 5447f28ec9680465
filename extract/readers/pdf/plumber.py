"""The other engine: a page's characters and path objects from pdfplumber (pdfminer).

It also lends its pages to pdfplumber's table finder, laid out without
their text when only the edges are wanted (:func:`_graphics_page`).
"""

from __future__ import annotations

import functools
import math
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping

from extract.readers.pdf.chars import (
    Char, PageObjects, PathShape, baseline_direction, check_page_size, is_bold, reachable,
)

_CID = re.compile(r"^\(cid:\d+\)$")


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
                if not reachable(tuple(float(v) for v in box), float(obj.get("size", 1.0)), width, height):
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
        obj["fontname"], is_bold(obj["fontname"]), colour, baseline_direction(a, b), unmapped,
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
