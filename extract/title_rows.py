"""Rows of titles set on one line: an overview that prints several titles side by side.

A summary page may set a row of box titles ("Låt kunden välja", "Ge ansvar",
"Stärk basnivån", …) on one line, which a reader takes for one heading
"Låt kunden välja Ge ansvar Stärk basnivån …". Where such a heading is made
up, word for word, of two or more titles the document prints as headings of
their own, it is a row of those titles and no statement itself: each title is
typed where it stands alone.
"""

from __future__ import annotations

from typing import Sequence

from extract.clean.normalize import match_key
from extract.structure import Unit, heading_text


def title_rows(units: Sequence[Unit]) -> set[int]:
    """The indices of the heading units that are rows of other headings' titles."""
    headings = [u for u in units if u.role == "heading"]
    keys = {u.index: match_key(heading_text(u.text)) for u in headings}
    titles = set(keys.values())
    return {i for i, key in keys.items() if len(words := key.split()) >= 2 and _covers(words, titles)}


def _covers(words: list[str], titles: set[str]) -> bool:
    """True when ``words`` are a sequence of ``titles`` end to end, each shorter than the whole."""
    reached = [True] + [False] * len(words)
    for end in range(1, len(words) + 1):
        reached[end] = any(reached[start] and end - start < len(words) and " ".join(words[start:end]) in titles
                           for start in range(end))
    return reached[-1]
