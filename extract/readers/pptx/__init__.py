"""Read a PowerPoint deck (.pptx) into a :class:`~extract.records.SourceDocument`.

One :class:`~extract.records.Page` per slide, numbered from 1 and sized like
the deck's slides (in points). The steps, each its own module:

1. :mod:`.container`: is the file a readable .pptx at all (E101/E102/E103);
2. :mod:`.slides`: each slide's title placeholder, body shapes in reading
   order (:mod:`.order`, through group transforms: :mod:`.geometry`) and
   notes; text through :mod:`.paragraphs` with inherited bullets and fonts
   (:mod:`.styles`, :mod:`.markers`), tables as cells (:mod:`.tables`);
3. :mod:`.headings`: titles for slides without a title placeholder and
   headings inside slides, against the deck's body size;
4. :mod:`extract.clean.continuations`: a title repeated from the slide before is a
   running title, its slide continuing the section before;
5. text repeated at the top or bottom edge of many slides (a footer typed
   into a text box on each slide) is removed as running text
   (:func:`extract.clean.furniture.remove_furniture`), and recorded.

Example::

    doc = read_pptx("corpus/deck.pptx")
    [(b.page, b.role, b.raw_text) for b in doc.blocks]
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from pptx import Presentation

from extract.readers.pptx.container import check_file, guarded
from extract.clean.furniture import remove_furniture
from extract.clean.continuations import mark_continuations
from extract.readers.pptx.geometry import EMU_PER_POINT, at_slide_edge
from extract.readers.pptx.headings import deck_body_size, slide_blocks
from extract.readers.pptx.slides import read_slide
from extract.records import Page, SourceDocument

__all__ = ["read_pptx"]


def read_pptx(path: str | Path, max_pages: Optional[int] = None) -> SourceDocument:
    """Read a .pptx deck: one page per slide, blocks in reading order.

    Example::

        doc = read_pptx("deck.pptx")
        doc.page_count          # number of slides
        doc.pages[0].blocks[0]  # Block(lines=("Strategia 2026–2029",), role="title", ...)

    :param path: the .pptx file.
    :param max_pages: read at most this many slides (``None``: all); fewer give a warning.
    :raises ExtractionError: E101 when the file is missing, E102 when it is not
        a readable .pptx (not a zip, no presentation part, corrupt XML,
        truncated), E103 when it is encrypted.
    """
    path = Path(path)
    check_file(path)
    return guarded(path, lambda: _read(path, max_pages))


def _read(path: Path, max_pages: Optional[int]) -> SourceDocument:
    """The document of a deck that :func:`check_file` accepted; may raise library errors."""
    presentation = Presentation(str(path))
    width, height = (
        None if emu is None else emu / EMU_PER_POINT for emu in (presentation.slide_width, presentation.slide_height)
    )
    slides = list(presentation.slides)
    chosen = slides[:max_pages] if max_pages else slides
    contents = [read_slide(slide, number) for number, slide in enumerate(chosen, start=1)]
    body_size = deck_body_size(contents)
    pages, repeated = mark_continuations([Page(c.number, tuple(slide_blocks(c, body_size)), width, height)
                                          for c in contents])
    pages, running = remove_furniture(pages, at_slide_edge)
    warnings = [] if len(chosen) == len(slides) else [
        (None, f"read only the first {len(chosen)} of {len(slides)} slides (max_pages)")
    ]
    return SourceDocument(
        path=str(path),
        source_kind="pptx",
        pages=tuple(pages),
        page_count=len(slides),
        removals=tuple(r for c in contents for r in c.removals) + tuple(repeated) + tuple(running),
        warnings=tuple(warnings),
    )
