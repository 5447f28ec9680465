"""Extract renderings with the project's public pipeline and score them against the hand-checked gold.

Figures per set of renderings (one layout, or one wording variant):

- ``statements``: micro P/R/F1 over (document, kind, text) of 003 and 004 for the
  kinds the gold has, the strategy-house kinds of 004 (vision, guideline, aim:
  reading choices, see the gold notes) left out and scored apart as ``house``;
- ``goals``: F1 of 003's council-term goals (kind ``goal``);
- ``rows``: the share of 002's 43 gold rows found (by goal text) with achieved and score exact;
- ``evaluated_in``: the gold's 003 → 002 links that ``link.evaluated.evaluated_in`` makes;
- ``sv``: F1 of 001 against ``tests/gold/structure_001_sv.jsonl`` when that file exists;
- ``parents``: the share of the gold items (goals, aims, targets, actions, results) of 001 and 003
  found with the gold parent (004's house is a reading choice, see the gold notes);
- ``pairs`` (where the deck 000 is extracted, reported only): the deck's gold fi/sv pairs
  (``parallel_000_dev.jsonl``) among the ``translation_of`` links ``link.parallel.align`` makes in it.

Texts are compared by :func:`extract.clean.normalize.match_key`.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Iterable, Optional, Sequence

from extract.clean.normalize import match_key
from extract.manifest import load_manifest
from extract.pipeline import Limits, run
from extract.records import DocumentInfo, ExtractedDocument
from extract.typed_statements import ITEM_KINDS
from link.evaluated import evaluated_in

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
SV_GOLD = GOLD / "structure_001_sv.jsonl"
HOUSE_KINDS = ("vision", "guideline", "aim")
HOUSE_FILE = "004_ceb6389ee00f0ecc.txt"


def scored_keys() -> tuple[str, ...]:
    """The documents a figure is computed for: 002–004, and 001 once its Swedish gold exists."""
    return (("001",) if SV_GOLD.exists() else ()) + ("002", "003", "004")


def gold_rows(name: str) -> list[dict]:
    """Rows of a gold JSON Lines file (empty when it does not exist)."""
    path = GOLD / name
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def bundled_infos() -> dict[str, DocumentInfo]:
    """The manifest entries of the bundled documents by key."""
    return {info.original_file[:3]: info for info in load_manifest(ROOT / "corpus") if info.original_file}


def write_manifest(folder: Path, entries: Sequence[tuple[str, DocumentInfo, str]]) -> None:
    """``corpus.toml`` for renderings: (id, the bundled entry it renders, file relative to ``folder``)."""
    blocks = []
    for doc_id, info, file in entries:
        fields = {"id": doc_id, "file": file, "original_file": info.original_file, "organisation": info.organisation,
                  "region": info.region, "period": info.period, "kind": info.kind, "title": info.title}
        lines = [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items()]
        lines.append(f"languages = {json.dumps(list(info.languages))}")
        blocks.append("[[document]]\n" + "\n".join(lines))
    (folder / "corpus.toml").write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def extract_folder(folder: Path, jobs: int = 2) -> dict[str, ExtractedDocument]:
    """Every document of ``folder``'s manifest extracted by the project's pipeline, by id."""
    docs = run(folder, limits=Limits(time_limit=600.0, max_pages=None, jobs=jobs))
    return {d.info.id: d for d in docs}


@dataclasses.dataclass(frozen=True)
class PRF:
    """Precision, recall, F1 with the counts behind them."""

    gold: int
    found: int
    hits: int

    @property
    def p(self) -> float:
        return self.hits / self.found if self.found else 0.0

    @property
    def r(self) -> float:
        return self.hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def prf(gold: set, found: set) -> PRF:
    """P/R/F1 of two sets."""
    return PRF(len(gold), len(found), len(gold & found))


def _statement_keys(doc: Optional[ExtractedDocument], file: str, kinds: Iterable[str]) -> set[tuple[str, str, str]]:
    kinds = set(kinds)
    if doc is None:
        return set()
    return {(file, s.kind, match_key(s.text)) for s in doc.statements if s.kind in kinds}


def statements(docs: dict[str, Optional[ExtractedDocument]]) -> dict[str, PRF]:
    """``statements`` (003 + 004, house apart), ``house`` (004's vision/guideline/aim), ``goals`` (003's goals)."""
    gold = gold_rows("goals.jsonl")
    kinds = {row["kind"] for row in gold}
    main_gold, house_gold = set(), set()
    for row in gold:
        key = (row["source"], row["kind"], match_key(row["text"]))
        (house_gold if row["source"] == HOUSE_FILE and row["kind"] in HOUSE_KINDS else main_gold).add(key)
    found = _statement_keys(docs.get("003"), "003_936e5353a6c4ad34.txt", kinds)
    found_004 = _statement_keys(docs.get("004"), HOUSE_FILE, kinds)
    house_found = {k for k in found_004 if k[1] in HOUSE_KINDS}
    goals_gold = {k for k in main_gold if k[0].startswith("003") and k[1] == "goal"}
    return {
        "statements": prf(main_gold, found | (found_004 - house_found)),
        "house": prf(house_gold, house_found),
        "goals": prf(goals_gold, {k for k in found if k[1] == "goal"}),
    }


def evaluation_rows(doc: Optional[ExtractedDocument]) -> PRF:
    """002's rows: gold rows found by goal text with achieved and score exact (``found``: rows extracted)."""
    gold = gold_rows("evaluations.jsonl")
    if doc is None:
        return PRF(len(gold), 0, 0)
    texts = {s.id: match_key(s.text) for s in doc.statements}
    found = {texts.get(e.goal_id): (e.achieved, e.score) for e in doc.evaluations}
    hits = sum(found.get(match_key(row["text"])) == (row["achieved"], row["score"]) for row in gold)
    return PRF(len(gold), len(doc.evaluations), hits)


def evaluated_links(strategy: Optional[ExtractedDocument], report: Optional[ExtractedDocument]) -> PRF:
    """The gold's evaluated_in links (003 goal → 002 row) that the project's linking makes between the two."""
    gold = {(match_key(r["source"]["text"]), match_key(r["target"]["text"])) for r in gold_rows("links_evaluated_in.jsonl")}
    if strategy is None or report is None:
        return PRF(len(gold), 0, 0)
    texts = {s.id: match_key(s.text) for d in (strategy, report) for s in d.statements}
    found = {(texts[link.source_id], texts[link.target_id]) for link in evaluated_in([strategy, report])}
    return prf(gold, found)


def swedish_structure(doc: Optional[ExtractedDocument]) -> Optional[PRF]:
    """001 against its Swedish gold over (kind, text); ``None`` while that gold does not exist."""
    gold = gold_rows(SV_GOLD.name)
    if not gold:
        return None
    keys = {(row["kind"], match_key(row["text"])) for row in gold}
    kinds = {k for k, _ in keys}
    found = {(s.kind, match_key(s.text)) for s in doc.statements if s.kind in kinds} if doc else set()
    return prf(keys, found)


PARENTED = ("001", "003")


def parents(docs: dict[str, Optional[ExtractedDocument]]) -> PRF:
    """The gold items of :data:`PARENTED` found with the gold parent (``found``: the gold items found at all)."""
    gold = [r for name in ("goals.jsonl", SV_GOLD.name) for r in gold_rows(name)
            if r["source"][:3] in PARENTED and r["kind"] in ITEM_KINDS and "parent" in r]
    texts = {key: {s.id: match_key(s.text) for s in doc.statements} for key, doc in docs.items() if doc}
    found = hits = 0
    for row in gold:
        doc, text_of = docs.get(row["source"][:3]), texts.get(row["source"][:3], {})
        match = next((s for s in doc.statements if text_of[s.id] == match_key(row["text"])), None) if doc else None
        if match is not None:
            found += 1
            hits += text_of.get(match.parent_id) == (match_key(row["parent"]) if row["parent"] else None)
    return PRF(len(gold), found, hits)


def parallel_pairs(deck: ExtractedDocument) -> PRF:
    """The deck's gold translation pairs among the links aligned inside it (``found``: links whose either side is a gold unit)."""
    from link.parallel import align, units_of

    gold = {(match_key(g["fi"]["text"]), match_key(g["sv"]["text"])) for g in gold_rows("parallel_000_dev.jsonl")}
    units = {u.id: u for u in units_of(deck)}
    links, _ = align([deck])
    pairs = {(match_key(units[l.target_id].text), match_key(units[l.source_id].text))
             for l in links if l.relation == "translation_of" and l.source_id in units and l.target_id in units}
    touching = {p for p in pairs if p[0] in {f for f, _ in gold} or p[1] in {s for _, s in gold}}
    return PRF(len(gold), len(touching), len(gold & pairs))


def score(docs: dict[str, Optional[ExtractedDocument]]) -> dict[str, Optional[PRF]]:
    """All figures of one set of renderings, keyed by figure name; ``docs`` by document key."""
    out: dict[str, Optional[PRF]] = dict(statements(docs))
    out["rows"] = evaluation_rows(docs.get("002"))
    out["evaluated_in"] = evaluated_links(docs.get("003"), docs.get("002"))
    out["sv"] = swedish_structure(docs.get("001"))
    out["parents"] = parents(docs)
    out["pairs"] = parallel_pairs(docs["000"]) if docs.get("000") else None
    return out


def table(figures: dict[str, dict[str, Optional[PRF]]]) -> str:
    """The figures of several sets as a text table, one line per set."""
    head = (f"{'set':24s} {'stmt P/R/F1':>16s} {'house F1':>8s} {'goals F1':>8s} {'rows':>7s} {'eval_in':>7s} "
            f"{'001 F1':>6s} {'parents':>7s} {'000 pairs P/R':>13s}")
    lines = [head]
    for name, f in figures.items():
        s, sv = f["statements"], f["sv"]
        lines.append(
            f"{name:24s} {s.p:5.2f}/{s.r:4.2f}/{s.f1:4.2f} {f['house'].f1:8.2f} {f['goals'].f1:8.2f} "
            f"{f['rows'].hits:3d}/{f['rows'].gold:<3d} {f['evaluated_in'].hits:3d}/{f['evaluated_in'].gold:<3d} "
            f"{(f'{sv.f1:6.2f}' if sv else '     -')} {f['parents'].r:7.2f} "
            f"{(f'{pairs.p:6.2f}/{pairs.r:4.2f}' if (pairs := f['pairs']) else '            -')}"
        )
    return "\n".join(lines)


def extract_sets(folder: Path, sets: dict[str, dict[str, Path]], jobs: int = 2) -> dict[str, dict[str, ExtractedDocument]]:
    """Extract many sets of files in one run of the pipeline (one worker pool for all).

    :param folder: the corpus folder every file lies in (a manifest is written there)
    :param sets: per set name, the file of each document key
    :returns: per set name, the extracted document of each key
    """
    infos = bundled_infos()
    entries, owner = [], {}
    for name, files in sets.items():
        for key, path in files.items():
            doc_id = f"{infos[key].id}--{name}"
            entries.append((doc_id, infos[key], path.relative_to(folder).as_posix()))
            owner[doc_id] = (name, key)
    write_manifest(folder, entries)
    out: dict[str, dict[str, ExtractedDocument]] = {name: {} for name in sets}
    for doc_id, doc in extract_folder(folder, jobs).items():
        name, key = owner[doc_id]
        out[name][key] = doc
    return out
