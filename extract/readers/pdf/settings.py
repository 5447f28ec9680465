"""Tunables of the PDF reader, one frozen dataclass resolved once per call."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Mapping, Optional

ENGINES = ("pdfium", "pdfplumber")


@dataclass(frozen=True)
class PdfSettings:
    """Tunables of :func:`extract.readers.pdf.read_pdf`; lengths in points, ``em`` values in multiples of the font size.

    >>> PdfSettings.resolve({"column_gap": 18}).column_gap
    18

    :param engine: where characters come from: ``"pdfium"`` (fast, the default) or ``"pdfplumber"``
    :param line_tolerance: chars and words whose bottoms differ by at most this share a line
    :param word_gap: the widest gap (em) between two chars of one word
    :param column_gap: the narrowest whitespace gutter between two columns
    :param gutter_share: a gutter must run beside at least this share of the text's height ...
    :param gutter_min_lines: ... and beside at least this many lines
    :param split_gap: a gap wider than this (em) cuts a line in two even without a gutter
    :param paragraph_gap: extra vertical space (em) over the usual line spacing that starts a new block
    :param size_change: a relative font-size difference that starts a new block
    :param heading_ratio: blocks this many times the body size (or larger) are headings
    :param heading_max_chars: longer blocks are never headings
    :param bold_heading_max_chars: bold body-size blocks up to this length (and 2 lines) are level-3 headings
    :param min_box_side: rectangles with both sides at least this long frame side boxes
    :param edge_band: share of the page height at the top and bottom where furniture stands (a one-line block on
        a page's topmost or bottommost line may be furniture too)
    :param furniture_min_pages: furniture must repeat on at least this many pages ...
    :param furniture_min_share: ... and on at least this share of the pages
    :param max_pages: read at most this many pages (``None``: all)
    :param ocr_resolution: dots per inch a page is rendered at for OCR
    """

    engine: str = "pdfium"
    line_tolerance: float = 3.0
    word_gap: float = 0.15
    column_gap: float = 12.0
    gutter_share: float = 0.3
    gutter_min_lines: int = 3
    split_gap: float = 1.5
    paragraph_gap: float = 0.35
    size_change: float = 0.08
    heading_ratio: float = 1.15
    heading_max_chars: int = 200
    bold_heading_max_chars: int = 100
    min_box_side: float = 20.0
    edge_band: float = 0.08
    furniture_min_pages: int = 3
    furniture_min_share: float = 0.25
    max_pages: Optional[int] = None
    ocr_resolution: int = 300

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        if self.max_pages is not None and self.max_pages < 1:
            raise ValueError(f"max_pages must be at least 1, not {self.max_pages}")
        if not 0 <= self.edge_band < 0.5:
            raise ValueError(f"edge_band must be in [0, 0.5), not {self.edge_band}")

    @classmethod
    def resolve(cls, settings: PdfSettings | Mapping[str, Any] | None = None) -> PdfSettings:
        """Settings from ``None`` (the defaults), a mapping of overrides, or an instance.

        >>> PdfSettings.resolve(None) == PdfSettings()
        True

        :param settings: what the caller passed
        :raises ValueError: for an unknown setting name
        :raises TypeError: for anything else than the three accepted kinds
        """
        if settings is None:
            return cls()
        if isinstance(settings, cls):
            return settings
        if isinstance(settings, Mapping):
            unknown = set(settings) - {f.name for f in fields(cls)}
            if unknown:
                raise ValueError(f"unknown PDF settings: {', '.join(sorted(unknown))}")
            return cls(**settings)
        raise TypeError(f"PDF settings must be None, a dict or PdfSettings, not {type(settings).__name__}")
