"""Linking stage: relations between the statements extracted from the corpus."""

from __future__ import annotations

from typing import Sequence

from extract.records import ExtractedDocument
from link.evaluated import evaluated_in
from link.records import Link

__all__ = ["Link", "run"]


def run(documents: Sequence[ExtractedDocument]) -> list[Link]:
    """All links between the documents' statements, sorted by id."""
    return sorted(evaluated_in(documents), key=lambda link: link.id)
