"""``evaluated_in``: a strategy's goal ↔ its row in an evaluation report of the same organisation.

Candidates are the evaluated goals of evaluation documents of the same region
and period. The score is the Dice overlap of the two texts' word sets
(case-folded, punctuation stripped); each strategy goal takes its best
candidate above the threshold, and each evaluation row is used once.
"""

from __future__ import annotations

import re
from typing import Sequence

from extract.records import ExtractedDocument, Statement
from link.records import Link

THRESHOLD = 0.6
_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def dice(a: set[str], b: set[str]) -> float:
    """Dice coefficient of two sets (0 when both are empty)."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def evaluated_in(documents: Sequence[ExtractedDocument]) -> list[Link]:
    """Links from each strategy goal to the evaluation row that evaluates it."""
    links: list[Link] = []
    reports = [d for d in documents if d.info.kind == "evaluation"]
    evaluated = {r.info.id: {e.goal_id for e in r.evaluations} for r in reports}
    words: dict[str, set[str]] = {}  # statement id -> its words, made once (each goal meets every row)

    def words_of(s: Statement) -> set[str]:
        if s.id not in words:
            words[s.id] = _words(s.text)
        return words[s.id]

    for strategy in (d for d in documents if d.info.kind == "strategy"):
        rows = [
            (report, s)
            for report in reports
            if report.info.region == strategy.info.region and report.info.period == strategy.info.period
            for s in report.statements
            if s.id in evaluated[report.info.id]
        ]
        pairs = []
        for goal in (s for s in strategy.statements if s.kind == "goal"):
            for _, row in rows:
                score = dice(words_of(goal), words_of(row))
                if score >= THRESHOLD:
                    pairs.append((score, goal, row))
        used_goals: set[str] = set()
        used_rows: set[str] = set()
        for score, goal, row in sorted(pairs, key=lambda p: (-p[0], p[1].id, p[2].id)):
            if goal.id in used_goals or row.id in used_rows:
                continue
            used_goals.add(goal.id)
            used_rows.add(row.id)
            shared = sorted(words_of(goal) & words_of(row))
            links.append(
                Link(goal.id, row.id, "evaluated_in", round(score, 4), "dice-word-overlap",
                     {"shared_words": shared, "source_page": goal.page, "target_page": row.page})
            )
    return sorted(links, key=lambda link: link.id)
