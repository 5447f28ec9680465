"""A report's own summaries of its evaluations, read as the report states them, and checked against its rows.

Two kinds of summary:

- a summary table, read by its header: a goal-count column (``SUMMARY_HEADER``
  in :mod:`extract.lang`) and any set of name / count / average / yes /
  partial / no columns in any order, a label cell ("Valmistuneita
  tavoitteita") over some of them. A header with a cell no cue explains gives
  one ``summary_unread`` finding instead of checks that would be false;
- a stated count ("Hyvinvointialuestrategiassamme on asetettu 22
  valtuustokauden tavoitetta"), taken only from the text that introduces a
  part, i.e. before the part's first evaluation table, never from a table.

Every disagreement beyond the rounding of the printed figure becomes a
``summary_mismatch`` finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Hashable, Optional, Sequence

from extract.clean.normalize import match_key
from extract.clean.hyphenation import join_lines
from extract.evaluation_tables import Joiner, cell_content, cell_role, header_key, table_width
from extract.lang import fi, sv
from extract.records import Cell, Finding
from extract.structure import Unit

_INT = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^\d+(?:[,.]\d+)?$")
_VALUE_ROLES = ("count", "average", "yes", "partial", "no")


@dataclass
class Summary:
    """One row of a summary table, or one stated count; ``name`` is ``None`` where it covers a whole part.

    ``scope`` is the part of the report it summarises (see ``extract.evaluations``).
    """

    name: Optional[str]
    scope: Hashable
    page: Optional[int]
    count: Optional[int]
    average: Optional[float] = None
    yes: Optional[int] = None
    partial: Optional[int] = None
    no: Optional[int] = None
    text: str = ""


def _matches(cue: str, key: str) -> bool:
    return any(re.search(getattr(m, cue), key) for m in (fi, sv))


def is_summary_table(cells: Sequence[Cell]) -> bool:
    """A table whose header names a goal-count column."""
    top = sorted({c.row for c in cells})[:2]
    return any((c.row in top or c.kind == "column_header") and _matches("SUMMARY_HEADER", header_key(c.text))
               for c in cells)


def _header_rows(cells: Sequence[Cell]) -> set[int]:
    marked = {c.row for c in cells if c.kind == "column_header"}
    if marked:
        return marked
    rows: set[int] = set()
    for row in sorted({c.row for c in cells}):
        if any(_DECIMAL.match(c.text.strip()) for c in cells if c.row == row):
            break
        rows.add(row)
    return rows


def summary_columns(cells: Sequence[Cell]) -> tuple[Optional[dict[str, int]], set[int], str]:
    """Column of each summary role, the header rows, and why the header was not understood ("" if it was)."""
    header = _header_rows(cells)
    columns: dict[str, int] = {}
    for col in range(table_width(cells)):
        covering = sorted((c for c in cells if c.row in header and c.col <= col < c.col + c.col_span and c.text.strip()),
                          key=lambda c: -c.row)
        for cell in covering:
            role = cell_role(header_key(cell.text), "SUMMARY_HEADER_CELLS")
            if role is None:
                return None, header, f"summary table header not understood: {cell.text.strip()[:60]!r}"
            if role != "label":
                columns.setdefault(role, col)
                break
    if "count" not in columns:
        return None, header, "summary table without a goal-count column"
    if "name" not in columns:
        free = [c for c in range(table_width(cells)) if c not in columns.values()]
        if free:
            columns["name"] = free[0]
    return columns, header, ""


def _number(text: str, decimal: bool) -> Optional[float]:
    text = text.strip()
    if decimal and _DECIMAL.match(text):
        return float(text.replace(",", "."))
    return int(text) if _INT.match(text) else None


def table_summaries(unit: Unit, part: Hashable, join: Joiner = join_lines) -> tuple[list[Summary], Optional[str]]:
    """The rows of one summary table, or a reason why it could not be read."""
    cells = unit.cells or ()
    columns, header, problem = summary_columns(cells)
    if columns is None:
        return [], problem
    at = {(c.row, c.col): c for c in cells}
    out: list[Summary] = []
    for row in sorted({c.row for c in cells} - header):
        paragraphs, _ = cell_content(at.get((row, columns.get("name", -1))), join)
        name = " ".join(paragraphs).strip() or None
        values = {role: _number(at[(row, columns[role])].text, role == "average") if (row, columns.get(role)) in at else None
                  for role in _VALUE_ROLES if role in columns}
        if values.get("count") is None:
            if any(v is not None for v in values.values()):
                return out, f"summary row not understood: {name or ''!r}"
            continue
        if name and _matches("SUMMARY_TOTAL", match_key(name)):
            name = None
        out.append(Summary(name, part, unit.page, int(values["count"]), values.get("average"),
                           *(None if values.get(r) is None else int(values[r]) for r in ("yes", "partial", "no")),
                           text=name or ""))
    return out, None


def stated_count(unit: Unit) -> Optional[int]:
    """The number of goals a sentence says were set ("… on asetettu 22 valtuustokauden tavoitetta"), if any."""
    if unit.role not in ("paragraph", "heading"):
        return None
    for module in (fi, sv):
        count = re.search(module.STATED_COUNT, match_key(unit.text))
        if count:
            return int(count.group(1))
    return None


def is_introduction(unit: Unit) -> bool:
    """A summary table or a stated count: what opens a part of a report."""
    if unit.role == "table":
        return is_summary_table(unit.cells or ())
    return stated_count(unit) is not None


def read_summaries(
    units: Sequence[Unit],
    evaluation_tables: set[int],
    scope_of: dict[int, Hashable],
    first_table: dict[Hashable, int],
    join: Joiner = join_lines,
) -> tuple[list[Summary], list[tuple[Optional[int], str]]]:
    """Summary-table rows and stated counts of a document, and ``(page, reason)`` per summary not understood.

    :param evaluation_tables: unit indices of the evaluation tables (never summaries)
    :param scope_of: per unit index, the part of the report it belongs to
    :param first_table: per part, the unit index of its first evaluated row's table
    :param join: how a cell's lines are joined
    """
    out: list[Summary] = []
    unread: list[tuple[Optional[int], str]] = []
    for unit in units:
        part = scope_of.get(unit.index)
        if unit.role == "table":
            if unit.index not in evaluation_tables and is_summary_table(unit.cells or ()):
                found, problem = table_summaries(unit, part, join)
                out.extend(found)
                if problem:
                    unread.append((unit.page, problem))
            continue
        count = stated_count(unit)
        if count is not None and part in first_table and unit.index < first_table[part]:
            out.append(Summary(None, part, unit.page, count, text=unit.text))
    return out, unread


def _same_group(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return False
    ka, kb = match_key(a), match_key(b)
    return ka == kb or ka.startswith(kb) or kb.startswith(ka)


def assign_missing_groups(rows: list, summaries: Sequence[Summary]) -> None:
    """Rows of tables without a group heading get the first summary group of their part not seen among its rows."""
    named = [s for s in summaries if s.name]
    for part in {r.scope for r in rows}:
        names = [s.name for s in named if s.scope == part]
        seen = [r.group for r in rows if r.scope == part and r.group]
        remaining = [n for n in names if not any(_same_group(n, g) for g in seen)]
        for row in rows:
            if row.scope == part and row.group is None and remaining:
                row.group = remaining[0]


def check_summaries(document_id: str, rows: Sequence, summaries: Sequence[Summary]) -> list[Finding]:
    """Findings where the report's summaries disagree with its own rows."""
    findings: list[Finding] = []
    for summary in summaries:
        in_scope = [r for r in rows if r.scope == summary.scope]
        if summary.name:
            in_scope = [r for r in in_scope if _same_group(summary.name, r.group)]
            label = f"summary row {summary.name!r}"
        else:
            label = f"stated count ({summary.text[:80]})"
        checks = [("count of goals", summary.count, len(in_scope))]
        if summary.average is not None:
            scores = [r.score for r in in_scope if r.score is not None]
            checks.append(("average score", summary.average, round(sum(scores) / len(scores), 2) if scores else None))
        for what, stated, value in (("goals achieved (yes)", summary.yes, "yes"),
                                    ("goals partly achieved", summary.partial, "partial"),
                                    ("goals not achieved", summary.no, "no")):
            if stated is not None:
                checks.append((what, stated, sum(r.achieved == value for r in in_scope)))
        for what, expected, found in checks:
            if found is None or _agrees(expected, found):
                continue
            findings.append(Finding(document_id, "summary_mismatch", f"{label}: {what} stated as {expected}, rows give {found}",
                                    summary.page, str(expected), str(found)))
    return findings


def _agrees(expected: float, found: float) -> bool:
    """Equal within the rounding of the printed figure (one decimal for averages)."""
    if isinstance(expected, int) and isinstance(found, int):
        return expected == found
    return abs(float(expected) - float(found)) <= 0.05 + 1e-9
