"""Lineage across strategy versions and regions: the links and each statement's fate or origin.

:func:`lineage_links` makes the ``continues`` and ``similar_to`` links over
one shared set of lemma profiles; :func:`lineage_status` says, for every
statement of an earlier strategy that has a successor document, whether it
was continued or dropped, and for every statement of a later strategy that
has a predecessor, whether it continues something or is new. The build
writes the statuses as the ``lineage_status`` table.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from extract.records import ExtractedDocument
from link.bilingual import default_lexicon
from link.continues import SOURCE_KINDS, continues, lineage_pairs
from link.crosslang import CrossLingual
from link.matching import Context
from link.records import Link
from link.similar import similar_to


def lineage_links(documents: Sequence[ExtractedDocument], links: Sequence[Link] = (),
                  glossary: Iterable[tuple[str, str]] = ()) -> list[Link]:
    """``continues`` and ``similar_to`` links, sorted by id.

    :param documents: the extracted corpus
    :param links: links made before (their translations carry lineage across languages)
    :param glossary: learned (Finnish, Swedish) word pairs added to the seed lexicon
    """
    ctx = Context(documents, CrossLingual(default_lexicon().with_glossary(glossary)))
    return sorted(continues(documents, links, ctx) + similar_to(documents, ctx), key=lambda l: l.id)


def lineage_status(documents: Sequence[ExtractedDocument], links: Sequence[Link]) -> list[dict]:
    """One row per statement taking part in a lineage: statement_id, document_id, role, status, links.

    ``role`` is ``earlier`` (status ``continued`` or ``dropped``) or ``later``
    (status ``continues`` or ``new``); ``links`` counts the statement's
    ``continues`` links in that role. Mission, vision, values, guidelines,
    aims, principles, goals, targets and impact goals get a status; actions
    and results (the means) do not.
    """
    successors: dict[str, int] = {}
    predecessors: dict[str, int] = {}
    for l in links:
        if l.relation == "continues":
            successors[l.source_id] = successors.get(l.source_id, 0) + 1
            predecessors[l.target_id] = predecessors.get(l.target_id, 0) + 1
    pairs = lineage_pairs(documents)
    roles = [("earlier", {e.info.id: e for e, _ in pairs}, successors, ("continued", "dropped")),
             ("later", {l.info.id: l for _, l in pairs}, predecessors, ("continues", "new"))]
    rows = []
    for role, docs, counts, (linked, unlinked) in roles:
        for doc_id in sorted(docs):
            for s in sorted(docs[doc_id].statements, key=lambda s: s.ordinal):
                if s.kind in SOURCE_KINDS:
                    n = counts.get(s.id, 0)
                    rows.append({"statement_id": s.id, "document_id": doc_id, "role": role,
                                 "status": linked if n else unlinked, "links": n})
    return rows
