"""Blocks that hold two languages split into one block per language.

A bilingual slide or page may put Finnish and Swedish in one block: a title
"Arvomme / Våra värderingar" on two lines, a text box alternating Finnish and
Swedish lines, a PDF paragraph with its translation set right under it.
Parallel-text detection pairs units of one language each, so such a block is
cut where its language changes (:func:`extract.language.split_by_language`),
whatever reader produced it.

A single line "Arvomme / Våra värderingar" (or with " – ", " | ") is first
cut at its separator when the two sides are in two different languages.

A cut between lines is kept only where a new segment can start: not before a line that
begins in lower case (it continues the sentence of the line before) and not
after a line ending in a hyphen or a comma. Each resulting run is judged
again as a whole; a run whose language is undecided, or the same as its
neighbour's, joins that neighbour, and so does a run of one or two words at
the block's start or end beside a long run (a name such as "Senior Info"
judged Finnish at the end of a Swedish paragraph). Tables, rotated text and furniture are
left as they are. A slide title split in two goes each part with its own
language's text when the slide gives one language after the other.

Example::

    source = split_bilingual(read_pptx("deck.pptx"))
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from extract.language import UNDECIDED, detect_language, split_by_language
from extract.records import Block, Page, SourceDocument

_TEXT_ROLES = frozenset({"title", "heading", "paragraph", "list_item", "caption", "notes"})
_CONTINUES = ("-", "\u00ad", ",")
#: A run this short at a block's edge beside a run at least this long is a stray (a name).
STRAY_WORDS = 2
LONG_RUN_WORDS = 8
_SEPARATOR = re.compile(r"\s+[/|–—]\s+")


def _may_cut(before: str, after: str) -> bool:
    """Whether a new segment may start at line ``after`` following line ``before``."""
    first = after.lstrip()[:1]
    return not first.islower() and not before.rstrip().endswith(_CONTINUES)


def _merge_equal(runs: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Neighbouring runs of one language joined; undecided runs join the run before (or after)."""
    out: list[tuple[str, list[str]]] = []
    for lang, lines in runs:
        if out and (lang == UNDECIDED or lang == out[-1][0]):
            out[-1][1].extend(lines)
        elif out and out[-1][0] == UNDECIDED:
            out[-1] = (lang, out[-1][1] + lines)
        else:
            out.append((lang, list(lines)))
    return out


def split_separated(line: str) -> list[str]:
    """A line of two languages joined by one separator as its two sides, else the line alone.

    Example: ``split_separated("Arvomme / Våra värderingar") == ["Arvomme", "Våra värderingar"]``;
    ``split_separated("2026 – 2029") == ["2026 – 2029"]``.

    :param line: one line of a block.
    """
    parts = _SEPARATOR.split(line.strip())
    if len(parts) != 2:
        return [line]
    langs = {detect_language(part) for part in parts}
    return parts if len(langs) == 2 and UNDECIDED not in langs else [line]


def language_runs(lines: Sequence[str]) -> list[list[str]]:
    """The lines cut into consecutive runs of one language each (one run when there is no cut).

    Example::

        language_runs(["Arvomme", "Våra värderingar"])          # [["Arvomme"], ["Våra värderingar"]]
        language_runs(["Palvelujen uudistamisen", "strategia"])  # one run: the second line continues

    :param lines: a block's lines in order.
    """
    runs: list[tuple[str, list[str]]] = []
    for lang, run in split_by_language(lines):
        if runs and not _may_cut(runs[-1][1][-1], run[0]):
            runs[-1][1].extend(run)
        else:
            runs.append((lang, list(run)))
    if len(runs) < 2:
        return [list(lines)] if lines else []
    judged = [(detect_language(" ".join(line.strip() for line in run)), run) for _, run in runs]
    return _absorb_stray_edges([run for _, run in _merge_equal(judged)])


def _words(lines: Sequence[str]) -> int:
    return sum(len(line.split()) for line in lines)


def _absorb_stray_edges(runs: list[list[str]]) -> list[list[str]]:
    """A run of a name or a fragment (at most :data:`STRAY_WORDS` words) at the start or end of a
    block joins the long run (at least :data:`LONG_RUN_WORDS` words) beside it; a title and its
    translation are both short and stay apart."""
    if len(runs) > 1 and _words(runs[-1]) <= STRAY_WORDS and _words(runs[-2]) >= LONG_RUN_WORDS:
        runs = runs[:-2] + [runs[-2] + runs[-1]]
    if len(runs) > 1 and _words(runs[0]) <= STRAY_WORDS and _words(runs[1]) >= LONG_RUN_WORDS:
        runs = [runs[0] + runs[1]] + runs[2:]
    return runs


def split_block(block: Block) -> list[Block]:
    """The block as one block per language run (the block itself when it holds one language).

    Every part keeps the block's role, level, marker, page, box and font.

    :param block: a block of any reader.
    """
    if block.role not in _TEXT_ROLES:
        return [block]
    lines = [part for line in block.lines for part in split_separated(line)]
    if len(lines) < 2:
        return [block]
    runs = language_runs(lines)
    if len(runs) < 2:
        return [block]
    return [replace(block, lines=tuple(run)) for run in runs]


def _title_beside_its_text(blocks: list[Block]) -> list[Block]:
    """A page whose split title is followed by its body in the same two languages, one after
    the other, with the second title moved to where that language's body starts.

    "Arvomme / Våra värderingar" over a Finnish column and a Swedish column reads
    as the Finnish title, the Finnish column, the Swedish title, the Swedish
    column: each language's title heads its own text, as in a page set one
    language after the other. Pages alternating between the languages are left
    as they are.
    """
    first, second = (detect_language(b.raw_text) for b in blocks[:2])
    if UNDECIDED in (first, second) or first == second:
        return blocks
    body = [(i, lang) for i, b in enumerate(blocks) if i >= 2 and b.role != "notes"
            for lang in [detect_language(b.raw_text)] if lang in (first, second)]
    order = [lang for _, lang in body]
    if not order or order[0] != first or second not in order or first in order[order.index(second):]:
        return blocks
    at = body[order.index(second)][0]
    return [blocks[0], *blocks[2:at], blocks[1], *blocks[at:]]


def _split_page(page: Page) -> Page:
    """The page with its two-language blocks split, and a split title set beside its text."""
    if not page.blocks:
        return page
    head = split_block(page.blocks[0])
    blocks = head + [part for b in page.blocks[1:] for part in split_block(b)]
    if len(head) == 2 and head[0].role == "title":
        blocks = _title_beside_its_text(blocks)
    return replace(page, blocks=tuple(blocks))


def split_bilingual(source: SourceDocument) -> SourceDocument:
    """The document with every two-language block split by language (see the module docstring).

    :param source: a reader's output.
    """
    pages = tuple(_split_page(page) for page in source.pages)
    if all(new.blocks == old.blocks for new, old in zip(pages, source.pages)):
        return source
    return replace(source, pages=pages)
