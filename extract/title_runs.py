"""Runs of short titles on one line: a series of boxes whose titles an export set side by side.

A slide of boxes ("Anna asiakkaan valita", "Anna vastuuta", "Vahvista
perustasoa", "Valitse kustannusvaikuttavin tapa", …) may reach a text export
with two boxes' titles on one line: "Vahvista perustasoa Valitse
kustannusvaikuttavin tapa". Nothing in the line's geometry tells them apart,
but its words do: in Finnish and Swedish a capitalised word after a
lower-case one starts a new sentence or title unless it is a proper name.
A seam is such a word that

- the language knows as a common word (Voikko for Finnish, the Swedish
  lexicon for Swedish) and no reading of which is only a name
  ("Länsi-Uudenmaan", "Mikaela" are names), nor one the document itself
  writes capitalised after a lower-case word in its running text (a name
  that is also a common word, "Kela" / "kela": :func:`names_in_running_text`),
- is not followed by another capitalised word (a name of several words:
  "Västra Nyland", "Anna Virtanen"),
- follows a word of letters only (no "kustannus-", "Tavoite:") that is no
  function word (a title does not end in "för", "ja") and that is written
  in lower case, or is the line's first word (a one-word title:
  "Digitalisoi Uudista ja luovu"),

and the line does not end in a function word either.

Only headings among sibling titles are split (:func:`split_title_runs` in
:mod:`extract.structure` decides which); this module only reads one line.
"""

from __future__ import annotations

from typing import Iterable, Optional

from extract.lang import sv
from extract.fi_morphology import NAME_CLASSES, fi_analyses, fi_lemmas
from extract.lexicons import is_sv_compound, is_sv_word, sv_lemma_of

# Voikko's classes of conjunctions ("ja", "että") and adpositions ("kanssa", "varten")
_FI_FUNCTION_CLASSES = frozenset({"sidesana", "suhdesana"})


def names_in_running_text(texts: Iterable[str]) -> frozenset[str]:
    """The base forms of the words running text writes capitalised after a lower-case word: names there.

    Example: ``"kela" in names_in_running_text(["Tietoja saadaan myös Kelalta."])``

    :param texts: a document's paragraphs and list items
    """
    names: set[str] = set()
    for text in texts:
        words = [w.rstrip(",.;:!?)") for w in text.split()]
        for before, word in zip(words, words[1:]):
            if before.isalpha() and before.islower() and _capitalised(word):
                names.update(_base_forms(word))
    return frozenset(names)


def title_run_pieces(text: str, lang: Optional[str], names: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The titles a heading runs together, in order; ``(text,)`` when it is one title.

    Example: ``title_run_pieces("Digitalisoi Uudista ja luovu", "fi") == ("Digitalisoi", "Uudista ja luovu")``

    :param text: a heading's text (one line, words joined)
    :param lang: the heading's language ("fi", "sv"; anything else: either)
    :param names: base forms of the document's names (:func:`names_in_running_text`)
    """
    words = text.split()
    if not words or _is_function_word(words[-1], lang):
        return (text,)  # a phrase going on ("Yhteistyö Kelan kanssa"): no title ends in a function word
    seams = [k for k in range(1, len(words)) if _is_seam(words, k, lang, names)]
    bounds = [0, *seams, len(words)]
    return tuple(" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:]))


def _is_seam(words: list[str], k: int, lang: Optional[str], names: frozenset[str]) -> bool:
    word, before = words[k], words[k - 1]
    if not _capitalised(word) or not _common_word(word, lang) or names.intersection(_base_forms(word)):
        return False
    if k + 1 < len(words) and _capitalised(words[k + 1]):
        return False  # a name of several words
    if not before.replace("-", "").isalpha() or before.endswith("-") or _is_function_word(before, lang):
        return False
    return before.islower() or (k == 1 and _capitalised(before) and _common_word(before, lang))


def _base_forms(word: str) -> set[str]:
    """The word lowercased and its Finnish and Swedish base forms."""
    return {word.lower(), *fi_lemmas(word), sv_lemma_of(word)}


def _capitalised(word: str) -> bool:
    """A word written with a capital and then lower case ("Valitse", "Sote-keskus"), not an acronym."""
    return word[:1].isupper() and len(word) > 1 and word[1:].islower() and word.replace("-", "").isalpha()


def _common_word(word: str, lang: Optional[str]) -> bool:
    """Known to the language as a word other than a name."""
    analyses = fi_analyses(word)
    if analyses and all(a.CLASS in NAME_CLASSES for a in analyses):
        return False  # Voikko knows it only as a name (Finnish names stand in Swedish text too)
    finnish = bool(analyses)  # a reading other than a name: the names-only case returned above
    swedish = is_sv_word(word) or is_sv_compound(word)
    return {"fi": finnish, "sv": swedish}.get(lang or "", finnish or swedish)


def _is_function_word(word: str, lang: Optional[str]) -> bool:
    """A conjunction, adposition or article: Voikko's reading in Finnish, the closed list in Swedish."""
    finnish = any(a.CLASS in _FI_FUNCTION_CLASSES for a in fi_analyses(word))
    swedish = word.lower() in sv.FUNCTION_WORDS
    return {"fi": finnish, "sv": swedish}.get(lang or "", finnish or swedish)
