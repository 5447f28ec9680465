"""Running headers, footers and page numbers, found by repetition across pages.

No list of known strings: a block is furniture when the same text (digits
read as ``#`` so that "Sivu 3" and "Sivu 4" match) stands at the edge of many
pages. Which blocks count as "at the edge" is the reader's business (a PDF
knows coordinates, a text export only line positions), so callers pass an
``is_edge`` predicate.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Callable, Sequence

from extract.records import Block, Page, Removal

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–]\s*)?\d{1,4}(?:\s*[-–])?\s*$|^\s*\d{1,4}\s*/\s*\d{1,4}\s*$")


def furniture_key(text: str) -> str:
    """The text as compared across pages: case-folded, digits as ``#``, spaces collapsed."""
    return _SPACE.sub(" ", _DIGITS.sub("#", text.casefold())).strip()


def is_page_number(text: str) -> bool:
    """True for a bare page number such as ``12``, ``- 12 -`` or ``3/14``."""
    return bool(_PAGE_NUMBER.match(text))


def repeated_keys(
    pages: Sequence[Page],
    is_edge: Callable[[Page, int, Block], bool],
    min_pages: int = 3,
    min_share: float = 0.25,
) -> set[str]:
    """Keys of edge blocks that recur on enough pages to be running furniture.

    A key counts once per page. It must occur on at least ``min_pages`` pages
    and on at least ``min_share`` of all pages. Labels that introduce what
    follows (text ending with ``:``) are never furniture.
    """
    counts: Counter[str] = Counter()
    for page in pages:
        seen = {
            furniture_key(block.raw_text)
            for i, block in enumerate(page.blocks)
            if block.role not in ("table", "furniture") and is_edge(page, i, block)
        }
        counts.update(k for k in seen if k and not k.endswith(":"))
    needed = max(min_pages, int(min_share * len(pages) + 0.999))
    return {key for key, n in counts.items() if n >= needed}


def remove_furniture(
    pages: Sequence[Page],
    is_edge: Callable[[Page, int, Block], bool],
    min_pages: int = 3,
    min_share: float = 0.25,
) -> tuple[list[Page], list[Removal]]:
    """Drop running headers, footers and page numbers from the pages' bodies.

    Returns new pages (the originals are not changed) and a :class:`Removal`
    for every block taken out, so the text stays accounted for.

    >>> pages, removed = remove_furniture(pages, lambda page, i, block: i == 0)

    :param pages: the pages of one document
    :param is_edge: whether block ``i`` of ``page`` stands at the page's top or bottom edge
    :param min_pages: a key must recur on at least this many pages
    :param min_share: ... and on at least this share of all pages
    """
    keys = repeated_keys(pages, is_edge, min_pages, min_share)
    out: list[Page] = []
    removals: list[Removal] = []
    for page in pages:
        kept: list[Block] = []
        for i, block in enumerate(page.blocks):
            text = block.raw_text
            at_edge = block.role not in ("table", "furniture") and is_edge(page, i, block)
            if at_edge and (is_page_number(text) or furniture_key(text) in keys):
                kind = "page_number" if is_page_number(text) else "running_title"
                removals.append(Removal(page=page.number, kind=kind, text=text.strip()))
                continue
            kept.append(block)
        out.append(replace(page, blocks=tuple(kept)))
    return out, removals
