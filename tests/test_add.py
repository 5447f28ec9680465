"""``strategy-kb add``: a file's manifest entry proposed from its own text, for review."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS
from extract.manifest import load_manifest
from kb.cli import main
from pdf_factory import Lines, Text, build_pdf, truncated_copy, unicode_fonts

COMPARED = ("organisation", "region", "period", "kind")
needs_fonts = pytest.mark.skipif(unicode_fonts() is None, reason="no Unicode TTF font for test PDFs")


def _add(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["add", *map(str, args)])
    return result.exit_code, result.output


def _entries(corpus: Path) -> dict[str, dict]:
    """The proposed entries by file; commented-out fields are absent."""
    data = tomllib.loads((corpus / "corpus.toml").read_text(encoding="utf-8"))
    return {e["file"]: e for e in data["document"]}


def test_the_bundled_documents_get_the_manifest_s_fields(tmp_path):
    bundled = {info.file: info for info in load_manifest(CORPUS)}
    status, output = _add(*(CORPUS / f for f in sorted(bundled)), "--corpus", tmp_path / "new")
    assert status == 0, output
    proposed = _entries(tmp_path / "new")
    for file, info in bundled.items():
        entry = proposed[file]
        assert {k: entry[k] for k in COMPARED} == {k: getattr(info, k) for k in COMPARED}, file
        assert set(entry["languages"]) == set(info.languages), file
        assert entry["title"]
    assert len({e["id"] for e in proposed.values()}) == len(bundled)
    assert load_manifest(tmp_path / "new")  # a valid manifest as proposed


def test_every_inferred_field_says_where_it_came_from(tmp_path):
    _add(CORPUS / "keusote-strategia-2023-2025.txt", "--corpus", tmp_path)
    text = (tmp_path / "corpus.toml").read_text(encoding="utf-8")
    fields = [line for line in text.splitlines() if line and not line.startswith(("#", "["))]
    assert len(fields) == 8 and all("  # " in line for line in fields)
    assert 'period = "2023-2025"  # in the title' in text


def test_the_same_file_twice_is_refused(tmp_path):
    source = CORPUS / "keusote-strategia-2023-2025.txt"
    assert _add(source, "--corpus", tmp_path)[0] == 0
    renamed = tmp_path.parent / "renamed.txt"
    shutil.copyfile(source, renamed)
    status, output = _add(renamed, "--corpus", tmp_path)
    assert status == 1 and "the same file (sha256" in output and "keusote-strategia-2023-2025.txt" in output
    assert len(_entries(tmp_path)) == 1 and not (tmp_path / "renamed.txt").exists()


@needs_fonts
def test_county_only_in_the_footer_and_period_only_in_the_title(tmp_path):
    body = ["Palvelut järjestetään asukkaiden tarpeiden mukaan.", "Talous on tasapainossa ja henkilöstö voi hyvin."]
    pages = [[Text(72, 90, "Palvelustrategia 2026–2029", size=24)]] + [
        [Lines(72, 120, body), Text(72, 800, f"Pohjois-Savon hyvinvointialue | sivu {n}", size=8)] for n in range(2, 7)
    ]
    build_pdf(tmp_path / "ps.pdf", pages)
    status, output = _add(tmp_path / "ps.pdf")
    assert status == 0, output
    entry = _entries(tmp_path)["ps.pdf"]
    assert (entry["organisation"], entry["region"], entry["period"], entry["kind"], entry["languages"]) == (
        "Pohjois-Savon hyvinvointialue", "Pohjois-Savo", "2026-2029", "service-strategy", ["fi"])
    assert entry["title"] == "Palvelustrategia 2026–2029"


@needs_fonts
def test_a_swedish_only_document_gets_the_swedish_name(tmp_path):
    text = ["Österbottens välfärdsområde ordnar social- och hälsovården och räddningsväsendet.",
            "Vi förnyar tjänsterna tillsammans med invånarna och personalen i hela området."]
    build_pdf(tmp_path / "s.pdf", [[Text(72, 90, "Strategi för åren 2026–2029", size=22), Lines(72, 140, text)]] * 2)
    _add(tmp_path / "s.pdf")
    entry = _entries(tmp_path)["s.pdf"]
    assert (entry["organisation"], entry["region"], entry["period"], entry["kind"], entry["languages"]) == (
        "Österbottens välfärdsområde", "Pohjanmaa", "2026-2029", "strategy", ["sv"])


def test_a_deck_is_slides_with_its_first_slide_title(tmp_path):
    from pptx_factory import add_slide, add_text_box, new_deck, save

    deck = new_deck()
    add_slide(deck, "Kainuun hyvinvointialueen strategia 2023–2025")
    for n in range(3):
        slide = add_slide(deck, f"Tavoite {n + 1}")
        add_text_box(slide, (50, 150, 600, 200), ["Asiakkaat saavat palvelut oikeaan aikaan ja lähellä kotia."])
    save(deck, tmp_path / "k.pptx")
    _add(tmp_path / "k.pptx")
    entry = _entries(tmp_path)["k.pptx"]
    assert (entry["organisation"], entry["region"], entry["period"], entry["kind"], entry["languages"]) == (
        "Kainuun hyvinvointialue", "Kainuu", "2023-2025", "slides", ["fi"])
    assert entry["title"] == "Kainuun hyvinvointialueen strategia 2023–2025"


@needs_fonts
def test_no_county_name_leaves_organisation_commented_out_and_build_refuses(tmp_path):
    build_pdf(tmp_path / "x.pdf", [[Text(72, 90, "Strategia 2023–2025", size=22),
                                    Lines(72, 140, ["Edistämme asukkaiden hyvinvointia ja terveyttä."])]])
    status, output = _add(tmp_path / "x.pdf")
    assert status == 0 and "not inferred: organisation, region" in output
    text = (tmp_path / "corpus.toml").read_text(encoding="utf-8")
    assert '# organisation = ""  # not inferred: no county or city name' in text
    built = CliRunner().invoke(main, ["build", "--corpus", str(tmp_path), "--db", str(tmp_path / "kb.db")])
    assert built.exit_code == 2 and "lacks required field(s): organisation, region" in built.output


@needs_fonts
def test_a_corrupt_file_gets_the_one_line_error_build_gives(tmp_path):
    good = build_pdf(tmp_path / "good.pdf", [[Text(72, 90, "Keski-Suomen hyvinvointialue 2023–2025")]])
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    truncated_copy(good, corpus / "broken.pdf")
    status, output = _add(corpus / "broken.pdf", "--corpus", corpus)
    (line,) = output.splitlines()
    assert status == 1 and line.startswith(f"error [E102] {(corpus / 'broken.pdf').resolve()}: ")
    assert not (corpus / "corpus.toml").exists() or "broken.pdf" not in (corpus / "corpus.toml").read_text()
    (corpus / "corpus.toml").write_text(
        '[[document]]\nid = "b"\nfile = "broken.pdf"\norganisation = "o"\nregion = "r"\nperiod = "2023-2025"\n'
        'kind = "strategy"\nlanguages = ["fi"]\ntitle = "t"\n', encoding="utf-8")
    built = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--db", str(tmp_path / "kb.db"), "--no-cache"])
    assert line in built.output.splitlines()


def test_build_on_a_folder_without_a_manifest_names_add(tmp_path):
    shutil.copyfile(CORPUS / "keusote-strategia-2023-2025.txt", tmp_path / "k.txt")
    built = CliRunner().invoke(main, ["build", "--corpus", str(tmp_path), "--db", str(tmp_path / "kb.db")])
    assert built.exit_code == 2 and "no corpus.toml" in built.output
    assert f"`strategy-kb add FILE... --corpus {tmp_path}`" in built.output


def test_the_build_records_which_fields_are_still_as_inferred(tmp_path):
    import json
    import sqlite3

    _add(CORPUS / "keusote-strategia-2023-2025.txt", "--corpus", tmp_path)
    manifest = tmp_path / "corpus.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('title = "Hyvinvointialueen strategia ja palvelustrategia 2023–2025"',
                                     'title = "Edited by hand"'), encoding="utf-8")
    built = CliRunner().invoke(main, ["build", "--corpus", str(tmp_path), "--db", str(tmp_path / "kb.db")])
    assert built.exit_code == 0, built.output
    with sqlite3.connect(tmp_path / "kb.db") as conn:
        (inferred,) = conn.execute("SELECT inferred FROM documents").fetchone()
    origins = json.loads(inferred)
    assert set(origins) == {"organisation", "region", "period", "kind", "languages"}  # not the edited title
    assert origins["period"] == "in the title"

    import asyncio
    from kb.serve import create_datasette

    home = asyncio.run(create_datasette(tmp_path / "kb.db").client.get("/")).text
    assert "inferred by <code>strategy-kb add</code>: kind (" in home and "period (in the title)" in home
