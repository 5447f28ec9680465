"""``similar_to``: statements of different organisations' strategies of the same period that pursue the same thing.

The strategies (not evaluation reports) of one period form a pool; each
statement looks up its candidates in the lemma index of the whole pool
(:mod:`link.matching`), keeps those of other organisations and regions, and
scores them by IDF-weighted lemma overlap nudged by how comparable the two
kinds are (a county may state as an impact goal what the other states as its
mission). A one-word statement (a value) is only compared with a statement of
its own kind. A pair becomes a link when each is the other's best match and
the score reaches :data:`THRESHOLD` — at most one link per statement, so a
link says "this is the other county's closest counterpart", not "these share
a word", and the number of links grows with the statements, not with the
pairs of counties. The source is the statement of the document whose id
sorts first.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from extract.records import ExtractedDocument, Statement
from link.continues import kind_compatibility
from link.matching import Candidate, Context, candidates
from link.records import Link

THRESHOLD = 0.3
KIND_WEIGHT = 0.1  # share of the score that depends on kind compatibility
CANDIDATES = 10  # statements of the pool scored per statement (the index's best)
KINDS = frozenset({"mission", "vision", "value", "guideline", "aim", "principle", "goal", "target", "impact"})


def _pools(ctx: Context, documents: Sequence[ExtractedDocument]) -> dict[tuple[str, str], list[Statement]]:
    """Statements to compare, by (period, language)."""
    pools: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for d in sorted(documents, key=lambda d: d.info.id):
        if d.error or d.info.kind == "evaluation":
            continue
        for s in d.statements:
            if s.kind in KINDS:
                pools[(d.info.period, ctx.lang(s))].append(s)
    return pools


def similar_to(documents: Sequence[ExtractedDocument], ctx: Context | None = None) -> list[Link]:
    """``similar_to`` links between the statements of different organisations' strategies, sorted by id."""
    ctx = ctx or Context(documents)
    info = {d.info.id: d.info for d in documents}

    def foreign(s: Statement, t: Statement) -> bool:
        a, b = info[s.document_id], info[t.document_id]
        return a.region != b.region and a.organisation != b.organisation

    best: dict[str, Candidate] = {}
    pools = _pools(ctx, documents)
    for key in sorted(pools):
        for c in candidates(ctx, pools[key], pools[key], THRESHOLD, CANDIDATES, foreign):
            if c.source.kind != c.target.kind and min(len(ctx.profiles[sid].lemmas) for sid in c.key) < 2:
                continue
            c.score *= 1 - KIND_WEIGHT + KIND_WEIGHT * kind_compatibility(c.source.kind, c.target.kind)
            current = best.get(c.source.id)
            if c.score >= THRESHOLD and (current is None or (-c.score, c.target.id) < (-current.score, current.target.id)):
                best[c.source.id] = c
    links = []
    for sid, c in sorted(best.items()):
        back = best.get(c.target.id)
        if back is not None and back.target.id == sid and c.source.document_id < c.target.document_id:
            links.append(c.link("similar_to"))
    return sorted(links, key=lambda l: l.id)
