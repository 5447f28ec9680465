"""Shared fixtures: the bundled corpus extracted once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests try the same cases on every run (CI is deterministic).
settings.register_profile("ci", derandomize=True)
settings.load_profile("ci")

from site_server import site_db, site_url  # noqa: F401  (session fixtures: the built and served site)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).resolve().parent / "gold"


def bundled_subset(folder: Path, names: tuple[str, ...]) -> Path:
    """A corpus folder with some of the bundled documents and their manifest entries."""
    import shutil

    folder.mkdir()
    entries = (CORPUS / "corpus.toml").read_text(encoding="utf-8").split("[[document]]")[1:]
    kept = [e for e in entries if any(f'file = "{name}"' in e for name in names)]
    (folder / "corpus.toml").write_text("".join("[[document]]" + e for e in kept), encoding="utf-8")
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def load_jsonl(name: str) -> list[dict]:
    """Rows of a gold JSON Lines file."""
    return [json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def corpus_documents():
    """Every bundled document extracted, keyed by its original (gold) file name."""
    import extract

    docs = extract.run(CORPUS)
    return {d.info.original_file: d for d in docs}
