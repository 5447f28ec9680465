"""The optional system tools: which are missing here, and what each would add.

Everything works without them; each makes something faster or reads more.
``scripts/install-optional-tools`` installs them (Debian packages). The CLI
prints :func:`missing_notes` once per command, in its own process, so a
missing tool is one line and never a line per worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

INSTALL_SCRIPT = "scripts/install-optional-tools"


@dataclass(frozen=True)
class Tool:
    """An optional tool: its name, the Debian packages, what happens without it, and a check that it is usable here."""

    name: str
    packages: str
    without: str
    present: Callable[[], bool]


def _libvoikko_present() -> bool:
    from extract.fi_morphology import voikko_engine

    return voikko_engine() != "pyvoikko"


def _tesseract_present() -> bool:
    from extract.readers.ocr import ocr_engine

    return ocr_engine() is not None


LIBVOIKKO = Tool(
    "libvoikko", "libvoikko1 voikko-fi",
    "Finnish morphology runs on pyvoikko (the same analyses in the same order, about 6 times slower per word)",
    _libvoikko_present,
)
TESSERACT = Tool(
    "Tesseract fin+swe", "tesseract-ocr tesseract-ocr-fin tesseract-ocr-swe",
    "scanned PDF pages are reported as not read instead of read by OCR",
    _tesseract_present,
)


def missing_notes(tools: tuple[Tool, ...] = (LIBVOIKKO, TESSERACT)) -> list[str]:
    """One line per tool of ``tools`` that is not usable here: what happens without it and how to get it.

    >>> missing_notes(())
    []
    """
    return [
        f"note: {tool.name} not installed: {tool.without}; {INSTALL_SCRIPT} installs it ({tool.packages})"
        for tool in tools
        if not tool.present()
    ]
