"""Reading order of the shapes of one shape tree (a slide or a group).

Rows top to bottom; inside a row, shapes standing side by side (columns) are
read left column first, each column top to bottom. A group is placed as one
unit, its own children ordered the same way before it is placed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Iterable, Optional, Sequence, TypeVar

from extract.readers.pptx.geometry import BBox, overlap

#: Most of the smaller shape's height must be shared for two shapes to stand side by side.
SIDE_BY_SIDE_OVERLAP = 0.5
#: Shapes whose horizontal overlap is at most this share of the narrower width are "left/right".
COLUMN_OVERLAP_TOLERANCE = 0.1

T = TypeVar("T")


@dataclass(frozen=True)
class Placed(Generic[T]):
    """Something placed on the slide (a shape's blocks), with its box."""

    bbox: Optional[BBox]
    content: T

    @property
    def edges(self) -> BBox:
        """The box, or a zero box at the origin when there is none."""
        return self.bbox or (0.0, 0.0, 0.0, 0.0)


def left_right(a: BBox, b: BBox) -> bool:
    """True when two boxes stand left/right of each other (sharing at most a sliver of width).

    Example::

        left_right((0, 0, 100, 50), (95, 300, 200, 350))  # True: 5 pt shared is within tolerance
    """
    shared_width = overlap(a[0], a[2], b[0], b[2])
    return shared_width <= COLUMN_OVERLAP_TOLERANCE * min(a[2] - a[0], b[2] - b[0])


def side_by_side(a: BBox, b: BBox) -> bool:
    """True when two boxes share most of the smaller one's height and stand left/right of each other.

    Example::

        side_by_side((0, 10, 100, 110), (120, 0, 220, 110))  # True: two columns
    """
    shared_height = overlap(a[1], a[3], b[1], b[3])
    smaller_height = min(a[3] - a[1], b[3] - b[1])
    if shared_height <= 0 or shared_height < SIDE_BY_SIDE_OVERLAP * smaller_height:
        return False
    return left_right(a, b)


def _rows(items: Sequence[Placed[T]]) -> list[list[Placed[T]]]:
    """Items (taken by top, then left) cut into rows: an item joins the current row when it
    stands side by side with any item already in it, else it starts a new row."""
    rows: list[list[Placed[T]]] = []
    for item in sorted(items, key=lambda u: (u.edges[1], u.edges[0])):
        if rows and any(side_by_side(item.edges, other.edges) for other in rows[-1]):
            rows[-1].append(item)
        else:
            rows.append([item])
    return rows


def _columns(row: Sequence[Placed[T]]) -> list[list[Placed[T]]]:
    """A row's items cut into columns, left to right: taken by left edge, an item starts a new
    column when it stands left/right of every item of the current column, else it joins it."""
    columns: list[list[Placed[T]]] = []
    for item in sorted(row, key=lambda u: (u.edges[0], u.edges[1])):
        if columns and not all(left_right(item.edges, other.edges) for other in columns[-1]):
            columns[-1].append(item)
        else:
            columns.append([item])
    return columns


def reading_order(items: Iterable[Placed[T]]) -> list[Placed[T]]:
    """Items in reading order: rows top to bottom, each row's columns left to right.

    Within a column the items go top to bottom, so the left column of a
    two-column slide is read completely before the right one, even when the
    right one starts a little higher.

    Example::

        left, right = Placed((0, 10, 100, 200), "fi"), Placed((120, 0, 220, 200), "sv")
        [p.content for p in reading_order([right, left])]  # ["fi", "sv"]

    :param items: the placed shapes of one shape tree (slide or group).
    """
    ordered: list[Placed[T]] = []
    for row in _rows(list(items)):
        for column in _columns(row):
            ordered.extend(sorted(column, key=lambda u: (u.edges[1], u.edges[0])))
    return ordered
