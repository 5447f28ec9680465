"""``similar_to``: statements of different organisations' strategies of the same period that pursue the same thing.

The strategies (not evaluation reports) of one period form a pool per
language. Each statement of one organisation is compared with the units of
every other organisation and region: their statements, and their passages
that print no statement (a county may state its strategic goals as plain
paragraphs or slide headings that were not typed). Pairs are scored on the
machinery of ``continues`` (:mod:`link.matching`): IDF-weighted overlap of
lemmas and compound parts, and the same with each side's context (a
principle's explanation, a guideline's goals); a one-word statement (a value)
is compared only with a one-word unit.

Links are many-to-many where the documents are: a pair is kept when it
scores at least :data:`RATIO` of the best match of one of its ends, so one
county's guideline may be similar to the other's strategic goal and its
impact goal. The source is the
statement; a pair of two statements takes as source the one of the document
whose id sorts first.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from extract.records import ExtractedDocument, Statement
from link.context import PASSAGE_KIND, passage_units
from link.continues import TIER, kind_compatibility
from link.matching import Candidate, Context, candidates, context_candidates
from link.records import Link

THRESHOLD = 0.25  # final score a similar_to link needs (calibrated on the dev gold: tests/test_lineage_gold.py)
CONTEXT_THRESHOLD = 0.5  # a pair scored with context needs this (context scores run higher)
RATIO = 0.8  # a second match of one statement needs this share of its best
KIND_WEIGHT = 0.1  # share of the score that depends on kind compatibility
CANDIDATES = 10  # statements of the pool scored per statement (the index's best)
KINDS = frozenset({"mission", "vision", "value", "guideline", "aim", "principle", "goal", "target", "impact"})


def _pools(ctx: Context, documents: Sequence[ExtractedDocument]) -> dict[tuple[str, str], list]:
    """Units to compare, by (period, language): statements of :data:`KINDS` and untyped passages."""
    pools: dict[tuple[str, str], list] = defaultdict(list)
    for d in sorted(documents, key=lambda d: d.info.id):
        if d.error or d.info.kind == "evaluation":
            continue
        for s in [*(s for s in d.statements if s.kind in KINDS), *passage_units(d)]:
            pools[(d.info.period, ctx.lang(s))].append(s)
    return pools


def _compatibility(a: str, b: str) -> float:
    if PASSAGE_KIND in (a, b):
        return 1.0  # an untyped passage may be of any kind
    return kind_compatibility(a, b) if a in TIER and b in TIER else 0.0


def _ordered(c: Candidate) -> Candidate:
    """The pair with the statement as source (of two statements, the one whose document id sorts first)."""
    a, b = c.source, c.target
    if a.kind == PASSAGE_KIND or (b.kind != PASSAGE_KIND and b.document_id < a.document_id):
        return Candidate(b, a, c.score, c.method, c.evidence, (c.coverage[1], c.coverage[0]))
    return c


def similar_to(documents: Sequence[ExtractedDocument], ctx: Context | None = None) -> list[Link]:
    """``similar_to`` links between the units of different organisations' strategies, sorted by id."""
    ctx = ctx or Context(documents)
    info = {d.info.id: d.info for d in documents}

    def foreign(s: Statement, t: Statement) -> bool:
        a, b = info[s.document_id], info[t.document_id]
        return a.region != b.region and a.organisation != b.organisation and t.kind != PASSAGE_KIND

    def words(s: Statement) -> int:
        return len(ctx.profiles[s.id].lemmas)

    pool: dict[tuple[str, str], Candidate] = {}
    pools = _pools(ctx, documents)
    for key in sorted(pools):
        sources = [s for s in pools[key] if s.kind != PASSAGE_KIND]
        found = candidates(ctx, sources, pools[key], THRESHOLD * (1 - KIND_WEIGHT), CANDIDATES,
                           lambda s, t: foreign(s, t) or _passage_of_other(info, s, t))
        found += [c for c in context_candidates(ctx, [s for s in sources if words(s) > 1], pools[key], CONTEXT_THRESHOLD,
                                                CANDIDATES, lambda s, t: foreign(s, t) or _passage_of_other(info, s, t))]
        for c in found:
            if (words(c.source) < 2 or words(c.target) < 2) and (c.source.kind != c.target.kind or c.method == "context"):
                continue
            if c.method == "context":
                c.score *= THRESHOLD / CONTEXT_THRESHOLD
            c.score *= 1 - KIND_WEIGHT + KIND_WEIGHT * _compatibility(c.source.kind, c.target.kind)
            c = _ordered(c)
            known = pool.get(c.key)
            if known is None or c.score > known.score:
                pool[c.key] = c
    return sorted((c.link("similar_to") for c in _near_best(pool.values())), key=lambda l: l.id)


def _near_best(pairs) -> list[Candidate]:
    """Pairs ≥ :data:`THRESHOLD` scoring at least :data:`RATIO` × the best pair of their source or of their target."""
    pairs = [c for c in pairs if c.score >= THRESHOLD]
    best: dict[str, float] = defaultdict(float)
    for c in pairs:
        for end in c.key:
            best[end] = max(best[end], c.score)
    return sorted((c for c in pairs if any(c.score >= RATIO * best[end] for end in c.key)), key=lambda c: c.key)


def _passage_of_other(info: dict, s: Statement, t) -> bool:
    """Whether ``t`` is an untyped passage of another organisation and region than statement ``s``."""
    a, b = info[s.document_id], info[t.document_id]
    return t.kind == PASSAGE_KIND and a.region != b.region and a.organisation != b.organisation
