"""Slide layouts of a structured source: a .pptx deck and the same deck as a 16:9 PDF.

Each source page becomes a slide (a long one several, the title repeated): the
first heading goes into the title placeholder, the other text into text
frames: one, or two side by side when the page is long and a second heading
splits it (the bilingual deck's Finnish and Swedish halves). Boxes become
grouped shapes (a filled rectangle with its text), the chapter sidebar a
rotated text frame, tables real table shapes, a summary page a strategy
house of shapes (:mod:`tests.layout_zoo.house`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

from tests.layout_zoo.house import HouseStyle, draw_house_pdf, draw_house_pptx, house_parts
from tests.layout_zoo.pdf_base import (
    BULLET, Style, ZooPDF, document_title, flow, heading_scale, page_tables, write_pdf,
)

SLIDE = (960.0, 540.0)  # 13.333 × 7.5 in
BUDGET = 1100  # characters of body text per slide
_TITLE_ONLY = 5


def _tables(page: dict) -> list[dict]:
    return [e for e in page["elements"] if e["type"] in ("table", "evaluation_table")]


def split_page(page: dict) -> tuple[str | None, list[list[dict]], list[dict], list[str]]:
    """A page as (title, body parts per slide, tables, sidebar texts)."""
    elements = [e for e in page["elements"] if e["type"] not in ("table", "evaluation_table", "sidebar")]
    title = None
    if elements and elements[0]["type"] == "heading":
        title = elements.pop(0)["text"]
    parts: list[list[dict]] = [[]]
    used = 0
    for element in elements:
        if used + len(element["text"]) > BUDGET and parts[-1]:
            parts.append([])
            used = 0
        parts[-1].append(element)
        used += len(element["text"])
    sidebar = [e["text"] for e in page["elements"] if e["type"] == "sidebar"]
    tables = _tables(page)
    return title, [p for p in parts if p] or ([] if tables else [[]]), tables, sidebar


def halves(body: Sequence[dict]) -> list[list[dict]]:
    """The body in two columns at its first later heading when it is long, else in one."""
    if sum(len(e["text"]) for e in body) > 450:
        for i, element in enumerate(body[1:], 1):
            if element["type"] == "heading":
                return [list(body[:i]), list(body[i:])]
    return [list(body)]


def _runs(frame, elements: Sequence[dict], size: float) -> None:
    for index, element in enumerate(elements):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        marker = f"{element.get('marker') or BULLET} " if element["type"] == "item" else ""
        run = paragraph.add_run()
        run.text = marker + element["text"]
        run.font.size = Pt(size * (1.25 if element["type"] == "heading" else 1.0))
        run.font.bold = element["type"] == "heading"
        paragraph.space_after = Pt(size * 0.4)


def _body(slide, body: Sequence[dict], top: float) -> None:
    """Text frames for the body; box groups as grouped shapes below them."""
    plain = [e for e in body if not e.get("box")]
    boxes: dict[str, list[dict]] = {}
    for element in body:
        if element.get("box"):
            boxes.setdefault(element["box"], []).append(element)
    columns = halves(plain)
    width = (880 - 20 * (len(columns) - 1)) / len(columns)
    box_height = 120 if boxes else 0
    for i, column in enumerate(columns):
        shape = slide.shapes.add_textbox(Pt(40 + i * (width + 20)), Pt(top), Pt(width), Pt(500 - top - box_height))
        shape.text_frame.word_wrap = True
        _runs(shape.text_frame, column, 14)
    if boxes:
        count = len(boxes)
        box_width = (880 - 10 * (count - 1)) / count
        for i, group in enumerate(boxes.values()):
            x = 40 + i * (box_width + 10)
            shapes = slide.shapes.add_group_shape()
            rect = shapes.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Pt(x), Pt(505 - box_height), Pt(box_width), Pt(box_height))
            rect.fill.solid()
            rect.fill.fore_color.rgb = RGBColor(0xFF, 0xEC, 0xC8)
            text = shapes.shapes.add_textbox(Pt(x + 4), Pt(508 - box_height), Pt(box_width - 8), Pt(box_height - 6))
            text.text_frame.word_wrap = True
            _runs(text.text_frame, group, 9 if count > 3 else 11)


def _table(slide, element: dict, top: float) -> None:
    if element["type"] == "evaluation_table":
        header, rows = element["header"], element["rows"]
        widths = (250, 90, 70, 470)
    else:
        header, rows = element["header"], [[c["text"] for c in r] for r in element["rows"]]
        widths = tuple([360] + [520 / (len(header) - 1)] * (len(header) - 1))
    shape = slide.shapes.add_table(len(rows) + 1, len(header), Pt(40), Pt(top), Pt(880), Pt(40 * (len(rows) + 1)))
    table = shape.table
    for c, width in enumerate(widths):
        table.columns[c].width = Pt(width)
    for c, text in enumerate(header):
        table.cell(0, c).text = text
    for r, row in enumerate(rows, 1):
        if element["type"] == "evaluation_table":
            cells = [row["goal"], row["verdict"], str(row["score"]), "\n".join(row["assessment"])]
        else:
            cells = list(row)
        for c, text in enumerate(cells):
            frame = table.cell(r, c).text_frame
            frame.text = text
            if c == 0 and element["type"] == "evaluation_table":
                for sub in row["subgoals"]:
                    frame.add_paragraph().text = f"{BULLET} {sub}"
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)


def render_pptx(source: dict, path: Path) -> Path:
    """The source as a 16:9 deck with title placeholders, text frames, grouped boxes and table shapes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Pt(SLIDE[0]), Pt(SLIDE[1])
    for page in source["pages"]:
        if house_parts(page):
            slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
            slide.shapes.title.element.getparent().remove(slide.shapes.title.element)
            draw_house_pptx(slide, page, 40, HouseStyle(roof_share=0.9, gap=1.2))
            continue
        title, parts, tables, sidebar = split_page(page)
        for part in parts:
            slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
            placeholder = slide.shapes.title
            placeholder.left, placeholder.top, placeholder.width, placeholder.height = Pt(40), Pt(20), Pt(880), Pt(60)
            if title:
                placeholder.text_frame.text = title
            else:
                placeholder.element.getparent().remove(placeholder.element)
            if sidebar:
                label = slide.shapes.add_textbox(Pt(-200), Pt(250), Pt(420), Pt(20))
                label.rotation = 270
                label.text_frame.text = sidebar[0]
                label.text_frame.paragraphs[0].runs[0].font.size = Pt(10)
            if part:
                _body(slide, part, 95)
        for element in tables:
            slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
            if title:
                slide.shapes.title.text_frame.text = title
            else:
                slide.shapes.title.element.getparent().remove(slide.shapes.title.element)
            _table(slide, element, 95)
    deck.save(str(path))
    _fix_zip_dates(path)
    return path


def _fix_zip_dates(path: Path) -> None:
    """Rewrite the package with one fixed date on every member (python-pptx stamps the time of saving)."""
    with zipfile.ZipFile(path) as package:
        members = [(info, package.read(info)) for info in package.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(fixed, data)


def render_slides_pdf(source: dict, path: Path) -> Path:
    """The deck as a 16:9 PDF: title large and bold, body in one or two columns, tables ruled."""
    pdf = ZooPDF(Style(SLIDE, 36, "sans", 14, heading_scale=(1.9, 1.3)), document_title(source))
    for page in source["pages"]:
        if house_parts(page):
            pdf.add_page()
            draw_house_pdf(pdf, page, HouseStyle(roof_share=0.65, gap=2.0, roof_fill=(255, 236, 200)))
            continue
        title, parts, tables, sidebar = split_page(page)
        pdf.part_title = page.get("running_title")
        for part in parts:
            pdf.add_page()
            if title:
                pdf.set_body(heading_scale(pdf, {"level": 1}), bold=True)
                pdf.multi_cell(0, pdf.style_.size * 2.2, title, new_x="LMARGIN", new_y="NEXT")
            columns = halves(part)
            flow(pdf, [e for c in columns for e in c], len(columns))
            if sidebar:
                pdf.set_body(0.7, bold=True)
                pdf.text(pdf.l_margin, pdf.h - pdf.b_margin + 8, sidebar[0])
        if tables:
            pdf.add_page()
            if title:
                pdf.set_body(heading_scale(pdf, {"level": 1}), bold=True)
                pdf.multi_cell(0, pdf.style_.size * 2.2, title, new_x="LMARGIN", new_y="NEXT")
            page_tables(pdf, {"elements": tables}, 8.5, (3.0, 1.2, 1.0, 5.0))
    return write_pdf(pdf, path)
