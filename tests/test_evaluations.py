"""Evaluations and summary checks read from tables, whatever reader built them.

Most tests build the document model directly (table blocks with cells), so
they hold for any reader; the last ones run the text export's table
reconstruction and a ruled PDF table.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

import pytest

from conftest import CORPUS, load_jsonl
from extract.clean.normalize import match_key
from extract.evaluation_tables import parse_verdict, segment
from extract.evaluations import read_evaluations
from extract.records import Block, Cell, Page, Removal, SourceDocument, cells_from_rows
from extract.structure import build_units

FI_HEADER = ["Tavoite", "Tavoite saavutettu?", "Arviointi (1-5)", "Sanallinen arviointi"]


def table(rows: Sequence[Sequence[str]], header_rows: int = 1, page: int = 1) -> Block:
    """A table block from a grid of cell texts."""
    return Block(lines=(), page=page, role="table", cells=cells_from_rows(rows, header_rows))


def heading(text: str, page: int = 1) -> Block:
    return Block(lines=(text,), page=page, role="heading", level=2)


def paragraph(text: str, page: int = 1) -> Block:
    return Block(lines=(text,), page=page)


def evaluate(pages: Sequence[Sequence[Block]], removals: Sequence[Removal] = ()):
    """Rows, summaries and findings of a document made of the given pages."""
    source = SourceDocument("test.pdf", "pdf", tuple(Page(i, tuple(b)) for i, b in enumerate(pages, 1)), len(pages),
                            tuple(removals))
    return read_evaluations("doc", build_units(source, ("fi",)), source.removals)


def rows_of(result) -> list[tuple[str, str, Optional[int], str]]:
    return [(r.goal, r.achieved, r.score, " ".join(r.assessment)) for r in result.rows]


def test_columns_are_mapped_by_their_header_in_any_order():
    result = evaluate([[table([
        ["Sanallinen arviointi (tiivistelmä)", "Arviointi (1-5)", "Tavoite", "Tavoite saavutettu?"],
        ["Ohjelma on hyväksytty.", "4", "Laaditaan osallisuusohjelma.", "KYLLÄ"],
        ["Työ on kesken.", "2", "Jonot lyhenevät.", "EI"],
    ])]])
    assert rows_of(result) == [
        ("Laaditaan osallisuusohjelma.", "yes", 4, "Ohjelma on hyväksytty."),
        ("Jonot lyhenevät.", "no", 2, "Työ on kesken."),
    ]


@pytest.mark.parametrize("cells", [["KYLLÄ 4", ""], ["KYLLÄ", "4"], ["Kyllä 4", ""], ["kyllä", "(4)"]])
def test_verdict_and_score_in_one_cell_or_two(cells):
    result = evaluate([[table([FI_HEADER, ["Tavoite A.", *cells, "Arvio."]])]])
    assert rows_of(result) == [("Tavoite A.", "yes", 4, "Arvio.")]


def test_verdict_and_score_in_one_column_without_a_score_header():
    result = evaluate([[table([["Tavoite", "Tavoite saavutettu?", "Sanallinen arviointi"],
                               ["Tavoite A.", "OSITTAIN 3", "Arvio."]])]])
    assert rows_of(result) == [("Tavoite A.", "partial", 3, "Arvio.")]


@pytest.mark.parametrize("word, achieved", [("KYLLÄ", "yes"), ("Kyllä", "yes"), ("kyllä", "yes"),
                                            ("Osittain", "partial"), ("EI", "no"), ("ei", "no"),
                                            ("JA", "yes"), ("Delvis", "partial"), ("NEJ", "no"), ("nej", "no")])
def test_verdicts_in_any_case(word, achieved):
    verdict = parse_verdict(f"{word} 3 Arvio alkaa", need_score=True)
    assert (verdict.achieved, verdict.score, verdict.rest) == (achieved, 3, "Arvio alkaa")


def test_a_verdict_needs_its_score_where_the_export_prints_them_together():
    assert parse_verdict("Ei ole kuitenkaan varmaa", need_score=True) is None
    assert parse_verdict("Kyllä", need_score=False).score is None


def test_swedish_headers_and_verdicts():
    result = evaluate([[table([
        ["Mål", "Delmål", "Målet uppnått?", "Bedömning (1-5)", "Verbal bedömning"],
        ["Vården är nära.", "• Fler hembesök\n• Kortare köer", "Delvis", "3", "Arbetet pågår."],
        ["Personalen trivs.", "", "JA", "5", "Målet är nått."],
    ])]])
    assert rows_of(result) == [("Vården är nära.", "partial", 3, "Arbetet pågår."),
                               ("Personalen trivs.", "yes", 5, "Målet är nått.")]
    assert result.rows[0].subgoals == ["Fler hembesök", "Kortare köer"]


def test_sub_goals_as_cell_items_or_bullets_in_the_goal_cell():
    items = Cell(1, 0, "Palvelut paranevat.", items=("Jonot lyhenevät", "Asiointi helpottuu"))
    cells = cells_from_rows([FI_HEADER], 1) + (items, Cell(1, 1, "KYLLÄ"), Cell(1, 2, "4"), Cell(1, 3, "Hyvä."))
    by_items = evaluate([[Block(lines=(), page=1, role="table", cells=cells)]])
    by_bullets = evaluate([[table([FI_HEADER, ["Palvelut paranevat.\n• Jonot lyhenevät\n• Asiointi\nhelpottuu",
                                               "KYLLÄ", "4", "Hyvä."]])]])
    assert by_items.rows[0].subgoals == by_bullets.rows[0].subgoals == ["Jonot lyhenevät", "Asiointi helpottuu"]
    assert by_bullets.rows[0].goal == "Palvelut paranevat."


def test_a_table_without_evaluation_header_gives_no_rows():
    result = evaluate([[table([["Mittari", "Lähtötaso", "Tavoite 2025"], ["Jonotusaika", "30 pv", "14 pv"]])]])
    assert result.rows == [] and result.findings == []


def test_continuation_page_with_a_repeated_header_keeps_the_group():
    result = evaluate([
        [heading("Strateginen linjaus: Hyvinvoiva arki 1/2"), table([FI_HEADER, ["A.", "KYLLÄ", "4", "a"]])],
        [table([FI_HEADER, ["B.", "OSITTAIN", "3", "b"]], page=2)],
    ])
    assert [(r.goal, r.group) for r in result.rows] == [("A.", "Hyvinvoiva arki"), ("B.", "Hyvinvoiva arki")]


def test_continued_by_a_note_under_the_table():
    result = evaluate([
        [heading("Toimiva talous"), table([FI_HEADER, ["A.", "KYLLÄ", "4", "a"]]), paragraph("Jatkuu seuraavalla sivulla")],
        [table([FI_HEADER, ["B.", "EI", "1", "b"]], page=2)],
    ])
    assert [r.group for r in result.rows] == ["Toimiva talous", "Toimiva talous"]


def test_a_new_table_without_continuation_cue_does_not_inherit_the_group():
    result = evaluate([
        [heading("Toimiva talous"), table([FI_HEADER, ["A.", "KYLLÄ", "4", "a"]])],
        [table([FI_HEADER, ["B.", "EI", "1", "b"]], page=2)],
    ])
    assert [r.group for r in result.rows] == ["Toimiva talous", None]


def test_continuation_without_header_joins_its_rows_and_a_broken_row():
    result = evaluate([
        [heading("Osaava henkilöstö 1/2"), table([FI_HEADER, ["A.", "KYLLÄ", "4", "Alku"], ["B.", "OSITTAIN", "3", "Arvio"]])],
        [heading("Osaava henkilöstö 2/2", page=2),
         table([["", "", "", "jatkuu tästä."], ["C.", "Osittain", "2", "c"]], header_rows=0, page=2)],
    ])
    assert rows_of(result) == [("A.", "yes", 4, "Alku"), ("B.", "partial", 3, "Arvio jatkuu tästä."),
                               ("C.", "partial", 2, "c")]
    assert {r.group for r in result.rows} == {"Osaava henkilöstö"}


def test_a_goal_whose_verdict_is_on_the_next_page_is_one_row():
    result = evaluate([
        [table([FI_HEADER, ["A.", "", "", ""]]), paragraph("Jatkuu seuraavalla sivulla")],
        [table([FI_HEADER, ["", "KYLLÄ", "5", "Valmis."]], page=2)],
    ])
    assert rows_of(result) == [("A.", "yes", 5, "Valmis.")]


def test_parts_from_running_titles_in_title_case():
    removals = [Removal(1, "running_title", "Hyvinvointialuestrategia"), Removal(2, "running_title", "Palvelustrategia"),
                Removal(1, "running_title", "Jatkuu seuraavalla sivulla")]
    result = evaluate([[table([FI_HEADER, ["A.", "KYLLÄ", "4", "a"]])], [table([FI_HEADER, ["B.", "EI", "1", "b"]], page=2)]],
                      removals)
    assert [r.evaluation_set for r in result.rows] == ["hyvinvointialuestrategia", "palvelustrategia"]


SUMMARY_WITH_NO = ["Strateginen linjaus", "Tavoitteiden lukumäärä", "Keskiarvo", "Kyllä", "Osittain", "Ei"]


def _report(summary_rows: Sequence[Sequence[str]], intro: str = "Strategiassa on asetettu 3 tavoitetta.",
            assessment: str = "Hyvä.") -> list[list[Block]]:
    return [
        [paragraph(intro), table(summary_rows)],
        [heading("Strateginen linjaus: Palvelut", page=2),
         table([FI_HEADER, ["A.", "KYLLÄ", "4", assessment], ["B.", "OSITTAIN", "3", "b"], ["C.", "EI", "2", "c"]], page=2)],
    ]


def test_summary_table_with_a_no_column_agrees_with_the_rows():
    result = evaluate(_report([SUMMARY_WITH_NO, ["Palvelut", "3", "3,0", "1", "1", "1"]]))
    assert result.findings == []


def test_summary_table_disagreement_in_the_no_column_is_one_finding():
    result = evaluate(_report([SUMMARY_WITH_NO, ["Palvelut", "3", "3,0", "1", "1", "0"]]))
    assert [(f.kind, f.expected, f.found) for f in result.findings] == [("summary_mismatch", "0", "1")]


def test_summary_columns_in_another_order_with_a_label_over_the_verdict_columns():
    cells = (Cell(0, 0, "Keskiarvo", "column_header", row_span=2), Cell(0, 1, "Valmistuneita tavoitteita", "column_header", col_span=2),
             Cell(0, 3, "Tavoitteiden lukumäärä", "column_header", row_span=2), Cell(0, 4, "Strateginen linjaus", "column_header", row_span=2),
             Cell(1, 1, "Osittain", "column_header"), Cell(1, 2, "Kyllä", "column_header"),
             Cell(2, 0, "3,5"), Cell(2, 1, "1"), Cell(2, 2, "1"), Cell(2, 3, "3"), Cell(2, 4, "Palvelut", "row_header"))
    pages = _report([])
    pages[0][1] = Block(lines=(), page=1, role="table", cells=cells)
    result = evaluate(pages)
    # stated average 3,5 against 3,0; yes 1 and partial 1 agree; count 3 agrees
    assert [(f.expected, f.found) for f in result.findings] == [("3.5", "3.0")]


def test_a_summary_header_not_understood_gives_one_finding():
    result = evaluate(_report([["Strateginen linjaus", "Tavoitteiden lukumäärä", "Muutos edellisestä", "Kyllä"],
                               ["Palvelut", "9", "+2", "7"]]))
    assert [f.kind for f in result.findings] == ["summary_unread"]


def test_a_total_row_covers_the_whole_part():
    result = evaluate(_report([SUMMARY_WITH_NO, ["Yhteensä", "4", "3,0", "1", "1", "1"]]))
    assert [(f.expected, f.found) for f in result.findings] == [("4", "3")]


def test_a_stated_count_is_read_from_the_introduction_only():
    wrong_intro = evaluate(_report([], intro="Strategiassa on asetettu 5 tavoitetta."))
    assert [(f.expected, f.found) for f in wrong_intro.findings] == [("5", "3")]
    inside = evaluate(_report([], assessment="Kaikkiaan 2 tavoitetta on jo saavutettu."))
    assert inside.findings == []
    after = _report([])
    after[1].append(paragraph("Jatkossa 7 tavoitetta siirtyy uuteen strategiaan.", page=2))
    assert evaluate(after).findings == []


def test_header_segmentation_splits_one_line_and_joins_broken_words():
    assert segment(["Tavoite Alatavoitteet"]) == [("Tavoite", "goal"), ("Alatavoitteet", "subgoals")]
    assert [r for _, r in segment(["Tavoite", "Tavoite saavu-\ntettu?", "Arviointi\n(1-5)",
                                   "Sanallinen arviointi (tiivistelmä)"])] == ["goal", "achieved", "score", "assessment"]
    assert segment(["Tavoite", "Asiakkaiden tyytyväisyys paranee."]) is None


# --- readers ------------------------------------------------------------------------------------

SWEDISH_EXPORT = """\
Strategisk riktlinje: Nära vård

Mål
Målet uppnått?

Bedömning (1-5)

Verbal bedömning

Vården ges nära
invånarna.

DELVIS 3 Arbetet med den nära vården har kommit i gång i alla kommuner i området under perioden, men
det återstår mycket att göra innan målet kan anses vara helt uppnått i hela välfärdsområdet.

Uppföljningen görs två gånger per år i nämnden och resultaten har publicerats på webbplatsen under året.

Köerna blir
kortare.

JA 4 Köerna har blivit betydligt kortare inom primärvården och den specialiserade sjukvården under året.
"""


def test_text_export_table_is_rebuilt_by_header_cues_verdict_lines_and_widths(tmp_path):
    from extract.readers.text import read_text

    path = tmp_path / "rapport.txt"
    path.write_text(SWEDISH_EXPORT, encoding="utf-8")
    source = read_text(path)
    tables = [b for p in source.pages for b in p.blocks if b.role == "table"]
    assert len(tables) == 1
    assert [c.text for c in tables[0].cells if c.kind == "column_header"] == [
        "Mål", "Målet uppnått?", "Bedömning (1-5)", "Verbal bedömning"]
    result = read_evaluations("doc", build_units(source, ("sv",)), source.removals)
    assert [(r.goal, r.achieved, r.score, r.group) for r in result.rows] == [
        ("Vården ges nära invånarna.", "partial", 3, "Nära vård"), ("Köerna blir kortare.", "yes", 4, "Nära vård")]
    # the wide paragraph after the first verdict belongs to that assessment, not to the next goal
    assert result.rows[0].assessment[-1].startswith("Uppföljningen görs")


def _variant(text: str) -> str:
    """The bundled report as another exporter and another template print it: no trailing spaces,
    running titles in title case, verdicts in sentence case."""
    out = []
    for line in text.split("\n"):
        line = line.rstrip()
        if line.strip().isupper() and len(line.split()) == 1 and len(line.strip()) > 10:
            line = line.replace(line.strip(), line.strip().capitalize())
        out.append(re.sub(r"^(KYLLÄ|OSITTAIN|EI)(?= [1-5] )", lambda m: m.group(1).capitalize(), line))
    return "\n".join(out)


def _with_no_column(text: str) -> str:
    """The summary tables with an "Ei" column: how many goals were not achieved (the rows say: one, under digital services)."""
    text = text.replace("Kyllä Osittain\n", "Kyllä Osittain Ei\n")
    return re.sub(r"(?m)^(.*\d+ \d,\d (\d+) (\d+))$", lambda m: m.group(1) + (" 1" if m.group(1).endswith("4 4,0 1 2") else " 0"), text)


def _unknown_summary_header(text: str) -> str:
    return text.replace("Keskiarvo \nkokonaisuuden", "Muutos \nedellisestä")


@pytest.mark.parametrize("transform, findings", [
    (_variant, [("summary_mismatch", "3.4", "3.2")]),
    (lambda t: _variant(_with_no_column(t)), [("summary_mismatch", "3.4", "3.2")]),
    # one finding per summary table; the pages without group heading then have no group to take
    (_unknown_summary_header, [("summary_unread", None, None)] * 2),
])
def test_report_in_other_renderings_keeps_all_rows_and_its_one_true_finding(tmp_path, transform, findings):
    from extract.pipeline import extract_document
    from extract.manifest import load_manifest

    name = "luvn-strategia-2023-2025-arviointi.txt"
    folder = tmp_path / "corpus"
    folder.mkdir()
    entries = (CORPUS / "corpus.toml").read_text(encoding="utf-8").split("[[document]]")[1:]
    (folder / "corpus.toml").write_text("".join("[[document]]" + e for e in entries if name in e), encoding="utf-8")
    original = (CORPUS / name).read_text(encoding="utf-8")
    variant = transform(original)
    assert variant != original
    (folder / name).write_text(variant, encoding="utf-8")
    doc = extract_document(folder, load_manifest(folder)[0])
    goals = {s.id: s.text for s in doc.statements}
    found = {match_key(goals[e.goal_id]): e for e in doc.evaluations}
    gold = load_jsonl("evaluations.jsonl")
    assert len(doc.evaluations) == len(gold)
    for row in gold:
        evaluation = found[match_key(row["text"])]
        assert (evaluation.achieved, evaluation.score) == (row["achieved"], row["score"]), row["text"]
        assert evaluation.evaluation_set == row["set"]
        summary_read = findings[0][0] != "summary_unread"
        assert match_key(evaluation.group or "") == match_key(row["group"]) or not (summary_read or evaluation.group)
        assert match_key(evaluation.assessment).startswith(match_key(row["assessment_start"])), row["text"]
    assert [(f.kind, f.expected, f.found) for f in doc.findings if f.kind.startswith("summary")] == findings


def test_ruled_landscape_pdf_table_with_repeated_header(tmp_path):
    pdf_factory = pytest.importorskip("pdf_factory")
    if pdf_factory.unicode_fonts() is None:
        pytest.skip("no Unicode TTF font to draw the PDF with")
    from extract.readers.pdf import read_pdf

    header = ["Tavoite", "Tavoite\nsaavu-\ntettu?", "Arviointi\n(1-5)", "Sanallinen arviointi (tiivistelmä)"]
    widths = [170, 70, 60, 460]
    page_one = [pdf_factory.Text(40, 40, "Strateginen linjaus: Toimiva arki 1/2", size=14, bold=True),
                pdf_factory.Table(40, 60, [header, ["Asiakkaat ovat\ntyytyväisiä.", "OSITTAIN", "4",
                                                    "Tyytyväisyys on pysynyt hyvällä tasolla."],
                                           ["Jonot lyhenevät.", "KYLLÄ", "5", "Jonot ovat lyhentyneet selvästi."]],
                                  widths),
                pdf_factory.Text(40, 540, "Jatkuu seuraavalla sivulla", size=9)]
    page_two = [pdf_factory.Text(40, 40, "Strateginen linjaus: Toimiva arki 2/2", size=14, bold=True),
                pdf_factory.Table(40, 60, [header, ["Asiointi on\nsujuvaa.", "EI", "2", "Työ on vasta alussa."]], widths)]
    path = pdf_factory.build_pdf(tmp_path / "arviointi.pdf", [page_one, page_two], size=(841.89, 595.28))
    source = read_pdf(path)
    result = read_evaluations("doc", build_units(source, ("fi",)), source.removals)
    assert [(match_key(r.goal), r.achieved, r.score, r.group) for r in result.rows] == [
        ("asiakkaat ovat tyytyväisiä", "partial", 4, "Toimiva arki"),
        ("jonot lyhenevät", "yes", 5, "Toimiva arki"),
        ("asiointi on sujuvaa", "no", 2, "Toimiva arki"),
    ]


def test_parts_without_names_are_the_runs_between_introductions():
    part = lambda n, page, rows: [paragraph(f"Strategiassa on asetettu {n} tavoitetta.", page=page),
                                  table([FI_HEADER, *rows], page=page)]
    result = evaluate([part(2, 1, [["A.", "KYLLÄ", "4", "a"], ["B.", "EI", "1", "b"]]),
                       part(1, 2, [["C.", "KYLLÄ", "5", "c"]])])
    assert result.findings == []
    assert [r.evaluation_set for r in result.rows] == [None, None, None]


def test_a_goal_cell_broken_at_the_page_break_is_joined():
    result = evaluate([
        [heading("Osaava henkilöstö 1/2"), table([FI_HEADER, ["Kehitämme yhteistä", "OSITTAIN", "3", "Alku."]])],
        [heading("Osaava henkilöstö 2/2", page=2), table([FI_HEADER, ["työkulttuuria.", "", "", ""],
                                                          ["B.", "KYLLÄ", "4", "b"]], page=2)],
    ])
    assert rows_of(result) == [("Kehitämme yhteistä työkulttuuria.", "partial", 3, "Alku."), ("B.", "yes", 4, "b")]
    assert result.findings == []


def test_a_score_column_named_by_its_scale_only():
    result = evaluate([[table([["Tavoite", "Toteutunut?", "Arvio ?(1-5)", "Perustelut"], ["A.", "Kyllä", "5", "a"]])]])
    assert rows_of(result) == [("A.", "yes", 5, "a")]


def test_the_rest_of_a_sub_goal_bullet_at_the_top_of_the_next_page_ends_that_bullet():
    result = evaluate([
        [table([FI_HEADER, ["Osaaminen kehittyy.\n• Vahvistamme kielten", "OSITTAIN", "3", "Alku."]]),
         paragraph("Jatkuu seuraavalla sivulla")],
        [table([FI_HEADER, ["osaamista.", "", "", "Loppu."]], page=2)],
    ])
    row = result.rows[0]
    assert (row.goal, row.subgoals, row.assessment) == ("Osaaminen kehittyy.", ["Vahvistamme kielten osaamista."],
                                                         ["Alku.", "Loppu."])


def test_text_at_the_top_of_a_continued_goal_cell_ends_its_last_bullet_even_with_more_bullets_below():
    result = evaluate([
        [heading("Yhteiset tavoitteet 1/2"),
         table([FI_HEADER, ["Osaaminen kehittyy.\n• Vahvistamme kielten", "OSITTAIN", "3", "Alku."]])],
        [heading("Yhteiset tavoitteet 2/2", page=2),
         table([FI_HEADER, ["osaamista. Se kannattaa.\n• Arvioimme työtä.", "", "", ""]], page=2)],
    ])
    row = result.rows[0]
    assert (row.goal, row.subgoals) == ("Osaaminen kehittyy.", ["Vahvistamme kielten osaamista. Se kannattaa.",
                                                                "Arvioimme työtä."])


def test_a_goal_broken_at_a_page_break_that_no_note_or_counter_announces_is_joined_when_it_goes_on_in_lower_case():
    # a table set on as long as it runs: the page break falls inside a row, and nothing says the table goes on
    result = evaluate([
        [heading("Osaava henkilöstö"), table([FI_HEADER, ["Kehitämme yhteistä", "OSITTAIN", "3", "Alku."]])],
        [table([FI_HEADER, ["työkulttuuria.", "", "", ""], ["B.", "KYLLÄ", "4", "b"]], page=2)],
    ])
    assert rows_of(result) == [("Kehitämme yhteistä työkulttuuria.", "partial", 3, "Alku."), ("B.", "yes", 4, "b")]
    assert result.findings == []
    capital = evaluate([
        [heading("Osaava henkilöstö"), table([FI_HEADER, ["A.", "OSITTAIN", "3", "a"]])],
        [table([FI_HEADER, ["Uusi tavoite ilman arviota.", "", "", ""]], page=2)],
    ])
    assert rows_of(capital) == [("A.", "partial", 3, "a")]
    assert [f.kind for f in capital.findings] == ["extraction_warning"]
