"""Continuation slides: a title repeated from the slide before is a running title, not a new section.

A section too long for one slide goes on over the next ones under the same
title, often numbered ("Tavoitteet 1/2", "Tavoitteet (2/2)"). Read as a new
title, each repetition would open a section of its own and cut the text off
its cue heading; so a title equal to the previous slide's, a counter
("2/3") and bracketed additions aside, becomes ``furniture`` and is recorded as a
``running_title`` removal, and the slide's body continues the section before.
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
    return page.blocks[0] if page.blocks and page.blocks[0].role == "title" else None


def mark_continuations(pages: Sequence[Page]) -> tuple[list[Page], list[Removal]]:
    """The pages with every title repeated from the slide before set apart as furniture.

    Only a slide directly after one with the same title counts. Headings in
    the body stay, even when the slide before had them too: a long page set
    over several slides under one title may open the same cue heading
    ("Gemensamma mål") again for its next part.

    :param pages: the deck's pages in order.
    :returns: the new pages and a removal for each repeated title.
    """
    out: list[Page] = []
    removals: list[Removal] = []
    previous: Optional[str] = None
    for page in pages:
        title = _title(page)
        key = title_key(title.raw_text) if title is not None else None
        if title is not None and key and key == previous:
            page = replace(page, blocks=(replace(title, role="furniture", level=None), *page.blocks[1:]))
            removals.append(Removal(page.number, "running_title", title.raw_text))
        out.append(page)
        previous = key
    return out, removals
