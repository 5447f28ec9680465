"""The paragraphs of a text body (a shape, a table cell, the notes) as printed.

Each non-empty paragraph becomes a :class:`Paragraph`: its lines (split at
line breaks), its list marker (from the style chain's bullet or a typed-in
marker), its font size and boldness with inheritance resolved. Text frames,
table cells and notes all read their text through :func:`read_paragraphs`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pptx.text.text import TextFrame

from extract.readers.pptx.markers import Numbering, formatted_marker, split_literal_marker
from extract.readers.pptx.styles import StyleChain

_LINE_BREAK = re.compile(r"[\x0b\n]")


@dataclass(frozen=True)
class Paragraph:
    """One non-empty paragraph: lines without the marker, the marker, size in points, bold."""

    lines: tuple[str, ...]
    marker: Optional[str]
    font_size: float
    bold: bool

    @property
    def text(self) -> str:
        """The lines joined by spaces."""
        return " ".join(line.strip() for line in self.lines)


def split_lines(text: str) -> list[str]:
    """The non-blank lines of a paragraph's text, split at line breaks (``\\x0b``) and newlines.

    Example: ``split_lines("Rivi yksi\\x0bRivi kaksi") == ["Rivi yksi", "Rivi kaksi"]``.
    """
    return [line for line in _LINE_BREAK.split(text) if line.strip()]


def read_paragraphs(text_frame: TextFrame, chain: StyleChain, markers: bool = True) -> list[Paragraph]:
    """The non-empty paragraphs of a text body, in order.

    Example::

        [p.marker for p in read_paragraphs(shape.text_frame, shape_chain(shape, slide))]  # ["1.", "2."]

    :param text_frame: the text body.
    :param chain: where its paragraphs inherit their bullets and fonts from.
    :param markers: look for list markers (``False`` for text whose bullets do not count, e.g. rotated).
    """
    numbering = Numbering()
    out = []
    for paragraph in text_frame.paragraphs:
        lines = split_lines(paragraph.text)
        if not lines:
            continue
        marker = formatted_marker(paragraph.level, chain.bullet(paragraph), numbering) if markers else None
        literal, first = split_literal_marker(lines[0])
        if markers and literal is not None and first.strip():
            marker, lines[0] = literal, first
        out.append(Paragraph(tuple(lines), marker, chain.font_size(paragraph), chain.bold(paragraph)))
    return out
