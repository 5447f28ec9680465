"""What lineage reads of one document as terms, made once per document and kept from one build for the next.

For every document lineage compares, :class:`link.matching.Context` needs its
passage units (:func:`link.context.passage_units`), the lemma profile of each
unit (:func:`link.lemma_index.profile`) and each unit's context bag
(:func:`bag`); for the IDF, the terms of every passage of every document.
They depend on the document and on the context pieces of its units only, so
:func:`document_terms` keeps them in the link cache under the document's key
(:meth:`link.cache.LinkCache.document_key`) and the pieces (the code version
is in every key; an entry of another shape is made again).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field, fields
from typing import Mapping, Optional, Sequence

from extract.records import ExtractedDocument, Statement
from link.cache import LinkCache, memo
from link.context import PassageUnit, Piece, passage_units
from link.lemma_index import Profile, analysis_lang, profile, text_compounds, text_terms

CONTEXT_SHARE = 0.5  # a word of the context counts this much of a word of the statement itself
_UNIT_FIELDS = tuple(f.name for f in fields(PassageUnit))


@dataclass(frozen=True)
class Bag:
    """A statement with its context as weighted terms: what :func:`link.matching.context_pair` compares.

    ``terms`` maps each term to its share (1 for a lemma of the statement itself,
    less for a compound part, :data:`CONTEXT_SHARE` times that for a word of the
    context); ``carrier`` names the context piece a context-only term came from;
    ``own`` holds the statement's own terms.
    """

    id: str
    lang: str
    terms: dict[str, float]
    own: frozenset[str]
    carrier: dict[str, str]
    parts: dict[str, tuple[str, ...]]

    @functools.cached_property
    def keys(self) -> frozenset[str]:
        """Every term of the bag (made once: lookups hash it)."""
        return frozenset(self.terms)

    @functools.cached_property
    def compounds(self) -> dict[str, list[str]]:
        """Each part of a compound of the statement's own text → those compounds, sorted."""
        out: dict[str, list[str]] = {}
        for term in sorted(self.own):
            parts = self.parts.get(term, ())
            if len(parts) > 1:
                for p in parts:
                    out.setdefault(p, []).append(term)
        return out

    @functools.cached_property
    def heads(self) -> dict[str, str]:
        """The head part of each compound of the statement's own text → that compound (the first by name)."""
        out: dict[str, str] = {}
        for term in sorted(self.own):
            parts = self.parts.get(term, ())
            if len(parts) > 1:
                out.setdefault(parts[-1], term)
        return out


def bag(statement: Statement, pieces: Sequence[Piece] = ()) -> Bag:
    """The :class:`Bag` of ``statement`` and the context ``pieces`` around it (:func:`link.context.contexts`)."""
    lang = analysis_lang(statement.lang)
    terms = dict(text_terms(statement.text, lang))
    parts = dict(text_compounds(statement.text, lang))
    own = frozenset(terms)
    carrier: dict[str, str] = {}
    for label, unit_id, text in pieces:
        for term, share in text_terms(text, lang):
            if term not in own and share * CONTEXT_SHARE > terms.get(term, 0.0):
                terms[term] = share * CONTEXT_SHARE
                carrier[term] = f"{label}:{unit_id}"
        for term, ps in text_compounds(text, lang):
            parts.setdefault(term, ps)
    return Bag(statement.id, lang, terms, own, carrier, parts)


def bag_digest(statement: Statement, pieces: Sequence[Piece]) -> str:
    """A hash of what makes the bag of ``statement`` (its language, text and context pieces)."""
    return hashlib.sha1(repr((statement.lang, statement.text, tuple(pieces))).encode()).hexdigest()


@dataclass
class DocumentTerms:
    """One document's part of :class:`link.matching.Context` (units in reading order; passages' terms in order)."""

    passages: list[PassageUnit] = field(default_factory=list)
    profiles: dict[str, Profile] = field(default_factory=dict)  # of the statements and passage units
    passage_terms: list[tuple[str, dict[str, float]]] = field(default_factory=list)  # (language, terms) per passage
    bags: dict[str, Bag] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # unit id -> bag_digest


def document_terms(doc: ExtractedDocument, contexts: Mapping[str, Sequence[Piece]],
                   cache: Optional[LinkCache] = None) -> DocumentTerms:
    """The :class:`DocumentTerms` of ``doc`` (of an evaluation report, only its passages' terms), kept in ``cache``."""
    ids = [u.id for u in (*doc.statements, *doc.passages)]
    return memo(cache, lambda: ("document-terms", cache.document_key(doc), [(i, contexts[i]) for i in ids if i in contexts]),
                lambda: _made(doc, contexts), _encode, _decode)


def _made(doc: ExtractedDocument, contexts: Mapping[str, Sequence[Piece]]) -> DocumentTerms:
    out = DocumentTerms()
    for p in doc.passages:
        lang = analysis_lang(p.lang)
        out.passage_terms.append((lang, dict(text_terms(p.text, lang))))
    if doc.info.kind == "evaluation":
        return out  # its rows are linked by evaluated_in, not compared
    out.passages = passage_units(doc)
    for unit in (*doc.statements, *out.passages):
        pieces = contexts.get(unit.id, ())
        out.profiles[unit.id] = profile(unit)
        out.bags[unit.id] = bag(unit, pieces)
        out.digests[unit.id] = bag_digest(unit, pieces)
    return out


def _encode(parts: DocumentTerms) -> dict:
    return {"passages": [[getattr(u, name) for name in _UNIT_FIELDS] for u in parts.passages],
            "profiles": {i: [p.lang, p.terms, sorted(p.numbers)] for i, p in parts.profiles.items()},
            "passage_terms": [list(t) for t in parts.passage_terms],
            "bags": {i: [b.lang, b.terms, sorted(b.own), b.carrier, b.parts] for i, b in parts.bags.items()},
            "digests": parts.digests}


def _decode(data: dict) -> DocumentTerms:
    return DocumentTerms(
        [PassageUnit(*row) for row in data["passages"]],
        {i: Profile(i, lang, terms, frozenset(numbers)) for i, (lang, terms, numbers) in data["profiles"].items()},
        [(lang, terms) for lang, terms in data["passage_terms"]],
        {i: Bag(i, lang, terms, frozenset(own), carrier, parts) for i, (lang, terms, own, carrier, parts)
         in data["bags"].items()},
        dict(data["digests"]))
