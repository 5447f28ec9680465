"""People's verdicts on lineage links: ``links.toml`` beside ``corpus.toml``.

A strategist who knows that a goal lives on in a change promise, or that a
proposed link is wrong, writes it down once; every rebuild keeps it::

    [[link]]
    relation = "continues"          # or "similar_to"
    source = "Hyvinvointialue varautuu tarvittavin suunnitelmin"   # an id, or the text (any case, full stop optional)
    target = "Kriittiset palvelut toimiviksi kaikissa olosuhteissa"
    verdict = "confirm"             # keep this link whatever its score
    note = "the preparedness goal became change promise 6"

    [[link]]
    relation = "continues"
    source = "luvn-strategia-2023-2025/g0017"
    target = "Anna vastuuta"
    verdict = "reject"              # never make this link

An end is an id (of a statement or passage) or a text that some units print;
a text names every unit printing it (the Finnish and the Swedish slide alike
when both are written). A verdict whose end names no unit is reported as a
finding, not an error. The file is optional; a malformed one stops the build
with a one-line error (E002), like a bad glossary.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from extract.clean.normalize import match_key
from extract.errors import ManifestError
from extract.records import ExtractedDocument, Finding
from link.glossary import read_toml
from link.records import Link

REVIEWS_NAME = "links.toml"
VERDICTS = ("confirm", "reject")
RELATIONS = ("continues", "similar_to")
_FIELDS = {"relation", "source", "target", "verdict"}


@dataclass(frozen=True)
class Review:
    """One person's verdict on the link between two ends (ids or texts) of one relation."""

    relation: str
    source: str
    target: str
    verdict: str
    note: str = ""


def load_reviews(corpus_dir: str | Path) -> tuple[Review, ...]:
    """The verdicts in ``corpus_dir/links.toml``; none when the file is absent.

    :raises ManifestError: E002 when the file is unreadable or an entry is malformed
    """
    path = Path(corpus_dir) / REVIEWS_NAME
    data = read_toml(path, "link verdicts")
    out = []
    for i, entry in enumerate(data.get("link", []), 1):
        if not isinstance(entry, dict) or not _FIELDS <= set(entry) or not set(entry) <= _FIELDS | {"note"}:
            raise ManifestError("E002", f"[[link]] {i}: needs relation, source, target and verdict (and may have a note)", str(path))
        if (entry["verdict"] not in VERDICTS or entry["relation"] not in RELATIONS
                or not all(isinstance(entry[k], str) and entry[k].strip() for k in ("source", "target"))):
            raise ManifestError("E002", f"[[link]] {i}: verdict must be one of {', '.join(VERDICTS)}, relation one of "
                                        f"{', '.join(RELATIONS)}; source and target ids or texts", str(path))
        out.append(Review(entry["relation"], entry["source"].strip(), entry["target"].strip(), entry["verdict"],
                          str(entry.get("note", "")).strip()))
    return tuple(out)


class _Ends:
    """Resolves a review's end (an id or a text) to unit ids (the units read when the first end is resolved)."""

    def __init__(self, documents: Sequence[ExtractedDocument]) -> None:
        self.documents = documents

    @functools.cached_property
    def ids(self) -> set[str]:
        """Every statement's and passage's id."""
        return {unit.id for d in self.documents for unit in (*d.statements, *d.passages)}

    @functools.cached_property
    def by_text(self) -> dict[str, list[str]]:
        """Statement and passage ids by the :func:`match_key` of their text, documents in id order."""
        out: dict[str, list[str]] = {}
        for d in sorted(self.documents, key=lambda d: d.info.id):
            for unit in (*d.statements, *d.passages):
                out.setdefault(match_key(unit.text), []).append(unit.id)
        return out

    def resolve(self, end: str) -> list[str]:
        if end in self.ids:
            return [end]
        return sorted(set(self.by_text.get(match_key(end), ())))


def apply_reviews(documents: Sequence[ExtractedDocument], links: Sequence[Link], reviews: Sequence[Review],
                  scores: Optional[dict[tuple[str, str, str], Link]] = None) -> tuple[list[Link], list[Finding]]:
    """``links`` with the verdicts applied, and a finding for every verdict that names no unit.

    A rejected link is removed; a confirmed one is kept (its evidence gains
    ``review``), or made when the linker did not make it: with the score and
    evidence of the candidate pair when ``scores`` holds it, else score 0.

    :param links: the links the linkers made
    :param reviews: :func:`load_reviews`
    :param scores: (relation, source id, target id) → a scored candidate link, for confirmed pairs under the threshold
    """
    ends = _Ends(documents)
    verdicts: dict[tuple[str, str, str], Review] = {}
    findings = []
    for r in reviews:
        sources, targets = ends.resolve(r.source), ends.resolve(r.target)
        missing = [label for label, found in (("source", sources), ("target", targets)) if not found]
        if missing:
            findings.append(Finding(None, "review", f"links.toml: {r.verdict} {r.relation}: no unit prints the "
                                                    f"{' or '.join(missing)} ({r.source!r} → {r.target!r})",
                                    expected=r.source if "source" in missing else r.target))
            continue
        for s in sources:
            for t in targets:
                if s != t:
                    verdicts[(r.relation, s, t)] = r
    out = []
    seen = set()
    for l in links:
        key = (l.relation, l.source_id, l.target_id)
        review = verdicts.get(key) or (verdicts.get((l.relation, l.target_id, l.source_id)) if l.relation == "similar_to" else None)
        if review is not None and review.verdict == "reject":
            continue
        if review is not None:
            l = Link(l.source_id, l.target_id, l.relation, l.score, l.method, dict(l.evidence, review=_said(review)))
            seen.add((l.relation, l.source_id, l.target_id))
            seen.add((l.relation, l.target_id, l.source_id))
        out.append(l)
    for key, review in sorted(verdicts.items()):
        if review.verdict != "confirm" or key in seen:
            continue
        known = (scores or {}).get(key)
        relation, s, t = key
        score = known.score if known else 0.0
        evidence = dict(known.evidence if known else {}, review=_said(review))
        out.append(Link(s, t, relation, score, f"{relation.split('_')[0]}-confirmed", evidence))
    return sorted(out, key=lambda l: l.id), findings


def _said(review: Review) -> dict[str, str]:
    out = {"verdict": "confirmed" if review.verdict == "confirm" else "rejected"}
    if review.note:
        out["note"] = review.note
    return out
