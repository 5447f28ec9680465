"""Seven PDF layouts of a structured source, each breaking a different assumption of a PDF reader.

- ``two_columns``: A4, sans, two columns, each source page on a new page.
- ``three_columns_rule``: A4 landscape, serif, three columns with vertical rules, pages run on.
- ``landscape_ruled``: A4 landscape, ruled tables whose header row repeats on every page,
  sub-goal bullets inside the goal cell, "Jatkuu seuraavalla sivulla" under a continued table.
- ``borderless_shaded``: borderless tables with shaded rows, columns reordered (score before
  verdict), the header row only on the first page of a continued table.
- ``side_boxes``: a narrow main column, coloured side boxes, a rotated chapter sidebar.
- ``justified_hyphenated``: justified serif text set by hand, words split at line ends with
  "-" or U+00AD, ligatures, letter-spaced headings, pages run on.
- ``large_type_deep_margins``: A4, one serif column at 13 pt, 70 pt margins, sub-headings barely larger
  than the body, pages run on: lists and promises go over page breaks, the running title lies deep.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from tests.layout_zoo.house import HouseStyle, draw_house_pdf, house_parts
from tests.layout_zoo.pdf_base import CONTINUES, Style, ZooPDF, document_title, flow, heading_scale, page_tables, write_pdf
from tests.layout_zoo.typeset import SOFT_HYPHEN, draw_line, ligatures, wrap

A4 = (595.28, 841.89)
A4_LANDSCAPE = (841.89, 595.28)
EVAL_WIDTHS = (3.0, 1.2, 1.0, 5.0)


def _in_order(pdf: ZooPDF, page: dict, text: Callable[[list[dict]], None], tables: Callable[[dict], None]) -> None:
    """The page's elements in order: runs of text elements through ``text``, each table through ``tables``."""
    run: list[dict] = []
    for element in page["elements"]:
        if element["type"] in ("table", "evaluation_table"):
            text(run)
            run = []
            tables({"elements": [element]})
        else:
            run.append(element)
    text(run)


def _page_per_page(source: dict, path: Path, style: Style, flow_page: Callable[[ZooPDF, list[dict]], None],
                   tables_page: Callable[[ZooPDF, dict, dict], None], note: bool = False,
                   house: HouseStyle = HouseStyle()) -> Path:
    """Every source page on a new page: its text through ``flow_page``, its tables through
    ``tables_page`` (given the previous source page too), a summary page as a house drawn in ``house``;
    ``note``: the continuation note under a continued table."""
    pdf = ZooPDF(style, document_title(source))
    previous: dict = {}
    for page in source["pages"]:
        pdf.part_title = page.get("running_title")
        pdf.add_page()
        if house_parts(page):
            draw_house_pdf(pdf, page, house)
        else:
            _in_order(pdf, page, lambda run: flow_page(pdf, run), lambda t, before=previous: tables_page(pdf, t, before))
        if note and page.get("continues"):
            pdf.set_body(0.85)
            pdf.cell(0, pdf.style_.size * 1.4, CONTINUES, align="R", new_x="LMARGIN", new_y="NEXT")
        previous = page
    return write_pdf(pdf, path)


def two_columns(source: dict, path: Path) -> Path:
    """A4 portrait, two columns, sans 10 pt; every source page on a new page."""
    return _page_per_page(source, path, Style(A4, 50, "sans", 10), lambda pdf, run: flow(pdf, run, 2),
                          lambda pdf, t, _: page_tables(pdf, t, 8.5, EVAL_WIDTHS))


def landscape_ruled(source: dict, path: Path) -> Path:
    """A4 landscape, one column; ruled tables, header repeated on every page, a continuation note under the table."""
    return _page_per_page(source, path, Style(A4_LANDSCAPE, 42, "sans", 10), lambda pdf, run: flow(pdf, run, 1),
                          lambda pdf, t, _: page_tables(pdf, t, 9.5, EVAL_WIDTHS), note=True,
                          house=HouseStyle(roof_share=1.0, gap=2.5, roof_fill=(250, 226, 214)))


def borderless_shaded(source: dict, path: Path) -> Path:
    """A4 portrait, justified sans; borderless shaded tables, score before verdict, header on a table's first page only."""
    return _page_per_page(
        source, path, Style(A4, 46, "sans", 9.5), lambda pdf, run: flow(pdf, run, 1, align="JUSTIFY"),
        lambda pdf, t, before: page_tables(pdf, t, 8, EVAL_WIDTHS, order=(0, 2, 1, 3), ruled=False, shaded=True,
                                           header=not before.get("continues")),
        house=HouseStyle(roof_share=0.55, gap=1.0, pillar_fill=(222, 232, 242)),
    )


def _run_on(pdf: ZooPDF, source: dict, text: Callable[[list[dict]], None], tables: Callable[[dict], None]) -> None:
    """The source pages one after the other from a first new page, a level-1 heading starting a page."""
    pdf.add_page()
    for page in source["pages"]:
        pdf.part_title = page.get("running_title")
        first = page["elements"][0] if page["elements"] else {}
        if first.get("type") == "heading" and first.get("level") == 1 and pdf.get_y() > pdf.t_margin + 1:
            pdf.add_page()
        _in_order(pdf, page, text, tables)


def large_type_deep_margins(source: dict, path: Path) -> Path:
    """A4 portrait, one serif column at 13 pt in 70 pt margins (the running title stands below the usual edge band),
    sub-headings only 1.15 times the body; pages run on, a level-1 heading starts a page."""
    pdf = ZooPDF(Style(A4, 70, "serif", 13, heading_scale=(1.5, 1.15)), document_title(source))
    _run_on(pdf, source, lambda run: flow(pdf, run, 1), lambda page: page_tables(pdf, page, 8, EVAL_WIDTHS))
    return write_pdf(pdf, path)


def three_columns_rule(source: dict, path: Path) -> Path:
    """A4 landscape, three serif columns with a rule between them; pages run on, a level-1 heading starts a page."""
    style = Style(A4_LANDSCAPE, 40, "serif", 9)
    pdf = ZooPDF(style, document_title(source))
    table_pages: set[int] = set()

    def tables(page: dict) -> None:
        start = pdf.page_no()
        page_tables(pdf, page, 8, EVAL_WIDTHS)
        table_pages.update(range(start, pdf.page_no() + 1))

    _run_on(pdf, source, lambda run: flow(pdf, run, 3, gutter=24), tables)
    gutter, usable = 24, pdf.w - 2 * style.margin
    column = (usable - 2 * gutter) / 3
    for number in range(1, pdf.page_no() + 1):
        if number in table_pages:
            continue
        pdf.page = number
        pdf.set_draw_color(120, 120, 120)
        pdf.set_line_width(0.6)
        for i in (1, 2):
            x = style.margin + i * column + (i - 0.5) * gutter
            pdf.line(x, pdf.t_margin, x, pdf.h - pdf.b_margin)
    return write_pdf(pdf, path)


class _Cursor:
    """A hand-set column: x, width and the baseline of the next line on the current page."""

    def __init__(self, pdf: ZooPDF, x: float, width: float) -> None:
        self.pdf, self.x, self.width, self.y = pdf, x, width, pdf.t_margin

    def room(self, height: float) -> bool:
        """Whether ``height`` more points fit above the bottom margin."""
        return self.y + height <= self.pdf.h - self.pdf.b_margin


def _set_paragraph(cursor: _Cursor, text: str, leading: float, justify: bool, hyphen: str | None,
                   new_page: Callable[[], None]) -> None:
    """Wrap and set ``text`` in ``cursor``'s column, going on to a new page when the column is full."""
    for line in wrap(cursor.pdf, text, cursor.width, hyphen):
        if not cursor.room(leading):
            new_page()
        cursor.y += leading
        draw_line(cursor.pdf, line, cursor.x, cursor.y, cursor.width, justify)


def side_boxes(source: dict, path: Path) -> Path:
    """A narrow main column with coloured side boxes to its right and the chapter label rotated along the left edge."""
    style = Style(A4, 40, "sans", 9.5)
    pdf = ZooPDF(style, document_title(source))
    left = style.margin + 26
    main = _Cursor(pdf, left, 300)
    side = _Cursor(pdf, left + 300 + 20, pdf.w - style.margin - (left + 320))
    sidebar: list[str] = []

    def rotated_label(doc: ZooPDF) -> None:
        if sidebar:
            doc.set_font("sans", "B", 11)
            doc.set_text_color(0, 90, 140)
            with doc.rotation(90, style.margin + 12, doc.h - style.margin - 40):
                doc.text(style.margin + 12, doc.h - style.margin - 40, sidebar[-1])
            doc.set_text_color(0, 0, 0)

    pdf.page_decorations.append(rotated_label)

    def new_page() -> None:
        pdf.add_page()
        main.y = side.y = pdf.t_margin

    def set_main(element: dict) -> None:
        kind = element["type"]
        scale = heading_scale(pdf, element) if kind == "heading" else 1.0
        pdf.set_body(scale, bold=kind == "heading")
        leading = style.size * scale * 1.3
        main.y += style.size * (0.9 if kind == "heading" else 0.4)
        text = element["text"]
        if kind == "item":
            marker = element.get("marker") or "•"
            pdf.text(main.x, main.y + leading, marker)
            main.x, main.width = main.x + 18, main.width - 18
            _set_paragraph(main, text, leading, False, None, new_page)
            main.x, main.width = main.x - 18, main.width + 18
        else:
            _set_paragraph(main, text, leading, False, None, new_page)

    def set_box(group: list[dict]) -> None:
        pdf.set_body(0.85, family="sans")
        leading = style.size * 0.85 * 1.3
        lines = sum(len(wrap(pdf, e["text"], side.width - 12)) + 0.5 for e in group)
        height = lines * leading + 12
        side.y = max(side.y, main.y - style.size) + 8
        if not side.room(height):
            new_page()
        pdf.set_fill_color(255, 236, 200) if group[0]["box"].startswith("principle") else pdf.set_fill_color(214, 236, 226)
        pdf.rect(side.x, side.y, side.width, height, style="F")
        inner = _Cursor(pdf, side.x + 6, side.width - 12)
        inner.y = side.y + 4
        for element in group:
            pdf.set_body(0.85, bold=element["type"] == "heading", family="sans")
            _set_paragraph(inner, element["text"], leading, False, None, new_page)
            inner.y += leading * 0.5
        side.y += height

    for page in source["pages"]:
        pdf.part_title = page.get("running_title")
        sidebar[:] = [e["text"] for e in page["elements"] if e["type"] == "sidebar"]
        new_page()
        elements = [e for e in page["elements"] if e["type"] != "sidebar"]
        i = 0
        while i < len(elements):
            element = elements[i]
            if element.get("box"):
                j = i
                while j < len(elements) and elements[j].get("box") == element["box"]:
                    j += 1
                set_box(elements[i:j])
                i = j
                continue
            if element["type"] in ("table", "evaluation_table"):
                pdf.set_y(max(main.y, side.y) + 6)
                page_tables(pdf, {"elements": [element]}, 8, EVAL_WIDTHS)
                main.y = side.y = pdf.get_y()
            else:
                set_main(element)
            i += 1
    return write_pdf(pdf, path)


def justified_hyphenated(source: dict, path: Path) -> Path:
    """Justified serif text set by hand: line-end hyphens ("-" and U+00AD by turns), ligatures, letter-spaced headings."""
    style = Style(A4, 62, "serif", 10.5)
    pdf = ZooPDF(style, document_title(source))
    cursor = _Cursor(pdf, style.margin, pdf.w - 2 * style.margin)

    def new_page() -> None:
        pdf.add_page()
        cursor.y = pdf.t_margin

    new_page()
    paragraphs = 0
    for page in source["pages"]:
        pdf.part_title = page.get("running_title")
        for element in page["elements"]:
            kind = element["type"]
            if kind in ("table", "evaluation_table"):
                pdf.set_y(cursor.y + 4)
                page_tables(pdf, {"elements": [element]}, 8.5, EVAL_WIDTHS)
                cursor.y = pdf.get_y()
                continue
            text = ligatures(element["text"])
            if kind == "heading":
                scale = heading_scale(pdf, element)
                pdf.set_body(scale, bold=True)
                pdf.set_char_spacing(style.size * 0.22 if element.get("level") == 1 else 0)
                cursor.y += style.size
                if not cursor.room(style.size * scale * 3):
                    new_page()
                _set_paragraph(cursor, text, style.size * scale * 1.25, False, None, new_page)
                pdf.set_char_spacing(0)
                continue
            pdf.set_body(0.9 if kind == "sidebar" else 1.0)
            cursor.y += style.size * 0.5
            paragraphs += 1
            hyphen = SOFT_HYPHEN if paragraphs % 2 else "-"
            if kind == "item":
                marker = element.get("marker") or "•"
                pdf.text(cursor.x, cursor.y + style.size * 1.3, marker)
                cursor.x, cursor.width = cursor.x + 20, cursor.width - 20
                _set_paragraph(cursor, text, style.size * 1.3, True, hyphen, new_page)
                cursor.x, cursor.width = cursor.x - 20, cursor.width + 20
            else:
                _set_paragraph(cursor, text, style.size * 1.3, True, hyphen, new_page)
    return write_pdf(pdf, path)


LAYOUTS: dict[str, Callable[[dict, Path], Path]] = {
    "two_columns": two_columns,
    "three_columns_rule": three_columns_rule,
    "landscape_ruled": landscape_ruled,
    "borderless_shaded": borderless_shaded,
    "side_boxes": side_boxes,
    "justified_hyphenated": justified_hyphenated,
    "large_type_deep_margins": large_type_deep_margins,
}
