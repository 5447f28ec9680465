"""Wording variants (issue 18): the text exports with cue headings worded as other strategies word them,
verdicts in other cases, no trailing spaces, alone and combined, and two layouts of the reworded documents.

Every variant is held to the same bars as the original text exports.
"""

from __future__ import annotations

import pytest

from tests.layout_zoo.bars import WORDING_BARS, bar_cases, check
from tests.layout_zoo.score import table
from tests.layout_zoo.session import REWORDED_LAYOUTS, wording_variants
from tests.layout_zoo.variants import ALTERNATIVES, ORIGINAL_CUES, TEXT_VARIANTS, reword_heading, reword_text

SETS = ["original", *TEXT_VARIANTS, *(f"reworded-{layout}" for layout in REWORDED_LAYOUTS)]


@pytest.fixture(scope="session")
def variants(tmp_path_factory):
    """Every variant extracted and scored (built once per session)."""
    return wording_variants(tmp_path_factory.mktemp("wording-variants"))


@pytest.mark.parametrize("cue", sorted(ORIGINAL_CUES))
def test_every_cue_heading_has_three_other_wordings(cue):
    words = {reword_heading(cue, n) for n in range(3)}
    assert None not in words and len(words) >= 2 and all(w.casefold() != cue for w in words), words
    assert len(ALTERNATIVES[ORIGINAL_CUES[cue]]) == 3


def test_variants_change_only_what_they_say():
    text = "Arvomme\n\nKYLLÄ 4 Hyvin meni. \nOSITTAIN\nMeitä ohjaavat \nselkeät tavoitteet \nEI 3 \n" + "OSA\n" * 3
    assert reword_text(text, "cues-1").split("\n")[:1] == ["Arvopohjamme"]
    assert "Mittarit " in reword_text(text, "cues-1").split("\n")
    lower = reword_text(text, "verdicts-lower").split("\n")
    assert lower[2:4] == ["kyllä 4 Hyvin meni. ", "osittain"] and "ei 3 " in lower and lower.count("Osa") == 3
    assert all(not line.endswith(" ") for line in reword_text(text, "no-trailing-space").split("\n"))


def test_every_variant_is_extracted_and_the_figures_are_printed(variants, capsys):
    with capsys.disabled():
        print("\nwording variants (statements: 003+004, 004's strategy house apart; rows: 002 achieved+score exact)")
        print(table(variants.figures))
    for name in SETS:
        assert all(doc.error is None for doc in variants.documents[name].values()), name


@pytest.mark.parametrize("name,figure", bar_cases(SETS, WORDING_BARS))
def test_variant_meets_bar(variants, name, figure):
    check(variants.figures[name], figure, WORDING_BARS[figure], name)
