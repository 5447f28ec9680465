"""Which reading of an ambiguous Finnish word a text means, where the words beside it tell.

Voikko lists every reading of a form, and the first is not always the one
written: ``sujuvat`` is the verb *sujua* ("they go smoothly") or the plural of
the adjective *sujuva*; ``tapa`` is the imperative of *tappaa* or the noun
*tapa*. A Finnish attribute agrees with its head in case and number and stands
before it, so ``sujuvat hoitopolut`` (before a noun in the nominative plural)
is the adjective, and ``kustannusvaikuttavin tapa`` (after an adjective in the
nominative singular) the noun; coordinated attributes share their head
(``sujuvat ja toimivat palvelut``). :func:`lemma_in_context` applies that
rule to a word whose first reading is a finite verb; elsewhere the first
reading stands (``asiakkaat toimivat``: a noun before the word is its
subject, not its attribute).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract.fi_morphology import FINITE_MOODS, base_form, fi_analyses
from extract.lang import fi

if TYPE_CHECKING:  # pragma: no cover - typing only (spaCy is imported where a text is first analysed: extract.nlp)
    from spacy.tokens import Token

COORDINATORS = frozenset(fi.LIST_CONJUNCTIONS)
NOUN = frozenset({"nimisana", "nimisana_laatusana"})
ADJECTIVE = frozenset({"laatusana", "nimisana_laatusana"})


def _agreements(word: str, classes: frozenset[str]) -> set[tuple[str, str]]:
    """(case, number) of the readings of ``word`` in one of ``classes``."""
    return {(a.SIJAMUOTO, a.NUMBER) for a in fi_analyses(word) if a.CLASS in classes and a.SIJAMUOTO}


def _neighbour(token: Token, step: int) -> Token | None:
    i = token.i + step
    if 0 <= i < len(token.doc) and token.doc[i].is_alpha:
        return token.doc[i]
    return None


def _head_after(token: Token, agreement: tuple[str, str]) -> bool:
    """Whether a noun agreeing in ``agreement`` follows ``token``, directly or after attributes joined to it
    by a conjunction ("sujuvat ja toimivat palvelut")."""
    after = _neighbour(token, 1)
    while after is not None and after.lower_ in COORDINATORS:
        attribute = _neighbour(after, 1)
        if attribute is None or agreement not in _agreements(attribute.text, ADJECTIVE):
            return False
        after = _neighbour(attribute, 1)
    return after is not None and agreement in _agreements(after.text, NOUN)


def lemma_in_context(token: Token) -> str:
    """The lemma of a Finnish ``token``: its first reading, or the nominal one its attribute position tells.

    A token whose first reading is a finite verb takes instead the lemma of a
    reading that agrees in case and number with the noun after it (as its
    attribute, :func:`_head_after`) or, for a noun reading, with the adjective before it (as its head).
    """
    if len(token._.lemmas) < 2:
        return token.lemma_
    analyses = fi_analyses(token.text)
    if not analyses or analyses[0].CLASS != "teonsana" or analyses[0].MOOD not in FINITE_MOODS:
        return token.lemma_
    before = _neighbour(token, -1)
    for a in analyses[1:]:
        agreement = (a.SIJAMUOTO, a.NUMBER)
        if a.SIJAMUOTO is None or a.POSSESSIVE:
            continue  # not a nominal reading, or one with a possessive suffix ("tila|nne" of "tilanne")
        if a.CLASS in ADJECTIVE and _head_after(token, agreement):
            return base_form(a)
        if a.CLASS in NOUN and before is not None and agreement in _agreements(before.text, ADJECTIVE):
            return base_form(a)
    return token.lemma_
