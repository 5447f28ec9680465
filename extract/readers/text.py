"""Text exports of PDFs and slide decks: recover pages, remove furniture, find blocks.

What such an export carries and how it is read:

- a page starts with a line that begins with a single space, or after a run of
  three or more blank lines;
- footers are glued to their page number and date (``1426.11.2025`` is page
  14 of 26.11.2025; ``72025-11-26Strategi …`` is page 7 with a running title),
  or are a running title beside a bare page number; they give absolute page
  numbers, which anchor the page count. Where the text contradicts itself (more
  pages by footer than by page breaks) the pages in between are unknown;
- rotated text comes one or two letters a line and is kept apart;
- paragraphs are separated by blank lines; list items start with a marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional

from extract.clean.furniture import remove_furniture
from extract.errors import ExtractionError
from extract.lang import fi, sv
from extract.lexicons import is_word
from extract.readers.text_tables import rebuild_tables
from extract.records import Block, Page, Removal, SourceDocument

_PAGE_START = re.compile(r"^ {1,2}(?=\S)")
# page number glued to a date: "1426.11.2025" (dd.mm.yyyy, two-digit day) or
# "72025-11-26Strategi …" (ISO date, a running title may follow without a space)
_GLUED_DATE_FOOTER = re.compile(
    r"^(\d{1,3})(?:(?:[0-2]\d|3[01])\.(?:0?[1-9]|1[0-2])\.\d{4}|\d{4}-\d{2}-\d{2}(?:[^\W\d].*)?)$"
)
_BARE_NUMBER = re.compile(r"^\s*([1-9]\d{0,2})\s*$")
_MARKER = re.compile(r"^\s*(?P<marker>[•▪●◦‣–-]|\d{1,2}[.)]|[A-Z][.)]|\d\))(?:\t|\s+)(?=\S)")
_GLUE = re.compile(r"(?<=[a-zåäö]{2})(?=[A-ZÅÄÖ][a-zåäö])")
_ROTATED_LINE_MAX = 3
_ROTATED_RUN_MIN = 5
_SPACED_SHARE = 0.25


@dataclass(frozen=True)
class _Chunk:
    """The lines of one page, the page number its footer gives, and ``(kind, text)`` of lines taken out."""

    lines: tuple[str, ...]
    footer_page: Optional[int]
    removed: tuple[tuple[str, str], ...] = ()


def read_text(path: str | Path) -> SourceDocument:
    """Read a text export of a PDF or deck into pages of blocks.

    >>> doc = read_text("corpus/luvn-strategia-2023-2025.txt")
    >>> doc.pages[0].blocks[0].role
    'paragraph'

    :param path: the ``.txt`` file
    :raises ExtractionError: E101 when missing, E102 when unreadable
    """
    path = Path(path)
    text, warnings = _decode(path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines, rotated = _take_rotated_runs(lines)
    breaks = "spaced" if marks_word_ends(lines) else "unmarked"
    chunks, footers = _split_pages(lines)
    numbers, page_warnings = _number_pages(chunks)
    warnings.extend(page_warnings)
    pages = [
        Page(number=number, blocks=tuple(_blocks(chunk.lines, number, breaks)))
        for chunk, number in zip(chunks, numbers)
    ]
    for index, run in rotated:
        page = numbers[_chunk_of_line(chunks, index)] if chunks else None
        target = next((p for p in pages if p.number == page), pages[0] if pages else None)
        if target is not None:
            i = pages.index(target)
            pages[i] = Page(target.number, target.blocks + (Block(lines=(run,), page=page, role="rotated"),))
    pages, removals = remove_furniture(pages, _is_edge_block)
    pages = rebuild_tables(pages)
    removals = (
        [Removal(page=p, kind="footer", text=t) for p, t in _footer_pages(footers, numbers)]
        + [Removal(page=n, kind=k, text=t) for chunk, n in zip(chunks, numbers) for k, t in chunk.removed]
        + removals
    )
    has_evidence = len(chunks) > 1 or any(c.footer_page for c in chunks)
    page_count = max((n for n in numbers if n), default=None) if has_evidence else None
    return SourceDocument(
        path=str(path),
        source_kind="text",
        pages=tuple(pages),
        page_count=page_count,
        removals=tuple(removals),
        warnings=tuple(warnings),
    )


def _decode(path: Path) -> tuple[str, list[tuple[Optional[int], str]]]:
    if not path.is_file():
        raise ExtractionError("E101", "file not found", str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError("E102", f"cannot read file: {exc.strerror}", str(path)) from exc
    if b"\x00" in data[:4096]:
        raise ExtractionError("E102", "binary data, not a text export", str(path))
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), [(None, "not UTF-8: decoded as Windows-1252")]
    except UnicodeDecodeError:
        return data.decode("latin-1"), [(None, "not UTF-8: decoded as Latin-1")]


def marks_word_ends(lines: list[str]) -> bool:
    """Whether the exporter ends lines that stop at a word boundary with whitespace.

    Such exporters leave a trailing space at most soft line ends inside a
    paragraph, so a line end without one is a lost hyphen or a hard break
    (a heading above its paragraph). Others strip every line; there a line
    end says nothing. Decided per file: more than a quarter of the line ends
    inside paragraphs carry trailing whitespace (exports are either mostly
    spaced or not at all).
    """
    inner = [a for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    return bool(inner) and sum(a[-1:].isspace() for a in inner) > _SPACED_SHARE * len(inner)


def _take_rotated_runs(lines: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """Cut runs of one-to-three-letter lines (rotated text spelled out) out of the body.

    Returns the remaining lines (a run is replaced by one empty line so line
    indices keep their meaning for page lookup) and ``(line_index, text)`` per run.
    """
    kept: list[str] = []
    runs: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        j, short = i, []
        while j < len(lines):
            if _is_letter_fragment(lines[j]):
                short.append(lines[j])
                j += 1
            elif not lines[j].strip() and j + 1 < len(lines) and _is_letter_fragment(lines[j + 1]) and short:
                j += 1  # single blank lines between the fragments belong to the run
            else:
                break
        if len(short) >= _ROTATED_RUN_MIN:
            runs.append((len(kept), re.sub(r"\s+", " ", "".join(short)).strip()))
            kept.append("")
            i = j
        else:
            kept.append(lines[i])
            i += 1
    return kept, runs


def _is_letter_fragment(line: str) -> bool:
    return 0 < len(line.strip()) <= _ROTATED_LINE_MAX and not _BARE_NUMBER.match(line)


def _split_pages(lines: list[str]) -> tuple[list[_Chunk], list[tuple[int, str]]]:
    """Split at page starts; strip glued footers, remembering their page numbers."""
    chunks: list[_Chunk] = []
    footers: list[tuple[int, str]] = []
    current: list[str] = []
    footer_page: Optional[int] = None
    blank_run = 0

    def close() -> None:
        nonlocal current, footer_page
        if any(line.strip() for line in current):
            chunks.append(_Chunk(tuple(current), footer_page))
        current, footer_page = [], None

    for line in lines:
        if not line.strip():
            blank_run += 1
            current.append("")
            continue
        starts_page = bool(_PAGE_START.match(line)) or blank_run >= 3
        blank_run = 0
        if starts_page:
            close()
        footer = _GLUED_DATE_FOOTER.match(line.strip())
        if footer:
            footer_page = int(footer.group(1))
            footers.append((len(chunks), line.strip()))
            continue
        current.append(line[1:] if _PAGE_START.match(line) else line)
    close()
    return _strip_bare_page_numbers(chunks), footers


def _strip_bare_page_numbers(chunks: list[_Chunk]) -> list[_Chunk]:
    """A bare number beside a line that recurs in the document is a page number with its running title."""
    counts: dict[str, int] = {}
    for chunk in chunks:
        for line in {l.strip().casefold() for l in chunk.lines if l.strip()}:
            counts[line] = counts.get(line, 0) + 1
    out = []
    for chunk in chunks:
        lines = list(chunk.lines)
        page = chunk.footer_page
        removed: list[tuple[str, str]] = []
        content = [i for i, l in enumerate(lines) if l.strip()]
        for pos, i in enumerate(content):
            number = _BARE_NUMBER.match(lines[i])
            if not number:
                continue
            neighbours = [content[p] for p in (pos - 1, pos + 1) if 0 <= p < len(content)]
            if any(counts.get(lines[n].strip().casefold(), 0) >= 2 for n in neighbours):
                page = page or int(number.group(1))
                titles = [n for n in neighbours if counts.get(lines[n].strip().casefold(), 0) >= 2]
                removed += [("page_number", lines[i].strip())] + [("running_title", lines[n].strip()) for n in titles]
                for n in [i] + titles:
                    lines[n] = ""
        out.append(_Chunk(tuple(lines), page, tuple(removed)))
    return out


def _number_pages(chunks: list[_Chunk]) -> tuple[list[Optional[int]], list[tuple[Optional[int], str]]]:
    """Page numbers from chunk order, anchored by footers; unknown where they disagree."""
    if len(chunks) <= 1 and not any(c.footer_page for c in chunks):
        return [None] * len(chunks), [(None, "no page breaks in the text: pages unknown")]
    anchors = [(i, c.footer_page) for i, c in enumerate(chunks) if c.footer_page]
    if not anchors:
        return list(range(1, len(chunks) + 1)), []
    numbers: list[Optional[int]] = [None] * len(chunks)
    warnings: list[tuple[Optional[int], str]] = []
    first_i, first_p = anchors[0]
    for i in range(0, first_i + 1):
        numbers[i] = first_p - (first_i - i) if first_p - (first_i - i) >= 1 else None
    for (a_i, a_p), (b_i, b_p) in zip(anchors, anchors[1:]):
        if b_p - a_p == b_i - a_i:
            for i in range(a_i, b_i + 1):
                numbers[i] = a_p + (i - a_i)
        else:
            numbers[a_i], numbers[b_i] = a_p, b_p
            warnings.append(
                (a_p, f"page breaks disagree with footers between pages {a_p} and {b_p}: "
                      f"{b_i - a_i} breaks for {b_p - a_p} pages; pages in between unknown")
            )
    last_i, last_p = anchors[-1]
    for i in range(last_i, len(chunks)):
        numbers[i] = last_p + (i - last_i)
    return numbers, warnings


def _footer_pages(footers, numbers) -> list[tuple[Optional[int], str]]:
    return [(numbers[i] if i < len(numbers) else None, text) for i, text in footers]


def _chunk_of_line(chunks: list[_Chunk], line_index: int) -> int:
    # Runs were cut before splitting, so approximate by cumulative line counts.
    total = 0
    for i, chunk in enumerate(chunks):
        total += len(chunk.lines)
        if line_index < total:
            return i
    return len(chunks) - 1


def _is_edge_block(page: Page, index: int, block: Block) -> bool:
    return index < 2 or index >= len(page.blocks) - 2


def _unglue(line: str) -> list[str]:
    """Split a line where the export glued two text boxes together ("Tryggare liv hemmaEn husläkare").

    A lower-case letter directly followed by a capitalised word is a seam
    when a word on either side is known to the Finnish or Swedish lexicon.
    The pieces end without trailing space, so they stay separate units.
    """
    pieces: list[str] = []
    start = 0
    for seam in _GLUE.finditer(line):
        left = re.findall(r"\w+$", line[start : seam.start()])
        right = re.match(r"\w+", line[seam.start() :])
        if left and right and (is_word(left[0]) or is_word(right.group())):
            pieces.append(line[start : seam.start()])
            start = seam.start()
    return pieces + [line[start:]]


def _blocks(lines: tuple[str, ...], page: Optional[int], breaks: str) -> list[Block]:
    """Paragraphs (blank-line separated), with list items split at their markers.

    :param breaks: ``"spaced"`` when the file marks word-boundary line ends with
        whitespace (:func:`marks_word_ends`), else ``"unmarked"``
    """
    blocks: list[Block] = []
    paragraph: list[str] = []
    lines = tuple(piece for line in lines for piece in _unglue(line))
    for line in lines + ("",):
        if line.strip():
            paragraph.append(line)
            continue
        if paragraph:
            parts = _split_paragraph(paragraph, page, breaks)
            if blocks and parts[0].role == "paragraph" and _continues(blocks[-1], paragraph[0]):
                previous = blocks.pop()
                parts[0] = replace(previous, lines=previous.lines + parts[0].lines)
            blocks.extend(parts)
            paragraph = []
    return blocks


def _continues(previous: Block, first_line: str) -> bool:
    """A paragraph that starts in lower case continues the block before it (a blank line inside a sentence)."""
    last = previous.lines[-1].rstrip()
    if previous.role not in ("paragraph", "list_item") or last[-1:] in ".!?:":
        return False
    dangling = last.endswith(("-", ",")) or last.split()[-1] in fi.LIST_CONJUNCTIONS + sv.LIST_CONJUNCTIONS
    return dangling or first_line.lstrip()[:1].islower()


def _split_paragraph(lines: list[str], page: Optional[int], breaks: str) -> list[Block]:
    out: list[Block] = []
    current: list[str] = []
    marker: Optional[str] = None

    def flush() -> None:
        nonlocal current, marker
        if current:
            if marker is None:
                out.extend(_split_heading_lines(current, page, breaks))
            else:
                out.append(Block(lines=tuple(current), page=page, role="list_item", marker=marker, line_breaks=breaks))
        current, marker = [], None

    for line in lines:
        found = _MARKER.match(line)
        if found and _dash_continues(found.group("marker"), line[found.end():], current, marker):
            found = None  # "… specialistvård / – specialistkompetens flyttas …": a dash inside a sentence
        if found:
            flush()
            marker = found.group("marker")
            current = [line[found.end():]]
        else:
            current.append(line)
    flush()
    return out


def _dash_continues(found: str, rest: str, current: list[str], marker: Optional[str]) -> bool:
    """A line-start dash before a lower-case word, after an unfinished line that is no dash item, continues it."""
    return (
        found in "–-"
        and rest[:1].islower()
        and bool(current)
        and current[-1].rstrip()[-1:] not in ".!?:;"
        and (marker is None or marker not in "–-")
    )


def _split_heading_lines(lines: list[str], page: Optional[int], breaks: str) -> list[Block]:
    """Split lines that a layout glued together: a heading line right above its paragraph.

    Before a line that starts with a capital, a line ends a heading (or a
    one-line statement) when it ends on purpose: in a file that marks word
    ends with whitespace (``breaks == "spaced"``), by ending without it; in
    any other, by stopping short where the next word would still have fitted,
    or by finishing a sentence before a last line that ends with a colon.
    """
    spaced = breaks == "spaced"
    out: list[Block] = []
    start = 0
    width = max(len(line.strip()) for line in lines)
    for i in range(len(lines) - 1):
        line, nxt = lines[i], lines[i + 1].lstrip()
        if not nxt[:1].isupper():
            continue
        text = line.rstrip()
        hard = line == text and (text[-1:].isalnum() or text[-1:] in ".!?:")
        short = len(text.strip()) + 1 + len(nxt.split()[0]) <= width
        # a finished sentence before the paragraph's last line, which ends with a colon: a lead-in heading
        lead_in = i + 2 == len(lines) and text[-1:] in ".!?" and nxt.rstrip().endswith(":")
        if (hard if spaced else short or lead_in) and (text[-1:].isalnum() or text[-1:] in ".!?:"):
            out.append(Block(lines=tuple(lines[start : i + 1]), page=page, line_breaks=breaks))
            start = i + 1
    out.append(Block(lines=tuple(lines[start:]), page=page, line_breaks=breaks))
    return out
