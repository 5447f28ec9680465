"""A page's ruling edges from PDFium's path objects, as pdfplumber's table finder takes them.

pdfplumber finds ruled tables (lines strategy) from nothing but the page's
edges: its lines, the four sides of its rectangles and the straight
segments of its curves, as pdfminer cuts painted paths into those. Getting
them from pdfminer means parsing the whole page a second time; this module
cuts PDFium's path objects the same way (pdfminer's ``paint_path``: one
object per subpath; a single segment is a line, an axis-aligned closed
four-sided loop a rectangle, anything else a curve through its segments'
end points) and hands the edges to pdfplumber's own ``TableFinder``.

PDFium keeps coordinates in single precision; each is taken back to the
shortest decimal that single precision stores it as (what the content
stream wrote), so that the arithmetic after it is pdfminer's. Pages whose
frame pdfminer shifts or turns (a rotated page, a media box not at the
origin: the caller's test) or that draw through form XObjects, whose
matrices the two libraries compose in different precision, are left to
pdfplumber (:func:`page_edges` returns ``None``).
"""

from __future__ import annotations

import ctypes
import struct
from typing import Any, Optional

Edge = dict[str, Any]  # pdfplumber's edge: x0, x1, top, bottom, width, height, orientation, ...
Point = tuple[float, float]


def _decimal(value: float) -> float:
    """A single-precision float as the shortest decimal it stores, in double precision.

    >>> _decimal(struct.unpack("f", struct.pack("f", 728.2441))[0])
    728.2441
    """
    for digits in range(6, 10):
        text = f"{value:.{digits}g}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == value:
            return float(text)
    return value


def _single(value: float) -> float:
    """``value`` rounded to single precision."""
    return struct.unpack("f", struct.pack("f", value))[0]


def _sum(start: float, end: float) -> float:
    """The far side of a rectangle from ``start`` to ``end`` (single precision) as pdfminer computes it.

    PDFium adds a ``re`` operator's width to its corner in single precision,
    pdfminer in double: the shortest width that gives ``end`` is found and
    added to ``start`` the way pdfminer adds it.
    """
    base = _decimal(start)
    for digits in range(5):
        width = round(_decimal(end) - base, digits)
        if _single(start + _single(width)) == end:
            return base + width
    return _decimal(end)


def _rectangle(points: list[Point]) -> list[Point]:
    """The six points of PDFium's ``re`` (the last two back at the start) with the far sides as pdfminer's."""
    (x0, y0), (x1, _), (_, y1) = points[:3]
    far_x, far_y = _sum(x0, x1), _sum(y0, y1)
    near_x, near_y = _decimal(x0), _decimal(y0)
    return [(near_x, near_y), (far_x, near_y), (far_x, far_y), (near_x, far_y), (near_x, near_y), (near_x, near_y)]


def _is_rectangle(shape: str, points: list[Point]) -> bool:
    """True for PDFium's reading of a ``re`` operator: move, four lines back to the start, closed."""
    if shape != "mllllh":
        return False
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), end, _ = points
    return y1 == y0 and x2 == x1 and y3 == y2 and x3 == x0 and end == (x0, y0)


def _subpaths(raw: Any, obj: Any) -> list[tuple[str, list[Point]]]:
    """A path object's subpaths in its own coordinates: pdfminer's shape letters and the end points.

    A Bézier segment is three PDFium points (two control points and the end);
    pdfminer keeps its end point. A closed subpath ends with ``h`` at its start
    (PDFium has added the closing line already when the path was not back there).
    """
    out: list[tuple[str, list[Point]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    bezier = 0
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = (x.value, y.value)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO or not out:
            out.append(("m", [point]))
            bezier = 0
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue
            out[-1] = (out[-1][0] + "c", out[-1][1] + [point])
        else:
            out[-1] = (out[-1][0] + "l", out[-1][1] + [point])
        if raw.FPDFPathSegment_GetClose(segment):
            shape, points = out[-1]
            out[-1] = (shape + "h", points + [points[0]])
    return [
        (shape, _rectangle(points) if _is_rectangle(shape, points) else
         [(_decimal(x), _decimal(y)) for x, y in points])
        for shape, points in out
    ]


def _painted(shape: str, pts: list[Point]) -> tuple[str, list[Point]]:
    """pdfminer's reading of one painted subpath (page points): ``("line"|"rect"|"curve"|"", points)``."""
    if shape[:1] != "m":
        return "", []
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape, pts = shape[:-2] + "h", pts[:-1]
    if shape in ("mlh", "ml"):
        return "line", pts[:2]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return "rect", [pts[0], pts[2]]
    return "curve", pts


def _bound(pts: list[Point]) -> tuple[float, float, float, float]:
    """pdfminer's ``get_bound``."""
    return min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts)


def _component(pts: list[Point], height: float) -> Edge:
    """pdfplumber's geometry of a pdfminer component through ``pts``."""
    x0, y0, x1, y1 = _bound(pts)
    top = height - y1
    return {"x0": x0, "x1": x1, "top": top, "bottom": height - y0, "doctop": top, "width": x1 - x0, "height": y1 - y0}


def _edges_of(kind: str, pts: list[Point], height: float) -> list[Edge]:
    """pdfplumber's ``line_to_edge``, ``rect_to_edges`` and ``curve_to_edges`` on one object."""
    if kind == "line":
        edge = _component(pts, height)
        edge.update(object_type="line", orientation="h" if edge["top"] == edge["bottom"] else "v")
        return [edge]
    if kind == "rect":
        (x0, y0), (x1, y1) = pts
        rect = _component([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], height)
        top, bottom, left, right = (dict(rect, object_type="rect_edge") for _ in range(4))
        top.update(height=0, bottom=rect["top"], orientation="h")
        bottom.update(height=0, top=rect["top"] + rect["height"], doctop=rect["doctop"] + rect["height"], orientation="h")
        left.update(width=0, x1=rect["x0"], orientation="v")
        right.update(width=0, x0=rect["x1"], orientation="v")
        return [top, bottom, left, right]
    coords = [(x, height - y) for x, y in pts]
    return [
        {
            "object_type": "curve_edge",
            "x0": min(p0[0], p1[0]), "x1": max(p0[0], p1[0]),
            "top": min(p0[1], p1[1]), "doctop": min(p0[1], p1[1]), "bottom": max(p0[1], p1[1]),
            "width": abs(p0[0] - p1[0]), "height": abs(p0[1] - p1[1]),
            "orientation": "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None),
        }
        for p0, p1 in zip(coords, coords[1:])
    ]


def _matrix(raw: Any, obj: Any) -> Optional[tuple[float, ...]]:
    """The path object's matrix ``(a, b, c, d, e, f)`` as decimals, or ``None`` when PDFium gives none."""
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, matrix):
        return None
    return tuple(_decimal(v) for v in (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f))


def page_edges(raw: Any, page: Any, height: float) -> Optional[list[Edge]]:
    """The page's edges in pdfplumber's order (lines, then rectangles' sides, then curves' segments), or ``None``.

    :param raw: ``pypdfium2.raw``
    :param page: the PDFium page handle of a page whose media box starts at the origin and that is not rotated
    :param height: the page's height as pdfplumber reads it (from the media box)
    :returns: ``None`` for a page that draws through form XObjects (see the module's docstring)
    """
    found: dict[str, list[Edge]] = {"line": [], "rect": [], "curve": []}
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            return None
        if kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPath_GetDrawMode(obj, mode, stroke) or (mode.value == raw.FPDF_FILLMODE_NONE and not stroke.value):
            continue  # a path painted neither way is a clipping path, which pdfminer does not keep
        matrix = _matrix(raw, obj)
        if matrix is None:
            return None
        a, b, c, d, e, f = matrix
        for shape, points in _subpaths(raw, obj):
            pts = [(a * x + c * y + e, b * x + d * y + f) for x, y in points]
            what, pts = _painted(shape, pts)
            if what:
                found[what] += _edges_of(what, pts, height)
    return found["line"] + found["rect"] + found["curve"]


class _EdgesOnly:
    """What pdfplumber's ``TableFinder`` reads of a page with the lines strategy: its edges."""

    def __init__(self, edges: list[Edge]) -> None:
        self.edges = edges


def find_tables(edges: list[Edge], settings: dict[str, Any]) -> list[Any]:
    """pdfplumber's ``Page.find_tables(settings)`` on ``edges`` (the lines strategies only)."""
    from pdfplumber.table import TableFinder, TableSettings

    return TableFinder(_EdgesOnly(edges), TableSettings.resolve(settings)).tables  # type: ignore[arg-type]
