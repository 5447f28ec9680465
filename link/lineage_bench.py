"""How the lineage linker's time grows with the corpus: replicate the documents as more counties and time it.

``python -m link.lineage_bench`` extracts the bundled corpus, then times
:func:`link.lineage.lineage_links` on the corpus copied ×1, ×10 and ×50 (each
copy a county of its own: new document and statement ids, region and
organisation suffixed) and prints the times and growth ratios.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from typing import Sequence

from extract.records import DocumentInfo, ExtractedDocument
from link.lineage import lineage_links

FACTORS = (1, 10, 50)


def replicate(documents: Sequence[ExtractedDocument], copies: int) -> list[ExtractedDocument]:
    """``documents`` copied as ``copies`` counties with new ids (``<id>-x<i>``), regions and organisations."""
    out = []
    for i in range(copies):
        for d in documents:
            new_id = f"{d.info.id}-x{i}"
            info = DocumentInfo(**{**vars(d.info), "id": new_id, "region": f"{d.info.region} {i}",
                                   "organisation": f"{d.info.organisation} {i}"})
            statements = tuple(replace(s, id=s.id.replace(d.info.id, new_id, 1), document_id=new_id,
                                       parent_id=s.parent_id and s.parent_id.replace(d.info.id, new_id, 1))
                               for s in d.statements)
            out.append(replace(d, info=info, statements=statements, passages=(), sections=(), evaluations=(),
                               targets=()))
    return out


def benchmark(documents: Sequence[ExtractedDocument], factors: Sequence[int] = FACTORS, repeat: int = 3) -> list[dict]:
    """Seconds of :func:`lineage_links` per replication factor (best of ``repeat``), with the growth ratio
    to the first factor.

    The lemma caches are warmed first, so the figures measure linking, not the first Voikko lookups.
    """
    lineage_links(documents)
    rows = []
    for factor in factors:
        docs = replicate(documents, factor)
        seconds = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            links = lineage_links(docs)
            seconds = min(seconds, time.perf_counter() - started)
        statements = sum(len(d.statements) for d in docs)
        rows.append({"factor": factor, "statements": statements, "links": len(links), "seconds": round(seconds, 3),
                     "growth": round(seconds / rows[0]["seconds"], 2) if rows else 1.0})
    return rows


if __name__ == "__main__":  # python -m link.lineage_bench [CORPUS]
    import extract

    corpus = extract.run(sys.argv[1] if len(sys.argv) > 1 else "corpus")
    for row in benchmark(corpus):
        print(f"x{row['factor']:<3} {row['statements']:>6} statements {row['links']:>5} links "
              f"{row['seconds']:>7.2f} s  growth x{row['growth']}")
