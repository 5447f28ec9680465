"""Character normalisation (extract.clean.normalize)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.clean.normalize import match_key, normalize_line, normalize_text


def letters(text: str) -> list[str]:
    """Letters in order, compared decomposed (NFC may compose a letter and its accent)."""
    return [ch for ch in unicodedata.normalize("NFD", text) if ch.isalpha()]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Jotta \ufffdlänsiuusimaalaiset ", "Jotta länsiuusimaalaiset "),  # U+FFFD from the corpus
        ("tukee asukkaidensa \ufffdhyvinvointia, ", "tukee asukkaidensa hyvinvointia, "),
        ("euroa kohden.\u00a0", "euroa kohden. "),  # NBSP at the end counts as trailing space
        ("9\u202f000 työntekijää", "9 000 työntekijää"),  # narrow NBSP
        ("a\tb\u2003c\u3000d", "a b c d"),  # tab, em space, ideographic space
        ("  sisennetty   rivi  ", "sisennetty rivi "),
        ("Hyvinvointi", "Hyvinvointi"),  # no trailing space: none added
        ("hyvin\u00advointi", "hyvinvointi"),  # soft hyphen
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("   ", ""),
        ("", ""),
        ("A\u030angström", "Ångström"),  # NFC
    ],
)
def test_normalize_line_unifies_spaces_and_keeps_one_trailing_space(line: str, expected: str) -> None:
    assert normalize_line(line) == expected


def test_normalize_text_keeps_newlines_and_line_end_information() -> None:
    text = "Hyvinvointi\r\nalueelle \u00a0\r\n\t\n\nLänsi-\rUudenmaan\u2028loppu"
    assert normalize_text(text) == "Hyvinvointi\nalueelle \n\n\nLänsi-\nUudenmaan\nloppu"


def test_normalize_text_on_a_corpus_line() -> None:
    assert normalize_text(" Jotta \ufffdlänsiuusimaalaiset \nvoivat hyvin.") == "Jotta länsiuusimaalaiset \nvoivat hyvin."


@pytest.mark.parametrize(
    "a, b",
    [
        ("Asiakaslähtöisesti.", "asiakaslähtöisesti"),
        ("Jotta \ufffdlänsiuusimaalaiset voivat hyvin.", "jotta länsiuusimaalaiset voivat hyvin"),
        ("Kestävä\u00a0talous", "kestävä talous"),
        ("Kestävä\ttalous\n", "  KESTÄVÄ   TALOUS  "),
        ("A\u030angström", "ångström"),  # NFC on both sides
        ("Straße", "STRASSE"),  # casefold, not lower
        ("hyvin\u00advointi", "hyvinvointi"),
        ("Tavoite saavutettu. ", "tavoite saavutettu"),
    ],
)
def test_match_key_equates_texts_that_differ_only_in_form(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("ilmasto-ohjelma", "ilmastoohjelma"),
        ("Tavoite 1", "Tavoite 2"),
        ("hyvä", "hyva"),
        ("2023–2025", "2023-2025"),
    ],
)
def test_match_key_keeps_real_differences(a: str, b: str) -> None:
    assert match_key(a) != match_key(b)


def test_match_key_value() -> None:
    assert match_key("  Länsi-Uudenmaan\u00a0HYVINVOINTIALUE.\n") == "länsi-uudenmaan hyvinvointialue"


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80) | st.text(
    alphabet="aäÅ \t\n\r\u00a0\u202f\ufffd\u00ad\u0301.-", max_size=40
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_normalize_text_is_idempotent_and_keeps_letters(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert letters(once) == letters(text)
    assert "\t" not in once and "\u00a0" not in once and "\ufffd" not in once and "  " not in once
    assert all(not line.startswith(" ") and not line.endswith("  ") for line in once.split("\n"))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_normalize_line_is_idempotent(text: str) -> None:
    once = normalize_line(text)
    assert normalize_line(once) == once
    assert letters(once) == letters(text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_match_key_is_idempotent(text: str) -> None:
    key = match_key(text)
    assert match_key(key) == key
    assert key == key.strip() and "  " not in key and not key.endswith(".")
