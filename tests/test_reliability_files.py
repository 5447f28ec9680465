"""Bad files in a corpus: each fails alone with one clear line, or is handled; the rest is built.

One build reads a corpus of every kind of bad file beside a good document;
further tests cover the time and page limits, a PDF with one broken page,
OCR of a scanned page and the worker processes themselves.
"""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

import extract
import worker_tasks as tasks
from conftest import CORPUS
from extract.errors import ExtractionError
from extract.pipeline import Limits, extract_document
from extract.readers.ocr import ocr_engine
from extract.readers.pdf import read_pdf
from extract.records import DocumentInfo
from extract.workers import Crashed, Done, TimedOut, run_tasks
from kb.cli import main
from pdf_factory import A4, Lines, Text, build_pdf, truncated_copy, unicode_fonts

pytestmark = pytest.mark.skipif(unicode_fonts() is None, reason="no Unicode TTF font for test PDFs")

GOALS = ["Valtuustokauden tavoitteet", "1. Asiakkaiden tyytyväisyys palveluihin paranee.",
         "2. Työvoiman saatavuus paranee yhteistyöllä."]
SMALL_TEXT = "Valtuustokauden tavoitteet:\n\n1. Hyvinvointi paranee vähitellen.\n"


def _entry(doc_id: str, file: str) -> str:
    return (f'[[document]]\nid = "{doc_id}"\nfile = "{file}"\norganisation = "Testin hyvinvointialue"\n'
            f'region = "Testi"\nperiod = "2023-2025"\nkind = "strategy"\nlanguages = ["fi"]\ntitle = "Testi"\n\n')


def _corpus(folder: Path, files: dict[str, bytes]) -> Path:
    """A corpus folder holding ``files`` and a manifest listing them (the id is the file name)."""
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "corpus.toml").write_text("".join(_entry(n.replace(".", "-"), n) for n in files), encoding="utf-8")
    return folder


def _info(file: str) -> DocumentInfo:
    return DocumentInfo(id=file.replace(".", "-"), file=file, organisation="T", region="T", period="2023-2025",
                        kind="strategy", languages=("fi",), title="T")


def _rows(db: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def scanned_pdf(path: Path, lines: list[str]) -> Path:
    """A PDF page that is only an image of ``lines`` (a scan: no text layer)."""
    dpi = 200
    image = Image.new("L", (round(A4[0] / 72 * dpi), round(A4[1] / 72 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    regular, bold = unicode_fonts()
    y = 200
    for i, line in enumerate(lines):
        draw.text((150, y), line, font=ImageFont.truetype(str(bold if i == 0 else regular), 56 if i == 0 else 34), fill=0)
        y += 130 if i == 0 else 70
    png = path.with_suffix(".png")
    image.save(png)
    pdf = FPDF(unit="pt", format=A4)
    pdf.add_page()
    pdf.image(str(png), x=0, y=0, w=A4[0], h=A4[1])
    pdf.output(str(path))
    png.unlink()
    return path


def broken_page_pdf(path: Path) -> Path:
    """Three pages; the second's dictionary is of no page type, so no parser can load it as a page."""
    data = build_pdf(path, [[Text(72, 100, f"Sivu {n} sisältö")] for n in (1, 2, 3)]).read_bytes()
    second = data.index(b"/Type /Page\n", data.index(b"/Type /Page\n") + 1)
    path.write_bytes(data[:second] + b"/Type /Pagx\n" + data[second + len(b"/Type /Page\n"):])
    return path


def long_pdf(path: Path, pages: int) -> Path:
    """A PDF of ``pages`` short pages."""
    return build_pdf(path, [[Text(72, 72, f"Sivu {n}"), Lines(72, 100, ["Tavoite on hyvä."] * 3)] for n in range(pages)])


def dense_pdf(path: Path) -> Path:
    """One page holding 100,000 characters in tiny type."""
    line = "abcdefghij " * 10
    return build_pdf(path, [[Lines(10, 10, [line] * 1000, size=2, leading=0.4)]])


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory) -> tuple[Path, Path, str, int]:
    """One build of a corpus with a good document and every kind of bad file; its db, output and exit code."""
    root = tmp_path_factory.mktemp("bad")
    src = root / "src"
    src.mkdir()
    rng = random.Random(8)
    whole = build_pdf(src / "whole.pdf", [[Lines(72, 100, GOALS)]] * 3)
    files = {
        "good.txt": (CORPUS / "luvn-strategia-2023-2025.txt").read_bytes(),
        "corrupt.pdf": b"%PDF-1.7\n" + rng.randbytes(4000),
        "truncated.pdf": truncated_copy(whole, src / "half.pdf").read_bytes(),
        "locked.pdf": build_pdf(src / "l.pdf", [[Lines(72, 100, GOALS)]], user_password="salasana").read_bytes(),
        "open.pdf": build_pdf(src / "o.pdf", [[Lines(72, 100, GOALS)]], user_password="").read_bytes(),
        "scanned.pdf": scanned_pdf(src / "s.pdf", GOALS).read_bytes(),
        "empty.pdf": b"",
        "empty.pptx": b"",
        "empty.txt": b"",
        "notzip.pptx": "Tämä ei ole esitys.\n".encode("utf-8"),
        "cp1252.txt": SMALL_TEXT.replace("vähitellen", "vähitellen – “ripeästi”").encode("cp1252"),
        "latin1.txt": "Mål för fullmäktigeperioden:\n\n1. Välfärden ökar år för år.\n".encode("latin-1"),
        "brokenpage.pdf": broken_page_pdf(src / "b.pdf").read_bytes(),
        "long.pdf": long_pdf(src / "long.pdf", 1000).read_bytes(),
        "dense.pdf": dense_pdf(src / "d.pdf").read_bytes(),
    }
    corpus = _corpus(root / "corpus", files)
    db = root / "kb.db"
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--db", str(db), "--no-cache"])
    return corpus, db, result.output, result.exit_code


FAILING = {
    "corrupt.pdf": ("E102", "unreadable PDF"),
    "truncated.pdf": ("E102", "unreadable PDF"),
    "locked.pdf": ("E103", "encrypted PDF"),
    "empty.pdf": ("E102", "empty file (0 bytes)"),
    "empty.pptx": ("E102", "empty file (0 bytes)"),
    "empty.txt": ("E102", "empty file (0 bytes)"),
    "notzip.pptx": ("E102", "not a zip archive"),
}


def test_each_bad_file_gets_one_error_line_naming_file_and_reason(bad_corpus):
    corpus, _db, output, status = bad_corpus
    assert status == 1, output
    errors = [line for line in output.splitlines() if line.startswith("error ")]
    assert len(errors) == len(FAILING), errors
    for name, (code, reason) in FAILING.items():
        mine = [line for line in errors if f"{corpus / name}: " in line]
        assert len(mine) == 1 and mine[0].startswith(f"error [{code}] ") and reason in mine[0], (name, mine)
    assert f"documents  15 ({len(FAILING)} failed" in output


def test_failures_are_recorded_in_the_database_and_the_rest_is_built(bad_corpus):
    _corpus, db, _output, _status = bad_corpus
    failed = dict(_rows(db, "SELECT file, error FROM documents WHERE error IS NOT NULL"))
    assert set(failed) == set(FAILING)
    for name, (code, _reason) in FAILING.items():
        assert failed[name].startswith(f"[{code}] ")
        document = name.replace(".", "-")
        assert _rows(db, "SELECT message FROM findings WHERE document_id = ? AND kind = 'unreadable'", document) == [
            (failed[name],)
        ]
    assert _rows(db, "SELECT count(*) FROM goals WHERE document_id = 'good-txt' AND kind = 'goal'") == [(22,)]
    assert _rows(db, "SELECT text FROM goals WHERE document_id = 'open-pdf' AND kind = 'goal' ORDER BY ordinal") == [
        ("Asiakkaiden tyytyväisyys palveluihin paranee.",), ("Työvoiman saatavuus paranee yhteistyöllä.",)
    ]


def test_other_encodings_are_decoded_with_a_warning(bad_corpus):
    _corpus, db, _output, _status = bad_corpus
    assert _rows(db, "SELECT text FROM goals WHERE document_id = 'cp1252-txt' AND kind = 'goal'") == [
        ("Hyvinvointi paranee vähitellen – “ripeästi”.",)
    ]
    assert _rows(db, "SELECT text FROM goals WHERE document_id = 'latin1-txt' AND kind = 'goal'") == [
        ("Välfärden ökar år för år.",)
    ]
    for document in ("cp1252-txt", "latin1-txt"):
        assert _rows(db, "SELECT kind, message FROM findings WHERE document_id = ? AND message LIKE 'not UTF-8%'",
                     document) == [("extraction_warning", "not UTF-8: decoded as Windows-1252")]


def test_long_and_dense_pdfs_are_read_whole(bad_corpus):
    _corpus, db, _output, _status = bad_corpus
    assert _rows(db, "SELECT pages, error FROM documents WHERE id = 'long-pdf'") == [(1000, None)]
    dense = _rows(db, "SELECT sum(length(text)) FROM sections WHERE document_id = 'dense-pdf'")[0][0]
    assert dense >= 99_000


def test_a_broken_page_is_skipped_with_a_finding_and_the_others_kept(bad_corpus):
    _corpus, db, _output, _status = bad_corpus
    assert _rows(db, "SELECT pages, error FROM documents WHERE id = 'brokenpage-pdf'") == [(3, None)]
    findings = _rows(db, "SELECT page, message FROM findings WHERE document_id = 'brokenpage-pdf'")
    assert len(findings) == 1 and findings[0][0] == 2 and findings[0][1].startswith("page skipped: unreadable PDF (page 2)")
    assert _rows(db, "SELECT page_start, heading FROM sections WHERE document_id = 'brokenpage-pdf'") == [
        (1, "Sivu 1 sisältö"), (3, "Sivu 3 sisältö")
    ]


def test_scanned_page_is_read_by_ocr_or_reported(bad_corpus):
    _corpus, db, _output, _status = bad_corpus
    messages = [m for (m,) in _rows(db, "SELECT message FROM findings WHERE document_id = 'scanned-pdf'")]
    if ocr_engine() is None:
        assert [m for m in messages if m.startswith("no text layer: scanned page not read")], messages
        pytest.skip("needs Tesseract with fin and swe (scripts/install-optional-tools): OCR itself not checked")
    (message,) = messages
    assert re.fullmatch(r"no text layer: \d+ words read by OCR \(tesseract .* fin\+swe\)", message)
    goals = [t for (t,) in _rows(db, "SELECT text FROM goals WHERE document_id = 'scanned-pdf' AND kind = 'goal'")]
    assert goals == ["Asiakkaiden tyytyväisyys palveluihin paranee.", "Työvoiman saatavuus paranee yhteistyöllä."]


def test_a_document_over_the_time_limit_fails_alone(tmp_path):
    corpus = _corpus(tmp_path / "corpus", {
        "long.pdf": long_pdf(tmp_path / "long.pdf", 2000).read_bytes(),
        "small.txt": SMALL_TEXT.encode(),
    })
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--db", str(db), "--time-limit", "0.5", "--no-cache"])
    assert result.exit_code == 1, result.output
    assert f"error [E107] {corpus / 'long.pdf'}: time limit exceeded (0.5 s)" in result.output
    assert _rows(db, "SELECT id, substr(error, 1, 6) FROM documents ORDER BY id") == [("long-pdf", "[E107]"), ("small-txt", None)]
    assert _rows(db, "SELECT count(*) FROM findings WHERE document_id = 'long-pdf' AND kind = 'unreadable'") == [(1,)]
    assert _rows(db, "SELECT text FROM goals WHERE document_id = 'small-txt'") == [("Hyvinvointi paranee vähitellen.",)]


def test_page_limit_reads_the_first_pages_with_a_finding(tmp_path):
    corpus = _corpus(tmp_path / "corpus", {"long.pdf": long_pdf(tmp_path / "long.pdf", 40).read_bytes()})
    (doc,) = extract.run(corpus, limits=Limits(max_pages=10, jobs=1))
    assert doc.error is None and doc.pages == 40
    assert max(s.page_end or 0 for s in doc.sections) == 10
    assert [f.message for f in doc.findings] == ["read only the first 10 of 40 pages (max_pages)"]


def test_page_limit_applies_to_slides(tmp_path):
    from pptx_factory import add_slide, new_deck, save

    deck = new_deck()
    for n in range(1, 6):
        add_slide(deck, f"Dia {n}")
    save(deck, tmp_path / "d.pptx")
    doc = extract_document(tmp_path, _info("d.pptx"), max_pages=2)
    assert doc.pages == 5 and [f.message for f in doc.findings] == ["read only the first 2 of 5 slides (max_pages)"]


def test_a_pdf_with_no_readable_page_is_unreadable(tmp_path):
    path = tmp_path / "all-broken.pdf"
    data = build_pdf(path, [[Text(72, 100, "Sivu")]]).read_bytes()
    path.write_bytes(data.replace(b"/Type /Page\n", b"/Type /Pagx\n", 1))
    with pytest.raises(ExtractionError, match=r"unreadable PDF \(page 1\)") as caught:
        read_pdf(path)
    assert caught.value.code == "E102"


# --------------------------------------------------------------------------- the worker processes


def test_workers_keep_task_order_and_survive_exceptions_deaths_and_hangs():
    funcs = [tasks.ok, tasks.fail, tasks.die, tasks.hang, tasks.ok, tasks.ok]
    outcomes = list(run_tasks(tasks.call, [(f, i) for i, f in enumerate(funcs)], jobs=2, time_limit=3))
    assert outcomes[0] == Done(0) and outcomes[4] == Done(8) and outcomes[5] == Done(10)
    assert isinstance(outcomes[1], Crashed) and outcomes[1].reason == "ValueError: bad value 1 (at worker_tasks.py:18)"
    assert outcomes[2] == Crashed("worker process ended unexpectedly (killed by signal SIGKILL)")
    assert outcomes[3] == TimedOut(3)


def test_a_crash_inside_extraction_fails_that_document_with_e108(tmp_path):
    from extract.pipeline import _from_outcome

    (tmp_path / "a.txt").write_bytes(SMALL_TEXT.encode())
    doc = _from_outcome(tmp_path, _info("a.txt"), Crashed("KeyError: 'x' (at structure.py:12)"))
    assert doc.error == f"[E108] {tmp_path / 'a.txt'}: extraction failed unexpectedly: KeyError: 'x' (at structure.py:12)"
    assert [(f.kind, f.message) for f in doc.findings] == [("unreadable", doc.error)] and len(doc.sha256) == 64


def test_progress_is_reported_in_manifest_order(tmp_path):
    names = [f"d{i}.txt" for i in range(4)]
    corpus = _corpus(tmp_path / "corpus", {n: SMALL_TEXT.encode() for n in names})
    seen = []
    docs = extract.run(corpus, lambda info, doc: seen.append((info.file, doc is None)), Limits(jobs=2))
    assert seen == [(n, done) for n in names for done in (True, False)]
    assert [d.info.file for d in docs] == names


# --------------------------------------------------------------------------- bad manifests


@pytest.mark.parametrize(
    "entries, message",
    [
        (_entry("a", "a.txt") * 2, "duplicate document id 'a'"),
        (_entry("a", "a.txt").replace('kind = "strategy"', 'kind = "poem"'), "unknown kind 'poem'"),
        (_entry("a", "a.txt").replace('title = "Testi"\n', ""), "lacks required field(s): title"),
        (_entry("a", "../a.txt"), "escapes the corpus folder"),
        (_entry("a", "/tmp/a.txt"), "escapes the corpus folder"),
        (_entry("a", "link.txt"), "leads out of the corpus folder"),
    ],
)
def test_bad_manifest_is_refused_and_nothing_is_written(tmp_path, entries, message):
    corpus = _corpus(tmp_path / "corpus", {"a.txt": SMALL_TEXT.encode()})
    (tmp_path / "outside.txt").write_bytes(SMALL_TEXT.encode())
    (corpus / "link.txt").symlink_to(tmp_path / "outside.txt")
    (corpus / "corpus.toml").write_text(entries, encoding="utf-8")
    db = tmp_path / "kb.db"
    db.write_bytes(b"the previous database")
    before = sorted(tmp_path.rglob("*"))
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--db", str(db)])
    assert result.exit_code == 2
    assert [line for line in result.output.splitlines() if line.startswith("error ")] == [
        next(line for line in result.output.splitlines() if "[E002]" in line)
    ]
    assert message in result.output and str(corpus / "corpus.toml") in result.output
    assert sorted(tmp_path.rglob("*")) == before and db.read_bytes() == b"the previous database"
