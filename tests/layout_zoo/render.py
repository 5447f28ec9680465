"""Every layout by name, and the rendering of a source (optionally reworded) into a corpus folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Optional

from tests.layout_zoo.pdf_layouts import LAYOUTS as PDF_LAYOUTS
from tests.layout_zoo.slides import render_pptx, render_slides_pdf

SOURCES = Path(__file__).resolve().parent / "sources"
LAYOUTS: dict[str, tuple[str, Callable[[dict, Path], Path]]] = {
    **{name: (".pdf", render) for name, render in PDF_LAYOUTS.items()},
    "slides_pptx": (".pptx", render_pptx),
    "slides_pdf": (".pdf", render_slides_pdf),
}


def load_source(key: str) -> dict:
    """The frozen structured source of document ``key`` ("000" … "004")."""
    return json.loads((SOURCES / f"{key}.json").read_text(encoding="utf-8"))


def render(key: str, layout: str, folder: Path, reword: Optional[Callable[[dict], dict]] = None) -> Path:
    """Render document ``key`` in ``layout`` into ``folder`` (its file name is the source's, with the layout's suffix)."""
    suffix, draw = LAYOUTS[layout]
    source = load_source(key)
    if reword is not None:
        source = reword(source)
    folder.mkdir(parents=True, exist_ok=True)
    return draw(source, folder / (Path(source["file"]).stem + suffix))


if __name__ == "__main__":  # python -m tests.layout_zoo.render OUT_DIR: every document in every layout, to look at
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "layout-zoo")
    for name in LAYOUTS:
        for number in ("000", "001", "002", "003", "004"):
            print(render(number, name, out / name))
