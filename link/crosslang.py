"""Finnish ↔ Swedish comparison for lineage: a small adapter over :mod:`link.bilingual`.

Lineage needs two things from the parallel-text work: a score for "this
Finnish text and this Swedish text say the same thing" (with the aligned word
pairs as evidence), and, for blocking, the Swedish words a Finnish text may
be rendered with, so that only Swedish statements sharing one of them are
scored. Both come from the bilingual lexicon (FreeDict seed + glossary).
"""

from __future__ import annotations

from typing import Any, Iterable

from link.bilingual import Lexicon, cross_similarity, default_lexicon


class CrossLingual:
    """Scores and blocking keys for Finnish–Swedish statement pairs, over one lexicon."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()

    def similarity(self, fi_text: str, sv_text: str) -> tuple[float, dict[str, Any]]:
        """How well a Finnish and a Swedish text say the same thing (0–1) and the aligned words."""
        return cross_similarity(fi_text, sv_text, self.lexicon)

    def swedish_keys(self, fi_terms: Iterable[str]) -> set[str]:
        """The Swedish words the lexicon gives for Finnish lemmas (for candidate blocking)."""
        return self.lexicon.sv_candidates(fi_terms)
