"""Extraction of one document and of a whole corpus.

``extract_document`` picks the reader by file type, then runs the shared
steps: units and sections (:mod:`extract.structure`), typed statements
(:mod:`extract.statements`) or, for evaluation reports, evaluated rows
(:mod:`extract.evaluations`), measurable targets, findings. A document that
cannot be read becomes an :class:`ExtractedDocument` with ``error`` set and a
finding, so the rest of the corpus is still built.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, Optional, Sequence

from extract import evaluations as ev
from extract.errors import ExtractionError, StrategyKBError
from extract.manifest import load_manifest, resolve_file
from extract.records import DocumentInfo, ExtractedDocument, Finding, SourceDocument, Statement
from extract.statements import to_statements, type_statements
from extract.structure import build_passages, build_sections, build_units
from extract.targets import parse_targets

Progress = Callable[[DocumentInfo, Optional[ExtractedDocument]], None]


def read_source(path: Path) -> SourceDocument:
    """Read a file with the reader for its type (.pdf, .pptx, .txt)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from extract.readers.pdf import read_pdf

        return read_pdf(path)
    if suffix == ".pptx":
        from extract.readers.pptx import read_pptx

        return read_pptx(path)
    if suffix == ".txt":
        from extract.readers.text import read_text

        return read_text(path)
    raise ExtractionError("E104", f"unsupported file type {suffix!r}", str(path))


def extract_document(corpus_dir: str | Path, info: DocumentInfo) -> ExtractedDocument:
    """Extract one manifest entry; never raises for a bad file (the error is recorded).

    >>> doc = extract_document("corpus", load_manifest("corpus")[3])
    >>> doc.statements[0].kind
    'mission'

    :param corpus_dir: the corpus folder
    :param info: the manifest entry
    """
    path = resolve_file(corpus_dir, info)
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        digest = ""
    try:
        source = read_source(path)
    except StrategyKBError as exc:
        finding = Finding(info.id, "unreadable", exc.one_line())
        return ExtractedDocument(info, digest, None, findings=(finding,), error=exc.one_line())
    return _extract_source(info, digest, source)


def _extract_source(info: DocumentInfo, digest: str, source: SourceDocument) -> ExtractedDocument:
    units = build_units(source, info.languages)
    findings = [Finding(info.id, "extraction_warning", message, page) for page, message in source.warnings]
    if not units:
        findings.append(Finding(info.id, "no_text", "no text could be extracted", None))
    if info.kind == "evaluation":
        sections, owner = build_sections(info.id, units, set())
        sets = ev.set_names(source.removals)
        rows = ev.parse_rows(units, sets)
        summaries = ev.parse_summaries(units, sets)
        ev.assign_missing_groups(rows, summaries)
        statements, evaluations = ev.to_records(info.id, rows, 1, owner)
        findings.extend(ev.check_summaries(info.id, rows, summaries))
    else:
        typed, demoted = type_statements(units)
        sections, owner = build_sections(info.id, units, demoted)
        statements, evaluations = to_statements(info.id, typed, owner), []
    findings.extend(_language_findings(info, statements))
    targets = [t for s in statements if s.kind in ("goal", "subgoal", "target", "impact") for t in parse_targets(s)]
    return ExtractedDocument(
        info=info,
        sha256=digest,
        pages=source.page_count,
        sections=tuple(sections),
        passages=tuple(build_passages(info.id, units, owner)),
        statements=tuple(statements),
        targets=tuple(targets),
        evaluations=tuple(evaluations),
        findings=tuple(findings),
        removals=source.removals,
    )


def _language_findings(info: DocumentInfo, statements: Sequence[Statement]) -> list[Finding]:
    undecided = [s for s in statements if s.lang == "und" and len(s.text.split()) >= 4]
    return [
        Finding(info.id, "undecided_language", f"language of statement {s.id} could not be decided", s.page, found=s.text[:120])
        for s in undecided
    ]


def run(corpus_dir: str | Path, progress: Optional[Progress] = None) -> list[ExtractedDocument]:
    """Extract every document of the corpus manifest, in manifest order.

    :param corpus_dir: folder with ``corpus.toml``
    :param progress: called before (with ``None``) and after each document
    :raises ManifestError: when the manifest itself is unusable
    """
    infos = load_manifest(corpus_dir)
    out = []
    for info in infos:
        if progress:
            progress(info, None)
        doc = extract_document(corpus_dir, info)
        if progress:
            progress(info, doc)
        out.append(doc)
    return out
