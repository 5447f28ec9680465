"""Language of texts and lines (extract.language)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extract.clean.normalize import normalize_text
from extract.language import detect_language, split_by_language

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.mark.parametrize(
    "text, expected",
    [
        # short headings from the corpus, decided by the lexicons
        ("Miten uudistumme", "fi"),
        ("Arvomme", "fi"),
        ("Valtuustokauden tavoitteet:", "fi"),
        ("PERUSTEHTÄVÄ", "fi"),
        ("Asiakaslähtöisesti", "fi"),
        ("Organisaatiomuutos 1.1.2026", "fi"),
        ("Hur vi förnyar oss", "sv"),
        ("Gemensamma mål", "sv"),
        ("Våra värderingar", "sv"),
        ("VÄRDERINGAR", "sv"),
        ("Organisationsförändring 1.1.2026", "sv"),
        ("• Funktionshinderservicen", "sv"),  # a compound the lexicon lacks
        # sentences and paragraphs
        (
            "Länsi-Uudenmaan hyvinvointialue on syntynyt kymmenen kunnan sosiaali- ja "
            "terveyspalvelujen sekä Länsi-Uudenmaan pelastuslaitoksen perustalle.",
            "fi",
        ),
        (
            "Västra Nylands välfärdsområde har etablerat sin ställning som en föregångare i "
            "reformen av social- och hälsovården samt räddningsväsendet.",
            "sv",
        ),
        ("Linjcheferna som börjar är Miika Puolitaival, Maaret Laine, Kati Villgren och Timo Hokkanen.", "sv"),
        ("Linjajohtajien tehtävissä aloittavat Miika Puolitaival, Maaret Laine, Kati Villgren ja Timo Hokkanen.", "fi"),
        ("The goal is to improve the health and wellbeing of residents.", "en"),
        ("This strategy describes how the wellbeing services county will develop its services.", "en"),
        ("Our values", "en"),
        # nothing to decide on
        ("https://www.luvn.fi", "und"),
        ("https://www.luvn.fi/fi/lunna-digitaalinen-asiointi", "und"),
        ("2023–2025", "und"),
        ("6 3,8 3 3", "und"),
        ("", "und"),
        ("• .", "und"),
        ("ja", "und"),  # Finnish "and", Swedish "yes"
        ("Espoo Esbo", "und"),  # two names
    ],
)
def test_detect_language_table(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_detect_language_greeting_in_both_languages_is_either() -> None:
    assert detect_language("Kiitos, tack!") in ("und", "fi", "sv")


def test_detect_language_is_deterministic_across_calls() -> None:
    texts = ["Kiitos, tack!", "Mikaela Westergård", "Strategi", "Vision 2030 ja strategia", "Health and social services"]
    first = [detect_language(t) for t in texts]
    detect_language.cache_clear()
    assert [detect_language(t) for t in texts] == first


_CHILD = """
import json, sys
from extract.language import detect_language
print(json.dumps([detect_language(t) for t in json.loads(sys.argv[1])]))
"""


def test_detect_language_is_deterministic_in_a_fresh_process() -> None:
    texts = [
        "Kiitos, tack!",
        "Mikaela Westergård",
        "Palvelujen uudistamisen strategia 2026-2029",
        "Strategin för förnyelsen av tjänster 2026–2029",
        "Tiimi team",
        "Vision 2030 ja strategia",
    ]
    env = dict(os.environ, PYTHONHASHSEED="12345")
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(texts)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert json.loads(child.stdout.strip().splitlines()[-1]) == [detect_language(t) for t in texts]


def dia_lines(first: int, last: int) -> list[str]:
    """Lines ``first``..``last`` (1-based, inclusive) of the bilingual slide export."""
    text = normalize_text((CORPUS / "luvn-vammaisneuvosto-2025-dia.txt").read_text(encoding="utf-8"))
    return text.split("\n")[first - 1 : last]


def test_split_by_language_separates_finnish_and_swedish_paragraphs() -> None:
    block = dia_lines(1, 40)
    assert block[0] == "Organisaatiomuutos 1.1.2026"
    assert block[19] == "Organisationsförändring 1.1.2026"
    runs = split_by_language(block)
    assert [lang for lang, _ in runs] == ["fi", "sv"]
    (_, finnish), (_, swedish) = runs
    assert finnish == block[:19]  # the blank line before the Swedish title stays with the Finnish run
    assert swedish[0] == "Organisationsförändring 1.1.2026"
    assert swedish[-1] == "2026."  # a bare number joins the run it ends
    assert finnish + swedish == block


def test_split_by_language_on_titles_alternating_languages() -> None:
    block = dia_lines(84, 87)
    assert block == [
        "Palvelujen uudistamisen ",
        "strategia 2026-2029",
        "Strategin för förnyelsen ",
        "av tjänster 2026–2029",
    ]
    assert split_by_language(block) == [("fi", block[:2]), ("sv", block[2:])]


def test_split_by_language_attaches_undecided_lines_to_a_neighbour() -> None:
    block = ["", "2026", "Hyvinvointialue järjestää palvelut.", "https://www.luvn.fi", "Välfärdsområdet ordnar tjänsterna."]
    assert split_by_language(block) == [("fi", block[:4]), ("sv", block[4:])]


def test_split_by_language_smooths_a_short_misfit_between_agreeing_lines() -> None:
    block = ["Välfärdsområdet ordnar tjänsterna", "Kiitos", "och utvecklar dem tillsammans."]
    assert split_by_language(block) == [("sv", block)]


def test_split_by_language_edge_cases() -> None:
    assert split_by_language([]) == []
    assert split_by_language(["", "12", "https://www.luvn.fi"]) == [("und", ["", "12", "https://www.luvn.fi"])]
