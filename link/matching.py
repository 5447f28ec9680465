"""Scored candidate pairs of statements, blocked by the lemma index, and their selection.

Shared by ``continues`` (:mod:`link.continues`) and ``similar_to``
(:mod:`link.similar`): a :class:`Context` holds every statement's lemma
profile and each language's IDF weights; :func:`candidates` scores the pairs
that share terms (same language: IDF-weighted overlap of lemmas; Finnish ↔ Swedish: the
bilingual similarity of :mod:`link.crosslang`, blocked by the Swedish words
the lexicon gives for the Finnish lemmas); :func:`select` keeps each side's
best pairs above a threshold.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from extract.records import ExtractedDocument, Statement
from link.context import Piece, passage_units
from link.enumeration import item_texts
from link.crosslang import CrossLingual, stems_of
from link.records import Link
from link.lemma_index import (LemmaIndex, Profile, analysis_lang, idf_weights, kept, profile, query_weights, overlap,
                              text_compounds, text_terms)

Accept = Callable[[Statement, Statement], bool]
SHOWN_TERMS = 12  # shared lemmas listed in the evidence
TOP_CANDIDATES = 25  # per source statement, only the pairs the index ranks highest are scored
TOP_CROSS_CANDIDATES = 10  # the same for Finnish–Swedish pairs, whose scoring costs more
CONTEXT_SHARE = 0.5  # a word of the context counts this much of a word of the statement itself


@dataclass
class Candidate:
    """A scored pair of statements with the evidence for the score (mutable while linking)."""

    source: Statement
    target: Statement
    score: float
    method: str
    evidence: dict[str, Any] = field(default_factory=dict)
    coverage: tuple[float, float] = (0.0, 0.0)  # share of the source's / target's words matched

    @property
    def key(self) -> tuple[str, str]:
        """(source id, target id)."""
        return self.source.id, self.target.id

    def link(self, relation: str) -> Link:
        """The :class:`Link` of this pair: score capped at 1, method ``<relation>-<method>``, evidence with
        the two kinds, pages and coverages added."""
        evidence = dict(self.evidence, kinds=[self.source.kind, self.target.kind], source_page=self.source.page,
                        target_page=self.target.page,
                        coverage=[round(self.coverage[0], 3), round(self.coverage[1], 3)])
        return Link(self.source.id, self.target.id, relation, round(min(1.0, self.score), 4),
                    f"{relation.split('_')[0]}-{self.method}", evidence)


@dataclass(frozen=True)
class Bag:
    """A statement with its context as weighted terms: what :func:`context_pair` compares.

    ``terms`` maps each term to its share (1 for a lemma of the statement itself,
    less for a compound part, :data:`CONTEXT_SHARE` times that for a word of the
    context); ``carrier`` names the context piece a context-only term came from;
    ``own`` holds the statement's own terms.
    """

    id: str
    lang: str
    terms: dict[str, float]
    own: frozenset[str]
    carrier: dict[str, str]
    parts: dict[str, tuple[str, ...]]

    @functools.cached_property
    def keys(self) -> frozenset[str]:
        """Every term of the bag (made once: lookups hash it)."""
        return frozenset(self.terms)

    @functools.cached_property
    def heads(self) -> dict[str, str]:
        """The head part of each compound of the statement's own text → that compound (the first by name)."""
        out: dict[str, str] = {}
        for term in sorted(self.own):
            parts = self.parts.get(term, ())
            if len(parts) > 1:
                out.setdefault(parts[-1], term)
        return out


def bag(statement: Statement, pieces: Sequence[Piece] = ()) -> Bag:
    """The :class:`Bag` of ``statement`` and the context ``pieces`` around it (:func:`link.context.contexts`)."""
    lang = analysis_lang(statement.lang)
    terms = dict(text_terms(statement.text, lang))
    parts = dict(text_compounds(statement.text, lang))
    own = frozenset(terms)
    carrier: dict[str, str] = {}
    for label, unit_id, text in pieces:
        for term, share in text_terms(text, lang):
            if term not in own and share * CONTEXT_SHARE > terms.get(term, 0.0):
                terms[term] = share * CONTEXT_SHARE
                carrier[term] = f"{label}:{unit_id}"
        for term, ps in text_compounds(text, lang):
            parts.setdefault(term, ps)
    return Bag(statement.id, lang, terms, own, carrier, parts)


class Context:
    """Lemma profiles, context bags and IDF weights per language of the statements lineage compares.

    Evaluation reports are left out: their rows are linked by ``evaluated_in``
    (and their assessments serve as context of the goals they evaluate).
    IDF is counted over the statements and passages of each language.
    """

    def __init__(self, documents: Sequence[ExtractedDocument], crosslang: CrossLingual | None = None,
                 contexts: dict[str, list[Piece]] | None = None) -> None:
        self.statements = {s.id: s for d in documents if d.info.kind != "evaluation" for s in d.statements}
        self.passages = {u.id: u for d in documents if d.info.kind != "evaluation" for u in passage_units(d)}
        self.statements.update(self.passages)
        self.profiles = {sid: profile(s) for sid, s in self.statements.items()}
        by_lang: dict[str, list[Profile]] = defaultdict(list)
        for sid, p in self.profiles.items():
            if sid not in self.passages:
                by_lang[p.lang].append(p)
        for d in documents:
            for p in d.passages:
                lang = analysis_lang(p.lang)
                by_lang[lang].append(Profile(p.id, lang, dict(text_terms(p.text, lang)), frozenset()))
        self.idf = {lang: idf_weights(ps) for lang, ps in by_lang.items()}
        self.unseen = {lang: math.log(1 + len(ps)) for lang, ps in by_lang.items()}
        self.crosslang = crosslang or CrossLingual()
        self.contexts = contexts or {}
        self.bags = {sid: bag(s, self.contexts.get(sid, ())) for sid, s in self.statements.items()}
        self._stems: dict[str, dict[str, str]] = {}
        self._own: dict[str, list[tuple[str, float]]] = {}
        self._items: dict[str, list[Statement]] = {}
        self.item_words: dict[str, frozenset[str]] = {}  # an item's terms that its frame does not print

    def items(self, statement: Statement) -> list[Statement]:
        """``statement`` once per item of an enumeration it prints (:func:`link.enumeration.item_texts`), cached.

        Each is a :class:`Statement` with id ``<id>#<n>`` and the text of the frame and one item;
        its bag holds the statement's context and, as context labelled ``statement``, the
        statement's whole text (the other items still tell what the successor may add);
        :attr:`item_words` holds the terms of the item that the frame does not print.
        """
        if statement.id not in self._items:
            out = []
            lang = self.lang(statement)
            texts = kept(f"items\0{lang}\0{statement.text}", lambda: item_texts(statement.text, lang))
            for n, (frame, words) in enumerate(texts, 1):
                item = dataclasses.replace(statement, id=f"{statement.id}#{n}", text=f"{frame} {words}".strip())
                pieces = [*self.contexts.get(statement.id, ()), ("statement", statement.id, statement.text)]
                self.profiles[item.id] = profile(item)
                self.bags[item.id] = bag(item, pieces)
                self.item_words[item.id] = frozenset(dict(text_terms(words, lang))) - frozenset(dict(text_terms(frame, lang)))
                out.append(item)
            self._items[statement.id] = out
        return self._items[statement.id]

    def weight(self, lang: str, term: str) -> float:
        """The IDF of ``term`` in ``lang`` (a term seen nowhere weighs as one seen once)."""
        return self.idf.get(lang, {}).get(term, self.unseen.get(lang, 1.0))

    def own_weights(self, b: Bag) -> list[tuple[str, float]]:
        """A bag's own terms in order with their weights (share × IDF), made once per bag: every pair reads them."""
        if b.id not in self._own:
            self._own[b.id] = [(term, b.terms[term] * self.weight(b.lang, term)) for term in sorted(b.own)]
        return self._own[b.id]

    def stems(self, b: Bag) -> dict[str, str]:
        """Cognate stems of a bag's terms (cached)."""
        if b.id not in self._stems:
            self._stems[b.id] = stems_of(b.terms)
        return self._stems[b.id]

    def lang(self, statement: Statement) -> str:
        """The language a statement is analysed in ("fi" or "sv")."""
        return self.profiles[statement.id].lang


def _numbers(a: Profile, b: Profile) -> dict[str, list[str]]:
    out = {"shared": sorted(a.numbers & b.numbers)}
    if a.numbers - b.numbers:
        out["source_only"] = sorted(a.numbers - b.numbers)
    if b.numbers - a.numbers:
        out["target_only"] = sorted(b.numbers - a.numbers)
    return out


def _top(found: dict[str, float], limit: int = TOP_CANDIDATES) -> list[str]:
    """The ``limit`` ids with the most shared weight (ties by id), in id order."""
    return sorted(sorted(found, key=lambda i: (-found[i], i))[:limit])


def _same_language(ctx: Context, sources: Sequence[Statement], targets: Sequence[Statement],
                   minimum: float, limit: int, accept: Accept) -> Iterable[Candidate]:
    lang = ctx.lang(sources[0])
    idf = ctx.idf[lang]
    index = LemmaIndex([ctx.profiles[t.id] for t in targets])
    by_id = {t.id: t for t in targets}
    for s in sources:
        ps = ctx.profiles[s.id]
        found = index.candidates(query_weights(ps, idf))
        for tid in _top({t: w for t, w in found.items() if accept(s, by_id[t])}, limit):
            pt = ctx.profiles[tid]
            score, shared, cov_s, cov_t = overlap(ps, pt, idf)
            if score >= minimum:
                evidence = {"shared_lemmas": shared[:SHOWN_TERMS], "numbers": _numbers(ps, pt), "lemma_overlap": round(score, 4)}
                yield Candidate(s, by_id[tid], score, "lemma-overlap", evidence, (cov_s, cov_t))


def _cross_language(ctx: Context, sources: Sequence[Statement], targets: Sequence[Statement],
                    minimum: float) -> Iterable[Candidate]:
    source_is_fi = ctx.lang(sources[0]) == "fi"
    fi_side, sv_side = (sources, targets) if source_is_fi else (targets, sources)
    index = LemmaIndex([ctx.profiles[s.id] for s in sv_side])
    by_id = {s.id: s for s in sv_side}
    for fi in fi_side:
        pf = ctx.profiles[fi.id]
        keys = ctx.crosslang.swedish_keys(pf.terms) | set(pf.terms)
        query = {k: ctx.idf["sv"].get(k, 1.0) for k in keys}
        for sid in _top(index.candidates(query), TOP_CROSS_CANDIDATES):
            sv = by_id[sid]
            score, found = ctx.crosslang.similarity(fi.text, sv.text)
            if score < minimum:
                continue
            n_fi, n_sv = found.get("words", [0, 0])
            aligned = found.get("aligned_words", [])
            cov_fi, cov_sv = min(1.0, len(aligned) / max(1, n_fi)), min(1.0, len(aligned) / max(1, n_sv))
            evidence = {"glossary_pairs": aligned[:SHOWN_TERMS], "numbers": _numbers(pf, ctx.profiles[sid]),
                        "crosslingual": round(score, 4)}
            if source_is_fi:
                yield Candidate(fi, sv, score, "crosslingual", evidence, (cov_fi, cov_sv))
            else:
                yield Candidate(sv, fi, score, "crosslingual", evidence, (cov_sv, cov_fi))


def _found(ctx: Context, a: Bag, b: Bag, known: Mapping[str, str] | None = None) -> tuple[float, list[list[Any]]]:
    """Share of the IDF weight of ``a``'s own terms that ``b`` holds (itself or in its context), and the matches.

    Within one language a compound that ``b`` lacks counts in part when ``b``'s own text has one on
    the same head (:func:`sibling`).

    ``known`` maps terms of ``a`` to the terms of ``b`` the other direction found them to translate
    (a Swedish compound the dictionary does not split, ``mångproducentmodell``, is the partner of
    the Finnish compound whose parts found it, ``monituottajamalli``).
    """
    total, matched, found = 0.0, 0.0, []
    cross = a.lang != b.lang
    for term, w in ctx.own_weights(a):
        total += w
        if cross:
            partner = (ctx.crosslang.partner(term, a.parts.get(term, ()), a.lang, b.keys, ctx.stems(b))
                       or (known or {}).get(term))
        else:
            partner = term if term in b.terms else None
        share = 1.0
        if partner is None and not cross:
            partner, share = sibling(ctx, a, b, term)
        if partner is not None:
            matched += w * share
            found.append([term, partner, round(w * share, 2), b.carrier.get(partner, "text")])
    return (matched / total if total else 0.0), found


def sibling(ctx: Context, a: Bag, b: Bag, term: str) -> tuple[str | None, float]:
    """A compound of ``b`` with the head of ``a``'s compound ``term``, and the share of ``term`` it holds.

    Two compounds on one head name two kinds of one thing (``hoitopolku`` and
    ``asiakaspolku`` are both paths); the shared head tells the head's share of
    what the compound's parts tell (their IDF), so a common head (``palvelu``)
    gives little and a rare one much. Only a compound of ``b``'s own text counts: a kind of the
    same thing somewhere in the context ("viimesijainen" of an assessment for "ensisijainen") is
    too weak a match. ``(None, 0)`` when ``b`` has no such compound.
    """
    parts = a.parts.get(term, ())
    if len(parts) < 2:
        return None, 0.0
    found = b.heads.get(parts[-1])
    if found is None:
        return None, 0.0
    weights = [ctx.weight(a.lang, p) for p in parts]
    return found, weights[-1] / sum(weights)


def held_in_text(ctx: Context, source: Statement, target: Statement, terms: frozenset[str]) -> float:
    """Share of the IDF weight of ``terms`` (some of ``source``'s own) that ``target``'s own text holds."""
    a, b = ctx.bags[source.id], ctx.bags[target.id]
    _, found = _found(ctx, a, b)
    total = sum(a.terms[t] * ctx.weight(a.lang, t) for t in terms)
    held = sum(weight for term, _, weight, where in found if term in terms and where == "text")
    return held / total if total else 0.0


def context_pair(ctx: Context, source: Statement, target: Statement) -> Candidate:
    """The pair scored with context: how much of each statement the other holds in its text or context.

    The score is the geometric mean of the two shares (:func:`_found`), so a
    successor counts only when the earlier statement is found around it and it
    is found around the earlier one. The evidence lists the matched words
    (``[word, its match, weight, where the match was: text or the context piece]``).
    """
    a, b = ctx.bags[source.id], ctx.bags[target.id]
    cov_a, found_a = _found(ctx, a, b)
    cov_b, found_b = _found(ctx, b, a, {partner: term for term, partner, *_ in found_a})
    score = math.sqrt(cov_a * cov_b)
    shown = sorted(found_a, key=lambda m: (-m[2], m[0]))[:SHOWN_TERMS]
    back = sorted(found_b, key=lambda m: (-m[2], m[0]))[:SHOWN_TERMS]
    evidence = {"context_words": shown, "context_words_back": back, "context_score": round(score, 4),
                "numbers": _numbers(ctx.profiles[source.id], ctx.profiles[target.id])}
    return Candidate(source, target, score, "context", evidence, (cov_a, cov_b))


def context_candidates(ctx: Context, sources: Sequence[Statement], targets: Sequence[Statement], minimum: float,
                       limit: int = TOP_CANDIDATES, accept: Accept = lambda s, t: True) -> list[Candidate]:
    """Pairs scored by :func:`context_pair` with score ≥ ``minimum``, blocked by the lemma index over bags.

    Per source, only the ``limit`` targets whose bags share the most IDF weight
    with the source's bag are scored; across languages the source's terms are
    looked up with their dictionary translations.
    """
    if not sources or not targets:
        return []
    lt = ctx.lang(targets[0])
    index = LemmaIndex([Profile(t.id, lt, ctx.bags[t.id].terms, frozenset()) for t in targets])
    by_id = {t.id: t for t in targets}
    out = []
    for s in sources:
        b = ctx.bags[s.id]
        query = {t: share * ctx.weight(b.lang, t) for t, share in b.terms.items()}
        if b.lang != lt:
            query = {k: w for t, w in sorted(query.items()) for k in (t, *ctx.crosslang.translations(t, b.lang))}
        found = index.candidates(query)
        for tid in _top({t: w for t, w in found.items() if accept(s, by_id[t])}, limit):
            c = context_pair(ctx, s, by_id[tid])
            if c.score >= minimum:
                out.append(c)
    return out


def candidates(ctx: Context, sources: Sequence[Statement], targets: Sequence[Statement],
               minimum: float, limit: int = TOP_CANDIDATES, accept: Accept = lambda s, t: True) -> list[Candidate]:
    """Scored pairs (source, target) sharing terms, with score ≥ ``minimum``.

    Per source, only the ``limit`` targets sharing the most IDF weight are
    scored (:data:`TOP_CROSS_CANDIDATES` for Finnish–Swedish pairs), among
    those ``accept(source, target)`` allows (same-language pairs).

    All ``sources`` are in one language and all ``targets`` in one (see
    :meth:`Context.lang`); Finnish–Swedish pairs are scored by the bilingual
    similarity, other pairs of different languages are not compared.
    """
    if not sources or not targets:
        return []
    langs = {ctx.lang(sources[0]), ctx.lang(targets[0])}
    if len(langs) == 1:
        return list(_same_language(ctx, sources, targets, minimum, limit, accept))
    if langs == {"fi", "sv"}:
        return list(_cross_language(ctx, sources, targets, minimum))
    return []


def select(pairs: Sequence[Candidate], threshold: float, ratio: float | None,
           group: Callable[[Candidate], Any]) -> list[Candidate]:
    """The pairs worth a link, chosen within each ``group`` (e.g. a pair of documents).

    A pair scoring ≥ ``threshold`` is kept when it is the best of its source or
    of its target and scores at least ``ratio`` × the other end's best
    (so one statement split in two, or two merged into one, both stay); with
    ``ratio`` None only mutual best pairs are kept (one-to-one).
    """
    groups: dict[Any, list[Candidate]] = defaultdict(list)
    for c in pairs:
        if c.score >= threshold:
            groups[group(c)].append(c)
    kept: list[Candidate] = []
    for key in sorted(groups, key=repr):
        members = sorted(groups[key], key=lambda c: (-c.score, c.key))
        best_of_source: dict[str, Candidate] = {}
        best_of_target: dict[str, Candidate] = {}
        for c in members:
            best_of_source.setdefault(c.source.id, c)
            best_of_target.setdefault(c.target.id, c)
        for c in members:
            top_s, top_t = best_of_source[c.source.id], best_of_target[c.target.id]
            if top_s is c and top_t is c:
                kept.append(c)
            elif ratio is not None and (top_s is c or top_t is c) and c.score >= ratio * max(top_s.score, top_t.score):
                kept.append(c)
    return sorted(kept, key=lambda c: c.key)
