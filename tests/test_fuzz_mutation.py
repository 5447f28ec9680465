"""Mutation fuzzing: byte-mutated PDFs and decks through ``extract_document`` — no crash, no hang.

The seeds are documents the tests themselves build (columns, a side box, a
table, rotated text, lists, running footers; a deck with a title, text boxes,
a group, a table and notes). Each case is a seeded mutation of one seed:
random bytes overwritten, a slice deleted, duplicated or cut off, or a number
token replaced by an extreme value; for decks, also the same inside one XML
part of a still valid zip. Every case runs in the worker processes of the
build with a per-case time limit. A crash is an exception escaping
``extract_document`` (or a dead worker); a hang is a case over its limit; an
error recorded on the document is the expected outcome for a broken file.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from extract.errors import CODES
from extract.pipeline import extract_document
from extract.records import DocumentInfo
from extract.workers import Crashed, Done, TimedOut, run_tasks
from pdf_factory import Box, Lines, Rotated, Table, Text, build_pdf, unicode_fonts
from pptx_factory import Para, add_group, add_slide, add_table, add_text_box, new_deck, save, set_notes

SEED = 8
PDF_CASES = 200
PPTX_CASES = 150
TIME_LIMIT = 20.0  # seconds per case; the seeds take well under one
EXTREMES = (b"0", b"-1", b"1e308", b"-1e308", b"99999999999999999999", b"3.4e38", b"-0", b"nan", b"1e-320", b"65535")
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")

pytestmark = pytest.mark.skipif(unicode_fonts() is None, reason="no Unicode TTF font for test PDFs")


def _seed_pdfs(folder: Path) -> list[bytes]:
    """Two small PDFs (one with uncompressed content streams) covering the reader's layouts."""
    footer = [Text(280, 820, "Strategia 2023–2025", size=8)]
    pages = [
        [Text(72, 72, "Hyvinvointialueen strategia", size=20, bold=True),
         Lines(72, 120, ["Vasen palsta alkaa tästä", "ja jatkuu tähän."]),
         Lines(320, 120, ["Oikea palsta alkaa tästä", "ja jatkuu tähän."]),
         Box(60, 300, 200, 80), Lines(70, 320, ["Sivulaatikon teksti"]), Rotated(40, 700, "Kiertyvä teksti")] + footer,
        [Text(72, 72, "Valtuustokauden tavoitteet", size=14),
         Text(72, 110, "1."), Lines(90, 110, ["Asiakkaiden tyytyväisyys para-", "nee vuosittain."]),
         Table(72, 200, [["Tavoite", "Mittari"], ["Saatavuus", "Jonot < 14 vrk"]], [200, 200])] + footer,
    ]
    return [build_pdf(folder / f"seed{i}.pdf", pages, compress=bool(i)).read_bytes() for i in range(2)]


def _seed_pptx(folder: Path) -> bytes:
    """A two-slide deck with a title, text boxes, a group, a table and speaker notes."""
    deck = new_deck()
    slide = add_slide(deck, "Strategia 2026–2029")
    add_text_box(slide, (40, 100, 300, 200), ["Tavoitteet", Para("Palvelut lähellä", bullet="•"),
                                              Para("Kustannukset hallinnassa", numbered="arabicPeriod")])
    group = add_group(slide)
    add_text_box(group.shapes, (400, 100, 200, 100), ["Ryhmän teksti"])
    set_notes(slide, "Puhujan muistiinpanot")
    second = add_slide(deck, "Mål för perioden")
    add_table(second, (40, 120, 500, 100), [["Mål", "Mätare"], ["Tillgång", "Köer < 14 dagar"]])
    return save(deck, folder / "seed.pptx").read_bytes()


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One random mutation of ``data``."""
    kind = rng.randrange(5)
    if kind == 0:
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    start = rng.randrange(len(data))
    end = min(len(data), start + rng.randint(1, 400))
    if kind == 1:
        return data[:start] + data[end:]
    if kind == 2:
        at = rng.randrange(len(data))
        return data[:at] + data[start:end] * rng.randint(1, 50) + data[at:]
    if kind == 3:
        return data[: rng.randrange(1, len(data))]
    numbers = list(_NUMBER.finditer(data))
    out = data
    for match in sorted(rng.sample(numbers, min(len(numbers), rng.randint(1, 5))), key=lambda m: -m.start()):
        out = out[: match.start()] + rng.choice(EXTREMES) + out[match.end() :]
    return out


def _mutate_pptx(data: bytes, rng: random.Random) -> bytes:
    """Half the time raw bytes; else one XML part of the package mutated inside a valid zip."""
    if rng.random() < 0.5:
        return _mutate_bytes(data, rng)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    xml = sorted(name for name in parts if name.endswith(".xml") or name.endswith(".rels"))
    name = rng.choice(xml)
    parts[name] = _mutate_bytes(parts[name], rng)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part, content in parts.items():
            target.writestr(part, content)
    return out.getvalue()


def _info(file: str) -> DocumentInfo:
    return DocumentInfo(id=file, file=file, organisation="T", region="T", period="2023-2025", kind="strategy",
                        languages=("fi", "sv"), title="T")


def test_mutated_pdfs_and_decks_never_crash_or_hang(tmp_path):
    rng = random.Random(SEED)
    pdfs, deck = _seed_pdfs(tmp_path), _seed_pptx(tmp_path)
    cases = tmp_path / "cases"
    cases.mkdir()
    names = []
    for i in range(PDF_CASES + PPTX_CASES):
        name = f"case{i:03d}.pdf" if i < PDF_CASES else f"case{i:03d}.pptx"
        data = _mutate_bytes(pdfs[i % 2], rng) if i < PDF_CASES else _mutate_pptx(deck, rng)
        (cases / name).write_bytes(data)
        names.append(name)
    outcomes = list(run_tasks(extract_document, [(str(cases), _info(n)) for n in names], jobs=2, time_limit=TIME_LIMIT))
    crashes = [(n, o.reason) for n, o in zip(names, outcomes) if isinstance(o, Crashed)]
    hangs = [n for n, o in zip(names, outcomes) if isinstance(o, TimedOut)]
    assert crashes == [] and hangs == []
    results = Counter(
        (n.rsplit(".", 1)[1], o.value.error[1:5] if o.value.error else "read") for n, o in zip(names, outcomes)
    )
    print(f"\n{len(names)} mutated files: {dict(sorted(results.items()))}")
    assert all(isinstance(o, Done) for o in outcomes)
    # a file that cannot be read fails with one line: a known code, the file, a reason
    errors = [(n, o.value.error) for n, o in zip(names, outcomes) if o.value.error]
    for name, error in errors:
        code = error[1:5]
        assert code in CODES and error.startswith(f"[{code}] {cases / name}: ") and "\n" not in error, error
    assert results[("pdf", "read")] > 0 and results[("pptx", "read")] > 0 and results[("pdf", "E102")] > 0
