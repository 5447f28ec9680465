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


GLUED_MIN_WORDS = 2  # a container title this long is recognised at the start of a longer heading
OVERVIEW = 3  # containers printed one after another on a page, nothing between: a list of them, heading no items


@dataclass(frozen=True)
class _Printed:
    """The container last printed up to a unit."""

    page: object
    key: str
    lang: str
    # printed in an overview (:data:`OVERVIEW`), or again atop a page after its items were: a reference
    # to it (a running title set in the text), not the heading of what follows when another one follows
    listed: bool


@dataclass
class _Pages:
    """Where the containers stand, page by page (:func:`_pages`)."""

    titles: dict[object, str]  # page → the container its running title names
    firsts: dict[object, str]  # page → its first container, where that one stands under its items (bottom-up)
    last_before: dict[int, _Printed]  # unit index → the container last printed up to it
    next_after: dict[int, str]  # unit index → the next container printed on its page
    runs_on: dict[object, str]  # page → how the page before ends: "item", or "container" (a heading left at its foot)
    previous_page: dict[object, object]  # page → the page read before it


def _pages(units: Sequence[Unit], typed_from: Mapping[int, str], items: set[int],
           labels: Mapping[Optional[int], frozenset[str]]) -> _Pages:
    """The containers of each page, read in reading order.

    ``typed_from`` maps the unit each container was typed from to its key: a unit prints a
    container when it was typed from it, reads as its text, or is a heading that opens with
    its text (of :data:`GLUED_MIN_WORDS` words or more) and goes on: a title run together with
    the subheading after it ("… för barn och unga Varför behövs förnyelse"), as an export that
    keeps no line ends may print it. ``items`` holds the indices of the units typed as items.

    A running title naming a container whose items the page before printed, and then another
    container, is that page's title carried on (a slide continued under its first heading), not
    the container of what follows: the page then has none and reading order decides. (An overview
    page listing every guideline before the first one's own page prints no items under them.)
    A page runs on from the page before when that one ends in an item, or in a container's
    heading followed by nothing but headings (left at the page's foot) and not one of an overview.
    A page may be laid out bottom-up, its items before its first container belonging to that one:
    when it opens with an item, not a heading, or when no item follows that container on it.
    """
    containers = set(typed_from.values())
    titles_of = sorted((k for k in containers if len(k.split()) >= GLUED_MIN_WORDS), key=len, reverse=True)

    def printed_key(unit: Unit) -> Optional[str]:
        key = typed_from.get(unit.index) or match_key(heading_text(unit.text))
        if key in containers:
            return key
        if unit.role == "heading":  # a container's title run together with the heading after it
            return next((k for k in titles_of if key.startswith(k + " ")), None)
        return None

    titles: dict[object, str] = {page: min(keys & containers) for page, keys in labels.items() if keys & containers}
    keys = [printed_key(unit) for unit in units]
    opens_with_item: dict[object, bool] = {}
    last_before: dict[int, _Printed] = {}
    printed: dict[object, list[list]] = {}  # page → [container, whether items followed it] in reading order
    tails: dict[object, Optional[str]] = {}
    previous_page: dict[object, object] = {}
    current: Optional[_Printed] = None
    in_a_row = 0  # containers printed one after another up to here
    complete: set[str] = set()  # the containers whose items have been printed
    for i, unit in enumerate(units):
        if unit.page not in printed:
            printed[unit.page] = []
            previous_page[unit.page] = units[i - 1].page if i else None
            opens_with_item[unit.page] = unit.index in items
            in_a_row = 0  # an overview is printed on one page
        key = keys[i]
        if key:
            in_a_row += 1
            repeated = unit.first_on_page and key in complete
            current = _Printed(unit.page, key, unit.lang, in_a_row >= OVERVIEW or repeated)
            printed[unit.page].append([key, False])
            tails[unit.page] = "container" if unit.role == "heading" and not current.listed else None
        else:
            in_a_row = 0
            if unit.index in items:
                tails[unit.page] = "item"
                if printed[unit.page]:
                    printed[unit.page][-1][1] = True
                if current:
                    complete.add(current.key)
            elif unit.role != "heading":
                tails[unit.page] = None
        if current:
            last_before[unit.index] = current
    next_after: dict[int, str] = {}
    following: Optional[tuple[object, str]] = None
    for unit, key in zip(reversed(units), reversed(keys)):
        if following and following[0] == unit.page:
            next_after[unit.index] = following[1]
        if key:
            following = (unit.page, key)
    for page in sorted(titles):
        before = printed.get(previous_page.get(page), [])
        if any(key == titles[page] and had_items for key, had_items in before[:-1]):
            del titles[page]
    firsts = {page: found[0][0] for page, found in printed.items()
              if page is not None and found and (opens_with_item[page] or not found[0][1])}
    # a container at a page's foot that stands under its items there (bottom-up) heads nothing on the next page
    runs_on = {page: tails[before] for page, before in previous_page.items() if tails.get(before)
               and not (tails[before] == "container" and firsts.get(before) == printed[before][-1][0])}
    return _Pages(titles, firsts, last_before, next_after, runs_on, previous_page)


def with_parents(
    units: Sequence[Unit], found: list[Typed], labels: Mapping[Optional[int], frozenset[str]]
) -> list[Typed]:
    """Items (goals, aims, targets, actions, results) get the container statement
    (guideline, principle, promise) last printed before them on their page (one printed
    after them there when that one was in an overview of containers), else the one their
    page's running title names (:func:`_pages`), else, at the top of a page that runs on
    from the page before, the parent of the item before them (in their language) or the
    container left at that page's foot, else the first one printed on their page when it
    stands under its items (a page laid out bottom-up), else the last one printed on the
    page before, in their language: a container pages away, over another chapter, heads nothing,
    and in a deck of slides in two languages a slide's items do not take the title of the one before.
    Items lettered A, B, … after an item that ends with a colon belong to that item.
    A ``standalone`` statement takes no parent and is none: which box stands under which is lost."""
    typed_from = {t.unit.index: match_key(t.text) for t in found if t.kind in CONTAINER_KINDS and not t.standalone}
    placed = sorted((n for n, t in enumerate(found) if t.kind in ITEM_KINDS and not t.standalone),
                    key=lambda n: found[n].unit.index)
    pages = _pages(units, typed_from, {found[n].unit.index for n in placed}, labels)
    parents: dict[int, str] = {}  # position in ``found`` → parent key
    lead_in: Optional[Typed] = None
    previous: Optional[int] = None
    for n in placed:  # in reading order: an item atop a page may take the parent of the one before
        typed = found[n]
        index, page = typed.unit.index, typed.unit.page
        before = pages.last_before.get(index)
        same_page = before.key if before and before.page == page else None
        if same_page and before.listed and not pages.runs_on.get(page):
            same_page = pages.next_after.get(index, same_page)
        continued = previous is not None and found[previous].unit.lang == typed.unit.lang  # a list keeps its language
        near = (before is not None and before.lang == typed.unit.lang
                and before.page in (page, pages.previous_page.get(page)))
        ends = pages.runs_on.get(page)  # how the page before ends, when this one runs on from it
        runs_on = (parents.get(previous) if ends == "item" and continued
                   else before.key if ends == "container" and near else None)
        parent = (same_page or pages.titles.get(page) or runs_on or pages.firsts.get(page)
                  or (before.key if near else None))
        if lead_in and typed.number and typed.number.isalpha() and typed.kind == lead_in.kind:
            parent = match_key(lead_in.text)
        elif typed.number and not typed.number.isalpha():
            lead_in = typed if typed.text.rstrip().endswith(":") else None
        if parent and parent != match_key(typed.text):
            parents[n] = parent
        previous = n
    return [replace(t, parent_key=parents[n]) if n in parents else t for n, t in enumerate(found)]


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
