"""One-off generator of ``sources/*.json`` from the text exports (run by hand, output checked and corrected by hand).

    PYTHONPATH=. python -m tests.layout_zoo.gen_sources

It reads each export with the current text reader and unit builder; for the
evaluation report it rebuilds the evaluation tables with the current
``extract.evaluations.parse_rows``. Nothing else imports this module: the
renderers read only the JSON it wrote, so later changes of the pipeline do
not move the layout zoo.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from extract import evaluations as ev
from extract.clean.normalize import match_key
from extract.readers.text import read_text
from extract.structure import build_units

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "sources"
DOCUMENTS = {
    "000": ("luvn-vammaisneuvosto-2025-dia.txt", ("fi", "sv")),
    "001": ("luvn-strategi-2026-2029-sv.txt", ("sv",)),
    "002": ("luvn-strategia-2023-2025-arviointi.txt", ("fi",)),
    "003": ("luvn-strategia-2023-2025.txt", ("fi",)),
    "004": ("keusote-strategia-2023-2025.txt", ("fi",)),
}
_SUMMARY_NUMBERS = re.compile(r"^(?P<name>.*?)\s*(?P<nums>\d+\s+\d+,\d+\s+\d+\s+\d+)$")


def _element(unit) -> dict:
    if unit.role == "heading":
        return {"type": "heading", "level": unit.level or 2, "text": unit.text}
    if unit.role == "list_item":
        return {"type": "item", "marker": unit.marker, "number": unit.number, "text": unit.text}
    if unit.role == "table":
        return {"type": "table", "header": list(unit.rows[0]), "rows": [[{"text": c} for c in r] for r in unit.rows[1:]]}
    return {"type": "paragraph", "text": unit.text}


def _pages(units) -> list[list]:
    pages: list[list] = []
    for unit in units:
        if unit.first_on_page or not pages:
            pages.append([])
        pages[-1].append(unit)
    return pages


def _evaluation_pages(units, removals) -> list[dict]:
    rows = ev.parse_rows(units, ev.set_names(removals))
    by_page: dict[int, list] = {}
    for row in rows:
        by_page.setdefault(row.verdict.page, []).append(row)
    out = []
    for page_units in _pages(units):
        number = page_units[0].page
        page_rows = by_page.get(number, [])
        titles = [r.text for r in removals if r.page == number and r.kind == "running_title"]
        page = {"number": number, "running_title": next((t for t in titles if t.isupper()), None),
                "continues": any(match_key(t) == "jatkuu seuraavalla sivulla" for t in titles), "elements": []}
        if page_rows:
            used = {u.index for r in page_rows for u in r.goal + [r.verdict]}
            assessments = {match_key(a) for r in page_rows for a in r.assessment}
            subgoals = {match_key(s) for r in page_rows for s in r.subgoals}
            header = [u.text for u in page_units if ev._is_header(u)]
            if len(header) == 3:  # the goal column's header was read as "Tavoite Alatavoitteet"
                header.insert(0, "Tavoite")
            for unit in page_units:
                if (unit.index in used or ev._is_header(unit) or unit.role == "list_item"
                        or match_key(unit.text) in assessments | subgoals | {"tavoite alatavoitteet"}):
                    continue
                page["elements"].append(_element(unit))
            page["elements"].append({
                "type": "evaluation_table", "header": header,
                "rows": [{"goal": ev.goal_text(r), "subgoals": r.subgoals, "verdict": r.verdict.text.split()[0],
                          "score": r.score, "assessment": r.assessment} for r in page_rows],
            })
        else:
            page["elements"] = _summary_tables(page_units)
        out.append(page)
    return out


def _summary_tables(page_units) -> list[dict]:
    """A summary page: the header cells and "name count avg yes partial" lines as one table."""
    elements: list[dict] = []
    table = None
    name: list[str] = []
    for unit in page_units:
        key = match_key(unit.text)
        if re.search(r"tavoitteiden lukumäärä", key):
            table = {"type": "table", "header": ["Strateginen linjaus", "Tavoitteiden lukumäärä",
                                                 "Keskiarvo kokonaisuuden tilanteesta", "Kyllä", "Osittain"],
                     "caption": None, "rows": []}
            elements.append(table)
            continue
        if table is not None and not table["rows"] and key in ("keskiarvo kokonaisuuden tilanteesta",
                                                               "valmistuneita tavoitteita", "kyllä osittain"):
            continue
        found = _SUMMARY_NUMBERS.match(unit.text) if table is not None else None
        if found:
            cells = [" ".join(name + [found.group("name")]).strip()] + found.group("nums").split()
            table["rows"].append([{"text": c} for c in cells])
            name = []
            continue
        if table is not None and re.match(r"^arviointiasteikko|^\d = ", key):
            table = None
        if table is not None:
            name.append(unit.text)
            continue
        elements.append(_element(unit))
    return elements


def generate(key: str) -> dict:
    """The structured source of one document, as the current pipeline reads its text export."""
    name, languages = DOCUMENTS[key]
    source = read_text(ROOT / "corpus" / name)
    units = build_units(source, languages)
    if key == "002":
        pages = _evaluation_pages(units, source.removals)
    else:
        pages = [{"number": p[0].page, "elements": [_element(u) for u in p]} for p in _pages(units)]
    return {"key": key, "file": name, "languages": list(languages), "pages": pages}


if __name__ == "__main__":
    for key in DOCUMENTS:
        (OUT / f"{key}.json").write_text(json.dumps(generate(key), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
