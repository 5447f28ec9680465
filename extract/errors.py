"""Error codes the CLI prints and tests match on.

Every error that stops one document (or the whole build) carries a code, the
file it concerns and a one-line reason, so the terminal shows e.g.::

    error [E103] corpus/report.pdf: encrypted PDF (no empty user password)
"""

from __future__ import annotations

from typing import Optional

CODES = {
    "E001": "corpus manifest missing or unreadable",
    "E002": "corpus manifest invalid",
    "E101": "source file missing",
    "E102": "source file unreadable or corrupt",
    "E103": "encrypted file",
    "E104": "unsupported file type",
    "E105": "no text layer",
    "E106": "text encoding could not be decided",
    "E107": "time limit exceeded",
    "E108": "extraction failed unexpectedly",
    "E201": "database could not be written",
}


class StrategyKBError(Exception):
    """A failure with a code, the file it concerns and a one-line reason."""

    def __init__(self, code: str, reason: str, path: Optional[str] = None) -> None:
        if code not in CODES:
            raise ValueError(f"unknown error code {code}")
        self.code = code
        self.reason = reason
        self.path = path
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """``[E103] file.pdf: reason`` — the form the CLI prints."""
        where = f"{self.path}: " if self.path else ""
        return f"[{self.code}] {where}{self.reason}"


class ManifestError(StrategyKBError):
    """The corpus manifest is missing or invalid; nothing is built."""


class ExtractionError(StrategyKBError):
    """One document could not be read; the others are still built."""
