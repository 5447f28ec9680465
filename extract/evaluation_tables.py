"""Evaluation tables read as tables: which column is which, and the rows they hold.

An evaluation table is any table whose header cells name a goal column, an
achievement column and an assessment column (a score column is optional: a
verdict cell may hold "KYLLÄ 4"), in any order, in Finnish or Swedish. The cue
patterns are ``EVALUATION_HEADER_CELLS`` in :mod:`extract.lang.fi` and
:mod:`extract.lang.sv`; nothing here knows which reader built the table.

The header helpers (:func:`header_key`, :func:`cell_role`, :func:`segment`)
serve summary tables too (:mod:`extract.summaries`) and the text export's
table reconstruction (:mod:`extract.readers.text_tables`), which has to split
a line such as "Tavoite Alatavoitteet" into the header cells it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

from extract.clean.hyphenation import join_lines
from extract.clean.normalize import match_key
from extract.lang import fi, sv
from extract.records import Cell

# joins a paragraph's physical lines into one line (words broken at line ends repaired), as
# the document's line-end convention says: extract.clean.hyphenation.join_lines with its settings
Joiner = Callable[[Sequence[str]], str]
REQUIRED_ROLES = frozenset({"goal", "achieved", "assessment"})
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u2010]\s*\n\s*(?=[a-zåäö])")
_SPACE_BEFORE_MARK = re.compile(r"\s+([?:.,;)])")  # "saavutettu\n?" in a narrow cell
_PARENTHETICAL = re.compile(r"\s*\([^()\d]*\)$")
_SCALE = re.compile(r"\b1 ?[-–] ?5\b")
_SCORE = re.compile(r"^\(?([1-5])\)?(?:\s*/\s*5)?[.,:;]?$")
_BULLET = re.compile(r"^\s*(?P<marker>[•▪●◦‣*]|[-–]|\d{1,2}[.)])\s+(?=\S)")
_DASHES = ("-", "–")
_MAX_CELL_WORDS = 6


def header_key(text: str) -> str:
    """A header cell's text for matching, case-folded: a word broken at a line end glued ("saavu-/tettu?"),
    a question mark pushed to a line of its own put back ("saavutettu/?")."""
    return match_key(_SPACE_BEFORE_MARK.sub(r"\1", _LINE_END_HYPHEN.sub("", text)))


def cell_role(key: str, cues: str = "EVALUATION_HEADER_CELLS") -> Optional[str]:
    """The column a header cell names (``goal``, ``achieved`` … or a summary role), or ``None``.

    :param key: the cell's :func:`header_key`
    :param cues: the name of the cue table in :mod:`extract.lang` (``EVALUATION_HEADER_CELLS``
        or ``SUMMARY_HEADER_CELLS``)
    """
    for candidate in dict.fromkeys((key, _PARENTHETICAL.sub("", key))):
        for module in (fi, sv):
            for pattern, role in getattr(module, cues):
                if re.search(pattern, candidate):
                    return role
    return None


def segment(texts: Sequence[str], cues: str = "EVALUATION_HEADER_CELLS") -> Optional[list[tuple[str, str]]]:
    """Split consecutive header texts into header cells ``(text, role)``, or ``None`` if some words fit no cue.

    A text export puts several header cells on one line ("Tavoite Alatavoitteet")
    and one cell on several paragraphs; the split with the fewest cells wins,
    and a cell that runs across two of the given texts costs a little more.
    The cell texts keep the printed case.
    """
    words: list[str] = []
    starts: set[int] = set()
    for text in texts:
        starts.add(len(words))
        words.extend(_LINE_END_HYPHEN.sub("", text).split())
    if not words:
        return None
    best: list[Optional[tuple[float, list[tuple[str, str]]]]] = [None] * (len(words) + 1)
    best[0] = (0.0, [])
    for i in range(len(words)):
        if best[i] is None:
            continue
        for j in range(i + 1, min(len(words), i + _MAX_CELL_WORDS) + 1):
            text = " ".join(words[i:j])
            role = cell_role(match_key(text), cues)
            if role is None:
                continue
            cost = best[i][0] + 1 + 0.5 * sum(1 for k in range(i + 1, j) if k in starts)
            if best[j] is None or cost < best[j][0]:
                best[j] = (cost, best[i][1] + [(text, role)])
    return best[-1][1] if best[-1] else None


@dataclass(frozen=True)
class Verdict:
    """A verdict as printed: achieved (yes / partial / no), the score if it stands beside it, and what follows."""

    achieved: str
    score: Optional[int]
    rest: str


def parse_verdict(text: str, need_score: bool = False) -> Optional[Verdict]:
    """Read "KYLLÄ 4 …", "Osittain", "delvis 3" (any case); ``None`` if the text does not start with a verdict.

    :param need_score: only accept a verdict followed by a 1–5 score (how a text
        export shows a row's verdict line)
    """
    words = text.split(maxsplit=2)
    if not words:
        return None
    achieved = None
    for module in (fi, sv):
        achieved = achieved or module.VERDICTS.get(words[0].casefold().rstrip(":.,;"))
    if achieved is None:
        return None
    score_match = _SCORE.match(words[1]) if len(words) > 1 else None
    if score_match:
        return Verdict(achieved, int(score_match.group(1)), words[2] if len(words) > 2 else "")
    if need_score:
        return None
    return Verdict(achieved, None, text.split(maxsplit=1)[1] if len(words) > 1 else "")


def nest_items(items: Sequence[tuple[str, str]]) -> list[str]:
    """Bulleted items ``(marker, text)`` as cell items; a dash item under a bullet stays part of that bullet."""
    out: list[str] = []
    for marker, text in items:
        if marker in _DASHES and out:
            out[-1] = f"{out[-1]}\n- {text}"
        else:
            out.append(text)
    return out


def cell_content(cell: Optional[Cell], join: Joiner = join_lines) -> tuple[list[str], list[str]]:
    """A cell's running text as paragraphs (words broken at line ends repaired) and its bullet items.

    Bullets a reader left in the running text (lines starting with a marker)
    are taken out as items too.
    """
    if cell is None:
        return [], []
    paragraphs: list[list[str]] = [[]]
    bullets: list[tuple[str, list[str]]] = []
    in_bullet = False  # lines after a bullet continue it until a blank line
    for line in cell.text.split("\n"):
        marker = _BULLET.match(line)
        if marker:
            bullets.append((marker.group("marker"), [line[marker.end():]]))
            in_bullet = True
        elif not line.strip():
            paragraphs.append([])
            in_bullet = False
        elif in_bullet:
            bullets[-1][1].append(line)
        else:
            paragraphs[-1].append(line)
    found = nest_items([(m, "\n".join(lines)) for m, lines in bullets])
    items = [join(i.split("\n")).strip() for i in (*cell.items, *found)]
    return [join(p).strip() for p in paragraphs if p], [i for i in items if i]


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds which part of an evaluation row, and which rows are header rows."""

    columns: dict[str, int]
    header_rows: frozenset[int]
    width: int


def table_width(cells: Sequence[Cell]) -> int:
    """Number of grid columns."""
    return max((c.col + c.col_span for c in cells), default=0)


def column_map(cells: Sequence[Cell]) -> Optional[ColumnMap]:
    """The evaluation columns named by a table's header row, or ``None`` when it is no evaluation table.

    The header row is the first of the top three rows whose cells name the
    goal, achievement and assessment columns; cells marked ``column_header``
    count as header cells whatever their text.
    """
    rows = sorted({c.row for c in cells})
    for row in rows[:3]:
        columns: dict[str, int] = {}
        for cell in (c for c in cells if c.row == row):
            key = header_key(cell.text)
            role = cell_role(key) if key else None
            if role is None and _SCALE.search(key):
                role = "score"  # a header naming the scale ("arvio ?(1-5)") names the score column
            if role and role not in columns:
                columns[role] = cell.col
        if REQUIRED_ROLES <= set(columns):
            header = {c.row for c in cells if c.kind == "column_header"} | set(range(rows[0], row + 1))
            return ColumnMap(columns, frozenset(header), table_width(cells))
    return None


@dataclass
class TableRow:
    """One row of an evaluation table; ``achieved`` is ``None`` for a row that only continues the one before."""

    goal: str
    subgoals: list[str] = field(default_factory=list)
    achieved: Optional[str] = None
    score: Optional[int] = None
    assessment: list[str] = field(default_factory=list)

    def absorb(self, other: "TableRow") -> None:
        """Take in a row that continues this one (a row broken across pages or grid rows).

        Text at the top of the continued goal cell ends what the cell printed last: its last
        sub-goal bullet if it has any (a goal is printed above its bullets, never after them),
        else the goal.
        """
        if other.goal and self.subgoals:
            self.subgoals[-1] = f"{self.subgoals[-1]} {other.goal}"
        else:
            self.goal = " ".join(t for t in (self.goal, other.goal) if t)
        self.subgoals.extend(other.subgoals)
        self.achieved = self.achieved or other.achieved
        self.score = self.score if self.score is not None else other.score
        self.assessment.extend(other.assessment)


def table_rows(cells: Sequence[Cell], columns: ColumnMap, join: Joiner = join_lines) -> list[TableRow]:
    """The rows below the header, each read by the column map; continuation rows merged into the row before."""
    at: dict[tuple[int, int], Cell] = {}
    for cell in cells:
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                at[(r, c)] = cell
    used: set[int] = set()
    out: list[TableRow] = []
    for row in sorted({c.row for c in cells} - columns.header_rows):
        def take(role: str) -> Optional[Cell]:
            cell = at.get((row, columns.columns[role])) if role in columns.columns else None
            if cell is None or id(cell) in used:
                return None
            used.add(id(cell))
            return cell

        read = _read_row(take, join)
        if read is None:
            continue
        if read.achieved is None and not read.goal and out:
            out[-1].absorb(read)
        elif out and out[-1].achieved is None and read.achieved is not None and not read.goal:
            out[-1].absorb(read)
        else:
            out.append(read)
    return out


def _read_row(take: Callable[[str], Optional[Cell]], join: Joiner) -> Optional[TableRow]:
    goal_paragraphs, goal_items = cell_content(take("goal"), join)
    _, sub_items = cell_content(take("subgoals"), join)
    verdict_cell = take("achieved")
    verdict = parse_verdict(verdict_cell.text.strip()) if verdict_cell else None
    score_cell = take("score")
    score = verdict.score if verdict else None
    if score is None and score_cell is not None:
        found = _SCORE.match(score_cell.text.strip())
        score = int(found.group(1)) if found else None
    assessment, assessment_items = cell_content(take("assessment"), join)
    if verdict and verdict.rest.strip():
        assessment = [join(verdict.rest.split("\n")).strip()] + assessment
    assessment += assessment_items
    row = TableRow(" ".join(goal_paragraphs), goal_items + sub_items, verdict.achieved if verdict else None, score,
                   assessment)
    if not (row.goal or row.subgoals or row.achieved or row.assessment):
        return None
    return row
