"""Strategy summaries in reading order: a diagram's boxes read where its geometry is lost.

A text export keeps a summary page's boxes only as a sequence of short units,
and a layout that sets the diagram in the flow of running text keeps no house
or wheel shape (:mod:`extract.summary_pages` reads those). The sequence still
tells the diagram apart from running text:

- a **run** is a maximal sequence of short units: headlines (headings, or
  short paragraphs shaped like one) and one-sentence statements of at most
  :data:`extract.summary_pages.MAX_WORDS` words. Prose, a list, a table, a cue
  heading, a unit typed otherwise (a cue's item) or a heading of a higher level
  than the run's first headline (a new section opening) ends it. A run over
  a page break that reads as no diagram is read page by page, and a run
  that opens its page with a title (a heading not in the voice of the themes)
  and reads as no diagram is read without it;
- in a diagram, every headline of the run but one speaks as "we"
  (:func:`extract.voice.speaks_as_we`): the themes are commitments ("Olemme
  arvostettu kumppani", "Vi förnyar oss"), the centre they surround an
  impersonal phrase or motto. That one headline is the ``vision``; the
  others, at least :data:`extract.summary_pages.MIN_AROUND` and at most
  :data:`extract.summary_pages.MAX_RING`, are ``guideline``;
- the run's one-sentence statements are ``aim`` (the sentence under or beside
  each theme), when there is at most one per theme; more are short sentences
  of running text, left alone.

Anything else gives nothing: headlines all in one voice (a table of contents,
verbless theme names around a verbless centre, themes without a centre), or
more than one that does not speak as "we" (slide titles, a list of names beside
one "we" question). There the centre cannot be told without geometry, and it
is not guessed.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from extract.cues import read_cue
from extract.structure import Unit, looks_like_heading
from extract.summary_pages import MAX_RING, MAX_WORDS, MIN_AROUND, by_page, closes_sentence, one_sentence
from extract.voice import speaks_as_we


def run_statements(units: Sequence[Unit], taken: frozenset[int] = frozenset()) -> list[tuple[Unit, str, str]]:
    """The typed statements of every diagram run: ``(unit, kind, why)`` in document order.

    Headlines "Hyvä arki kaikille", "Teemme yhdessä", "Olemme lähellä", "Uudistamme rohkeasti" give
    ``vision`` for the first and ``guideline`` for the others.

    :param units: a document's units in reading order
    :param taken: indices of units typed otherwise (by a cue, or on a summary page read by its
        geometry): no box of a run, they end it
    """
    out: list[tuple[Unit, str, str]] = []
    for run in _runs(units, taken):
        out.extend(_read_titled(run) or [t for part in _by_page(run) for t in _read_titled(part)])
    return out


def _read_titled(run: Sequence[Unit]) -> list[tuple[Unit, str, str]]:
    """The run read as a diagram, or, when it opens its page with a heading that does not speak as "we"
    and reads as none, the run after that title."""
    found = _read(run)
    if found:
        return found
    first = run[0]
    titled = first.first_on_page and first.role == "heading" and not speaks_as_we(first.text, first.lang)
    return _read(run[1:]) if titled else []


def _by_page(run: Sequence[Unit]) -> list[list[Unit]]:
    """A run over several pages as one run per page (none for a run on one page): a diagram
    may go on over a page break, but a short title that ends the page before is no box of it."""
    pages = by_page(run)
    return list(pages.values()) if len(pages) > 1 else []


def _runs(units: Sequence[Unit], taken: frozenset[int]) -> Iterable[list[Unit]]:
    """Maximal runs of headlines and one-sentence statements, split where a section opens."""
    run: list[Unit] = []
    for unit in units:
        fits = unit.index not in taken and (_headline(unit) or _statement(unit))
        if not fits or _opens_section(unit, run):
            if run:
                yield run
            run = [unit] if fits else []
        else:
            run.append(unit)
    if run:
        yield run


def _read(run: Sequence[Unit]) -> list[tuple[Unit, str, str]]:
    headlines: list[Unit] = []
    statements: list[Unit] = []
    for unit in run:
        (headlines if _headline(unit) else statements).append(unit)
    if not MIN_AROUND + 1 <= len(headlines) <= MAX_RING + 1:
        return []
    others = [u for u in headlines if not speaks_as_we(u.text, u.lang)]
    if len(others) != 1:
        return []
    centre, themes = others[0], [u for u in headlines if u is not others[0]]
    aims = statements if len(statements) <= len(themes) else []
    out = [(centre, "vision", "the one headline of another voice in a run of headline boxes")]
    out += [(u, "guideline", "headline box around the centre of a run of headline boxes") for u in themes]
    out += [(u, "aim", "one-sentence box of a run of headline boxes") for u in aims]
    return sorted(out, key=lambda t: t[0].index)


def _headline(unit: Unit) -> bool:
    shaped = unit.role == "heading" or (unit.role == "paragraph" and looks_like_heading(unit.text))
    return shaped and unit.words <= MAX_WORDS and read_cue(unit.text) is None


def _statement(unit: Unit) -> bool:
    return unit.role == "paragraph" and closes_sentence(unit) and one_sentence(unit)


def _opens_section(unit: Unit, run: Sequence[Unit]) -> bool:
    """A heading of a higher level (a smaller number) than the run's first headline."""
    first = next((u for u in run if u.role == "heading"), None)
    return unit.role == "heading" and first is not None and (unit.level or 1) < (first.level or 1)
