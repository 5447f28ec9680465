"""The machine a run was made on, the bars of issues 7 and 14 with pass/fail, and ``RESULTS.md``."""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path
from typing import Any, Optional

MIN_PAGES, MIN_STATEMENTS = 5000, 20000


def machine() -> dict[str, Any]:
    """CPU count and model, RAM and Python version of this machine."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), "?")
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    total_kib = next((int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal")), 0)
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "ram_gib": round(total_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": load_average(),
    }


def load_average() -> tuple[float, float, float]:
    """The 1, 5 and 15 minute load averages (other work on the machine skews every timing)."""
    return tuple(round(v, 2) for v in os.getloadavg())


def bars(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The bars of issue 14 (and the corpus size it asks for), each with the measured value and pass/fail."""
    extraction, build, serve, pdfs = (results[k] for k in ("extraction", "build", "serve", "pdf_build"))
    growth = next((s for s in results["linking"]["steps"] if s["factor"] == 10), None)
    unstructured = extraction["ratios"].get("unstructured")
    rows = [
        _bar("extraction time per page ≤ 0.5 × raw pdfplumber extract_text()", extraction["ratios"]["pdfplumber"], 0.5),
        _bar("extraction faster than unstructured partition_pdf(strategy=\"fast\") (time ratio < 1)", unstructured, 1.0,
             strict=True),
        _bar("linking: ×10 statements costs ≤ ×12 the time", growth["growth"] if growth else None, 12.0),
        _bar("incremental rebuild after one changed document < 10 % of a full build",
             build["incremental_share"], 0.10, strict=True),
        _bar("Datasette full-text (the site search page) p95 < 100 ms at 20 clients", serve["fulltext"]["p95_ms"],
             100.0, strict=True),
        _bar("Datasette full-text errors = 0", serve["fulltext"]["errors"], 0),
        _bar("Datasette canned queries p95 < 500 ms at 20 clients", serve["canned"]["p95_ms"], 500.0, strict=True),
        _bar("Datasette canned query errors = 0", serve["canned"]["errors"], 0),
        _bar("peak memory of a full build < 1 GiB (whole process tree, MiB)",
             build["full"]["peak_rss_tree_mib"], 1024.0, strict=True),
        _bar(f"whole build of {pdfs['files']} PDFs, default settings, faster than raw pdfplumber extract_text() of them"
             " in one process (time ratio < 1)", pdfs["ratio"] if pdfs["build_status"] == 0 else None, 1.0, strict=True),
    ]
    corpus = results["corpus"]
    rows.append({"bar": f"scaled corpus ≥ {MIN_PAGES} pages", "value": corpus["pages"],
                 "pass": corpus["pages"] >= MIN_PAGES})
    rows.append({"bar": f"scaled corpus ≥ {MIN_STATEMENTS} statements", "value": corpus["statements"],
                 "pass": corpus["statements"] >= MIN_STATEMENTS})
    return rows


def _bar(name: str, value: Optional[float], limit: float, strict: bool = False) -> dict[str, Any]:
    """A bar row: passes when ``value`` is at most ``limit`` (below it when ``strict``); no value fails."""
    passed = value is not None and (value < limit if strict else value <= limit)
    return {"bar": name, "value": value, "pass": passed}


def write_markdown(results: dict[str, Any], path: Path) -> None:
    """Write the figures of a run as Markdown to ``path``."""
    m, c, e, l, b, s, p = (
        results[k] for k in ("machine", "corpus", "extraction", "linking", "build", "serve", "pdf_build")
    )
    lines = [
        "# Benchmark results (issues 7 and 14)",
        "",
        f"Made by `{results['command']}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(results['started']))}"
        f" in {results['seconds']:.0f} s.",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gib']} GiB RAM, Python {m['python']}, {m['platform']}."
        f" Load average (1, 5, 15 min) at the start {m['load_average']}, at the end {results['load_average_end']}.",
        "",
        "## Bars",
        "",
        "| bar | measured | pass |",
        "|---|---|---|",
        *(f"| {r['bar']} | {r['value']} | {'pass' if r['pass'] else '**FAIL**'} |" for r in results["bars"]),
        "",
        "## Scaled corpus",
        "",
        f"{c['documents']} documents ({c['pdf_files']} PDFs, {c['pptx_files']} PPTX), {c['pages']} pages"
        f" ({c['pdf_pages']} PDF pages), {c['statements']} statements in the built database.",
        "",
        f"## Extraction ({e['jobs']} worker processes each, same {c['pdf_pages']} PDF pages)",
        "",
        "| contestant | pages | seconds | pages/s | project time ÷ its time |",
        "|---|---|---|---|---|",
        *(
            f"| {name} | {row['pages']} | {row['seconds']} | {row['pages_per_s']} | {e['ratios'].get(name, 1.0)} |"
            for name, row in e.items()
            if isinstance(row, dict) and "pages_per_s" in row
        ),
        "",
        f"unstructured: {e['unstructured_files']}. {e.get('unstructured_note', '')}",
        "",
        "## Linking as the corpus grows",
        "",
        "| factor | statements | links | link.run s | growth | parallel text s | growth | naive all-pairs s | naive growth |",
        "|---|---|---|---|---|---|---|---|---|",
        *(
            f"| ×{r['factor']} | {r['statements']} | {r['links']} | {r['seconds']} | ×{r['growth']} |"
            f" {r.get('parallel_seconds', '–')} | ×{r.get('parallel_growth', '–')} |"
            f" {r['naive_seconds']}{' (extrapolated)' if r['naive_estimated'] else ''} | ×{r['naive_growth']} |"
            for r in l["steps"]
        ),
        "",
        "## Full and incremental build",
        "",
        "| build | status | seconds | peak RSS build process MiB | peak RSS process tree MiB |",
        "|---|---|---|---|---|",
        *(
            f"| {name} | {b[name]['status']} | {b[name]['seconds']} | {b[name]['peak_rss_main_mib']} |"
            f" {b[name]['peak_rss_tree_mib']} |"
            for name in ("full", "incremental")
        ),
        "",
        f"Changed document: `{b['changed_document']}`; incremental ÷ full = {b['incremental_share']}.",
        "",
        *(
            line
            for name in ("full", "incremental")
            for line in (
                f"Peak PSS of the {name} build's process tree by stage: "
                + ", ".join(f"{stage} {mib} MiB" for stage, mib in b[name]["peak_rss_tree_mib_by_stage"].items()) + ".",
                "",
            )
        ),
        "## Build of PDFs against pdfplumber in one process",
        "",
        "| PDFs | pages | `strategy-kb build` s (default settings) | status | pdfplumber extract_text() s (one process) | build ÷ pdfplumber |",
        "|---|---|---|---|---|---|",
        f"| {p['files']} | {p['pages']} | {p['build_seconds']} | {p['build_status']} | {p['pdfplumber_seconds']} | {p['ratio']} |",
        "",
        "## Datasette latency",
        "",
        "| requests | mode | clients | n | p50 ms | p95 ms | p99 ms | max ms | req/s | errors |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *(
            f"| {name} | {s[name].get('mode', 'canned queries')} | {s[name]['clients']} | {s[name]['requests']} |"
            f" {s[name]['p50_ms']} | {s[name]['p95_ms']} | {s[name]['p99_ms']} | {s[name]['max_ms']} |"
            f" {s[name]['requests_per_s']} | {s[name]['errors']} |"
            for name in ("fulltext", "table_search", "canned") if name in s
        ),
        "",
    ]
    for name, text in results.get("profiles", {}).items():
        lines += [f"## Profile: {name} (a bar was missed)", "", "```", text, "```", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
