"""Typed statements: mission, values, guidelines, aims, principles, goals, actions, results, targets.

The rules read structure, never a document's own goal texts:

1. A *cue heading* ("Valtuustokauden tavoitteet", "Gemensamma mål", "Hur vi
   förnyar oss", "Arvomme", "Järjestämisen periaatteet", …, listed per language
   in :mod:`extract.lang`) types the items of its region: list items below a
   goal, action, result or target heading; short phrases or one-sentence
   paragraphs below a value, mission, guideline, aim or principle heading. A
   region runs to the end of the cue's page (and over the next page when the
   cue ends its page). On a page laid out bottom-up (the cue among its last
   units, none among its first) the cue types the items above it.
2. Sentences that state the basic task ("Perustehtävämme on …") are missions;
   "arvomme X, Y ja Z" gives values.
3. A page that carries a guideline as its running title and holds no list is
   a guideline spread: its other one-sentence paragraphs are the guideline's
   aims. Goals and aims get the guideline of their page (or the last one
   before) as parent.
4. Un-cued bullets that state an effect ("… paranevat") are impact goals.
5. A goal or target whose text holds a threshold becomes a measurable target.

The same text typed twice in one document is kept once (the first, by rule order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from extract.clean.normalize import match_key
from extract.lang import fi, sv
from extract.records import Statement
from extract.structure import Unit, heading_text, looks_like_heading

LANGS = {"fi": fi, "sv": sv}
LIST_KINDS = ("goal", "action", "result", "target", "impact")
PHRASE_KINDS = ("value", "principle")
SENTENCE_KINDS = ("mission", "vision", "guideline", "aim")
ITEM_MAX_WORDS = 25
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")
_URL = re.compile(r"https?://|www\.|\.fi\b|\.se\b|\.com\b")


@dataclass(frozen=True)
class Typed:
    """A statement found by a rule, before ids are given."""

    unit: Unit
    kind: str
    text: str
    number: Optional[str] = None
    parent_key: Optional[str] = None
    rule: str = ""


def sentences(text: str) -> list[str]:
    """Split running text into sentences (at . ! ? followed by a capital)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def cue_kind(text: str) -> Optional[str]:
    """The statement kind a heading announces, in Finnish or Swedish, or ``None``."""
    key = match_key(heading_text(text)).rstrip(":")
    for module in (fi, sv):
        for pattern, kind in module.HEADING_KINDS:
            if re.search(pattern, key):
                return kind
    return None


def type_statements(units: Sequence[Unit]) -> tuple[list[Typed], set[int]]:
    """Apply the rules; return typed statements in document order and the demoted heading units.

    :param units: a document's units from :func:`extract.structure.build_units`
    """
    found: list[Typed] = []
    demoted: set[int] = set()
    for region_kind, region in _cue_regions(units):
        found.extend(_items(region_kind, region, demoted))
    found.extend(_mission_sentences(units))
    found.extend(_inline_values(units))
    found.extend(_impact_bullets(units, {t.unit.index for t in found}))
    guidelines = [t for t in found if t.kind == "guideline"]
    found.extend(_spread_aims(units, guidelines, {t.unit.index for t in found}))
    found = _dedupe(sorted(found, key=lambda t: (t.unit.index, t.text)))
    return _with_parents(units, _as_printed_in_sentence_case(units, found)), demoted


def _cue_regions(units: Sequence[Unit]) -> Iterable[tuple[str, list[Unit]]]:
    pages: dict[Optional[int], list[Unit]] = {}
    for unit in units:
        pages.setdefault(_page_key(unit), []).append(unit)
    order = list(pages)
    for p, page_key in enumerate(order):
        page = pages[page_key]
        cues = [i for i, u in enumerate(page) if u.role == "heading" and cue_kind(u.text)]
        if not cues:
            continue
        bottom_up = min(cues) >= 2 and max(cues) >= len(page) - 2
        if bottom_up:
            start = 0
            for i in cues:
                yield cue_kind(page[i].text), page[start:i]
                start = i + 1
            continue
        for n, i in enumerate(cues):
            end = cues[n + 1] if n + 1 < len(cues) else len(page)
            region = page[i + 1 : end]
            if not region and n + 1 == len(cues) and p + 1 < len(order):
                region = _until_heading(pages[order[p + 1]])
            yield cue_kind(page[i].text), region


def _page_key(unit: Unit) -> object:
    # units of unknown pages are grouped by their position so regions stay local
    return unit.page if unit.page is not None else ("unknown", unit.index // 40)


def _until_heading(units: list[Unit]) -> list[Unit]:
    out = []
    for unit in units:
        if unit.role == "heading" and cue_kind(unit.text):
            break
        out.append(unit)
    return out


def _items(kind: str, region: list[Unit], demoted: set[int]) -> list[Typed]:
    out: list[Typed] = []
    for unit in region:
        if unit.role == "list_item" and kind in LIST_KINDS + SENTENCE_KINDS:
            out.append(Typed(unit, kind, unit.text, unit.number, rule=f"list under {kind} heading"))
        elif kind == "target" and _is_box_statement(unit):
            out.append(Typed(unit, kind, unit.text, rule="statement under target heading"))
        elif kind in PHRASE_KINDS and unit.role == "heading":
            demoted.add(unit.index)
            out.append(Typed(unit, kind, heading_text(unit.text), rule=f"phrase under {kind} heading"))
        elif kind == "value" and unit.role == "paragraph":
            out.extend(Typed(unit, "value", v, rule="enumeration under value heading") for v in _enumeration(unit.text))
        elif kind in SENTENCE_KINDS and unit.role in ("heading", "paragraph") and _is_short_statement(unit):
            if unit.role == "heading":
                demoted.add(unit.index)
            out.append(Typed(unit, kind, heading_text(unit.text), rule=f"statement under {kind} heading"))
    return out


def _is_short_statement(unit: Unit) -> bool:
    return unit.words <= ITEM_MAX_WORDS and len(sentences(unit.text)) == 1 and not _URL.search(unit.text)


def _is_box_statement(unit: Unit) -> bool:
    """A statement set in a narrow box: one or two sentences, no link."""
    return unit.role == "paragraph" and unit.words <= 40 and len(sentences(unit.text)) <= 2 and not _URL.search(unit.text) and unit.chars_per_line <= 32


def _enumeration(text: str) -> list[str]:
    """``"Asiakaslähtöisesti, yhdenvertaisesti ja vastuullisesti."`` → the three words."""
    body = text.strip().rstrip(".").strip()
    conj = "|".join(fi.LIST_CONJUNCTIONS + sv.LIST_CONJUNCTIONS)
    parts = [p.strip() for p in re.split(rf",\s*|\s+(?:{conj})\s+", body) if p.strip()]
    if len(parts) >= 2 and all(1 <= len(p.split()) <= 3 for p in parts):
        return parts
    return []


def _mission_sentences(units: Sequence[Unit]) -> list[Typed]:
    out = []
    for unit in units:
        if unit.role not in ("paragraph", "heading"):
            continue
        for sentence in sentences(unit.text):
            key = match_key(sentence)
            if any(re.search(m.MISSION_SENTENCE, key) for m in (fi, sv)):
                out.append(Typed(unit, "mission", sentence, rule="sentence states the basic task"))
    return out


def _inline_values(units: Sequence[Unit]) -> list[Typed]:
    out = []
    for unit in units:
        if unit.role != "paragraph":
            continue
        for sentence in sentences(unit.text):
            for module in (fi, sv):
                cue = re.search(module.VALUES_CUE, sentence, flags=re.IGNORECASE)
                if cue:
                    values = _enumeration(sentence[cue.end():].lstrip(" :"))
                    out.extend(Typed(unit, "value", v, rule="enumeration after 'our values'") for v in values)
    return out


def _impact_bullets(units: Sequence[Unit], taken: set[int]) -> list[Typed]:
    out = []
    for unit in units:
        if unit.role == "list_item" and unit.index not in taken:
            key = match_key(unit.text)
            if any(re.search(m.IMPACT_CUE, key) for m in (fi, sv)):
                out.append(Typed(unit, "impact", unit.text, unit.number, rule="bullet states an effect"))
    return out


def _spread_aims(units: Sequence[Unit], guidelines: list[Typed], taken: set[int]) -> list[Typed]:
    keys = {match_key(g.text) for g in guidelines}
    out = []
    for page in {u.page for u in units if u.page is not None}:
        on_page = [u for u in units if u.page == page]
        if any(u.role == "list_item" for u in on_page):
            continue
        if not any(match_key(u.text) in keys for u in on_page):
            continue
        for unit in on_page:
            if unit.index in taken or match_key(unit.text) in keys:
                continue
            if unit.role == "paragraph" and _is_short_statement(unit) and unit.text.endswith("."):
                out.append(Typed(unit, "aim", unit.text, rule="one-sentence paragraph on a guideline spread"))
    return out


def _dedupe(found: list[Typed]) -> list[Typed]:
    seen: set[str] = set()
    out = []
    for typed in found:
        key = match_key(typed.text)
        if key in seen or not key:
            continue
        seen.add(key)
        out.append(typed)
    return out


def _as_printed_in_sentence_case(units: Sequence[Unit], found: list[Typed]) -> list[Typed]:
    """A statement set with a capitalised first word ("EDISTÄMME asukkaidemme …") takes the
    wording of the same sentence printed elsewhere in normal case, when there is one."""
    shouting = [t for t in found if _shouts(t.text)]
    if not shouting:
        return found
    plain = {match_key(u.text): u.text for u in units if not _shouts(u.text)}
    return [
        Typed(t.unit, t.kind, plain[match_key(t.text)], t.number, t.parent_key, t.rule)
        if _shouts(t.text) and match_key(t.text) in plain else t
        for t in found
    ]


def _shouts(text: str) -> bool:
    first = text.split()[0] if text.split() else ""
    return len(first) > 1 and first.isupper() and len(text.split()) > 1 and not text.isupper()


def _with_parents(units: Sequence[Unit], found: list[Typed]) -> list[Typed]:
    """Goals, aims and targets get the guideline of their page, else the last one before them."""
    guideline_keys = {match_key(t.text): t for t in found if t.kind == "guideline"}
    on_page: dict[Optional[int], str] = {}
    last_before: dict[int, str] = {}
    current: Optional[str] = None
    for unit in units:
        key = match_key(unit.text)
        if key in guideline_keys:
            current = key
            if unit.page is not None:
                on_page.setdefault(unit.page, key)
        if current:
            last_before[unit.index] = current
    out = []
    for typed in found:
        if typed.kind in ("goal", "aim", "target"):
            parent = on_page.get(typed.unit.page) or last_before.get(typed.unit.index)
            if parent and parent != match_key(typed.text):
                typed = Typed(typed.unit, typed.kind, typed.text, typed.number, parent, typed.rule)
        out.append(typed)
    return out


def to_statements(document_id: str, typed: Sequence[Typed], section_of: dict[int, str]) -> list[Statement]:
    """Give typed statements their ids (``<document>/g<ordinal>``) and resolve parents."""
    ids = {match_key(t.text): f"{document_id}/g{i:04d}" for i, t in enumerate(typed, 1)}
    return [
        Statement(
            id=f"{document_id}/g{i:04d}",
            document_id=document_id,
            section_id=section_of.get(t.unit.index),
            parent_id=ids.get(t.parent_key) if t.parent_key else None,
            ordinal=i,
            kind=t.kind,
            number=t.number,
            text=t.text,
            lang=t.unit.lang,
            page=t.unit.page,
        )
        for i, t in enumerate(typed, 1)
    ]
