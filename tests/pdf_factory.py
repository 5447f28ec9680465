"""Small PDFs for tests, drawn with fpdf2 from a list of items per page.

Coordinates are PDF points from the page's top-left corner; ``y`` of a text
item is its baseline. A Unicode TrueType font (DejaVu Sans, regular and bold)
is needed for ä/ö/å, bullets and dashes: :func:`unicode_fonts` finds one on the
machine and tests skip when there is none.

Example::

    build_pdf(tmp_path / "a.pdf", [[Text(72, 100, "Hyvinvointi", size=20, bold=True)]])

"""

from __future__ import annotations

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
    """A ruled table: every cell outlined, cell text may hold ``\\n``; the top-left corner at (x, y)."""

    x: float
    y: float
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]
    size: float = 10.0
    leading: float = 1.3
    padding: float = 4.0


Item = Union[Text, Lines, Runs, Rotated, Box, Table]


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
            self.pdf.text(item.x, item.y, item.text)
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

    def table(self, table: Table) -> None:
        """Draw a table row by row: outline each cell, then its lines."""
        self.font(table.size, False)
        step = table.leading * table.size
        top = table.y
        for row in table.rows:
            height = max(len(cell.split("\n")) for cell in row) * step + 2 * table.padding
            left = table.x
            for cell, width in zip(row, table.widths):
                self.pdf.rect(left, top, width, height)
                for i, line in enumerate(cell.split("\n")):
                    baseline = top + table.padding + table.size + i * step
                    self.pdf.text(left + table.padding, baseline, line)
                left += width
            top += height


def build_pdf(
    path: Path,
    pages: Sequence[Sequence[Item]],
    size: tuple[float, float] = A4,
    user_password: Optional[str] = None,
    compress: bool = True,
) -> Path:
    """Write a PDF with one page per item list and return its path.

    >>> build_pdf(tmp_path / "x.pdf", [[Text(72, 72, "Sivu yksi")], []])  # doctest: +SKIP

    :param path: where to write the file
    :param pages: the items of each page, drawn in order
    :param size: page width and height in points
    :param user_password: encrypt the file with this user password ("" opens without one)
    :param compress: deflate the content streams (off: operators stay readable, e.g. for mutation fuzzing)
    """
    fonts = unicode_fonts()
    if fonts is None:
        raise RuntimeError("no Unicode TTF font found for test PDFs")
    pdf = FPDF(unit="pt", format=size)
    pdf.set_auto_page_break(False)
    pdf.set_compression(compress)
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
    return Path(path)


def truncated_copy(source: Path, target: Path) -> Path:
    """Write the first half of ``source``'s bytes to ``target`` (a cut-off download)."""
    data = Path(source).read_bytes()
    Path(target).write_bytes(data[: len(data) // 2])
    return Path(target)
