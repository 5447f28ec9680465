"""From cleaned blocks to units (one logical paragraph each) and a section tree.

Units are the blocks with their lines joined (hyphenation repaired), the list
number parsed and each classified as heading or body. Headings come from the
reader when it knows them (font size, slide title) and otherwise from the
shape of the text: a short line without sentence punctuation. A cue title
run into the end of the paragraph before it ("… behov. RIKTLINJE 2", where
pages ran on) is split off as the heading it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from extract.clean.hyphenation import join_lines, line_vocabulary
from extract.clean.normalize import match_key, normalize_text
from extract.cues import read_cue
from extract.language import detect_language
from extract.records import Block, Cell, Passage, Section, SourceDocument, table_grid
from extract.title_runs import names_in_running_text, title_run_pieces

HEADING_MAX_WORDS = 12
TITLE_MAX_WORDS = 6  # a box's title in a series of boxes
_NUMBER = re.compile(r"^(\d{1,2}|[A-Z])[.)]$")
_CHAPTER_PREFIX = re.compile(r"^(\d{1,2})\s+(?=\w)")
# the last words of a paragraph after its last sentence end: a title run into it, when they are a cue
_RUN_IN_TITLE = re.compile(r"(?<=[.!?])\s+(?P<title>[^.!?]+)$")


@dataclass(frozen=True)
class Unit:
    """One logical paragraph, list item, heading or table of a document.

    ``index`` is the unit's position in the document (stable for the same
    input), ``first_on_page`` marks the first unit of a page, ``spread`` the
    first page of the run of continuation pages the unit's page belongs to
    (its own page where it continues none), ``bbox`` the block's box where
    the source has geometry.
    """

    index: int
    text: str
    role: str  # heading, paragraph, list_item, table, notes
    level: Optional[int]
    marker: Optional[str]
    number: Optional[str]
    page: Optional[int]
    lang: str
    first_on_page: bool
    last_on_page: bool
    chars_per_line: float = 0.0
    cells: Optional[tuple[Cell, ...]] = None
    spread: Optional[int] = None
    bbox: Optional[tuple[float, float, float, float]] = None

    @property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """A table unit's cells as a grid of texts (empty for other units)."""
        return table_grid(self.cells or ())

    @property
    def words(self) -> int:
        """Number of whitespace-separated words."""
        return len(self.text.split())


def build_units(source: SourceDocument, languages: Sequence[str] = ()) -> list[Unit]:
    """Join each block's lines and classify it; rotated text and furniture stay out.

    :param source: a reader's output
    :param languages: the languages the manifest expects (a hint for hyphenation)
    """
    units: list[Unit] = []
    hint = languages[0] if len(languages) == 1 else None
    vocabulary = line_vocabulary(line for block in source.blocks for line in block.lines)
    spread: Optional[int] = None
    for page in source.pages:
        spread = spread if page.continues and spread is not None else page.number
        body = [b for b in page.blocks if b.role not in ("rotated", "furniture")]
        for i, block in enumerate(body):
            unit = _unit(len(units), block, hint, i == 0, i == len(body) - 1, vocabulary)
            for part in _run_in_title(unit) if unit is not None else ():
                units.append(replace(part, index=len(units), spread=spread if spread != part.page else None))
    return split_title_runs(units)


def split_title_runs(units: Sequence[Unit]) -> list[Unit]:
    """Each heading that runs several sibling titles together as one heading per title, units renumbered.

    A heading is split (:func:`extract.title_runs.title_run_pieces`) when it stands beside a sibling,
    a short heading next to it on its page, and every piece is as short as a title; a word the
    document's running text writes capitalised mid-sentence is a name there, no seam. A heading made
    of titles all printed as headings elsewhere stays whole: it is a row of them (:mod:`extract.title_rows`).
    """
    titles = {match_key(heading_text(u.text)) for u in units if u.role == "heading"}
    names = names_in_running_text(u.text for u in units if u.role in ("paragraph", "list_item"))
    out: list[Unit] = []
    for i, unit in enumerate(units):
        pieces = _title_run(unit, units[i - 1 : i] + units[i + 1 : i + 2], names)
        if len(pieces) < 2 or all(match_key(p) in titles for p in pieces):
            out.append(replace(unit, index=len(out)))
            continue
        for n, piece in enumerate(pieces):
            out.append(replace(unit, index=len(out), text=piece, chars_per_line=float(len(piece)),
                               first_on_page=unit.first_on_page and n == 0,
                               last_on_page=unit.last_on_page and n == len(pieces) - 1))
    return out


def _title_run(unit: Unit, neighbours: Sequence[Unit], names: frozenset[str]) -> tuple[str, ...]:
    """The titles ``unit`` runs together, when it is a heading among sibling titles; else ``(unit.text,)``."""
    def short_heading(u: Unit) -> bool:
        return u.role == "heading" and u.page == unit.page and u.words <= TITLE_MAX_WORDS

    if unit.role != "heading" or not any(short_heading(u) for u in neighbours):
        return (unit.text,)
    pieces = title_run_pieces(unit.text, unit.lang, names)
    return pieces if all(len(p.split()) <= TITLE_MAX_WORDS for p in pieces) else (unit.text,)


def _run_in_title(unit: Unit) -> tuple[Unit, ...]:
    """A paragraph and the cue title run into its end as two units ("… behov." / "RIKTLINJE 2"), else the unit.

    Only a title set in capitals or numbered ("Riktlinje 2") counts: a sentence's last words are neither.
    """
    # a short text ending in a title may have been read as a heading by its looks: a sentence end inside tells
    found = _RUN_IN_TITLE.search(unit.text) if unit.role in ("paragraph", "heading") else None
    title = found.group("title").strip() if found else ""
    cue = read_cue(title) if title else None
    if cue is None or not (title.isupper() or cue.single):
        return (unit,)
    text = unit.text[: found.start()].rstrip()
    return (replace(unit, text=text, role="paragraph", level=None, last_on_page=False),
            replace(unit, text=title, role="heading", level=2, first_on_page=False, chars_per_line=float(len(title))))


def _unit(
    index: int, block: Block, hint: Optional[str], first: bool, last: bool, vocabulary: frozenset[str]
) -> Optional[Unit]:
    if block.role == "table":
        cells = tuple(replace(c, text=normalize_text(c.text), items=tuple(normalize_text(i) for i in c.items))
                      for c in block.cells or ())
        text = " | ".join(c.full_text.replace("\n", " ") for c in cells if c.full_text)
        return Unit(index, text, "table", None, None, None, block.page, detect_language(text), first, last, cells=cells,
                    bbox=block.bbox)
    lines = [normalize_text(line) for line in block.lines]
    text = join_lines(lines, hint, block.line_breaks, vocabulary).strip()
    if not text:
        return None
    number = None
    if block.marker:
        found = _NUMBER.match(block.marker)
        number = found.group(1) if found else None
    role, level = _classify(block, text, first)
    width = sum(len(line.strip()) for line in lines) / max(1, sum(1 for line in lines if line.strip()))
    return Unit(index, text, role, level, block.marker, number, block.page, detect_language(text), first, last, width,
                bbox=block.bbox)


def _classify(block: Block, text: str, first_on_page: bool) -> tuple[str, Optional[int]]:
    if block.role in ("title", "heading"):
        return "heading", block.level or (1 if block.role == "title" else 2)
    if block.role in ("list_item", "notes"):
        return block.role, None
    if looks_like_heading(text):
        return "heading", 1 if first_on_page else 2
    return "paragraph", None


def looks_like_heading(text: str) -> bool:
    """A short line that does not end a sentence: "Arvomme", "Hur vi förnyar oss", "Tavoitteet:"."""
    words = text.split()
    if not words or len(words) > HEADING_MAX_WORDS:
        return False
    if text[-1] in ".!;,":
        return False
    first = words[0]
    return first[:1].isupper() or first[:1].isdigit()


def heading_text(text: str) -> str:
    """A heading without a chapter number in front ("01 Perustehtävämme" → "Perustehtävämme")."""
    return _CHAPTER_PREFIX.sub("", text).strip()


def build_sections(document_id: str, units: Sequence[Unit], demoted: set[int]) -> tuple[list[Section], dict[int, str]]:
    """The section tree: every heading unit opens a section holding what follows it.

    Units whose index is in ``demoted`` are headings by shape that statement
    typing recognised as items (e.g. the values under "Arvomme"); they stay
    in their section's text instead of opening a new one.

    Returns the sections and, per unit index, the id of its section.
    """
    sections: list[Section] = []
    owner: dict[int, str] = {}
    stack: list[tuple[int, str]] = []  # (level, section id)
    open_units: list[Unit] = []
    current: Optional[dict] = None

    def close() -> None:
        if current is None:
            return
        body = [u for u in open_units if u.index != current["unit"]]
        pages = [u.page for u in open_units if u.page is not None]
        text = "\n\n".join(u.text for u in body)
        lang = detect_language(" ".join([current["heading"], text])) if (text or current["heading"]) else "und"
        sections.append(
            Section(
                id=current["id"],
                document_id=document_id,
                parent_id=current["parent"],
                ordinal=current["ordinal"],
                level=current["level"],
                heading=current["heading"],
                text=text,
                lang=lang,
                page_start=min(pages) if pages else None,
                page_end=max(pages) if pages else None,
            )
        )

    for unit in units:
        opens = unit.role == "heading" and unit.index not in demoted
        if current is None or opens:
            close()
            level = unit.level or 1 if opens else 1
            while stack and stack[-1][0] >= level:
                stack.pop()
            ordinal = len(sections) + 1
            section_id = f"{document_id}/s{ordinal:04d}"
            current = {
                "id": section_id,
                "parent": stack[-1][1] if stack else None,
                "ordinal": ordinal,
                "level": level,
                "heading": heading_text(unit.text) if opens else "",
                "unit": unit.index if opens else -1,
            }
            stack.append((level, section_id))
            open_units = []
        open_units.append(unit)
        owner[unit.index] = current["id"]
    close()
    sections.sort(key=lambda s: s.ordinal)
    return sections, owner


_PASSAGE_ROLES = {"list_item": "item"}


def build_passages(document_id: str, units: Sequence[Unit], owner: dict[int, str]) -> list[Passage]:
    """Every unit as a :class:`Passage` with its section, page, list number and language.

    :param document_id: the document's id (prefix of the passage ids)
    :param units: the document's units in reading order
    :param owner: per unit index, the id of its section (from :func:`build_sections`)
    """
    return [
        Passage(
            id=f"{document_id}/p{ordinal:04d}",
            document_id=document_id,
            section_id=owner.get(unit.index),
            ordinal=ordinal,
            role=_PASSAGE_ROLES.get(unit.role, unit.role),
            level=unit.level,
            number=unit.number,
            text=unit.text,
            lang=unit.lang,
            page=unit.page,
        )
        for ordinal, unit in enumerate(units, 1)
    ]
