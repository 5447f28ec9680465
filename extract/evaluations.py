"""Evaluated goals from evaluation tables: verdict, score, assessment, sub-goals, group and part.

Rows come from tables only (:mod:`extract.evaluation_tables` says which
tables are evaluation tables and reads their rows), in a report, a strategy or
a deck alike. A table continues the one before when the page says so: its
header is missing but its columns match, the page before ends with "Jatkuu
seuraavalla sivulla", or the heading counts pages ("2/2"). A continuation
keeps the group of the table it continues and a row broken across the page
break is joined again.

A table's group is the heading before it without its "Strateginen linjaus:"
prefix and page counter; its part (``evaluation_set``) is the report part
named by the running title of its page (e.g. "Palvelustrategia"), carried on
to pages without one. The report's own summaries are checked in
:mod:`extract.summaries`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Hashable, Optional, Sequence

from extract import summaries as sm
from extract.clean.normalize import match_key
from extract.clean.hyphenation import join_lines
from extract.evaluation_tables import ColumnMap, Joiner, TableRow, column_map, table_rows, table_width
from extract.lang import fi, sv
from extract.records import Evaluation, Finding, Removal, Statement
from extract.structure import Unit

_COUNTER = re.compile(r"\s*\(?(\d+)\s*/\s*(\d+)\)?$")
_PART_MAX_WORDS = 4
_TITLE_SHARE = 0.9  # a running title on this share of the pages names the document, not a part
_LONG_PARAGRAPH = 25  # words: prose this long between two tables means the second starts afresh


@dataclass
class Row:
    """One evaluated goal as read from a table."""

    goal: str
    subgoals: list[str]
    achieved: str
    score: Optional[int]
    assessment: list[str]
    group: Optional[str]
    evaluation_set: Optional[str]
    unit: Unit
    scope: Hashable = None  # the part of the report its summaries speak of


@dataclass
class Evaluated:
    """What a document's evaluation and summary tables give."""

    rows: list[Row] = field(default_factory=list)
    summaries: list[sm.Summary] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    table_units: set[int] = field(default_factory=set)


def _matches(cue: str, key: str) -> bool:
    return any(re.search(getattr(m, cue), key) for m in (fi, sv))


def part_names(removals: Sequence[Removal], page_count: int) -> set[str]:
    """Names of a report's parts: short running titles, in any case (e.g. "Palvelustrategia").

    A running title on (nearly) every page is the document's own title, not a part.
    """
    pages: dict[str, set[Optional[int]]] = {}
    for removal in removals:
        key = match_key(removal.text)
        if (removal.kind == "running_title" and 0 < len(key.split()) <= _PART_MAX_WORDS
                and not re.search(r"\d", key) and not _matches("CONTINUES_NEXT_PAGE", key)):
            pages.setdefault(key, set()).add(removal.page)
    return {key for key, on in pages.items() if len(on) < _TITLE_SHARE * page_count}


def parts_by_page(units: Sequence[Unit], removals: Sequence[Removal]) -> dict[Optional[int], Optional[str]]:
    """The part each page belongs to: the part its running title names, else the part of the page before."""
    page_numbers = list(dict.fromkeys(u.page for u in units))
    names = part_names(removals, len(page_numbers))
    named: dict[Optional[int], str] = {}
    for removal in removals:
        if match_key(removal.text) in names and removal.kind == "running_title":
            named.setdefault(removal.page, match_key(removal.text))
    for unit in units:
        if unit.role in ("heading", "paragraph") and match_key(unit.text) in names:
            named.setdefault(unit.page, match_key(unit.text))
    out: dict[Optional[int], Optional[str]] = {}
    current: Optional[str] = None
    for page in page_numbers:
        current = named.get(page, current)
        out[page] = current
    return out


def _group_heading(text: str) -> tuple[str, Optional[tuple[int, int]]]:
    """A page heading without its group prefix and page counter, and the counter (k, n) if any."""
    counter = _COUNTER.search(text)
    text = _COUNTER.sub("", text).strip() if counter else text.strip()
    for module in (fi, sv):
        text = re.sub(module.GROUP_PREFIX, "", text, flags=re.IGNORECASE).strip()
    return text, (int(counter.group(1)), int(counter.group(2))) if counter else None


@dataclass
class _Table:
    unit: Unit
    columns: ColumnMap
    group: Optional[str]
    counter: Optional[tuple[int, int]]
    continues: bool


def find_tables(units: Sequence[Unit], removals: Sequence[Removal] = ()) -> list[_Table]:
    """The evaluation tables in reading order, each with its group and whether it continues the one before."""
    names = part_names(removals, len({u.page for u in units}))
    continued_pages = {r.page for r in removals if _matches("CONTINUES_NEXT_PAGE", match_key(r.text))}
    tables: list[_Table] = []
    between: list[Unit] = []
    last_table: Optional[int] = None
    for unit in units:
        if unit.role != "table":
            between.append(unit)
            continue
        columns = column_map(unit.cells or ())
        previous = tables[-1] if tables and tables[-1].unit.index == last_table else None
        last_table = unit.index
        headerless = (columns is None and previous is not None and table_width(unit.cells or ()) == previous.columns.width
                      and not any(u.role == "paragraph" and u.words > _LONG_PARAGRAPH for u in between))
        if columns is None and not headerless:
            between = []
            continue
        heading = next((u for u in reversed(between) if u.role == "heading" and _is_group_heading(u, names)), None)
        group, counter = _group_heading(heading.text) if heading else (None, None)
        continues = previous is not None and (
            headerless
            or any(_matches("CONTINUES_NEXT_PAGE", match_key(u.text)) for u in between)
            or previous.unit.page in continued_pages
            or (previous.counter is not None and previous.counter[0] < previous.counter[1])
            or (counter is not None and counter[0] > 1)
        )
        if group is None and continues:
            group = previous.group
        tables.append(_Table(unit, columns or replace(previous.columns, header_rows=frozenset()), group, counter, continues))
        between = []
    return tables


def _is_group_heading(unit: Unit, part_keys: set[str]) -> bool:
    key = match_key(unit.text)
    return bool(re.search(r"[^\W\d_]{2}", key)) and key not in part_keys and not _matches("SCALE_CUE", key) and not _matches("CONTINUES_NEXT_PAGE", key)


def read_evaluations(
    document_id: str, units: Sequence[Unit], removals: Sequence[Removal] = (), join: Joiner = join_lines
) -> Evaluated:
    """Rows of every evaluation table, the report's summaries, and the findings where they disagree.

    :param removals: what the reader removed as furniture (running titles name the report's parts)
    :param join: how a cell's lines are joined (the document's line-end convention)
    """
    parts = parts_by_page(units, removals)
    out = Evaluated()
    pending: list[tuple[TableRow, _Table]] = []
    for table in find_tables(units, removals):
        out.table_units.add(table.unit.index)
        read = table_rows(table.unit.cells or (), table.columns, join)
        if read and pending and _continues_row(read[0], pending[-1][0], table.continues):
            pending[-1][0].absorb(read.pop(0))
        pending.extend((row, table) for row in read)
    for row, table in pending:
        if row.achieved is None:
            out.findings.append(Finding(document_id, "extraction_warning",
                                        f"evaluation row without a verdict: {row.goal[:80]!r}", table.unit.page))
            continue
        out.rows.append(Row(row.goal, row.subgoals, row.achieved, row.score, row.assessment, table.group,
                            parts.get(table.unit.page), table.unit))
    scope_of = _scopes(units, parts, {r.unit.index for r in out.rows})
    first_table: dict[Hashable, int] = {}
    for row in out.rows:
        row.scope = scope_of[row.unit.index]
        first_table.setdefault(row.scope, row.unit.index)
    out.summaries, unread = sm.read_summaries(units, out.table_units, scope_of, first_table, join)
    out.findings.extend(Finding(document_id, "summary_unread", message, page) for page, message in unread)
    sm.assign_missing_groups(out.rows, out.summaries)
    out.findings.extend(sm.check_summaries(document_id, out.rows, out.summaries))
    return out


def _continues_row(first: TableRow, last: TableRow, table_continues: bool) -> bool:
    """Whether a table's first row is the rest of the last row before it (a row broken at a page break):
    it has no verdict (only the rest of a goal, sub-goals or assessment) and the table continues,
    or no goal or one that starts in lower case (the rest of a sentence); or it has the verdict
    that the row before lacks and no goal of its own."""
    if first.achieved is None:
        return table_continues or not first.goal or first.goal[:1].islower()
    return not first.goal and last.achieved is None


def _scopes(units: Sequence[Unit], parts: dict[Optional[int], Optional[str]], row_tables: set[int]) -> dict[int, Hashable]:
    """The part of the report each unit belongs to, as its summaries speak of it.

    A part is named by its pages' running title; where none names it (a report
    without running titles, or the pages before the first one), a new part
    starts at each introduction (summary table, stated count) that follows
    evaluation rows.
    """
    out: dict[int, Hashable] = {}
    last_part: object = object()
    run, rows_since = 0, False
    for unit in units:
        part = parts.get(unit.page)
        if part != last_part:
            last_part, run, rows_since = part, 0, False
        if rows_since and sm.is_introduction(unit):
            run, rows_since = run + 1, False
        rows_since = rows_since or unit.index in row_tables
        out[unit.index] = (part, run)
    return out


def to_records(
    document_id: str, rows: Sequence[Row], start_ordinal: int, section_of: dict[int, str]
) -> tuple[list[Statement], list[Evaluation]]:
    """Each row → a goal statement with its sub-goals, and an evaluation record."""
    statements: list[Statement] = []
    evaluations: list[Evaluation] = []
    ordinal = start_ordinal
    for row in rows:
        anchor = row.unit
        goal_id = f"{document_id}/g{ordinal:04d}"
        section = section_of.get(anchor.index)
        statements.append(Statement(goal_id, document_id, section, None, ordinal, "goal", None, row.goal, anchor.lang,
                                    anchor.page))
        ordinal += 1
        for sub in row.subgoals:
            statements.append(Statement(f"{document_id}/g{ordinal:04d}", document_id, section, goal_id, ordinal,
                                        "subgoal", None, sub, anchor.lang, anchor.page))
            ordinal += 1
        evaluations.append(Evaluation(goal_id, row.achieved, row.score, "\n\n".join(row.assessment).strip(),
                                      row.evaluation_set, row.group))
    return statements, evaluations
