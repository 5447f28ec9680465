"""Continuation pages: a title repeated from the page before is a running title, not a new section.

A section too long for one slide goes on over the next ones under the same
title, often numbered ("Tavoitteet 1/2", "Tavoitteet (2/2)"). Read as a new
title, each repetition would open a section of its own and cut the text off
its cue heading; so a title equal to the previous slide's, a counter
("2/3") and bracketed additions aside, becomes ``furniture`` and is recorded as a
``running_title`` removal, and the slide's body continues the section before.
A second running title in the body (the Swedish title of a slide holding
both languages) is recognised by its place: the first body heading, the same
as the slide before's. The page is marked ``continues``, so statement typing
reads it as one page with the page it continues.

A slide's title is its title block; in a PDF (a deck printed to PDF) it is
the page's first block when that is a top-level heading.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional, Sequence

from extract.records import Block, Page, Removal

# bracketed additions ("(jatkuu)", "[2/3]"), but not a bracketed number alone ("(2)")
_BRACKETED = re.compile(r"\((?!\s*\d+\s*\))[^)]*\)|\[(?!\s*\d+\s*\])[^\]]*\]")
_COUNTER = re.compile(r"\b\d+\s*/\s*\d+\b")
_TRAILING = re.compile(r"[\s.:;,–—-]+$")


def title_key(text: str) -> str:
    """A title as compared between neighbouring slides.

    Example: ``title_key("Tavoitteet (2/2)") == title_key("Tavoitteet 1/2") == "tavoitteet"``;
    ``title_key("Muutoslupaus 2") == "muutoslupaus 2"`` (a number is part of the title).

    :param text: the title's text.
    """
    key = _COUNTER.sub(" ", _BRACKETED.sub(" ", text.casefold()))
    return _TRAILING.sub("", " ".join(key.split()))


def _title(page: Page) -> Optional[Block]:
    first = page.blocks[0] if page.blocks else None
    if first is not None and (first.role == "title" or first.role == "heading" and first.level == 1):
        return first
    return None


def _first_heading(page: Page) -> Optional[int]:
    """The index of the first body heading of the page, if any."""
    return next((i for i, b in enumerate(page.blocks) if b.role == "heading"), None)


def _key_at(page: Page, index: Optional[int]) -> Optional[str]:
    return title_key(page.blocks[index].raw_text) if index is not None else None


def mark_continuations(pages: Sequence[Page]) -> tuple[list[Page], list[Removal]]:
    """The pages with every title repeated from the slide before set apart as furniture.

    Only a slide directly after one with the same title counts. On it, the
    first body heading goes the same way when it repeats the slide before's
    first body heading (the other language's title of a slide holding both);
    other headings stay, even when the slide before had them too: a long page
    set over several slides under one title may open the same cue heading
    ("Gemensamma mål") again for its next part.

    :param pages: the deck's pages in order.
    :returns: the new pages and a removal for each repeated title or heading.
    """
    out: list[Page] = []
    removals: list[Removal] = []
    previous: Optional[Page] = None
    for page in pages:
        title = _title(page)
        key = title_key(title.raw_text) if title is not None else None
        before = _title(previous) if previous is not None else None
        if title is not None and before is not None and key and key == title_key(before.raw_text):
            repeated = {0}
            heading = _first_heading(page)
            if heading is not None and _key_at(page, heading) == _key_at(previous, _first_heading(previous)):
                repeated.add(heading)
            blocks = list(page.blocks)
            for i in sorted(repeated):
                removals.append(Removal(page.number, "running_title", blocks[i].raw_text))
                blocks[i] = replace(blocks[i], role="furniture", level=None)
            out.append(replace(page, blocks=tuple(blocks), continues=True))
        else:
            out.append(page)
        previous = page
    return out, removals
