"""Continuation pages: a repeated title is a running title and the page is read with the page it continues."""

from __future__ import annotations

from extract.clean.continuations import mark_continuations
from extract.records import Block, Page, SourceDocument
from extract.statements import type_statements
from extract.structure import build_units


def _page(number: int, *blocks: tuple[str, str, int | None]) -> Page:
    return Page(number, tuple(Block((text,), number, role, level) for text, role, level in blocks))


def test_repeated_top_heading_of_a_pdf_page_marks_a_continuation():
    pages, removed = mark_continuations([
        _page(1, ("Tavoitteet (1/2)", "heading", 1), ("Ensimmäinen kappale.", "paragraph", None)),
        _page(2, ("Tavoitteet (2/2)", "heading", 1), ("Toinen kappale.", "paragraph", None)),
        _page(3, ("Muuta", "heading", 1)),
    ])
    assert [p.continues for p in pages] == [False, True, False]
    assert pages[1].blocks[0].role == "furniture"
    assert [(r.page, r.kind) for r in removed] == [(2, "running_title")]


def test_a_body_heading_that_opens_two_pages_is_no_continuation():
    pages, _ = mark_continuations([
        _page(1, ("Johdanto", "paragraph", None), ("Tavoitteet", "heading", 2)),
        _page(2, ("Tavoitteet", "heading", 2)),
    ])
    assert not any(p.continues for p in pages)


def test_units_of_continuation_pages_share_the_first_page_as_spread():
    pages, _ = mark_continuations([
        _page(4, ("Kotona turvallisemmin", "title", 1), ("Miten uudistumme", "heading", 2)),
        _page(5, ("Kotona turvallisemmin", "title", 1), ("Millaisia vaikutuksia tavoittelemme", "heading", 2)),
        _page(6, ("Muuta", "title", 1)),
    ])
    units = build_units(SourceDocument("deck.pptx", "pptx", tuple(pages), 3))
    assert [(u.page, u.spread) for u in units] == [(4, None), (4, None), (5, 4), (6, None)]


def test_a_promise_whose_actions_and_results_are_on_two_slides_is_found():
    """The title of a slide with the actions, continued on the next with the results, is a promise."""
    pages, _ = mark_continuations([
        _page(1, ("Muutoslupaukset", "title", 1), ("Kuusi lupausta uudistuksesta.", "paragraph", None)),
        _page(2, ("Kotona turvallisemmin", "title", 1), ("Miten uudistumme", "heading", 2),
              ("Kehitämme kotihoitoa.", "list_item", None)),
        _page(3, ("Kotona turvallisemmin", "title", 1), ("Millaisia vaikutuksia tavoittelemme", "heading", 2),
              ("Asiakkaat pärjäävät kotona.", "list_item", None)),
    ])
    typed, _ = type_statements(build_units(SourceDocument("deck.pptx", "pptx", tuple(pages), 3)))
    kinds = {t.text: t.kind for t in typed}
    assert kinds["Kotona turvallisemmin"] == "promise"
    assert kinds["Kehitämme kotihoitoa."] == "action"
    assert kinds["Asiakkaat pärjäävät kotona."] == "result"


def test_a_cue_on_a_later_slide_names_the_whole_series_of_boxes_and_the_title_is_its_first():
    """Boxes continued over slides: the cue set on the last one, the first box's title lifted to the slide title."""
    pages, _ = mark_continuations([
        _page(7, ("Avoin vuoropuhelu", "title", 1), ("Kerromme päätöksistä ajoissa.", "paragraph", None),
              ("Vastuullinen talous", "heading", 3), ("Pysymme raameissa.", "paragraph", None),
              ("Lähellä asukasta", "heading", 3), ("Palvelut ovat lähellä.", "paragraph", None)),
        _page(8, ("Avoin vuoropuhelu", "title", 1), ("Toimintaamme ohjaavat periaatteet", "heading", 2),
              ("Rohkea kokeilu", "heading", 3), ("Kokeilemme uutta.", "paragraph", None)),
    ])
    typed, _ = type_statements(build_units(SourceDocument("deck.pptx", "pptx", tuple(pages), 2)))
    principles = [t.text for t in typed if t.kind == "principle"]
    assert principles == ["Avoin vuoropuhelu", "Vastuullinen talous", "Lähellä asukasta", "Rohkea kokeilu"]
