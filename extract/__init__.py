"""Extraction stage: source files → sections, typed statements, evaluations, findings."""

from extract.pipeline import extract_document, run
from extract.records import (
    Block,
    DocumentInfo,
    Evaluation,
    ExtractedDocument,
    Finding,
    Page,
    Passage,
    Section,
    SourceDocument,
    Statement,
    Target,
)

__all__ = [
    "Block",
    "DocumentInfo",
    "Evaluation",
    "ExtractedDocument",
    "Finding",
    "Page",
    "Passage",
    "Section",
    "SourceDocument",
    "Statement",
    "Target",
    "extract_document",
    "run",
]
