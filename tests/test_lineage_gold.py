"""Lineage links against the hand-checked dev gold, and the thresholds that decide them calibrated on it.

Each test prints precision and recall (``pytest -s`` shows them). Precision
is judged on the links touching a gold unit (:mod:`lineage_gold`).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

import link.continues as continues_module
import link.similar as similar_module
from benchmarks.render_pdf import FONT_DIR, Layout, render_pdf
from conftest import CORPUS, load_jsonl
from extract.manifest import load_manifest
from extract.pipeline import extract_document, read_source
from extract.structure import build_units
from lineage_gold import Score, misses, score
from link.context import contexts
from link.crosslang import CrossLingual
from link.bilingual import default_lexicon
from link.evaluated import evaluated_in
from link.continues import continues_and_candidates
from link.lineage import lineage_links
from link.matching import Context
from link.parallel import align

CONTINUES = load_jsonl("continues_dev.jsonl")
SIMILAR = load_jsonl("similar_regions_dev.jsonl")
PRECISION_BAR = {"continues": 0.9, "similar_to": 0.85}  # issue 13's bars
# (module, constant, the neighbours it is compared with)
CALIBRATED = [
    (continues_module, "THRESHOLD", (0.3, 0.4)),
    (continues_module, "CONTEXT_THRESHOLD", (0.3, 0.4)),
    (continues_module, "CROSS_THRESHOLD", (0.5, 0.6)),
    (similar_module, "THRESHOLD", (0.2, 0.3)),
    (similar_module, "RATIO", (0.6, 0.8)),
    (similar_module, "LEVEL_DISCOUNT", (0.2, 0.6)),
]


@pytest.fixture(scope="module")
def corpus(corpus_documents):
    """The documents, the links lineage builds on, and one lemma/context Context shared by every run."""
    docs = list(corpus_documents.values())
    parallel, glossary = align(docs)
    before = evaluated_in(docs) + parallel
    pairs = [(e.fi, e.sv) for e in glossary]
    ctx = Context(docs, CrossLingual(default_lexicon().with_glossary(pairs)), contexts(docs, before))
    return docs, before, pairs, ctx


def _run(corpus, relation: str) -> list:
    """The links of ``relation`` with the thresholds as they are now (read at call time)."""
    docs, before, _, ctx = corpus
    if relation == "continues":
        return continues_and_candidates(docs, before, ctx)[0]
    return similar_module.similar_to(docs, ctx)


def _f1(s: Score) -> float:
    return 2 * s.precision * s.recall / (s.precision + s.recall) if s.precision + s.recall else 0.0


@pytest.fixture(scope="module")
def links(corpus):
    docs, before, glossary, _ = corpus
    return lineage_links(docs, before, glossary)


def _reported(docs, links, gold, relation: str) -> Score:
    """The score of the links of ``relation`` against ``gold``, printed with the gold links missed (``pytest -s``)."""
    found = score(docs, links, gold, relation)
    print(f"\n{relation} vs dev gold: {found}")
    for line in misses(docs, links, gold, relation):
        print("  missed:", line)
    return found


def test_continues_against_the_dev_gold(corpus, links):
    found = _reported(corpus[0], links, CONTINUES, "continues")
    assert found.precision >= 0.9, found  # measured 0.92 (12/13) on this corpus


# Measured 0.80 (12/15). Goal 2.3 lists its means after a lead-in ("keskeisiä keinoja ovat"): each item is judged
# on its own words and selected on its own, so 'monituottajamallin vaikuttava hyödyntäminen' continues in the
# Swedish common goal 'Vi främjar en mångproducentmodell …' (0.41), beside the 2023 goal on private production
# that continues there too. The one link judged wrong is its item 'digitalisaation edistäminen' → the deck's
# action 'Digitaalinen asiointi' (0.65). Still missed: 'kustannustietoisuus' → 'Vi känner till tjänsternas
# kostnader …' (0.19: tietoisuus ↔ 'känner till' is in no lexicon), and goal 1.3 (low-threshold services) ↔
# 'Stärk basnivån' / 'Vahvista perustasoa', bounded by construction: of the principle's own words only stärka is
# found around the goal (back 0.275), and matala, kynnys and ikäryhmä (0.52 of the goal's weight) have no
# partner anywhere around the principle, so the score is at most √(0.48 × 0.275) × 0.8 = 0.29.
# Tried before and not kept: a pivot lexicon through English (FreeDict fin-eng × eng-swe: 5 000 headwords,
# noise such as saatavuus → leverera); a hand-written lexicon of 274 sector terms beside FreeDict (the words
# around statements match more, and so do the wrong later units: P 0.62 (10/16), R 0.67 (10/15)).
def test_continues_recall_reaches_the_target(corpus, links):
    found = score(corpus[0], links, CONTINUES, "continues")
    assert found.precision >= 0.9 and found.recall >= 0.8, found


def test_similar_to_against_the_dev_gold(corpus, links):
    found = _reported(corpus[0], links, SIMILAR, "similar_to")
    assert found.precision >= 0.85, found  # measured P 0.88 (7/8), R 0.70 (7/10)


def test_similar_to_reaches_the_target(corpus, links):
    found = score(corpus[0], links, SIMILAR, "similar_to")
    assert found.precision >= 0.85 and found.recall >= 0.6, found


def _rendered(corpus, named, folder, realign: bool = False):
    """The documents ``named`` (original file names) rendered as two-column landscape PDFs and extracted again
    (the others as text), the links lineage builds on and a Context over them: evaluated_in made anew, and the
    translations too with ``realign`` (else the text export's: enough for ``similar_to``, within Finnish)."""
    docs, before, pairs, _ = corpus
    layout = Layout("a4-landscape", 36.0, 9.0, 2, True, True)
    rendered = []
    for d in docs:
        if d.info.original_file not in named:
            rendered.append(d)
            continue
        info = next(i for i in load_manifest(CORPUS) if i.file == d.info.file)
        render_pdf(build_units(read_source(CORPUS / info.file), info.languages), layout, info.title,
                   folder / f"{info.id}.pdf")
        rendered.append(extract_document(folder, replace(info, file=f"{info.id}.pdf")))
    parallel = [l for l in before if l.relation != "evaluated_in"]
    if realign:
        parallel, glossary = align(rendered)
        pairs = [(e.fi, e.sv) for e in glossary]
    links = evaluated_in(rendered) + parallel
    ctx = Context(rendered, CrossLingual(default_lexicon().with_glossary(pairs)), contexts(rendered, links))
    return rendered, links, ctx


@pytest.mark.skipif(not (FONT_DIR / "DejaVuSans.ttf").is_file(), reason="DejaVu fonts not installed")
def test_similar_to_on_a_pdf_rendering(corpus, tmp_path):
    """The two 2023–2025 strategies rendered as two-column landscape PDFs: the same bar as on the text exports."""
    rendered, _, ctx = _rendered(corpus, {r[end]["file"] for r in SIMILAR for end in ("source", "target")}, tmp_path)
    found = score(rendered, similar_module.similar_to(rendered, ctx), SIMILAR, "similar_to")
    print(f"\nsimilar_to vs dev gold on PDF renderings: {found}")
    assert found.precision >= 0.85 and found.recall >= 0.6, found  # measured P 0.88 (7/8), R 0.70 (7/10)


@pytest.mark.skipif(not (FONT_DIR / "DejaVuSans.ttf").is_file(), reason="DejaVu fonts not installed")
def test_continues_on_a_pdf_rendering(corpus, links, tmp_path):
    """The 2023 strategy and the Swedish 2026 strategy rendered as PDFs (the deck stays a text export, to keep
    the test short): precision holds its bar, and the links found on the text exports
    are found on the renderings too (a layout changes no wording)."""
    slides = {d.info.original_file for d in corpus[0] if d.info.kind == "slides"}
    named = {r[end]["file"] for r in CONTINUES for end in ("source", "target")} - slides
    rendered, before, ctx = _rendered(corpus, named, tmp_path, realign=True)
    made = continues_and_candidates(rendered, before, ctx)[0]
    found = score(rendered, made, CONTINUES, "continues")
    text = score(corpus[0], links, CONTINUES, "continues")
    print(f"\ncontinues vs dev gold on PDF renderings: {found} (text exports: {text})")
    for line in misses(rendered, made, CONTINUES, "continues"):
        print("  missed:", line)
    assert found.precision >= 0.9 and found.recall >= text.recall, found  # measured P 1.00 (11/11), R 0.73 (11/15)


@pytest.mark.parametrize("module, name, neighbours", CALIBRATED, ids=[f"{m.__name__}.{n}" for m, n, _ in CALIBRATED])
def test_threshold_is_no_worse_than_its_neighbours(corpus, module, name, neighbours, monkeypatch):
    """The chosen value gives an F1 on the dev gold at least that of the values beside it.

    A neighbour that buys its F1 with precision under the relation's bar and under the chosen
    value's (recall bought with false links a strategist would have to weed out) is no better.
    """
    rows = CONTINUES if module is continues_module else SIMILAR
    relation = "continues" if module is continues_module else "similar_to"
    bar = PRECISION_BAR[relation]
    chosen = getattr(module, name)
    results = {}
    for value in sorted({chosen, *neighbours}):
        monkeypatch.setattr(module, name, value)
        results[value] = score(corpus[0], _run(corpus, relation), rows, relation)
    monkeypatch.setattr(module, name, chosen)
    print(f"\n{module.__name__}.{name}:")
    for value, s in results.items():
        print(f"  {value:.2f}{' (chosen)' if value == chosen else '         '}  {s}  F1 {_f1(s):.2f}")
    floor = min(bar, results[chosen].precision)
    assert all(_f1(results[chosen]) >= _f1(results[v]) for v in neighbours if results[v].precision >= floor)
