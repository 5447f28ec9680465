"""Build the zoo once per test session: render (in parallel), extract every set in one pipeline run, score.

Used by the session fixtures of ``tests/test_layout_zoo.py`` and
``tests/test_wording_variants.py``; the renderings live in pytest's session
tmp dir, nothing is written into the repository.
"""

from __future__ import annotations

import multiprocessing
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from extract.records import ExtractedDocument
from tests.layout_zoo.render import LAYOUTS, render
from tests.layout_zoo.score import PRF, ROOT, bundled_infos, extract_sets, score, scored_keys
from tests.layout_zoo.variants import TEXT_VARIANTS, reword_source, reword_text

JOBS = 2
#: layouts also rendered with reworded cue headings and sentence-case verdicts
REWORDED_LAYOUTS = ("two_columns", "landscape_ruled")


@dataclass
class Results:
    """Extracted documents and figures per set (a layout, a text variant, or a reworded layout)."""

    documents: dict[str, dict[str, ExtractedDocument]]
    figures: dict[str, dict[str, Optional[PRF]]]
    files: dict[str, dict[str, Path]]


def _render_job(job: tuple[str, str, str, Optional[int]]) -> str:
    key, layout, folder, reword = job
    return str(render(key, layout, Path(folder), reword_source(reword) if reword is not None else None))


def _render_all(jobs: list[tuple[str, str, str, Optional[int]]]) -> list[Path]:
    with ProcessPoolExecutor(JOBS, mp_context=multiprocessing.get_context("spawn")) as pool:
        return [Path(p) for p in pool.map(_render_job, jobs)]


def _results(folder: Path, sets: dict[str, dict[str, Path]], reuse: dict[str, str]) -> Results:
    """Extract ``sets`` and score them; a set named in ``reuse`` takes the documents it lacks from another set."""
    documents = extract_sets(folder, sets, JOBS)
    for name, base in reuse.items():
        documents[name] = {**documents[base], **documents[name]}
    return Results(documents, {name: score(docs) for name, docs in documents.items()}, sets)


def zoo_keys(layout: str) -> tuple[str, ...]:
    """The documents rendered and extracted in ``layout``: the scored ones, and the deck 000 in the slide layouts."""
    return (("000",) if layout.startswith("slides") else ()) + scored_keys()


def layout_zoo(folder: Path) -> Results:
    """The documents of :func:`zoo_keys` in every layout."""
    jobs = [(key, layout, str(folder / layout), None) for layout in LAYOUTS for key in zoo_keys(layout)]
    paths = _render_all(jobs)
    sets: dict[str, dict[str, Path]] = {layout: {} for layout in LAYOUTS}
    for (key, layout, _, _), path in zip(jobs, paths):
        sets[layout][key] = path
    return _results(folder, sets, {})


def wording_variants(folder: Path) -> Results:
    """The text exports in every wording variant (a document a variant leaves unchanged is not extracted twice),
    and the layouts of :data:`REWORDED_LAYOUTS` with reworded cue headings and sentence-case verdicts."""
    infos = bundled_infos()
    sets: dict[str, dict[str, Path]] = {"original": _copy_exports(folder / "original")}
    for name in TEXT_VARIANTS:
        sets[name] = {}
        for key in scored_keys():
            original = (ROOT / "corpus" / infos[key].file).read_text(encoding="utf-8")
            changed = reword_text(original, name)
            if changed != original:
                path = folder / name / infos[key].file
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(changed, encoding="utf-8")
                sets[name][key] = path
    jobs = [(key, layout, str(folder / f"reworded-{layout}"), 0) for layout in REWORDED_LAYOUTS for key in scored_keys()]
    for (key, layout, _, _), path in zip(jobs, _render_all(jobs)):
        sets.setdefault(f"reworded-{layout}", {})[key] = path
    return _results(folder, sets, {name: "original" for name in TEXT_VARIANTS})


def _copy_exports(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for key in scored_keys():
        info = bundled_infos()[key]
        out[key] = folder / info.file
        shutil.copy(ROOT / "corpus" / info.file, out[key])
    return out
