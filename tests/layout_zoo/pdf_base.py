"""What the PDF layouts share: fonts, page furniture, text flow through columns and tables drawn with fpdf2."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional, Sequence

from fpdf import FPDF
from fpdf.fonts import FontFace

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
BULLET = "•"
CONTINUES = "Jatkuu seuraavalla sivulla"


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
        fonts = font_dir()
        for name, regular, bold in (("sans", "DejaVuSans", "DejaVuSans-Bold"), ("serif", "DejaVuSerif", "DejaVuSerif-Bold"),
                                    ("cond", "DejaVuSansCondensed", "DejaVuSansCondensed-Bold")):
            self.add_font(name, "", str(fonts / f"{regular}.ttf"))
            self.add_font(name, "B", str(fonts / f"{bold}.ttf"))
        self.set_margins(style.margin, style.margin + style.size * 2, style.margin)
        self.set_auto_page_break(True, style.margin + style.size * 2)
        self.set_creation_date(datetime(2025, 1, 1, tzinfo=timezone.utc))  # the same input gives the same bytes

    def header(self) -> None:
        """The running title (and the report part, where the page has one) in small type at the top edge."""
        size = self.style_.size * 0.75
        self.set_font("sans", "", size)
        self.set_text_color(90, 90, 90)
        self.text(self.style_.margin, self.style_.margin, self.running_title[:80])
        if self.part_title:
            self.set_font("sans", "B", size)
            self.text(self.w - self.style_.margin - self.get_string_width(self.part_title), self.style_.margin, self.part_title)
        self.set_text_color(0, 0, 0)
        for decorate in self.page_decorations:
            decorate(self)

    def footer(self) -> None:
        """The page number, right, at the bottom edge."""
        self.set_font("sans", "", self.style_.size * 0.75)
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
         transform: Callable[[str], str] = lambda text: text) -> None:
    """Set text elements through ``ncols`` columns (headings bold by size, list items with their printed marker)."""
    if not elements:
        return
    size = pdf.style_.size
    with pdf.text_columns(ncols=ncols, gutter=gutter or 1.8 * size, text_align=align, line_height=1.2) as cols:
        for element in elements:
            kind = element["type"]
            if kind == "heading":
                pdf.set_body(heading_scale(pdf, element), bold=True)
            elif kind == "sidebar":
                pdf.set_body(0.8, bold=True, family="sans")
            else:
                pdf.set_body()
            marker = (element.get("marker") or BULLET) if kind == "item" else ""
            with cols.paragraph(
                top_margin=size * (1.0 if kind == "heading" else 0.5),
                bullet_string=marker, indent=size * 1.8 if marker else 0, bullet_r_margin=size * 0.5,
                text_align="LEFT" if kind in ("heading", "sidebar") else align,
            ) as par:
                par.write(transform(element["text"]))


def goal_cell(row: dict, bullet: str = BULLET) -> str:
    """The goal cell's text: the goal, then its sub-goals as bullets."""
    return "\n".join([row["goal"]] + [f"{bullet} {sub}" for sub in row["subgoals"]])


def evaluation_cells(row: dict) -> list[str]:
    """A row's four cells in the report's order: goal, achieved, score, assessment."""
    return [goal_cell(row), row["verdict"], str(row["score"]), "\n".join(row["assessment"])]


def draw_table(pdf: ZooPDF, header: Optional[Sequence[str]], rows: Sequence[Sequence[str]], widths: Sequence[float],
               size: float, ruled: bool = True, shaded: bool = False) -> None:
    """A table across the text width: ruled (header repeated on every page) or borderless with shaded rows."""
    pdf.set_font("cond", "", size)
    pdf.ln(size * 0.6)
    grid = ([list(header)] if header else []) + [list(r) for r in rows]
    with pdf.table(
        col_widths=widths, line_height=size * 1.2, text_align="LEFT", v_align="TOP", align="LEFT",
        first_row_as_headings=bool(header), repeat_headings=1 if header else 0,
        borders_layout="ALL" if ruled else "NONE", padding=size * 0.35,
        cell_fill_color=(222, 232, 242) if shaded else None, cell_fill_mode="ROWS" if shaded else "NONE",
        headings_style=FontFace(emphasis="BOLD", fill_color=(200, 200, 200) if ruled else None),
    ) as table:
        for cells in grid:
            row = table.row()
            for text in cells:
                row.cell(text)
    pdf.ln(size * 0.6)


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


def text_elements(page: dict) -> list[dict]:
    """The page's elements that are not tables."""
    return [e for e in page["elements"] if e["type"] not in ("table", "evaluation_table")]


def write_pdf(pdf: ZooPDF, path: Path) -> Path:
    """Save and return the path."""
    pdf.output(str(path))
    return path
