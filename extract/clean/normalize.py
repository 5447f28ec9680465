"""Character-level normalisation of extracted text, and the key texts are compared by.

:func:`normalize_text` makes text canonical without losing information the
later steps need: NFC, one kind of space, newlines kept, and a single trailing
space on each line that had trailing whitespace (a text export's trailing
space says the line ends at a word boundary, which
:mod:`extract.clean.hyphenation` relies on).

:func:`match_key` is coarser: it is only for deciding whether two texts are
"the same" (e.g. an extracted statement and a gold one), never for output.
"""

from __future__ import annotations

import re
import unicodedata

_SOFT_HYPHEN = "\u00ad"
# Characters that are dropped: soft hyphen, zero-width space/joiners, BOM.
_INVISIBLE = dict.fromkeys(map(ord, _SOFT_HYPHEN + "\u200b\u200c\u200d\u2060\ufeff"))
_REPLACEMENT = "\ufffd"
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85]")
_SPACE_LIKE = re.compile(r"[^\S\n]|\ufffd")
_SPACES = re.compile(r" {2,}")


def _spaces_unified(text: str) -> str:
    """Invisible characters removed, NFC, every kind of space (and U+FFFD) as ``" "``."""
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    return _SPACE_LIKE.sub(" ", text)


def normalize_line(line: str) -> str:
    """One line made canonical, keeping one trailing space if it had trailing whitespace.

    NFC; soft hyphens and zero-width characters removed; U+FFFD, no-break
    spaces, tabs and every other Unicode space become a plain space; runs of
    spaces collapse to one; leading spaces go. A line that ended with
    whitespace (or U+FFFD) ends with exactly one space, so the line-break
    repair can still tell that it ends at a word boundary.

    Example: ``normalize_line("Jotta\\u00a0\\ufffdlänsiuusimaalaiset\\t ") == "Jotta länsiuusimaalaiset "``

    :param line: one line, without its newline (any newline inside is kept).
    :returns: the canonical line.
    """
    text = _SPACES.sub(" ", _spaces_unified(line))
    lines = [part.lstrip(" ") for part in text.split("\n")]
    return "\n".join(_one_trailing_space(part) for part in lines)


def _one_trailing_space(line: str) -> str:
    stripped = line.rstrip(" ")
    return stripped + " " if stripped and stripped != line else stripped


def normalize_text(text: str) -> str:
    """A whole text made canonical, line by line; newlines are kept.

    Line breaks of every kind (``\\r\\n``, ``\\r``, U+2028, U+2029, U+0085)
    become ``\\n``; each line then goes through :func:`normalize_line`, so a
    blank line becomes empty and a line with trailing whitespace keeps one
    trailing space.

    Example: ``normalize_text("tarvi-\\r\\ntaan\\u00a0 \\n\\t\\n") == "tarvi-\\ntaan \\n\\n"``

    :param text: any text.
    :returns: NFC text with plain spaces and ``\\n`` newlines only.
    """
    text = _LINE_BREAKS.sub("\n", text)
    return "\n".join(normalize_line(line) for line in text.split("\n"))


def match_key(text: str) -> str:
    """The form two texts are compared in: equal keys mean "the same text".

    NFC, case-folded, soft hyphens and zero-width characters dropped, U+FFFD
    and all whitespace (no-break spaces, tabs, newlines) collapsed to single
    spaces, trailing full stops ignored, ends stripped.

    Example: ``match_key("Asiakas\\u00a0lähtöisyys.\\n") == match_key("asiakas lähtöisyys") == "asiakas lähtöisyys"``

    :param text: any text.
    :returns: the comparison key.
    """
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    text = unicodedata.normalize("NFC", text.casefold()).replace(_REPLACEMENT, " ")
    return " ".join(text.split()).rstrip(" .")
