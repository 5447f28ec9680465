"""Read a PDF's text layer into a :class:`SourceDocument` of blocks in reading order.

The reader is a chain of steps, each in its own module::

    chars     what a page holds: characters with box, font, size, colour; path objects
    pdfium    the default engine that reads them                        (pypdfium2)
    plumber   the other engine; pages for the table finder              (pdfplumber)
    edges     a candidate page's ruling edges from its path objects     (pypdfium2, cut as pdfminer cuts them)
    tables    ruled tables, on candidate pages only                     (pdfplumber's table finder)
    lines     chars -> words -> lines; ligatures, letter spacing
    blocks    lines -> blocks; list markers; headings by the document's body size
    order     columns, side boxes, interruptions -> reading order
    document  the steps per page, then headings, header rows and furniture per document

Coordinates are PDF points from the page's top-left corner; a ``bbox`` is
``(x0, top, x1, bottom)``.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping, Optional, Sequence

from extract.errors import ExtractionError
from extract.readers.pdf.chars import Char, Engine, PageObjects
from extract.readers.pdf.blocks import LineSpacing
from extract.readers.pdf.borderless import TableColumns
from extract.readers.pdf.document import PageItems, document_pages, lay_out_page
from extract.readers.pdf.settings import PdfSettings
from extract.readers.pdf.edges import find_tables
from extract.readers.pdf.pdfium import PdfiumEngine
from extract.readers.pdf.plumber import PlumberEngine
from extract.readers.pdf.tables import LINES_STRATEGY, ruled_tables
from extract.records import Block, SourceDocument

__all__ = ["PdfSettings", "read_pdf"]


def _one_line(exc: BaseException) -> str:
    """An exception's message on one line, prefixed by its type name."""
    message = " ".join(str(exc).split()) or "no message"
    return f"{type(exc).__name__}: {message}"


def _library_failure(exc: BaseException) -> BaseException:
    """The pdfminer exception that pdfplumber wrapped (``PdfminerException(e)``), else ``exc``."""
    inner = exc.args[0] if exc.args else None
    return inner if isinstance(inner, BaseException) else exc


def _is_encryption_error(exc: BaseException) -> bool:
    """True for pdfminer's encryption error or PDFium's password error."""
    from pdfminer.pdfdocument import PDFEncryptionError

    return isinstance(exc, PDFEncryptionError) or (
        type(exc).__name__ == "PdfiumError" and "password" in str(exc).lower()
    )


@contextmanager
def _library_errors(path: Path, where: str) -> Iterator[None]:
    """Turn any exception the PDF libraries raise into an :class:`ExtractionError`.

    Only parsing runs inside this guard (engine calls and the copying of
    their results), so the broad ``except`` hides no bug of the layout
    analysis. Encryption problems are E103, everything else E102.

    :param path: the file being read
    :param where: what was being done, for the reason ("opening", "page 3")
    """
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - the parsers raise many unrelated types on bad input
        failure = _library_failure(exc)
        if _is_encryption_error(failure):
            reason = f"encrypted PDF (no empty user password): {_one_line(failure)}"
            raise ExtractionError("E103", reason, str(path)) from exc
        raise ExtractionError("E102", f"unreadable PDF ({where}): {_one_line(failure)}", str(path)) from exc


def open_engine(name: str, path: Path) -> Engine:
    """The named engine opened on ``path`` (``"pdfium"`` or ``"pdfplumber"``)."""
    return PdfiumEngine(path) if name == "pdfium" else PlumberEngine(path)


def _check_file(path: Path) -> None:
    """Raise E101 for a missing file and E102 for something that is not a regular file."""
    if not path.exists():
        raise ExtractionError("E101", "file not found", str(path))
    if not path.is_file():
        raise ExtractionError("E102", "not a regular file", str(path))


class _Plumber:
    """Opens the file in pdfplumber the first time a page needs it: for its table finder, or to read a page again.

    With the PDFium engine the table finder gets the page's edges from
    PDFium's path objects (:mod:`.edges`), so pdfplumber reads only the
    page's frame, not its contents; a page PDFium cannot give them for is
    parsed by pdfplumber for its edges.
    """

    def __init__(self, path: Path, engine: Engine) -> None:
        self._path = path
        self._plumber: Optional[PlumberEngine] = engine if isinstance(engine, PlumberEngine) else None
        self._pdfium = engine if isinstance(engine, PdfiumEngine) else None
        self._owned = self._plumber is None

    def _engine(self) -> PlumberEngine:
        if self._plumber is None:
            self._plumber = PlumberEngine(self._path)
        return self._plumber

    def __call__(self, objects: PageObjects, upright: Sequence[Char], settings: PdfSettings) -> list[Block]:
        """The ruled tables of a page, when its path objects could form one (else none, at no cost)."""
        if not upright or not objects.could_hold_ruled_table():
            return []
        index = objects.number - 1
        with _library_errors(self._path, f"tables of page {objects.number}"):
            with self._engine().plumber_page(index, text=False) as page:
                edges = None
                if self._pdfium is not None and page.rotation == 0 and tuple(page.mediabox[:2]) == (0, 0):
                    edges = self._pdfium.edges(index, page.height)  # in pdfplumber's frame: no shift, no turn
                found = page.find_tables(LINES_STRATEGY) if edges is None else find_tables(edges, LINES_STRATEGY)
                return ruled_tables(found, objects, upright, settings)

    def page(self, index: int) -> PageObjects:
        """The page's objects as pdfplumber reads them."""
        return self._engine().page(index)

    def close(self) -> None:
        """Release the pdfplumber file if this finder opened it."""
        if self._owned and self._plumber is not None:
            self._plumber.close()


def _read_page(path: Path, engine: Engine, tables: _Plumber, index: int, settings: PdfSettings,
               spacing: LineSpacing, columns: TableColumns) -> tuple[PageObjects, PageItems]:
    """A page's objects (read by pdfplumber when the fast engine finds its text hidden) and its layout.

    :raises ExtractionError: when the page cannot be parsed
    """
    with _library_errors(path, f"page {index + 1}"):
        objects = engine.page(index)
        if objects.hidden_text:
            objects = tables.page(index)
    return objects, lay_out_page(objects, tables, engine.render, settings, spacing, columns)


def read_pdf(path: str | Path, settings: PdfSettings | Mapping[str, Any] | None = None) -> SourceDocument:
    """Read a PDF's text layer: one :class:`Page` per page, blocks in reading order.

    Headings carry a ``level``, list items their ``marker``, tables their
    ``cells``; text at an angle is one ``rotated`` block per page; running
    headers, footers and page numbers are moved to ``removals``. A page without
    any text gives the warning ``(page, "no text layer")``; a scanned page (an
    image, no text) or a page with glyphs that have no Unicode mapping is read
    by OCR when Tesseract with Finnish and Swedish is installed
    (:mod:`extract.readers.ocr`), else warned about. A page that cannot be
    parsed is skipped with the warning ``(page, "page skipped: …")``.

    Example::

        doc = read_pdf("strategia.pdf", {"max_pages": 20})
        doc.pages[0].blocks[0]  # Block(lines=("Hyvinvointialuestrategia",), role="heading", level=1, ...)

    :param path: the PDF file
    :param settings: :class:`PdfSettings`, a dict of overrides, or ``None`` for the defaults
    :raises ExtractionError: E101 when the file is missing, E102 when it is not a
        readable PDF (corrupt, truncated, not a PDF, no page readable), E103 when it
        needs a password
    """
    path = Path(path)
    settings = PdfSettings.resolve(settings)
    _check_file(path)
    with _library_errors(path, "opening"):
        engine = open_engine(settings.engine, path)
    tables = _Plumber(path, engine)
    laid_out: list[PageItems] = []
    warnings: list[tuple[Optional[int], str]] = []
    failures: dict[int, ExtractionError] = {}
    spacing = LineSpacing()
    columns = TableColumns()
    probed: list[tuple[int, int, TableColumns, list]] = []  # per page: where, which, its state before, its probes
    try:
        total = engine.page_count
        chosen = min(total, settings.max_pages) if settings.max_pages else total
        for index in range(chosen):
            before = copy.deepcopy(columns)
            try:
                objects, page = _read_page(path, engine, tables, index, settings, spacing, columns)
            except ExtractionError as exc:
                failures[index + 1] = exc
                spacing.take_probes()
                continue
            probed.append((len(laid_out), index, before, spacing.take_probes()))
            laid_out.append(page)
            warnings += [(page.number, note) for note in page.notes]
            if objects.off_page:
                warnings.append((page.number, f"{objects.off_page} characters far outside the page left out"))
        # pages read before the document showed its line spacing, read again with it
        settled = spacing.settled()
        for at, index, before, probes in probed:
            if settled.tighter(probes):
                try:
                    laid_out[at] = _read_page(path, engine, tables, index, settings, settled, before)[1]
                except ExtractionError:
                    pass  # keep the page as first read
    finally:
        tables.close()
        engine.close()
    if failures and not laid_out:
        raise next(iter(failures.values()))
    warnings += [(number, f"page skipped: {failure.reason}") for number, failure in failures.items()]
    warnings.sort(key=lambda w: w[0] or 0)
    if chosen < total:
        warnings.append((None, f"read only the first {chosen} of {total} pages (max_pages)"))
    pages, removals = document_pages(laid_out, settings)
    return SourceDocument(
        path=str(path),
        source_kind="pdf",
        pages=tuple(pages),
        page_count=total,
        removals=tuple(removals),
        warnings=tuple(warnings),
    )
