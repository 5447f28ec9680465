"""Pages that run on: a cue's region ends at the next chapter, whatever the page (extract.sheets)."""

from __future__ import annotations

from typing import Optional

from extract.sheets import chapter_level, sheets
from extract.statements import type_statements
from extract.structure import Unit


def _units(*specs: tuple) -> list[Unit]:
    """(page, role, level, text) → Swedish units in reading order, first/last on page marked."""
    out = []
    for i, (page, role, level, text) in enumerate(specs):
        same = [s for s in specs if s[0] == page]
        marker: Optional[str] = "•" if role == "list_item" else None
        out.append(Unit(i, text, role, level, marker, None, page, "sv", specs[i] is same[0], specs[i] is same[-1], 60.0))
    return out


def _typed(units: list[Unit]) -> set[tuple[str, str]]:
    return {(t.kind, t.text) for t in type_statements(units)[0]}


# a summary chapter ends mid-page with its guidelines, a fact chapter without any cue follows on the same page
RUN_ON = (
    (1, "heading", 1, "Strategi för området"),
    (1, "heading", 2, "Riktlinjer"),
    (1, "heading", 2, "Vi ordnar tjänster på ett hållbart sätt"),
    (1, "heading", 2, "Vi skapar en eftertraktad arbetsplats"),
    (1, "heading", 1, "Vad är området"),
    (1, "heading", 2, "Ung befolkning"),
    (1, "paragraph", None, "Var femte invånare är under 18 år."),
    (2, "heading", 2, "Tvåspråkig arbetsplats"),
    (2, "paragraph", None, "(1,8 miljarder euro)"),
    (2, "heading", 1, "Förändringslöften"),
    (2, "paragraph", None, "Våra löften beskrivs på de följande sidorna, var och en med sina åtgärder och resultat."),
)


def test_a_cue_types_nothing_of_the_next_chapter_begun_on_its_page():
    typed = _typed(_units(*RUN_ON))
    assert typed == {("guideline", "Vi ordnar tjänster på ett hållbart sätt"),
                     ("guideline", "Vi skapar en eftertraktad arbetsplats")}


def test_where_chapters_run_on_a_sheet_is_a_chapter_across_the_page_break():
    units = _units(*RUN_ON)
    assert chapter_level(units) == 1
    assert [[u.index for u in sheet] for sheet in sheets(units).values()] == [[0, 1, 2, 3], [4, 5, 6, 7, 8], [9, 10]]


def test_where_every_chapter_opens_a_page_the_sheets_are_the_pages():
    units = _units(
        (1, "heading", 1, "Strategi för området"),
        (1, "heading", 2, "Riktlinjer"),
        (1, "heading", 2, "Vi ordnar tjänster på ett hållbart sätt"),
        (2, "heading", 1, "Vad är området"),
        (2, "heading", 2, "Ung befolkning"),
        (3, "heading", 1, "Förändringslöften"),
    )
    assert chapter_level(units) is None
    assert [[u.index for u in sheet] for sheet in sheets(units).values()] == [[0, 1, 2], [3, 4], [5]]


def test_a_promise_chapter_begun_mid_page_keeps_its_actions_over_the_page_break_to_its_results():
    units = _units(
        (1, "heading", 1, "Förändringslöften"),
        (1, "paragraph", None, "Våra löften beskrivs på de följande sidorna, var och en med sina åtgärder och resultat."),
        (1, "heading", 1, "Tryggare liv hemma"),
        (1, "paragraph", None, "Varför behövs förnyelse En åldrande befolkning kräver att tjänsterna i hemmet förnyas."),
        (1, "heading", 2, "Hur vi förnyar oss"),
        (1, "list_item", None, "Vi inrättar en lägescentral för hemvården."),
        (2, "list_item", None, "Vi utvecklar närståendevården."),
        (2, "heading", 2, "Resultat vi vill uppnå"),
        (2, "list_item", None, "Närståendevårdarna klarar bättre av vardagen."),
        (2, "heading", 1, "En husläkare för alla"),
        (2, "paragraph", None, "Varför behövs förnyelse Vårdens kontinuitet bygger på en långvarig vårdrelation."),
    )
    typed = _typed(units)
    assert ("promise", "Tryggare liv hemma") in typed
    assert ("action", "Vi inrättar en lägescentral för hemvården.") in typed
    assert ("action", "Vi utvecklar närståendevården.") in typed
    assert ("result", "Närståendevårdarna klarar bättre av vardagen.") in typed
    assert not any(text.startswith("Varför") for _, text in typed)
