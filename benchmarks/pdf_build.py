"""A whole ``strategy-kb build`` of PDFs, default settings, against raw pdfplumber reading their text in one process.

The bar of issue 14: a build of a corpus of PDFs (extraction in its default
worker processes, linking, the database written) must finish in less time
than pdfplumber's ``page.extract_text()`` takes to read the same files one
after another in a single process. The corpus is a spread of the scaled
corpus's PDFs (every n-th, so every source document and many layouts are in
it), hard-linked into a folder of its own with its manifest; the build runs
as a child process from a snapshot of the code, with nothing but ``--corpus``
and ``--db`` (its cache beside the database, empty at the start). The two
are timed back to back in the same run.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Sequence

from extract.manifest import load_manifest
from benchmarks import parsers
from benchmarks.rebuild import run_build, snapshot_code
from benchmarks.scaled_corpus import write_manifest

PDF_FILES = 48  # files in the subset: a few minutes for both contestants together


def spread(files: Sequence[Path], count: int = PDF_FILES) -> list[Path]:
    """At most ``count`` of ``files``, evenly spaced through them (every source and many layouts).

    >>> [p.name for p in spread([Path(f"{i}.pdf") for i in range(10)], 3)]
    ['0.pdf', '4.pdf', '8.pdf']
    """
    step = max(1, -(-len(files) // count))
    return list(files[::step][:count])


def measure(pdf_dir: Path, files: Sequence[Path], folder: Path) -> dict:
    """Time a default build of a spread of ``files`` and raw pdfplumber text of the same files in one process.

    :param pdf_dir: the scaled corpus's PDF folder (its manifest lists ``files``)
    :param files: the PDFs to choose from
    :param folder: a scratch folder for the subset corpus, the database and the code snapshot
    :returns: ``files``, ``pages``, ``build_seconds``, ``build_status``, ``pdfplumber_seconds`` and
        their ``ratio`` (build ÷ pdfplumber)
    """
    folder = folder.resolve()
    shutil.rmtree(folder, ignore_errors=True)
    chosen = spread(files)
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    names = {path.name for path in chosen}
    infos = [info for info in load_manifest(pdf_dir) if info.file in names]
    for info in infos:
        os.link(pdf_dir / info.file, corpus / info.file)
    write_manifest(corpus, infos)
    paths = [corpus / info.file for info in infos]

    started = time.perf_counter()
    pages = sum(parsers.pdfplumber_text(path)[0] for path in paths)
    plumber_seconds = time.perf_counter() - started
    build = run_build(corpus, folder / "strategies.db", None, None, snapshot_code(folder / "code"))
    return {
        "files": len(paths),
        "pages": pages,
        "build_status": build.status,
        "build_seconds": round(build.seconds, 2),
        "pdfplumber_seconds": round(plumber_seconds, 2),
        "ratio": round(build.seconds / plumber_seconds, 3) if plumber_seconds else None,
    }
