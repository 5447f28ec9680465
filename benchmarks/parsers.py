"""The baselines the project's PDF extraction is measured against, one function per parser.

Each takes a PDF path and returns ``(pages, chars)``: the pages it went
through and the characters of text it got, so a run can be checked for
having read the same pages.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import os
from pathlib import Path

# unstructured phones home and prints a notice unless told not to.
_QUIET = {"SCARF_NO_ANALYTICS": "true", "DO_NOT_TRACK": "true", "UNSTRUCTURED_DISABLE_NOTICE": "1"}


def pdfplumber_text(path: Path) -> tuple[int, int]:
    """Raw ``page.extract_text()`` of every page with pdfplumber: the floor with the project's parser."""
    import pdfplumber

    chars = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars += len(page.extract_text() or "")
            page.close()
        return len(pdf.pages), chars


def pypdfium2_text(path: Path) -> tuple[int, int]:
    """Raw text of every page with pypdfium2 (PDFium, C++): the fastest parser installable here."""
    import pypdfium2

    chars = 0
    document = pypdfium2.PdfDocument(path)
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return len(document), chars
    finally:
        document.close()


def unstructured_available() -> bool:
    """True when ``unstructured.partition.pdf`` imports (the ``bench`` extra is installed)."""
    os.environ.update(_QUIET)
    try:
        from unstructured.partition.pdf import partition_pdf  # noqa: F401
    except ImportError:
        return False
    return True


def unstructured_fast(path: Path) -> tuple[int, int]:
    """``partition_pdf(strategy="fast")`` of unstructured: what a user would otherwise pick."""
    os.environ.update(_QUIET)
    logging.getLogger("unstructured").setLevel(logging.ERROR)  # "No languages specified" per file
    _english_pipeline_fallback()
    from unstructured.partition.pdf import partition_pdf

    elements = partition_pdf(filename=str(path), strategy="fast")
    pages = {element.metadata.page_number for element in elements}
    return len(pages), sum(len(element.text) for element in elements)


BLANK_MODEL_NOTE = (
    "unstructured's English spaCy model (en_core_web_sm) is not on PyPI and cannot be downloaded here, so "
    "unstructured ran with a blank English pipeline (tokenizer and sentencizer, no tagger): less work than with "
    "the real model, so its figure is if anything too fast."
)


def blank_english_model() -> bool:
    """True when unstructured's English model is not installed and a blank pipeline stands in for it."""
    return importlib.util.find_spec("en_core_web_sm") is None


@functools.lru_cache(maxsize=1)
def _english_pipeline_fallback() -> None:
    """Give unstructured a blank English spaCy pipeline when its model is missing (see :data:`BLANK_MODEL_NOTE`).

    unstructured would otherwise try to download the model at first use and,
    failing, return no text at all.
    """
    if not blank_english_model():
        return
    import spacy
    from unstructured.nlp import tokenize

    @functools.lru_cache(maxsize=1)
    def blank() -> spacy.language.Language:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp

    tokenize._get_nlp = blank
