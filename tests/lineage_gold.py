"""Precision and recall of lineage links against the hand-checked gold (tests/gold/*_dev.jsonl).

Gold rows name their ends by file (the corpus file's original name) and text;
a link's ends are matched by document and normalised text (:func:`match_key`),
so a link to any unit printing the gold text counts; ``similar_to`` is
symmetric, so either direction matches a gold row. Precision is judged on
the links that touch a gold unit (either end) and whose target lies in the
part of the corpus the gold covers (a document and language some gold target
is in).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from extract.clean.normalize import match_key
from extract.records import ExtractedDocument
from link.records import Link


@dataclass(frozen=True)
class Score:
    """Counts and rates of one comparison."""

    tp: int
    judged: int
    gold: int
    found: int

    @property
    def precision(self) -> float:
        return self.tp / self.judged if self.judged else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    def __str__(self) -> str:
        return (f"P {self.precision:.2f} ({self.tp}/{self.judged})  "
                f"R {self.recall:.2f} ({self.found}/{self.gold})")


def _units(documents: Sequence[ExtractedDocument]) -> dict[str, tuple[str, str, str]]:
    """Unit id → (original file, text key, language), for statements, passages and section headings."""
    out = {}
    for d in documents:
        name = d.info.original_file or d.info.file
        for s in d.statements:
            out[s.id] = (name, match_key(s.text), s.lang)
        for p in d.passages:
            out.setdefault(p.id, (name, match_key(p.text), p.lang))
        for s in d.sections:
            out.setdefault(s.id, (name, match_key(s.heading), s.lang))
    return out


def score(documents: Sequence[ExtractedDocument], links: Iterable[Link], rows: Sequence[dict], relation: str) -> Score:
    """How the ``relation`` links compare with the gold ``rows``."""
    units = _units(documents)
    gold = {(r["source"]["file"], match_key(r["source"]["text"]), r["target"]["file"], match_key(r["target"]["text"]))
            for r in rows}
    sources = {(g[0], g[1]) for g in gold}
    targets = {(g[2], g[3]) for g in gold}
    target_langs = {(units[i][0], units[i][2]) for i in units if (units[i][0], units[i][1]) in targets}
    found, tp, judged = set(), 0, 0
    for l in links:
        if l.relation != relation or l.source_id not in units or l.target_id not in units:
            continue
        s, t = units[l.source_id], units[l.target_id]
        if relation == "similar_to" and (t[0], t[1]) in sources:
            s, t = t, s  # a symmetric relation: its source is whichever end's document id sorts first
        key = (s[0], s[1], t[0], t[1])
        if (s[0], s[1]) not in sources and (t[0], t[1]) not in targets:
            continue
        if (t[0], t[2]) not in target_langs:
            continue
        judged += 1
        if key in gold:
            tp += 1
            found.add(key)
    return Score(tp, judged, len(gold), len(found))


def misses(documents: Sequence[ExtractedDocument], links: Iterable[Link], rows: Sequence[dict], relation: str) -> list[str]:
    """The gold rows no link finds, as 'source → target' lines (for the test's printout)."""
    units = _units(documents)
    have = {(units[l.source_id][1], units[l.target_id][1]) for l in links
            if l.relation == relation and l.source_id in units and l.target_id in units}
    if relation == "similar_to":
        have |= {(b, a) for a, b in have}
    return [f"{r['source']['text'][:50]} → {r['target']['text'][:50]}" for r in rows
            if (match_key(r["source"]["text"]), match_key(r["target"]["text"])) not in have]
