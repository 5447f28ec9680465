"""Strategy summary pages: a "strategy house" or wheel of short statements with no cue heading.

A page that sums a strategy up sets a few short statements around one: the
vision on the roof of a house whose pillars are the strategic themes (each
perhaps with its aim under it), or in the centre of a wheel whose ring holds
the themes. No heading names the kinds; only the geometry does, so the page
is read from the units' boxes:

- **house**: three or more pillars side by side (narrow units grouped into
  columns by their horizontal extent, the columns overlapping in height, none
  with more than one title and one sentence, set close together) under a roof: the unit directly
  above them, centred over the row, with nothing beside it. A unit below the
  pillars wider than :data:`WIDE_SHARE` of the row is the base (left as it is);
  one higher up than the roof is the page's title;
- **wheel**: a centre unit with all other units (at most :data:`MAX_RING`)
  around it, on each of its four sides and at most :data:`MAX_PER_SIDE` on
  any (more is a grid of text).

The roof or centre is the ``vision``; the statements around it are
``guideline`` (a title: no closing full stop) or ``aim`` (one sentence).
Every statement around must be short (one sentence of at most
:data:`MAX_WORDS` words), the page must hold no list, table or cue heading and
must not continue over other pages. Without boxes (a text export), or where
they show no house or wheel, the run of boxes in reading order may still be
read by its voice (:mod:`extract.summary_runs`).
"""

from __future__ import annotations

from typing import Iterable, Optional, Sequence

from extract.cues import read_cue
from extract.structure import Unit

MAX_WORDS = 25
MIN_AROUND = 3
WIDE_SHARE = 0.6  # a unit below the roof wider than this share of the row is the base
PILLAR_GAP = 0.5
MAX_RING = 8
MAX_PER_SIDE = 2
OVERLAP = 0.25  # horizontal overlap, as a share of the narrower unit, that still counts as side by side
CENTRE_TOLERANCE = 0.15  # share of the row's width a roof may lie off the row's middle

BBox = tuple[float, float, float, float]


def by_page(units: Iterable[Unit]) -> dict[Optional[int], list[Unit]]:
    """``units`` grouped by their page, pages and units in the order met."""
    pages: dict[Optional[int], list[Unit]] = {}
    for unit in units:
        pages.setdefault(unit.page, []).append(unit)
    return pages


def summary_statements(units: Sequence[Unit]) -> list[tuple[Unit, str, str]]:
    """The typed statements of every summary page: ``(unit, kind, why)`` in document order.

    >>> summary_statements(text_export_units)  # no boxes: nothing
    []

    :param units: a document's units (with their ``bbox`` where the source has geometry)
    """
    pages = by_page(units)
    spread_pages = {u.spread for u in units if u.spread is not None}
    out: list[tuple[Unit, str, str]] = []
    for page, on_page in pages.items():
        if page is None or page in spread_pages or any(u.spread is not None for u in on_page):
            continue
        out.extend(_page_statements(on_page))
    return sorted(out, key=lambda t: t[0].index)


def _page_statements(page: Sequence[Unit]) -> list[tuple[Unit, str, str]]:
    if any(u.role not in ("heading", "paragraph") or u.bbox is None for u in page):
        return []
    if len(page) < MIN_AROUND + 1 or any(u.role == "heading" and read_cue(u.text) for u in page):
        return []
    return _house(page) or _wheel(page)


def _house(page: Sequence[Unit]) -> list[tuple[Unit, str, str]]:
    for roof in sorted(page, key=lambda u: -u.bbox[3]):  # the lowest roof that fits: a title may stand higher
        if not one_sentence(roof) or any(_side(roof.bbox, u.bbox) in ("left", "right", None) for u in page if u is not roof):
            continue
        below = [u for u in page if _side(roof.bbox, u.bbox) == "below"]
        if not below:
            continue
        left, right = min(u.bbox[0] for u in below), max(u.bbox[2] for u in below)
        wide = [u for u in below if _width(u.bbox) > WIDE_SHARE * (right - left)]
        columns = _columns([u for u in below if u not in wide])
        if len(columns) < MIN_AROUND or not all(_terse(c) for c in columns):
            continue
        tops, bottoms = [min(u.bbox[1] for u in c) for c in columns], [max(u.bbox[3] for u in c) for c in columns]
        pillars = [u for c in columns for u in c]
        if max(tops) >= min(bottoms) or any(u.bbox[1] < max(bottoms) for u in wide):
            continue  # not side by side, or a wide unit among them (running text, no base)
        if abs(_mid(roof.bbox)[0] - (left + right) / 2) > CENTRE_TOLERANCE * (right - left):
            continue
        if all(one_sentence(u) for u in pillars):
            return [(roof, "vision", "roof of a strategy house")] + list(_around(pillars, "pillar of a strategy house"))
    return []


def _wheel(page: Sequence[Unit]) -> list[tuple[Unit, str, str]]:
    for centre in page:
        ring = [u for u in page if u is not centre]
        sides = [_side(centre.bbox, u.bbox) for u in ring]
        if None in sides or len(set(sides)) < 4 or max(sides.count(side) for side in set(sides)) > MAX_PER_SIDE:
            continue  # not all around it, or a grid of text
        if len(ring) <= MAX_RING and one_sentence(centre) and all(one_sentence(u) for u in ring):
            return [(centre, "vision", "centre of a strategy wheel")] + list(_around(ring, "around the centre of a strategy wheel"))
    return []


def _around(units: Iterable[Unit], where: str) -> Iterable[tuple[Unit, str, str]]:
    for unit in units:
        closed = closes_sentence(unit)
        yield unit, ("aim" if closed else "guideline"), f"{'sentence' if closed else 'title'} {where}"


def _terse(pillar: Sequence[Unit]) -> bool:
    """A pillar holds at most one title and one sentence, set close together (a gap of at most
    :data:`PILLAR_GAP` of the taller one's height; farther apart they are separate statements)."""
    closed = sum(1 for u in pillar if closes_sentence(u))
    close = all(b.bbox[1] - a.bbox[3] <= PILLAR_GAP * max(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1])
                for a, b in zip(pillar, pillar[1:]))
    return closed <= 1 and len(pillar) - closed <= 1 and close


def closes_sentence(unit: Unit) -> bool:
    """The unit ends in a sentence's closing punctuation."""
    return unit.text.rstrip()[-1:] in ".!?"


def _columns(units: Sequence[Unit]) -> list[list[Unit]]:
    """Units grouped by overlapping horizontal extent (more than :data:`OVERLAP` of the narrower), left to right."""
    columns: list[tuple[float, float, list[Unit]]] = []
    for unit in sorted(units, key=lambda u: u.bbox[0]):
        x0, _, x1, _ = unit.bbox
        if columns and columns[-1][1] - x0 > OVERLAP * min(x1 - x0, columns[-1][1] - columns[-1][0]):
            start, end, members = columns[-1]
            columns[-1] = (start, max(end, x1), members + [unit])
        else:
            columns.append((x0, x1, [unit]))
    return [sorted(members, key=lambda u: u.bbox[1]) for _, _, members in columns]


def _side(centre: BBox, other: BBox) -> Optional[str]:
    """Where ``other`` lies from ``centre``: above, below (wholly), else left, right (``None`` when they overlap);
    side by side allows the two an overlap of :data:`OVERLAP` of the narrower (text running past its box)."""
    if other[3] <= centre[1]:
        return "above"
    if other[1] >= centre[3]:
        return "below"
    slack = OVERLAP * min(centre[2] - centre[0], other[2] - other[0])
    if other[2] <= centre[0] + slack:
        return "left"
    if other[0] >= centre[2] - slack:
        return "right"
    return None


def one_sentence(unit: Unit) -> bool:
    """One sentence of at most :data:`MAX_WORDS` words."""
    from extract.statements import sentences

    return unit.words <= MAX_WORDS and len(sentences(unit.text)) == 1


def _width(box: BBox) -> float:
    return box[2] - box[0]


def _mid(box: BBox) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
