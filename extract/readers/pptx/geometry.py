"""Where a shape stands on its slide, in points, through any nesting of groups.

A group's children are stored in the group's own child space
(``a:chOff``/``a:chExt``); PowerPoint moves or resizes a group by changing
only its ``a:off``/``a:ext``, so a child's stored position means nothing
until it is mapped through every enclosing group. :class:`Frame` is that map.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.shapes.group import GroupShape

from extract.records import Block, Page

EMU_PER_POINT = 12700

#: (left, top, right, bottom) in slide points.
BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Frame:
    """Maps coordinates of a shape tree (EMU) to slide coordinates (EMU).

    The slide's own tree is the identity; a group's children map through the
    group's ``a:off``/``a:ext`` relative to its ``a:chOff``/``a:chExt``, and
    then through the frame of the tree the group is in.

    Example::

        Frame().box(12700, 25400, 12700, 12700)  # -> (1.0, 2.0, 2.0, 3.0) in points

    :param dx: horizontal offset added after scaling.
    :param dy: vertical offset added after scaling.
    :param sx: horizontal scale.
    :param sy: vertical scale.
    """

    dx: float = 0.0
    dy: float = 0.0
    sx: float = 1.0
    sy: float = 1.0

    def box(self, left: int, top: int, width: int, height: int) -> BBox:
        """The (left, top, right, bottom) box in slide points of a box given in this frame (EMU)."""
        x0 = self.dx + left * self.sx
        y0 = self.dy + top * self.sy
        x1 = x0 + width * self.sx
        y1 = y0 + height * self.sy
        return tuple(round(v / EMU_PER_POINT, 2) for v in (x0, y0, x1, y1))  # type: ignore[return-value]

    def inside(self, group: GroupShape) -> Frame:
        """The frame of ``group``'s children, composed with this one.

        Example: a group moved 100 EMU right without its children being
        rewritten has ``off.x = chOff.x + 100``; its children map 100 EMU right.

        :param group: a group shape of the tree this frame belongs to.
        """
        xfrm = group._element.grpSpPr.find(qn("a:xfrm"))
        if xfrm is None:
            return self
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        ch_off, ch_ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
        if off is None or ext is None or ch_off is None or ch_ext is None:
            return self
        rx = _ratio(int(ext.get("cx")), int(ch_ext.get("cx")))
        ry = _ratio(int(ext.get("cy")), int(ch_ext.get("cy")))
        return Frame(
            dx=self.dx + self.sx * (int(off.get("x")) - int(ch_off.get("x")) * rx),
            dy=self.dy + self.sy * (int(off.get("y")) - int(ch_off.get("y")) * ry),
            sx=self.sx * rx,
            sy=self.sy * ry,
        )


def _ratio(outer: int, inner: int) -> float:
    """``outer / inner``, or 1 when the child extent is zero (a degenerate group)."""
    return outer / inner if inner else 1.0


def shape_box(shape: BaseShape, frame: Frame) -> Optional[BBox]:
    """The shape's box in slide points, or ``None`` when it has no position.

    A placeholder without a position of its own takes its layout's (and that
    one its master's): python-pptx resolves this inheritance in ``left``,
    ``top``, ``width`` and ``height``.

    :param shape: any shape.
    :param frame: the frame of the tree the shape is in.
    """
    if None in (shape.left, shape.top, shape.width, shape.height):
        return None
    return frame.box(shape.left, shape.top, shape.width, shape.height)


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Length shared by the intervals [a0, a1] and [b0, b1] (0 when disjoint).

    Example: ``overlap(0, 10, 5, 20) == 5``.
    """
    return max(0.0, min(a1, b1) - max(a0, b0))


#: Share of the slide height at the top and at the bottom where running text stands.
EDGE_BAND = 0.12


def at_slide_edge(page: Page, index: int, block: Block) -> bool:
    """True for a body paragraph lying wholly in the slide's top or bottom band.

    Titles, headings, list items and notes never count: only such blocks may be
    taken for running text when they repeat (:func:`extract.clean.furniture.remove_furniture`).

    :param page: the slide's page (its height in points).
    :param index: the block's position on the page (unused: slides have geometry).
    :param block: the block.
    """
    if block.role != "paragraph" or block.bbox is None or not page.height:
        return False
    return block.bbox[1] >= (1 - EDGE_BAND) * page.height or block.bbox[3] <= EDGE_BAND * page.height
