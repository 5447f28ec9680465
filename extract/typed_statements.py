"""Typed statements, what the typing rules of :mod:`extract.statements` find, and how they become records.

A text typed twice in one document is kept once (:func:`dedupe`), a statement
set with a shouted first word takes the wording printed elsewhere in normal
case, items get the guideline, principle or promise they stand under as parent
(:func:`with_parents`), and :func:`to_statements` gives ids.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Optional, Sequence

from extract.clean.normalize import match_key
from extract.records import Statement
from extract.structure import Unit, heading_text


@dataclass(frozen=True)
class Typed:
    """A statement found by a rule, before ids are given."""

    unit: Unit
    kind: str
    text: str
    number: Optional[str] = None
    parent_key: Optional[str] = None
    rule: str = ""
    strength: int = 1  # which typing of a text seen twice wins (see dedupe)
    standalone: bool = False  # a box of a diagram read without its geometry: neither parent nor child of another


def dedupe(found: list[Typed]) -> list[Typed]:
    """One typing per text: the strongest evidence, the first of equals.

    A text typed under a heading that names it alone ("Riktlinje 2") or as
    the title of its own page outweighs the same text in a list of a crowded
    overview page, which outweighs a sentence rule.
    """
    best: dict[str, Typed] = {}
    for typed in found:
        key = match_key(typed.text)
        if key and (key not in best or typed.strength > best[key].strength):
            best[key] = typed
    return sorted(best.values(), key=lambda t: (t.unit.index, t.text))


def as_printed_in_sentence_case(units: Sequence[Unit], found: list[Typed]) -> list[Typed]:
    """A statement set with a capitalised first word ("EDISTÄMME asukkaidemme …") takes the
    wording of the same sentence printed elsewhere in normal case, when there is one."""
    shouting = [t for t in found if _shouts(t.text)]
    if not shouting:
        return found
    plain = {match_key(u.text): u.text for u in units if not _shouts(u.text)}
    return [
        replace(t, text=plain[match_key(t.text)])
        if _shouts(t.text) and match_key(t.text) in plain else t
        for t in found
    ]


def _shouts(text: str) -> bool:
    first = text.split()[0] if text.split() else ""
    return len(first) > 1 and first.isupper() and len(text.split()) > 1 and not text.isupper()


CONTAINER_KINDS = ("guideline", "principle", "promise")
ITEM_KINDS = ("goal", "aim", "target", "action", "result")


def with_parents(
    units: Sequence[Unit], found: list[Typed], labels: Mapping[Optional[int], frozenset[str]]
) -> list[Typed]:
    """Items (goals, aims, targets, actions, results) get the container statement
    (guideline, principle, promise) last printed before them on their page, else the
    first on their page (a page laid out bottom-up), else the last one before them.
    Items lettered A, B, … after an item that ends with a colon belong to that item.
    A ``standalone`` statement takes no parent and is none: which box stands under which is lost."""
    containers = {match_key(t.text) for t in found if t.kind in CONTAINER_KINDS and not t.standalone}
    on_page: dict[object, str] = {page: min(keys & containers) for page, keys in labels.items() if keys & containers}
    last_before: dict[int, tuple[object, str]] = {}
    current: Optional[tuple[object, str]] = None
    for unit in units:
        key = match_key(heading_text(unit.text))
        if key in containers:
            current = (unit.page, key)
            if unit.page is not None and unit.page not in labels:
                on_page.setdefault(unit.page, key)
        if current:
            last_before[unit.index] = current
    out: list[Typed] = []
    lead_in: Optional[Typed] = None
    for typed in found:
        if typed.kind in ITEM_KINDS and not typed.standalone:
            before = last_before.get(typed.unit.index)
            same_page = before[1] if before and before[0] == typed.unit.page else None
            parent = same_page or on_page.get(typed.unit.page) or (before[1] if before else None)
            if lead_in and typed.number and typed.number.isalpha() and typed.kind == lead_in.kind:
                parent = match_key(lead_in.text)
            elif typed.number and not typed.number.isalpha():
                lead_in = typed if typed.text.rstrip().endswith(":") else None
            if parent and parent != match_key(typed.text):
                typed = replace(typed, parent_key=parent)
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
