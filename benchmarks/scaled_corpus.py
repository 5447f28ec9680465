"""The scaled corpus: the bundled documents rendered many times, as PDFs in varied layouts and the deck as PPTX.

Each bundled document is read with the project's text reader and joined into
units (:func:`extract.structure.build_units`); copy ``k`` of it is set in
:func:`~benchmarks.render_pdf.layout_for` ``(k)`` (the slide deck as a .pptx).
The result is cached under the work folder and made again only when the
bundled corpus, the scale or the renderers change.

Two corpus folders are written, each with its ``corpus.toml``: ``corpus/``
(every file) and ``pdf-corpus/`` (hard links to the PDFs only), so that the
project and the raw parsers are timed on exactly the same PDF pages.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from extract.manifest import MANIFEST_NAME, load_manifest, resolve_file
from extract.readers.text import read_text
from extract.records import DocumentInfo
from extract.structure import Unit, build_units
from benchmarks.render_pdf import layout_for, render_pdf
from benchmarks.render_pptx import render_pptx

BUNDLED = Path(__file__).resolve().parent.parent / "corpus"
_RENDERERS = ("render_pdf.py", "render_pptx.py", "scaled_corpus.py")


@dataclass(frozen=True)
class CorpusSpec:
    """How large a scaled corpus to make.

    :param copies: renderings of each bundled document
    :param sources: use only the first this many bundled documents (``None``: all)
    :param max_units: cut each document after this many units (``None``: whole)
    """

    copies: int
    sources: Optional[int] = None
    max_units: Optional[int] = None


@dataclass(frozen=True)
class ScaledCorpus:
    """A made corpus: its folders and the pages of each file."""

    corpus_dir: Path
    pdf_dir: Path
    pages: dict[str, int]

    @property
    def pdf_files(self) -> list[Path]:
        """The PDFs, in manifest order."""
        return [self.pdf_dir / name for name in self.pages if name.endswith(".pdf")]

    @property
    def total_pages(self) -> int:
        """Pages and slides of all files."""
        return sum(self.pages.values())

    @property
    def pdf_pages(self) -> int:
        """Pages of the PDFs."""
        return sum(n for name, n in self.pages.items() if name.endswith(".pdf"))


def make_corpus(spec: CorpusSpec, folder: Path, jobs: int) -> ScaledCorpus:
    """The scaled corpus in ``folder``: reused when its stamp matches, else rendered anew.

    :param spec: its size
    :param folder: where it lives (``corpus/``, ``pdf-corpus/``, ``stamp.json``)
    :param jobs: processes rendering at once
    """
    stamp_path = folder / "stamp.json"
    key = _key(spec)
    if stamp_path.is_file():
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
        if stamp.get("key") == key:
            return ScaledCorpus(folder / "corpus", folder / "pdf-corpus", stamp["pages"])
    shutil.rmtree(folder, ignore_errors=True)
    corpus_dir, pdf_dir = folder / "corpus", folder / "pdf-corpus"
    corpus_dir.mkdir(parents=True)
    pdf_dir.mkdir()
    sources = load_manifest(BUNDLED)[: spec.sources]
    units = {info.id: _units(info, spec.max_units) for info in sources}  # the same for every copy
    tasks = [
        (_copy_info(info, copy), units[info.id], copy, corpus_dir)
        for copy in range(spec.copies)
        for info in sources
    ]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pages = dict(pool.map(_render, *zip(*tasks)))
    infos = [task[0] for task in tasks]
    write_manifest(corpus_dir, infos)
    pdf_infos = [info for info in infos if info.file.endswith(".pdf")]
    for info in pdf_infos:
        os.link(corpus_dir / info.file, pdf_dir / info.file)
    write_manifest(pdf_dir, pdf_infos)
    stamp_path.write_text(json.dumps({"key": key, "pages": pages}, indent=1), encoding="utf-8")
    return ScaledCorpus(corpus_dir, pdf_dir, pages)


def rerender(spec: CorpusSpec, info: DocumentInfo, layout: int, folder: Path) -> int:
    """Render a scaled document again, in the layout of copy ``layout``, over its file in ``folder``.

    The old file is unlinked first (it may be a hard link into the cached corpus).

    :param spec: the spec the corpus was made with
    :param info: the document's manifest entry (a copy made by :func:`make_corpus`)
    :param layout: the copy number whose layout to use
    :param folder: the corpus folder holding the file
    :returns: the new page count
    """
    source = next(s for s in load_manifest(BUNDLED) if info.id.startswith(s.id))
    (folder / info.file).unlink(missing_ok=True)
    return _render(info, _units(source, spec.max_units), layout, folder)[1]


def _copy_info(source: DocumentInfo, copy: int) -> DocumentInfo:
    """The manifest entry of copy ``copy`` of a bundled document (a .pptx for the slide deck, else a .pdf).

    Copy 0 keeps the bundled region; every other copy stands for another
    county (``Länsi-Uusimaa 7``), as a corpus of all 21 counties would be:
    verbatim copies inside one region would make every copy a translation and
    a repeat of every other, links growing with the square of the copies.
    """
    suffix = ".pptx" if source.kind == "slides" else ".pdf"
    doc_id = f"{source.id}-c{copy:03d}"
    region = source.region if copy == 0 else f"{source.region} {copy}"
    return dataclasses.replace(source, id=doc_id, file=doc_id + suffix, title=f"{source.title} ({copy})", region=region)


def _units(info: DocumentInfo, max_units: Optional[int]) -> list[Unit]:
    """The bundled document's units, as the project's text reader and structure step give them."""
    units = build_units(read_text(resolve_file(BUNDLED, info)), info.languages)
    return units[:max_units]


def _render(info: DocumentInfo, units: Sequence[Unit], copy: int, folder: Path) -> tuple[str, int]:
    """Write one file; its name and page (slide) count."""
    path = folder / info.file
    pages = render_pptx(units, path) if path.suffix == ".pptx" else render_pdf(units, layout_for(copy), info.title, path)
    return info.file, pages


def _key(spec: CorpusSpec) -> str:
    """A hash of the spec, the bundled files and the renderers' source."""
    digest = hashlib.sha256(json.dumps(dataclasses.asdict(spec)).encode())
    here = Path(__file__).resolve().parent
    for path in sorted(BUNDLED.iterdir()) + [here / name for name in _RENDERERS]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def write_manifest(folder: Path, infos: Sequence[DocumentInfo]) -> None:
    """Write ``corpus.toml`` listing ``infos`` (strings written as TOML basic strings)."""
    entries = []
    for info in infos:
        fields = {
            "id": info.id, "file": info.file, "organisation": info.organisation, "region": info.region,
            "period": info.period, "kind": info.kind, "title": info.title,
        }
        lines = [f"{name} = {json.dumps(value, ensure_ascii=False)}" for name, value in fields.items()]
        lines.append(f"languages = {json.dumps(list(info.languages))}")
        entries.append("[[document]]\n" + "\n".join(lines))
    (folder / MANIFEST_NAME).write_text("\n\n".join(entries) + "\n", encoding="utf-8")
