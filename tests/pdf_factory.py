"""Small PDFs for tests, drawn with fpdf2 from a list of items per page.

Coordinates are PDF points from the page's top-left corner; ``y`` of a text
item is its baseline. A Unicode TrueType font (DejaVu Sans, regular and bold)
is needed for ä/ö/å, bullets and dashes: :func:`unicode_fonts` finds one on the
machine and tests skip when there is none.

Example::

    build_pdf(tmp_path / "a.pdf", [[Text(72, 100, "Hyvinvointi", size=20, bold=True)]])

"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence, Union

from fpdf import FPDF

A4 = (595.28, 841.89)

_FONT_PAIRS = (("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),)
_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)


def _package_font_dirs() -> list[Path]:
    """Font folders that Python packages ship (e.g. matplotlib's DejaVu)."""
    return [
        Path(entry) / "matplotlib" / "mpl-data" / "fonts" / "ttf"
        for entry in sys.path
        if entry
    ]


def unicode_fonts() -> Optional[tuple[Path, Path]]:
    """The regular and bold TTF of a Unicode sans font, or ``None`` when none is found.

    >>> unicode_fonts()  # doctest: +SKIP
    (PosixPath('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'), PosixPath('.../DejaVuSans-Bold.ttf'))
    """
    for folder in (*_FONT_DIRS, *_package_font_dirs()):
        for regular, bold in _FONT_PAIRS:
            if (folder / regular).is_file() and (folder / bold).is_file():
                return folder / regular, folder / bold
    return None


@dataclass(frozen=True)
class Text:
    """One line of text whose baseline starts at (x, y)."""

    x: float
    y: float
    text: str
    size: float = 11.0
    bold: bool = False
    spacing: float = 0.0  # extra points after every glyph (letter spacing)


@dataclass(frozen=True)
class Lines:
    """Lines set one under the other; the first baseline is at ``y``, then every ``leading × size``."""

    x: float
    y: float
    lines: Sequence[str]
    size: float = 11.0
    bold: bool = False
    leading: float = 1.3

    def items(self) -> list[Text]:
        """The lines as :class:`Text` items."""
        step = self.leading * self.size
        return [
            Text(self.x, self.y + i * step, line, self.size, self.bold)
            for i, line in enumerate(self.lines)
        ]


@dataclass(frozen=True)
class Justified:
    """Lines set flush left and right to ``width``, each word placed on its own (no space glyphs); the last line ragged."""

    x: float
    y: float
    width: float
    lines: Sequence[str]
    size: float = 11.0
    leading: float = 1.3


@dataclass(frozen=True)
class Rule:
    """A straight line from (x0, y0) to (x1, y1), e.g. a column rule."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.5


@dataclass(frozen=True)
class Runs:
    """Pieces set one after another from (x, y): each ``(text, size, rise)``; a rise lifts a superscript."""

    x: float
    y: float
    parts: Sequence[tuple[str, float, float]]


@dataclass(frozen=True)
class Rotated:
    """Text turned ``angle`` degrees counter-clockwise around its start (x, y)."""

    x: float
    y: float
    text: str
    size: float = 9.0
    angle: float = 90.0


@dataclass(frozen=True)
class Box:
    """A rectangle; filled grey unless ``fill`` is ``None`` (then only its outline)."""

    x: float
    y: float
    w: float
    h: float
    fill: Optional[tuple[int, int, int]] = (225, 225, 225)


@dataclass(frozen=True)
class Table:
    """A table, top-left corner at (x, y); cell text may hold ``\\n``.

    ``ruled``: every cell outlined; else borderless. ``fills``: a background
    colour (or ``None``) per row, drawn across the whole row. ``bold_rows``:
    the first rows set in bold.
    """

    x: float
    y: float
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]
    size: float = 10.0
    leading: float = 1.3
    padding: float = 4.0
    ruled: bool = True
    fills: Sequence[Optional[tuple[int, int, int]]] = ()
    bold_rows: int = 0


Item = Union[Text, Lines, Justified, Rule, Runs, Rotated, Box, Table]


class _Drawer:
    """Draws items on an :class:`FPDF` whose fonts are registered as ``body``."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf

    def font(self, size: float, bold: bool) -> None:
        """Select the body font."""
        self.pdf.set_font("body", "B" if bold else "", size)

    def draw(self, item: Item) -> None:
        """Draw one item on the current page."""
        if isinstance(item, Text):
            self.font(item.size, item.bold)
            self.pdf.set_char_spacing(item.spacing)
            self.pdf.text(item.x, item.y, item.text)
            self.pdf.set_char_spacing(0)
        elif isinstance(item, Justified):
            self.justified(item)
        elif isinstance(item, Rule):
            self.pdf.set_line_width(item.width)
            self.pdf.line(item.x0, item.y0, item.x1, item.y1)
        elif isinstance(item, Lines):
            for line in item.items():
                self.draw(line)
        elif isinstance(item, Runs):
            x = item.x
            for text, size, rise in item.parts:
                self.font(size, False)
                self.pdf.text(x, item.y - rise, text)
                x += self.pdf.get_string_width(text)
        elif isinstance(item, Rotated):
            self.font(item.size, False)
            with self.pdf.rotation(item.angle, item.x, item.y):
                self.pdf.text(item.x, item.y, item.text)
        elif isinstance(item, Box):
            if item.fill is not None:
                self.pdf.set_fill_color(*item.fill)
            self.pdf.rect(item.x, item.y, item.w, item.h, style="F" if item.fill else "D")
        else:
            self.table(item)

    def justified(self, item: Justified) -> None:
        """Draw each word at its own position so that every line but the last fills ``width``."""
        self.font(item.size, False)
        for n, line in enumerate(item.lines):
            y = item.y + n * item.leading * item.size
            words = line.split()
            widths = [self.pdf.get_string_width(w) for w in words]
            last = n == len(item.lines) - 1 or len(words) == 1
            gap = self.pdf.get_string_width(" ") if last else (item.width - sum(widths)) / (len(words) - 1)
            x = item.x
            for word, width in zip(words, widths):
                self.pdf.text(x, y, word)
                x += width + gap

    def table(self, table: Table) -> None:
        """Draw a table row by row: its background, outline each cell (when ruled), then its lines."""
        step = table.leading * table.size
        top = table.y
        for r, row in enumerate(table.rows):
            self.font(table.size, r < table.bold_rows)
            height = max(len(cell.split("\n")) for cell in row) * step + 2 * table.padding
            fill = table.fills[r] if r < len(table.fills) else None
            if fill is not None:
                self.pdf.set_fill_color(*fill)
                self.pdf.rect(table.x, top, sum(table.widths), height, style="F")
            left = table.x
            for cell, width in zip(row, table.widths):
                if table.ruled:
                    self.pdf.rect(left, top, width, height)
                for i, line in enumerate(cell.split("\n")):
                    baseline = top + table.padding + table.size + i * step
                    self.pdf.text(left + table.padding, baseline, line)
                left += width
            top += height


def string_width(text: str, size: float = 11.0, bold: bool = False) -> float:
    """The width in points of ``text`` set in the test font."""
    fonts = unicode_fonts()
    if fonts is None:
        raise RuntimeError("no Unicode TTF font found for test PDFs")
    pdf = FPDF(unit="pt")
    pdf.add_font("body", "", str(fonts[0]))
    pdf.add_font("body", "B", str(fonts[1]))
    pdf.set_font("body", "B" if bold else "", size)
    return pdf.get_string_width(text)


def build_pdf(
    path: Path,
    pages: Sequence[Sequence[Item]],
    size: tuple[float, float] = A4,
    user_password: Optional[str] = None,
    compress: bool = True,
    unmapped: bool = False,
) -> Path:
    """Write a PDF with one page per item list and return its path.

    >>> build_pdf(tmp_path / "x.pdf", [[Text(72, 72, "Sivu yksi")], []])  # doctest: +SKIP

    :param path: where to write the file
    :param pages: the items of each page, drawn in order
    :param size: page width and height in points
    :param user_password: encrypt the file with this user password ("" opens without one)
    :param compress: deflate the content streams (off: operators stay readable, e.g. for mutation fuzzing)
    :param unmapped: leave out the fonts' ToUnicode maps, so the glyphs have no Unicode mapping (``(cid:N)``)
    """
    fonts = unicode_fonts()
    if fonts is None:
        raise RuntimeError("no Unicode TTF font found for test PDFs")
    pdf = FPDF(unit="pt", format=size)
    pdf.set_auto_page_break(False)
    pdf.set_compression(compress and not unmapped)
    pdf.add_font("body", "", str(fonts[0]))
    pdf.add_font("body", "B", str(fonts[1]))
    if user_password is not None:
        pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    drawer = _Drawer(pdf)
    for items in pages:
        pdf.add_page()
        for item in items:
            drawer.draw(item)
    pdf.output(str(path))
    if unmapped:
        Path(path).write_bytes(re.sub(rb"/ToUnicode \d+ 0 R", b"", Path(path).read_bytes()))
    return Path(path)


def truncated_copy(source: Path, target: Path) -> Path:
    """Write the first half of ``source``'s bytes to ``target`` (a cut-off download)."""
    data = Path(source).read_bytes()
    Path(target).write_bytes(data[: len(data) // 2])
    return Path(target)
