"""The Finnish–Swedish seed lexicon: FreeDict/WikDict word pairs, bundled with the project.

Debian's ``dict-freedict-fin-swe`` and ``dict-freedict-swe-fin`` packages
(WikDict, CC BY-SA 3.0) hold dictd databases: an index of headwords with
base64 offsets into a gzipped text of entries. Each entry is a headword line,
then for each sense a line of translations (``1. värde``) followed by a gloss
in the source language. :func:`read_dictd` reads such a database;
``python -m link.lexicon /usr/share/dictd`` turns both directions into the
bundled ``link/data/freedict-fi-sv.tsv.gz`` (one ``fi<TAB>sv`` pair per line,
single words, lowercased), which :func:`seed_pairs` loads at run time, so
building needs neither the Debian packages nor a network.
"""

from __future__ import annotations

import gzip
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterator

BUNDLED = Path(__file__).resolve().parent / "data" / "freedict-fi-sv.tsv.gz"
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_SENSE = re.compile(r"^\s*(\d+\.\s*)?(.*?)(\s+\d+\.)?\s*$")
_WORD = re.compile(r"^[^\W\d_]+(-[^\W\d_]+)*$")


def _b64(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64.index(char)
    return value


def read_dictd(index: Path, data: Path) -> Iterator[tuple[str, list[str]]]:
    """Every (headword, translations) of a dictd database; glosses are skipped.

    :param index: the ``.index`` file (headword, base64 offset, base64 length)
    :param data: the ``.dict.dz`` (or plain ``.dict``) file
    """
    opener = gzip.open if data.suffix == ".dz" else open
    with opener(data, "rb") as raw:
        text = raw.read()
    for line in index.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00database"):
            continue
        entry = text[_b64(parts[1]) : _b64(parts[1]) + _b64(parts[2])].decode("utf-8", "replace")
        yield parts[0], _translations(entry.splitlines()[1:])


def _translations(lines: list[str]) -> list[str]:
    """Translation lines are the first after the headword and every numbered one."""
    out: list[str] = []
    for i, line in enumerate(lines):
        numbered = re.match(r"^\s*\d+\.", line)
        if i != 0 and not numbered:
            continue
        body = _SENSE.match(line).group(2)
        out.extend(t.strip() for t in body.split(",") if t.strip())
    return out


def freedict_pairs(dictd_dir: Path) -> set[tuple[str, str]]:
    """Single-word (fi, sv) pairs from both FreeDict directions found in ``dictd_dir``."""
    pairs: set[tuple[str, str]] = set()
    for name, fi_first in (("freedict-fin-swe", True), ("freedict-swe-fin", False)):
        for head, targets in read_dictd(dictd_dir / f"{name}.index", dictd_dir / f"{name}.dict.dz"):
            for target in targets:
                fi, sv = (head, target) if fi_first else (target, head)
                fi, sv = fi.lower(), sv.lower()
                if _WORD.match(fi) and _WORD.match(sv):
                    pairs.add((fi, sv))
    return pairs


@lru_cache(maxsize=1)
def seed_pairs() -> frozenset[tuple[str, str]]:
    """The bundled (fi, sv) word pairs; empty when the data file is missing."""
    if not BUNDLED.exists():
        return frozenset()
    with gzip.open(BUNDLED, "rt", encoding="utf-8") as handle:
        return frozenset(
            tuple(line.rstrip("\n").split("\t"))  # type: ignore[misc]
            for line in handle
            if "\t" in line and not line.startswith("#")
        )


def write_bundle(pairs: set[tuple[str, str]], out: Path = BUNDLED) -> None:
    """Write ``pairs`` sorted, with the licence line, as a deterministic gzip file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    header = "# FreeDict fin-swe + swe-fin (WikDict, CC BY-SA 3.0), single-word pairs fi<TAB>sv\n"
    body = header + "".join(f"{fi}\t{sv}\n" for fi, sv in sorted(pairs))
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(body.encode("utf-8"))


if __name__ == "__main__":  # python -m link.lexicon /usr/share/dictd
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/dictd")
    found = freedict_pairs(source)
    write_bundle(found)
    print(f"{len(found)} pairs -> {BUNDLED}")
