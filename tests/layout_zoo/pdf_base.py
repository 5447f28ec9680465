"""What the PDF layouts share: fonts, page furniture, text flow through columns and tables drawn with fpdf2."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional, Sequence

from fpdf import FPDF

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
BULLET = "•"
CONTINUES = "Jatkuu seuraavalla sivulla"
_FONT_FILES = {"sans": ("DejaVuSans", "DejaVuSans-Bold"), "serif": ("DejaVuSerif", "DejaVuSerif-Bold")}


def font_dir() -> Path:
    """DejaVu from the system, else the copy matplotlib ships."""
    if (_DEJAVU / "DejaVuSans.ttf").exists():
        return _DEJAVU
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@dataclass(frozen=True)
class Style:
    """Page and type of one layout.

    :param page: (width, height) in points
    :param margin: page margin, all sides
    :param family: "sans" or "serif"
    :param size: body size in points
    :param heading_scale: heading size per level as a multiple of the body size
    """

    page: tuple[float, float]
    margin: float
    family: str
    size: float
    heading_scale: tuple[float, float] = (1.9, 1.35)


class ZooPDF(FPDF):
    """An FPDF with the zoo's fonts, a running title at the top and the page number at the bottom."""

    def __init__(self, style: Style, title: str) -> None:
        super().__init__(unit="pt", format=style.page)
        self.style_, self.running_title, self.part_title = style, title, None
        self.page_decorations: list[Callable[["ZooPDF"], None]] = []
        self.set_margins(style.margin, style.margin + style.size * 2, style.margin)
        self.set_auto_page_break(True, style.margin + style.size * 2)
        self.set_creation_date(datetime(2025, 1, 1, tzinfo=timezone.utc))  # the same input gives the same bytes

    def set_font(self, family=None, style="", size=0) -> None:
        """As FPDF's, registering a DejaVu font on its first use (loading all of them is slow)."""
        style = style.upper() if isinstance(style, str) else style
        if isinstance(style, str) and family in _FONT_FILES and f"{family}{style}" not in self.fonts:
            regular, bold = _FONT_FILES[family]
            self.add_font(family, style, str(font_dir() / f"{bold if style == 'B' else regular}.ttf"))
        super().set_font(family, style, size)

    def header(self) -> None:
        """The running title (and the report part, where the page has one) in small type at the top edge."""
        size = self.style_.size * 0.75
        self.set_font(self.style_.family, "", size)
        self.set_text_color(90, 90, 90)
        self.text(self.style_.margin, self.style_.margin, self.running_title[:80])
        if self.part_title:
            self.set_font(self.style_.family, "B", size)
            self.text(self.w - self.style_.margin - self.get_string_width(self.part_title), self.style_.margin, self.part_title)
        self.set_text_color(0, 0, 0)
        for decorate in self.page_decorations:
            decorate(self)

    def footer(self) -> None:
        """The page number, right, at the bottom edge."""
        self.set_font(self.style_.family, "", self.style_.size * 0.75)
        self.set_text_color(90, 90, 90)
        number = str(self.page_no())
        self.text(self.w - self.style_.margin - self.get_string_width(number), self.h - self.style_.margin, number)
        self.set_text_color(0, 0, 0)

    def set_body(self, scale: float = 1.0, bold: bool = False, family: Optional[str] = None) -> None:
        """The body font, scaled."""
        self.set_font(family or self.style_.family, "B" if bold else "", self.style_.size * scale)


def document_title(source: dict) -> str:
    """The first heading of the document, used as its running title."""
    return next((e["text"] for p in source["pages"] for e in p["elements"] if e["type"] == "heading"), source["file"])


def heading_scale(pdf: ZooPDF, element: dict) -> float:
    """Size of a heading relative to the body."""
    return pdf.style_.heading_scale[0 if element.get("level", 2) == 1 else 1]


def flow(pdf: ZooPDF, elements: Sequence[dict], ncols: int, align: str = "LEFT", gutter: Optional[float] = None,
         hyphen: Optional[str] = None) -> None:
    """Set text elements by hand through ``ncols`` columns from the current position, new pages as needed.

    Headings bold by size (kept with what follows), list items with their printed
    marker and a hanging indent, paragraphs justified when ``align`` is "JUSTIFY".
    """
    from tests.layout_zoo.typeset import draw_line, wrap

    if not elements:
        return
    size = pdf.style_.size
    gutter = gutter or 1.8 * size
    width = (pdf.w - pdf.l_margin - pdf.r_margin - (ncols - 1) * gutter) / ncols
    bottom = pdf.h - pdf.b_margin
    state = {"col": 0, "top": pdf.get_y(), "y": pdf.get_y(), "low": pdf.get_y()}

    def next_column() -> None:
        state["col"] += 1
        if state["col"] == ncols:
            pdf.add_page()
            state.update(col=0, top=pdf.t_margin, low=pdf.t_margin)
        state["y"] = state["top"]

    for element in elements:
        kind = element["type"]
        scale = heading_scale(pdf, element) if kind == "heading" else 0.8 if kind == "sidebar" else 1.0
        pdf.set_body(scale, bold=kind in ("heading", "sidebar"))
        leading = size * scale * 1.25
        indent = size * 1.8 if kind == "item" else 0.0
        lines = wrap(pdf, element["text"], width - indent, hyphen if kind in ("paragraph", "item") else None)
        state["y"] += size * (1.0 if kind == "heading" else 0.5)
        if kind == "heading" and state["y"] + leading * len(lines) + size * 3 > bottom:
            next_column()
        for i, line in enumerate(lines):
            if state["y"] + leading > bottom:
                next_column()
            state["y"] += leading
            x = pdf.l_margin + state["col"] * (width + gutter)
            if i == 0 and kind == "item":
                pdf.text(x, state["y"], element.get("marker") or BULLET)
            draw_line(pdf, line, x + indent, state["y"], width - indent, align == "JUSTIFY" and kind != "heading")
            state["low"] = max(state["low"], state["y"])
    pdf.set_y(state["low"] + size * 0.5)


def goal_cell(row: dict, bullet: str = BULLET) -> str:
    """The goal cell's text: the goal, then its sub-goals as bullets."""
    return "\n".join([row["goal"]] + [f"{bullet} {sub}" for sub in row["subgoals"]])


def evaluation_cells(row: dict) -> list[str]:
    """A row's four cells in the report's order: goal, achieved, score, assessment."""
    return [goal_cell(row), row["verdict"], str(row["score"]), "\n".join(row["assessment"])]


def draw_table(pdf: ZooPDF, header: Optional[Sequence[str]], rows: Sequence[Sequence[str]], widths: Sequence[float],
               size: float, ruled: bool = True, shaded: bool = False) -> None:
    """A table across the text width, set by hand (fpdf2's own table is slow on long cells).

    Ruled: every cell framed, the header row grey and repeated at the top of every page the
    table runs onto. Borderless: no lines, every other row shaded. A row taller than the rest
    of the page goes on on the next one, line by line.
    """
    from tests.layout_zoo.typeset import wrap

    pad, leading = size * 0.4, size * 1.25
    scale = (pdf.w - pdf.l_margin - pdf.r_margin) / sum(widths)
    xs = [pdf.l_margin + sum(widths[:i]) * scale for i in range(len(widths))]
    columns = [w * scale for w in widths]

    def lines_of(cells: Sequence[str], bold: bool) -> list[list[str]]:
        pdf.set_font(pdf.style_.family, "B" if bold else "", size)
        return [[" ".join(line.words) for part in text.split("\n") for line in wrap(pdf, part, width - 2 * pad)]
                for text, width in zip(cells, columns)]

    def draw(cell_lines: list[list[str]], bold: bool, fill: Optional[tuple[int, int, int]]) -> None:
        offset = 0
        while True:
            room = int((pdf.h - pdf.b_margin - pdf.get_y() - 2 * pad) // leading)
            left = max(len(c) for c in cell_lines) - offset
            if room < min(left, 2) or room < 1:
                pdf.add_page()
                if header and ruled and not bold:
                    draw(head_lines, True, (200, 200, 200))
                continue
            take = min(room, left)
            height = take * leading + 2 * pad
            y = pdf.get_y()
            pdf.set_font(pdf.style_.family, "B" if bold else "", size)
            for x, width, lines in zip(xs, columns, cell_lines):
                if fill:
                    pdf.set_fill_color(*fill)
                    pdf.rect(x, y, width, height, style="F")
                if ruled:
                    pdf.rect(x, y, width, height)
                for i, line in enumerate(lines[offset:offset + take]):
                    pdf.text(x + pad, y + pad + (i + 0.8) * leading, line)
            pdf.set_y(y + height)
            offset += take
            if offset >= max(len(c) for c in cell_lines):
                return

    head_lines = lines_of(header, True) if header else []
    pdf.set_y(pdf.get_y() + size * 0.6)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.5)
    if header:
        draw(head_lines, True, (200, 200, 200) if ruled else None)
    for index, row in enumerate(rows):
        draw(lines_of(row, False), False, (222, 232, 242) if shaded and index % 2 == 0 else None)
    pdf.set_y(pdf.get_y() + size * 0.6)


def page_tables(pdf: ZooPDF, page: dict, size: float, width_share: Sequence[float], order: Sequence[int] = (0, 1, 2, 3),
                ruled: bool = True, shaded: bool = False, header: bool = True) -> None:
    """The page's tables (summary and evaluation tables) in a given column order."""
    for element in page["elements"]:
        if element["type"] == "evaluation_table":
            cells = [evaluation_cells(r) for r in element["rows"]]
            head = [element["header"][i] for i in order] if header else None
            draw_table(pdf, head, [[c[i] for i in order] for c in cells],
                       [width_share[i] for i in order], size, ruled, shaded)
        elif element["type"] == "table":
            rows = [[c["text"] for c in r] for r in element["rows"]]
            widths = [3.0] + [1.0] * (len(element["header"]) - 1)
            draw_table(pdf, element["header"], rows, widths, size, ruled, shaded)


def write_pdf(pdf: ZooPDF, path: Path) -> Path:
    """Save and return the path."""
    pdf.output(str(path))
    return path
