"""Statements that say one thing but were typed differently: a finding each, for a person to look at.

Parallel text (``translation_of``) and repeated text (``same_as``) join the
statements that print one thing in several places: a deck's Finnish slide, its
Swedish slide and the Swedish strategy it quotes. Their kinds should agree.
Where the text boxes of a diagram come in another order in one language, the
caption "Förändringslöften" may end up above the principles instead of the
change promises, and that half types them one tier off. Extraction reads each
document alone and cannot see it; the translations can. Each group of joined
statements whose kinds disagree gives a finding on every member typed otherwise
than most of the group (``expected``: the group's kind, ``found``: the member's);
a group without a majority gives one on each member.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

from extract.records import ExtractedDocument, Finding, Statement
from link.records import Link
from link.translations import passage_aliases, text_twins, translation_graph

KIND = "kind_disagreement"


def _groups(documents: Sequence[ExtractedDocument], statements: dict[str, Statement],
            links: Iterable[Link]) -> list[list[Statement]]:
    """The statements joined by translations and copies, each group in id order (groups of two or more).

    Over the graph lineage walks (:func:`link.translations.translation_graph`): a translation found between
    two passages joins the statements printing them, and a region's documents printing one text join too
    (a one-word principle is too short for parallel text's ``same_as``).
    """
    import networkx as nx  # imported where it is used: most of a build never needs it

    joined = translation_graph([*links, *text_twins(documents)], passage_aliases(documents))
    graph = nx.Graph((a, b) for a, others in joined.items() if a in statements
                     for b, _, _ in others if b in statements)
    return sorted(([statements[i] for i in sorted(ids)] for ids in nx.connected_components(graph)),
                  key=lambda group: group[0].id)


def kind_disagreements(documents: Sequence[ExtractedDocument], links: Iterable[Link]) -> list[Finding]:
    """A finding for each statement typed otherwise than the statements printing it elsewhere mostly are (see the module)."""
    statements = {s.id: s for d in documents for s in d.statements}
    out = []
    for group in _groups(documents, statements, links):
        counts = Counter(s.kind for s in group)
        if len(counts) < 2:
            continue
        (top, n), (_, second) = counts.most_common(2)
        expected = top if n > second else None
        for s in group:
            if s.kind == expected:
                continue
            others = ", ".join(f"{o.id} ({o.kind})" for o in group if o is not s)
            out.append(Finding(s.document_id, KIND,
                               f"{s.id} '{s.text}' is typed {s.kind}; the statements printing it elsewhere: {others}",
                               s.page, expected, s.kind))
    return out
