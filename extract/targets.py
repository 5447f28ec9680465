"""Measurable targets: metric, comparison, value and unit out of a statement's text.

"Asukkaiden suositteluindeksi on yli 60" → metric "Asukkaiden suositteluindeksi",
comparison ">", value 60; "valmius on korkeintaan 6 minuuttia" → "<=", 6, "min".
"""

from __future__ import annotations

import re
from typing import Optional

from extract.clean.normalize import match_key
from extract.lang import fi, sv
from extract.records import Statement, Target

_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[,.]\d+)?)(?:\s*(%|prosent\w*|procent\w*|minuut\w*|minut\w*|tunn\w*|timm\w*|€|euro\w*))?")
_VERBS = re.compile(r"\s+(?:on|ovat|pysyy|pysyvät|is|är|förblir|kokee)\s*$", re.IGNORECASE)
_YEAR = re.compile(r"^(19|20)\d\d$")


def parse_targets(statement: Statement) -> list[Target]:
    """Every threshold in the statement as a :class:`Target` (none when it states no threshold).

    >>> [t.comparison for t in parse_targets(stmt)]  # "… on yli 60 ja 80 % asiakkaista …"
    ['>', '=']

    :param statement: a typed statement
    """
    module = sv if statement.lang == "sv" else fi
    text = statement.text
    out: list[Target] = []
    for clause in re.split(r"\s+(?:ja|och)\s+(?=\d)", text):
        target = _clause_target(statement.id, clause, module)
        if target:
            out.append(target)
    if not out:
        keep = _keep_target(statement.id, text, module)
        if keep:
            out.append(keep)
    return out


def _clause_target(goal_id: str, clause: str, module) -> Optional[Target]:
    key = match_key(clause)
    for found in _NUMBER.finditer(clause):
        raw = found.group(1)
        if _YEAR.match(raw) or _is_date_part(clause, found):
            continue
        before = match_key(clause[: found.start()])
        comparison = _comparison(before.split()[-3:], module)
        unit = _unit(found.group(2) or clause[found.end() : found.end() + 12], module)
        if comparison is None and unit is None:
            continue
        metric = _VERBS.sub("", clause[: found.start()])
        for pattern, _ in module.COMPARISONS:
            metric = re.sub(pattern + r"\s*$", "", metric, flags=re.IGNORECASE).strip()
        metric = _VERBS.sub("", metric).strip(" ,:") or key
        return Target(
            goal_id=goal_id,
            metric=metric,
            comparison=comparison or "=",
            value=float(raw.replace(",", ".")),
            unit=unit,
            text=clause.strip(),
        )
    return None


def _keep_target(goal_id: str, text: str, module) -> Optional[Target]:
    key = match_key(text)
    for pattern, comparison in module.COMPARISONS:
        if comparison in ("keep", ">") and re.search(pattern, key) and re.search(r"taso|nivå|raame|ram", key):
            return Target(goal_id=goal_id, metric=text.rstrip("."), comparison=comparison, value=None, unit=None, text=text)
    return None


def _comparison(words: list[str], module) -> Optional[str]:
    tail = " ".join(words)
    for pattern, comparison in module.COMPARISONS:
        if comparison != "keep" and re.search(pattern, tail):
            return comparison
    return None


def _unit(text: str, module) -> Optional[str]:
    key = match_key(text)
    for pattern, unit in module.UNITS:
        if re.match(r"\s*(?:" + pattern + ")", key):
            return unit
    return None


def _is_date_part(clause: str, found: re.Match) -> bool:
    return clause[found.end() : found.end() + 1] == "." and clause[found.end() + 1 : found.end() + 2].isdigit()
