"""Records of the linking stage."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


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
        return json.dumps(self.evidence, ensure_ascii=False, sort_keys=True)
