"""Read a PowerPoint deck (.pptx) into a :class:`SourceDocument`.

One :class:`Page` per slide, numbered from 1 and sized like the deck's slides
(in points). A slide's blocks come in reading order:

1. the title placeholder (``role="title"``, ``level=1``);
2. text frames, tables and groups, ordered by position: top to bottom, but
   shapes standing side by side (columns) are read left column first, and a
   group is read as a unit, its own children ordered the same way;
3. the speaker notes (``role="notes"``), last.

Each paragraph of a text frame is one :class:`Block`: ``list_item`` (with its
``marker``) for bullets and numbered items, ``heading`` (``level=2``) for a
short bold or large paragraph, ``rotated`` for text set at an angle, else
``paragraph``. Pictures, charts and empty text are skipped. Every failure to
open or parse the file becomes an :class:`ExtractionError`.

Example::

    doc = read_pptx("corpus/deck.pptx")
    [(b.page, b.role, b.raw_text) for b in doc.blocks]
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional, Sequence

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.shapes.group import GroupShape
from pptx.slide import Slide
from pptx.text.text import _Paragraph

from extract.errors import ExtractionError
from extract.records import Block, Page, SourceDocument, cells_from_rows

EMU_PER_POINT = 12700

BBox = tuple[float, float, float, float]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")

_LINE_BREAK = re.compile(r"[\x0b\n]")
_LITERAL_MARKER = re.compile(r"^\s*([•◦▪▫‣●○■□►▶➢➤✓✔*·–—-]|\d{1,2}[.)]|[a-z]\))\s+")
_BULLET_TAGS = (qn("a:buNone"), qn("a:buChar"), qn("a:buAutoNum"))
_VERTICAL_TEXT = {"vert", "vert270", "eaVert", "mongolianVert", "wordArtVert", "wordArtVertRtl"}
_NO_BODY_STYLE = {
    PP_PLACEHOLDER.TITLE,
    PP_PLACEHOLDER.CENTER_TITLE,
    PP_PLACEHOLDER.VERTICAL_TITLE,
    PP_PLACEHOLDER.DATE,
    PP_PLACEHOLDER.FOOTER,
    PP_PLACEHOLDER.SLIDE_NUMBER,
}
_TITLE_TYPES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}

#: Most of the smaller shape's height must be shared for two shapes to stand side by side.
SIDE_BY_SIDE_OVERLAP = 0.5
#: Shapes whose horizontal overlap is at most this share of the narrower width are "left/right".
COLUMN_OVERLAP_TOLERANCE = 0.1
#: A heading is at most this many words and characters long.
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 90
#: A paragraph is "large" when its font is this much bigger than the slide's body text.
HEADING_SIZE_RATIO = 1.2


# --------------------------------------------------------------------------- geometry


@dataclass(frozen=True)
class _Frame:
    """Maps coordinates of a shape tree (EMU) to slide coordinates (EMU).

    The slide's own tree is the identity; a group's children live in the
    group's child space (``a:chOff``/``a:chExt``) and map through the group's
    ``a:off``/``a:ext`` and then through the frame of the tree the group is in.

    Example::

        _Frame().box(12700, 25400, 12700, 12700)  # -> (1.0, 2.0, 2.0, 3.0) in points

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
        """The (left, top, right, bottom) box in slide points of a box given in this frame.

        :param left: left edge in this frame (EMU).
        :param top: top edge in this frame (EMU).
        :param width: width in this frame (EMU).
        :param height: height in this frame (EMU).
        """
        x0 = self.dx + left * self.sx
        y0 = self.dy + top * self.sy
        x1 = x0 + width * self.sx
        y1 = y0 + height * self.sy
        return tuple(round(v / EMU_PER_POINT, 2) for v in (x0, y0, x1, y1))  # type: ignore[return-value]

    def inside(self, group: GroupShape) -> _Frame:
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
        return _Frame(
            dx=self.dx + self.sx * (int(off.get("x")) - int(ch_off.get("x")) * rx),
            dy=self.dy + self.sy * (int(off.get("y")) - int(ch_off.get("y")) * ry),
            sx=self.sx * rx,
            sy=self.sy * ry,
        )


def _ratio(outer: int, inner: int) -> float:
    """``outer / inner``, or 1 when the child extent is zero (a degenerate group).

    Example: ``_ratio(200, 100) == 2.0``; ``_ratio(200, 0) == 1.0``.

    :param outer: the group's extent on its parent (``a:ext``).
    :param inner: the group's child extent (``a:chExt``).
    """
    return outer / inner if inner else 1.0


def _shape_box(shape: BaseShape, frame: _Frame) -> Optional[BBox]:
    """The shape's box in slide points, or ``None`` when it has no position.

    :param shape: any shape.
    :param frame: the frame of the tree the shape is in.
    """
    if None in (shape.left, shape.top, shape.width, shape.height):
        return None
    return frame.box(shape.left, shape.top, shape.width, shape.height)


# --------------------------------------------------------------------------- reading order


@dataclass(frozen=True)
class _Unit:
    """A shape placed on the slide with the blocks it yields, in order."""

    bbox: Optional[BBox]
    blocks: tuple[Block, ...]


def _edges(unit: _Unit) -> BBox:
    """The unit's box, or a zero box at the origin when it has none.

    :param unit: a placed shape.
    """
    return unit.bbox or (0.0, 0.0, 0.0, 0.0)


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Length shared by the intervals [a0, a1] and [b0, b1] (0 when disjoint).

    Example: ``_overlap(0, 10, 5, 20) == 5``.

    :param a0: start of the first interval.
    :param a1: end of the first interval.
    :param b0: start of the second interval.
    :param b1: end of the second interval.
    """
    return max(0.0, min(a1, b1) - max(a0, b0))


def left_right(a: BBox, b: BBox) -> bool:
    """True when two boxes stand left/right of each other (sharing at most a sliver of width).

    Example::

        left_right((0, 0, 100, 50), (95, 300, 200, 350))  # True: 5 pt shared is within tolerance

    :param a: (left, top, right, bottom) of one shape.
    :param b: (left, top, right, bottom) of the other.
    """
    shared_width = _overlap(a[0], a[2], b[0], b[2])
    return shared_width <= COLUMN_OVERLAP_TOLERANCE * min(a[2] - a[0], b[2] - b[0])


def side_by_side(a: BBox, b: BBox) -> bool:
    """True when two boxes share most of the smaller one's height and stand left/right of each other.

    Example::

        side_by_side((0, 10, 100, 110), (120, 0, 220, 110))  # True: two columns

    :param a: (left, top, right, bottom) of one shape.
    :param b: (left, top, right, bottom) of the other.
    """
    shared_height = _overlap(a[1], a[3], b[1], b[3])
    smaller_height = min(a[3] - a[1], b[3] - b[1])
    if shared_height <= 0 or shared_height < SIDE_BY_SIDE_OVERLAP * smaller_height:
        return False
    return left_right(a, b)


def _rows(units: Sequence[_Unit]) -> list[list[_Unit]]:
    """Units (sorted by top, then left) cut into rows of shapes standing side by side.

    A unit joins the current row when it stands side by side with any unit
    already in it; otherwise it starts a new row.

    :param units: the units of one shape tree.
    """
    rows: list[list[_Unit]] = []
    for unit in sorted(units, key=lambda u: (_edges(u)[1], _edges(u)[0])):
        if rows and any(side_by_side(_edges(unit), _edges(other)) for other in rows[-1]):
            rows[-1].append(unit)
        else:
            rows.append([unit])
    return rows


def _columns(row: Sequence[_Unit]) -> list[list[_Unit]]:
    """A row's units cut into columns, left to right.

    Taken by left edge, a unit starts a new column when it stands left/right
    of every unit of the current column, else it joins that column.

    :param row: the units of one row (see :func:`_rows`).
    """
    columns: list[list[_Unit]] = []
    for unit in sorted(row, key=lambda u: (_edges(u)[0], _edges(u)[1])):
        if columns and not all(left_right(_edges(unit), _edges(other)) for other in columns[-1]):
            columns[-1].append(unit)
        else:
            columns.append([unit])
    return columns


def _reading_order(units: Iterable[_Unit]) -> list[_Unit]:
    """Units in reading order: rows top to bottom, each row's columns left to right.

    Within a column the units go top to bottom, so the left column of a
    two-column slide is read completely before the right one, even when the
    right one starts a little higher.

    :param units: the shapes of one shape tree (slide or group).
    """
    ordered: list[_Unit] = []
    for row in _rows(list(units)):
        for column in _columns(row):
            ordered.extend(sorted(column, key=lambda u: (_edges(u)[1], _edges(u)[0])))
    return ordered


# --------------------------------------------------------------------------- bullets


def _format_number(number: int, scheme: str) -> str:
    """An auto-number rendered as printed, e.g. ``(3, "alphaLcParenR") -> "c)"``.

    :param number: the item's number, from 1.
    :param scheme: the ``a:buAutoNum/@type`` value.
    """
    if scheme.startswith("alphaLc"):
        body = _letters(number).lower()
    elif scheme.startswith("alphaUc"):
        body = _letters(number)
    elif scheme.startswith("romanLc"):
        body = _roman(number).lower()
    elif scheme.startswith("romanUc"):
        body = _roman(number)
    else:
        body = str(number)
    if scheme.endswith("ParenBoth"):
        return f"({body})"
    if scheme.endswith("ParenR"):
        return f"{body})"
    if scheme.endswith("Plain"):
        return body
    return f"{body}."


def _letters(number: int) -> str:
    """An item number as letters: 1 -> "A", 26 -> "Z", 27 -> "AA" (as PowerPoint continues).

    :param number: the item's number, from 1.
    """
    letter = chr(ord("A") + (number - 1) % 26)
    return letter * ((number - 1) // 26 + 1)


def _roman(number: int) -> str:
    """A positive integer as an upper-case Roman numeral, e.g. 14 -> "XIV".

    :param number: the item's number, from 1.
    """
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for value, symbol in numerals:
        count, number = divmod(number, value)
        out.append(symbol * count)
    return "".join(out)


def _bullet_of(ppr: Optional[etree._Element]) -> Optional[etree._Element]:
    """The ``a:buNone``/``a:buChar``/``a:buAutoNum`` child of a paragraph-properties element.

    :param ppr: an ``a:pPr`` or ``a:lvl{n}pPr`` element, or ``None``.
    """
    if ppr is None:
        return None
    return next((child for child in ppr if child.tag in _BULLET_TAGS), None)


def _level_ppr(list_style: Optional[etree._Element], level: int) -> Optional[etree._Element]:
    """The ``a:lvl{n}pPr`` of a list style (``a:lstStyle``, ``p:bodyStyle``) for a 0-based level.

    Example: level 0 reads ``a:lvl1pPr``.

    :param list_style: the list style element, or ``None``.
    :param level: the paragraph's 0-based indent level.
    """
    if list_style is None:
        return None
    return list_style.find(qn(f"a:lvl{level + 1}pPr"))


def _own_list_style(shape: BaseShape) -> Optional[etree._Element]:
    """The ``a:lstStyle`` of a shape's text body, if any.

    :param shape: a slide, layout or master shape.
    """
    tx_body = shape._element.find(qn("p:txBody"))
    return None if tx_body is None else tx_body.find(qn("a:lstStyle"))


def _inherited_list_styles(shape: BaseShape, slide: Slide) -> list[etree._Element]:
    """The list styles a shape's paragraphs inherit from, nearest first.

    A text box only has its own ``a:lstStyle``. A body-like placeholder
    inherits from its layout placeholder, the master placeholder of the same
    kind and the master's ``p:bodyStyle`` — which is where the bullets of an
    ordinary content slide come from.

    :param shape: a shape with a text frame.
    :param slide: the slide the shape is on.
    """
    styles = [_own_list_style(shape)]
    if shape.is_placeholder and shape.placeholder_format.type not in _NO_BODY_STYLE:
        layout = slide.slide_layout
        master = layout.slide_master
        layout_ph = layout.placeholders.get(idx=shape.placeholder_format.idx)
        master_ph = master.placeholders.get(PP_PLACEHOLDER.BODY)
        styles += [_own_list_style(ph) for ph in (layout_ph, master_ph) if ph is not None]
        styles.append(master._element.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}"))
    return [style for style in styles if style is not None]


def _paragraph_bullet(paragraph: _Paragraph, list_styles: Sequence[etree._Element]) -> Optional[etree._Element]:
    """The element deciding the paragraph's bullet: its own, else the nearest inherited one.

    :param paragraph: a paragraph of a text frame.
    :param list_styles: the shape's list styles, nearest first.
    """
    candidates = [paragraph._p.pPr] + [_level_ppr(s, paragraph.level) for s in list_styles]
    return next((b for b in map(_bullet_of, candidates) if b is not None), None)


class _Numbering:
    """Counts auto-numbered paragraphs of one text frame, per indent level.

    Example::

        numbering = _Numbering()
        numbering.next(0, "arabicPeriod", 1)  # "1."
        numbering.next(0, "arabicPeriod", 1)  # "2."
    """

    def __init__(self) -> None:
        self._counts: dict[int, tuple[str, int]] = {}

    def next(self, level: int, scheme: str, start_at: int) -> str:
        """The marker of the next numbered paragraph at ``level``.

        :param level: the paragraph's 0-based indent level.
        :param scheme: the ``a:buAutoNum/@type`` value.
        :param start_at: the ``@startAt`` value (1 when absent).
        """
        self._forget_deeper(level)
        previous = self._counts.get(level)
        number = previous[1] + 1 if previous and previous[0] == scheme else start_at
        self._counts[level] = (scheme, number)
        return _format_number(number, scheme)

    def interrupt(self, level: int) -> None:
        """A paragraph without numbering at ``level`` restarts numbering at that level and below.

        :param level: the paragraph's 0-based indent level.
        """
        self._forget_deeper(level - 1)

    def _forget_deeper(self, level: int) -> None:
        """Drop the counts of levels deeper than ``level``.

        :param level: the deepest level whose count is kept.
        """
        for deeper in [k for k in self._counts if k > level]:
            del self._counts[deeper]


def split_literal_marker(text: str) -> tuple[Optional[str], str]:
    """A typed-in list marker split off the text.

    Example::

        split_literal_marker("• Hyvinvointi")  # ("•", "Hyvinvointi")
        split_literal_marker("2) Tavoite")     # ("2)", "Tavoite")
        split_literal_marker("1.1.2026 alkaen")  # (None, "1.1.2026 alkaen")

    :param text: the first line of a paragraph.
    """
    match = _LITERAL_MARKER.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end() :]


def _list_marker(
    paragraph: _Paragraph, bullet: Optional[etree._Element], numbering: _Numbering
) -> Optional[str]:
    """The marker the paragraph's formatting gives it, or ``None`` for a plain paragraph.

    ``a:buChar`` gives its character, ``a:buAutoNum`` the next number, and an
    indented paragraph without explicit bullet formatting a generic "•";
    ``a:buNone`` means no marker.

    :param paragraph: the paragraph.
    :param bullet: the element deciding its bullet (see :func:`_paragraph_bullet`).
    :param numbering: the numbering state of the paragraph's text frame.
    """
    level = paragraph.level
    if bullet is not None and bullet.tag == qn("a:buAutoNum"):
        return numbering.next(level, bullet.get("type", "arabicPeriod"), int(bullet.get("startAt", "1")))
    numbering.interrupt(level)
    if bullet is not None and bullet.tag == qn("a:buChar"):
        return bullet.get("char") or "•"
    if bullet is None and level > 0:
        return "•"
    return None


# --------------------------------------------------------------------------- text frames


def _lines(text: str) -> list[str]:
    """The non-blank lines of a paragraph's text, split at line breaks (``\\x0b``) and newlines.

    Example: ``_lines("Rivi yksi\\x0bRivi kaksi") == ["Rivi yksi", "Rivi kaksi"]``.

    :param text: a paragraph's text as python-pptx gives it.
    """
    return [line for line in _LINE_BREAK.split(text) if line.strip()]


def _font_size(paragraphs: Iterable[_Paragraph]) -> Optional[float]:
    """The largest font size (points) set on the paragraphs' runs, or on a paragraph for its runs.

    Sizes inherited from placeholders and masters are not looked up.

    :param paragraphs: the paragraphs of one block.
    """
    sizes = [
        (run.font.size or paragraph.font.size).pt
        for paragraph in paragraphs
        for run in paragraph.runs
        if run.font.size or paragraph.font.size
    ]
    return max(sizes) if sizes else None


def _all_bold(paragraphs: Iterable[_Paragraph]) -> bool:
    """True when every run with visible text is bold (directly or through its paragraph).

    :param paragraphs: the paragraphs of one block.
    """
    runs = [(run, p) for p in paragraphs for run in p.runs if run.text.strip()]
    return bool(runs) and all(run.font.bold or (run.font.bold is None and p.font.bold) for run, p in runs)


def _is_rotated(shape: BaseShape) -> bool:
    """True when the shape is turned by about a quarter turn or its text runs vertically.

    Example: a text box with ``rotation = 270`` (a sidebar) is rotated.

    :param shape: a shape with a text frame.
    """
    turn = shape.rotation % 180
    if 45 <= turn <= 135:
        return True
    body_pr = shape._element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
    return body_pr is not None and body_pr.get("vert") in _VERTICAL_TEXT


def _text_frame_blocks(shape: BaseShape, slide: Slide, page: int, bbox: Optional[BBox]) -> list[Block]:
    """One block per non-empty paragraph of the shape's text frame.

    :param shape: a shape with a text frame (not the title).
    :param slide: the slide the shape is on.
    :param page: the slide number.
    :param bbox: the shape's box in slide points.
    """
    list_styles = _inherited_list_styles(shape, slide)
    numbering = _Numbering()
    rotated = _is_rotated(shape)
    blocks = []
    for paragraph in shape.text_frame.paragraphs:
        lines = _lines(paragraph.text)
        if not lines:
            continue
        marker = _list_marker(paragraph, _paragraph_bullet(paragraph, list_styles), numbering)
        literal, first = split_literal_marker(lines[0])
        if literal is not None and first.strip() and not rotated:
            marker, lines[0] = literal, first
        role = "rotated" if rotated else ("list_item" if marker else "paragraph")
        blocks.append(
            Block(
                lines=tuple(lines),
                page=page,
                role=role,
                marker=None if rotated else marker,
                bbox=bbox,
                font_size=_font_size([paragraph]),
                bold=_all_bold([paragraph]),
            )
        )
    return blocks


def _title_block(shape: BaseShape, page: int) -> Optional[Block]:
    """The title placeholder as one ``title`` block, or ``None`` when it is empty.

    :param shape: the slide's title placeholder.
    :param page: the slide number.
    """
    paragraphs = shape.text_frame.paragraphs
    lines = [line for p in paragraphs for line in _lines(p.text)]
    if not lines:
        return None
    return Block(
        lines=tuple(lines),
        page=page,
        role="title",
        level=1,
        bbox=_shape_box(shape, _Frame()),
        font_size=_font_size(paragraphs),
        bold=_all_bold(paragraphs),
    )


def _table_block(shape: BaseShape, page: int, bbox: Optional[BBox]) -> Optional[Block]:
    """A table as one ``table`` block whose lines are the rows with cells joined by `` | ``.

    :param shape: a graphic frame holding a table.
    :param page: the slide number.
    :param bbox: the frame's box in slide points.
    """
    rows = tuple(
        tuple(_LINE_BREAK.sub("\n", cell.text).strip() for cell in row.cells) for row in shape.table.rows
    )
    if not any(cell for row in rows for cell in row):
        return None
    lines = tuple(" | ".join(cell.replace("\n", " ") for cell in row) for row in rows)
    return Block(lines=lines, page=page, role="table", bbox=bbox, cells=cells_from_rows(rows))


# --------------------------------------------------------------------------- slides


def _is_title(shape: BaseShape) -> bool:
    """True for a title placeholder.

    :param shape: any shape of a slide.
    """
    return shape.is_placeholder and shape.placeholder_format.type in _TITLE_TYPES


def _units(
    shapes: Iterable[BaseShape], slide: Slide, page: int, frame: _Frame, title: Optional[BaseShape]
) -> Iterator[_Unit]:
    """The text-bearing shapes of one shape tree as units (groups read recursively).

    :param shapes: the shapes of a slide or a group.
    :param slide: the slide they are on.
    :param page: the slide number.
    :param frame: the frame mapping the tree's coordinates to the slide.
    :param title: the title placeholder, already read, or ``None``.
    """
    for shape in shapes:
        if title is not None and shape.element is title.element:
            continue
        bbox = _shape_box(shape, frame)
        if isinstance(shape, GroupShape):
            inner = _reading_order(_units(shape.shapes, slide, page, frame.inside(shape), title))
            blocks: Sequence[Block] = [b for unit in inner for b in unit.blocks]
        elif getattr(shape, "has_table", False):
            table = _table_block(shape, page, bbox)
            blocks = [table] if table else []
        elif shape.has_text_frame:
            blocks = _text_frame_blocks(shape, slide, page, bbox)
        else:
            continue
        if blocks:
            yield _Unit(bbox, tuple(blocks))


def _notes_block(slide: Slide, page: int) -> Optional[Block]:
    """The slide's speaker notes as one ``notes`` block, or ``None`` when there are none.

    :param slide: the slide.
    :param page: the slide number.
    """
    if not slide.has_notes_slide:
        return None
    frame = slide.notes_slide.notes_text_frame
    lines = [] if frame is None else [line for p in frame.paragraphs for line in _lines(p.text)]
    return Block(lines=tuple(lines), page=page, role="notes") if lines else None


def _body_font_size(blocks: Sequence[Block]) -> Optional[float]:
    """The font size carrying most of the slide's body text (by characters), if any is set.

    Example: a 28 pt heading of 10 characters over 300 characters at 14 pt gives 14.0.

    :param blocks: the slide's body blocks.
    """
    weights: Counter[float] = Counter()
    for block in blocks:
        if block.role in ("paragraph", "list_item") and block.font_size:
            weights[block.font_size] += len(block.raw_text)
    return weights.most_common(1)[0][0] if weights else None


def _is_heading(block: Block, body_size: Optional[float]) -> bool:
    """True for a short plain paragraph that is bold or set larger than the body text.

    :param block: a ``paragraph`` block.
    :param body_size: the slide's body font size (see :func:`_body_font_size`).
    """
    text = " ".join(line.strip() for line in block.lines)
    short = len(text) <= HEADING_MAX_CHARS and len(text.split()) <= HEADING_MAX_WORDS
    large = bool(body_size and block.font_size and block.font_size >= HEADING_SIZE_RATIO * body_size)
    return short and not text.endswith((".", ",", ";")) and (block.bold or large)


def _promote_headings(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with short bold/large paragraphs turned into ``heading`` blocks of level 2.

    :param blocks: the slide's body blocks in reading order.
    """
    body_size = _body_font_size(blocks)
    return [
        replace(b, role="heading", level=2) if b.role == "paragraph" and _is_heading(b, body_size) else b
        for b in blocks
    ]


def _slide_page(slide: Slide, number: int, width: Optional[float], height: Optional[float]) -> Page:
    """One slide as a page: title, body in reading order, notes.

    :param slide: the slide.
    :param number: its 1-based position in the deck.
    :param width: slide width in points.
    :param height: slide height in points.
    """
    title = next((s for s in slide.shapes if _is_title(s)), None)
    head = [_title_block(title, number)] if title is not None else []
    units = _units(slide.shapes, slide, number, _Frame(), title)
    body = [b for unit in _reading_order(units) for b in unit.blocks]
    blocks = [b for b in head + _promote_headings(body) + [_notes_block(slide, number)] if b is not None]
    return Page(number=number, blocks=tuple(blocks), width=width, height=height)


# --------------------------------------------------------------------------- entry point


def _check_file(path: Path) -> None:
    """Raise E101 for a missing file and E102/E103 for what cannot be a readable .pptx.

    :param path: the file to read.
    """
    if not path.exists():
        raise ExtractionError("E101", "file not found", str(path))
    if not path.is_file():
        raise ExtractionError("E102", "not a regular file", str(path))
    try:
        with path.open("rb") as handle:
            problem = _container_problem(handle.read(len(_OLE_MAGIC)), handle)
    except OSError as exc:
        raise ExtractionError("E102", f"cannot read file ({exc.strerror})", str(path)) from exc
    if problem is not None:
        raise ExtractionError(*problem, str(path))


def _container_problem(head: bytes, handle: BinaryIO) -> Optional[tuple[str, str]]:
    """``(code, reason)`` when the file is no zip package, else ``None``.

    An encrypted OOXML file is an OLE compound file holding an
    ``EncryptionInfo`` stream; a zip without its central directory at the end
    was cut short.

    :param head: the first bytes of the file.
    :param handle: the open file, positioned after ``head``.
    """
    if head == _OLE_MAGIC:
        if _ENCRYPTION_STREAM in handle.read():
            return "E103", "encrypted (password-protected) PowerPoint file"
        return "E102", "OLE compound file (legacy .ppt?), not a .pptx zip package"
    if zipfile.is_zipfile(handle):
        return None
    if head.startswith(_ZIP_MAGIC):
        return "E102", "truncated or damaged zip: no central directory at the end"
    return "E102", "not a zip archive, so not a .pptx package"


def _one_line(exc: BaseException) -> str:
    """An exception's message on one line, prefixed by its type name.

    Example: ``KeyError: "no member '/[Content_Types].xml' in package"``.

    :param exc: the exception.
    """
    message = " ".join(str(exc).split()) or "no message"
    return f"{type(exc).__name__}: {message}"


def read_pptx(path: str | Path, max_pages: Optional[int] = None) -> SourceDocument:
    """Read a .pptx deck: one page per slide, blocks in reading order.

    Example::

        doc = read_pptx("deck.pptx")
        doc.page_count          # number of slides
        doc.pages[0].blocks[0]  # Block(lines=("Strategia 2026–2029",), role="title", ...)

    :param path: the .pptx file.
    :param max_pages: read at most this many slides (``None``: all); fewer give a warning.
    :raises ExtractionError: E101 when the file is missing, E102 when it is not
        a readable .pptx (not a zip, no presentation part, corrupt XML,
        truncated), E103 when it is encrypted.
    """
    path = Path(path)
    _check_file(path)
    try:
        return _read(path, max_pages)
    except zipfile.BadZipFile as exc:
        reason = f"damaged zip ({_one_line(exc)})"
    except PackageNotFoundError as exc:
        reason = f"not a .pptx package ({_one_line(exc)})"
    except KeyError as exc:
        reason = f"zip lacks a part a .pptx needs ({_one_line(exc)})"
    except etree.LxmlError as exc:
        reason = f"corrupt XML in the deck ({_one_line(exc)})"
    except Exception as exc:  # noqa: BLE001 - the contract: no raw exception escapes a reader
        reason = f"unreadable .pptx ({_one_line(exc)})"
    raise ExtractionError("E102", reason, str(path))


def _read(path: Path, max_pages: Optional[int]) -> SourceDocument:
    """The document of a deck that :func:`_check_file` accepted; may raise library errors.

    :param path: the .pptx file.
    :param max_pages: read at most this many slides (``None``: all).
    """
    presentation = Presentation(str(path))
    width, height = (
        None if emu is None else emu / EMU_PER_POINT
        for emu in (presentation.slide_width, presentation.slide_height)
    )
    slides = list(presentation.slides)
    chosen = slides[:max_pages] if max_pages else slides
    pages = [_slide_page(slide, number, width, height) for number, slide in enumerate(chosen, start=1)]
    warnings = [] if len(chosen) == len(slides) else [
        (None, f"read only the first {len(chosen)} of {len(slides)} slides (max_pages)")
    ]
    return SourceDocument(
        path=str(path), source_kind="pptx", pages=tuple(pages), page_count=len(slides), warnings=tuple(warnings)
    )
