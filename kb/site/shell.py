"""A page rendered once with markers where its per-request values go, filled in per request.

Most of a site page is the same on every request: Datasette's frame (head,
menu, crumbs, footer) around the page's own part. :class:`Shell` keeps such a
page as its constant pieces and the names of the values between them, so a
request costs one string join instead of a template render. It is built from
two renderings of the page with different markers in place of each value: the
pieces must agree, which shows each value reaches the page verbatim (a
template that transformed a value, in upper case or URL-encoded, would give
different pieces, and :func:`build` refuses it).
"""

from __future__ import annotations

import re
from typing import Mapping

# Private-use characters: no text of the corpus or query (letters and digits only) contains them.
_MARK = "\ue000{}:{}\ue001"


class ShellError(ValueError):
    """The page does not show its values verbatim: it cannot be kept as a shell."""


class Shell:
    """A page as constant pieces with named values between them."""

    def __init__(self, pieces: list[str], names: list[str]):
        self._pieces, self._names = pieces, names

    def fill(self, values: Mapping[str, str]) -> str:
        """The page with ``values`` (each already escaped for HTML) in place of its markers."""
        out = [self._pieces[0]]
        for name, piece in zip(self._names, self._pieces[1:]):
            out += (values[name], piece)
        return "".join(out)


def marks(names: tuple[str, ...], key: str) -> dict[str, str]:
    """A marker string for each of ``names``: render the page once with ``key`` "a" and once with "b"."""
    return {name: _MARK.format(name, key) for name in names}


def build(first: str, second: str) -> Shell:
    """The shell of a page from its renderings with :func:`marks` "a" (``first``) and "b" (``second``).

    :raises ShellError: when the two do not split alike.
    """
    pieces = _split(first, "a")
    if pieces != _split(second, "b"):
        raise ShellError("the page does not show its values verbatim")
    return Shell(*pieces)


def _split(page: str, key: str) -> tuple[list[str], list[str]]:
    parts = re.split("\ue000(\\w+):" + key + "\ue001", page)
    return parts[::2], parts[1::2]
