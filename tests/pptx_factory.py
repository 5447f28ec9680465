"""Build small .pptx decks for tests with python-pptx.

Positions and sizes are in points. A paragraph is given either as a plain
string or as a :class:`Para` for bullets, numbering, bold and size.

Example::

    deck = new_deck()
    slide = add_slide(deck, "Strategia")
    add_text_box(slide, (36, 120, 300, 200), ["Ensimmäinen kappale", Para("Kohta", level=1)])
    path = save(deck, tmp_path / "deck.pptx")
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence, Union

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.autoshape import Shape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.group import GroupShape
from pptx.shapes.shapetree import GroupShapes, SlideShapes
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Pt

#: (left, top, width, height) in points.
Rect = tuple[float, float, float, float]

LAYOUT_TITLE_AND_CONTENT = 1
LAYOUT_TITLE_ONLY = 5
LAYOUT_BLANK = 6


@dataclass(frozen=True)
class Para:
    """A paragraph to write: its text and how it is formatted.

    Example: ``Para("Tavoite", numbered="arabicPeriod")`` is an auto-numbered item.

    :param text: the text; ``"\\v"`` becomes a line break inside the paragraph.
    :param level: indent level (0 is the outermost).
    :param bullet: a bullet character written as ``a:buChar``.
    :param numbered: an ``a:buAutoNum`` type such as ``"arabicPeriod"``.
    :param start_at: the number the auto-numbering starts at (``@startAt``).
    :param bold: bold on every run.
    :param size: font size in points on every run.
    """

    text: str
    level: int = 0
    bullet: Optional[str] = None
    numbered: Optional[str] = None
    start_at: Optional[int] = None
    bold: Optional[bool] = None
    size: Optional[float] = None


ParaSpec = Union[str, Para]


def new_deck() -> PresentationType:
    """A deck from python-pptx's default template (10 × 7.5 in, i.e. 720 × 540 pt)."""
    return Presentation()


def add_slide(deck: PresentationType, title: Optional[str] = None, layout: Optional[int] = None) -> Slide:
    """A new slide; with ``title`` it uses the "Title Only" layout, else "Blank".

    :param deck: the deck.
    :param title: the title placeholder's text.
    :param layout: a layout index overriding the choice above.
    """
    index = layout if layout is not None else (LAYOUT_TITLE_ONLY if title is not None else LAYOUT_BLANK)
    slide = deck.slides.add_slide(deck.slide_layouts[index])
    if title is not None:
        slide.shapes.title.text_frame.text = title
    return slide


def write_paragraphs(text_frame: TextFrame, paragraphs: Sequence[ParaSpec]) -> None:
    """Replace a text frame's content with the given paragraphs.

    :param text_frame: a python-pptx text frame.
    :param paragraphs: plain strings or :class:`Para` specs, in order.
    """
    text_frame.clear()
    for index, spec in enumerate(paragraphs):
        para = spec if isinstance(spec, Para) else Para(spec)
        paragraph = text_frame.paragraphs[0] if index == 0 else text_frame.add_paragraph()
        _write_paragraph(paragraph, para)


def _write_paragraph(paragraph: _Paragraph, para: Para) -> None:
    """Fill one paragraph: runs split at ``\\v`` with line breaks between, then its formatting."""
    for index, piece in enumerate(para.text.split("\v")):
        if index:
            paragraph.add_line_break()
        run = paragraph.add_run()
        run.text = piece
        if para.bold is not None:
            run.font.bold = para.bold
        if para.size is not None:
            run.font.size = Pt(para.size)
    paragraph.level = para.level
    if para.bullet is not None:
        etree.SubElement(paragraph._p.get_or_add_pPr(), qn("a:buChar"), char=para.bullet)
    if para.numbered is not None:
        number = etree.SubElement(paragraph._p.get_or_add_pPr(), qn("a:buAutoNum"), type=para.numbered)
        if para.start_at is not None:
            number.set("startAt", str(para.start_at))


def add_text_box(shapes: SlideShapes | GroupShapes | Slide, rect: Rect, paragraphs: Sequence[ParaSpec]) -> Shape:
    """A text box at ``rect`` holding the paragraphs.

    :param shapes: a slide, or the shape tree of a slide or group.
    :param rect: (left, top, width, height) in points.
    :param paragraphs: the paragraphs to write.
    """
    tree = shapes.shapes if isinstance(shapes, Slide) else shapes
    box = tree.add_textbox(*(Pt(v) for v in rect))
    write_paragraphs(box.text_frame, paragraphs)
    return box


def add_group(shapes: SlideShapes | GroupShapes | Slide) -> GroupShape:
    """An empty group shape; add children through its ``.shapes``.

    :param shapes: a slide, or the shape tree of a slide or group.
    """
    tree = shapes.shapes if isinstance(shapes, Slide) else shapes
    return tree.add_group_shape()


def move_group(group: GroupShape, dx: float, dy: float) -> None:
    """Move a group the way PowerPoint does: its offset changes, its children's stored offsets do not.

    Afterwards the children's own coordinates are in the group's child space
    and only map to the slide through ``a:off`` minus ``a:chOff``.

    :param group: a group shape with children.
    :param dx: points to move right.
    :param dy: points to move down.
    """
    off = group._element.grpSpPr.find(qn("a:xfrm")).find(qn("a:off"))
    off.set("x", str(int(off.get("x")) + Pt(dx)))
    off.set("y", str(int(off.get("y")) + Pt(dy)))


def scale_group(group: GroupShape, factor: float) -> None:
    """Resize a group the way PowerPoint does: its extent changes, its child extent does not.

    The children then scale by ``factor`` about the group's top-left corner.

    :param group: a group shape with children.
    :param factor: the scale factor.
    """
    ext = group._element.grpSpPr.find(qn("a:xfrm")).find(qn("a:ext"))
    ext.set("cx", str(round(int(ext.get("cx")) * factor)))
    ext.set("cy", str(round(int(ext.get("cy")) * factor)))


CellSpec = Union[str, Sequence[ParaSpec]]


def add_table(slide: Slide, rect: Rect, rows: Sequence[Sequence[CellSpec]], first_row: bool = True) -> GraphicFrame:
    """A table filled with ``rows`` (all rows the same length).

    :param slide: the slide (see :func:`move_into_group` for a table in a group).
    :param rect: (left, top, width, height) in points.
    :param rows: cell texts, row by row; a cell may be a list of paragraphs instead.
    :param first_row: the table's ``firstRow`` flag (python-pptx sets it by default).
    """
    frame = slide.shapes.add_table(len(rows), len(rows[0]), *(Pt(v) for v in rect))
    frame.table.first_row = first_row
    for r, row in enumerate(rows):
        for c, spec in enumerate(row):
            write_paragraphs(frame.table.cell(r, c).text_frame, [spec] if isinstance(spec, str) else spec)
    return frame


def move_into_group(shape: GraphicFrame, group: GroupShape) -> None:
    """Move a slide-level shape (e.g. a table, which python-pptx cannot add to a group) into ``group``.

    :param shape: a shape of the slide's own tree.
    :param group: a group on the same slide.
    """
    group._element.append(shape._element)
    group.shapes._recalculate_extents()


def merge_cells(frame: GraphicFrame, first: tuple[int, int], last: tuple[int, int]) -> None:
    """Merge a rectangle of cells the way PowerPoint does (``gridSpan``/``rowSpan`` on the origin).

    :param frame: a table's graphic frame.
    :param first: (row, col) of the top-left cell.
    :param last: (row, col) of the bottom-right cell.
    """
    frame.table.cell(*first).merge(frame.table.cell(*last))


def mark_covered(frame: GraphicFrame, row: int, col: int, across: bool) -> None:
    """Mark one cell as covered by the cell before it (``hMerge``) or above it (``vMerge``) only,
    without a span on the origin, as some writers do.

    :param frame: a table's graphic frame.
    :param row: the covered cell's row.
    :param col: the covered cell's column.
    :param across: ``hMerge`` when true, else ``vMerge``.
    """
    frame.table.cell(row, col)._tc.set("hMerge" if across else "vMerge", "1")


def add_footer(slide: Slide, text: str, kind: PP_PLACEHOLDER = PP_PLACEHOLDER.FOOTER) -> Shape:
    """A footer, date or slide-number placeholder cloned from the slide's layout.

    :param slide: the slide.
    :param text: the placeholder's text.
    :param kind: ``PP_PLACEHOLDER.FOOTER``, ``.DATE`` or ``.SLIDE_NUMBER``.
    """
    layout_ph = next(ph for ph in slide.slide_layout.placeholders if ph.placeholder_format.type == kind)
    slide.shapes.clone_placeholder(layout_ph)
    shape = next(s for s in slide.placeholders if s.placeholder_format.type == kind)
    shape.text_frame.text = text
    return shape


def set_notes(slide: Slide, text: str) -> None:
    """Write the slide's speaker notes (one paragraph per ``\\n``-separated line).

    :param slide: the slide.
    :param text: the notes.
    """
    slide.notes_slide.notes_text_frame.text = text


def save(deck: PresentationType, path: Path) -> Path:
    """Save the deck and return its path.

    :param deck: the deck.
    :param path: where to write the .pptx.
    """
    deck.save(str(path))
    return path
