"""Which words of a Finnish text are only attributes: genitive modifiers of a noun after them.

In ``asukkaiden ja henkilöstön osallisuus`` the text is about *osallisuus*;
``asukkaiden`` and ``henkilöstön`` say whose. A Finnish genitive attribute
stands before its head, and coordinated attributes share it
(``asukkaiden ja henkilöstön``). Two statements that share only such words
share whose, not what: ``similar_to`` does not link them on those alone
(:mod:`link.similar`).
"""

from __future__ import annotations

import re

from extract.fi_morphology import FINITE_MOODS, base_form, fi_analyses, fi_lemmas
from link.readings import ADJECTIVE, COORDINATORS, NOUN

GENITIVE = "omanto"
NOMINATIVE = "nimento"
NOMINAL = NOUN | ADJECTIVE
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _genitive(word: str) -> tuple[str, ...]:
    """The base forms of ``word``'s genitive nominal readings (empty: it has none). With a possessive suffix
    the genitive singular is written as the nominative (``henkilöstömme``), which is how Voikko reads it."""
    return tuple(base_form(a) for a in fi_analyses(word) if a.CLASS in NOMINAL and (
        a.SIJAMUOTO == GENITIVE or a.POSSESSIVE and a.SIJAMUOTO == NOMINATIVE and a.NUMBER == "singular"))


def _noun(word: str) -> bool:
    """Whether ``word`` is a head noun: a noun, or a verb's noun form in a case (``osaamista``), and no
    finite verb (``palvelumme vastaavat``: a subject and its verb)."""
    readings = fi_analyses(word)
    return (any(a.CLASS in NOUN or a.CLASS == "teonsana" and a.SIJAMUOTO for a in readings)
            and not any(a.CLASS == "teonsana" and a.MOOD in FINITE_MOODS for a in readings))


def attribute_words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(lemmas of the genitive attributes of ``text``, lemmas of its other words), Finnish.

    A word is an attribute when it has a genitive nominal reading and a noun
    follows it, directly or after further genitives joined by a conjunction or
    standing in a row (``asukkaiden ja henkilöstön osallisuus``,
    ``palvelujen laadun kehittäminen``). Its genitive readings' base forms are
    the attribute lemmas; every reading of every other word is an other lemma.
    """
    words = _WORD.findall(text)
    attributes: set[str] = set()
    others: set[str] = set()
    for i, word in enumerate(words):
        genitive = _genitive(word)
        j = i + 1
        while j < len(words) and (words[j].lower() in COORDINATORS or _genitive(words[j])):
            j += 1  # further attributes of the same head
        if genitive and j < len(words) and _noun(words[j]):
            attributes.update(genitive)
        else:
            others.update(fi_lemmas(word))
            others.add(word.lower())
    return frozenset(attributes - others), frozenset(others)
