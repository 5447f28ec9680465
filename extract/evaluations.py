"""Evaluation reports: evaluated goals with verdict, score, assessment and sub-goals; summary checks.

A row of an evaluation table is a goal cell, optional sub-goal bullets, and a
verdict cell ("OSITTAIN 4 Palvelujen saatavuutta …": achieved, score and the
start of the written assessment). In a text export the cells come one after
another; the verdict cell is recognised by its first two words, the goal cell
is the narrow paragraph right before the bullets, the assessment runs on until
the next row's goal cell. Rows of a table that continues on the next page
("Jatkuu seuraavalla sivulla", "2/2" in the page heading) keep their group.

The report's own summaries ("6 3,8 3 3" per guideline; "22 valtuustokauden
tavoitetta") are checked against the rows found: every disagreement beyond
rounding becomes a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from extract.clean.normalize import match_key
from extract.lang import fi, sv
from extract.records import Evaluation, Finding, Removal, Statement
from extract.structure import Unit

NARROW = 48.0  # chars per line: goal cells are a narrow column (≈20–40), assessments a wide one (≈60–95)
_COUNTER = re.compile(r"\s+\d+\s*/\s*\d+$")
_SUMMARY_ROW = re.compile(r"^(?P<name>.*?)\s*(?P<count>\d+)\s+(?P<avg>\d+[,.]\d+)\s+(?P<yes>\d+)\s+(?P<partial>\d+)$")


@dataclass
class Row:
    """One evaluated goal as read from the table."""

    goal: list[Unit]
    subgoals: list[str]
    verdict: Unit
    achieved: str
    score: Optional[int]
    assessment: list[str]
    group: Optional[str]
    evaluation_set: Optional[str]


@dataclass
class Summary:
    """One line of the report's summary table, or one stated count."""

    name: Optional[str]
    evaluation_set: Optional[str]
    page: Optional[int]
    count: int
    average: Optional[float] = None
    yes: Optional[int] = None
    partial: Optional[int] = None
    extra: dict = field(default_factory=dict)


def _verdict(text: str) -> Optional[tuple[str, Optional[int], str]]:
    words = text.split(maxsplit=2)
    if not words:
        return None
    for module in (fi, sv):
        achieved = module.VERDICTS.get(words[0].casefold().rstrip(":"))
        if achieved and words[0].isupper() and len(words) >= 2 and re.fullmatch(r"[1-5]", words[1]):
            return achieved, int(words[1]), words[2] if len(words) > 2 else ""
    return None


def _is_header(unit: Unit) -> bool:
    key = match_key(unit.text)
    return any(re.search(p, key) for m in (fi, sv) for p in m.EVALUATION_HEADER_CELLS)


def _group_of(unit: Unit) -> Optional[str]:
    """The group a page heading names, without the "Strateginen linjaus:" prefix and "1/2" counter."""
    if unit.role != "heading" or not _COUNTER.search(unit.text) and not any(
        re.search(m.GROUP_PREFIX, match_key(unit.text)) for m in (fi, sv)
    ):
        return None
    text = _COUNTER.sub("", unit.text).strip()
    for module in (fi, sv):
        text = re.sub(module.GROUP_PREFIX, "", text, flags=re.IGNORECASE).strip()
    return text


def parse_rows(units: Sequence[Unit], set_names: set[str]) -> list[Row]:
    """All evaluated rows of a report, in order.

    :param units: the report's units
    :param set_names: names of the report's parts (its running titles, case-folded)
    """
    rows: list[Row] = []
    group: Optional[str] = None
    current_set: Optional[str] = None
    pending: list[Unit] = []
    last_page = None

    def carry_over() -> None:
        # wide paragraphs left before a page break continue the last assessment
        if rows:
            rows[-1].assessment.extend(u.text for u in pending if u.role == "paragraph" and u.chars_per_line >= NARROW)

    for unit in units:
        if unit.page != last_page and not _has_group_heading(units, unit.page) and _page_has_verdict(units, unit.page):
            group = None
        last_page = unit.page
        if match_key(unit.text) in set_names:
            current_set = match_key(unit.text)
            continue
        named = _group_of(unit)
        if named or _is_header(unit):
            carry_over()
            group = named or group
            pending = []
            continue
        verdict = _verdict(unit.text) if unit.role in ("paragraph", "heading") else None
        if verdict is None:
            pending.append(unit)
            continue
        goal, subgoals, carried = _split_pending(pending)
        if rows and carried:
            rows[-1].assessment.extend(u.text for u in carried)
        achieved, score, first = verdict
        rows.append(Row(goal, subgoals, unit, achieved, score, [first] if first else [], group, current_set))
        pending = []
    carry_over()
    return rows


def _has_group_heading(units: Sequence[Unit], page: Optional[int]) -> bool:
    return any(u.page == page and _group_of(u) for u in units)


def _page_has_verdict(units: Sequence[Unit], page: Optional[int]) -> bool:
    return any(u.page == page and _verdict(u.text) for u in units)


def _split_pending(pending: list[Unit]) -> tuple[list[Unit], list[str], list[Unit]]:
    """Units between two verdicts → (goal cell, sub-goals, previous assessment's continuation)."""
    i = len(pending)
    subgoals: list[str] = []
    while i > 0 and pending[i - 1].role == "list_item":
        i -= 1
    for item in pending[i:]:
        if item.marker in ("-", "–") and subgoals:
            subgoals[-1] = f"{subgoals[-1]} - {item.text}"
        else:
            subgoals.append(item.text)
    j = i
    while j > 0 and pending[j - 1].role != "list_item" and pending[j - 1].chars_per_line < NARROW:
        j -= 1
    if j == i and i > 0:
        j = i - 1
    return list(pending[j:i]), subgoals, list(pending[:j])


def goal_text(row: Row) -> str:
    """The goal cell as one line of text."""
    return " ".join(u.text for u in row.goal).strip()


def to_records(
    document_id: str, rows: Sequence[Row], start_ordinal: int, section_of: dict[int, str]
) -> tuple[list[Statement], list[Evaluation]]:
    """Each row → a goal statement with its sub-goals, and an evaluation record."""
    statements: list[Statement] = []
    evaluations: list[Evaluation] = []
    ordinal = start_ordinal
    for row in rows:
        anchor = row.goal[0] if row.goal else row.verdict
        goal_id = f"{document_id}/g{ordinal:04d}"
        statements.append(
            Statement(goal_id, document_id, section_of.get(anchor.index), None, ordinal, "goal", None,
                      goal_text(row), anchor.lang, anchor.page)
        )
        ordinal += 1
        for sub in row.subgoals:
            statements.append(
                Statement(f"{document_id}/g{ordinal:04d}", document_id, section_of.get(anchor.index), goal_id,
                          ordinal, "subgoal", None, sub, anchor.lang, anchor.page)
            )
            ordinal += 1
        evaluations.append(
            Evaluation(goal_id, row.achieved, row.score, "\n\n".join(row.assessment).strip(), row.evaluation_set, row.group)
        )
    return statements, evaluations


def set_names(removals: Sequence[Removal]) -> set[str]:
    """Names of the report's parts: its short all-caps running titles (e.g. "palvelustrategia")."""
    return {match_key(r.text) for r in removals if r.kind == "running_title" and len(r.text.split()) <= 3 and r.text.isupper()}


def parse_summaries(units: Sequence[Unit], set_names_: set[str]) -> list[Summary]:
    """The report's summary table rows and stated goal counts."""
    out: list[Summary] = []
    in_table = False
    name_parts: list[str] = []
    current_set: Optional[str] = None
    stated: list[Summary] = []
    for unit in units:
        key = match_key(unit.text)
        if key in set_names_:
            current_set = key
            for summary in stated:
                summary.evaluation_set = summary.evaluation_set or current_set
            continue
        if any(re.search(m.SUMMARY_HEADER, key) for m in (fi, sv)):
            in_table, name_parts = True, []
            continue
        for module in (fi, sv):
            count = re.search(module.STATED_COUNT, key)
            if count and unit.role == "paragraph" and not _verdict(unit.text):
                # a stated count belongs to the part it introduces (its running title may follow it)
                stated.append(Summary(None, None, unit.page, int(count.group(1)), extra={"text": unit.text}))
                out.append(stated[-1])
        if not in_table:
            continue
        row = _SUMMARY_ROW.match(unit.text.strip())
        if row:
            name = " ".join(name_parts + [row.group("name")]).strip()
            out.append(Summary(name, current_set, unit.page, int(row.group("count")),
                               float(row.group("avg").replace(",", ".")), int(row.group("yes")), int(row.group("partial"))))
            name_parts = []
        elif any(re.search(m.SCALE_CUE, key) for m in (fi, sv)):
            in_table = False
        elif any(re.search(p, key) for m in (fi, sv) for p in m.SUMMARY_HEADER_CELLS):
            name_parts = []
        elif unit.role in ("heading", "paragraph") and unit.words <= 10:
            name_parts.append(unit.text)
    return out


def assign_missing_groups(rows: list[Row], summaries: Sequence[Summary]) -> None:
    """Rows on pages without a group heading get the next summary group of their part, in order."""
    table = [s for s in summaries if s.name]
    for row_set in {r.evaluation_set for r in rows}:
        names = [s.name for s in table if s.evaluation_set == row_set]
        seen = [r.group for r in rows if r.evaluation_set == row_set and r.group]
        for row in rows:
            if row.evaluation_set == row_set and row.group is None:
                remaining = [n for n in names if not any(_same_group(n, g) for g in seen)]
                if remaining:
                    row.group = remaining[0]


def _same_group(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return False
    ka, kb = match_key(a), match_key(b)
    return ka == kb or ka.startswith(kb) or kb.startswith(ka)


def check_summaries(document_id: str, rows: Sequence[Row], summaries: Sequence[Summary]) -> list[Finding]:
    """Findings where the report's summaries disagree with its own rows."""
    findings: list[Finding] = []
    for summary in summaries:
        in_scope = [r for r in rows if (summary.evaluation_set is None or r.evaluation_set == summary.evaluation_set)]
        if summary.name:
            in_scope = [r for r in in_scope if _same_group(summary.name, r.group)]
            label = f"summary row {summary.name!r}"
        else:
            label = f"stated count ({summary.extra.get('text', '')[:80]})"
        checks = [("count of goals", summary.count, len(in_scope))]
        if summary.average is not None:
            scores = [r.score for r in in_scope if r.score is not None]
            found_avg = round(sum(scores) / len(scores), 2) if scores else None
            checks.append(("average score", summary.average, found_avg))
        if summary.yes is not None:
            checks.append(("goals achieved (yes)", summary.yes, sum(r.achieved == "yes" for r in in_scope)))
        if summary.partial is not None:
            checks.append(("goals partly achieved", summary.partial, sum(r.achieved == "partial" for r in in_scope)))
        for what, expected, found in checks:
            if found is None or _agrees(expected, found):
                continue
            findings.append(
                Finding(document_id, "summary_mismatch", f"{label}: {what} stated as {expected}, rows give {found}",
                        summary.page, str(expected), str(found))
            )
    return findings


def _agrees(expected: float, found: float) -> bool:
    """Equal within the rounding of the printed figure (one decimal for averages)."""
    if isinstance(expected, int) and isinstance(found, int):
        return expected == found
    return abs(float(expected) - float(found)) <= 0.05 + 1e-9
