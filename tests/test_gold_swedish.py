"""The Swedish strategy 2026–2029 (001) against its hand-read structure gold.

Scored on the bundled text export and on PDF renderings of it in two of the
benchmark renderer's layouts (one column portrait, two columns landscape).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from benchmarks.render_pdf import FONT_DIR, Layout, render_pdf
from conftest import CORPUS, load_jsonl
from extract.manifest import load_manifest
from extract.pipeline import extract_document, read_source
from extract.records import Statement
from extract.structure import build_units
from gold_scoring import parent_errors, structure_scores

SOURCE = "001_a8cff20e7dabf1ab.txt"
BUNDLED = "luvn-strategi-2026-2029-sv.txt"
LAYOUTS = {
    "a4-one-column": Layout("a4", 54.0, 10.0, 1, True, True),
    "landscape-two-columns": Layout("a4-landscape", 36.0, 9.0, 2, True, True),
}
CHECKED_PARENTS = {"goal", "action", "result"}


def _gold() -> list[dict]:
    return [row for row in load_jsonl("structure_001_sv.jsonl") if row["source"] == SOURCE]


def _report_and_check(label: str, statements: list[Statement], capsys) -> None:
    gold = _gold()
    scores = structure_scores(gold, statements)
    errors = parent_errors(gold, statements, CHECKED_PARENTS)
    lines = [f"001 {label} {kind:10s} gold {n:3d}  P {p:.2f}  R {r:.2f}  F1 {f:.2f}" for kind, (n, p, r, f) in scores.items()]
    lines.append(f"001 {label} parents wrong or missing: {len(errors)} of {sum(r['kind'] in CHECKED_PARENTS for r in gold)}")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert scores["overall"][3] >= 0.95, scores["overall"]
    assert not errors, "\n".join(errors)


def test_text_export_structure_matches_gold(corpus_documents, capsys):
    _report_and_check("text", corpus_documents[SOURCE].statements, capsys)


@pytest.mark.skipif(not (FONT_DIR / "DejaVuSans.ttf").is_file(), reason="DejaVu fonts not installed")
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_pdf_rendering_structure_matches_gold(name, tmp_path, capsys):
    info = next(i for i in load_manifest(CORPUS) if i.file == BUNDLED)
    units = build_units(read_source(CORPUS / BUNDLED), info.languages)
    render_pdf(units, LAYOUTS[name], info.title, tmp_path / f"{name}.pdf")
    doc = extract_document(tmp_path, replace(info, file=f"{name}.pdf"))
    assert doc.error is None
    _report_and_check(name, doc.statements, capsys)
