"""Tables of a text export rebuilt as table blocks: evaluation tables and summary tables.

A text export prints a table's cells one after another, each as its own
paragraph. What tells the cells apart is the file's own evidence:

- the header cells themselves, found by the cue words of :mod:`extract.lang`
  (several on one line, or one across lines: :func:`~extract.evaluation_tables.segment`);
- in an evaluation table, a row's verdict line ("OSITTAIN 4 Palvelujen …": a
  verdict word and a 1–5 score, then the start of the assessment); the goal
  cell is the paragraph before it (its bullets, before the verdict, are its
  sub-goals), paragraphs after the verdict belong to the assessment;
- where paragraphs stand between a verdict and the next goal, the column
  widths of this document: the longest line of each known goal cell and of
  each known assessment, measured per header layout, with the boundary
  halfway between the two clusters;
- in a summary table, each row's figures at the end of a line ("6 3,8 3 3").

The page's group heading and running title stay outside the tables. A page
whose table has no header but rows, right after a page that ends in an
evaluation table, continues it.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field, replace
from typing import Optional, Sequence

from extract.evaluation_tables import (
    REQUIRED_ROLES,
    header_key,
    nest_items,
    parse_verdict,
    segment,
)
from extract.lang import fi, sv
from extract.records import Block, Cell, Page

_HEADER_MAX_WORDS = 15
_HEADER_MAX_BLOCKS = 8
_NAME_MAX_WORDS = 12
_NAME_MAX_BLOCKS = 3
_FIGURES = re.compile(r"^(?P<name>.*?)\s*(?P<figures>(?:\d+(?:[,.]\d+)?\s+)+\d+(?:[,.]\d+)?)$")
_VERDICT_ROLES = ("yes", "partial", "no")


def _matches(cue: str, text: str) -> bool:
    return any(re.search(getattr(m, cue), header_key(text)) for m in (fi, sv))


def _width(block: Block) -> int:
    return max((len(line.strip()) for line in block.lines), default=0)


def _text(block: Block) -> str:
    return block.raw_text.strip()


@dataclass
class _Region:
    """An evaluation table's place on a page: header blocks [start, body), rows [body, end)."""

    start: int
    body: int
    end: int
    header: list[tuple[str, str]]
    verdicts: list[int]

    @property
    def signature(self) -> tuple[str, ...]:
        return tuple(role for _, role in self.header)


@dataclass
class _RowParts:
    goal: list[Block] = field(default_factory=list)
    items: list[Block] = field(default_factory=list)
    verdict: Optional[Block] = None
    assessment: list[Block] = field(default_factory=list)


def rebuild_tables(pages: Sequence[Page]) -> list[Page]:
    """The pages with their evaluation and summary tables as ``table`` blocks (other blocks unchanged)."""
    regions: list[Optional[_Region]] = []
    previous: Optional[_Region] = None
    previous_page: Optional[Page] = None
    for page in pages:
        region = _evaluation_region(page.blocks)
        if region is None and previous is not None and previous_page is not None and previous.end == len(previous_page.blocks):
            region = _headerless_region(page.blocks, previous.header)
        regions.append(region)
        previous, previous_page = region, page
    thresholds = _thresholds(pages, regions)
    out = []
    for page, region in zip(pages, regions):
        blocks = list(page.blocks)
        if region is not None:
            blocks = _with_evaluation_table(blocks, region, thresholds.get(region.signature), page.number)
        out.append(replace(page, blocks=tuple(_with_summary_tables(blocks, page.number))))
    return out


def _header_run(blocks: Sequence[Block], i: int, cues: str) -> tuple[int, list[tuple[str, str]]]:
    """The longest run of blocks from ``i`` that splits into header cells: (end, cells); (i, []) if none."""
    best: tuple[int, list[tuple[str, str]]] = (i, [])
    misses = 0
    for j in range(i + 1, min(len(blocks), i + _HEADER_MAX_BLOCKS) + 1):
        block = blocks[j - 1]
        if block.role not in ("paragraph", "heading", "title") or len(block.raw_text.split()) > _HEADER_MAX_WORDS:
            break
        cells = segment([b.raw_text for b in blocks[i:j]], cues)
        if cells:
            best, misses = (j, cells), 0
        else:
            misses += 1
            if misses == 2:
                break
    return best


def _evaluation_region(blocks: Sequence[Block]) -> Optional[_Region]:
    for i, block in enumerate(blocks):
        if block.role == "list_item" or len(block.raw_text.split()) > _HEADER_MAX_WORDS:
            continue
        body, cells = _header_run(blocks, i, "EVALUATION_HEADER_CELLS")
        if cells and REQUIRED_ROLES <= {role for _, role in cells}:
            end = _body_end(blocks, body)
            verdicts = _verdicts(blocks, body, end)
            return _Region(i, body, end, cells, verdicts) if verdicts else None
    return None


def _headerless_region(blocks: Sequence[Block], header: list[tuple[str, str]]) -> Optional[_Region]:
    end = _body_end(blocks, 0)
    verdicts = _verdicts(blocks, 0, end)
    return _Region(0, 0, end, header, verdicts) if verdicts else None


def _body_end(blocks: Sequence[Block], body: int) -> int:
    for j in range(body, len(blocks)):
        block = blocks[j]
        if block.role == "table" or _matches("CONTINUES_NEXT_PAGE", _text(block)) or _matches("SUMMARY_HEADER", _text(block)):
            return j
        if j > body and block.role != "list_item" and len(block.raw_text.split()) <= _HEADER_MAX_WORDS:
            _, cells = _header_run(blocks, j, "EVALUATION_HEADER_CELLS")
            if cells and REQUIRED_ROLES <= {role for _, role in cells}:
                return j
    return len(blocks)


def _verdicts(blocks: Sequence[Block], start: int, end: int) -> list[int]:
    return [j for j in range(start, end) if blocks[j].role in ("paragraph", "heading")
            and parse_verdict(_text(blocks[j]), need_score=True)]


def _known_goal(blocks: Sequence[Block], verdict: int, start: int) -> Optional[Block]:
    """The block that is surely (part of) a goal cell: the last paragraph before the row's bullets and verdict."""
    j = verdict - 1
    while j >= start and blocks[j].role == "list_item":
        j -= 1
    return blocks[j] if j >= start and not parse_verdict(_text(blocks[j]), need_score=True) else None


def _thresholds(pages: Sequence[Page], regions: Sequence[Optional[_Region]]) -> dict[tuple[str, ...], float]:
    """Per header layout, the line width that separates goal cells (narrower) from assessments (wider)."""
    goals: dict[tuple[str, ...], list[int]] = {}
    assessments: dict[tuple[str, ...], list[int]] = {}
    for page, region in zip(pages, regions):
        if region is None:
            continue
        previous = region.body
        for v in region.verdicts:
            goal = _known_goal(page.blocks, v, previous)
            if goal is not None:
                goals.setdefault(region.signature, []).append(_width(goal))
            if len(page.blocks[v].lines) > 1:
                assessments.setdefault(region.signature, []).append(_width(page.blocks[v]))
            previous = v + 1
    out = {}
    for signature, widths in goals.items():
        wide = assessments.get(signature)
        if not wide:
            out[signature] = max(widths) + 0.5
        elif max(widths) < min(wide):
            out[signature] = (max(widths) + min(wide)) / 2
        else:
            out[signature] = (statistics.median(widths) + statistics.median(wide)) / 2
    return out


def _rows(blocks: Sequence[Block], region: _Region, threshold: Optional[float]) -> tuple[list[Block], list[_RowParts]]:
    """Blocks before the table that are no part of it, and the table's rows (a first row may only continue)."""
    rows: list[_RowParts] = []
    outside: list[Block] = []
    start = region.body
    for v in region.verdicts:
        gap = list(blocks[start:v])
        items: list[Block] = []
        while gap and gap[-1].role == "list_item":
            items.insert(0, gap.pop())
        goal: list[Block] = [gap.pop()] if gap else []
        while gap and gap[-1].role != "list_item" and threshold is not None and _width(gap[-1]) <= threshold:
            goal.insert(0, gap.pop())
        if gap:
            wide = any(threshold is None or _width(b) > threshold for b in gap)
            if rows:
                rows[-1].assessment.extend(gap)
            elif wide:
                rows.append(_RowParts(assessment=gap))
            else:
                outside.extend(gap)
        rows.append(_RowParts(goal, items, blocks[v]))
        start = v + 1
    rows[-1].assessment.extend(blocks[start:region.end])
    return outside, rows


def _with_evaluation_table(blocks: list[Block], region: _Region, threshold: Optional[float], page: Optional[int]) -> list[Block]:
    outside, rows = _rows(blocks, region, threshold)
    roles = region.signature
    columns = {role: roles.index(role) for role in dict.fromkeys(roles)}
    has_header = region.body > region.start
    cells: list[Cell] = []
    if has_header:
        cells = [Cell(0, col, text, "column_header") for col, (text, _) in enumerate(region.header)]
    for r, parts in enumerate(rows, 1 if has_header else 0):
        cells.extend(_row_cells(r, parts, columns, len(roles)))
    table = _table_block(blocks[region.start:region.end], cells, page)
    return blocks[:region.start] + outside + [table] + blocks[region.end:]


def _table_block(used: Sequence[Block], cells: Sequence[Cell], page: Optional[int]) -> Block:
    """The blocks a table was read from as one table block (their lines, their line-end convention)."""
    return Block(lines=tuple(line for b in used for line in b.lines), page=page, role="table", cells=tuple(cells),
                 line_breaks=used[0].line_breaks)


def _row_cells(row: int, parts: _RowParts, columns: dict[str, int], width: int) -> list[Cell]:
    texts: dict[int, str] = {}
    items: dict[int, tuple[str, ...]] = {}
    texts[columns["goal"]] = "\n".join(line for b in parts.goal for line in b.lines)
    bullets = tuple(nest_items([(b.marker or "•", b.raw_text) for b in parts.items]))
    items[columns.get("subgoals", columns["goal"])] = bullets
    assessment = [_printed(b) for b in parts.assessment]
    if parts.verdict is not None:
        first, score, rest = (parts.verdict.raw_text.lstrip().split(maxsplit=2) + ["", ""])[:3]
        if "score" in columns:
            texts[columns["achieved"]], texts[columns["score"]] = first, score
        else:
            texts[columns["achieved"]] = f"{first} {score}"
        assessment.insert(0, rest)
    texts[columns["assessment"]] = "\n\n".join(a for a in assessment if a.strip())
    return [Cell(row, col, texts.get(col, ""), items=items.get(col, ())) for col in range(width)]


def _printed(block: Block) -> str:
    """A block as the cell text it was printed in; a bullet keeps its marker."""
    return f"{block.marker} {block.raw_text}" if block.role == "list_item" else block.raw_text


def _figures(block: Block) -> Optional[tuple[str, list[str]]]:
    found = _FIGURES.match(" ".join(line.strip() for line in block.lines))
    return (found.group("name"), found.group("figures").split()) if found and block.role != "list_item" else None


def _with_summary_tables(blocks: list[Block], page: Optional[int]) -> list[Block]:
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.role in ("paragraph", "heading") and len(block.raw_text.split()) <= _HEADER_MAX_WORDS and _matches(
                "SUMMARY_HEADER", _text(block)):
            built = _summary_table(blocks, i, page)
            if built is not None:
                start, end, table = built
                blocks = blocks[:start] + [table] + blocks[end:]
                i = start
        i += 1
    return blocks


def _summary_table(blocks: list[Block], i: int, page: Optional[int]) -> Optional[tuple[int, int, Block]]:
    """A summary table whose header contains block ``i``: (first block, end, the table block)."""
    start = i
    while start > 0 and blocks[start - 1].role != "list_item" and segment([blocks[start - 1].raw_text], "SUMMARY_HEADER_CELLS"):
        start -= 1
    first = next((j for j in range(i + 1, min(len(blocks), i + _HEADER_MAX_BLOCKS + 2)) if _figures(blocks[j])), None)
    if first is None:
        return None
    name, figures = _figures(blocks[first])
    header_end = first
    if not name:
        header_end = max((k for k in range(i + 1, first) if segment([b.raw_text for b in blocks[start:k]],
                                                                    "SUMMARY_HEADER_CELLS")), default=first - 1)
        header_end = min(header_end, first - 1)
    cells_read = segment([b.raw_text for b in blocks[start:header_end]], "SUMMARY_HEADER_CELLS") or []
    leaves = [(t, r) for t, r in cells_read if r != "label"]
    understood = any(r == "count" for _, r in leaves) and len([r for _, r in leaves if r != "name"]) == len(figures)
    rows, end = _summary_rows(blocks, header_end, len(figures))
    if not rows:
        return None
    if understood:
        header, value_cols, name_col = _summary_header(cells_read)
    else:
        text = " ".join(_text(b) for b in blocks[start:header_end])
        header, value_cols, name_col = [Cell(0, 0, text, "column_header", col_span=len(figures) + 1)], list(
            range(1, len(figures) + 1)), 0
    top = max(c.row + c.row_span for c in header)
    cells = list(header)
    for r, (name_lines, values) in enumerate(rows, top):
        cells.append(Cell(r, name_col, "\n".join(name_lines), "row_header"))
        cells.extend(Cell(r, col, value) for col, value in zip(value_cols, values))
    return start, end, _table_block(blocks[start:end], cells, page)


def _summary_rows(blocks: list[Block], start: int, count: int) -> tuple[list[tuple[list[str], list[str]]], int]:
    """Rows ``(name lines, figures)`` from ``start``: name paragraphs, then a line ending in ``count`` figures."""
    rows: list[tuple[list[str], list[str]]] = []
    pending: list[str] = []
    end = start
    for j in range(start, len(blocks)):
        block = blocks[j]
        found = _figures(block)
        if found and len(found[1]) >= count:
            name_words = found[0].split() + found[1][:-count]
            rows.append((pending + ([" ".join(name_words)] if name_words else []), found[1][-count:]))
            pending, end = [], j + 1
            continue
        short = block.role in ("paragraph", "heading") and len(block.raw_text.split()) <= _NAME_MAX_WORDS
        if not short or _matches("SCALE_CUE", _text(block)) or len(pending) >= _NAME_MAX_BLOCKS * 4:
            break
        pending.extend(block.lines)
    return rows, end


def _summary_header(cells: list[tuple[str, str]]) -> tuple[list[Cell], list[int], int]:
    """Header cells of an understood summary header (a label over the verdict columns it names), value columns, name column."""
    leaves = [(t, r) for t, r in cells if r != "label"]
    offset = 0 if any(r == "name" for _, r in leaves) else 1
    label_at = {k: t for k, (t, r) in enumerate(cells) if r == "label"}
    under: dict[int, str] = {}
    col = offset
    for k, (text, role) in enumerate(cells):
        if role == "label":
            continue
        owner = max((l for l in label_at if l < k), default=None)
        if owner is not None and role in _VERDICT_ROLES and all(cells[m][1] in _VERDICT_ROLES for m in range(owner + 1, k)):
            under[col] = label_at[owner]
        col += 1
    two_rows = bool(under)
    header: list[Cell] = [] if offset == 0 else [Cell(0, 0, "", "column_header", row_span=2 if two_rows else 1)]
    for col, (text, role) in enumerate(leaves, offset):
        if col in under:
            header.append(Cell(1, col, text, "column_header"))
        else:
            header.append(Cell(0, col, text, "column_header", row_span=2 if two_rows else 1))
    for label in dict.fromkeys(under.values()):
        spanned = [c for c, l in under.items() if l == label]
        header.append(Cell(0, min(spanned), label, "column_header", col_span=len(spanned)))
    name_col = next((c for c, (_, r) in enumerate(leaves, offset) if r == "name"), 0)
    value_cols = [c for c, (_, r) in enumerate(leaves, offset) if r != "name"]
    return header, value_cols, name_col
