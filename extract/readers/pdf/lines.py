"""Characters to words to lines.

Upright characters are grouped into rows by their bottoms, each row cut
into words at whitespace glyphs and at gaps wider than ``word_gap`` em;
ligature glyphs (ﬁ ﬂ ﬀ ﬃ ﬄ) are spelt out. Words sharing a baseline form
rows (a smaller raised or lowered word joins the row it sits in), and a row
is cut into lines at gutters and wide gaps (not at the even, stretched
spaces of a justified line). In a line, a run of single
letters set apart by letter spacing ("S T R A T E G I A") is joined into
words. Rotated characters are read apart, in their own order.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from operator import itemgetter
from dataclasses import dataclass
from typing import Any, Callable, Iterable, NamedTuple, Optional, Sequence

from extract.readers.pdf.chars import Char
from extract.readers.pdf.geometry import BBox
from extract.readers.pdf.markers import MARKER_WORD
from extract.readers.pdf.settings import PdfSettings

Gutter = tuple[float, float]  # the x range of a whitespace gutter between columns

_LIGATURES = {lig: unicodedata.normalize("NFKC", lig) for lig in "ﬀﬁﬂﬃﬄﬅﬆ"}
_LIGATURE_SET = frozenset(_LIGATURES)
# Sort keys of Char and Word fields by position (named tuples): faster than a lambda, called per glyph.
_BOTTOM_X0 = itemgetter(Char._fields.index("bottom"), Char._fields.index("x0"))
_X0 = itemgetter(Char._fields.index("x0"))
_TOUCHING = 0.1  # em: words closer than this were split by a style change, not by a space
_SCRIPT_RATIO = 0.85  # words below this share of their line's size may be raised or lowered
_MIN_SPACED_RUN = 3  # single letters in a row before they count as letter-spaced
_SPACED_WORD_GAP = 1.5  # in a letter-spaced run, a gap this many times the narrowest is a word boundary
_EVEN_GAPS = 0.15  # em: the stretched spaces of one justified line differ by at most this
_ALIGNED = 1.5  # points: lines of one justified column start (or end) within this of each other
_INDENT = 3.0  # em: the deepest first-line indent of a paragraph
_NEAR_LINES = 2.5  # line heights (em): the line above or below is at most this far


class Word(NamedTuple):
    """A word: its text, box and style; ``spaced`` when a whitespace glyph stood before it (a named tuple: made by the thousand)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    spaced: bool = True

    @property
    def box(self) -> BBox:
        """The word's ``(x0, top, x1, bottom)``."""
        return self.x0, self.top, self.x1, self.bottom


_WORD_BOTTOM_X0 = itemgetter(Word._fields.index("bottom"), Word._fields.index("x0"))
_WORD_X0 = itemgetter(Word._fields.index("x0"))


@dataclass(frozen=True)
class Line:
    """Words on one baseline within one column, left to right."""

    words: tuple[Word, ...]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def chars(self) -> int:
        """The number of non-space characters."""
        return sum(len(w.text) for w in self.words)

    @property
    def bbox(self) -> BBox:
        """The line's ``(x0, top, x1, bottom)``."""
        return self.x0, self.top, self.x1, self.bottom


def _by_bottom(items: Iterable[Any], tolerance: float, key: Callable[[Any], Any]) -> list[list[Any]]:
    """Chars or words grouped by their bottoms: each row from its first item (sorted by ``key``, bottom then x0)
    up to ``tolerance`` below it, in that order."""
    grouped: list[list[Any]] = []
    row_bottom = 0.0
    for item in sorted(items, key=key):
        if grouped and item.bottom - row_bottom <= tolerance:
            grouped[-1].append(item)
        else:
            grouped.append([item])
            row_bottom = item.bottom
    return grouped


def _char_rows(chars: Iterable[Char], tolerance: float) -> list[list[Char]]:
    """Chars grouped by their bottoms (within ``tolerance``), each row left to right."""
    rows = _by_bottom(chars, tolerance, _BOTTOM_X0)
    for row in rows:
        row.sort(key=_X0)
    return rows


def _word(chars: Sequence[Char], spaced: bool) -> Word:
    """A word from its chars (sorted left to right): ligatures spelt out, size and weight of most chars."""
    first = chars[0]
    if len(chars) == 1:
        return Word(_LIGATURES.get(first.text, first.text), first.x0, first.x1, first.top, first.bottom,
                    round(first.size, 2), first.bold, spaced)
    text = "".join([c.text for c in chars])
    if not _LIGATURE_SET.isdisjoint(text):
        text = "".join([_LIGATURES.get(c.text, c.text) for c in chars])
    size = first.size
    if any(c.size != size for c in chars):
        size = Counter(round(c.size, 2) for c in chars).most_common(1)[0][0]
    bold = sum(1 for c in chars if c.bold) * 2 > len(chars)
    return Word(
        text,
        first.x0,
        max([c.x1 for c in chars]),
        min([c.top for c in chars]),
        max([c.bottom for c in chars]),
        round(size, 2),
        bold,
        spaced,
    )


def words(chars: Iterable[Char], settings: PdfSettings) -> list[Word]:
    """The words of upright chars: a new word after a whitespace glyph or a gap over ``word_gap`` em.

    Unmapped glyphs (empty text) are left out; they are counted elsewhere.

    :param chars: upright chars in any order
    :param settings: the reader's settings
    """
    found: list[Word] = []
    word_gap = settings.word_gap
    for row in _char_rows([c for c in chars if c.text], settings.line_tolerance):
        current: list[Char] = []
        spaced = after_space = False  # the first word of a row: whether it stands apart is the gap's business
        for char in row:
            if char.text.isspace():
                if current:
                    found.append(_word(current, spaced))
                    current = []
                after_space = True
                continue
            if current:
                last = current[-1]
                # the larger size's em, without a call to max(): this runs once per glyph
                if char.x0 - last.x1 > word_gap * (char.size if char.size > last.size else last.size):
                    found.append(_word(current, spaced))
                    current = []
            if not current:
                spaced, after_space = after_space, False
            current.append(char)
        if current:
            found.append(_word(current, spaced))
    return found


def _joined_letter_spacing(words: Sequence[Word]) -> list[Word]:
    """Words with letter-spaced runs ("S T R A T E G I A  2 0 3 0") joined into words.

    A run is at least three single letters or digits in a row; in it, a gap
    over ``_SPACED_WORD_GAP`` times the run's narrowest gap, or a whitespace
    glyph after gaps without one, is a word boundary. A run of single letters
    set with ordinary, even spaces ("a b c") stays as it is.
    """
    out: list[Word] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and len(words[j].text) == 1 and words[j].text.isalnum():
            j += 1
        if j - i < _MIN_SPACED_RUN:
            out.append(words[i])
            i += 1
            continue
        run = words[i:j]
        gaps = [b.x0 - a.x1 for a, b in zip(run, run[1:])]
        narrowest = max(min(gaps), 0.01)
        by_glyph = sum(1 for w in run[1:] if not w.spaced) >= 2
        bimodal = max(gaps) > _SPACED_WORD_GAP * narrowest
        if not (by_glyph or bimodal):
            out.extend(run)
            i = j
            continue
        group = [run[0]]
        for gap, word in zip(gaps, run[1:]):
            boundary = gap > _SPACED_WORD_GAP * narrowest or (by_glyph and word.spaced)
            if boundary:
                out.append(_merge(group))
                group = []
            group.append(word)
        out.append(_merge(group))
        i = j
    return out


def _merge(group: Sequence[Word]) -> Word:
    """One word from letter-spaced single letters."""
    first = group[0]
    return Word(
        "".join(w.text for w in group),
        first.x0, group[-1].x1,
        min(w.top for w in group), max(w.bottom for w in group),
        first.size, first.bold, first.spaced,
    )


def make_line(row_words: Sequence[Word]) -> Line:
    """A line from words sorted left to right; a space only where the words stand apart.

    Two words that touch (split by a change of font or size, ``**Ta**voite``)
    are joined without a space.
    """
    items = _joined_letter_spacing(row_words)
    parts = [items[0].text]
    for left, right in zip(items, items[1:]):
        if right.spaced or right.x0 - left.x1 > _TOUCHING * min(left.size, right.size):
            parts.append(" ")
        parts.append(right.text)
    sizes: dict[float, int] = {}  # characters per size, in the order the sizes come
    bold_chars = 0
    for word in items:
        size = round(word.size, 2)
        sizes[size] = sizes.get(size, 0) + len(word.text)
        bold_chars += len(word.text) if word.bold else 0
    return Line(
        words=tuple(items),
        text="".join(parts),
        x0=min([w.x0 for w in items]),
        x1=max([w.x1 for w in items]),
        top=min([w.top for w in items]),
        bottom=max([w.bottom for w in items]),
        size=max(sizes, key=sizes.__getitem__),  # the first of the most common, as Counter.most_common(1)
        bold=bold_chars * 2 > sum(sizes.values()),
    )


def rows(found: Iterable[Word], tolerance: float) -> list[list[Word]]:
    """Words grouped by baseline (their bottoms within ``tolerance``), each row left to right.

    Superscripts and subscripts, whose bottoms stand apart, join the row they sit in. A page's body
    words are grouped once, where the page is laid out, and their rows handed to the borderless
    tables, the gutters and the lines alike.
    """
    grouped = _by_bottom(found, tolerance, _WORD_BOTTOM_X0)
    return [sorted(row, key=_WORD_X0) for row in _fold_small_rows(grouped, tolerance)]


def _sits_in(small: Sequence[Word], host: Sequence[Word], tolerance: float) -> bool:
    """True when ``small`` is set smaller than words of ``host`` and lies within their height and, give or
    take an em, their width (a superscript; not a line of body text in the column beside a large heading
    whose baseline a row of ``host`` shares)."""
    size = max(w.size for w in small)
    larger = [w for w in host if size < _SCRIPT_RATIO * w.size]
    if not larger:
        return False
    em = max(w.size for w in larger)
    top, bottom = min(w.top for w in larger) - tolerance, max(w.bottom for w in larger) + tolerance
    left, right = min(w.x0 for w in larger) - em, max(w.x1 for w in larger) + em
    return all(top <= w.top and w.bottom <= bottom and left <= w.x0 and w.x1 <= right for w in small)


def _fold_small_rows(grouped: Sequence[list[Word]], tolerance: float) -> list[list[Word]]:
    """Merge each row of small raised or lowered words into the row above or below it sits in.

    :param grouped: rows sorted by their bottoms
    :param tolerance: the slack around the host row's height
    """
    folded: list[list[Word]] = []
    carried: list[Word] = []
    for i, row in enumerate(grouped):
        row, carried = carried + row, []
        if folded and _sits_in(row, folded[-1], tolerance):
            folded[-1].extend(row)
        elif i + 1 < len(grouped) and _sits_in(row, grouped[i + 1], tolerance):
            carried = row
        else:
            folded.append(row)
    return folded


def _cuts(row: Sequence[Word], gutters: Sequence[Gutter], settings: PdfSettings) -> list[tuple[int, bool]]:
    """Where a row is cut: the index of the first word after each cut, and whether a gutter is there.

    A cut stands at a gap that spans a gutter or that is wider than ``split_gap``
    em, never right after a list marker (a bullet followed by a tab; a column of
    bullets beside their items looks like a gutter).
    """
    cuts: list[tuple[int, bool]] = []
    start, right = 0, row[0].x1
    half = settings.column_gap / 2
    for i, word in enumerate(row[1:], 1):
        gap = word.x0 - right
        after_marker = i - start == 1 and MARKER_WORD.fullmatch(row[start].text)
        wide = gap > max(settings.column_gap, settings.split_gap * word.size)
        at_gutter = any(_across(right, word.x0, gutter, half) for gutter in gutters)
        if (wide or at_gutter) and not after_marker:
            cuts.append((i, at_gutter))
            start = i
        right = max(right, word.x1)
    return cuts


def _across(left: float, right: float, gutter: Gutter, half: float) -> bool:
    """True when the gap from ``left`` to ``right`` spans ``gutter``, or holds a free strip ``2 × half`` wide
    centred in it: a gutter is as wide as its widest free run, which indented lines beside it widen."""
    start, end = gutter
    return (left <= start + 0.5 and right >= end - 0.5) or max(start, left + half) <= min(end, right - half) + 0.5


def _pieces(row: Sequence[Word], cuts: Sequence[int]) -> list[Sequence[Word]]:
    bounds = [0, *cuts, len(row)]
    return [row[a:b] for a, b in zip(bounds, bounds[1:])]


def split_row(row: Sequence[Word], gutters: Sequence[Gutter], settings: PdfSettings) -> list[Line]:
    """Cut a row into lines at gaps that span a gutter or that are wider than ``split_gap`` em."""
    return [make_line(piece) for piece in _pieces(row, [i for i, _ in _cuts(row, gutters, settings)])]


def _evenly_spread(segment: Sequence[Word]) -> bool:
    """True for two or more words whose gaps are all alike: the stretched spaces of a justified line (the one gap
    of two words is alike with itself: :func:`_set_in_a_justified_column` asks more of them)."""
    if len(segment) < 2:
        return False
    gaps = [b.x0 - a.x1 for a, b in zip(segment, segment[1:])]
    return max(gaps) - min(gaps) <= _EVEN_GAPS * min(w.size for w in segment)


def _column_of(segment: Sequence[Word], gutters: Sequence[Gutter]) -> tuple[float, float]:
    """The x range between the gutters left and right of a segment, each bounded at its start: indented
    lines beside a gutter widen it to the right, into the column of lines that are not."""
    x0, x1 = segment[0].x0, segment[-1].x1
    left = max((start for start, _ in gutters if start <= x0 + 0.5), default=float("-inf"))
    right = min((start for start, _ in gutters if start >= x1 - 0.5), default=float("inf"))
    return left, right


def _set_in_a_justified_column(segment: Sequence[Word], neighbour: Sequence[Word], size: float) -> bool:
    """True when ``neighbour`` (the words of the line above or below, in the segment's column) is a line of
    the same text column that runs across the segment's wide gaps.

    One edge is shared (a justified column's lines start and end alike; a
    paragraph's first line may be indented, its last one short), the
    neighbour stays within the segment's width, and of the segment's gaps within its reach (a
    paragraph's short last line reaches only the first ones) its words cover at least half or
    start or end at none: in a table, the gaps between cells stay free in the rows above and below,
    and the cells' words start (or end) where the columns do; the spaces of justified lines fall anywhere.
    A neighbour that reaches none of the gaps (a short last line) leaves it to the evenness of two or more.
    A line with one stretched space must end where the neighbour does, at the column's right edge.
    """
    if not neighbour:
        return False
    x0, x1 = segment[0].x0, segment[-1].x1
    n0, n1 = min(w.x0 for w in neighbour), max(w.x1 for w in neighbour)
    if not (abs(n0 - x0) <= _ALIGNED or abs(n1 - x1) <= _ALIGNED):
        return False
    if len(segment) == 2 and abs(n1 - x1) > _ALIGNED:
        return False
    if n0 < x0 - _INDENT * size or n1 > x1 + _ALIGNED:
        return False
    gaps = [(a.x1, b.x0) for a, b in zip(segment, segment[1:]) if n0 < (a.x1 + b.x0) / 2 < n1]
    if not gaps:
        return len(segment) > 2
    covered = sum(1 for a, b in gaps if any(w.x0 < (a + b) / 2 < w.x1 for w in neighbour))
    aligned = any(abs(w.x0 - b) <= _ALIGNED or abs(w.x1 - a) <= _ALIGNED for a, b in gaps for w in neighbour)
    return covered * 2 >= len(gaps) or not aligned


def _neighbours(grouped: Sequence[Sequence[Word]], index: int, column: tuple[float, float],
                size: float) -> list[list[Word]]:
    """The words in ``column`` of each row above and below row ``index`` within :data:`_NEAR_LINES` em that has
    some there: beside another column (or where no gutter parts them) the adjacent rows may hold only its words."""
    left, right = column
    bottom = grouped[index][0].bottom
    found = []
    for step in (-1, 1):
        j = index + step
        while 0 <= j < len(grouped) and abs(grouped[j][0].bottom - bottom) <= _NEAR_LINES * size:
            inside = [w for w in grouped[j] if left <= (w.x0 + w.x1) / 2 <= right]
            if inside:
                found.append(inside)
            j += step
    return found


def _justified_cuts(grouped: Sequence[Sequence[Word]], cuts: Sequence[Sequence[tuple[int, bool]]], index: int,
                    gutters: Sequence[Gutter]) -> list[int]:
    """The cuts of row ``index`` without the wide gaps of a justified line.

    Between two gutter cuts, a segment whose gaps are all alike (see
    :func:`_evenly_spread`; a list marker before it left out) and whose line
    above or below belongs to the same justified column is one line, however
    wide its stretched spaces.
    """
    row = grouped[index]
    kept: list[int] = []
    bounds = [0, *(i for i, at_gutter in cuts[index] if at_gutter), len(row)]
    for a, b in zip(bounds, bounds[1:]):
        inside = [i for i, _ in cuts[index] if a < i < b]
        segment = row[a:b]
        if len(segment) > 1 and MARKER_WORD.fullmatch(segment[0].text):
            segment = segment[1:]  # a list item's text is justified, its marker hangs apart
        if inside and _evenly_spread(segment):
            size = max(w.size for w in segment)
            near = _neighbours(grouped, index, _column_of(segment, gutters), size)
            if any(_set_in_a_justified_column(segment, other, size) for other in near):
                inside = []
        kept += ([a] if a else []) + inside
    return kept


def lines(grouped: Sequence[Sequence[Word]], gutters: Sequence[Gutter], settings: PdfSettings) -> list[Line]:
    """The lines of a region's rows of words (see :func:`rows`), top to bottom and left to right.

    A row is cut at gutters and wide gaps (:func:`split_row`), except at the
    stretched spaces of a justified line (:func:`_justified_cuts`).
    """
    cuts = [_cuts(row, gutters, settings) for row in grouped]
    made = [
        make_line(piece)
        for index, row in enumerate(grouped)
        for piece in _pieces(row, _justified_cuts(grouped, cuts, index, gutters))
    ]
    return sorted(made, key=lambda line: (line.top, line.x0))


def rotated_lines(chars: Sequence[Char]) -> list[str]:
    """Rotated chars in their own order as lines: a new line where the baseline moves sideways.

    A space is put between two chars that stand apart along the baseline
    (for PDFs without space glyphs).
    """
    found: list[list[str]] = []
    previous: Optional[tuple[float, float, float]] = None
    for char in chars:
        dx, dy = char.direction
        cx, cy = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        across, along = dx * cy - dy * cx, dx * cx + dy * cy
        extent = abs(dx) * (char.x1 - char.x0) + abs(dy) * (char.bottom - char.top)
        size = char.size or 1.0
        if previous is None or abs(across - previous[0]) > size / 2:
            found.append([])
        elif abs(along - previous[1]) - (extent + previous[2]) / 2 > 0.2 * size:
            if found[-1] and not found[-1][-1].isspace() and not char.text.isspace():
                found[-1].append(" ")
        found[-1].append(_LIGATURES.get(char.text, char.text))
        previous = (across, along, extent)
    return [text for text in ("".join(parts).strip() for parts in found) if text]
