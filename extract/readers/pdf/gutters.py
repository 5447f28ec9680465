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

import numpy as np

from extract.readers.pdf.chars import PathShape
from extract.readers.pdf.geometry import overlap
from extract.readers.pdf.lines import Gutter, Word
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


def _extreme_edges(placed: Sequence[tuple[float, float, int]]) -> tuple[list[float], list[float]]:
    """Of words ``(x0, x1, rounded bottom)``: per baseline the rightmost left edge, and the leftmost right edge, each sorted."""
    starts: dict[int, float] = {}
    ends: dict[int, float] = {}
    for x0, x1, baseline in placed:
        if x0 > starts.get(baseline, -math.inf):
            starts[baseline] = x0
        if x1 < ends.get(baseline, math.inf):
            ends[baseline] = x1
    return sorted(starts.values()), sorted(ends.values())


class _Sides:
    """For free runs of strips: how many baselines stand wholly left of an x, and wholly right of it, along the run.

    A baseline stands left of ``x - half`` when the leftmost right edge of its
    words in the run is there; so per run (neighbouring strips share most
    runs) the baselines' extreme edges are gathered once, sorted, and each
    strip's count is a binary search.

    :param by_centre: the region's words' ``(x0, x1, rounded bottom)``, sorted by their vertical centres
    :param centres: those centres
    """

    def __init__(self, by_centre: Sequence[tuple[float, float, int]], centres: Sequence[float]) -> None:
        self._by_centre, self._centres = by_centre, centres
        self._edges: dict[Span, tuple[list[float], list[float]]] = {}

    def edges(self, run: Span) -> tuple[list[float], list[float]]:
        """The run's baselines' rightmost left edges and leftmost right edges, each sorted."""
        found = self._edges.get(run)
        if found is None:
            beside = self._by_centre[bisect_left(self._centres, run[0]): bisect_right(self._centres, run[1])]
            found = self._edges[run] = _extreme_edges(beside)
        return found

    def separates(self, x: float, half: float, runs: Sequence[Span], min_lines: int) -> bool:
        """True when along one of the free ``runs`` of the strip ``x ± half`` at least ``min_lines`` lines stand on each side."""
        for run in runs:
            starts, ends = self.edges(run)
            if len(starts) - bisect_left(starts, x + half) >= min_lines and bisect_right(ends, x - half) >= min_lines:
                return True
        return False


def _covered(grouped: Sequence[Sequence[Word]], left: int, right: int, half: float) -> np.ndarray:
    """For each x in ``left..right``: the summed height of the rows with a word within ``half`` of it.

    Per row the words' integer strips are merged into ranges first, so each x
    of a range gets the row's height once, rows in order.
    """
    covered = np.zeros(right - left + 1)
    for row in grouped:
        height = float(max(w.bottom for w in row) - min(w.top for w in row))
        strips = sorted(
            (lo - left, hi - left)
            for lo, hi in ((max(left, int(w.x0 - half) + 1), min(right, int(w.x1 + half))) for w in row)
            if lo <= hi
        )
        merged: list[list[int]] = []
        for lo, hi in strips:
            if merged and lo <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        for lo, hi in merged:
            covered[lo: hi + 1] += height
    return covered


def _flanked(words: Sequence[Word], xs: np.ndarray, half: float, min_lines: int) -> np.ndarray:
    """For each x of ``xs``: whether at least ``min_lines`` baselines have a word wholly left of ``x - half``,
    and as many wholly right of ``x + half``.

    An upper bound of what :meth:`_Sides.separates` counts along one free run,
    for a whole region.
    """
    rightmost, leftmost = _extreme_edges([(w.x0, w.x1, round(w.bottom)) for w in words])
    return (np.searchsorted(leftmost, xs - half, side="right") >= min_lines) & (
        len(rightmost) - np.searchsorted(rightmost, xs + half, side="left") >= min_lines
    )


def whitespace_gutters(words: Sequence[Word], grouped: Sequence[Sequence[Word]], settings: PdfSettings) -> list[Gutter]:
    """The x ranges ``(start, end)`` of whitespace gutters among a region's words.

    A full-width title crosses the gutter; the run below it still counts.
    Columns need not share baselines. Positions where rows of text cover too
    much of the height, or with too few lines on either side anywhere on the
    page, are ruled out first, then those where no free run is long enough,
    which keeps the exact test rare.

    :param words: the region's words
    :param grouped: the same words in rows (:func:`.lines.rows`), as the region's lines group them
    :param settings: the reader's settings
    """
    if not words:
        return []
    words = sorted(words, key=lambda w: w.top)
    half = settings.column_gap / 2
    extent = (words[0].top, max(w.bottom for w in words))
    span = extent[1] - extent[0]
    need = settings.gutter_share * span
    left, right = int(min(w.x0 for w in words)) + 1, int(max(w.x1 for w in words))
    covered = _covered(grouped, left, right, half)
    flanked = _flanked(words, left + np.arange(right - left + 1), half, settings.gutter_min_lines)
    # Only where rows of text leave enough of the height uncovered, with lines on both sides, can a gutter
    # run: follow those strips alone.
    wanted = np.flatnonzero((covered <= span - need) & flanked).tolist()
    free = _free_runs(words, left, half, extent, need, wanted, right - left + 1)
    by_centre = sorted(words, key=lambda w: (w.top + w.bottom) / 2)
    sides = _Sides([(w.x0, w.x1, round(w.bottom)) for w in by_centre], [(w.top + w.bottom) / 2 for w in by_centre])
    found = [
        left + i
        for i in wanted
        if left + i < right and free[i] and sides.separates(left + i, half, free[i], settings.gutter_min_lines)
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
