"""Finnish/Swedish parallel text: ``translation_of`` and ``same_as`` links, and a learned glossary.

Units are the passages (headings, paragraphs, items), statements and
sections of every document. Three passes find their counterparts:

1. **Inside a bilingual document** (alternating slides, side-by-side
   columns): the units are grouped by page and language; Finnish and Swedish
   groups within :data:`PAGE_WINDOW` pages are paired one-to-one by the
   translation score of their whole text; inside a pair of groups, units are
   paired one-to-one by translation score plus a small bonus for the same
   relative position and role (so swapped items still find each other), then
   gaps between paired units are filled in order, as a monotone aligner would
   (a short heading the lexicon cannot carry, "Miten uudistumme" ↔ "Hur vi
   förnyar oss", pairs because its neighbours do).
2. **Across documents** of the same region and period: candidates come from
   an inverted index of Swedish word keys looked up with the Finnish words'
   translations (never all pairs); the best-scoring pairs are taken
   one-to-one over the whole corpus.
3. **The same text twice** (``same_as``): same-language units of two
   documents of one region whose words and characters nearly coincide; a
   translation into one copy is carried over to the other (method
   ``parallel:via-same_as``).

The glossary is learned between two rounds: words that stay unaligned in
confidently paired units but keep co-occurring (Dice ≥ :data:`GLOSSARY_DICE`
over at least :data:`GLOSSARY_MIN_PAIRS` pairs) become word pairs of the
lexicon for the second round, and a table of the knowledge base.

``translation_of`` links point from the Swedish unit (source) to the Finnish
one (target). Every link carries its score, method and evidence.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from extract.clean.normalize import match_key
from extract.records import ExtractedDocument
from link.bilingual import Lexicon, bitext, length_similarity, stem, translation_score
from link.glossary import Correction
from link.records import GlossaryEntry, Link
from link.units import Unit, greedy, make_link, unit_bitext, units_of  # noqa: F401 (units_of: part of this module's interface)

if TYPE_CHECKING:
    from link.cache import LinkCache

PAGE_WINDOW = 3
GROUP_THRESHOLD = 0.3
UNIT_THRESHOLD = 0.3
CROSS_THRESHOLD = 0.55
# Across documents nothing but the words vouches for a pair: a unit of one or
# two words ("Ansvarsfullt") needs a near-certain score.
SHORT_WORDS = 3
SHORT_CROSS_THRESHOLD = 0.85
POSITION_BONUS = 0.15
ROLE_BONUS = 0.05
GAP_MIN_LENGTH = 0.3
SPLIT_MIN_SHARE = 0.5
GAP_MIN_SCORE = 0.25  # a heading may pair on position alone, other units need some words
PAGE_DISTANCE_PENALTY = 0.02
CANDIDATES = 8
MAX_POSTING = 200  # a key in more units of the corpus than this (a word on every page) opens no candidates
SAME_AS_RATIO = 0.9
SAME_AS_MIN_CHARS = 25
GLOSSARY_SOURCE_SCORE = 0.55
GLOSSARY_MIN_PAIRS = 3
GLOSSARY_DICE = 0.6


# 1. inside a document -------------------------------------------------------------------------


def _group_text(units: Sequence[Unit]) -> str:
    return "\n".join(u.text for u in units if u.level == "passage")


def _pair_groups(groups: dict[tuple, list[Unit]], lexicon: Lexicon) -> list[tuple[list[Unit], list[Unit], float]]:
    """Finnish and Swedish groups of one document paired one-to-one by their text's translation score."""
    fi_groups = [k for k in groups if k[2] == "fi"]
    sv_groups = [k for k in groups if k[2] == "sv"]
    scored = []
    for f in fi_groups:
        for s in sv_groups:
            if abs(f[1] - s[1]) > PAGE_WINDOW:
                continue
            score, _ = translation_score(bitext(_group_text(groups[f]), "fi"), bitext(_group_text(groups[s]), "sv"), lexicon)
            # near-identical slides compete: the one closest before its translation wins
            distance = s[1] - f[1]
            score -= PAGE_DISTANCE_PENALTY * (abs(distance) + (0.5 if distance < 0 else 0))
            scored.append((score, repr(f), repr(s), (f, s)))
    return [(groups[f], groups[s], score) for score, _, _, (f, s) in greedy(scored, GROUP_THRESHOLD)]


def _positions(units: Sequence[Unit]) -> dict[str, float]:
    """Each unit's relative place in its group, 0 (first) to 1 (last)."""
    return {u.id: i / max(1, len(units) - 1) for i, u in enumerate(units)}


def _align_group_pair(fi_units: list[Unit], sv_units: list[Unit], group_score: float, lexicon: Lexicon) -> list[Link]:
    """One-to-one pairs inside a pair of groups: by score first, then by order in the gaps."""
    fi_place, sv_place = _positions(fi_units), _positions(sv_units)
    scored = []
    for f in fi_units:
        for s in sv_units:
            if f.level != s.level:
                continue
            score, evidence = translation_score(unit_bitext(f), unit_bitext(s), lexicon)
            bonus = POSITION_BONUS * (1 - abs(fi_place[f.id] - sv_place[s.id]))
            bonus += ROLE_BONUS if f.role == s.role else 0.0
            evidence = dict(evidence, position_bonus=round(bonus, 3))
            scored.append((score + bonus, f.id, s.id, (f, s, score, evidence)))
    pairs = [(f, s, score, ev) for _, _, _, (f, s, score, ev) in greedy(scored, UNIT_THRESHOLD + POSITION_BONUS / 2)]
    links = [make_link(s, f, score, "parallel:within-document", ev) for f, s, score, ev in pairs]
    one_to_one = [(f, s) for f, s, _, _ in pairs]
    neighbours = _fill_by_neighbours(fi_units, sv_units, one_to_one, group_score, lexicon)
    by_id = {u.id: u for u in (*fi_units, *sv_units)}
    one_to_one += [(by_id[l.target_id], by_id[l.source_id]) for l in neighbours]
    return links + neighbours + _splits_and_merges(fi_units, sv_units, one_to_one, lexicon)


def _fill_by_neighbours(fi_units: list[Unit], sv_units: list[Unit], pairs: list[tuple[Unit, Unit]],
                        group_score: float, lexicon: Lexicon) -> list[Link]:
    """Pair an unpaired unit with the unpaired unit beside its paired neighbour's partner.

    The neighbour's partner is looked at on the same side first (order kept),
    then on the other (a slide whose export reversed the order). A heading may
    pair on position alone; other units need :data:`GAP_MIN_SCORE`. Repeats
    until nothing changes, so a run of short units between anchors fills up.
    """
    links = []
    for level in ("passage", "statement", "section"):
        fis = [u for u in fi_units if u.level == level]
        svs = [u for u in sv_units if u.level == level]
        partner = {f.id: svs.index(s) for f, s in pairs if f.level == level}
        taken = set(partner.values())
        changed = True
        while changed:
            changed = False
            for i, f in enumerate(fis):
                if f.id in partner:
                    continue
                for j in (i - 1, i + 1):
                    if not (0 <= j < len(fis) and fis[j].id in partner):
                        continue
                    k = partner[fis[j].id]
                    options = [svs[m] for m in (k + i - j, k - i + j) if 0 <= m < len(svs) and m not in taken]
                    found = next((s for s in options if _fits(f, s, lexicon)), None)
                    if found is None:
                        continue
                    score, evidence = translation_score(unit_bitext(f), unit_bitext(found), lexicon)
                    evidence = dict(evidence, neighbour=fis[j].id, group_score=round(group_score, 3))
                    links.append(make_link(found, f, (score + group_score) / 2, "parallel:within-document-neighbour", evidence))
                    partner[f.id] = svs.index(found)
                    taken.add(partner[f.id])
                    changed = True
                    break
    return links


def _splits_and_merges(fi_units: list[Unit], sv_units: list[Unit], pairs: list[tuple[Unit, Unit]],
                       lexicon: Lexicon) -> list[Link]:
    """1:2 and 2:1: an unpaired unit that translates the rest of a paired unit.

    An unpaired unit ``u`` joins the pair (``v``, ``p``) on the other side when
    at least half of its words align into ``v`` and ``v`` reads better against
    ``p`` and ``u`` together than against ``p`` alone (the translator split
    one item into two, or merged two into one).
    """
    partner = {v.id: p for f, s in pairs for v, p in ((f, s), (s, f))}
    links = []
    for u in [*fi_units, *sv_units]:
        if u.id in partner or u.level == "section":
            continue
        others = sv_units if u.lang == "fi" else fi_units
        best: Optional[tuple[float, Unit, dict]] = None
        for v in others:
            p = partner.get(v.id)
            if p is None or v.level != u.level:
                continue
            score, evidence = _oriented_score(u, v, lexicon)
            own = evidence["aligned"][0 if u.lang == "fi" else 1] / max(1, evidence["words"][0 if u.lang == "fi" else 1])
            if own < SPLIT_MIN_SHARE:
                continue
            joined = Unit(p.id, p.document_id, p.level, p.role, p.lang, f"{p.text}\n{u.text}", p.page, p.order)
            gain = _oriented_score(v, joined, lexicon)[0] - _oriented_score(v, p, lexicon)[0]
            if gain > 0 and (best is None or gain > best[0]):
                best = (gain, v, dict(evidence, joined_with=p.id, gain=round(gain, 3)))
        if best:
            gain, v, evidence = best
            sv, fi = (u, v) if u.lang == "sv" else (v, u)
            links.append(make_link(sv, fi, translation_score(unit_bitext(fi), unit_bitext(sv), lexicon)[0], "parallel:within-document-1:2",
                               evidence))
    return links


def _oriented_score(a: Unit, b: Unit, lexicon: Lexicon) -> tuple[float, dict[str, Any]]:
    """translation_score of two units in either language order."""
    fi, sv = (a, b) if a.lang == "fi" else (b, a)
    return translation_score(unit_bitext(fi), unit_bitext(sv), lexicon)


def _fits(f: Unit, s: Unit, lexicon: Lexicon) -> bool:
    """May ``s`` translate ``f`` by position: same role, plausible length, some shared words unless a heading."""
    if f.role != s.role or length_similarity(len(f.text), len(s.text)) < GAP_MIN_LENGTH:
        return False
    return f.role == "heading" or translation_score(unit_bitext(f), unit_bitext(s), lexicon)[0] >= GAP_MIN_SCORE


def within_documents(units: Sequence[Unit], lexicon: Lexicon) -> list[Link]:
    """``translation_of`` links between Finnish and Swedish units of the same document."""
    by_doc: dict[str, dict[tuple, list[Unit]]] = defaultdict(lambda: defaultdict(list))
    for unit in units:
        by_doc[unit.document_id][unit.group].append(unit)
    links: list[Link] = []
    for doc_id in sorted(by_doc):
        groups = by_doc[doc_id]
        if not any(k[2] == "fi" for k in groups) or not any(k[2] == "sv" for k in groups):
            continue
        for fi_units, sv_units, score in _pair_groups(groups, lexicon):
            links += _align_group_pair(fi_units, sv_units, score, lexicon)
    return links


# 2. across documents --------------------------------------------------------------------------


def comparable_pairs(docs: Sequence[ExtractedDocument]) -> set[tuple[str, str]]:
    """Ordered pairs of distinct documents that may translate each other: same region, overlapping period."""
    out = set()
    for a in docs:
        for b in docs:
            ia, ib = a.info, b.info
            if ia.id == ib.id or ia.region != ib.region:
                continue
            spans = (ia.period_start, ia.period_end, ib.period_start, ib.period_end)
            overlap = ia.period == ib.period if None in spans else (
                ia.period_start <= ib.period_end and ib.period_start <= ia.period_end)
            if overlap:
                out.add((ia.id, ib.id))
    return out


def _index(units: Iterable[Unit]) -> dict[str, list[Unit]]:
    index: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        for key in unit_bitext(unit).keys:
            index[key].append(unit)
            if (s := stem(key)):
                index["~" + s].append(unit)
    return index


def key_counts(units: Iterable[Unit]) -> dict[str, int]:
    """The length of each key's posting in :func:`_index` ``(units)``: summed over parts of a corpus, the corpus's."""
    counts: Counter = Counter()
    for unit in units:
        for key in unit_bitext(unit).keys:
            counts[key] += 1
            if (s := stem(key)):
                counts["~" + s] += 1
    return dict(counts)


def frequent_keys(index: dict[str, list[Unit]]) -> frozenset[str]:
    """The keys of ``index`` in more than :data:`MAX_POSTING` units: they say nothing about which unit."""
    return frozenset(key for key, posting in index.items() if len(posting) > MAX_POSTING)


def _candidates(keys: Iterable[str], index: dict[str, list[Unit]], accept, frequent: frozenset[str]) -> list[Unit]:
    """The units sharing most keys with ``keys`` (at most :data:`CANDIDATES`), none of the ``frequent`` keys counted."""
    counts: Counter = Counter()
    for key in set(keys):
        posting = index.get(key, ())
        if key in frequent:
            continue
        for unit in posting:
            if accept(unit):
                counts[unit] += 1
    # among equally many shared keys, the unit with fewest keys of its own says least else
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], len(unit_bitext(kv[0]).keys), kv[0].id))
    return [u for u, _ in ranked[:CANDIDATES]]


def _translated_keys(unit: Unit, lexicon: Lexicon) -> set[str]:
    keys = set(unit_bitext(unit).keys)
    for key in list(keys):
        for sv in lexicon.fi_sv.get(key, ()):
            keys.add(sv)
            if (s := stem(sv)):
                keys.add("~" + s)
    return keys


def _repeated_short(units: Sequence[Unit]) -> set[str]:
    """Short units whose text occurs more than once in their document at their level (a heading of every chapter)."""
    counts = Counter((u.document_id, u.level, match_key(u.text)) for u in units)
    return {u.id for u in units
            if counts[(u.document_id, u.level, match_key(u.text))] > 1 and len(unit_bitext(u).words) < SHORT_WORDS}


def pairs_across(unit: Unit) -> bool:
    """True for a unit that may pair with one of another document (:func:`across_pairs`): not a section."""
    return unit.level != "section"


def across_eligible(units: Sequence[Unit], comparable: set[tuple[str, str]]) -> list[Unit]:
    """The units :func:`across_pairs` pairs: not sections, of a document with a comparable partner."""
    with_partner = {a for a, _ in comparable}
    return [u for u in units if pairs_across(u) and u.document_id in with_partner]


def across_pairs(units: Sequence[Unit], lexicon: Lexicon, comparable: set[tuple[str, str]],
                 frequent: Optional[frozenset[str]] = None) -> list[tuple[float, str, str, Link]]:
    """``translation_of`` between a Finnish unit of one document and a Swedish unit of another, as greedy's picks.

    Only between ``comparable`` documents (:func:`comparable_pairs`); one-to-one for each pair of
    documents (a Finnish slide may have its translation on the next slide and
    in the Swedish strategy too). Two short texts that each repeat in their
    document (the same heading in every change promise) are left to the
    structural pass: their words cannot tell which copy goes with which.

    Each pick is (score, Finnish key, Swedish key, link) in descending order;
    a pick's keys name one pair of documents, so the picks of two sets of
    documents no pair joins are independent, and merged by
    ``sorted(key=pick_order)`` they are the picks over both. ``frequent``:
    the keys too common to open candidates (default: those of ``units``);
    given the corpus's, the picks over a part of it are those the whole
    corpus would give there.
    """
    repeated = _repeated_short(units)
    eligible = across_eligible(units, comparable)
    index = _index(u for u in eligible if u.lang == "sv")
    frequent = frequent_keys(index) if frequent is None else frequent
    scored = []
    for f in eligible:
        if f.lang != "fi":
            continue
        accept = lambda s, f=f: s.level == f.level and (f.document_id, s.document_id) in comparable
        for s in _candidates(_translated_keys(f, lexicon), index, accept, frequent):
            if f.id in repeated and s.id in repeated:
                continue
            score, evidence = translation_score(unit_bitext(f), unit_bitext(s), lexicon)
            if score < SHORT_CROSS_THRESHOLD and min(evidence["words"]) < SHORT_WORDS:
                continue
            scored.append((score, f"{f.id}|{s.document_id}", f"{s.id}|{f.document_id}", (f, s, evidence)))
    return [(score, a, b, make_link(s, f, score, "parallel:across-documents", ev))
            for score, a, b, (f, s, ev) in greedy(scored, CROSS_THRESHOLD)]


def pick_order(pick: tuple[float, str, str, Any]) -> tuple[float, str, str]:
    """The order :func:`link.units.greedy` takes pairs in: descending score, then the keys."""
    return (-pick[0], pick[1], pick[2])


# 3. the same text twice ----------------------------------------------------------------------


def same_eligible(units: Sequence[Unit]) -> list[Unit]:
    """The units :func:`same_pairs` compares: not sections, at least :data:`SAME_AS_MIN_CHARS` long."""
    return [u for u in units if u.level != "section" and len(u.text) >= SAME_AS_MIN_CHARS]


def same_pairs(docs: Sequence[ExtractedDocument], units: Sequence[Unit],
               frequent: Optional[frozenset[str]] = None) -> list[tuple[float, str, str, Link]]:
    """``same_as`` links: units of two documents of one region with (nearly) the same text, as greedy's picks.

    "Nearly" is a character similarity (difflib ratio of the normalised
    texts) of at least :data:`SAME_AS_RATIO`: a missing space or a typo
    passes, a changed word in a short sentence does not. Picks are (score,
    key, key, link); those of different regions merge as in :func:`across_pairs`.
    """
    region = {d.info.id: d.info.region for d in docs}
    eligible = same_eligible(units)
    index = _index(eligible)
    frequent = frequent_keys(index) if frequent is None else frequent
    scored = []
    for a in eligible:
        accept = lambda b, a=a: (b.document_id > a.document_id and b.lang == a.lang and b.level == a.level
                                 and region[a.document_id] == region[b.document_id])
        key_a = match_key(a.text)
        for b in _candidates(unit_bitext(a).keys, index, accept, frequent):
            matcher = difflib.SequenceMatcher(None, key_a, match_key(b.text), autojunk=False)
            if matcher.real_quick_ratio() < SAME_AS_RATIO or matcher.quick_ratio() < SAME_AS_RATIO:
                continue
            scored.append((matcher.ratio(), a.id, b.id, (a, b)))
    return [
        (ratio, ka, kb, Link(b.id, a.id, "same_as", round(ratio, 4), "parallel:same-text",
                             {"char_similarity": round(ratio, 3), "lang": a.lang}))
        for ratio, ka, kb, (a, b) in greedy(scored, SAME_AS_RATIO)
    ]


def via_same_as(translations: Sequence[Link], same: Sequence[Link], by_id: dict[str, Unit],
                comparable: set[tuple[str, str]]) -> list[Link]:
    """Carry a translation over to the other copy of a text that appears twice.

    Only between comparable documents (same region, overlapping period): a
    2023 text repeated in 2026 is a continuation, not a translation. Inside
    one document a carried link never joins a unit that already has a direct
    translation there (the pairing of its slides is the stronger evidence).
    """
    copies: dict[str, list[Link]] = defaultdict(list)
    for link in same:
        copies[link.source_id].append(link)
        copies[link.target_id].append(link)
    direct = {(a, by_id[b].document_id) for t in translations for a, b in ((t.source_id, t.target_id), (t.target_id, t.source_id))}
    out = []
    for t in translations:
        for end, other in ((t.source_id, t.target_id), (t.target_id, t.source_id)):
            for s in copies.get(end, ()):
                twin = s.target_id if s.source_id == end else s.source_id
                sv, fi = (twin, other) if end == t.source_id else (other, twin)
                docs = (by_id[sv].document_id, by_id[fi].document_id)
                if docs[0] == docs[1] and ((sv, docs[1]) in direct or (fi, docs[0]) in direct):
                    continue
                if by_id[sv].lang == "sv" and by_id[fi].lang == "fi" and (docs in comparable or docs[0] == docs[1]):
                    out.append(Link(sv, fi, "translation_of", round(min(t.score, s.score), 4), "parallel:via-same_as",
                                    {"translation": t.id, "same_as": s.id}))
    return out


# glossary and the whole run ------------------------------------------------------------------


def glossary_counts(links: Sequence[Link], by_id: dict[str, Unit]) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """What :func:`glossary_from_counts` counts of each confident link, in the links' order.

    Per passage pair scored at least :data:`GLOSSARY_SOURCE_SCORE`: its
    Finnish text (normalised) and the Finnish and Swedish lemmas left
    unaligned in it, each sorted. A text that repeats is left in: which copy
    counts is decided over the whole list (:func:`glossary_from_counts`).
    """
    out = []
    for link in links:
        if link.relation != "translation_of" or link.score < GLOSSARY_SOURCE_SCORE:
            continue
        aligned = link.evidence.get("aligned_words", [])
        aligned_fi = {p[0] for p in aligned}
        aligned_sv = {p[1] for p in aligned}
        fi_left = {w.lemma for w in unit_bitext(by_id[link.target_id]).words if not w.anchor and w.form not in aligned_fi}
        sv_left = {w.lemma for w in unit_bitext(by_id[link.source_id]).words if not w.anchor and not w.keys & aligned_sv}
        out.append((match_key(by_id[link.target_id].text), tuple(sorted(fi_left)), tuple(sorted(sv_left))))
    return out


def glossary_from_counts(counts: Iterable[tuple[str, Sequence[str], Sequence[str]]], lexicon: Lexicon) -> list[GlossaryEntry]:
    """Word pairs that stay unaligned in confident pairs but keep occurring together, from :func:`glossary_counts`.

    Counts, over passage pairs scored at least :data:`GLOSSARY_SOURCE_SCORE`,
    how often a Finnish and a Swedish lemma are both left unaligned; keeps a
    pair when each is the other's best partner (competitive linking), it
    occurred in :data:`GLOSSARY_MIN_PAIRS` pairs and its Dice coefficient
    reaches :data:`GLOSSARY_DICE`.
    """
    together: Counter = Counter()
    fi_count: Counter = Counter()
    sv_count: Counter = Counter()
    seen: set[str] = set()  # a Finnish text counts once, however many units, copies or translations carry it
    for text, fi_left, sv_left in counts:
        if text in seen:
            continue
        seen.add(text)
        fi_count.update(fi_left)
        sv_count.update(sv_left)
        together.update((f, s) for f in fi_left for s in sv_left)
    dice = {(f, s): 2 * n / (fi_count[f] + sv_count[s]) for (f, s), n in together.items() if n >= GLOSSARY_MIN_PAIRS}
    best_fi: dict[str, tuple[float, str]] = {}
    best_sv: dict[str, tuple[float, str]] = {}
    for (f, s), d in sorted(dice.items()):
        best_fi[f] = max(best_fi.get(f, (0.0, "")), (d, s))
        best_sv[s] = max(best_sv.get(s, (0.0, "")), (d, f))
    return [
        GlossaryEntry(f, s, together[(f, s)], round(d, 3), "learned")
        for (f, s), d in sorted(dice.items())
        if d >= GLOSSARY_DICE and best_fi[f][1] == s and best_sv[s][1] == f and s not in lexicon.fi_sv.get(f, ())
    ]


def align(docs: Sequence[ExtractedDocument], corrections: Sequence[Correction] = (),
          cache: Optional["LinkCache"] = None) -> tuple[list[Link], list[GlossaryEntry]]:
    """All ``translation_of`` and ``same_as`` links of the corpus and the glossary used for them.

    Two rounds: the seed lexicon (with the user's accepted pairs, without the
    rejected ones) makes links that teach the glossary; the second round uses
    both. The glossary returned holds the learned pairs and the accepted ones.
    The rounds run region by region (:mod:`link.alignment`), each region's
    result taken from ``cache`` when its inputs are unchanged.

    :param docs: extracted documents
    :param corrections: verdicts from ``glossary.toml`` (:mod:`link.glossary`)
    :param cache: where each region's results are looked up and stored (default: none)
    """
    from link.alignment import align_by_region  # it builds on this module's passes

    return align_by_region(docs, corrections, cache)
