"""The units parallel-text alignment pairs: passages, statements and sections, with their language and parent.

A unit's *parent* is the top of its section tree (or its page where the
document has no sections): the slide, the change promise, the chapter the
unit belongs to. Hierarchical alignment (:mod:`link.structural`) pairs
parents first and then the units inside each pair of parents.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Optional, Sequence

from extract.records import ExtractedDocument
from link.bilingual import Bitext, bitext
from link.cache import LinkCache, memo
from link.records import Link

LANGS = ("fi", "sv")
# A unit of one or two words is too short for language detection to be sure:
# inside a run of the other language it takes the run's language.
SMOOTH_MAX_WORDS = 2
SMOOTH_CONTEXT = 2  # units looked at on each side


@dataclass(frozen=True)
class Unit:
    """A piece of text that can have a translation: a passage, statement or section."""

    id: str
    document_id: str
    level: str  # passage, statement, section
    role: str
    lang: str
    text: str
    page: Optional[int]
    order: int
    parent: str = ""  # the top section's id, or "page <n>" without sections

    @property
    def group(self) -> tuple[str, Any, str]:
        """(document, page or section, language): the units one slide or column holds."""
        return (self.document_id, self.page if self.page is not None else -1, self.lang)

    @property
    def span(self) -> tuple[str, str, str, str]:
        """(document, level, parent, language): the units of one language under one parent."""
        return (self.document_id, self.level, self.parent, self.lang)


def units_of(doc: ExtractedDocument) -> list[Unit]:
    """The document's passages, statements and sections as units, in reading order.

    A unit whose language was undecided takes the majority language of its
    page (a bare heading on a Swedish slide is Swedish); in a bilingual
    document a one- or two-word unit amid units of the other language takes
    theirs (*Seniorinfo* in a Swedish list read as Finnish).
    """
    roots = _section_roots(doc)
    raw: list[tuple[str, str, str, str, str, Optional[int], Optional[str]]] = []
    raw += [(p.id, "passage", p.role, p.lang, p.text, p.page, p.section_id) for p in doc.passages if p.role != "table"]
    raw += [(s.id, "statement", s.kind, s.lang, s.text, s.page, s.section_id) for s in doc.statements]
    raw += [(s.id, "section", "section", s.lang, "\n".join(t for t in (s.heading, s.text) if t), s.page_start, s.id)
            for s in doc.sections]
    majority = _page_languages(doc)
    single = doc.info.languages[0] if len(doc.info.languages) == 1 else None
    units = []
    for order, (uid, level, role, lang, text, page, section) in enumerate(raw):
        if lang not in LANGS:
            lang = single or majority.get(page, lang)
        if lang in LANGS and text.strip():
            parent = roots.get(section, "") if section else ""
            units.append(Unit(uid, doc.info.id, level, role, lang, text, page, order, parent or f"page {page}"))
    return units if single else _smooth_languages(units)


def document_units(docs: Sequence[ExtractedDocument], cache: Optional[LinkCache] = None) -> dict[str, list[Unit]]:
    """Each document's :func:`units_of` by id, in the order of ``docs``; kept in ``cache`` under the document's key
    (:meth:`link.cache.LinkCache.document_key`: the units are the document's alone)."""
    return {d.info.id: memo(cache, lambda d=d: ("units", cache.document_key(d)), lambda d=d: units_of(d),
                            lambda units: [unit_fields(u) for u in units], lambda rows: [Unit(*row) for row in rows])
            for d in docs}


def unit_fields(unit: Unit) -> list:
    """A unit's fields as plain values, in the order :class:`Unit` takes them."""
    return [unit.id, unit.document_id, unit.level, unit.role, unit.lang, unit.text, unit.page, unit.order, unit.parent]


def _section_roots(doc: ExtractedDocument) -> dict[str, str]:
    """Each section's top ancestor."""
    parent = {s.id: s.parent_id for s in doc.sections}
    roots: dict[str, str] = {}
    for sid in parent:
        top, seen = sid, set()
        while parent.get(top) and top not in seen:
            seen.add(top)
            top = parent[top]
        roots[sid] = top
    return roots


def _page_languages(doc: ExtractedDocument) -> dict[Optional[int], str]:
    chars: dict[Optional[int], Counter] = defaultdict(Counter)
    for p in doc.passages:
        if p.lang in LANGS:
            chars[p.page][p.lang] += len(p.text)
    return {page: counts.most_common(1)[0][0] for page, counts in chars.items()}


def _smooth_languages(units: list[Unit]) -> list[Unit]:
    """A short unit amid units of the other language on its page takes their language.

    "Amid": both direct neighbours and most of the :data:`SMOOTH_CONTEXT`
    units a side are of the other language. Not the direct neighbours alone:
    in a layout read row by row across two columns (fi, sv, fi, sv) they
    are of the other language, the next ones of the unit's own.
    """
    out = list(units)
    by_level: dict[tuple[str, Optional[int]], list[int]] = defaultdict(list)
    for i, unit in enumerate(units):
        by_level[(unit.level, unit.page)].append(i)
    for indices in by_level.values():
        for k, i in enumerate(indices):
            unit = units[i]
            if unit.level == "section" or len(unit_bitext(unit).words) > SMOOTH_MAX_WORDS:
                continue
            before = [units[j].lang for j in indices[max(0, k - SMOOTH_CONTEXT):k]]
            after = [units[j].lang for j in indices[k + 1:k + 1 + SMOOTH_CONTEXT]]
            other = "sv" if unit.lang == "fi" else "fi"
            beside = before[-1:] + after[:1]
            if beside and all(lang == other for lang in beside) and (before + after).count(other) > SMOOTH_CONTEXT:
                out[i] = Unit(unit.id, unit.document_id, unit.level, unit.role, other, unit.text, unit.page, unit.order,
                              unit.parent)
    return out


def unit_bitext(unit: Unit) -> Bitext:
    """The unit's words, read in its language."""
    return bitext(unit.text, unit.lang)


def make_link(sv: Unit, fi: Unit, score: float, method: str, evidence: dict[str, Any]) -> Link:
    """A ``translation_of`` link from the Swedish unit to the Finnish one (score capped at 1)."""
    return Link(sv.id, fi.id, "translation_of", round(min(1.0, score), 4), method, evidence)


def greedy(scored: Iterable[tuple[float, str, str, Any]], threshold: float) -> list[tuple[float, str, str, Any]]:
    """One-to-one pairs by descending score (ties by ids), at or above ``threshold``."""
    taken_a: set[str] = set()
    taken_b: set[str] = set()
    out = []
    for item in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        score, a, b, _ = item
        if score < threshold or a in taken_a or b in taken_b:
            continue
        taken_a.add(a)
        taken_b.add(b)
        out.append(item)
    return out
