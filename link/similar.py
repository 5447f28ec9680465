"""``similar_to``: statements of different organisations' strategies of the same period that pursue the same thing.

The strategies (not evaluation reports) of one period form a pool per
language. Each unit of one organisation is compared with the units of every
other organisation and region: their statements, and their passages that
print no statement (a county may state its strategic goals as plain
paragraphs or slide headings that were not typed); a passage that is a cue
heading ("Palveluidemme järjestämistä ohjaavat seuraavat periaatteet") only
labels a list and is left out.

Each unit is a bag of terms (:class:`Terms`): its lemmas, compound parts
and the Voikko bases of derived words (:mod:`link.derivation`: ``tasapainoinen``
and ``tasapaino`` meet on ``paino``, ``asiakaslähtöisyys`` and
``ihmislähtöisyys`` on ``lähtö``), and, at :data:`CONTEXT_SHARE`, the same
of its context (:mod:`link.context`: a guideline's aims and goals and the
paragraphs of its section, an aim's guideline). A pair scores the geometric
mean of two shares, each the IDF weight of one side's own terms that the
other side holds in its text or context (:func:`score_pair`), times the
compatibility of the two kinds (an untyped passage takes the kinds of the
statements of its section). A one-word unit (a value) is compared only
with one-word units of its kind.

Links are many-to-many where the documents are, but each must be near the
best of both its ends (:func:`near_best`): a pair is kept when it reaches
:data:`THRESHOLD` and at least :data:`RATIO` of the best score of its source
and of its target, so one county's guideline may be similar to the other's
strategic goal and its impact goal, while a word shared with a third
statement that has a better partner does not make a link. The source is the
statement; a pair of two statements takes as source the one of the document
whose id sorts first.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

from extract.cues import read_cue
from extract.records import ExtractedDocument, Statement
from link.context import PASSAGE_KIND, passage_units
from link.continues import TIER
from link.derivation import word_bases
from link.lemma_index import PART_WEIGHT, LemmaIndex, Profile
from link.matching import SHOWN_TERMS, Candidate, Context, CONTEXT_SHARE
from link.records import Link

THRESHOLD = 0.3  # score a similar_to link needs (calibrated on the dev gold: tests/test_lineage_gold.py)
RATIO = 0.7  # a pair needs this share of the best score of its source and of its target
IDENTITY_DISCOUNT = 0.6  # a mission or vision beside a goal: the same words, another kind of statement
CANDIDATES = 10  # units of the pool scored per unit (the index's best)
KINDS = frozenset({"mission", "vision", "value", "guideline", "aim", "principle", "goal", "target", "impact"})
IDENTITY = frozenset(k for k, tier in TIER.items() if tier == 0)
# A passage in a section of no statement is read as what passage units are kept for: a goal or a
# strategic theme nobody typed (:func:`link.context.passage_units`).
UNTYPED = frozenset({"guideline", "goal"})


@dataclass(frozen=True)
class Terms:
    """A unit's weighted terms: ``own`` from its text, ``around`` from its context only (term → share).

    ``carrier`` names the context piece each ``around`` term came from
    (``parent:<id>``, ``child:<id>``, ``section:<id>``).
    """

    own: Mapping[str, float]
    around: Mapping[str, float]
    carrier: Mapping[str, str]

    def share(self, term: str) -> float:
        """The share ``term`` has in the unit, from its text or else its context (0 when absent)."""
        return self.own.get(term) or self.around.get(term, 0.0)


def _with_bases(terms: Mapping[str, float], lang: str) -> tuple[dict[str, float], dict[str, str]]:
    """``terms`` plus the word bases of each (at :data:`PART_WEIGHT` times the term's share), and base → its term."""
    out, origin = dict(terms), {}
    for term, share in sorted(terms.items()):
        for base in word_bases(term, lang):
            if share * PART_WEIGHT > out.get(base, 0.0):
                out[base] = share * PART_WEIGHT
                origin.setdefault(base, term)
    return out, origin


def unit_terms(ctx: Context, unit: Statement, context: bool = True) -> Terms:
    """The :class:`Terms` of ``unit`` from the shared lemma profiles and context bags of ``ctx``."""
    lang = ctx.lang(unit)
    own = _with_bases(ctx.profiles[unit.id].terms, lang)[0]
    bag = ctx.bags.get(unit.id)
    if not context or bag is None:
        return Terms(own, {}, {})
    extra, origin = _with_bases({t: s for t, s in bag.terms.items() if t not in bag.own}, lang)
    around = {t: s for t, s in extra.items() if t not in own}
    carrier = {t: bag.carrier.get(t) or bag.carrier.get(origin.get(t, ""), "") for t in around}
    return Terms(own, around, carrier)


def _cover(a: Terms, b: Terms, idf: Callable[[str], float]) -> tuple[float, list[list[Any]]]:
    """Share of the IDF weight of ``a``'s own terms that ``b`` holds, and the matches ``[term, weight, where]``."""
    total, matched, found = 0.0, 0.0, []
    for term in sorted(a.own):
        w = a.own[term] * idf(term)
        total += w
        other = b.share(term)
        if other:
            got = min(a.own[term], other) * idf(term)
            matched += got
            found.append([term, round(got, 2), "text" if term in b.own else b.carrier.get(term, "context")])
    return (matched / total if total else 0.0), found


def score_pair(a: Terms, b: Terms, idf: Callable[[str], float]) -> tuple[float, dict[str, Any], tuple[float, float]]:
    """How much each of two units holds of the other: the geometric mean of the two shares (:func:`_cover`).

    :returns: (score 0–1, evidence with the matched words of each side, the two shares)
    """
    cov_a, found_a = _cover(a, b, idf)
    cov_b, found_b = _cover(b, a, idf)
    top = lambda found: sorted(found, key=lambda m: (-m[1], m[0]))[:SHOWN_TERMS]
    shared = sorted({m[0] for m in found_a if m[2] == "text"}, key=lambda t: (-idf(t), t))
    evidence = {"shared_lemmas": shared[:SHOWN_TERMS], "source_words": top(found_a), "target_words": top(found_b)}
    return math.sqrt(cov_a * cov_b), evidence, (cov_a, cov_b)


def _kinds(doc: ExtractedDocument, units: Iterable[Statement]) -> dict[str, frozenset[str]]:
    """Unit id → its kinds: a statement's own; a passage's, those of the statements of its section (or :data:`UNTYPED`)."""
    by_section: dict[str | None, set[str]] = defaultdict(set)
    for s in doc.statements:
        by_section[s.section_id].add(s.kind)
    return {u.id: frozenset(by_section.get(u.section_id) or UNTYPED) if u.kind == PASSAGE_KIND else frozenset({u.kind})
            for u in units}


def kind_compatibility(a: frozenset[str], b: frozenset[str]) -> float:
    """How plausibly units of kinds ``a`` and ``b`` pursue the same thing (a unit of no known kind: any).

    Within identity (mission, vision, value) or within direction and goals
    (guideline ↔ strategic goal, goal ↔ target or principle) 1; a mission or
    vision beside a goal :data:`IDENTITY_DISCOUNT`; a value with anything but
    a value 0.
    """
    if not a or not b:
        return 1.0
    def one(x: str, y: str) -> float:
        if "value" in (x, y) and x != y:
            return 0.0
        return 1.0 if (x in IDENTITY) == (y in IDENTITY) else IDENTITY_DISCOUNT

    return max(one(x, y) for x in a for y in b)


def _pools(ctx: Context, documents: Sequence[ExtractedDocument]) -> tuple[dict[tuple[str, str], list[Statement]],
                                                                          dict[str, frozenset[str]]]:
    """Units to compare by (period, language) — statements of :data:`KINDS`, passages but cue headings — and their kinds."""
    pools: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    kinds: dict[str, frozenset[str]] = {}
    for d in sorted(documents, key=lambda d: d.info.id):
        if d.error or d.info.kind == "evaluation":
            continue
        units = [*(s for s in d.statements if s.kind in KINDS), *(p for p in passage_units(d) if read_cue(p.text) is None)]
        kinds.update(_kinds(d, units))
        for u in units:
            pools[(d.info.period, ctx.lang(u))].append(u)
    return pools, kinds


def _idf(bags: Iterable[Terms]) -> Callable[[str], float]:
    """Smoothed IDF over the units' own terms (``log(1 + N / df)``; an unseen term weighs as one seen once)."""
    df: dict[str, int] = defaultdict(int)
    n = 0
    for b in bags:
        n += 1
        for t in b.own:
            df[t] += 1
    table = {t: math.log(1 + n / c) for t, c in df.items()}
    unseen = math.log(1 + max(n, 1))
    return lambda t: table.get(t, unseen)


def _ordered(c: Candidate) -> Candidate:
    """The pair with the statement as source (of two statements, the one whose document id sorts first)."""
    a, b = c.source, c.target
    if a.kind == PASSAGE_KIND or (b.kind != PASSAGE_KIND and b.document_id < a.document_id):
        ev = dict(c.evidence, source_words=c.evidence["target_words"], target_words=c.evidence["source_words"])
        return Candidate(b, a, c.score, c.method, ev, (c.coverage[1], c.coverage[0]))
    return c


def _scored(ctx: Context, units: Sequence[Statement], kinds: Mapping[str, frozenset[str]],
            foreign: Callable[[Statement, Statement], bool]) -> dict[tuple[str, str], Candidate]:
    """Every pair of one pool that the index proposes (:data:`CANDIDATES` per unit), scored once."""
    words = {u.id: len(ctx.profiles[u.id].lemmas) for u in units}
    bags = {u.id: unit_terms(ctx, u, context=words[u.id] > 1) for u in units}
    idf = _idf(bags.values())
    lang = ctx.lang(units[0])
    index = LemmaIndex([Profile(u.id, lang, {**bags[u.id].around, **bags[u.id].own}, frozenset()) for u in units])
    by_id = {u.id: u for u in units}
    pairs: dict[tuple[str, str], Candidate] = {}
    for u in units:
        b = bags[u.id]
        found = index.candidates({t: b.share(t) * idf(t) for t in sorted({*b.own, *b.around})})
        found = {t: w for t, w in found.items() if foreign(u, by_id[t])}
        for tid in sorted(found, key=lambda t: (-found[t], t))[:CANDIDATES]:
            key = tuple(sorted((u.id, tid)))
            if key in pairs or (words[u.id] < 2 or words[tid] < 2) and (words[u.id] > 1 or words[tid] > 1
                                                                           or kinds[u.id] != kinds[tid]):
                continue  # a one-word unit (a value) is compared only with one-word units of its kind
            compatible = kind_compatibility(kinds[u.id], kinds[tid])
            if not compatible:
                continue
            score, evidence, coverage = score_pair(b, bags[tid], idf)
            evidence.update(similar_score=round(score, 4), kind_compatibility=compatible)
            pairs[key] = _ordered(Candidate(u, by_id[tid], score * compatible, "context" if bags[u.id].around
                                            or bags[tid].around else "lemma-overlap", evidence, coverage))
    return pairs


def near_best(pairs: Iterable[Candidate], threshold: float, ratio: float) -> list[Candidate]:
    """Pairs ≥ ``threshold`` scoring at least ``ratio`` × the best pair of their source and of their target."""
    pairs = [c for c in pairs if c.score >= threshold]
    best: dict[str, float] = defaultdict(float)
    for c in pairs:
        for end in c.key:
            best[end] = max(best[end], c.score)
    return sorted((c for c in pairs if all(c.score >= ratio * best[end] for end in c.key)), key=lambda c: c.key)


def similar_to(documents: Sequence[ExtractedDocument], ctx: Context | None = None) -> list[Link]:
    """``similar_to`` links between the units of different organisations' strategies, sorted by id."""
    ctx = ctx or Context(documents)
    info = {d.info.id: d.info for d in documents}

    def foreign(s: Statement, t: Statement) -> bool:
        a, b = info[s.document_id], info[t.document_id]
        # two passages make no link: one end is a statement someone can act on
        both_passages = s.kind == t.kind == PASSAGE_KIND
        return a.region != b.region and a.organisation != b.organisation and not both_passages

    pools, kinds = _pools(ctx, documents)
    found: list[Candidate] = []
    for key in sorted(pools):
        found += _scored(ctx, pools[key], kinds, foreign).values()
    return sorted((c.link("similar_to") for c in near_best(found, THRESHOLD, RATIO)), key=lambda l: l.id)
