"""Linking stage: relations between the statements extracted from the corpus."""

from __future__ import annotations

from typing import Sequence

from extract.records import ExtractedDocument
from link.evaluated import evaluated_in
from link.lineage import lineage_links
from link.glossary import Correction, load_corrections
from link.parallel import align
from link.records import GlossaryEntry, Link, Linked

__all__ = ["Correction", "GlossaryEntry", "Link", "Linked", "load_corrections", "run"]


def run(documents: Sequence[ExtractedDocument], corrections: Sequence[Correction] = ()) -> Linked:
    """All links between the documents' units, sorted by id, with the glossary used for them.

    Parallel text comes first: the lineage linker follows translations.

    :param documents: extracted documents
    :param corrections: the user's glossary verdicts (:func:`link.glossary.load_corrections`)
    """
    parallel, glossary = align(documents, corrections)
    links = evaluated_in(documents) + parallel
    links += lineage_links(documents, links, [(e.fi, e.sv) for e in glossary])
    return Linked(links, glossary)
