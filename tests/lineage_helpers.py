"""Helpers for the lineage tests: tiny synthetic strategies."""

from __future__ import annotations

from typing import Optional

from extract.records import DocumentInfo, ExtractedDocument, Statement


def document(doc_id: str, period: str, statements: list[tuple], region: str = "Testimaa",
             organisation: str = "Testimaan hyvinvointialue", lang: str = "fi", kind: str = "strategy") -> ExtractedDocument:
    """A document of statements given as (key, kind, text) or (key, kind, text, parent key).

    Statement ids are ``<doc_id>/<key>``; each gets page = its position.
    """
    info = DocumentInfo(id=doc_id, file=f"{doc_id}.txt", organisation=organisation, region=region, period=period,
                        kind=kind, languages=(lang,), title=doc_id)
    out = []
    for i, row in enumerate(statements, 1):
        key, stmt_kind, text = row[:3]
        parent: Optional[str] = f"{doc_id}/{row[3]}" if len(row) > 3 else None
        out.append(Statement(f"{doc_id}/{key}", doc_id, None, parent, i, stmt_kind, None, text, lang, i))
    return ExtractedDocument(info=info, sha256="0" * 64, pages=len(statements), statements=tuple(out))
