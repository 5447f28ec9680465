"""The text-export reader: pages from page starts and footers, furniture, rotated text, lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS
from extract.errors import ExtractionError
from extract.readers.text import read_text


def _write(tmp_path: Path, text: str, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_text_reader_splits_pages_at_lines_starting_with_one_space(tmp_path):
    doc = read_text(_write(tmp_path, "Otsikko\n\nEnsimmäinen sivu.\n Toinen sivu alkaa.\n\nLisää tekstiä.\n"))
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.pages[1].blocks[0].lines == ("Toinen sivu alkaa.",)


def test_glued_footer_gives_the_absolute_page_number_and_is_removed(tmp_path):
    text = "Alku.\n Toinen.\n\n\n\n1426.11.2025\n\nTurvallisempaa elämää kotona\n\nTeksti.\n Seuraava.\n"
    doc = read_text(_write(tmp_path, text))
    assert [p.number for p in doc.pages] == [12, 13, 14, 15]
    assert ("footer", "1426.11.2025") in [(r.kind, r.text) for r in doc.removals]
    assert all("1426" not in line for b in doc.blocks for line in b.lines)


def test_iso_date_footer_with_running_title_is_recognised(tmp_path):
    doc = read_text(_write(tmp_path, "Eka.\n\n\n\n72025-11-26Strategi för förnyelse\n\nText här.\n"))
    assert [p.number for p in doc.pages] == [6, 7]


def test_a_date_in_running_text_is_not_a_footer(tmp_path):
    doc = read_text(_write(tmp_path, "Uutta\n\n• Neuvottelut päättyivät \n27.10.2025.\n"))
    assert not doc.removals
    assert doc.page_count is None


def test_footers_that_contradict_page_breaks_make_pages_unknown(tmp_path):
    text = "12025-01-01X\n\nA.\n B.\n C.\n\n\n\n32025-01-01X\n\nD.\n"
    doc = read_text(_write(tmp_path, text))
    assert [p.number for p in doc.pages] == [1, None, None, 3]
    assert any("unknown" in message for _, message in doc.warnings)


def test_letter_per_line_rotated_text_is_kept_apart(tmp_path):
    rotated = "V\näs\ntr\na \nN\nyl\nan\nds\n"
    doc = read_text(_write(tmp_path, "Otsikko\n\nLeipäteksti jatkuu.\n\n" + rotated + "\nLoppu.\n"))
    roles = {b.role: b for b in doc.blocks}
    assert roles["rotated"].lines == ("Västra Nylands",)
    assert all("äs" not in b.raw_text for b in doc.blocks if b.role != "rotated")


def test_list_items_split_at_markers_and_a_blank_line_inside_an_item_is_bridged(tmp_path):
    text = "Valtuustokauden tavoitteet:\n1.\t Asiakkaiden tyytyväisyys palveluihin \n\nja niiden saatavuuteen paranee.\n\n2.\t Toinen.\n"
    doc = read_text(_write(tmp_path, text))
    items = [b for b in doc.blocks if b.role == "list_item"]
    assert [(b.marker, b.raw_text) for b in items] == [
        ("1.", "Asiakkaiden tyytyväisyys palveluihin \nja niiden saatavuuteen paranee."),
        ("2.", "Toinen."),
    ]


def test_running_titles_repeated_at_page_tops_are_removed(tmp_path):
    words = ["Alku", "Keskikohta", "Loppuosa", "Liite", "Tiivistelmä"]
    pages = "".join(f" OSA\n\n{word} on tässä.\n" for word in words)
    doc = read_text(_write(tmp_path, pages))
    assert [r.text for r in doc.removals if r.kind == "running_title"] == ["OSA"] * 5
    assert [b.raw_text for b in doc.blocks] == [f"{word} on tässä." for word in words]


def test_missing_and_binary_files_are_refused_with_codes(tmp_path):
    with pytest.raises(ExtractionError) as missing:
        read_text(tmp_path / "nope.txt")
    assert missing.value.code == "E101"
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02PK")
    with pytest.raises(ExtractionError) as bad:
        read_text(binary)
    assert bad.value.code == "E102"


def test_bundled_slide_export_gets_pages_from_its_footers():
    doc = read_text(CORPUS / "luvn-vammaisneuvosto-2025-dia.txt")
    numbered = [p.number for p in doc.pages]
    assert 7 in numbered and 14 in numbered and 21 in numbered
    assert any(b.role == "rotated" and "Västra Nylands välfärdsområde" in b.raw_text for b in doc.blocks)


def test_line_end_convention_is_read_per_file(tmp_path):
    from extract.readers.text import marks_word_ends

    assert marks_word_ends(["Tämä rivi jatkuu ", "seuraavalle riville ", "ja loppuu.", "", "Otsikko", "Teksti."])
    assert not marks_word_ends(["Tämä rivi jatkuu", "seuraavalle riville", "ja loppuu."])


@pytest.mark.parametrize("trailing", [" ", ""])
def test_a_heading_glued_above_its_paragraph_is_split_with_or_without_trailing_spaces(tmp_path, trailing):
    # the same page from an exporter that keeps trailing spaces and from one that strips them
    body = [
        "Valtuustokauden tavoitteet",
        "Hyvinvointialue laatii vuoden 2023 aikana",
        "osallisuusohjelman, jota päivitetään kahden",
        "vuoden välein yhdessä asukkaiden kanssa.",
    ]
    text = "\n".join(line + (trailing if i in (1, 2) else "") for i, line in enumerate(body)) + "\n"
    doc = read_text(_write(tmp_path, text))
    assert [b.lines[0].strip() for b in doc.blocks] == [body[0], body[1]]
    assert {b.line_breaks for b in doc.blocks} == {"spaced" if trailing else "unmarked"}
