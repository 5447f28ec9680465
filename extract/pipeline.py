"""Extraction of one document and of a whole corpus.

``extract_document`` picks the reader by file type, then runs the shared
steps: units and sections (:mod:`extract.structure`), typed statements
(:mod:`extract.statements`; not for evaluation reports), evaluated rows of
any evaluation table (:mod:`extract.evaluations`), measurable targets, findings. A document that
cannot be read becomes an :class:`ExtractedDocument` with ``error`` set and a
finding, so the rest of the corpus is still built.

``run`` extracts a whole corpus within :class:`Limits`: each document in a
worker process (:mod:`extract.workers`) under a time limit and a page limit,
results in manifest order, unchanged documents taken from an
:class:`~extract.cache.ExtractionCache` when one is given.
"""

from __future__ import annotations

import threading
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Optional, Sequence

from extract import evaluations as ev
from extract.cache import ExtractionCache, file_sha256
from extract.clean.bilingual_split import split_bilingual
from extract.clean.hyphenation import join_lines, line_vocabulary
from extract.errors import ExtractionError, StrategyKBError
from extract.manifest import load_manifest, resolve_file
from extract.records import DocumentInfo, ExtractedDocument, Finding, SourceDocument, Statement
from extract.statements import page_labels, type_statements
from extract.structure import build_passages, build_sections, build_units
from extract.targets import parse_targets
from extract.typed_statements import to_statements
from extract.workers import Done, Outcome, TimedOut, default_jobs, run_tasks

Progress = Callable[[DocumentInfo, Optional[ExtractedDocument]], None]


@dataclass(frozen=True)
class Limits:
    """Bounds on the work of :func:`run`.

    :param time_limit: seconds one document may take; its worker is then killed (E107)
    :param max_pages: pages (slides) read per document, the rest left out with a warning; ``None``: all
    :param jobs: worker processes extracting documents at the same time
    """

    time_limit: float = 300.0
    max_pages: Optional[int] = 2000
    jobs: int = field(default_factory=default_jobs)

    def __post_init__(self) -> None:
        if self.time_limit <= 0 or self.jobs < 1 or (self.max_pages is not None and self.max_pages < 1):
            raise ValueError(f"time_limit must be positive, jobs and max_pages at least 1: {self}")


def read_source(path: Path, max_pages: Optional[int] = None) -> SourceDocument:
    """Read a file with the reader for its type (.pdf, .pptx, .txt).

    :param path: the file
    :param max_pages: read at most this many pages of a PDF or slides of a deck
    :raises ExtractionError: E102 for an empty file, E104 for another type, or the reader's error
    """
    suffix = path.suffix.lower()
    if path.is_file() and path.stat().st_size == 0:
        raise ExtractionError("E102", "empty file (0 bytes)", str(path))
    if suffix == ".pdf":
        from extract.readers.pdf import read_pdf

        return read_pdf(path, {"max_pages": max_pages})
    if suffix == ".pptx":
        from extract.readers.pptx import read_pptx

        return read_pptx(path, max_pages)
    if suffix == ".txt":
        from extract.readers.text import read_text

        return read_text(path)
    raise ExtractionError("E104", f"unsupported file type {suffix!r}", str(path))


def extract_document(corpus_dir: str | Path, info: DocumentInfo, max_pages: Optional[int] = None) -> ExtractedDocument:
    """Extract one manifest entry; never raises for a bad file (the error is recorded).

    >>> doc = extract_document("corpus", load_manifest("corpus")[3])
    >>> doc.statements[0].kind
    'mission'

    :param corpus_dir: the corpus folder
    :param info: the manifest entry
    :param max_pages: read at most this many pages (slides); ``None``: all
    """
    path = resolve_file(corpus_dir, info)
    digest = file_sha256(path)
    try:
        source = read_source(path, max_pages)
    except StrategyKBError as exc:
        return failed_document(info, digest, exc)
    return _extract_source(info, digest, source)


def failed_document(info: DocumentInfo, digest: str, error: StrategyKBError) -> ExtractedDocument:
    """The result of a document that could not be extracted: ``error`` set and one ``unreadable`` finding."""
    return ExtractedDocument(
        info, digest, None, findings=(Finding(info.id, "unreadable", error.one_line()),), error=error.one_line()
    )


def _extract_source(info: DocumentInfo, digest: str, source: SourceDocument) -> ExtractedDocument:
    units = build_units(split_bilingual(source), info.languages)
    findings = [Finding(info.id, "extraction_warning", message, page) for page, message in source.warnings]
    if not units:
        findings.append(Finding(info.id, "no_text", "no text could be extracted", None))
    # evaluation tables are read in any document; an evaluation report has no other statements
    evaluated = ev.read_evaluations(info.id, units, source.removals, _cell_joiner(source, info.languages))
    typed, demoted = [], set()
    if info.kind != "evaluation":
        typed, demoted = type_statements([u for u in units if u.index not in evaluated.table_units], page_labels(source))
    sections, owner = build_sections(info.id, units, demoted)
    statements = to_statements(info.id, typed, owner)
    rows_as_goals, evaluations = ev.to_records(info.id, evaluated.rows, len(statements) + 1, owner)
    statements += rows_as_goals
    findings.extend(evaluated.findings)
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


def _cell_joiner(source: SourceDocument, languages: Sequence[str]) -> Callable[[Sequence[str]], str]:
    """How table cells' lines are joined: as the source's table blocks say their line ends are marked."""
    modes = [b.line_breaks for b in source.blocks if b.role == "table"]
    vocabulary = line_vocabulary(line for block in source.blocks for line in block.lines) if "unmarked" in modes else ()
    hint = languages[0] if len(languages) == 1 else None
    return partial(join_lines, lang=hint, line_breaks=modes[0] if modes else "word", vocabulary=vocabulary)


def _language_findings(info: DocumentInfo, statements: Sequence[Statement]) -> list[Finding]:
    undecided = [s for s in statements if s.lang == "und" and len(s.text.split()) >= 4]
    return [
        Finding(info.id, "undecided_language", f"language of statement {s.id} could not be decided", s.page, found=s.text[:120])
        for s in undecided
    ]


def run(
    corpus_dir: str | Path,
    progress: Optional[Progress] = None,
    limits: Optional[Limits] = None,
    cache: Optional[ExtractionCache] = None,
    meanwhile: Optional[Callable[[], None]] = None,
) -> list[ExtractedDocument]:
    """Extract every document of the corpus manifest, in manifest order.

    Documents are extracted in ``limits.jobs`` worker processes; one that runs
    over ``limits.time_limit`` is stopped and recorded as failed (E107), one
    whose extraction raises as failed with E108. Results found in ``cache``
    are reused and new ones stored there (not the failures of E107 and E108,
    which depend on the machine rather than the file).

    Workers are forked from a fork server that loads the lexicons once for
    them all, while ``meanwhile`` runs in a thread of this process. When no
    more documents are left to extract than there are workers (a rebuild after
    a change), ``meanwhile`` runs first and the workers are forked from this
    process: starting and loading a server would cost more than the documents.
    When every result is in the cache, ``meanwhile`` does not run.

    :param corpus_dir: folder with ``corpus.toml``
    :param progress: called before (with ``None``) and after each document, in manifest order
    :param limits: time and page limit and worker count (default :class:`Limits`)
    :param cache: where to look up and store results (default: no cache)
    :param meanwhile: other work of this process to do during the extraction (the build loads the linker's
        pipelines); not done when nothing is to be extracted
    :raises ManifestError: when the manifest itself is unusable
    """
    infos = load_manifest(corpus_dir)
    limits = limits or Limits()
    digests = [file_sha256(resolve_file(corpus_dir, info)) if cache else "" for info in infos]
    keys = [cache.key(info, digest, limits.max_pages) if cache else "" for info, digest in zip(infos, digests)]
    found = [cache.get(key) if cache else None for key in keys]
    tasks = [(str(corpus_dir), info, limits.max_pages) for info, doc in zip(infos, found) if doc is None]
    fork_here = len(tasks) <= limits.jobs and threading.active_count() == 1
    meanwhile = meanwhile if tasks else None  # with nothing to extract it overlaps nothing: the caller loads what it uses
    helper = threading.Thread(target=meanwhile, name="meanwhile", daemon=True) if meanwhile and not fork_here else None
    if helper:
        helper.start()
    elif meanwhile:
        meanwhile()  # before forking: the workers share what it loads (Voikko, the Swedish lexicon)
    out = []
    pool = run_tasks(extract_document, tasks, limits.jobs, limits.time_limit, ["extract.preload"], fork_here)
    with closing(pool) as outcomes:
        for info, digest, key, doc in zip(infos, digests, keys, found):
            if progress:
                progress(info, None)
            if doc is None:
                outcome = next(outcomes)
                doc = _from_outcome(corpus_dir, info, outcome)
                if cache and isinstance(outcome, Done) and doc.sha256 == digest:  # not if the file changed meanwhile
                    cache.put(key, doc)
            if progress:
                progress(info, doc)
            out.append(doc)
    if helper:
        helper.join()
    return out


def _from_outcome(corpus_dir: str | Path, info: DocumentInfo, outcome: Outcome) -> ExtractedDocument:
    """A worker's outcome as an extraction result; a time-out or crash becomes a failed document."""
    if isinstance(outcome, Done):
        return outcome.value
    path = resolve_file(corpus_dir, info)
    if isinstance(outcome, TimedOut):
        error = ExtractionError("E107", f"time limit exceeded ({outcome.seconds:g} s); extraction stopped", str(path))
    else:
        error = ExtractionError("E108", f"extraction failed unexpectedly: {outcome.reason}", str(path))
    return failed_document(info, file_sha256(path), error)
