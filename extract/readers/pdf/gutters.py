"""Column gutters of a region of words: whitespace strips, and vertical rules.

A gutter is an x where a strip ``column_gap`` wide stays free of words for
at least ``gutter_share`` of the text's height, with at least
``gutter_min_lines`` lines on its left and on its right along that run; a
thin vertical path with lines on both sides (a column rule) is a gutter
however narrow the whitespace beside it. The whitespace between a column's
list markers and the text they hang is no gutter: nothing but markers stands
on its left, back to the gutter before.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from typing import Sequence

from extract.readers.pdf.chars import PathShape
from extract.readers.pdf.geometry import overlap
from extract.readers.pdf.lines import Gutter, Word, rows
from extract.readers.pdf.markers import MARKER_WORD
from extract.readers.pdf.settings import PdfSettings

_RULE_WIDTH = 3.0  # points: a vertical path this thin is a column rule
Span = tuple[float, float]


def _free_runs(
    words: Sequence[Word], left: int, half: float, extent: tuple[float, float], need: float, wanted: Sequence[int],
    width: int,
) -> list[list[Span]]:
    """For each x from ``left`` on (``width`` of them), the runs at least ``need`` high where no word touches ``x ± half``.

    One pass over the words instead of one per x: each word closes the
    current free run of every strip it touches. Only the strips at the
    offsets ``wanted`` (sorted) are followed; the others get no runs.

    :param words: words sorted by their tops
    :param extent: the top and bottom of the region's text
    """
    top, bottom = extent
    start = [top] * width
    runs: list[list[Span]] = [[] for _ in range(width)]
    right = left + width - 1
    for word in words:
        first = max(left, math.floor(word.x0 - half) + 1) - left
        last = min(right, math.ceil(word.x1 + half) - 1) - left
        word_top, word_bottom = word.top, word.bottom
        for i in wanted[bisect_left(wanted, first): bisect_right(wanted, last)]:
            free_from = start[i]
            if word_top - free_from >= need:
                runs[i].append((free_from, word_top))
            if word_bottom > free_from:
                start[i] = word_bottom
    for i in wanted:
        if bottom - start[i] >= need:
            runs[i].append((start[i], bottom))
    return runs


def _separates(
    by_centre: Sequence[tuple[float, float, int]], centres: Sequence[float], x: float, half: float,
    runs: Sequence[Span], min_lines: int,
) -> bool:
    """True when along one of the free ``runs`` of the strip ``x ± half`` at least ``min_lines`` lines stand on each side.

    :param by_centre: the region's words' ``(x0, x1, rounded bottom)``, sorted by their vertical centres
    :param centres: those centres
    """
    for start, end in runs:
        beside = by_centre[bisect_left(centres, start): bisect_right(centres, end)]
        # The right side first: beside a ragged right edge it is empty, and the left side is not looked at.
        right = {baseline for x0, _, baseline in beside if x0 >= x + half}
        if len(right) < min_lines:
            continue
        left = {baseline for _, x1, baseline in beside if x1 <= x - half}
        if len(left) >= min_lines:
            return True
    return False


def _lines_beside(words: Sequence[Word], left: int, right: int, half: float) -> tuple[list[int], list[int]]:
    """For each x in ``left..right``: how many baselines have a word wholly left of ``x - half``, and wholly right of ``x + half``.

    Two sweeps over the words sorted by their edges; an upper bound of what
    :func:`_separates` counts along one free run.
    """
    width = right - left + 1
    on_left, on_right = [0] * width, [0] * width
    seen: set[int] = set()
    ordered = sorted(words, key=lambda w: w.x1)
    i = 0
    for x in range(left, right + 1):
        while i < len(ordered) and ordered[i].x1 <= x - half:
            seen.add(round(ordered[i].bottom))
            i += 1
        on_left[x - left] = len(seen)
    seen = set()
    ordered = sorted(words, key=lambda w: w.x0, reverse=True)
    i = 0
    for x in range(right, left - 1, -1):
        while i < len(ordered) and ordered[i].x0 >= x + half:
            seen.add(round(ordered[i].bottom))
            i += 1
        on_right[x - left] = len(seen)
    return on_left, on_right


def whitespace_gutters(words: Sequence[Word], settings: PdfSettings) -> list[Gutter]:
    """The x ranges ``(start, end)`` of whitespace gutters among a region's words.

    A full-width title crosses the gutter; the run below it still counts.
    Columns need not share baselines. Positions where rows of text cover too
    much of the height, where no free run is long enough, or with too few
    lines on either side anywhere on the page, are ruled out first, which
    keeps the exact test rare.
    """
    if not words:
        return []
    words = sorted(words, key=lambda w: w.top)
    half = settings.column_gap / 2
    extent = (words[0].top, max(w.bottom for w in words))
    span = extent[1] - extent[0]
    need = settings.gutter_share * span
    left, right = int(min(w.x0 for w in words)) + 1, int(max(w.x1 for w in words))
    covered = [0.0] * (right - left + 1)
    for row in rows(words, settings.line_tolerance):
        height = max(w.bottom for w in row) - min(w.top for w in row)
        xs = {
            x
            for word in row
            for x in range(max(left, int(word.x0 - half) + 1), min(right, int(word.x1 + half)) + 1)
        }
        for x in xs:
            covered[x - left] += height
    # Only where rows of text leave enough of the height uncovered can a gutter run: follow those strips alone.
    wanted = [i for i, height in enumerate(covered) if height <= span - need]
    free = _free_runs(words, left, half, extent, need, wanted, right - left + 1)
    beside = _lines_beside(words, left, right, half)
    by_centre = sorted(words, key=lambda w: (w.top + w.bottom) / 2)
    centres = [(w.top + w.bottom) / 2 for w in by_centre]
    placed = [(w.x0, w.x1, round(w.bottom)) for w in by_centre]
    found = [
        x
        for x in range(left, right)
        if covered[x - left] <= span - need
        and free[x - left]
        and min(beside[0][x - left], beside[1][x - left]) >= settings.gutter_min_lines
        and _separates(placed, centres, x, half, free[x - left], settings.gutter_min_lines)
    ]
    runs: list[list[int]] = []
    for x in found:
        if runs and x == runs[-1][-1] + 1:
            runs[-1].append(x)
        else:
            runs.append([x])
    return _beside_text([(float(run[0]), float(run[-1])) for run in runs], words)


def _beside_text(gutters: Sequence[Gutter], words: Sequence[Word]) -> list[Gutter]:
    """The gutters, left to right, but those with only list markers between them and the gutter kept before
    (or the text's left edge): that whitespace parts markers from their items, not columns."""
    kept: list[Gutter] = []
    for start, end in gutters:
        edge = kept[-1][1] if kept else -math.inf
        between = [w for w in words if w.x0 >= edge and w.x1 <= start + 0.5]
        if between and all(MARKER_WORD.fullmatch(w.text) for w in between):
            continue
        kept.append((start, end))
    return kept



def rule_gutters(words: Sequence[Word], paths: Sequence[PathShape], settings: PdfSettings) -> list[Gutter]:
    """Thin vertical paths with lines on both sides for at least ``gutter_share`` of the text's height."""
    if not words:
        return []
    top, bottom = min(w.top for w in words), max(w.bottom for w in words)
    need = settings.gutter_share * (bottom - top)
    found = []
    for path in paths:
        x0, y0, x1, y1 = path.bbox
        if x1 - x0 > _RULE_WIDTH or overlap(y0, y1, top, bottom) < need:
            continue
        beside = [w for w in words if y0 <= (w.top + w.bottom) / 2 <= y1]
        left = {round(w.bottom) for w in beside if w.x1 <= x0 + 1}
        right = {round(w.bottom) for w in beside if w.x0 >= x1 - 1}
        if len(left) >= settings.gutter_min_lines and len(right) >= settings.gutter_min_lines:
            found.append((x0 - 1.0, x1 + 1.0))
    return found
