"""Boxes and intervals in PDF points from the page's top-left corner; a box is ``(x0, top, x1, bottom)``."""

from __future__ import annotations

BBox = tuple[float, float, float, float]


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """The length two intervals share (negative when they are apart).

    >>> overlap(0, 10, 5, 20), overlap(0, 10, 12, 20)
    (5, -2)
    """
    return min(a1, b1) - max(a0, b0)


def centre_in(box: BBox, area: BBox) -> bool:
    """True when the centre of ``box`` lies in ``area``.

    >>> centre_in((10, 10, 20, 20), (0, 0, 16, 16))
    True
    """
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return area[0] <= x <= area[2] and area[1] <= y <= area[3]


def boxes_meet(a: BBox, b: BBox) -> bool:
    """True when two boxes overlap."""
    return overlap(a[0], a[2], b[0], b[2]) > 0 and overlap(a[1], a[3], b[1], b[3]) > 0


def contains(outer: BBox, inner: BBox, slack: float = 1.0) -> bool:
    """True when ``inner`` lies within ``outer`` (give or take ``slack``)."""
    return (
        outer[0] - slack <= inner[0]
        and outer[1] - slack <= inner[1]
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def union(boxes: "list[BBox] | tuple[BBox, ...]") -> BBox:
    """The box around ``boxes`` (at least one)."""
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
