"""Smoke test of the benchmark (issue 7): its quickest mode runs end to end and reports every figure.

The real runs (``python -m benchmarks.run --scale small|full``) are not part of the test suite.
"""

from __future__ import annotations

import pytest

from benchmarks import run as bench
from benchmarks.render_pdf import FONT_DIR

pytestmark = pytest.mark.skipif(not (FONT_DIR / "DejaVuSans.ttf").is_file(), reason="DejaVu fonts not installed")


def test_quick_run_reports_every_metric(tmp_path, capsys):
    out = tmp_path / "RESULTS.md"
    results = bench.run("quick", tmp_path / "work", out, jobs=2)

    assert {"machine", "corpus", "extraction", "linking", "build", "pdf_build", "serve", "bars"} <= results.keys()
    assert results["corpus"]["documents"] == 2 and results["corpus"]["statements"] > 0
    extraction = results["extraction"]
    assert extraction["strategy-kb"]["pages"] == extraction["pdfplumber"]["pages"] == extraction["pypdfium2"]["pages"] > 0
    assert {"pdfplumber", "pypdfium2"} <= extraction["ratios"].keys()
    steps = results["linking"]["steps"]
    assert [s["factor"] for s in steps] == [1, 10] and steps[1]["statements"] == 10 * steps[0]["statements"]
    assert all(s["growth"] is not None and s["naive_seconds"] >= 0 for s in steps)
    build = results["build"]
    assert build["full"]["status"] == build["incremental"]["status"] == 0
    assert build["full"]["peak_rss_tree_mib"] > 0 and build["incremental_share"] > 0
    pdfs = results["pdf_build"]
    assert pdfs["build_status"] == 0 and pdfs["files"] == results["corpus"]["pdf_files"]
    assert pdfs["pages"] == results["corpus"]["pdf_pages"] and pdfs["ratio"] > 0
    for phase in ("fulltext", "table_search", "canned"):
        assert results["serve"][phase]["errors"] == 0
        assert results["serve"][phase]["p50_ms"] <= results["serve"][phase]["p95_ms"] <= results["serve"][phase]["p99_ms"]
    assert len(results["bars"]) == 12 and all(isinstance(b["pass"], bool) for b in results["bars"])
    text = out.read_text(encoding="utf-8")
    assert "## Bars" in text and "pdfplumber" in text and "p95" in text
    assert "pdfplumber" in capsys.readouterr().err
