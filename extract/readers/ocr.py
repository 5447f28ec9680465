"""OCR of scanned pages with Tesseract's Finnish and Swedish models, when installed.

Tesseract is run as a program (``tesseract``, Debian's ``tesseract-ocr`` with
``tesseract-ocr-fin`` and ``tesseract-ocr-swe``) on a PNG of the page; its hOCR
output gives each word with its box, baseline and the line's x-height, so the PDF reader lays OCR'd words out
like words of a text layer. Without the program or either model,
:func:`ocr_engine` is ``None`` and a scanned page becomes a finding instead.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
from xml.etree import ElementTree
from dataclasses import dataclass
from typing import Any, Optional

LANGUAGES = "fin+swe"
_TIMEOUT = 120.0  # seconds for one page; the document's own time limit still applies
_LINE_CLASSES = ("ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat")


@dataclass(frozen=True)
class OcrWord:
    """A word Tesseract read, in pixels: its left and right edge, its line's baseline and x-height size.

    The words of one line share ``baseline`` and ``size``, as words of a text layer do.
    """

    text: str
    left: float
    right: float
    baseline: float
    size: float


@functools.lru_cache(maxsize=1)
def ocr_engine() -> Optional[str]:
    """``"tesseract <version> fin+swe"`` when Tesseract and both models are installed, else ``None``.

    The string is part of the extraction cache key, so results read with and
    without OCR are never mixed up.
    """
    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        langs = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30)
        version = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    installed = set(langs.stdout.split())
    if not {"fin", "swe"} <= installed:
        return None
    first = (version.stdout or version.stderr).splitlines()
    return f"{first[0].strip() if first else 'tesseract'} {LANGUAGES}"


def ocr_words(image: Any) -> list[OcrWord]:
    """The words Tesseract reads on a page image (a PIL image), in its reading order.

    :param image: the rendered page
    :raises OSError: when Tesseract cannot be run
    :raises subprocess.SubprocessError: when it fails or runs over its time
    :raises ElementTree.ParseError: when its hOCR output is not XML
    """
    png = io.BytesIO()
    image.save(png, format="PNG")
    done = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", LANGUAGES, "--psm", "3", "hocr"],
        input=png.getvalue(),
        capture_output=True,
        timeout=_TIMEOUT,
        check=True,
        # One OpenMP thread unless the user says otherwise: the same words at well under half the CPU
        # (Tesseract's threads spin waiting for each other), and the workers already read pages in parallel.
        env={"OMP_THREAD_LIMIT": "1", **os.environ},
    )
    return parse_hocr(done.stdout)


def _title(element: ElementTree.Element) -> dict[str, list[str]]:
    """The ``title`` properties of an hOCR element: ``{"bbox": ["10", "20", ...], "x_size": ["31"]}``."""
    parts = (part.split() for part in element.get("title", "").split(";"))
    return {words[0]: words[1:] for words in parts if words}


def parse_hocr(hocr: bytes) -> list[OcrWord]:
    """Words of Tesseract's hOCR output, each placed on its line's baseline.

    >>> parse_hocr(b"<html><body><span class='ocr_line' title='bbox 10 20 90 40; baseline 0 -5; x_size 16'>"
    ...            b"<span class='ocrx_word' title='bbox 10 20 40 35'>Hyv&#228;</span></span></body></html>")
    [OcrWord(text='Hyvä', left=10.0, right=40.0, baseline=35.0, size=16.0)]

    :param hocr: the XHTML Tesseract wrote
    """
    words = []
    for line in ElementTree.fromstring(hocr).iter():
        if line.get("class") not in _LINE_CLASSES:
            continue
        props = _title(line)
        bottom = float(props["bbox"][3])
        offset = float(props.get("baseline", ["0", "0"])[-1])
        size = float(props.get("x_size", [bottom - float(props["bbox"][1])])[0])
        for word in line.iter():
            text = "".join(word.itertext()).strip()
            if word.get("class") == "ocrx_word" and text:
                box = _title(word)["bbox"]
                words.append(OcrWord(text, float(box[0]), float(box[2]), bottom + offset, size))
    return words
