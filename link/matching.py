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
import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from extract.records import ExtractedDocument, Statement
from link.cache import LinkCache
from link.context import Piece
from link.document_terms import Bag, bag, bag_digest, document_terms
from link.enumeration import is_lead_in, item_texts
from link.crosslang import CrossLingual, stems_of
from link.records import Link
from link.lemma_index import LemmaIndex, Profile, idf_weights, kept, profile, query_weights, overlap, text_terms

Accept = Callable[[Statement, Statement], bool]
SHOWN_TERMS = 12  # shared lemmas listed in the evidence
TOP_CANDIDATES = 25  # per source statement, only the pairs the index ranks highest are scored
TOP_CROSS_CANDIDATES = 10  # the same for Finnish–Swedish pairs, whose scoring costs more


@dataclass
class Candidate:
    """A scored pair of statements with the evidence for the score (mutable while linking)."""

    source: Statement
    target: Statement
    score: float
    method: str
    evidence: dict[str, Any] = field(default_factory=dict)
    coverage: tuple[float, float] = (0.0, 0.0)  # share of the source's / target's words matched
    matches: list = field(default_factory=list, repr=False, compare=False)  # context_pair's matches of the source

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


class Context:
    """Lemma profiles, context bags and IDF weights per language of the statements lineage compares.

    Evaluation reports are left out: their rows are linked by ``evaluated_in``
    (and their assessments serve as context of the goals they evaluate).
    IDF is counted over the statements and passages of each language.
    """

    def __init__(self, documents: Sequence[ExtractedDocument], crosslang: CrossLingual | None = None,
                 contexts: dict[str, list[Piece]] | None = None, cache: Optional[LinkCache] = None) -> None:
        self.contexts = contexts or {}
        parts = [document_terms(d, self.contexts, cache) for d in documents]  # evaluation reports: passages only
        self.statements = {s.id: s for d in documents if d.info.kind != "evaluation" for s in d.statements}
        self.passages = {u.id: u for part in parts for u in part.passages}
        self.statements.update(self.passages)
        profiles = {i: p for part in parts for i, p in part.profiles.items()}
        self.profiles = {sid: profiles[sid] for sid in self.statements}
        by_lang: dict[str, list[Profile]] = defaultdict(list)
        for sid, p in self.profiles.items():
            if sid not in self.passages:
                by_lang[p.lang].append(p)
        for d, part in zip(documents, parts):
            for p, (lang, terms) in zip(d.passages, part.passage_terms):
                by_lang[lang].append(Profile(p.id, lang, terms, frozenset()))
        self.idf = {lang: idf_weights(ps) for lang, ps in by_lang.items()}
        self.unseen = {lang: math.log(1 + len(ps)) for lang, ps in by_lang.items()}
        self.crosslang = crosslang or CrossLingual()
        bags = {i: b for part in parts for i, b in part.bags.items()}
        self.bags = {sid: bags[sid] for sid in self.statements}
        self._digests = {i: digest for part in parts for i, digest in part.digests.items()}
        self._stems: dict[str, dict[str, str]] = {}
        self._idf_digests: dict[str, str] = {}
        self._own: dict[str, dict[str, float]] = {}
        self._total: dict[str, float] = {}
        self._items: dict[str, list[Statement]] = {}
        self._bag_index: tuple[tuple[str, ...], LemmaIndex] = ((), LemmaIndex([]))
        self.item_words: dict[str, frozenset[str]] = {}  # an item's terms that its frame does not print

    def items(self, statement: Statement) -> list[Statement]:
        """``statement`` once per item of an enumeration it prints (:func:`link.enumeration.item_texts`), cached.

        Each is a :class:`Statement` with id ``<id>#<n>`` and the text of the frame and one item.
        Its bag's own words are those of that text, or the item's alone where the frame is a
        lead-in (:func:`link.enumeration.is_lead_in`): a lead-in is said of every item alike, so
        it is the item's context (a successor taking one means need not repeat "the key means of
        balancing the economy are"). The bag's context is the statement's and, labelled
        ``statement``, the statement's whole text (the other items still tell what the successor
        may add); :attr:`item_words` holds the terms of the item that the frame does not print.
        """
        if statement.id not in self._items:
            out = []
            lang = self.lang(statement)
            texts = kept(f"items\0{lang}\0{statement.text}", lambda: item_texts(statement.text, lang))
            pieces = [*self.contexts.get(statement.id, ()), ("statement", statement.id, statement.text)]
            for n, (frame, words) in enumerate(texts, 1):
                item = dataclasses.replace(statement, id=f"{statement.id}#{n}", text=f"{frame} {words}".strip())
                own = dataclasses.replace(item, text=words) if is_lead_in(frame, lang) else item
                self.profiles[item.id] = profile(own)
                self.bags[item.id] = bag(own, pieces)
                self._digests[item.id] = bag_digest(own, pieces)
                self.item_words[item.id] = self.bags[item.id].own - frozenset(dict(text_terms(frame, lang)))
                out.append(item)
            self._items[statement.id] = out
        return self._items[statement.id]

    def bag_index(self, targets: Sequence[Statement]) -> LemmaIndex:
        """The lemma index over the bags of ``targets`` (all of one language); the last one made is reused for
        the same targets (a document's goals and then their items are looked up in the same later units)."""
        key = tuple(t.id for t in targets)
        if self._bag_index[0] != key:
            self._bag_index = (key, LemmaIndex([Profile(t.id, self.lang(t), self.bags[t.id].terms, frozenset())
                                                for t in targets]))
        return self._bag_index[1]

    def idf_digest(self, lang: str) -> str:
        """A hash of the IDF of ``lang`` (and of its unseen terms' weight), made once."""
        if lang not in self._idf_digests:
            rows = sorted(self.idf.get(lang, {}).items())
            self._idf_digests[lang] = hashlib.sha1(repr((rows, self.unseen.get(lang))).encode()).hexdigest()
        return self._idf_digests[lang]

    def weight(self, lang: str, term: str) -> float:
        """The IDF of ``term`` in ``lang`` (a term seen nowhere weighs as one seen once)."""
        return self.idf.get(lang, {}).get(term, self.unseen.get(lang, 1.0))

    def own_weights(self, b: Bag) -> dict[str, float]:
        """A bag's own terms in order with their weights (share × IDF), made once per bag: every pair reads them."""
        if b.id not in self._own:
            self._own[b.id] = {term: b.terms[term] * self.weight(b.lang, term) for term in sorted(b.own)}
        return self._own[b.id]

    def own_total(self, b: Bag) -> float:
        """The summed weight of a bag's own terms (in their order)."""
        if b.id not in self._total:
            total = 0.0
            for w in self.own_weights(b).values():
                total += w
            self._total[b.id] = total
        return self._total[b.id]

    def digest(self, b: Bag) -> str:
        """A hash of what made a bag (:func:`link.document_terms.bag_digest`)."""
        return self._digests[b.id]

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
    masses: dict[str, float] = {}
    for s in sources:
        ps = ctx.profiles[s.id]
        found = index.candidates(query_weights(ps, idf))
        for tid in _top({t: w for t, w in found.items() if accept(s, by_id[t])}, limit):
            pt = ctx.profiles[tid]
            score, shared, cov_s, cov_t = overlap(ps, pt, idf, masses)
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


# [a term of one bag, its partner in the other bag, where that one holds it ("text" or a piece), whether the
# partner is a compound on the same head (:func:`sibling`)]
Match = list[Any]


def _matches(ctx: Context, a: Bag, b: Bag, known: Mapping[str, str] | None = None) -> list[Match]:
    """``a``'s own terms (in order) that ``b`` holds, itself or in its context, with their partners.

    Within one language a compound that ``b`` lacks counts in part when ``b``'s own text has one on
    the same head (:func:`sibling`); across languages the parts of a compound found whole are found
    with it.

    ``known`` maps terms of ``a`` to the terms of ``b`` the other direction found them to translate
    (a Swedish compound the dictionary does not split, ``mångproducentmodell``, is the partner of
    the Finnish compound whose parts found it, ``monituottajamalli``). No IDF: the weights are
    applied by :func:`_share` and :func:`_weighed`.
    """
    found = []
    if a.lang == b.lang:
        for term in ctx.own_weights(a):  # IDF-free: only the order of the terms is read
            if term in b.terms:
                found.append([term, term, b.carrier.get(term, "text"), False])
            elif term in a.parts and (partner := sibling(a, b, term)) is not None:  # only a compound has a head
                found.append([term, partner, b.carrier.get(partner, "text"), True])
        return found
    partners = {}
    for term in ctx.own_weights(a):
        partner = (ctx.crosslang.partner(term, a.parts.get(term, ()), a.lang, b.keys, ctx.stems(b))
                   or (known or {}).get(term))
        if partner is not None:
            partners[term] = partner
    for term in ctx.own_weights(a):
        # a part of a compound found whole is found with it: "mångproducentmodell" holds the
        # "tuottaja" and "malli" of "monituottajamalli", though the other side prints no part alone
        partner = partners.get(term) or next((partners[c] for c in a.compounds.get(term, ()) if c in partners), None)
        if partner is not None:
            found.append([term, partner, b.carrier.get(partner, "text"), False])
    return found


def pair_matches(ctx: Context, a: Bag, b: Bag) -> tuple[list[Match], list[Match]]:
    """The matches of ``a``'s own terms in ``b`` and of ``b``'s in ``a`` (:func:`_matches`).

    Across languages finding a term's partner is the costly part of scoring a pair, and it
    depends on the two bags and the lexicon only: the answer is remembered by the bags'
    contents (:meth:`Context.digest`) from one build for the next (:meth:`CrossLingual.remembered`).
    """
    def compute() -> tuple[list[Match], list[Match]]:
        forth = _matches(ctx, a, b)
        # a partner found for a compound and its parts is known as the compound's (the longest term)
        known = {partner: term for term, partner, *_ in sorted(forth, key=lambda m: (len(m[0]), m[0]))}
        return forth, _matches(ctx, b, a, known)

    if a.lang == b.lang:
        return compute()
    found = ctx.crosslang.remembered(f"pair\0{ctx.digest(a)}\0{ctx.digest(b)}", lambda: list(compute()))
    return found[0], found[1]


def _weight(ctx: Context, a: Bag, match: Match) -> float:
    """The IDF weight a match counts: its term's, a part of it for a compound on the same head (:func:`sibling`)."""
    w = ctx.own_weights(a)[match[0]]
    return w * head_share(ctx, a, match[0]) if match[3] else w


def _share(ctx: Context, a: Bag, matches: Sequence[Match]) -> float:
    """Share of the IDF weight of ``a``'s own terms that ``matches`` hold (summed in ``a``'s order of terms)."""
    total = ctx.own_total(a)
    if not total:
        return 0.0
    matched = 0.0
    for m in matches:
        matched += _weight(ctx, a, m)
    return matched / total


def _weighed(ctx: Context, a: Bag, matches: Sequence[Match]) -> list[list[Any]]:
    """``matches`` as evidence: ``[term, partner, weight, where]``."""
    return [[m[0], m[1], round(_weight(ctx, a, m), 2), m[2]] for m in matches]


def sibling(a: Bag, b: Bag, term: str) -> str | None:
    """A compound of ``b`` with the head of ``a``'s compound ``term`` (it holds :func:`head_share` of ``term``).

    Two compounds on one head name two kinds of one thing (``hoitopolku`` and
    ``asiakaspolku`` are both paths); the shared head tells the head's share of
    what the compound's parts tell (their IDF), so a common head (``palvelu``)
    gives little and a rare one much. Only a compound of ``b``'s own text counts: a kind of the
    same thing somewhere in the context ("viimesijainen" of an assessment for "ensisijainen") is
    too weak a match. ``None`` when ``b`` has no such compound.
    """
    parts = a.parts.get(term, ())
    return b.heads.get(parts[-1]) if len(parts) > 1 else None


def head_share(ctx: Context, a: Bag, term: str) -> float:
    """The share of the IDF weight of ``a``'s compound ``term``'s parts that its head has (:func:`sibling`)."""
    weights = [ctx.weight(a.lang, p) for p in a.parts[term]]
    return weights[-1] / sum(weights)


def held_in_text(ctx: Context, pair: Candidate, terms: frozenset[str]) -> float:
    """Share of the IDF weight of ``terms`` (some of the source's own) that the target's own text holds, for a
    pair as :func:`context_pair` made it (by the matches it keeps; a copy of the pair keeps none)."""
    a = ctx.bags[pair.source.id]
    total = sum(a.terms[t] * ctx.weight(a.lang, t) for t in terms)
    held = sum(weight for term, _, weight, where in _weighed(ctx, a, pair.matches)
               if term in terms and where == "text")
    return held / total if total else 0.0


def context_pair(ctx: Context, source: Statement, target: Statement, minimum: float = 0.0) -> Candidate | None:
    """The pair scored with context: how much of each statement the other holds in its text or context.

    The score is the geometric mean of the two shares (:func:`_matches`, :func:`_share`), so a
    successor counts only when the earlier statement is found around it and it
    is found around the earlier one. The evidence lists the matched words
    (``[word, its match, weight, where the match was: text or the context piece]``).
    ``None`` when the score is under ``minimum`` (no evidence is made then).
    """
    a, b = ctx.bags[source.id], ctx.bags[target.id]
    matches_a, matches_b = pair_matches(ctx, a, b)
    cov_a, cov_b = _share(ctx, a, matches_a), _share(ctx, b, matches_b)
    score = math.sqrt(cov_a * cov_b)
    if score < minimum:
        return None
    shown = sorted(_weighed(ctx, a, matches_a), key=lambda m: (-m[2], m[0]))[:SHOWN_TERMS]
    back = sorted(_weighed(ctx, b, matches_b), key=lambda m: (-m[2], m[0]))[:SHOWN_TERMS]
    evidence = {"context_words": shown, "context_words_back": back, "context_score": round(score, 4),
                "numbers": _numbers(ctx.profiles[source.id], ctx.profiles[target.id])}
    return Candidate(source, target, score, "context", evidence, (cov_a, cov_b), matches_a)


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
    index = ctx.bag_index(targets)
    by_id = {t.id: t for t in targets}
    out = []
    for s in sources:
        b = ctx.bags[s.id]
        query = {t: share * ctx.weight(b.lang, t) for t, share in b.terms.items()}
        if b.lang != lt:
            query = {k: w for t, w in sorted(query.items()) for k in (t, *ctx.crosslang.translations(t, b.lang))}
        found = index.candidates(query)
        for tid in _top({t: w for t, w in found.items() if accept(s, by_id[t])}, limit):
            if (pair := context_pair(ctx, s, by_id[tid], minimum)) is not None:
                out.append(pair)
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


def _source_end(c: Candidate) -> tuple[str, str]:
    """What a pair's source end competes as in :func:`select`: the statement, or the one item it was found for."""
    return c.source.id, c.evidence.get("item", "")


def select(pairs: Sequence[Candidate], threshold: float, ratio: float | None,
           group: Callable[[Candidate], Any]) -> list[Candidate]:
    """The pairs worth a link, chosen within each ``group`` (e.g. a pair of documents).

    A pair scoring ≥ ``threshold`` is kept when it is the best of its source or
    of its target and scores at least ``ratio`` × the other end's best
    (so one statement split in two, or two merged into one, both stay); with
    ``ratio`` None only mutual best pairs are kept (one-to-one). A pair found
    for one listed item of its source (``evidence["item"]``) is the best of
    that item, not of the whole source: each item may live on on its own.
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
            best_of_source.setdefault(_source_end(c), c)
            best_of_target.setdefault(c.target.id, c)
        for c in members:
            top_s, top_t = best_of_source[_source_end(c)], best_of_target[c.target.id]
            if top_s is c and top_t is c:
                kept.append(c)
            elif ratio is not None and (top_s is c or top_t is c) and c.score >= ratio * max(top_s.score, top_t.score):
                kept.append(c)
    return sorted(kept, key=lambda c: c.key)
