"""List markers as printed at the start of a line: bullets, dashes and numbers ("1.", "2)", "A.")."""

from __future__ import annotations

import re
from typing import Optional

BULLETS = "•▪●◦■□○‣∙·\uf0b7"
DASHES = "-–"
_NUMBER_MARKER = r"\d{1,2}[.)]|[A-Za-z][.)]"  # "1." "2)" "A." "b)"
# A list marker starting a line: a bullet glyph, a dash or a number marker and a space.
_MARKER = re.compile(rf"^(?:([{BULLETS}])\s*|([{DASHES}])\s+|({_NUMBER_MARKER})\s+)(?=\S)")
# A word that is nothing but a list marker.
MARKER_WORD = re.compile(rf"[{DASHES}{BULLETS}]|{_NUMBER_MARKER}")


def split_marker(text: str) -> tuple[Optional[str], str]:
    """A list marker at the start of a line and the rest of the line.

    >>> split_marker("2) Palvelut lähellä")
    ('2)', 'Palvelut lähellä')
    >>> split_marker("Palvelut")
    (None, 'Palvelut')

    :param text: the line's text
    """
    match = _MARKER.match(text)
    if not match:
        return None, text
    marker = next(group for group in match.groups() if group)
    return marker, text[match.end():]


def is_bullet(marker: Optional[str]) -> bool:
    """True for a bullet or dash marker (not a printed number or letter)."""
    return marker is not None and not marker[0].isalnum()
