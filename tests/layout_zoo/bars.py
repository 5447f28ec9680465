"""The bars a set of renderings or wordings is held to, and the check of one figure against its bar."""

from __future__ import annotations

from typing import Optional, Sequence

import pytest

from tests.layout_zoo.score import PRF

#: issue 12: every layout (``parents``: the items' parents too, which lineage reads as context)
LAYOUT_BARS = {"goals": 0.95, "rows": 0.98, "evaluated_in": 1.0, "statements": 0.92, "sv": 0.90, "parents": 0.95}
#: issue 18: every wording variant, the same figures as the original text exports
WORDING_BARS = {"goals": 0.95, "rows": 0.98, "evaluated_in": 1.0, "statements": 0.95, "sv": 0.90, "parents": 0.95}
#: (set, figure) → why it misses its bar today; marked as expected failures (not strict: pure-Python
#: and C Voikko differ in a few readings) so each stays visible in the summary with its reason
KNOWN_MISSES: dict[tuple[str, str], str] = {}


def bar_cases(sets: Sequence[str], bars: dict[str, float]) -> list:
    """``(set, figure)`` parameters, a known miss marked with its reason."""
    return [
        pytest.param(name, figure, marks=pytest.mark.xfail(reason=KNOWN_MISSES[(name, figure)], strict=False))
        if (name, figure) in KNOWN_MISSES else pytest.param(name, figure)
        for name in sets for figure in sorted(bars)
    ]


#: figures measured as recall (share of the gold found exactly); the others as F1
_RECALL = ("rows", "evaluated_in", "parents")


def check(figures: dict[str, Optional[PRF]], figure: str, bar: float, label: str) -> None:
    """Fail when ``figure`` of ``figures`` is below ``bar``; skip when it cannot be computed (no gold yet)."""
    value = figures[figure]
    if value is None:
        pytest.skip(f"no gold for {figure} yet (tests/gold/structure_001_sv.jsonl)")
    measured = value.r if figure in _RECALL else value.f1
    assert measured >= bar, (
        f"{label}: {figure} {measured:.2f} < {bar} (gold {value.gold}, found {value.found}, matched {value.hits}; "
        f"P {value.p:.2f} R {value.r:.2f} F1 {value.f1:.2f})"
    )
