"""``similar_to``: statements of different organisations' strategies of the same period that pursue the same thing.

The strategies (not evaluation reports) of one period form a pool per
language. Each unit of one organisation is compared with the units of every
other organisation and region (an organisation is one whether its name is
written in Finnish or Swedish): their statements, and their passages that
print no statement (a county may state its strategic goals as plain
paragraphs or slide headings that were not typed); a passage that is a cue
heading ("Palveluidemme järjestämistä ohjaavat seuraavat periaatteet") only
labels a list and is left out. Which passages take part is decided by their
place in what extraction typed (:func:`link.context.passage_units`): in a
section of typed statements only the explanation under a statement's heading
(a service-organising principle's sentences), as a unit of that statement's
kind; the section's title, introduction and summary sentences not.

Each unit is a bag of terms (:class:`Terms`): its lemmas, compound parts
and the Voikko bases of derived words (:mod:`link.derivation`: ``tasapainoinen``
and ``tasapaino`` meet on ``paino``, ``asiakaslähtöisyys`` and
``ihmislähtöisyys`` on ``lähtö``), the concepts their words name
(:func:`concept_table`: ``työhyvinvointi`` and ``hyvinvoiva`` on
``≈hyvinvointi``), and, at half weight (``link.document_terms.CONTEXT_SHARE``), the same
of its context (:mod:`link.context`: a guideline's aims and goals and the
paragraphs of its section, an aim's guideline, a principle's explanation and
the explained principle). A pair scores the geometric
mean of two shares, each the IDF weight of one side's own terms that the
other side holds in its text or context (:func:`score_pair`), times the
compatibility of the two kinds (:func:`kind_compatibility`: directions with
directions, means with means; a passage takes the kind of the statement it
explains, and in a section of no statement that of a strategic goal or
theme, :data:`UNTYPED`). A one-word unit (a value) is compared only
with one-word units of its kind. Two Finnish texts whose every shared term
is only a genitive attribute in both (:func:`shares_only_attributes`:
``asukkaiden ja henkilöstön osallisuus`` beside ``arvostamme henkilöstömme
osaamista``) share whose, not what they pursue, and are not compared.

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

import importlib.resources
import math
import tomllib
from collections import defaultdict
from functools import cache, lru_cache
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from extract.cues import read_cue
from extract.metadata import counties
from extract.records import DocumentInfo, ExtractedDocument, Statement
from link.attributes import attribute_words
from link.cache import LinkCache, link_from_json, link_to_json, memo
from link.context import PASSAGE_KIND
from link.continues import TIER
from link.derivation import word_bases
from link.lemma_index import PART_WEIGHT, LemmaIndex, Profile, kept
from link.matching import SHOWN_TERMS, Candidate, Context
from link.records import Link

THRESHOLD = 0.25  # score a similar_to link needs (calibrated on the dev gold: tests/test_lineage_gold.py)
RATIO = 0.7  # a pair needs this share of the best score of its source and of its target
IDENTITY_DISCOUNT = 0.6  # a mission or vision beside a goal: the same words, another kind of statement
CONCEPT = "≈"  # prefix of a concept term (link/data/concepts_fi.toml)
CANDIDATES = 10  # units of the pool scored per unit (the index's best)
KINDS = frozenset({"mission", "vision", "value", "guideline", "aim", "principle", "goal", "target", "impact"})
IDENTITY = frozenset(k for k, tier in TIER.items() if tier == 0)
# The two levels of direction and goals (an aim, a guideline's päämäärä, stands between them)
DIRECTION = frozenset({"guideline", "impact"})
MEANS = frozenset({"goal", "target", "principle"})
LEVEL_DISCOUNT = 0.4  # a direction beside a means: it serves the direction rather than pursuing the same
# A passage in a section of no statement is read as what extraction leaves untyped in a strategy:
# its headline strategic goals and themes (measurable targets and principles are typed by their cues).
UNTYPED = frozenset({"guideline"})


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


@lru_cache(maxsize=1)
def concept_table() -> dict[str, tuple[str, ...]]:
    """Finnish member lemma → the concepts it names (``link/data/concepts_fi.toml``), concept terms as ``≈name``."""
    data = tomllib.loads(importlib.resources.files("link").joinpath("data/concepts_fi.toml").read_text("utf-8"))
    out: dict[str, set[str]] = defaultdict(set)
    for name, members in data["concepts"].items():
        for m in members:
            out[m].add(CONCEPT + name)
    return {m: tuple(sorted(c)) for m, c in out.items()}


def _with_bases(terms: Mapping[str, float], lang: str) -> tuple[dict[str, float], dict[str, str]]:
    """``terms`` plus the word bases of each (at :data:`PART_WEIGHT` times the term's share) and the concepts
    of both (:func:`concept_table`, at :data:`PART_WEIGHT` times that), and base or concept → its term."""
    out, origin = dict(terms), {}
    for term, share in sorted(terms.items()):
        for base in kept(f"bases\0{lang}\0{term}", lambda term=term: word_bases(term, lang)):
            if share * PART_WEIGHT > out.get(base, 0.0):
                out[base] = share * PART_WEIGHT
                origin.setdefault(base, term)
    concepts = concept_table() if lang == "fi" else {}
    for term, share in sorted(out.items()):
        for concept in concepts.get(term, ()):
            if share * PART_WEIGHT > out.get(concept, 0.0):
                out[concept] = share * PART_WEIGHT
                origin.setdefault(concept, origin.get(term, term))
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


def attribute_terms(text: str, lang: str) -> frozenset[str]:
    """The terms of a Finnish ``text`` that only its genitive attributes give (:func:`link.attributes.attribute_words`,
    with their word bases and concepts); none for another language."""
    def answer() -> list[str]:
        attributes, others = attribute_words(text)
        heads = _with_bases(dict.fromkeys(others, 1.0), lang)[0]
        return sorted(set(_with_bases(dict.fromkeys(attributes, 1.0), lang)[0]) - set(heads))

    return frozenset(kept(f"attributes\0{text}", answer)) if lang == "fi" else frozenset()


def shares_only_attributes(a: Terms, b: Terms, a_attributes: frozenset[str], b_attributes: frozenset[str]) -> bool:
    """Whether every term the two texts share is only an attribute in both (``asukkaiden ja henkilöstön
    osallisuus`` beside ``arvostamme henkilöstömme osaamista``): they share whose, not what they are about."""
    shared = a.own.keys() & b.own.keys()
    return bool(shared) and shared <= a_attributes & b_attributes


def _cover(a: Terms, b: Terms, idf: Mapping[str, float], matches: list | None = None) -> float:
    """Share of the IDF weight of ``a``'s own terms that ``b`` holds; each match ``[term, weight, where]``
    is appended to ``matches`` when given."""
    total, matched = 0.0, 0.0
    for term, share in a.own.items():
        w = idf[term]
        total += share * w
        other = b.own.get(term) or b.around.get(term)
        if other:
            matched += min(share, other) * w
            if matches is not None:
                where = "text" if term in b.own else b.carrier.get(term, "context")
                matches.append([term, round(min(share, other) * w, 2), where])
    return matched / total if total else 0.0


def score_pair(a: Terms, b: Terms, idf: Mapping[str, float]) -> tuple[float, tuple[float, float]]:
    """How much each of two units holds of the other: the geometric mean of the two shares (:func:`_cover`).

    :returns: (score 0–1, the two shares)
    """
    cov_a, cov_b = _cover(a, b, idf), _cover(b, a, idf)
    return math.sqrt(cov_a * cov_b), (cov_a, cov_b)


def pair_evidence(a: Terms, b: Terms, idf: Mapping[str, float]) -> dict[str, Any]:
    """The words that make a pair's score: ``shared_lemmas`` (in both texts, by falling weight), and per side
    the matched words with their weight and where the other side holds them (``text`` or a context piece)."""
    found_a: list = []
    found_b: list = []
    _cover(a, b, idf, found_a)
    _cover(b, a, idf, found_b)
    top = lambda found: sorted(found, key=lambda m: (-m[1], m[0]))[:SHOWN_TERMS]
    shared = sorted({m[0] for m in found_a if m[2] == "text"}, key=lambda t: (-idf[t], t))
    return {"shared_lemmas": shared[:SHOWN_TERMS], "source_words": top(found_a), "target_words": top(found_b)}


def _kinds(doc: ExtractedDocument, units: Iterable[Statement]) -> dict[str, frozenset[str]]:
    """Unit id → its kinds: a statement's own; a passage's, that of the statement it explains
    (:func:`link.context.explained`), or :data:`UNTYPED` in a section of no statement."""
    kind = {s.id: s.kind for s in doc.statements}
    return {u.id: frozenset({kind[u.parent_id]} if u.parent_id in kind else UNTYPED) if u.kind == PASSAGE_KIND
            else frozenset({u.kind}) for u in units}


@lru_cache(maxsize=1 << 10)
def kind_compatibility(a: frozenset[str], b: frozenset[str]) -> float:
    """How plausibly units of kinds ``a`` and ``b`` pursue the same thing (a unit of no known kind: any).

    Within identity (mission, vision, value) 1, and so within one level of
    direction and goals: a guideline or impact goal beside a strategic goal or
    another guideline, a council-term goal beside a measurable target or a
    service-organising principle, an aim (between the two) beside either; a
    direction beside a means (a guideline or impact goal beside a goal, target
    or principle) :data:`LEVEL_DISCOUNT`: the means shares the direction's
    words because it serves it, not because it pursues the same. A mission or
    vision beside a goal :data:`IDENTITY_DISCOUNT`; a value with anything but
    a value 0.
    """
    if not a or not b:
        return 1.0
    def one(x: str, y: str) -> float:
        if "value" in (x, y) and x != y:
            return 0.0
        if (x in IDENTITY) != (y in IDENTITY):
            return IDENTITY_DISCOUNT
        return LEVEL_DISCOUNT if {x, y} & DIRECTION and {x, y} & MEANS else 1.0

    return max(one(x, y) for x in a for y in b)


def _pools(ctx: Context, documents: Sequence[ExtractedDocument]) -> tuple[dict[tuple[str, str], list[Statement]],
                                                                          dict[str, frozenset[str]]]:
    """Units to compare by (period, language) — statements of :data:`KINDS`, passages but cue headings — and their kinds."""
    pools: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    kinds: dict[str, frozenset[str]] = {}
    passages: dict[str, list[Statement]] = defaultdict(list)
    for p in ctx.passages.values():  # link.context.passage_units of each document, in reading order
        passages[p.document_id].append(p)
    for d in sorted(documents, key=lambda d: d.info.id):
        if d.error or d.info.kind == "evaluation":
            continue
        units = [*(s for s in d.statements if s.kind in KINDS),
                 *(p for p in passages.get(d.info.id, ()) if not _is_cue(p.text))]
        kinds.update(_kinds(d, units))
        for u in units:
            pools[(d.info.period, ctx.lang(u))].append(u)
    return pools, kinds


def _is_cue(text: str) -> bool:
    """Whether ``text`` is a cue heading (:func:`extract.cues.read_cue`), as kept from the last build."""
    return kept(f"cue\0{text}", lambda: read_cue(text) is not None)


class _Idf(dict):
    """Smoothed IDF over units' own terms (``log(1 + N / df)``); an unseen term weighs as one seen once."""

    def __init__(self, bags: Iterable[Terms]) -> None:
        df: dict[str, int] = defaultdict(int)
        n = 0
        for b in bags:
            n += 1
            for t in b.own:
                df[t] += 1
        super().__init__((t, math.log(1 + n / c)) for t, c in df.items())
        self.unseen = math.log(1 + max(n, 1))

    def __missing__(self, term: str) -> float:
        return self.unseen


def _ordered(c: Candidate) -> Candidate:
    """The pair with the statement as source (of two statements, the one whose document id sorts first)."""
    a, b = c.source, c.target
    if a.kind == PASSAGE_KIND or (b.kind != PASSAGE_KIND and b.document_id < a.document_id):
        return Candidate(b, a, c.score, c.method, c.evidence, (c.coverage[1], c.coverage[0]))
    return c


def _pool_pairs(ctx: Context, units: Sequence[Statement], kinds: Mapping[str, frozenset[str]],
                foreign: Callable[[Statement, Statement], bool]) -> list[Candidate]:
    """The linked pairs of one pool: each pair the index proposes (:data:`CANDIDATES` per unit) scored once,
    those :func:`near_best` keeps given their evidence."""
    words = {u.id: len(ctx.profiles[u.id].lemmas) for u in units}
    bags = {u.id: unit_terms(ctx, u, context=words[u.id] > 1) for u in units}
    idf = _Idf(bags.values())
    lang = ctx.lang(units[0])
    index = LemmaIndex([Profile(u.id, lang, {**bags[u.id].around, **bags[u.id].own}, frozenset()) for u in units])
    by_id = {u.id: u for u in units}
    attributes = cache(lambda uid: attribute_terms(by_id[uid].text, lang))  # once per unit, for the units proposed
    pairs: dict[tuple[str, str], Candidate] = {}
    for u in units:
        # a unit's own words look for units holding them in their text or context: a pair scores
        # only when each side's own words are found in the other, so either side's query finds it
        found = index.candidates({t: share * idf[t] for t, share in sorted(bags[u.id].own.items())})
        found = {t: w for t, w in found.items() if foreign(u, by_id[t])}
        for tid in sorted(found, key=lambda t: (-found[t], t))[:CANDIDATES]:
            key = tuple(sorted((u.id, tid)))
            if key in pairs or (words[u.id] < 2 or words[tid] < 2) and (words[u.id] > 1 or words[tid] > 1
                                                                           or kinds[u.id] != kinds[tid]):
                continue  # a one-word unit (a value) is compared only with one-word units of its kind
            compatible = kind_compatibility(kinds[u.id], kinds[tid])
            if compatible and not shares_only_attributes(bags[u.id], bags[tid], attributes(u.id), attributes(tid)):
                score, coverage = score_pair(bags[u.id], bags[tid], idf)
                method = "context" if bags[u.id].around or bags[tid].around else "lemma-overlap"
                pairs[key] = _ordered(Candidate(u, by_id[tid], score * compatible, method, {}, coverage))
    kept = near_best(pairs.values(), THRESHOLD, RATIO)
    for c in kept:
        c.evidence = dict(pair_evidence(bags[c.source.id], bags[c.target.id], idf),
                          similar_score=round(math.sqrt(c.coverage[0] * c.coverage[1]), 4),
                          kind_compatibility=kind_compatibility(kinds[c.source.id], kinds[c.target.id]))
    return kept


def near_best(pairs: Iterable[Candidate], threshold: float, ratio: float) -> list[Candidate]:
    """Pairs ≥ ``threshold`` scoring at least ``ratio`` × the best pair of their source and of their target."""
    pairs = [c for c in pairs if c.score >= threshold]
    best: dict[str, float] = defaultdict(float)
    for c in pairs:
        for end in c.key:
            best[end] = max(best[end], c.score)
    return sorted((c for c in pairs if all(c.score >= ratio * best[end] for end in c.key)), key=lambda c: c.key)


def similar_to(documents: Sequence[ExtractedDocument], ctx: Context | None = None,
               cache: Optional[LinkCache] = None) -> list[Link]:
    """``similar_to`` links between the units of different organisations' strategies, sorted by id.

    :param cache: where each pool's links are kept (:func:`pool_links`); ``None``: none
    """
    ctx = ctx or Context(documents)
    info = {d.info.id: d.info for d in documents}
    # an organisation named in Swedish in one document and in Finnish in another is one organisation
    owner = {d.info.id: (d.info.region, _organisation(d.info.organisation)) for d in documents}

    def foreign(s: Statement, t: Statement) -> bool:
        (region_a, organisation_a), (region_b, organisation_b) = owner[s.document_id], owner[t.document_id]
        # two passages make no link: one end is a statement someone can act on
        both_passages = s.kind == t.kind == PASSAGE_KIND
        return region_a != region_b and organisation_a != organisation_b and not both_passages

    pools, kinds = _pools(ctx, documents)
    found = [l for key in sorted(pools) if _mixed(pools[key], owner)
             for l in pool_links(ctx, pools[key], kinds, foreign, info, cache)]
    return sorted(found, key=lambda l: l.id)


@lru_cache(maxsize=None)
def _organisation(name: str) -> str:
    """One name per organisation: a county's Finnish name for its Finnish or Swedish name
    (``extract/data/counties.toml``), in any case; another organisation's name case folded."""
    by_name = {n.casefold(): c.fi for c in counties() for n in (c.fi, c.sv)}
    return by_name.get(name.casefold(), name.casefold())


def _mixed(units: Sequence[Statement], owner: Mapping[str, tuple[str, str]]) -> bool:
    """Whether two of the units' documents differ in both region and organisation (``owner``: document id →
    both): else no pair of the pool may link, and it is not compared (the Swedish pool of a corpus whose one
    bilingual county prints Swedish)."""
    owners = sorted({owner[u.document_id] for u in units})
    return any(a[0] != b[0] and a[1] != b[1] for i, a in enumerate(owners) for b in owners[i + 1:])


def pool_links(ctx: Context, units: Sequence[Statement], kinds: Mapping[str, frozenset[str]],
               foreign: Callable[[Statement, Statement], bool], info: Mapping[str, DocumentInfo],
               cache: Optional[LinkCache]) -> list[Link]:
    """The links of one pool (:func:`_pool_pairs`), or those a build of the same pool stored.

    A pool's links depend on its units only (the IDF is the pool's own): their ids, kinds, pages,
    documents' region and organisation, and what made their bags (:meth:`Context.digest`).
    """
    def key() -> tuple:
        rows = [(u.id, u.document_id, u.kind, u.page, sorted(kinds[u.id]), info[u.document_id].region,
                 info[u.document_id].organisation, ctx.digest(ctx.bags[u.id])) for u in units]
        return "similar-pool", ctx.lang(units[0]), rows

    return memo(cache, key, lambda: [c.link("similar_to") for c in _pool_pairs(ctx, units, kinds, foreign)],
                lambda links: [link_to_json(l) for l in links], lambda data: [link_from_json(l) for l in data])
