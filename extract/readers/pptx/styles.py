"""What a paragraph inherits: bullet, font size and bold, through PowerPoint's style chain.

A paragraph's properties are looked up nearest first (ECMA-376, 19.3.1 and
21.1.2): the run (``a:rPr``), the paragraph (``a:pPr`` and its ``a:defRPr``),
the shape's own ``a:lstStyle``, then for a placeholder its layout
placeholder and the master placeholder of the same kind, then the master's
``p:txStyles`` (``p:titleStyle`` for titles, ``p:bodyStyle`` for body
placeholders), and last the presentation's ``p:defaultTextStyle``. A text
box or a table cell skips the placeholder steps. Each step holds one
``a:lvl{n}pPr`` per indent level.

Example::

    chain = shape_chain(shape, slide)
    chain.bullet(paragraph)      # the a:buChar / a:buAutoNum / a:buNone deciding it, or None
    chain.font_size(paragraph)   # e.g. 32.0 for a first-level body placeholder paragraph
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Optional, Sequence

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.slide import Slide
from pptx.text.text import _Paragraph

#: PowerPoint's size when no step of the chain sets one (ECMA-376: ``sz`` defaults to 1800).
DEFAULT_SIZE = 18.0

TITLE_TYPES = frozenset({PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE})
#: Placeholders that are page furniture, with the kind of removal they are recorded as.
FURNITURE_TYPES = {
    PP_PLACEHOLDER.DATE: "footer",
    PP_PLACEHOLDER.FOOTER: "footer",
    PP_PLACEHOLDER.SLIDE_NUMBER: "page_number",
    PP_PLACEHOLDER.HEADER: "header",
}
_BULLET_TAGS = frozenset(qn(tag) for tag in ("a:buNone", "a:buChar", "a:buAutoNum", "a:buBlip"))
_MAX_LEVEL = 8


@dataclass(frozen=True)
class StyleChain:
    """The list styles (``a:lstStyle``, ``p:bodyStyle`` …) a text body inherits from, nearest first."""

    list_styles: tuple[etree._Element, ...]

    def _levels(self, paragraph: _Paragraph) -> list[etree._Element]:
        """The paragraph's own ``a:pPr`` and the ``a:lvl{n}pPr`` of each list style, nearest first."""
        tag = qn(f"a:lvl{min(paragraph.level, _MAX_LEVEL) + 1}pPr")
        found = [paragraph._p.pPr] + [style.find(tag) for style in self.list_styles]
        return [ppr for ppr in found if ppr is not None]

    def bullet(self, paragraph: _Paragraph) -> Optional[etree._Element]:
        """The element deciding the paragraph's bullet (``a:buNone``, ``a:buChar``, ``a:buAutoNum``
        or ``a:buBlip``), or ``None`` when no step of the chain sets one."""
        for ppr in self._levels(paragraph):
            found = next((child for child in ppr if child.tag in _BULLET_TAGS), None)
            if found is not None:
                return found
        return None

    def _default(self, paragraph: _Paragraph, attribute: str) -> Optional[str]:
        """The first ``a:defRPr/@attribute`` along the chain."""
        for ppr in self._levels(paragraph):
            default = ppr.find(qn("a:defRPr"))
            if default is not None and default.get(attribute) is not None:
                return default.get(attribute)
        return None

    def font_size(self, paragraph: _Paragraph) -> float:
        """The size (points) carrying most of the paragraph's characters, inheritance resolved.

        Example: a run of 30 characters at 14 pt and one of 3 at 28 pt give 14.0.
        """
        inherited = self._default(paragraph, "sz")
        fallback = int(inherited) / 100 if inherited else DEFAULT_SIZE
        weights: Counter[float] = Counter()
        for run in paragraph.runs:
            size = run.font.size
            weights[size.pt if size is not None else fallback] += len(run.text.strip())
        return weights.most_common(1)[0][0] if weights and sum(weights.values()) else fallback

    def bold(self, paragraph: _Paragraph) -> bool:
        """True when every run with visible text is bold, directly or by inheritance."""
        inherited = self._default(paragraph, "b") in ("1", "true")
        runs = [run for run in paragraph.runs if run.text.strip()]
        return bool(runs) and all(inherited if run.font.bold is None else run.font.bold for run in runs)


def _own_list_style(element: Optional[etree._Element]) -> Optional[etree._Element]:
    """The ``a:lstStyle`` of a shape's or cell's text body, if any."""
    if element is None:
        return None
    body = element.find(qn("p:txBody"))
    if body is None:
        body = element.find(qn("a:txBody"))
    return None if body is None else body.find(qn("a:lstStyle"))


def _presentation_default(slide: Slide) -> Optional[etree._Element]:
    """The presentation's ``p:defaultTextStyle``."""
    presentation = slide.part.package.presentation_part.presentation
    return presentation._element.find(qn("p:defaultTextStyle"))


def _master_placeholder_type(kind: PP_PLACEHOLDER) -> PP_PLACEHOLDER:
    """The kind of master placeholder a layout placeholder of ``kind`` inherits from."""
    if kind in TITLE_TYPES:
        return PP_PLACEHOLDER.TITLE
    return kind if kind in FURNITURE_TYPES else PP_PLACEHOLDER.BODY


def shape_chain(shape: BaseShape, slide: Slide) -> StyleChain:
    """The style chain of a slide shape's text (a placeholder, a text box, an autoshape).

    :param shape: a shape with a text frame, on ``slide`` (possibly inside a group).
    :param slide: the slide.
    """
    styles: list[Optional[etree._Element]] = [_own_list_style(shape._element)]
    if shape.is_placeholder:
        kind = shape.placeholder_format.type
        layout = slide.slide_layout
        master = layout.slide_master
        layout_ph = layout.placeholders.get(idx=shape.placeholder_format.idx)
        master_ph = next(
            (ph for ph in master.placeholders if ph.placeholder_format.type == _master_placeholder_type(kind)), None
        )
        styles += [_own_list_style(ph._element) for ph in (layout_ph, master_ph) if ph is not None]
        text_styles = master._element.find(qn("p:txStyles"))
        if text_styles is not None and kind not in FURNITURE_TYPES:
            styles.append(text_styles.find(qn("p:titleStyle" if kind in TITLE_TYPES else "p:bodyStyle")))
    styles.append(_presentation_default(slide))
    return StyleChain(tuple(style for style in styles if style is not None))


def cell_chain(cell_element: etree._Element, slide: Slide) -> StyleChain:
    """The style chain of a table cell's text: the cell's own list style, then the presentation's.

    :param cell_element: the ``a:tc`` element.
    :param slide: the slide the table is on.
    """
    styles: Sequence[Optional[etree._Element]] = (_own_list_style(cell_element), _presentation_default(slide))
    return StyleChain(tuple(style for style in styles if style is not None))


def notes_chain() -> StyleChain:
    """Speaker notes: only the paragraphs' own formatting counts (no bullets are inherited)."""
    return StyleChain(())
