"""The sheets the statement rules read: a document's pages, or its chapters where the pages run on.

A cue heading types the items of its region, and a region is bounded by the
sheet it stands on. In a layout where every chapter opens a page, a sheet is
a page (a run of continuation pages counts as one). In a layout whose pages
run on, a chapter starts mid-page and goes on over the page break, so a page
holds the end of one section and the start of the next: there a sheet is a
chapter, from one chapter heading to the next, whatever the pages.

The chapter level is the top heading level the document uses more than once
(a cover title alone makes no chapters), where deeper headings stand under
it; the pages run on when at least two chapter headings, and no fewer than
those that open a page, stand mid-page.
"""

from __future__ import annotations

from collections import Counter
from typing import Optional, Sequence

from extract.structure import Unit

UNKNOWN_PAGE_GROUP = 40  # units of unknown pages are grouped by position so regions stay local


def chapter_level(units: Sequence[Unit]) -> Optional[int]:
    """The level of the document's chapter headings where its chapters run on over pages, else ``None``."""
    counts = Counter(u.level for u in units if u.role == "heading" and u.level is not None)
    level = min((lv for lv, n in counts.items() if n >= 2), default=None)
    if level is None or not any(lv > level for lv in counts):
        return None  # one heading level only: headings of sections, no chapters over them
    chapters = [u for u in units if _is_chapter(u, level)]
    mid_page = sum(1 for u in chapters if not u.first_on_page)
    return level if mid_page >= 2 and mid_page >= len(chapters) - mid_page else None


def sheets(units: Sequence[Unit]) -> dict[object, list[Unit]]:
    """The document's units by sheet, in reading order: by chapter where its pages run on, else by page."""
    level = chapter_level(units)
    out: dict[object, list[Unit]] = {}
    key: object = ("chapter", None)
    for unit in units:
        if level is None:
            key = _page_key(unit)
        elif _is_chapter(unit, level):
            key = ("chapter", unit.index)
        out.setdefault(key, []).append(unit)
    return out


def opens_sheet(unit: Unit, level: Optional[int]) -> bool:
    """True for the title of a sheet: a heading first on its page, or a chapter heading where pages run on."""
    return unit.role == "heading" and (unit.first_on_page or (level is not None and _is_chapter(unit, level)))


def _is_chapter(unit: Unit, level: int) -> bool:
    return unit.role == "heading" and unit.level is not None and unit.level <= level


def _page_key(unit: Unit) -> object:
    # continuation pages are one sheet with the page they continue
    if unit.spread is not None:
        return unit.spread
    return unit.page if unit.page is not None else ("unknown", unit.index // UNKNOWN_PAGE_GROUP)
