"""Titles and headings of a deck, decided against the deck's own body text size.

The body size is measured once per deck: the font size carrying most of the
characters of its plain paragraphs and list items. Against it:

- a slide without a (filled) title placeholder takes as its title the
  largest short text on it, the topmost among equals, when that text is
  set larger than the body or bold;
- a short paragraph set larger than the body is a ``heading`` of level 2,
  a short bold one at body size a ``heading`` of level 3.

"Short" means at most :data:`HEADING_MAX_WORDS` words and
:data:`HEADING_MAX_CHARS` characters, with letters, not ending a sentence.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Optional, Sequence

from extract.readers.pptx.slides import SlideContent
from extract.readers.pptx.styles import DEFAULT_SIZE
from extract.records import Block

HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 90
#: A paragraph is "large" when its font is at least this much bigger than the deck's body text.
HEADING_SIZE_RATIO = 1.2


def deck_body_size(slides: Sequence[SlideContent]) -> float:
    """The font size carrying most of the deck's plain (not bold) paragraph and list-item characters.

    Bold text is left out when there is plain text, so that a deck of mostly
    tables, with its few paragraphs bold side headings, still measures its body.

    Example: 300 characters at 14 pt and a 10-character 28 pt line give 14.0.
    """
    blocks = [b for s in slides for b in s.body if b.role in ("paragraph", "list_item") and b.font_size]
    plain = [b for b in blocks if not b.bold] or blocks
    weights: Counter[float] = Counter()
    for block in plain:
        weights[block.font_size] += len(block.raw_text)
    return weights.most_common(1)[0][0] if weights else DEFAULT_SIZE


def _short(block: Block) -> bool:
    """A heading-like text: few words, some letters, no sentence-ending punctuation."""
    text = " ".join(line.strip() for line in block.lines)
    return (
        len(text) <= HEADING_MAX_CHARS
        and len(text.split()) <= HEADING_MAX_WORDS
        and any(ch.isalpha() for ch in text)
        and not text.endswith((".", ",", ";"))
    )


def _large(block: Block, body_size: float) -> bool:
    return bool(block.font_size and block.font_size >= HEADING_SIZE_RATIO * body_size)


def _fallback_title(body: Sequence[Block], body_size: float) -> Optional[Block]:
    """The largest short paragraph (topmost among equals) when it is large or bold, else ``None``."""
    candidates = [b for b in body if b.role == "paragraph" and _short(b)]
    if not candidates:
        return None
    best = min(candidates, key=lambda b: (-(b.font_size or 0.0), b.bbox[1] if b.bbox else 0.0))
    return best if _large(best, body_size) or best.bold else None


def _heading(block: Block, body_size: float) -> Block:
    """A short large (level 2) or bold (level 3) paragraph as a heading; other blocks unchanged."""
    if block.role != "paragraph" or not _short(block):
        return block
    if _large(block, body_size):
        return replace(block, role="heading", level=2)
    return replace(block, role="heading", level=3) if block.bold else block


def slide_blocks(slide: SlideContent, body_size: float) -> list[Block]:
    """A slide's blocks in order: title, body with headings marked, notes.

    :param slide: what :func:`~extract.readers.pptx.slides.read_slide` found.
    :param body_size: the deck's body size (:func:`deck_body_size`).
    """
    body = list(slide.body)
    title = slide.title
    if title is None:
        found = _fallback_title(body, body_size)
        if found is not None:
            body.remove(found)
            title = replace(found, role="title", level=1)
    head = [title] if title is not None else []
    return head + [_heading(b, body_size) for b in body] + list(slide.notes)
