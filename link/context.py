"""What surrounds a statement: the texts that say what it means, for lineage to compare.

A title alone often shares no word with its predecessor ("Kriittiset palvelut
toimiviksi kaikissa olosuhteissa" ↔ "varautuu tarvittavin suunnitelmin"); the
text around it does. :func:`contexts` gathers, for every statement:

- ``child``: the statements parented to it (a promise's actions and results,
  a principle's common goals, a guideline's aims), two levels down;
- ``parent``: the statement it belongs to (a goal's guideline, an action's promise);
- ``section``: the text of the sections it heads (a statement printing a
  section's heading: the promise's "why" paragraphs and its lists), with their
  subsections, except one that another statement heads or whose statements
  all belong to another statement heading a section (it belongs to that one);
- ``assessment``: the written assessment of the evaluation row it is
  ``evaluated_in``, and that row's own children (its sub-goals);
- ``explanation``: the passages under a statement printed as a heading inside
  a section (a service-organising principle's sentences, :func:`explained`);
  such a passage has the statement as its ``parent``.

Each piece is ``(label, unit id, text)``, so the evidence of a link can say
which context carried a shared word.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from extract.clean.normalize import match_key as _match_key
from extract.records import ExtractedDocument, Statement
from link.lemma_index import analysis_lang, kept, text_counts
from link.records import Link

Piece = tuple[str, str, str]  # (label, unit id, text)
CHILD_DEPTH = 2
PASSAGE_ROLES = ("heading", "paragraph", "item")
PASSAGE_KIND = "passage"
MIN_WORDS = 3
MAX_SENTENCES = 2


def match_key(text: str) -> str:
    """:func:`extract.clean.normalize.match_key` of ``text``, kept from the last build (:func:`link.lemma_index.kept`):
    lineage compares every statement's and passage's text in this form several times."""
    return kept(f"match-key\0{text}", lambda: _match_key(text))


@dataclass(frozen=True)
class PassageUnit(Statement):
    """A passage that prints no statement, in the shape of a :class:`Statement` of kind ``passage``.

    A county may state a strategic goal as a paragraph that extraction did not
    type; ``similar_to`` still compares it (the link's end is the passage id).
    """

    def __post_init__(self) -> None:
        pass  # the text is the passage's, normalised already; "passage" is no statement kind


def explained(doc: ExtractedDocument) -> dict[str, str | None]:
    """Passage id → the statement it explains, for the passages of the sections where statements were typed.

    In such a section extraction has said what the section states; a passage
    printing no statement there is either the explanation under a statement
    printed as a heading (a service-organising principle's heading and the
    sentences under it: the statement whose heading is the nearest one before
    the passage) or, when the nearest heading before it prints no statement
    (the section's own heading), the section's title, introduction or summary
    (``None``). Passages of sections without statements are not in the map.
    """
    heads = {}
    for s in sorted(doc.statements, key=lambda s: s.ordinal):
        heads.setdefault((s.section_id, match_key(s.text)), s.id)
    typed = {s.section_id for s in doc.statements}
    out: dict[str, str | None] = {}
    owner: dict[str | None, str | None] = {}
    for p in sorted(doc.passages, key=lambda p: p.ordinal):
        if p.section_id not in typed:
            continue
        key = (p.section_id, match_key(p.text))
        if p.role == "heading":
            owner[p.section_id] = heads.get(key)
        if key not in heads:
            out[p.id] = owner.get(p.section_id)
    return out


def passage_units(doc: ExtractedDocument) -> list[PassageUnit]:
    """The passages of ``doc`` (headings, paragraphs, items) that may state a goal no statement of ``doc`` prints.

    A goal is said in one or two sentences of at least :data:`MIN_WORDS` content
    words: a two-word slide heading or a page of explanation is not one. In a
    section where statements were typed only the explanation under a statement
    takes part, as a unit whose ``parent_id`` is that statement (:func:`explained`);
    the section's introduction and summary sentences do not.
    """
    printed = {match_key(s.text) for s in doc.statements}
    under = explained(doc)
    out = []
    for p in sorted(doc.passages, key=lambda p: p.ordinal):
        if p.role not in PASSAGE_ROLES or match_key(p.text) in printed or (p.id in under and not under[p.id]):
            continue
        words, sentences = text_counts(p.text, analysis_lang(p.lang))
        if words >= MIN_WORDS and sentences <= MAX_SENTENCES:
            out.append(PassageUnit(p.id, p.document_id, p.section_id, under.get(p.id), p.ordinal, PASSAGE_KIND,
                                   p.number, p.text, p.lang, p.page))
    return out


def _children(statements: Sequence[Statement]) -> dict[str, list[Statement]]:
    out: dict[str, list[Statement]] = defaultdict(list)
    for s in sorted(statements, key=lambda s: s.ordinal):
        if s.parent_id:
            out[s.parent_id].append(s)
    return out


def _descendants(sid: str, children: dict[str, list[Statement]]) -> list[Statement]:
    """The statements under ``sid``, :data:`CHILD_DEPTH` levels down, in reading order by level."""
    found: list[Statement] = []
    frontier = [sid]
    for _ in range(CHILD_DEPTH):
        level = [c for p in frontier for c in children.get(p, ())]
        found.extend(level)
        frontier = [c.id for c in level]
    return found


def _headed_sections(doc: ExtractedDocument) -> dict[str, list[Piece]]:
    """Statement id → the text of the sections whose heading it prints (with their subsections).

    A subsection belongs to the statement heading it, else to the one statement
    its own statements belong to when that one heads a section (a layout that puts
    two principles on a page may nest the second one's "Gemensamma mål" under the
    first, beside the second one's heading), else to the owner of its parent.
    """
    heads: dict[str, str] = {}
    for s in sorted(doc.statements, key=lambda s: s.ordinal):
        heads.setdefault(match_key(s.text), s.id)
    heading = {heads[k] for sec in doc.sections if (k := match_key(sec.heading)) in heads}  # statements heading one
    parents: dict[str, set[str | None]] = defaultdict(set)
    for s in doc.statements:
        parents[s.section_id].add(s.parent_id)
    owners: dict[str, str | None] = {}
    out: dict[str, list[Piece]] = defaultdict(list)
    for sec in sorted(doc.sections, key=lambda s: s.ordinal):  # a parent comes before its subsections
        own = heads.get(match_key(sec.heading))
        claimed = parents.get(sec.id, set())
        if own is None and len(claimed) == 1 and (parent := next(iter(claimed))) in heading:
            owner = parent
        else:
            owner = own or owners.get(sec.parent_id or "")
        owners[sec.id] = owner
        text = " ".join(t for t in ("" if own else sec.heading, sec.text) if t).strip()
        if owner is not None and text:
            out[owner].append(("section", sec.id, text))
    return out


def contexts(documents: Sequence[ExtractedDocument], links: Iterable[Link] = ()) -> dict[str, list[Piece]]:
    """Statement (or explaining passage) id → the pieces of text around it (see the module docstring), in a stable order."""
    rows = {e.goal_id: e for d in documents for e in d.evaluations}
    children = _children([s for d in documents for s in d.statements])
    evaluated: dict[str, list[str]] = defaultdict(list)
    for l in links:
        if l.relation == "evaluated_in" and l.target_id in rows:
            evaluated[l.source_id].append(l.target_id)
    out: dict[str, list[Piece]] = {}
    for doc in documents:
        sections = _headed_sections(doc)
        by_id = {s.id: s for s in doc.statements}
        under = explained(doc)
        explaining: dict[str, list[Piece]] = defaultdict(list)
        for p in sorted(doc.passages, key=lambda p: p.ordinal):
            if (owner := under.get(p.id)) is not None:
                explaining[owner].append(("explanation", p.id, p.text))
                out[p.id] = [("parent", owner, by_id[owner].text)]
        for s in doc.statements:
            pieces = [("child", c.id, c.text) for c in _descendants(s.id, children)]
            if s.parent_id in by_id:
                pieces.append(("parent", s.parent_id, by_id[s.parent_id].text))
            own_text = {match_key(s.text)}
            pieces += [p for p in sections.get(s.id, ()) if match_key(p[2]) not in own_text]
            pieces += explaining.get(s.id, ())
            for row_id in sorted(evaluated.get(s.id, ())):
                if rows[row_id].assessment:
                    pieces.append(("assessment", row_id, rows[row_id].assessment))
                pieces += [("assessment", c.id, c.text) for c in children.get(row_id, ())]
            if pieces:
                out[s.id] = pieces
    return out
