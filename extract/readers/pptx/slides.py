"""One slide's shapes as blocks: the title placeholder, the body in reading order, the notes.

Text frames give one block per non-empty paragraph: ``list_item`` with its
marker, ``rotated`` for text set at an angle, ``furniture`` for the date,
footer and slide-number placeholders, else ``paragraph`` (headings are
decided later, against the whole deck: :mod:`extract.readers.pptx.headings`).
Groups are read recursively through their transforms; tables become one
``table`` block; pictures, charts and empty text are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.shapes.group import GroupShape
from pptx.slide import Slide

from extract.readers.pptx.geometry import BBox, Frame, shape_box
from extract.readers.pptx.order import Placed, reading_order
from extract.readers.pptx.paragraphs import read_paragraphs
from extract.readers.pptx.styles import FURNITURE_TYPES, TITLE_TYPES, notes_chain, shape_chain
from extract.readers.pptx.tables import table_block
from extract.records import Block, Removal

_VERTICAL_TEXT = {"vert", "vert270", "eaVert", "mongolianVert", "wordArtVert", "wordArtVertRtl"}


@dataclass(frozen=True)
class SlideContent:
    """What one slide holds before deck-wide decisions: its title placeholder's block (if any),
    body blocks in reading order, notes blocks, and the furniture it set apart."""

    number: int
    title: Optional[Block]
    body: tuple[Block, ...]
    notes: tuple[Block, ...]
    removals: tuple[Removal, ...]


def _is_title(shape: BaseShape) -> bool:
    return shape.is_placeholder and shape.placeholder_format.type in TITLE_TYPES


def _furniture_kind(shape: BaseShape) -> Optional[str]:
    """The removal kind of a date/footer/slide-number placeholder, else ``None``."""
    return FURNITURE_TYPES.get(shape.placeholder_format.type) if shape.is_placeholder else None


def _is_rotated(shape: BaseShape) -> bool:
    """True when the shape is turned by about a quarter turn or its text runs vertically."""
    if 45 <= shape.rotation % 180 <= 135:
        return True
    body_pr = shape._element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
    return body_pr is not None and body_pr.get("vert") in _VERTICAL_TEXT


def _text_frame_blocks(shape: BaseShape, slide: Slide, page: int, bbox: Optional[BBox]) -> list[Block]:
    """One block per non-empty paragraph of a (non-title) shape's text frame."""
    rotated = _is_rotated(shape)
    furniture = _furniture_kind(shape) is not None
    paragraphs = read_paragraphs(shape.text_frame, shape_chain(shape, slide), markers=not (rotated or furniture))
    role = "rotated" if rotated else "furniture" if furniture else None
    return [
        Block(
            lines=p.lines,
            page=page,
            role=role or ("list_item" if p.marker else "paragraph"),
            marker=p.marker,
            bbox=bbox,
            font_size=p.font_size,
            bold=p.bold,
        )
        for p in paragraphs
    ]


def _title_block(shape: BaseShape, slide: Slide, page: int) -> Optional[Block]:
    """The title placeholder as one ``title`` block (level 1), or ``None`` when it is empty."""
    paragraphs = read_paragraphs(shape.text_frame, shape_chain(shape, slide), markers=False)
    if not paragraphs:
        return None
    return Block(
        lines=tuple(line for p in paragraphs for line in p.lines),
        page=page,
        role="title",
        level=1,
        bbox=shape_box(shape, Frame()),
        font_size=max(p.font_size for p in paragraphs),
        bold=all(p.bold for p in paragraphs),
    )


def _placed(shapes: Iterable[BaseShape], slide: Slide, page: int, frame: Frame,
            skip: Optional[BaseShape]) -> Iterator[Placed[tuple[Block, ...]]]:
    """The text-bearing shapes of one shape tree with their blocks (groups read recursively)."""
    for shape in shapes:
        if skip is not None and shape.element is skip.element:
            continue
        bbox = shape_box(shape, frame)
        if isinstance(shape, GroupShape):
            inner = reading_order(_placed(shape.shapes, slide, page, frame.inside(shape), skip))
            blocks: tuple[Block, ...] = tuple(b for item in inner for b in item.content)
        elif getattr(shape, "has_table", False):
            table = table_block(shape, slide, page, bbox)
            blocks = (table,) if table else ()
        elif shape.has_text_frame:
            blocks = tuple(_text_frame_blocks(shape, slide, page, bbox))
        else:
            continue
        if blocks:
            yield Placed(bbox, blocks)


def _notes(slide: Slide, page: int) -> tuple[Block, ...]:
    """The speaker notes, one ``notes`` block per non-empty paragraph."""
    if not slide.has_notes_slide:
        return ()
    frame = slide.notes_slide.notes_text_frame
    if frame is None:
        return ()
    return tuple(Block(lines=p.lines, page=page, role="notes") for p in read_paragraphs(frame, notes_chain(), False))


def read_slide(slide: Slide, number: int) -> SlideContent:
    """One slide's title placeholder, body blocks in reading order, notes and furniture.

    Example::

        content = read_slide(presentation.slides[0], 1)
        content.title.raw_text  # "Strategia 2026–2029"

    :param slide: the slide.
    :param number: its 1-based position in the deck.
    """
    title_shape = next((s for s in slide.shapes if _is_title(s) and s.has_text_frame), None)
    title = _title_block(title_shape, slide, number) if title_shape is not None else None
    placed = reading_order(_placed(slide.shapes, slide, number, Frame(), title_shape))
    blocks = [b for item in placed for b in item.content]
    removals = tuple(
        Removal(number, kind, shape.text_frame.text.strip())
        for shape in slide.placeholders
        if (kind := _furniture_kind(shape)) and shape.has_text_frame and shape.text_frame.text.strip()
    )
    return SlideContent(number, title, tuple(blocks), _notes(slide, number), removals)
