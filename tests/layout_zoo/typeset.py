"""Hand typesetting for the layouts that fpdf2's text flow cannot give: justified lines with hyphenation, boxes.

Lines are broken greedily by measured width; a word that does not fit may be
split at a Finnish/Swedish syllable boundary (before a consonant–vowel pair),
the line then ending in a hyphen: a printed "-" or a soft hyphen U+00AD, as
exporters differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from fpdf import FPDF

_VOWELS = set("aeiouyäöåAEIOUYÄÖÅ")
SOFT_HYPHEN = "\u00ad"
LIGATURES = (("ffi", "\ufb03"), ("ffl", "\ufb04"), ("fi", "\ufb01"), ("fl", "\ufb02"))


@dataclass
class Line:
    """One set line: its words and the hyphen it ends in (``None``: the line ends between words)."""

    words: list[str]
    hyphen: Optional[str]
    last: bool = False


def ligatures(text: str) -> str:
    """``text`` with ﬁ, ﬂ, ﬃ, ﬄ ligature characters where the letters stand."""
    for letters, ligature in LIGATURES:
        text = text.replace(letters, ligature)
    return text


def syllable_breaks(word: str) -> list[int]:
    """Positions where ``word`` may be hyphenated: before a consonant followed by a vowel, 2+ letters each side."""
    out = []
    for i in range(2, len(word) - 2):
        before, here, after = word[:i], word[i], word[i + 1]
        if (here.isalpha() and here not in _VOWELS and after in _VOWELS and before[-1].isalpha()
                and any(c in _VOWELS for c in before) and word[i:].isalpha()):
            out.append(i)
    return out


def wrap(pdf: FPDF, text: str, width: float, hyphen: Optional[str] = None) -> list[Line]:
    """Break ``text`` into lines no wider than ``width`` in the current font.

    :param hyphen: the character a split word's first part ends in ("-" or U+00AD); ``None``: never split words
    """
    space = pdf.get_string_width(" ")
    lines: list[Line] = []
    words: list[str] = []
    used = 0.0
    queue = text.split()
    while queue:
        word = queue.pop(0)
        need = pdf.get_string_width(word) + (space if words else 0)
        if used + need <= width or not words and not hyphen:
            words.append(word)
            used += need
            continue
        if hyphen:
            rest = width - used - (space if words else 0)
            fitting = [i for i in syllable_breaks(word) if pdf.get_string_width(word[:i] + "-") <= rest]
            if fitting:
                i = fitting[-1]
                lines.append(Line(words + [word[:i]], hyphen))
                words, used = [], 0.0
                queue.insert(0, word[i:])
                continue
            if not words:  # a word wider than the line: set it alone
                lines.append(Line([word], None))
                continue
        lines.append(Line(words, None))
        words, used = [word], pdf.get_string_width(word)
    if words:
        lines.append(Line(words, None))
    if lines:
        lines[-1].last = True
    return lines


def draw_line(pdf: FPDF, line: Line, x: float, y: float, width: float, justify: bool) -> None:
    """Set one line at baseline ``y``: words spread to the full width when justified (not the last line)."""
    words = list(line.words)
    if line.hyphen:
        words[-1] += line.hyphen
    if not justify or line.last or len(words) == 1:
        pdf.text(x, y, " ".join(words))
        return
    natural = sum(pdf.get_string_width(w) for w in words)
    gap = (width - natural) / (len(words) - 1)
    for word in words:
        pdf.text(x, y, word)
        x += pdf.get_string_width(word) + gap
