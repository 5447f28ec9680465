"""Property tests of the text-export reader: it never fails on text and loses no letter.

Every letter of the input must come back in a block of the output (its lines
or its list marker) or in a recorded removal (a footer, a page number, a running title). The inputs mix
arbitrary text with the lines the reader reacts to: page starts, glued
footers, bare page numbers, running titles, rotated letter runs, list
markers, blank-line runs. Hypothesis runs derandomized (the ``ci`` profile of
``conftest.py``), so every run tries the same cases.
"""

from __future__ import annotations

import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.errors import ExtractionError
from extract.readers.text import read_text

_LINES = [
    "Hyvinvointialueen strategia", " Hyvinvointialueen strategia", "Strategia 2023–2025", "1426.11.2025",
    "72025-11-26Strategi för välfärdsområdet", "3", " 12", "14", "Tavoitteet:", "1. Asiakkaat voivat hyvin.",
    "• Palvelut ovat lähellä", "- Vi förnyar oss", "A) Ensimmäinen kohta", "jatkuu tästä rivistä,", "ja",
    "S", "tr", "at", "eg", "ia", "", "", "", "Ö", "å", "\t", "\u00a0", "tarvi-", "taan ", "Mål 2026\r",
]
_ANY = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
_TEXTS = st.lists(st.sampled_from(_LINES) | _ANY, max_size=40).map("\n".join) | _ANY

_FOLDER = tempfile.TemporaryDirectory()


def _letters(text: str) -> Counter[str]:
    """The letters of a text, compared decomposed (records are NFC)."""
    return Counter(ch for ch in unicodedata.normalize("NFD", text) if ch.isalpha())


def _read(text: str, encoding: str = "utf-8") -> tuple[str, str]:
    """The reader's output (list markers and lines of all blocks) and its removals' text for ``text`` in a file."""
    path = Path(_FOLDER.name) / "fuzz.txt"
    path.write_bytes(text.encode(encoding))
    doc = read_text(path)
    assert all(b.page == p.number for p in doc.pages for b in p.blocks)
    out = "\n".join((block.marker or "") + "\n" + "\n".join(block.lines) for block in doc.blocks)
    return out, "\n".join(r.text for r in doc.removals)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_text_reader_never_fails_and_loses_no_letter(text: str) -> None:
    out, removed = _read(text)
    assert _letters(out) + _letters(removed) == _letters(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_LINES) | _ANY, max_size=30).map("\n".join))
def test_latin_1_text_reads_as_its_utf_8_twin(text: str) -> None:
    text = "".join(ch for ch in text if ch.isascii() or "\u00a0" <= ch <= "\u00ff")
    assert _read(text, "latin-1") == _read(text)


def test_binary_data_is_refused_not_read(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(b"Tavoitteet\x00\x01\x02")
    with pytest.raises(ExtractionError) as caught:
        read_text(path)
    assert caught.value.code == "E102"
