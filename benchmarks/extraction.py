"""Extraction throughput: the project's pipeline against raw parsers, on the same PDF pages.

Every contestant runs with the same number of worker processes: the project
through its own pool in :func:`extract.pipeline.run` (workers started fresh,
their language models loaded, all timed), the baselines through a
:class:`~concurrent.futures.ProcessPoolExecutor` forked from this process,
their libraries already imported, which favours the baselines slightly.
"""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence

from extract.pipeline import Limits, run as extract_corpus
from extract.records import ExtractedDocument
from benchmarks import parsers


@dataclass(frozen=True)
class Timing:
    """One contestant's run: pages read, seconds taken, text characters got."""

    name: str
    pages: int
    seconds: float
    chars: int = 0

    @property
    def pages_per_second(self) -> float:
        """Throughput."""
        return self.pages / self.seconds if self.seconds else 0.0


def time_project(pdf_dir: Path, jobs: int) -> tuple[Timing, list[ExtractedDocument]]:
    """The project's full extraction of the PDF corpus (no cache) and its documents.

    :param pdf_dir: a corpus folder of PDFs with its ``corpus.toml``
    :param jobs: worker processes
    """
    started = time.perf_counter()
    documents = extract_corpus(pdf_dir, limits=Limits(jobs=jobs, time_limit=3600.0, max_pages=None))
    seconds = time.perf_counter() - started
    chars = sum(len(s.text) for d in documents for s in d.statements)
    return Timing("strategy-kb", sum(d.pages or 0 for d in documents), seconds, chars), documents


def time_parser(name: str, parse: Callable[[Path], tuple[int, int]], files: Sequence[Path], jobs: int) -> Timing:
    """``parse`` over ``files`` in ``jobs`` forked processes.

    :param name: the contestant's name in the report
    :param parse: a module-level function of :mod:`benchmarks.parsers`
    :param files: the PDFs
    :param jobs: worker processes
    """
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(parse, files))
    seconds = time.perf_counter() - started
    return Timing(name, sum(p for p, _ in results), seconds, sum(c for _, c in results))


def measure(pdf_dir: Path, files: Sequence[Path], jobs: int, unstructured_every: Optional[int]) -> dict:
    """Time the project and the baselines on the same PDFs; pages/s and ratios.

    :param pdf_dir: the PDF corpus folder (its manifest lists ``files``)
    :param files: the PDFs
    :param jobs: worker processes for every contestant
    :param unstructured_every: time unstructured on every n-th file only (1: all; ``None``: skip it)
    :returns: per contestant ``pages``, ``seconds``, ``pages_per_s``, ``chars`` (of text got; the
        project's are its statements' characters); ``ratios`` of the
        project's time per page to each baseline's; the project's documents under ``documents``
    """
    project, documents = time_project(pdf_dir, jobs)
    timings = [
        project,
        time_parser("pdfplumber", parsers.pdfplumber_text, files, jobs),
        time_parser("pypdfium2", parsers.pypdfium2_text, files, jobs),
    ]
    unstructured: Optional[Timing] = None
    if unstructured_every and parsers.unstructured_available():
        unstructured = time_parser("unstructured", parsers.unstructured_fast, files[::unstructured_every], jobs)
        timings.append(unstructured)
    result = {
        t.name: {"pages": t.pages, "seconds": round(t.seconds, 3), "pages_per_s": round(t.pages_per_second, 2),
                 "chars": t.chars}
        for t in timings
    }
    result["ratios"] = {
        t.name: round(project.seconds / project.pages / (t.seconds / t.pages), 3) for t in timings[1:] if t.pages
    }
    result["unstructured_files"] = (
        f"every {unstructured_every}. file" if unstructured else "skipped" if not unstructured_every else "not installed"
    )
    result["statements"] = sum(len(d.statements) for d in documents)
    result["documents"] = documents
    return result
