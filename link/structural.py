"""Hierarchical fi/sv alignment: parents first, then the units inside each aligned pair of parents.

The lexical passes (:mod:`link.parallel`) pair the units whose words carry
them. Short units that repeat — the headings *Miten uudistumme* / *Hur vi
förnyar oss* once per change promise, a value, a list heading — cannot be
paired on their words alone. Here they are paired by their place, the way
sentence aligners work inside already aligned paragraphs:

1. **Parents**: a unit's parent is the top section it belongs to (the
   slide, the change promise, the chapter; :attr:`link.units.Unit.span`). A
   Finnish and a Swedish parent are aligned when at least
   :data:`PARENT_MIN_ANCHORS` lexical pairs (*anchors*) join them and they
   hold a fair share (:data:`PARENT_SHARE`) of the anchors either has with
   its best partner in the other's document.
2. **Gaps**: inside an aligned pair of parents, a run of unpaired Finnish
   units between two anchors (or between an anchor and the parent's edge) is
   aligned with the run of unpaired Swedish units between the anchors'
   partners: a monotone alignment (dynamic programming) with 1:1, 1:2, 2:1
   and skips, forward or, where the partners stand in reverse order (a slide
   exported bottom to top), backward.

A pair both of whose bounds agree (*sandwiched*) may pair on position and
role alone when it is a heading, or a unit of a few words in runs of equal
length (*Hammashoito* ↔ *Tandvård* between two paired items); other pairs
need some aligned words (:data:`GAP_MIN_SCORE`). Only units without a
partner in the other document are aligned, so a structural pair never
overrides a lexical one. The score says how sure the pair is: full weight
for sandwiched pairs, :data:`ONE_SIDED` for pairs bounded on one side only,
raised by the share of aligned words. The evidence names the parent pair,
the anchors that bound the gap and the units' positions in their parents.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Optional, Sequence

from extract.clean.normalize import match_key
from link.bilingual import Lexicon, bitext, length_similarity, translation_score
from link.records import Link
from link.units import Unit, make_link

METHOD = "parallel:structural"
PARENT_MIN_ANCHORS = 2
PARENT_SHARE = 0.5  # of the best parent partner's anchors, on either side
MAX_GAP = 12  # longer runs are left alone: the alignment stays linear in the corpus size
GAP_MIN_LENGTH = 0.3
GAP_MIN_SCORE = 0.25
MERGE_MIN_SCORE = 0.4  # 1:2 and 2:1 need words on both parts
ONE_SIDED = 0.7
MERGE_PENALTY = 0.1
# Position alone pairs a heading, or a unit of a few words (a service name in a
# list); a longer text that shares no word with its supposed translation is not one.
POSITION_MAX_WORDS = 3

Pair = tuple[tuple[Unit, ...], tuple[Unit, ...], float, dict[str, Any]]


def hierarchical(units: Sequence[Unit], links: Sequence[Link], lexicon: Lexicon) -> list[Link]:
    """The lexical ``links`` with repeated texts moved to the copy in the aligned parent, plus the structural links.

    A text that occurs twice in a document (a promise's title on the
    overview and over its own chapter) scores the same with either copy of
    its translation; the lexical pass picks one by id. Once parents are
    aligned, a pair is moved to the copies whose parents are aligned
    (:func:`relocate_copies`). Then the units left unpaired are aligned by
    their place (:func:`structural_links`).

    :param units: every unit of the corpus
    :param links: the lexical links (``translation_of``) already made
    :param lexicon: word pairs for the scores of the pairs found
    """
    by_id = {u.id: u for u in units}
    aligned = set(_parent_pairs(_anchors(links, by_id)[0]))
    moved = relocate_copies(links, by_id, aligned)
    return moved + structural_links(units, moved, lexicon)


def relocate_copies(links: Sequence[Link], by_id: dict[str, Unit], aligned: set[tuple]) -> list[Link]:
    """Move a pair whose parents are not aligned to identical-text copies whose parents are.

    For a pair (fi, sv) whose parents are not an aligned pair, another copy
    of the Finnish text (or of the Swedish) in a parent aligned with the
    other end's takes its place: a free copy directly, a copy paired
    elsewhere by swapping partners when the swap puts both pairs into
    aligned parents. The texts being the same, so is the score; the
    evidence says the copy was chosen by its parent.
    """
    out = list(links)
    copies: dict[tuple[str, str, str], list[Unit]] = defaultdict(list)
    for unit in sorted(by_id.values(), key=lambda u: (u.document_id, u.order)):
        copies[(unit.document_id, unit.level, match_key(unit.text))].append(unit)
    where: dict[tuple[str, str], int] = {}  # (unit id, the other end's document) -> index of its link
    for k, link in enumerate(out):
        ends = _ends(link, by_id)
        if ends:
            where[(ends[0].id, ends[1].document_id)] = where[(ends[1].id, ends[0].document_id)] = k
    for k in range(len(out)):
        ends = _ends(out[k], by_id)
        if not ends or (ends[0].span, ends[1].span) in aligned:
            continue
        for side in (0, 1):  # 0: move the Finnish end, 1: the Swedish end
            unit, other = ends[side], ends[1 - side]
            j = _swap_partner(unit, other, side, copies, where, out, by_id, aligned)
            if j is None:
                continue
            twin, j = j
            if j is not None:
                out[j] = _moved(out[j], unit, side)
                where[(unit.id, other.document_id)] = j
            else:
                del where[(unit.id, other.document_id)]
            out[k] = _moved(out[k], twin, side)
            where[(twin.id, other.document_id)] = k
            break
    return out


def _ends(link: Link, by_id: dict[str, Unit]) -> Optional[tuple[Unit, Unit]]:
    """(Finnish unit, Swedish unit) of a ``translation_of`` link between non-section units, else None."""
    sv, fi = by_id.get(link.source_id), by_id.get(link.target_id)
    if link.relation != "translation_of" or sv is None or fi is None or fi.level == "section":
        return None
    return fi, sv


def _swap_partner(unit: Unit, other: Unit, side: int, copies: dict, where: dict, out: list[Link],
                  by_id: dict[str, Unit], aligned: set[tuple]) -> Optional[tuple[Unit, Optional[int]]]:
    """A copy of ``unit``'s text whose parent is aligned with ``other``'s and the index of its own link (None: free).

    A copy with a partner qualifies only when that partner's parent is aligned with ``unit``'s.
    """
    pair = (lambda a, b: (a.span, b.span)) if side == 0 else (lambda a, b: (b.span, a.span))
    for twin in copies[(unit.document_id, unit.level, match_key(unit.text))]:
        if twin.id == unit.id or pair(twin, other) not in aligned:
            continue
        j = where.get((twin.id, other.document_id))
        if j is None:
            return twin, None
        mate = _ends(out[j], by_id)
        if mate and pair(unit, mate[1 - side]) in aligned:
            return twin, j
    return None


def _moved(link: Link, unit: Unit, side: int) -> Link:
    """``link`` with its Finnish (``side`` 0) or Swedish (1) end replaced by ``unit``, an identical-text copy."""
    source, target = (link.source_id, unit.id) if side == 0 else (unit.id, link.target_id)
    return Link(source, target, link.relation, link.score, link.method, dict(link.evidence, copy_chosen_by="parent"))


def structural_links(units: Sequence[Unit], links: Sequence[Link], lexicon: Lexicon) -> list[Link]:
    """``translation_of`` links for units the lexical ``links`` left unpaired, by their place in aligned parents.

    :param units: every unit of the corpus
    :param links: the lexical links (``translation_of``) already made
    :param lexicon: word pairs for the scores of the pairs found
    """
    by_id = {u.id: u for u in units}
    spans: dict[tuple, list[Unit]] = defaultdict(list)
    for unit in sorted(units, key=lambda u: (u.document_id, u.order)):
        if unit.level != "section":
            spans[unit.span].append(unit)
    anchors, paired = _anchors(links, by_id)
    out: list[Link] = []
    for (fi_span, sv_span), pairs in sorted(_parent_pairs(anchors).items()):
        docs = (fi_span[0], sv_span[0])
        taken = paired[docs]
        out += _align_parents(spans[fi_span], spans[sv_span], pairs, taken, lexicon)
    return out


def _anchors(links: Sequence[Link], by_id: dict[str, Unit]) -> tuple[list[tuple[Unit, Unit, float]], dict]:
    """The lexical pairs as (fi, sv, score), and per (fi document, sv document) the ids already paired."""
    anchors = []
    paired: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link in links:
        sv, fi = by_id.get(link.source_id), by_id.get(link.target_id)
        if link.relation != "translation_of" or sv is None or fi is None or sv.level != fi.level:
            continue
        paired[(fi.document_id, sv.document_id)].update((fi.id, sv.id))
        if fi.level != "section":
            anchors.append((fi, sv, link.score))
    return anchors, paired


def _parent_pairs(anchors: Sequence[tuple[Unit, Unit, float]]) -> dict[tuple, list[tuple[Unit, Unit, float]]]:
    """Aligned (fi span, sv span) pairs and the anchors between them."""
    between: dict[tuple, list[tuple[Unit, Unit, float]]] = defaultdict(list)
    for fi, sv, score in anchors:
        between[(fi.span, sv.span)].append((fi, sv, score))
    best_fi: Counter = Counter()  # (fi span, sv document): its most anchors with one span of that document
    best_sv: Counter = Counter()
    for (f, s), pairs in between.items():
        best_fi[(f, s[0])] = max(best_fi[(f, s[0])], len(pairs))
        best_sv[(s, f[0])] = max(best_sv[(s, f[0])], len(pairs))
    return {
        (f, s): pairs for (f, s), pairs in between.items()
        if len(pairs) >= PARENT_MIN_ANCHORS and len(pairs) >= PARENT_SHARE * max(best_fi[(f, s[0])], best_sv[(s, f[0])])
    }


def _align_parents(fis: list[Unit], svs: list[Unit], anchors: list[tuple[Unit, Unit, float]], taken: set[str],
                   lexicon: Lexicon) -> list[Link]:
    """Structural links inside one aligned pair of parents."""
    fi_pos = {u.id: i for i, u in enumerate(fis)}
    sv_pos = {u.id: j for j, u in enumerate(svs)}
    partner: dict[str, int] = {}
    for fi, sv, _ in sorted(anchors, key=lambda a: (-a[2], a[0].id, a[1].id)):
        partner.setdefault(fi.id, sv_pos[sv.id])
    free = [u.id not in taken for u in svs]
    parent = {"parent": [fis[0].parent, svs[0].parent], "parent_anchors": len(anchors)}
    out: list[Link] = []
    i = 0
    while i < len(fis):
        if fis[i].id in taken:
            i += 1
            continue
        j = i
        while j < len(fis) and fis[j].id not in taken:
            j += 1
        run = fis[i:j]
        left = partner.get(fis[i - 1].id) if i > 0 else -1
        right = partner.get(fis[j].id) if j < len(fis) else len(svs)
        bounds = [fis[i - 1].id if i > 0 else "start", fis[j].id if j < len(fis) else "end"]
        if len(run) <= MAX_GAP:
            for pair in _gap(run, svs, free, left, right, lexicon):
                out += _links(pair, fi_pos, sv_pos, dict(parent, bounds=bounds))
                taken.update(u.id for u in (*pair[0], *pair[1]))
        i = j
    return out


def _gap(run: list[Unit], svs: list[Unit], free: list[bool], left: Optional[int], right: Optional[int],
         lexicon: Lexicon) -> list[Pair]:
    """The best alignment of a Finnish run with the free Swedish units its bounds point to.

    ``left`` and ``right`` are the positions of the bounding anchors'
    partners (-1 and ``len(svs)`` for the parent's edges, None for an anchor
    whose partner lies in another parent). The Swedish units chosen are
    marked taken in ``free``.
    """
    edges = (-1, len(svs))
    options: list[tuple[list[int], bool, str]] = []  # (Swedish positions, sandwiched, order)
    if left is not None and right is not None and not (left in edges and right in edges):
        lo, hi, order = (left, right, "forward") if left < right else (right, left, "reversed")
        inside = list(range(lo + 1, hi))
        if inside and all(free[k] for k in inside) and len(inside) <= MAX_GAP:
            options.append((inside if order == "forward" else inside[::-1], True, order))
    if not options:
        if left is not None and left not in edges:
            options.append((_free_run(free, left, +1), False, "after-left"))
        if right is not None and right not in edges:
            options.append((_free_run(free, right, -1)[::-1], False, "before-right"))
    best: tuple[float, list[Pair]] = (0.0, [])
    for positions, sandwiched, order in options:
        if not positions:
            continue
        found = _monotone([svs[k] for k in positions], run, sandwiched, lexicon)
        if found[0] > best[0]:
            best = (found[0], [(f, s, score, dict(ev, order=order)) for f, s, score, ev in found[1]])
    chosen = {s.id for _, s_units, _, _ in best[1] for s in s_units}
    for k, unit in enumerate(svs):
        if unit.id in chosen:
            free[k] = False
    return best[1]


def _free_run(free: list[bool], start: int, step: int) -> list[int]:
    """Positions of the free units next to ``start`` in direction ``step``, up to the first taken one."""
    out = []
    k = start + step
    while 0 <= k < len(free) and free[k] and len(out) < MAX_GAP:
        out.append(k)
        k += step
    return out


def _monotone(svs: list[Unit], fis: list[Unit], sandwiched: bool, lexicon: Lexicon) -> tuple[float, list[Pair]]:
    """Monotone alignment of two runs with 1:1, 1:2, 2:1 and skips maximising the summed gain."""
    n, m = len(fis), len(svs)
    best: dict[tuple[int, int], tuple[float, list[Pair]]] = {(0, 0): (0.0, [])}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0):
                continue
            candidates = []
            if i:
                candidates.append(best[(i - 1, j)])
            if j:
                candidates.append(best[(i, j - 1)])
            for di, dj in ((1, 1), (1, 2), (2, 1)):
                if i >= di and j >= dj:
                    pair = _pair(tuple(fis[i - di:i]), tuple(svs[j - dj:j]), sandwiched and n == m, sandwiched,
                                 lexicon)
                    if pair is not None:
                        gain, found = best[(i - di, j - dj)]
                        candidates.append((gain + pair[0], found + [pair[1]]))
            best[(i, j)] = max(candidates, key=lambda c: c[0])
    return best[(n, m)]


def _pair(fis: tuple[Unit, ...], svs: tuple[Unit, ...], equal_runs: bool, sandwiched: bool,
          lexicon: Lexicon) -> Optional[tuple[float, Pair]]:
    """(gain, pair) for aligning ``fis`` with ``svs``, or None where it is not allowed."""
    if len({u.role for u in (*fis, *svs)}) != 1:
        return None
    fi_text, sv_text = "\n".join(u.text for u in fis), "\n".join(u.text for u in svs)
    fi_side, sv_side = bitext(fi_text, "fi"), bitext(sv_text, "sv")
    short = max(len(fi_side.words), len(sv_side.words)) <= POSITION_MAX_WORDS
    # the length ratio of a word or two says little ("Chat" ↔ "Chattservice")
    if not short and length_similarity(len(fi_text), len(sv_text)) < GAP_MIN_LENGTH:
        return None
    lexical, evidence = translation_score(fi_side, sv_side, lexicon)
    if len(fis) + len(svs) > 2:
        if lexical < MERGE_MIN_SCORE:
            return None
        gain = 0.5 + lexical - MERGE_PENALTY
    elif lexical >= GAP_MIN_SCORE or (sandwiched and (fis[0].role == "heading" or equal_runs and short)):
        gain = 0.5 + lexical
    else:
        return None
    score = (1.0 if sandwiched else ONE_SIDED) * (0.5 + 0.5 * lexical)
    evidence = dict(evidence, lexical=lexical, sandwiched=sandwiched)
    return gain, (fis, svs, score, evidence)


def _links(pair: Pair, fi_pos: dict[str, int], sv_pos: dict[str, int], parent: dict[str, Any]) -> list[Link]:
    """One link per Finnish–Swedish unit pair of an aligned pair (two for a 1:2 or 2:1)."""
    f_units, s_units, score, evidence = pair
    out = []
    for f in f_units:
        for s in s_units:
            ev = dict(evidence, **parent, position=[fi_pos[f.id], sv_pos[s.id]])
            if len(f_units) + len(s_units) > 2:
                ev["joined_with"] = [u.id for u in (*f_units, *s_units) if u.id not in (f.id, s.id)]
            out.append(make_link(s, f, score, METHOD, ev))
    return out
