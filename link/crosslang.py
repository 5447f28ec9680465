"""Finnish ↔ Swedish comparison for lineage: a small adapter over :mod:`link.bilingual`.

Lineage needs two things from the parallel-text work: a score for "this
Finnish text and this Swedish text say the same thing" (with the aligned word
pairs as evidence), and, for blocking, the Swedish words a Finnish text may
be rendered with, so that only Swedish statements sharing one of them are
scored. Both come from the bilingual lexicon (FreeDict seed + glossary).
"""

from __future__ import annotations

import functools
import hashlib
from typing import Any, Callable, Iterable, Optional

from link.bilingual import Lexicon, cross_similarity, default_lexicon, stem
from link.cache import Answers, LinkCache, part_key


class CrossLingual:
    """Scores and blocking keys for Finnish–Swedish statement pairs, over one lexicon."""

    def __init__(self, lexicon: Lexicon | None = None, cache: Optional[LinkCache] = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        # A statement's words are looked up in the same bag for every pair it is in, and a rebuild
        # looks up nearly the same again: partners are remembered by the word and the other side's
        # terms, under the lexicon's learned and rejected pairs (the seed is data of the link
        # package, in every key's code version).
        self.lexicon_key = part_key("lexicon", sorted(self.lexicon.learned), sorted(self.lexicon.rejected))
        self._partners = Answers(cache, "term-partners", self.lexicon_key)
        self._similarities = Answers(cache, "cross-similarities", self.lexicon_key)
        self._remembered = Answers(cache, "cross-answers", self.lexicon_key)
        self._digests: dict[int, tuple[frozenset[str], str]] = {}

    def similarity(self, fi_text: str, sv_text: str) -> tuple[float, dict[str, Any]]:
        """How well a Finnish and a Swedish text say the same thing (0–1) and the aligned words."""
        return self._similarities.get(f"{fi_text}\0{sv_text}", lambda: cross_similarity(fi_text, sv_text, self.lexicon))

    def partner(self, term: str, parts: Iterable[str], lang: str, other: frozenset[str],
                other_stems: dict[str, str]) -> str | None:
        """The term of ``other`` (the other language) that ``term`` of ``lang`` translates to (:func:`term_partner`).

        ``other_stems`` must be :func:`stems_of` ``other`` (answers are remembered by ``other``).
        """
        parts = tuple(parts)
        table = self.lexicon.fi_sv if lang == "fi" else self.lexicon.sv_fi
        question = "\0".join((lang, term, *parts, "", self._digest(other)))
        return self._partners.get(question, lambda: term_partner(term, parts, other, other_stems, table))

    def remembered(self, question: str, answer: Callable[[], Any]) -> Any:
        """The answer to ``question``, which depends on the lexicon and the question only, kept from the last build.

        For what a caller builds on :meth:`partner` (e.g. the matches of two bags of terms, asked by their contents).
        """
        return self._remembered.get(question, answer)

    def _digest(self, terms: frozenset[str]) -> str:
        """A hash of a set of terms (made once per set object)."""
        known = self._digests.get(id(terms))
        if known is None or known[0] is not terms:
            known = (terms, hashlib.sha1("\0".join(sorted(terms)).encode()).hexdigest())
            self._digests[id(terms)] = known
        return known[1]

    def store(self) -> None:
        """Keep the partners, similarities and other answers looked up in this build for the next (:class:`link.cache.Answers`)."""
        self._partners.store()
        self._similarities.store()
        self._remembered.store()

    def translations(self, term: str, lang: str) -> list[str]:
        """The other language's words the lexicon gives for ``term`` of ``lang``, sorted."""
        table = self.lexicon.fi_sv if lang == "fi" else self.lexicon.sv_fi
        return sorted(table.get(term, ()))

    def swedish_keys(self, fi_terms: Iterable[str]) -> set[str]:
        """The Swedish words the lexicon gives for Finnish lemmas (for candidate blocking)."""
        return self.lexicon.sv_candidates(fi_terms)


MIN_PIECE = 3  # shortest translated compound part looked for inside a word of the other language
MIN_HEAD = 5  # shortest word that counts as the head of a longer one (stärka in förstärka)
MIN_BASE = 5  # shortest dictionary word read as the base of a derivation (tuottaja in tuottajuus)
MAX_SUFFIX = 3  # longest derivational ending left after the base (-us, -uus, -ys)
_VOWELS = "aeiouyäö"
LINK_ENDING = 2  # letters a Swedish word may drop as the first part of a compound (många → mång-)


def stems_of(terms: Iterable[str]) -> dict[str, str]:
    """Cognate stem → the (alphabetically first) term with that stem, for :func:`term_partner`."""
    return {s: t for t in sorted(terms, reverse=True) if (s := stem(t))}


def _head_match(translations: Iterable[str], other: frozenset[str]) -> str | None:
    """A word of ``other`` that a dictionary translation ends with (stärka for förstärka).

    The dictionary often gives a prefixed or compound form where the text uses
    its head: both languages put the head last. Not the other way round: a word
    of the text that merely ends with a translation may have another meaning
    (förebygga "prevent" ends with bygga "build").
    """
    for t in sorted(translations):
        # the suffixes of t of at least MIN_HEAD letters, shorter than t: the first word of other, as sorted
        heads = [t[i:] for i in range(1, len(t) - MIN_HEAD + 1) if t[i:] in other]
        if heads:
            return min(heads)
    return None


@functools.lru_cache(maxsize=1 << 10)
def _long_words(other: frozenset[str]) -> tuple[str, ...]:
    """The words of ``other`` long enough to hold two compound parts, sorted."""
    return tuple(sorted(o for o in other if len(o) > 8))


def _translations(word: str, table: dict[str, set[str]]) -> set[str]:
    """The dictionary translations of ``word``, or of the dictionary word it derives from by a suffix.

    A compound part such as "tuottajuus" (producing) is often missing from the
    dictionary while its base "tuottaja" (producer) is there: the longest entry
    that begins the word, leaving at most :data:`MAX_SUFFIX` letters, stands in
    (its final vowel may have given way to the ending: tuottaja → tuottajuus).
    """
    if word in table:
        return table[word]
    for end in range(len(word) - 1, max(MIN_BASE, len(word) - MAX_SUFFIX) - 1, -1):
        for base in (word[:end], *(word[:end] + v for v in _VOWELS)):
            if base in table:
                return table[base]
    return set()


def _inside(piece: str, word: str) -> bool:
    """Whether a translated compound part appears inside ``word``, also without a compound-forming ending."""
    return piece in word or (len(piece) > MIN_PIECE + LINK_ENDING and piece[:-LINK_ENDING] in word)


def term_partner(term: str, parts: Iterable[str], other: frozenset[str], other_stems: dict[str, str],
                 table: dict[str, set[str]]) -> str | None:
    """The term of ``other`` (another language) that ``term`` translates to, or None.

    Tried in order: the term itself (names, numbers); a dictionary translation; a
    shared cognate stem; a translation that is the head of a word of the other
    side or has one as its head (:func:`_head_match`); and for a compound, a word
    of the other language holding the translations of two of its parts
    ("monituottajamalli": tuottaja → producent, malli → modell, both inside
    "mångproducentmodell"; a part missing from the dictionary by the word it
    derives from, :func:`_translations`).

    :param term: a lemma
    :param parts: the lemma's compound parts (empty for a simple word)
    :param other: the other side's terms
    :param other_stems: :func:`stems_of` the other side's terms
    :param table: the lexicon in this direction (``fi_sv`` or ``sv_fi``)
    """
    if term in other:
        return term
    hits = table.get(term, set()) & other
    if hits:
        return min(hits)
    s = stem(term)
    if s and s in other_stems:
        return other_stems[s]
    head = _head_match(table.get(term, ()), other)
    if head is not None:
        return head
    pieces = [[t for t in sorted(_translations(p, table)) if len(t) >= MIN_PIECE] for p in parts]
    pieces = [p for p in pieces if p]
    if len(pieces) >= 2:
        for o in _long_words(other):
            if sum(any(_inside(t, o) for t in p) for p in pieces) >= 2:
                return o
    return None
