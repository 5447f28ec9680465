"""pyinstrument profiles for the report when a bar is missed: where the time goes."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

from extract.manifest import load_manifest
from extract.pipeline import extract_document


def profile_call(func: Callable[..., Any], *args: Any, lines: int = 45) -> Optional[str]:
    """The top ``lines`` lines of a pyinstrument call tree of ``func(*args)`` run in this process.

    :returns: the text, or ``None`` when pyinstrument is not installed
    """
    try:
        from pyinstrument import Profiler
    except ImportError:
        return None
    profiler = Profiler()
    with profiler:
        func(*args)
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    return "\n".join(text.splitlines()[:lines])


def profile_extraction(pdf_dir: Path, count: int) -> Optional[str]:
    """A profile of ``extract_document`` on the first ``count`` PDFs (language models loaded beforehand).

    :param pdf_dir: the PDF corpus folder
    :param count: how many documents to extract
    """
    infos = load_manifest(pdf_dir)[:count]
    extract_document(pdf_dir, infos[0])
    return profile_call(lambda: [extract_document(pdf_dir, info) for info in infos])
