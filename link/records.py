"""Records of the linking stage."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable


# json.dumps(evidence, ensure_ascii=False, sort_keys=True) with its encoder made once, not once per link
_EVIDENCE = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class Link:
    """A scored, explained relation between two statements or sections.

    ``id`` is derived from (relation, source, target), so it is stable across
    rebuilds. ``evidence`` is JSON-serialisable and says why the link was made.
    """

    source_id: str
    target_id: str
    relation: str
    score: float
    method: str
    evidence: dict[str, Any]

    @property
    def id(self) -> str:
        """``<relation>:<source>-><target>``."""
        return f"{self.relation}:{self.source_id}->{self.target_id}"

    def evidence_json(self) -> str:
        """Evidence as canonical JSON (sorted keys), so identical input gives identical bytes."""
        return _EVIDENCE.encode(self.evidence)


@dataclass(frozen=True)
class GlossaryEntry:
    """A Finnish–Swedish word pair of the glossary: learned from aligned units or given by a user."""

    fi: str
    sv: str
    pairs: int  # aligned unit pairs in which both words occur unaligned (0 for a user's pair)
    dice: float
    source: str = "learned"  # learned, or user (accepted in glossary.toml)


class Linked(list):
    """The links of a run, sorted by id (a plain list of :class:`Link`), with what was learned on the way.

    ``glossary``: the word pairs learned; ``candidates``: ``continues`` pairs
    under the threshold, for a person to decide (not links); ``findings``:
    problems with people's verdicts (:mod:`link.reviews`) and statements typed
    otherwise than their translations (:mod:`link.kind_agreement`).
    """

    def __init__(self, links: Iterable[Link] = (), glossary: Iterable[GlossaryEntry] = (),
                 candidates: Iterable[Link] = (), findings: Iterable[Any] = ()) -> None:
        super().__init__(sorted(links, key=lambda link: link.id))
        self.glossary: tuple[GlossaryEntry, ...] = tuple(glossary)
        self.candidates: tuple[Link, ...] = tuple(sorted(candidates, key=lambda link: link.id))
        self.findings: tuple[Any, ...] = tuple(findings)
