"""Corrections to the learned glossary: ``glossary.toml`` beside ``corpus.toml``.

The glossary learned from aligned text is a table of the knowledge base, so
users can see it; this file is how they correct it::

    [[pair]]
    fi = "uudistua"
    sv = "behövas"
    verdict = "reject"   # never use this pair (learned or from the dictionary)

    [[pair]]
    fi = "omalääkäri"
    sv = "husläkare"
    verdict = "accept"   # use this pair from the first round on

The next build uses it. The file is optional; a bad one stops the build with
a one-line error before anything is written, like a bad manifest.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from extract.errors import ManifestError
from extract.nlp import lemmas

GLOSSARY_NAME = "glossary.toml"
VERDICTS = ("accept", "reject")


@dataclass(frozen=True)
class Correction:
    """A user's verdict on one Finnish–Swedish word pair (lower case, as written)."""

    fi: str
    sv: str
    verdict: str

    def pairs(self) -> set[tuple[str, str]]:
        """The pair as written and as the lemmatisers read it (a user may write any form)."""
        return {(f, s) for f in _forms(self.fi, "fi") for s in _forms(self.sv, "sv")}


def load_corrections(corpus_dir: str | Path) -> tuple[Correction, ...]:
    """The corrections in ``corpus_dir/glossary.toml``; none when the file is absent.

    :raises ManifestError: E002 when the file is unreadable or an entry is malformed
    """
    path = Path(corpus_dir) / GLOSSARY_NAME
    data = read_toml(path, "glossary corrections")
    out = []
    for i, entry in enumerate(data.get("pair", []), 1):
        if not isinstance(entry, dict) or set(entry) != {"fi", "sv", "verdict"}:
            raise ManifestError("E002", f"[[pair]] {i}: needs exactly fi, sv and verdict", str(path))
        if entry["verdict"] not in VERDICTS or not all(isinstance(entry[k], str) and entry[k].strip() for k in ("fi", "sv")):
            raise ManifestError("E002", f"[[pair]] {i}: verdict must be one of {', '.join(VERDICTS)}; fi and sv words", str(path))
        out.append(Correction(entry["fi"].strip().lower(), entry["sv"].strip().lower(), entry["verdict"]))
    return tuple(sorted(set(out), key=lambda c: (c.fi, c.sv, c.verdict)))


def read_toml(path: Path, what: str) -> dict:
    """The TOML file at ``path`` as a dict; empty when the file is absent.

    :raises ManifestError: E002 when it cannot be read or parsed (``what`` names it in the message)
    """
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ManifestError("E002", f"cannot read {what}: {exc}", str(path)) from exc


def _forms(word: str, lang: str) -> set[str]:
    """``word`` and its lemma(s)."""
    return {word, *lemmas(word, lang)}
