"""A strategy house drawn with real geometry: a roof box, pillars side by side under it, a base below.

A source page whose elements carry ``house`` (``roof``, ``pillar-N``, ``base``;
see ``sources/README.md``) is a summary page. The PDF layouts and the deck draw
it as boxes: the roof centred above, the pillars (each its title and its
sentence) in a row, the base across the page under them. Layouts differ in
the roof's width, the gaps and the colours (:class:`HouseStyle`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from tests.layout_zoo.typeset import wrap


@dataclass(frozen=True)
class HouseStyle:
    """How one layout draws the house.

    :param roof_share: the roof's width as a share of the text width
    :param gap: space between pillars, in body sizes
    :param roof_fill, pillar_fill, base_fill: box colours (RGB)
    """

    roof_share: float = 0.8
    gap: float = 1.5
    roof_fill: tuple[int, int, int] = (210, 228, 240)
    pillar_fill: tuple[int, int, int] = (236, 242, 228)
    base_fill: tuple[int, int, int] = (240, 236, 226)


def house_parts(page: dict) -> Optional[tuple[list[dict], list[list[dict]], list[dict]]]:
    """(roof, pillars in order, base) of a summary page; ``None`` for any other page."""
    elements = [e for e in page["elements"] if e.get("house")]
    if not elements:
        return None
    pillars: dict[str, list[dict]] = {}
    for element in elements:
        if element["house"].startswith("pillar"):
            pillars.setdefault(element["house"], []).append(element)
    ordered = [sorted(group, key=lambda e: e["type"] != "heading") for _, group in
               sorted(pillars.items(), key=lambda item: int(item[0].split("-")[1]))]
    return ([e for e in elements if e["house"] == "roof"], ordered, [e for e in elements if e["house"] == "base"])


def draw_house_pdf(pdf, page: dict, style: HouseStyle = HouseStyle()) -> None:
    """The summary page as boxes from the current position: roof, a row of pillars, base."""
    roof, pillars, base = house_parts(page)
    size = pdf.style_.size
    pad, left = size * 0.8, pdf.l_margin
    width = pdf.w - pdf.l_margin - pdf.r_margin
    y = pdf.get_y() + size

    def block(elements: list[dict], x: float, top: float, w: float, scale_title: float,
              centre: bool = False) -> tuple[list[tuple], float]:
        """Lines to draw ((x, y, text, bold, scale)), centred or from the left, and the height they take."""
        out, cursor = [], top + pad
        for element in elements:
            title = element["type"] == "heading"
            scale = scale_title if title else 1.0
            pdf.set_body(scale, bold=title)
            for line in wrap(pdf, element["text"], w - 2 * pad):
                cursor += size * scale * 1.25
                text = " ".join(line.words)
                indent = (w - pdf.get_string_width(text)) / 2 if centre else pad
                out.append((x + indent, cursor, text, title, scale))
            cursor += size * 0.6
        return out, cursor + pad - top

    def box(x: float, top: float, w: float, h: float, fill: tuple[int, int, int], lines: list[tuple]) -> None:
        pdf.set_fill_color(*fill)
        pdf.rect(x, top, w, h, style="F")
        for lx, ly, text, bold, scale in lines:
            pdf.set_body(scale, bold=bold)
            pdf.text(lx, ly, text)

    roof_w = width * style.roof_share
    roof_x = left + (width - roof_w) / 2
    lines, height = block(roof, roof_x, y, roof_w, 1.6, centre=True)
    box(roof_x, y, roof_w, height, style.roof_fill, lines)
    y += height + size * style.gap
    gap = size * style.gap
    pillar_w = (width - gap * (len(pillars) - 1)) / len(pillars)
    drawn = [block(p, left + i * (pillar_w + gap), y, pillar_w, 1.15) for i, p in enumerate(pillars)]
    tallest = max(h for _, h in drawn)
    for i, (lines, _) in enumerate(drawn):
        box(left + i * (pillar_w + gap), y, pillar_w, tallest, style.pillar_fill, lines)
    y += tallest + size * style.gap
    if base:
        lines, height = block(base, left, y, width, 1.0)
        box(left, y, width, height, style.base_fill, lines)
        y += height
    pdf.set_y(y + size)


def draw_house_pptx(slide, page: dict, top: float, style: HouseStyle = HouseStyle()) -> None:
    """The summary page on a slide: the roof as a wide shape, pillars as shapes in a row, the base under them."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Pt

    roof, pillars, base = house_parts(page)

    def shape(kind, x: float, y: float, w: float, h: float, fill: tuple[int, int, int], elements: list[dict],
              size: float) -> None:
        item = slide.shapes.add_shape(kind, Pt(x), Pt(y), Pt(w), Pt(h))
        item.fill.solid()
        item.fill.fore_color.rgb = RGBColor(*fill)
        frame = item.text_frame
        frame.word_wrap = True
        for index, element in enumerate(elements):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = element["text"]
            run.font.size = Pt(size * (1.3 if element["type"] == "heading" else 1.0))
            run.font.bold = element["type"] == "heading"
            run.font.color.rgb = RGBColor(0, 0, 0)

    width, left = 880.0, 40.0
    roof_w = width * style.roof_share
    shape(MSO_SHAPE.ISOSCELES_TRIANGLE if style.roof_share > 0.7 else MSO_SHAPE.ROUNDED_RECTANGLE,
          left + (width - roof_w) / 2, top, roof_w, 90, style.roof_fill, roof, 18)
    gap = 14 * style.gap
    pillar_w = (width - gap * (len(pillars) - 1)) / len(pillars)
    for i, pillar in enumerate(pillars):
        shape(MSO_SHAPE.RECTANGLE, left + i * (pillar_w + gap), top + 100, pillar_w, 200, style.pillar_fill, pillar, 12)
    if base:
        shape(MSO_SHAPE.RECTANGLE, left, top + 310, width, 90, style.base_fill, base, 12)
