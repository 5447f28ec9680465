"""List markers as printed: bullet characters, auto-numbers and typed-in markers.

PowerPoint stores an auto-numbered paragraph as ``a:buAutoNum type="…"``
without the number; the number is the paragraph's place among the numbered
paragraphs of its level in the same text body. :class:`Numbering` counts
them the way PowerPoint does, and :func:`format_number` prints them.
"""

from __future__ import annotations

import re
from typing import Optional

from lxml import etree
from pptx.oxml.ns import qn

_LITERAL_MARKER = re.compile(r"^\s*([•◦▪▫‣●○■□►▶➢➤✓✔*·–—-]|\d{1,2}[.)]|[A-Za-z][.)])\s+")
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def format_number(number: int, scheme: str) -> str:
    """An auto-number rendered as printed.

    Example: ``format_number(3, "alphaLcParenR") == "c)"``; ``format_number(4, "romanUcPeriod") == "IV."``.

    :param number: the item's number, from 1.
    :param scheme: the ``a:buAutoNum/@type`` value.
    """
    if scheme.startswith("alphaLc"):
        body = _letters(number).lower()
    elif scheme.startswith("alphaUc"):
        body = _letters(number)
    elif scheme.startswith("romanLc"):
        body = _roman(number).lower()
    elif scheme.startswith("romanUc"):
        body = _roman(number)
    else:
        body = str(number)
    if scheme.endswith("ParenBoth"):
        return f"({body})"
    if scheme.endswith("ParenR"):
        return f"{body})"
    if scheme.endswith("Plain"):
        return body
    return f"{body}."


def _letters(number: int) -> str:
    """An item number as letters: 1 -> "A", 26 -> "Z", 27 -> "AA" (as PowerPoint continues)."""
    letter = chr(ord("A") + (number - 1) % 26)
    return letter * ((number - 1) // 26 + 1)


def _roman(number: int) -> str:
    """A positive integer as an upper-case Roman numeral, e.g. 14 -> "XIV"."""
    out = []
    for value, symbol in _ROMAN:
        count, number = divmod(number, value)
        out.append(symbol * count)
    return "".join(out)


class Numbering:
    """Counts the auto-numbered paragraphs of one text body, per indent level.

    A deeper level restarts whenever a shallower paragraph comes between; an
    unnumbered paragraph restarts its own level.

    Example::

        numbering = Numbering()
        numbering.next(0, "arabicPeriod", 1)  # "1."
        numbering.next(0, "arabicPeriod", 1)  # "2."
    """

    def __init__(self) -> None:
        self._counts: dict[int, tuple[str, int]] = {}

    def next(self, level: int, scheme: str, start_at: int) -> str:
        """The marker of the next numbered paragraph at ``level`` (0-based).

        :param level: the paragraph's indent level.
        :param scheme: the ``a:buAutoNum/@type`` value.
        :param start_at: the ``@startAt`` value (1 when absent).
        """
        self._forget_deeper(level)
        previous = self._counts.get(level)
        number = previous[1] + 1 if previous and previous[0] == scheme else start_at
        self._counts[level] = (scheme, number)
        return format_number(number, scheme)

    def interrupt(self, level: int) -> None:
        """A paragraph without numbering at ``level`` restarts numbering at that level and below."""
        self._forget_deeper(level - 1)

    def _forget_deeper(self, level: int) -> None:
        for deeper in [k for k in self._counts if k > level]:
            del self._counts[deeper]


def split_literal_marker(text: str) -> tuple[Optional[str], str]:
    """A typed-in list marker split off the text.

    Example::

        split_literal_marker("• Hyvinvointi")  # ("•", "Hyvinvointi")
        split_literal_marker("2) Tavoite")     # ("2)", "Tavoite")
        split_literal_marker("B. Automaatio")  # ("B.", "Automaatio")
        split_literal_marker("1.1.2026 alkaen")  # (None, "1.1.2026 alkaen")

    :param text: the first line of a paragraph.
    """
    match = _LITERAL_MARKER.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end() :]


def formatted_marker(level: int, bullet: Optional[etree._Element], numbering: Numbering) -> Optional[str]:
    """The marker a paragraph's formatting gives it, or ``None`` for a plain paragraph.

    ``a:buChar`` gives its character, ``a:buAutoNum`` the next number,
    ``a:buBlip`` (a picture bullet) "•", and an indented paragraph without
    any bullet formatting in its chain a generic "•"; ``a:buNone`` means no
    marker.

    :param level: the paragraph's 0-based indent level.
    :param bullet: the element deciding its bullet (see :meth:`StyleChain.bullet`), or ``None``.
    :param numbering: the numbering state of the paragraph's text body.
    """
    if bullet is not None and bullet.tag == qn("a:buAutoNum"):
        return numbering.next(level, bullet.get("type", "arabicPeriod"), int(bullet.get("startAt", "1")))
    numbering.interrupt(level)
    if bullet is not None and bullet.tag == qn("a:buChar"):
        return bullet.get("char") or "•"
    if bullet is not None and bullet.tag == qn("a:buBlip"):
        return "•"
    if bullet is None and level > 0:
        return "•"
    return None
