"""Shared fixtures: the bundled corpus extracted once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).resolve().parent / "gold"


def load_jsonl(name: str) -> list[dict]:
    """Rows of a gold JSON Lines file."""
    return [json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def corpus_documents():
    """Every bundled document extracted, keyed by its original (gold) file name."""
    import extract

    docs = extract.run(CORPUS)
    return {d.info.original_file: d for d in docs}
