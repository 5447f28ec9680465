"""Records passed between the stages of the pipeline.

Every record is a frozen dataclass. Text is normalised to Unicode NFC and
sequences are turned into tuples in ``__post_init__``, never further down the
pipeline, so a record that exists is already in canonical form.

The flow is::

    reader (pdf / pptx / text)  ->  SourceDocument (pages of Blocks)
    clean + structure + statements  ->  ExtractedDocument
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Optional, Sequence

BLOCK_ROLES = (
    "title",  # slide title or page title
    "heading",  # a heading inside the page
    "paragraph",
    "list_item",  # one bullet or numbered item; ``marker`` holds "1.", "•", "A." ...
    "table",  # ``cells`` holds the cells
    "caption",  # a table's or figure's caption
    "notes",  # speaker notes of a slide
    "rotated",  # text set at an angle (sidebars); kept apart from the body
    "furniture",  # running header/footer/page number, removed from the body
)

STATEMENT_KINDS = (
    "mission",
    "vision",
    "value",
    "guideline",
    "aim",
    "principle",
    "goal",
    "subgoal",
    "promise",  # a change promise (muutoslupaus / förändringslöfte)
    "action",
    "result",
    "target",
    "impact",
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


LINE_BREAKS = (
    "word",  # a line end without a hyphen is a word boundary (PDFs, slides)
    "spaced",  # word-boundary line ends carry trailing whitespace; a bare one may hide a lost hyphen
    "unmarked",  # the source may have lost line-end hyphens and marks nothing (stripped text exports)
)

CELL_KINDS = ("column_header", "row_header", "content")


@dataclass(frozen=True)
class Cell:
    """One cell of a table, whatever the source (ruled PDF lines, a PPTX table, a text export).

    ``row`` and ``col`` are 0-based grid positions of the cell's top-left
    corner; ``row_span``/``col_span`` how many grid rows and columns it
    covers. ``kind`` is ``column_header`` (a cell of the header row),
    ``row_header`` or ``content``. ``text`` is the cell's running text
    (lines joined with newlines, bullets excluded); ``items`` the bullets or
    numbered items inside the cell, without their markers, in order.
    """

    row: int
    col: int
    text: str
    kind: str = "content"
    row_span: int = 1
    col_span: int = 1
    items: tuple[str, ...] = ()
    bbox: Optional[tuple[float, float, float, float]] = None

    def __post_init__(self) -> None:
        if self.kind not in CELL_KINDS:
            raise ValueError(f"unknown cell kind {self.kind!r}")
        if self.row < 0 or self.col < 0 or self.row_span < 1 or self.col_span < 1:
            raise ValueError(f"bad cell position {self.row},{self.col} span {self.row_span}x{self.col_span}")
        object.__setattr__(self, "text", _nfc(self.text))
        object.__setattr__(self, "items", tuple(_nfc(i) for i in self.items))
        if self.bbox is not None:
            object.__setattr__(self, "bbox", tuple(float(v) for v in self.bbox))

    @property
    def full_text(self) -> str:
        """The running text and the items, one per line."""
        return "\n".join(part for part in (self.text, *self.items) if part)


def cells_from_rows(rows: Sequence[Sequence[str]], header_rows: int = 0) -> tuple[Cell, ...]:
    """A grid of cell strings as :class:`Cell` records (the first ``header_rows`` rows as column headers).

    >>> [c.kind for c in cells_from_rows([["Goal", "Score"], ["A", "4"]], header_rows=1)]
    ['column_header', 'column_header', 'content', 'content']
    """
    return tuple(
        Cell(r, c, text or "", "column_header" if r < header_rows else "content")
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    )


@dataclass(frozen=True)
class Block:
    """One unit of a page as a reader found it.

    Invariants: ``lines`` are the physical lines in reading order, NFC, with
    their trailing whitespace kept (a text export's trailing space tells that a
    line ends at a word boundary); ``role`` is one of :data:`BLOCK_ROLES`;
    ``page`` is the 1-based page or slide number, or ``None`` when unknown.
    ``level`` is a heading level (1 is
    the largest) for titles and headings, else ``None``. ``cells`` is set only
    for tables (see :class:`Cell`); ``rows`` is the same table as a grid of
    cell texts. ``line_breaks`` (one of :data:`LINE_BREAKS`) says what a line
    end without a hyphen means in this source.
    """

    lines: tuple[str, ...]
    page: Optional[int]
    role: str = "paragraph"
    level: Optional[int] = None
    marker: Optional[str] = None
    bbox: Optional[tuple[float, float, float, float]] = None
    font_size: Optional[float] = None
    bold: bool = False
    cells: Optional[tuple[Cell, ...]] = None
    line_breaks: str = "word"

    def __post_init__(self) -> None:
        if self.role not in BLOCK_ROLES:
            raise ValueError(f"unknown block role {self.role!r}")
        if (self.cells is not None) != (self.role == "table"):
            raise ValueError("a table block needs cells, and only a table block has them")
        if self.line_breaks not in LINE_BREAKS:
            raise ValueError(f"unknown line_breaks {self.line_breaks!r}")
        object.__setattr__(self, "lines", tuple(_nfc(line) for line in self.lines))
        if self.cells is not None:
            object.__setattr__(self, "cells", tuple(sorted(self.cells, key=lambda c: (c.row, c.col))))
        if self.bbox is not None:
            object.__setattr__(self, "bbox", tuple(float(v) for v in self.bbox))

    @property
    def rows(self) -> Optional[tuple[tuple[str, ...], ...]]:
        """A table's cells as a grid of texts (items on lines of their own), or ``None``."""
        return table_grid(self.cells) if self.cells is not None else None

    @property
    def raw_text(self) -> str:
        """The lines joined with newlines, before any cleaning."""
        return "\n".join(self.lines)


def table_grid(cells: Sequence[Cell]) -> tuple[tuple[str, ...], ...]:
    """Cells as rows of texts; a spanning cell's text stands in its first grid position only."""
    if not cells:
        return ()
    height = max(c.row + c.row_span for c in cells)
    width = max(c.col + c.col_span for c in cells)
    grid = [[""] * width for _ in range(height)]
    for cell in cells:
        grid[cell.row][cell.col] = cell.full_text
    return tuple(tuple(row) for row in grid)


@dataclass(frozen=True)
class Page:
    """A page (or slide) with its blocks in reading order.

    ``continues`` is true on a continuation page: a slide whose title repeats the
    one before ("Tavoitteet (2/2)"), so its body goes on with that page's section.
    """

    number: Optional[int]
    blocks: tuple[Block, ...]
    width: Optional[float] = None
    height: Optional[float] = None
    continues: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(self.blocks))


@dataclass(frozen=True)
class Removal:
    """Text taken out of the body by cleaning, kept so nothing is lost silently."""

    page: Optional[int]
    kind: str  # "footer", "header", "page_number", "rotated", "running_title"
    text: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _nfc(self.text))


@dataclass(frozen=True)
class SourceDocument:
    """What a reader returns for one file: pages of blocks, nothing more.

    ``source_kind`` is ``"pdf"``, ``"pptx"`` or ``"text"``. ``page_count`` is
    the number of pages the source has (``None`` when a text export carries no
    page evidence). ``removals`` lists what the reader itself removed
    (e.g. footers recognised while recovering page numbers). ``warnings`` are
    human-readable notes that become findings.
    """

    path: str
    source_kind: str
    pages: tuple[Page, ...]
    page_count: Optional[int]
    removals: tuple[Removal, ...] = ()
    warnings: tuple[tuple[Optional[int], str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "pages", tuple(self.pages))
        object.__setattr__(self, "removals", tuple(self.removals))
        object.__setattr__(self, "warnings", tuple(tuple(w) for w in self.warnings))

    @property
    def blocks(self) -> tuple[Block, ...]:
        """All blocks of all pages, in order."""
        return tuple(b for p in self.pages for b in p.blocks)


@dataclass(frozen=True)
class DocumentInfo:
    """One entry of the corpus manifest, validated."""

    id: str
    file: str
    organisation: str
    region: str
    period: str
    kind: str
    languages: tuple[str, ...]
    title: str
    source_url: Optional[str] = None
    original_file: Optional[str] = None

    def __post_init__(self) -> None:
        for name in ("organisation", "region", "title"):
            object.__setattr__(self, name, _nfc(getattr(self, name)))
        object.__setattr__(self, "languages", tuple(self.languages))

    @property
    def period_start(self) -> Optional[int]:
        """First year of the period, e.g. 2023 for "2023-2025"."""
        head = self.period.replace("–", "-").split("-")[0].strip()
        return int(head) if head.isdigit() else None

    @property
    def period_end(self) -> Optional[int]:
        """Last year of the period, e.g. 2025 for "2023-2025"."""
        tail = self.period.replace("–", "-").split("-")[-1].strip()
        return int(tail) if tail.isdigit() else None


@dataclass(frozen=True)
class Section:
    """A node of a document's section tree.

    ``id`` is ``"<document_id>/s<ordinal>"``; ``parent_id`` is the enclosing
    section or ``None``. ``page_start``/``page_end`` are ``None`` when unknown.
    """

    id: str
    document_id: str
    parent_id: Optional[str]
    ordinal: int
    level: int
    heading: str
    text: str
    lang: str
    page_start: Optional[int]
    page_end: Optional[int]

    def __post_init__(self) -> None:
        object.__setattr__(self, "heading", _nfc(self.heading))
        object.__setattr__(self, "text", _nfc(self.text))


@dataclass(frozen=True)
class Passage:
    """One unit of a document's text as printed: a heading, paragraph, list item, table or note.

    Passages are the finest units that parallel-text alignment pairs (a slide
    title with its translation, a bullet with its translated bullet). ``id``
    is ``"<document_id>/p<ordinal>"``; ``role`` is heading, paragraph, item,
    table or notes; ``number`` is the printed list number, if any.
    """

    id: str
    document_id: str
    section_id: Optional[str]
    ordinal: int
    role: str
    level: Optional[int]
    number: Optional[str]
    text: str
    lang: str
    page: Optional[int]

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _nfc(self.text))


@dataclass(frozen=True)
class Statement:
    """A typed statement (a row of the ``goals`` table).

    ``kind`` is one of :data:`STATEMENT_KINDS`; ``number`` is the list number
    as printed without its trailing full stop (``"3"``, ``"A"``) or ``None``;
    ``parent_id`` points to the statement this one belongs to (a goal to its
    guideline, a sub-goal to its goal).
    """

    id: str
    document_id: str
    section_id: Optional[str]
    parent_id: Optional[str]
    ordinal: int
    kind: str
    number: Optional[str]
    text: str
    lang: str
    page: Optional[int]

    def __post_init__(self) -> None:
        if self.kind not in STATEMENT_KINDS:
            raise ValueError(f"unknown statement kind {self.kind!r}")
        object.__setattr__(self, "text", _nfc(self.text))


@dataclass(frozen=True)
class Target:
    """The measurable part of a statement: metric, comparison, value, unit."""

    goal_id: str
    metric: str
    comparison: str  # ">", ">=", "<", "<=", "=", "keep"
    value: Optional[float]
    unit: Optional[str]
    text: str


@dataclass(frozen=True)
class Evaluation:
    """An evaluated goal's verdict: achieved yes/partial/no and a 1–5 score."""

    goal_id: str
    achieved: str
    score: Optional[int]
    assessment: str
    evaluation_set: Optional[str] = None
    group: Optional[str] = None

    def __post_init__(self) -> None:
        if self.achieved not in ("yes", "partial", "no"):
            raise ValueError(f"achieved must be yes/partial/no, not {self.achieved!r}")
        if self.score is not None and not 1 <= self.score <= 5:
            raise ValueError(f"score must be 1-5, not {self.score!r}")
        object.__setattr__(self, "assessment", _nfc(self.assessment))


@dataclass(frozen=True)
class Finding:
    """Something worth a human look: a contradiction or an extraction warning."""

    document_id: Optional[str]
    kind: str
    message: str
    page: Optional[int] = None
    expected: Optional[str] = None
    found: Optional[str] = None


@dataclass(frozen=True)
class ExtractedDocument:
    """Everything extraction produced for one document of the manifest."""

    info: DocumentInfo
    sha256: str
    pages: Optional[int]
    sections: tuple[Section, ...] = ()
    passages: tuple[Passage, ...] = ()
    statements: tuple[Statement, ...] = ()
    targets: tuple[Target, ...] = ()
    evaluations: tuple[Evaluation, ...] = ()
    findings: tuple[Finding, ...] = ()
    removals: tuple[Removal, ...] = field(default=())
    error: Optional[str] = None

    def __post_init__(self) -> None:
        for name in ("sections", "passages", "statements", "targets", "evaluations", "findings", "removals"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
