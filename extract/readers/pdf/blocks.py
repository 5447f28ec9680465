"""Lines to blocks, and blocks to roles.

Lines stack into a block while they follow at the usual line spacing, in
one size and weight, and (for a list item) indented under its first line;
a line that starts with a list marker always starts a block. Over the whole
document, the body size (the size of most characters, measured per
document) decides which blocks are headings: clearly larger ones rank by
size, a short bold block at body size is the lowest level, and "1.2 "
numbering sets the level by its depth.

A finished block keeps its physical lines. Every line but the last ends
with a space unless it ends with a hyphen: in a PDF a line end without a
hyphen is a word boundary, and :func:`extract.clean.hyphenation.join_lines`
reads a trailing space as exactly that.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional, Sequence

from extract.readers.pdf.geometry import BBox, overlap
from extract.readers.pdf.lines import Line
from extract.readers.pdf.markers import DASHES, is_bullet, split_marker
from extract.readers.pdf.settings import PdfSettings
from extract.records import Block

# "1 ", "1.2 ", "3.1.4. " at the start of a heading.
_NUMBERING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S")
_MAX_SIZE_LEVEL = 3
_HYPHENS = "-\u2010"
_SOFT_HYPHEN = "\u00ad"


@dataclass
class Draft:
    """A block under construction: its lines and, for a list item, the marker."""

    lines: list[Line]
    marker: Optional[str] = None
    rest: str = ""  # the first line without its marker
    aside: bool = False  # a pull quote or side box's text: never a heading

    @property
    def bbox(self) -> BBox:
        """The box around all lines."""
        return (
            min(line.x0 for line in self.lines),
            min(line.top for line in self.lines),
            max(line.x1 for line in self.lines),
            max(line.bottom for line in self.lines),
        )

    @property
    def size(self) -> float:
        """The font size of most characters."""
        sizes: Counter[float] = Counter()
        for line in self.lines:
            sizes[line.size] += line.chars
        return sizes.most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        """True when most characters are bold."""
        bold = sum(line.chars for line in self.lines if line.bold)
        return bold * 2 > sum(line.chars for line in self.lines)

    @property
    def text(self) -> str:
        """The lines joined with spaces."""
        return " ".join(line.text for line in self.lines)


def size_differs(a: float, b: float, settings: PdfSettings) -> bool:
    """True when two font sizes differ by more than ``size_change``."""
    return abs(a - b) > settings.size_change * max(a, b)


class LineSpacing:
    """The usual gap between stacked lines, learned over the pages of one document.

    A page of one-line paragraphs set at an even spacing (guidelines, boxes of
    a strategy summary) shows only paragraph gaps; its own lower quartile would
    take them for line gaps and join the paragraphs. The gaps of the pages
    read so far, per font size, tell the line spacing there. A size whose
    blocks are nearly all one line (headings) shows few line gaps even over
    the whole document; its lines are taken to be spaced no looser, in em,
    than the tightest size seen often enough: a stack of one-line headings
    stays a stack of headings. A page read before the document showed its
    spacing is read again once it has (:meth:`settled`, :meth:`tighter`).
    """

    def __init__(self) -> None:
        self._ratios: dict[float, list[float]] = {}
        self._learning = True
        self._probes: list[Probe] = []

    def settled(self) -> "LineSpacing":
        """The spacing learned so far, fixed: measuring with it learns nothing more."""
        fixed = LineSpacing()
        fixed._ratios = {size: list(gaps) for size, gaps in self._ratios.items()}
        fixed._learning = False
        return fixed

    def take_probes(self) -> list["Probe"]:
        """What each region measured since the last call: its own spacing, its size and the spacing used."""
        probes, self._probes = self._probes, []
        return probes

    def tighter(self, probes: Sequence["Probe"]) -> bool:
        """True when this spacing is clearly tighter than the one some region of ``probes`` was read with."""
        return any(self._spacing(own, size) < used - _RETHINK for own, size, used in probes)

    def measure(self, lines: Sequence[Line], settings: PdfSettings) -> float:
        """The line spacing for a region, in em: its own lower quartile, or the document's when smaller."""
        ratios = _gap_ratios(lines, settings)
        sizes = Counter(_size_key(line.size) for line in lines)
        own = _lower_quartile([r for _, r in ratios])
        size = sizes.most_common(1)[0][0] if sizes else None
        if not self._learning:
            return self._spacing(own, size)
        for key, ratio in ratios:
            self._ratios.setdefault(key, []).append(ratio)
        used = self._spacing(own, size)
        self._probes.append((own, size, used))
        return used

    def _spacing(self, own: Optional[float], size: Optional[float]) -> float:
        seen = self._ratios.get(size, []) if size is not None else []
        learned = _lower_quartile(seen) if len(seen) >= _LEARNED_MIN else None
        tightest = min((_lower_quartile(gaps) for gaps in self._ratios.values() if len(gaps) >= _LEARNED_MIN),
                       default=None)
        candidates = [v for v in (own, learned, tightest) if v is not None]
        return min(candidates) if candidates else _DEFAULT_SPACING


Probe = tuple[Optional[float], Optional[float], float]  # a region's own spacing, its size, the spacing it was read with
_RETHINK = 0.1  # em: a page read with a spacing this much looser than the document's is read again
_LEARNED_MIN = 8  # gaps seen in the document before its spacing counts
_DEFAULT_SPACING = 0.25


def _gap_ratios(lines: Sequence[Line], settings: PdfSettings) -> list[tuple[float, float]]:
    """(font size key, gap in em) between each line and the nearest line of its style above it."""
    ratios: list[tuple[float, float]] = []
    for i, line in enumerate(lines):
        nearest: Optional[Line] = None
        limit, x0, x1 = line.top + settings.line_tolerance, line.x0, line.x1
        for other in lines[:i]:  # every pair: the cheap tests first
            if (
                other.bottom <= limit
                and (nearest is None or other.bottom > nearest.bottom)
                and min(other.x1, x1) - max(other.x0, x0) > 0  # overlap(), inline
                and not size_differs(other.size, line.size, settings)
            ):
                nearest = other
        if nearest is not None:
            ratio = (line.top - nearest.bottom) / line.size
            if ratio <= 1.5:
                ratios.append((_size_key(line.size), ratio))
    return ratios


def _lower_quartile(values: Sequence[float]) -> Optional[float]:
    """Lower quartile rather than median: a page of short paragraphs has as many paragraph gaps as line gaps."""
    return sorted(values)[len(values) // 4] if values else None


def _continues(draft: Draft, line: Line, spacing: float, settings: PdfSettings) -> bool:
    """True when ``line`` goes on ``draft``: just below it, in its style, not out-dented from a list item."""
    last = draft.lines[-1]
    gap = line.top - last.bottom
    if gap < -settings.line_tolerance:
        return False
    if gap > (spacing + settings.paragraph_gap) * min(last.size, line.size):
        return False
    if size_differs(last.size, line.size, settings) or last.bold != line.bold:
        return False
    return draft.marker is None or line.x0 > draft.lines[0].x0 + 1.0


def drafts(lines: Sequence[Line], settings: PdfSettings, spacing_of: Optional[LineSpacing] = None) -> list[Draft]:
    """Stack lines into blocks; a line with a list marker always starts a block.

    A line joins the latest block it overlaps horizontally and continues, so a
    side column's lines never join body paragraphs.

    :param lines: a region's lines, top to bottom
    :param settings: the reader's settings
    :param spacing_of: the document's line spacing so far (a fresh one when not given)
    """
    spacing = (spacing_of or LineSpacing()).measure(lines, settings)
    found: list[Draft] = []
    for line in lines:
        marker, rest = split_marker(line.text)
        above = None if marker and not _dash_goes_on(found, line, marker, rest) else _block_above(
            found, line, spacing, settings)
        if above is not None:
            above.lines.append(line)
        else:
            found.append(Draft([line], marker, rest))
    return found


def _dash_goes_on(found: Sequence[Draft], line: Line, marker: str, rest: str) -> bool:
    """True when a line that opens with a dash is the next line of the block above, going on in lower case
    a line that ends in no punctuation (after a colon or a full stop it is an item):

    - of a list item, set at the item's text indent, not at its marker ("… och företag" / "– till kundens bästa.");
    - of a paragraph, whose last line runs as wide as its widest: the sentence was wrapped before its dash
      ("… kasvaa ja ikääntyy" / "– vuonna 2030 meillä …"), where a list's lead-in would stop short.
    """
    item = found[-1] if found else None
    if not (marker in DASHES and rest[:1].islower() and item is not None
            and item.lines[-1].text.rstrip()[-1:].isalnum()):
        return False
    if item.marker is not None:
        return line.x0 > item.lines[0].x0 + 1.0
    last = item.lines[-1]
    return len(item.lines) > 1 and last.x1 >= max(other.x1 for other in item.lines) - last.size


def _block_above(found: Sequence[Draft], line: Line, spacing: float, settings: PdfSettings) -> Optional[Draft]:
    """The latest block whose last line overlaps ``line`` horizontally and that ``line`` continues."""
    for draft in reversed(found):
        last = draft.lines[-1]
        if overlap(last.x0, last.x1, line.x0, line.x1) > 0 and _continues(draft, line, spacing, settings):
            return draft
    return None


# --------------------------------------------------------------------------- roles and levels


@dataclass(frozen=True)
class Styles:
    """The document's body size and the level of each heading size."""

    body: float
    levels: dict[float, int] = field(default_factory=dict)


def _size_key(size: float) -> float:
    """A font size rounded to half a point, so 13.98 and 14.0 rank as one heading size.

    >>> _size_key(13.98), _size_key(10.7)
    (14.0, 10.5)
    """
    return round(size * 2) / 2


def _is_large(draft: Draft, body: float, settings: PdfSettings) -> bool:
    """True for a block set clearly larger than the body and short enough to be a heading."""
    return draft.size >= settings.heading_ratio * body and len(draft.text) <= settings.heading_max_chars


def _is_bold_heading(draft: Draft, body: float, settings: PdfSettings) -> bool:
    """True for a short bold block (at most 2 lines) at the body size or larger, short of a large heading's
    (bold print smaller than the body, a caption or a note, is none)."""
    return (
        draft.bold
        and len(draft.lines) <= 2
        and len(draft.text) <= settings.bold_heading_max_chars
        and draft.size >= body * (1 - settings.size_change)
    )


def styles(found: Sequence[Draft], settings: PdfSettings) -> Styles:
    """The body size (most common size, weighted by characters) and the ranked heading sizes.

    :param found: all drafts of the document
    :param settings: the reader's settings
    """
    sizes: Counter[float] = Counter()
    for draft in found:
        for line in draft.lines:
            sizes[line.size] += line.chars
    if not sizes:
        return Styles(body=0.0)
    body = sizes.most_common(1)[0][0]
    heading_sizes = sorted({_size_key(d.size) for d in found if _is_large(d, body, settings)}, reverse=True)
    return Styles(body, {size: min(rank, _MAX_SIZE_LEVEL) for rank, size in enumerate(heading_sizes, 1)})


def heading_level(draft: Draft, found: Styles, settings: PdfSettings) -> Optional[int]:
    """The heading level of a draft, or ``None`` when it is not a heading.

    Larger sizes rank 1, 2, 3; a short bold block at body size is level 3; a
    heading numbered "1.2 " takes its level from the numbering's depth. A
    bulleted block is never a heading.
    """
    if draft.aside or is_bullet(draft.marker):
        return None
    if _is_large(draft, found.body, settings):
        level = found.levels[_size_key(draft.size)]
    elif _is_bold_heading(draft, found.body, settings):
        level = _MAX_SIZE_LEVEL
    else:
        return None
    numbering = _NUMBERING.match(draft.lines[0].text)
    return numbering.group(1).count(".") + 1 if numbering else level


def line_ends(texts: Sequence[str]) -> tuple[str, ...]:
    """Physical lines as a block keeps them: soft hyphens dropped, and a word boundary marked at each line end.

    A soft hyphen (U+00AD) at a line end is where the typesetter broke a
    word; it becomes a plain hyphen, which the hyphenation repair decides
    on. Every other line but the last gets a trailing space unless it ends
    with a hyphen.

    >>> line_ends(["talouden", "tasapai\\u00ad", "no"])
    ('talouden ', 'tasapai-', 'no')
    """
    out = []
    for i, text in enumerate(texts):
        if text.endswith(_SOFT_HYPHEN):
            text = text.rstrip(_SOFT_HYPHEN) + "-"
        text = text.replace(_SOFT_HYPHEN, "")
        last = i == len(texts) - 1
        out.append(text if last or text[-1:] in _HYPHENS or not text else text + " ")
    return tuple(out)


def finish(draft: Draft, number: int, found: Styles, settings: PdfSettings) -> Block:
    """The finished block of a draft: a heading, a list item or a paragraph."""
    texts = [line.text for line in draft.lines]
    level = heading_level(draft, found, settings)
    if level is not None:
        role, marker = "heading", None
    elif draft.marker is not None:
        role, marker, texts[0] = "list_item", draft.marker, draft.rest
    else:
        role, marker = "paragraph", None
    return Block(
        lines=line_ends(texts),
        page=number,
        role=role,
        level=level,
        marker=marker,
        bbox=draft.bbox,
        font_size=draft.size,
        bold=draft.bold,
    )
