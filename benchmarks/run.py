"""``python -m benchmarks.run [--scale quick|small|full] [--out FILE]``: every measurement of issues 7 and 14 in one run.

Steps, all on the same scaled corpus: make (or reuse) the corpus; time the
project's extraction of its PDFs against pdfplumber, pypdfium2 and
unstructured; time linking at growing sizes against a naive all-pairs
comparison; run a full build (peak memory) and an incremental rebuild; time a
default build of a spread of the PDFs against pdfplumber reading them in one
process; load
Datasette with full-text and canned-query requests. Prints the figures and
ratios as they come, writes ``RESULTS.md`` and returns the results.
"""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

import link
from extract.pipeline import extract_document
from extract.manifest import load_manifest
from extract.workers import default_jobs
from benchmarks import extraction, latency, linking, parsers, pdf_build, rebuild, report
from benchmarks.profiling import profile_call, profile_extraction
from benchmarks.scaled_corpus import CorpusSpec, make_corpus

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Scale:
    """The size of every step of a run.

    :param corpus: the scaled corpus
    :param link_factors: corpus growth factors for linking
    :param naive_budget: the most statement pairs the naive baseline compares per factor
    :param requests: Datasette requests per phase
    :param clients: concurrent Datasette clients
    :param unstructured_every: time unstructured on every n-th PDF (``None``: skip it)
    :param profile: profile the stages whose bars are missed
    """

    corpus: CorpusSpec
    link_factors: tuple[int, ...]
    naive_budget: int
    requests: int
    clients: int
    unstructured_every: Optional[int] = 1
    profile: bool = True


SCALES = {
    "quick": Scale(CorpusSpec(copies=1, sources=2, max_units=25), (1, 10), 200_000, 20, 2, None, profile=False),
    "small": Scale(CorpusSpec(copies=4), (1, 10, 50), 3_000_000, 500, 20),
    "full": Scale(CorpusSpec(copies=58), (1, 10, 50), 20_000_000, 2000, 20, 3),
}


def run(scale_name: str, work: Path, out: Optional[Path], jobs: int) -> dict[str, Any]:
    """Run every measurement at ``scale_name`` and return the results (also written to ``out``).

    :param scale_name: a key of :data:`SCALES`
    :param work: the folder for the corpus, databases and caches
    :param out: where to write the Markdown report (``None``: nowhere)
    :param jobs: worker processes for extraction, for the project and the baselines alike
    """
    scale, started = SCALES[scale_name], time.time()
    folder = work / scale_name
    results: dict[str, Any] = {"scale": scale_name, "started": started, "machine": report.machine()}
    _say(f"machine: {results['machine']}")
    corpus = make_corpus(scale.corpus, folder / "scaled", jobs)
    _say(f"corpus: {len(corpus.pages)} files, {corpus.total_pages} pages ({corpus.pdf_pages} PDF pages)")

    found = extraction.measure(corpus.pdf_dir, corpus.pdf_files, jobs, scale.unstructured_every)
    documents = found.pop("documents")
    found["jobs"] = jobs
    if scale.unstructured_every and parsers.unstructured_available() and parsers.blank_english_model():
        found["unstructured_note"] = parsers.BLANK_MODEL_NOTE
    results["extraction"] = found
    _say("extraction: " + json.dumps({k: v for k, v in found.items() if k != "unstructured_note"}, ensure_ascii=False))

    base = [d for d in documents if d.info.id.endswith("-c000")] + [
        extract_document(corpus.corpus_dir, info)
        for info in load_manifest(corpus.corpus_dir)
        if info.id.endswith("-c000") and not info.file.endswith(".pdf")
    ]
    results["linking"] = linking.measure(base, scale.link_factors, scale.naive_budget)
    _say(f"linking: {json.dumps(results['linking'])}")

    results["build"] = rebuild.measure(corpus.corpus_dir, scale.corpus, folder / "build", jobs)
    _say(f"build: {json.dumps({k: v for k, v in results['build'].items()}, ensure_ascii=False)}")
    db = Path(results["build"]["db"])

    results["pdf_build"] = pdf_build.measure(corpus.pdf_dir, corpus.pdf_files, folder / "pdf-build")
    _say(f"build of PDFs vs pdfplumber in one process: {json.dumps(results['pdf_build'])}")

    results["serve"] = latency.measure(db, scale.requests, scale.clients)
    _say(f"serve: {json.dumps(results['serve'], ensure_ascii=False)}")

    results["corpus"] = {
        "documents": len(corpus.pages),
        "pdf_files": len(corpus.pdf_files),
        "pptx_files": len(corpus.pages) - len(corpus.pdf_files),
        "pages": corpus.total_pages,
        "pdf_pages": corpus.pdf_pages,
        "statements": _count_goals(db),
    }
    results["bars"] = report.bars(results)
    profiles = {}
    if scale.profile and not all(b["pass"] for b in results["bars"][:2]):
        profiles["extraction of 3 PDFs"] = profile_extraction(corpus.pdf_dir, 3)
    if scale.profile and not all(b["pass"] for b in results["bars"][2:4]):
        profiles[f"link.run at ×{scale.link_factors[1]}"] = profile_call(
            link.run, linking.replicate(base, scale.link_factors[1])
        )
    results["profiles"] = {name: text for name, text in profiles.items() if text}
    results["seconds"] = time.time() - started
    results["load_average_end"] = report.load_average()
    results["command"] = f"python -m benchmarks.run --scale {scale_name}"
    for bar in results["bars"]:
        _say(f"{'pass' if bar['pass'] else 'FAIL'}  {bar['bar']}: {bar['value']}")
    if out is not None:
        report.write_markdown(results, out)
        (folder / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
        _say(f"wrote {out}")
    return results


def _count_goals(db: Path) -> int:
    """Rows of the ``goals`` table of a built database."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT count(*) FROM goals").fetchone()[0]


def _say(message: str) -> None:
    """Print a progress line to standard error at once."""
    print(message, file=sys.stderr, flush=True)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The command line; exit status 0 when every bar passes, 1 otherwise."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="small", help="corpus size (default: small)")
    parser.add_argument("--quick", action="store_const", const="quick", dest="scale", help="the same as --scale quick")
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="folder for corpus, databases, caches")
    parser.add_argument("--out", type=Path, default=None, help="write the report here (e.g. benchmarks/RESULTS.md)")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes (default: as the build)")
    args = parser.parse_args(argv)
    logging.getLogger("fpdf").setLevel(logging.ERROR)
    results = run(args.scale, args.work, args.out, args.jobs)
    return 0 if all(b["pass"] for b in results["bars"]) else 1


if __name__ == "__main__":
    sys.exit(main())
