"""Linking stage: relations between the statements extracted from the corpus."""

from __future__ import annotations

from typing import Optional, Sequence

from extract.cache import collector_paused
from extract.records import ExtractedDocument
from link.bilingual import forget_stored
from link.cache import LinkCache
from link.evaluated import evaluated_in
from link.lineage import lineage_and_candidates
from link.glossary import Correction, load_corrections
from link.kind_agreement import kind_disagreements
from link.parallel import align
from link.records import GlossaryEntry, Link, Linked
from link.reviews import Review, apply_reviews, load_reviews

__all__ = ["Correction", "GlossaryEntry", "Link", "LinkCache", "Linked", "Review", "load_corrections", "load_reviews", "run"]


def run(documents: Sequence[ExtractedDocument], corrections: Sequence[Correction] = (),
        reviews: Sequence[Review] = (), cache: Optional[LinkCache] = None) -> Linked:
    """All links between the documents' units, sorted by id, with the glossary and the lineage candidates.

    Parallel text comes first: the lineage linker follows translations, and statements
    it joins that were typed differently are findings (:mod:`link.kind_agreement`).
    People's verdicts on lineage links come last: a rejected link is dropped, a
    confirmed one kept whatever its score.

    :param documents: extracted documents
    :param corrections: the user's glossary verdicts (:func:`link.glossary.load_corrections`)
    :param reviews: the user's link verdicts (:func:`link.reviews.load_reviews`)
    :param cache: parallel-text results per region (:mod:`link.alignment`) and lineage's word partners across
        languages (:class:`link.crosslang.CrossLingual`) reused where their inputs are unchanged
    """
    # linking makes millions of objects that live to its end and no reference cycles: the collections they would
    # set off walk them all again and again and find nothing
    with collector_paused():
        try:
            parallel, glossary = align(documents, corrections, cache)
            links = evaluated_in(documents) + parallel
            # lineage compares Finnish and Swedish statements by the word analyses parallel text stored
            lineage, candidates = lineage_and_candidates(documents, links, [(e.fi, e.sv) for e in glossary], cache)
        finally:
            forget_stored()
    scored = {(c.relation, c.source_id, c.target_id): c for c in candidates}
    lineage, findings = apply_reviews(documents, lineage, reviews, scored)
    linked = {(l.source_id, l.target_id) for l in lineage}
    rejected, _ = apply_reviews(documents, candidates, [r for r in reviews if r.verdict == "reject"])
    candidates = [c for c in rejected if (c.source_id, c.target_id) not in linked]
    return Linked(links + lineage, glossary, candidates, [*findings, *kind_disagreements(documents, parallel)])
