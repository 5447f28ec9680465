"""A row of titles set on one line is none of the titles (extract.title_rows)."""

from __future__ import annotations

from extract.statements import type_statements
from extract.structure import Unit
from extract.title_rows import title_rows


def _units(*specs: tuple) -> list[Unit]:
    """(page, role, text) → Swedish units, headings at level 2 under a page title at level 1."""
    out = []
    for i, (page, role, text) in enumerate(specs):
        same = [s for s in specs if s[0] == page]
        level = (1 if specs[i] is same[0] else 2) if role == "heading" else None
        out.append(Unit(i, text, role, level, None, None, page, "sv", specs[i] is same[0], specs[i] is same[-1], 40.0))
    return out


UNITS = _units(
    (1, "heading", "Strategi i sammandrag"),
    (1, "heading", "Våra förändringslöften"),
    (1, "heading", "Tryggt hemma Smidigare vårdkedjor"),
    (1, "heading", "En läkare för alla"),
    (2, "heading", "Tryggt hemma"),
    (2, "paragraph", "Varför behövs förnyelse Befolkningen åldras snabbt i hela området och behoven ökar."),
    (3, "heading", "Smidigare vårdkedjor"),
    (3, "paragraph", "Varför behövs förnyelse Kunden vet inte alltid vem som svarar för tjänsten."),
)


def test_a_heading_made_of_titles_printed_on_their_own_is_a_row_of_them():
    assert title_rows(UNITS) == {2}


def test_a_row_of_promise_titles_is_not_typed_as_one_promise():
    typed = {(t.kind, t.text) for t in type_statements(UNITS)[0]}
    assert ("promise", "Tryggt hemma Smidigare vårdkedjor") not in typed
    assert ("promise", "En läkare för alla") in typed


def test_a_heading_that_only_begins_with_another_title_is_no_row():
    units = _units(
        (1, "heading", "Tryggt hemma"),
        (1, "heading", "Tryggt hemma för alla äldre"),
        (2, "heading", "för alla"),
    )
    assert title_rows(units) == set()
