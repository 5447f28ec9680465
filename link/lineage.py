"""Lineage across strategy versions and regions: the links and each statement's fate or origin.

:func:`lineage_links` makes the ``continues`` and ``similar_to`` links over
one shared set of lemma profiles; :func:`lineage_status` says, for every
statement of an earlier strategy that has a successor document, whether it
was continued, possibly continued (candidates under the threshold) or
dropped, and for every statement of a later strategy that has a predecessor,
whether it continues something, possibly continues something, or is new. The build
writes the statuses as the ``lineage_status`` table.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Optional, Sequence

from extract.records import ExtractedDocument
from link.bilingual import default_lexicon
from link.cache import LinkCache
from link.continues import SOURCE_KINDS, continues_and_candidates, lineage_pairs
from link.context import contexts
from link.crosslang import CrossLingual
from link.lemma_index import kept_analyses
from link.matching import Context
from link.records import Link
from link.similar import similar_to
from link.translations import TRANSLATION_RELATIONS


def lineage_links(documents: Sequence[ExtractedDocument], links: Sequence[Link] = (),
                  glossary: Iterable[tuple[str, str]] = ()) -> list[Link]:
    """``continues`` and ``similar_to`` links, sorted by id.

    :param documents: the extracted corpus
    :param links: links made before (their translations carry lineage across languages;
        ``evaluated_in`` brings a goal's assessment into its context)
    :param glossary: learned (Finnish, Swedish) word pairs added to the seed lexicon
    """
    return lineage_and_candidates(documents, links, glossary)[0]


def lineage_and_candidates(documents: Sequence[ExtractedDocument], links: Sequence[Link] = (),
                           glossary: Iterable[tuple[str, str]] = (),
                           cache: Optional[LinkCache] = None) -> tuple[list[Link], list[Link]]:
    """:func:`lineage_links` and the ``continues`` candidates under the threshold (:func:`continues_and_candidates`).

    :param cache: where the text analyses (:func:`link.lemma_index.kept_analyses`) and the word partners
        across languages (:class:`CrossLingual`) of the last build are kept
    """
    with kept_analyses(cache):
        crosslang = CrossLingual(default_lexicon().with_glossary(glossary), cache)
        ctx = Context(documents, crosslang, contexts(documents, links), cache)
        found, candidates = continues_and_candidates(documents, links, ctx, cache)
        similar = similar_to(documents, ctx, cache)
        crosslang.store()
    return sorted(found + similar, key=lambda l: l.id), candidates


def lineage_status(documents: Sequence[ExtractedDocument], links: Sequence[Link],
                   candidates: Sequence[Link] = ()) -> list[dict]:
    """One row per statement taking part in a lineage: statement_id, document_id, role, status, links, candidates.

    ``role`` is ``earlier`` (status ``continued``, ``possibly continued`` or
    ``dropped``) or ``later`` (status ``continues``, ``possibly from`` or
    ``new``); ``links`` counts the statement's ``continues`` links in that
    role, ``candidates`` the scored pairs under the threshold (``possibly``:
    candidates but no link); a translation (or verbatim twin) of a statement
    with links or candidates shares its status (the deck's Swedish slide of a
    continued promise continues too). Mission, vision, values, guidelines, aims,
    principles, goals, promises, targets and impact goals get a status;
    actions and results (the means) do not.
    """
    counts = {"earlier": defaultdict(int), "later": defaultdict(int)}
    near = {"earlier": defaultdict(int), "later": defaultdict(int)}
    for table, found in ((counts, links), (near, candidates)):
        for l in found:
            if l.relation == "continues":
                table["earlier"][l.source_id] += 1
                table["later"][l.target_id] += 1
    twins: dict[str, set[str]] = defaultdict(set)
    for l in links:
        if l.relation in TRANSLATION_RELATIONS:
            twins[l.source_id].add(l.target_id)
            twins[l.target_id].add(l.source_id)

    def carried(table: dict[str, dict[str, int]], role: str) -> set[str]:
        """Statements whose translation (or verbatim twin) has links in ``table``: they share its status."""
        return {t for sid, n in table[role].items() if n for t in twins.get(sid, ())}

    pairs = lineage_pairs(documents)
    roles = [("earlier", {e.info.id: e for e, _ in pairs}, ("continued", "possibly continued", "dropped")),
             ("later", {l.info.id: l for _, l in pairs}, ("continues", "possibly from", "new"))]
    rows = []
    for role, docs, (linked, possibly, unlinked) in roles:
        by_link, by_candidate = carried(counts, role), carried(near, role)
        for doc_id in sorted(docs):
            for s in sorted(docs[doc_id].statements, key=lambda s: s.ordinal):
                if s.kind in SOURCE_KINDS:
                    n, c = counts[role][s.id], near[role][s.id]
                    rows.append({"statement_id": s.id, "document_id": doc_id, "role": role,
                                 "status": linked if n or s.id in by_link else possibly if c or s.id in by_candidate
                                 else unlinked, "links": n, "candidates": c})
    return rows
