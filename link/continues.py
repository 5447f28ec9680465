"""``continues``: statements of an earlier strategy ↔ their successors in the next one of the same region.

Documents pair up as (earlier, later) when they belong to the same region,
neither is an evaluation report, and the earlier period ends the year before
(or earlier than) the later one starts; a later document takes only its
nearest predecessors. For every such pair and every language of each side:

1. candidates come from the lemma index (:mod:`link.matching`): Finnish →
   Finnish and Swedish → Swedish by IDF-weighted overlap of lemmas, Finnish →
   Swedish by the bilingual similarity (which must reach
   :data:`CROSS_THRESHOLD`); and, for aims, principles, goals, targets and
   impact goals, by the words around each statement (:func:`link.matching.context_pair`
   over :mod:`link.context`: a promise's paragraphs, actions and results, a
   goal's evaluation), which must reach :data:`CONTEXT_THRESHOLD` (a pair found mostly in one
   child of the later unit continues in that child: :func:`carrying_child`); each score is multiplied by how
   compatible the two statement kinds are (a guideline may have been typed as
   a value, a goal may live on as a change promise), and shared numbers add a
   little;
2. a first selection keeps each statement's best pairs above
   :data:`THRESHOLD`; a Finnish link then also reaches the translations of
   its target (``translation_of`` / ``same_as`` links, up to two steps), so a
   2023 Finnish goal continues in the Swedish strategy, scored by the weakest step (translations found only between the
   passages printing two statements count, and so do statements of one
   region printing the same text);
3. structure: a pair whose parents are linked (same guideline) gains
   :data:`STRUCTURE_BONUS`; a pair whose earlier parent continues elsewhere is
   marked as moved; in a series of one kind (four guidelines → four
   guidelines) where every other member continues in the same position, the
   one statement left on each side continues into the other (method
   ``position``) even when reworded beyond lemma overlap;
4. the final selection keeps, within each (earlier document, language, later
   document, language), pairs that are the best of one of their ends (an item
   of an enumerating statement is an end of its own) — so a goal split in two
   or two goals merged into one keep all their links — and
   each link gets ``evidence["change"]``: identical, reworded, narrowed (also
   a successor of one listed item), broadened, merged or split. A link does not end in the other language's
   half of a bilingual document that has the source's language (the deck's
   Swedish slides): there the successor's ``translation_of`` carries it on.

Pairs under the threshold (down to :data:`CANDIDATE_FLOOR`) of statements
that got no link are kept as candidates ("possibly continued") for a person
to decide (:mod:`link.reviews`). The thresholds are calibrated on the dev
gold (``tests/test_lineage_gold.py`` prints P/R at each value and its
neighbours).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Optional, Sequence

from extract.records import ExtractedDocument, Statement
from link.cache import LinkCache, memo
from link.matching import Candidate, Context, candidates, context_candidates, held_in_text, select
from link.records import Link
from link.translations import merged_translations, passage_aliases, reach, text_twins, translation_graph

THRESHOLD = 0.35  # final score a continues link needs
POSITION_SCORE = 0.45  # a statement in the one free slot of an otherwise continued series
MIN_SERIES = 3
CROSS_THRESHOLD = 0.55  # a direct Finnish–Swedish pair needs more: translation scores run higher
CONTEXT_THRESHOLD = 0.35  # a pair scored with context (link.matching.context_pair) needs this
CARRIER_SHARE = 0.5  # share of the matched weight one child must hold to continue the link from its parent
CARRIER_OWN = 0.25  # ... of which this share beyond its parent's own words (on this corpus: 0.15 for a
# list's lead-in repeating the title, ≥ 0.44 for the actions and common goals that carry a goal)
SOLE_CARRIER = 0.8  # a child carrying this share takes the link in its parent's place
ITEM_IN_TEXT = 0.5  # share of an enumerated item's own words a unit's text must hold to continue that item
CANDIDATE_MINIMUM = 0.25
CROSS_CANDIDATE_MINIMUM = 0.3  # the same for a Finnish–Swedish pair
CANDIDATE_FLOOR = 0.2  # a pair scoring this (and under THRESHOLD) is shown as "possibly continued"
CANDIDATES_SHOWN = 3  # raw similarity below which a pair is not kept as a candidate
RATIO = 0.7  # a second successor (split) or predecessor (merge) needs this share of the best score
STRUCTURE_BONUS = 0.05
NUMBER_BONUS = 0.05
IDENTICAL_CROSS = 0.85  # a Finnish–Swedish pair this similar is an unchanged translation
FULL, PARTIAL = 0.8, 0.6  # coverage bounds for narrowed / broadened

# Tiers of statement kinds: identity (mission, vision, values), direction
# (guidelines, aims, principles), goals, means. Extraction sometimes types a
# statement one tier off, so neighbouring tiers still match, at a discount.
TIER = {"mission": 0, "vision": 0, "value": 0, "guideline": 1, "aim": 1, "principle": 1,
        "goal": 2, "subgoal": 2, "promise": 2, "target": 2, "impact": 2, "action": 3, "result": 3}
TIER_DISCOUNT = (0.9, 0.8, 0.6, 0.5)  # by tier distance, for two different kinds
SOURCE_KINDS = frozenset(TIER) - {"subgoal", "action", "result"}
# Statements compared with context too: goals and what stands beside them (promises, targets,
# impact goals). Identity and direction (mission, values, guidelines, aims, principles) continue in
# statements of their own tier, which their own words find; with context they would match every
# promise that touches the same theme.
CONTEXT_KINDS = frozenset(k for k, tier in TIER.items() if tier == 2) - {"subgoal"}
TARGET_KINDS = frozenset(TIER) - {"subgoal", "result"}
_PUNCT = re.compile(r"[\W_]+")


def kind_compatibility(earlier: str, later: str) -> float:
    """How plausibly a statement of kind ``earlier`` lives on as one of kind ``later`` (0–1)."""
    if earlier == later:
        return 1.0
    if earlier == "value" and TIER[later] != TIER["value"]:
        return 0.0  # a value is one word: sharing it ("vastuu" in "Anna vastuuta") is no succession
    return TIER_DISCOUNT[abs(TIER[earlier] - TIER[later])]


def lineage_pairs(documents: Sequence[ExtractedDocument]) -> list[tuple[ExtractedDocument, ExtractedDocument]]:
    """(earlier, later) document pairs of the same region, the earlier of the nearest preceding period."""
    usable = [d for d in documents if not d.error and d.info.kind != "evaluation"
              and d.info.period_start is not None and d.info.period_end is not None]
    by_region: dict[str, list[ExtractedDocument]] = defaultdict(list)
    for d in usable:
        by_region[d.info.region].append(d)
    pairs = []
    for region in sorted(by_region):
        docs = by_region[region]
        for later in docs:
            before = [d for d in docs if d.info.period_end < later.info.period_start]
            if before:
                nearest = max(d.info.period_end for d in before)
                pairs.extend((d, later) for d in before if d.info.period_end == nearest)
    return sorted(pairs, key=lambda p: (p[0].info.id, p[1].info.id))


def _by_lang(ctx: Context, doc: ExtractedDocument, kinds: frozenset[str]) -> dict[str, list[Statement]]:
    out: dict[str, list[Statement]] = defaultdict(list)
    for s in doc.statements:
        if s.kind in kinds:
            out[ctx.lang(s)].append(s)
    return out


def _direct(ctx: Context, pairs: Iterable[tuple[ExtractedDocument, ExtractedDocument]],
            cache: Optional[LinkCache] = None) -> list[Candidate]:
    """Scored pairs of each document pair: by the statements' own words, and by the words around them.

    A pair found both ways keeps the higher score, with both evidences.
    """
    pool: dict[tuple[str, str], Candidate] = {}
    for earlier, later in pairs:
        sources, targets = _by_lang(ctx, earlier, SOURCE_KINDS), _by_lang(ctx, later, TARGET_KINDS)
        made_of = _made_of(ctx, (earlier, later), cache) if cache is not None and sources and targets else None
        for ls in sorted(sources):
            for lt in sorted(targets):
                for c in _scored(ctx, made_of, sources[ls], targets[lt], cache):
                    known = pool.get(c.key)
                    if known is None:
                        pool[c.key] = c
                    else:
                        best, other = (c, known) if c.score > known.score else (known, c)
                        pool[c.key] = Candidate(best.source, best.target, best.score, best.method,
                                                {**other.evidence, **best.evidence}, best.coverage)
    return [pool[k] for k in sorted(pool)]


def _made_of(ctx: Context, documents: tuple[ExtractedDocument, ExtractedDocument], cache: LinkCache) -> list:
    """What the scored pairs of two documents are made of: the documents' keys and the bag digests of their
    units (which hash the units' contexts)."""
    units = sorted(u.id for d in documents for u in (*d.statements, *d.passages) if u.id in ctx.bags)
    return [[cache.document_key(d) for d in documents], [ctx.digest(ctx.bags[u]) for u in units]]


def _scored(ctx: Context, made_of: Optional[list], sources: Sequence[Statement], targets: Sequence[Statement],
            cache: Optional[LinkCache]) -> list[Candidate]:
    """The scored pairs of ``sources`` (of the earlier document, one language) and ``targets`` (of the later, one
    language), or those a build with the same inputs stored.

    They depend on the two documents and the contexts of their units (``made_of``: :func:`_made_of`), the
    IDF of the two languages (:meth:`Context.idf_digest`) and, across languages, the lexicon's learned and
    rejected pairs: a rebuild after a change elsewhere that leaves the IDF of these languages as it was
    reuses them.
    """
    ls, lt = ctx.lang(sources[0]), ctx.lang(targets[0])

    def key() -> tuple:
        lexicon = ctx.crosslang.lexicon_key if ls != lt else None  # pairs within a language translate nothing
        return "continues-scored", made_of, ls, lt, ctx.idf_digest(ls), ctx.idf_digest(lt), lexicon

    def encode(found: list[Candidate]) -> list:
        return [(c.source.id, c.target.id, c.score, c.method, c.evidence, c.coverage) for c in found]

    def decode(data: list) -> list[Candidate]:
        return [Candidate(ctx.statements[s], ctx.statements[t], score, method, evidence, tuple(coverage))
                for s, t, score, method, evidence, coverage in data]

    return memo(cache, key, lambda: _score(ctx, sources, targets, ls == lt), encode, decode)


def _score(ctx: Context, sources: Sequence[Statement], targets: Sequence[Statement], same: bool) -> list[Candidate]:
    """:func:`_scored` made: pairs by own words and by context, on the scale of :data:`THRESHOLD`."""
    minimum = CANDIDATE_MINIMUM if same else CROSS_CANDIDATE_MINIMUM
    found = [c for c in candidates(ctx, sources, targets, minimum)
             if same or c.score * kind_compatibility(c.source.kind, c.target.kind) >= CROSS_THRESHOLD]
    with_context = [c for c in sources if c.kind in CONTEXT_KINDS]
    in_context = _by_items(ctx, with_context, targets, context_candidates(ctx, with_context, targets, CONTEXT_THRESHOLD))
    found = _carried(ctx, found, in_context)
    for c in found:
        # a child carrying a pair may keep the kind of the unit it was found in (the one compared)
        compared = ctx.statements[c.evidence.get("found_in", c.target.id)]
        c.score *= max(kind_compatibility(c.source.kind, t.kind) for t in (c.target, compared))
        if c.method in ("context", "context-child"):
            c.score *= THRESHOLD / CONTEXT_THRESHOLD  # on the scale of the other methods
        if c.evidence["numbers"]["shared"]:
            c.score += NUMBER_BONUS
    return found


def _by_items(ctx: Context, sources: Sequence[Statement], targets: Sequence[Statement],
              whole: Sequence[Candidate]) -> list[Candidate]:
    """``whole`` (pairs scored with context) with the pairs found for one item of an enumerating source.

    A goal listing several fields may continue in a unit that takes one of them
    (:mod:`link.enumeration`); such a pair is the source's pair, scored for its
    item, with ``evidence["item"]`` naming it, where it beats the whole statement's.
    The later unit's own text must hold :data:`ITEM_IN_TEXT` of the item's words
    beyond its frame: a short item finds a word or two anywhere in a long context.
    """
    items = [item for s in sources for item in ctx.items(s)]
    item_of = {item.id: s for s in sources for item in ctx.items(s)}
    best = {c.key: c for c in whole}
    for c in context_candidates(ctx, items, targets, CONTEXT_THRESHOLD):
        if held_in_text(ctx, c, ctx.item_words[c.source.id]) < ITEM_IN_TEXT:
            continue
        pair = Candidate(item_of[c.source.id], c.target, c.score, c.method, dict(c.evidence, item=c.source.text),
                         c.coverage)
        if pair.key not in best or best[pair.key].score < pair.score:
            best[pair.key] = pair
    return [best[k] for k in sorted(best)]


def _carried(ctx: Context, found: Sequence[Candidate], in_context: Sequence[Candidate]) -> list[Candidate]:
    """``found`` with the ``in_context`` pairs moved onto a carrying child (:func:`carrying_child`) added.

    A child that carries :data:`SOLE_CARRIER` of the match takes the pair's place, whatever
    method found the pair: the rest of its parent (the other actions of a promise) adds
    nothing the earlier statement said. So does a carrying child of a kind closer to the
    earlier statement's than its parent's (a goal's match held by a common goal of a principle:
    the goal lives on as that goal, not as the principle's direction).
    """
    children = [m for c in in_context if (m := carrying_child(ctx, c)) is not None]
    replaced = {(m.source.id, m.evidence["found_in"]) for m in children
                if m.evidence["carried_share"] >= SOLE_CARRIER
                or kind_compatibility(m.source.kind, m.target.kind)
                > kind_compatibility(m.source.kind, ctx.statements[m.evidence["found_in"]].kind)}
    return [c for c in [*found, *in_context] if c.key not in replaced] + children


def carrying_child(ctx: Context, c: Candidate) -> Candidate | None:
    """The pair moved onto the later unit's child that carries most of what matched, if one does.

    A principle's or promise's context holds its common goals or actions. A
    child carries the pair when its own text holds :data:`CARRIER_SHARE` of the
    earlier statement's matched weight, and :data:`CARRIER_OWN` of it beyond
    its parent's own words ("monituottajuus" in the principle's common goal on
    the multi-producer model; the municipalities and cooperation of an action,
    beside the children and young people of its promise's title; not a list's
    lead-in that repeats the title). The earlier statement then continues in
    that child too (a goal → a promise and its action), with the pair's score
    and evidence; ``evidence["carried_share"]`` is the share the child holds.
    """
    matches = c.evidence.get("context_words", ())
    total = sum(weight for _, _, weight, _ in matches)
    children = sorted({where.split(":", 1)[1] for where in ctx.bags[c.target.id].carrier.values()
                       if where.startswith("child:")})
    held: dict[str, float] = {}
    for cid in children:
        own = ctx.bags[cid].own if cid in ctx.bags else frozenset()
        beyond = sum(weight for _, partner, weight, where in matches if partner in own and where != "text")
        if total and beyond >= CARRIER_OWN * total:
            held[cid] = sum(weight for _, partner, weight, _ in matches if partner in own) / total
    if not held:
        return None
    child_id = max(sorted(held), key=held.get)
    child = ctx.statements.get(child_id)
    if child is None or child.kind not in TARGET_KINDS or held[child_id] < CARRIER_SHARE:
        return None
    evidence = dict(c.evidence, carried_by=child_id, found_in=c.target.id, carried_share=round(held[child_id], 3))
    return Candidate(c.source, child, c.score, "context-child", evidence, c.coverage)


def _via_translations(ctx: Context, kept: Sequence[Candidate], pool: Sequence[Candidate],
                      graph: dict[str, list[tuple[str, float, str]]], later_docs: dict[str, set[str]],
                      merged: set[str] = frozenset()) -> list[Candidate]:
    """``pool`` with the links of ``kept`` carried over their targets' translations.

    A link in the source's language reaches the target's translations; a link
    into the other language reaches the translations back in the source's
    language (a 2023 Finnish goal found in the Swedish strategy continues in the
    deck's Finnish slide that the Swedish text translates). Never onto a unit of
    ``merged`` (:func:`merged_translations`).
    """
    merged_pool = {c.key: c for c in pool}
    for c in kept:
        cross = ctx.lang(c.source) != ctx.lang(c.target)
        for tid, (step, path) in sorted(reach(graph, c.target.id).items()):
            target = ctx.statements.get(tid)
            if target is None or target.kind not in TARGET_KINDS or tid in merged \
                    or target.document_id not in later_docs[c.source.document_id] \
                    or (cross and ctx.lang(target) != ctx.lang(c.source)):
                continue
            score = min(c.score, step)
            evidence = dict(c.evidence, via=[c.target.id, *path[1:]], via_change=c.evidence.get("change"))
            direct = merged_pool.get((c.source.id, tid))
            if direct is None or direct.score < score:
                method = "via-translation" if direct is None else f"{direct.method}+via-translation"
                merged_pool[(c.source.id, tid)] = Candidate(c.source, target, score, method,
                                                            dict(direct.evidence if direct else {}, **evidence),
                                                            c.coverage)
    return sorted(merged_pool.values(), key=lambda c: c.key)


def _with_structure(pool: Sequence[Candidate], kept: Sequence[Candidate]) -> list[Candidate]:
    """Scores and evidence adjusted by whether the two parents are linked too."""
    successors: dict[str, set[str]] = defaultdict(set)
    for c in kept:
        successors[c.source.id].add(c.target.id)
    out = []
    for c in pool:
        sp, tp = c.source.parent_id, c.target.parent_id
        structure = dict(c.evidence.get("structure", {}), source_parent=sp, target_parent=tp)
        score = c.score
        if sp and tp and tp in successors.get(sp, ()):
            structure["position"] = "same parent"
            score += STRUCTURE_BONUS
        elif sp and tp and successors.get(sp):
            structure["position"] = "moved"
            structure["source_parent_continues_in"] = sorted(successors[sp])
        out.append(Candidate(c.source, c.target, score, c.method, dict(c.evidence, structure=structure), c.coverage))
    return out


def _series(ctx: Context, doc: ExtractedDocument, kind: str, lang: str) -> list[Statement]:
    return sorted((s for s in doc.statements if s.kind == kind and ctx.lang(s) == lang), key=lambda s: s.ordinal)


def _by_position(ctx: Context, kept: Sequence[Candidate],
                 pairs: Iterable[tuple[ExtractedDocument, ExtractedDocument]]) -> list[Candidate]:
    """Pairs for the one free slot of equally long series whose other members continue in order."""
    linked = {c.key for c in kept}
    touched = {sid for c in kept for sid in c.key}
    out = []
    for earlier, later in pairs:
        for kind in sorted(SOURCE_KINDS):
            for ls in ("fi", "sv"):
                source = _series(ctx, earlier, kind, ls)
                for lt in ("fi", "sv"):
                    target = _series(ctx, later, kind, lt)
                    if len(source) != len(target) or len(source) < MIN_SERIES:
                        continue
                    free = [i for i, (e, l) in enumerate(zip(source, target)) if (e.id, l.id) not in linked]
                    if len(free) == 1 and source[free[0]].id not in touched and target[free[0]].id not in touched:
                        i = free[0]
                        evidence = {"position": f"{i + 1} of {len(source)} {kind}s; the others continue in order",
                                    "numbers": {"shared": []}}
                        out.append(Candidate(source[i], target[i], POSITION_SCORE, "position", evidence))
    return out


def _plain(text: str) -> str:
    return _PUNCT.sub(" ", text).strip().casefold()


def _change(c: Candidate, ctx: Context, fan_out: int, fan_in: int) -> str:
    if fan_out > 1:
        return "split"
    if fan_in > 1:
        return "merged"
    if "via" in c.evidence and c.evidence.get("via_change") not in (None, "split", "merged"):
        return c.evidence["via_change"]
    if "item" in c.evidence:
        return "narrowed"  # the successor takes one of the items the earlier statement lists
    same_lang = ctx.lang(c.source) == ctx.lang(c.target)
    if same_lang and (_plain(c.source.text) == _plain(c.target.text)
                      or ctx.profiles[c.source.id].lemmas == ctx.profiles[c.target.id].lemmas):
        return "identical"
    if not same_lang and c.evidence.get("crosslingual", 0) >= IDENTICAL_CROSS:
        return "identical"
    cov_source, cov_target = c.coverage
    if cov_source >= FULL and cov_target < PARTIAL:
        return "narrowed"
    if cov_target >= FULL and cov_source < PARTIAL:
        return "broadened"
    return "reworded"


def _other_half(ctx: Context, c: Candidate, languages: dict[str, set[str]]) -> bool:
    """Whether ``c`` ends in the other language's half of a bilingual document that has the source's language.

    There the successor in the source's own language carries the link and its
    ``translation_of`` carries it on; a second link would say the same twice.
    """
    ls, lt = ctx.lang(c.source), ctx.lang(c.target)
    return ls != lt and ls in languages.get(c.target.document_id, set())


def _group(c: Candidate) -> tuple[str, str, str, str]:
    return (c.source.document_id, c.source.lang, c.target.document_id, c.target.lang)


def _classify(ctx: Context, kept: Sequence[Candidate]) -> None:
    fan_out: dict[tuple, int] = defaultdict(int)
    fan_in: dict[tuple, int] = defaultdict(int)
    for c in kept:
        fan_out[(_group(c), c.source.id)] += 1
        fan_in[(_group(c), c.target.id)] += 1
    for c in kept:
        c.evidence["change"] = _change(c, ctx, fan_out[(_group(c), c.source.id)], fan_in[(_group(c), c.target.id)])


def continues(documents: Sequence[ExtractedDocument], links: Sequence[Link] = (), ctx: Context | None = None) -> list[Link]:
    """``continues`` links from earlier strategies' statements to their successors, sorted by id.

    :param documents: the extracted corpus
    :param links: links made so far; their ``translation_of`` / ``same_as`` links carry a
        Finnish → Finnish continuation over to the Swedish versions
    :param ctx: lemma profiles to reuse (made from ``documents`` when omitted)
    """
    return continues_and_candidates(documents, links, ctx)[0]


def continues_and_candidates(documents: Sequence[ExtractedDocument], links: Sequence[Link] = (),
                             ctx: Context | None = None,
                             cache: Optional[LinkCache] = None) -> tuple[list[Link], list[Link]]:
    """The ``continues`` links (:func:`continues`) and the candidates a person may want to confirm.

    A candidate is a scored pair under :data:`THRESHOLD` (at least
    :data:`CANDIDATE_FLOOR`) of an earlier statement that got no link, or of a
    later one that continues nothing: at most :data:`CANDIDATES_SHOWN` per
    statement, best first. Candidates are :class:`Link` records of relation
    ``continues`` that are not links: the build writes them to their own table.

    :param cache: where the scored pairs of each pair of documents and languages are kept (:func:`_scored`)
    """
    ctx = ctx or Context(documents)
    pairs = lineage_pairs(documents)
    later_docs: dict[str, set[str]] = defaultdict(set)
    for earlier, later in pairs:
        later_docs[earlier.info.id].add(later.info.id)
    pool = _direct(ctx, pairs, cache)
    first = select(pool, THRESHOLD, RATIO, _group)
    _classify(ctx, first)
    positions = _by_position(ctx, first, pairs)
    aliases = passage_aliases(documents)
    graph = translation_graph([*links, *text_twins(documents)], aliases)
    pool = _via_translations(ctx, first + positions, pool + positions, graph, later_docs,
                             merged_translations(links, aliases))
    languages = {d.info.id: set(d.info.languages) for d in documents}
    pool = _with_structure([c for c in pool if not _other_half(ctx, c, languages)], first)
    kept = select(pool, THRESHOLD, RATIO, _group)
    _classify(ctx, kept)
    return (sorted((c.link("continues") for c in kept), key=lambda l: l.id),
            _candidates(pool, kept))


def _candidates(pool: Sequence[Candidate], kept: Sequence[Candidate]) -> list[Link]:
    linked = {sid for c in kept for sid in c.key}
    chosen: dict[tuple[str, str], Candidate] = {}
    for end in (0, 1):
        shown: dict[str, int] = defaultdict(int)
        for c in sorted(pool, key=lambda c: (-c.score, c.key)):
            owner = c.key[end]
            if owner in linked or c.score < CANDIDATE_FLOOR:
                continue
            if shown[owner] < CANDIDATES_SHOWN:
                shown[owner] += 1
                chosen[c.key] = c
    return [chosen[k].link("continues") for k in sorted(chosen)]
