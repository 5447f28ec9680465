"""Render a slide deck's units (from the project's text reader) as a .pptx, one slide per source page.

The first heading of a page becomes the slide title; the other units go into
one text box (list items as bulleted paragraphs, headings bold), and tables
into a table shape. Drawn with python-pptx on its default template.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import Sequence

from pptx import Presentation
from pptx.util import Pt

from extract.structure import Unit

_LAYOUT_TITLE_ONLY = 5
_BODY_BOX = (36.0, 110.0, 648.0, 400.0)  # left, top, width, height in points (10 × 7.5 in slide)
_TABLE_BOX = (36.0, 300.0, 648.0, 200.0)


def render_pptx(units: Sequence[Unit], path: Path) -> int:
    """Write ``units`` as a deck at ``path`` and return its slide count.

    :param units: the deck's units in reading order (their ``page`` is the slide)
    :param path: the .pptx to write
    """
    deck = Presentation()
    for _page, on_page in groupby(units, key=lambda unit: unit.page):
        _slide(deck, list(on_page))
    deck.save(str(path))
    return len(deck.slides)


def _slide(deck: Presentation, units: list[Unit]) -> None:
    """One slide: title, body text box and tables."""
    slide = deck.slides.add_slide(deck.slide_layouts[_LAYOUT_TITLE_ONLY])
    title = next((u for u in units if u.role == "heading"), None)
    if title is not None:
        slide.shapes.title.text_frame.text = title.text
    body = [u for u in units if u is not title and u.role != "table"]
    if body:
        frame = slide.shapes.add_textbox(*(Pt(v) for v in _BODY_BOX)).text_frame
        frame.word_wrap = True
        for index, unit in enumerate(body):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            marker = f"{unit.marker or '•'} " if unit.role == "list_item" else ""
            run = paragraph.add_run()
            run.text = marker + unit.text
            run.font.size = Pt(14 if unit.role == "heading" else 12)
            run.font.bold = unit.role == "heading"
            paragraph.level = 1 if marker else 0
    for unit in (u for u in units if u.role == "table" and u.rows):
        width = max(len(row) for row in unit.rows)
        table = slide.shapes.add_table(len(unit.rows), width, *(Pt(v) for v in _TABLE_BOX)).table
        for r, row in enumerate(unit.rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
