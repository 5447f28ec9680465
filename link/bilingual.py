"""How well a Finnish text and a Swedish text translate each other, with the evidence.

A text becomes a :class:`Bitext` side: its content words, each with the keys
it can match by (lemmas, compound parts, the surface form), plus its length.
:func:`translation_score` pairs the words of two sides through

- the bilingual lexicon (FreeDict seed + glossary learned from the corpus),
- identical tokens (numbers, dates, names, acronyms such as HUS or Lunna),
- cognates (a shared five-letter stem after folding å/ä/ö: organisaatio ↔
  organisation, strategia ↔ strategi),

and returns the share of words on both sides that found a partner (a Dice
coefficient over words), tempered by how plausible the length ratio is. The
evidence lists each aligned word pair and how it was aligned, so a reader can
judge a link without re-reading the texts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Iterable, Mapping, Optional

from extract.nlp import analyse, content_tokens
from link.lexicon import seed_pairs

STEM = 5  # letters two words must share to count as cognates
# Swedish runs about 10 % longer than Finnish in characters; the spread
# (in log ratio) is wide because short units vary a lot.
LENGTH_MEAN = math.log(1.1)
LENGTH_SPREAD = 0.45
LENGTH_WEIGHT = 0.15
_FOLD = str.maketrans("åäö", "aao")


@dataclass(frozen=True)
class Word:
    """One content word: its surface form and every key it can be matched by."""

    form: str
    lemma: str
    keys: frozenset[str]
    ordered: tuple[str, ...]  # the keys in lookup order: whole-word forms, then compound parts, each sorted
    anchor: bool  # a number or date: matches only itself


@dataclass(frozen=True)
class Bitext:
    """One side of a candidate translation pair."""

    lang: str
    words: tuple[Word, ...]
    chars: int

    @cached_property
    def keys(self) -> frozenset[str]:
        """Every key of every word."""
        return frozenset(k for w in self.words for k in w.keys)

    @cached_property
    def stems(self) -> dict[str, str]:
        """Cognate stem → the (alphabetically first) key with that stem."""
        return {s: k for k in sorted(self.keys, reverse=True) if (s := stem(k))}


@lru_cache(maxsize=1 << 18)
def stem(key: str) -> Optional[str]:
    """The cognate stem of a key (first letters, å/ä/ö folded), or None when too short."""
    return key.translate(_FOLD)[:STEM] if len(key) >= STEM + 1 and key.isalpha() else None


# Analyses an earlier build stored (link.alignment loads them from its cache) and those made since: the same
# text, the same words. (text, lang) -> (chars, the words as tuples of Word's fields): a Bitext when asked for.
STORED: dict[tuple[str, str], tuple[int, tuple[tuple, ...]]] = {}
ASKED: set[tuple[str, str]] = set()  # the sides asked for since STORED was loaded (what the next build may ask)


def forget_stored() -> None:
    """Drop the analyses of :data:`STORED` and the sides made of them (at the end of a linking run)."""
    bitext.cache_clear()
    STORED.clear()
    ASKED.clear()


def stored_form(side: Bitext) -> tuple[int, tuple[tuple, ...]]:
    """``side`` as :data:`STORED` holds it: plain values (see :class:`link.cache.LinkCache`)."""
    return side.chars, tuple((w.form, w.lemma, w.keys, w.ordered, w.anchor) for w in side.words)


@lru_cache(maxsize=1 << 16)
def bitext(text: str, lang: str) -> Bitext:
    """The content words of ``text`` read as ``lang`` ("fi" or "sv")."""
    key = (text, lang)
    ASKED.add(key)
    if (stored := STORED.get(key)) is not None:
        return Bitext(lang, tuple(Word(*w) for w in stored[1]), stored[0])
    words = []
    for token in content_tokens(analyse(text, lang)):
        whole = {token.lower_, *token._.lemmas}
        parts = set(token._.parts) - whole
        anchor = token.like_num or any(ch.isdigit() for ch in token.text)
        # whole words are tried before compound parts: "omaishoitaja" pairs with "närståendevårdare", not "vårdare"
        ordered = (*sorted(whole), *sorted(parts))
        words.append(Word(token.text, token.lemma_, frozenset(whole | parts), ordered, anchor))
    side = Bitext(lang, tuple(words), len(text))
    STORED[key] = stored_form(side)
    return side


class Lexicon:
    """Finnish ↔ Swedish word pairs: the FreeDict seed plus glossary pairs, minus rejected pairs.

    The tables map a word to a frozenset of its translations; a lexicon starts from the seed's tables
    (made once) and makes new sets only for the words its rejections and glossary change.

    >>> "tjänst" in Lexicon().fi_sv["palvelu"]
    True
    """

    def __init__(self, glossary: Iterable[tuple[str, str]] = (), rejected: Iterable[tuple[str, str]] = ()) -> None:
        self.rejected = frozenset(rejected)
        seed_fi, seed_sv = _seed_tables()
        self.fi_sv: dict[str, frozenset[str]] = dict(seed_fi)
        self.sv_fi: dict[str, frozenset[str]] = dict(seed_sv)
        for fi, sv in self.rejected:
            _discard(self.fi_sv, fi, sv)
            _discard(self.sv_fi, sv, fi)
        self.learned: set[tuple[str, str]] = set()
        for fi, sv in glossary:
            if self._add(fi, sv):
                self.learned.add((fi, sv))

    def _add(self, fi: str, sv: str) -> bool:
        if (fi, sv) in self.rejected:
            return False
        self.fi_sv[fi] = self.fi_sv.get(fi, frozenset()) | {sv}
        self.sv_fi[sv] = self.sv_fi.get(sv, frozenset()) | {fi}
        return True

    def with_glossary(self, glossary: Iterable[tuple[str, str]]) -> "Lexicon":
        """A new lexicon with ``glossary`` pairs added to this one's (rejections kept)."""
        return Lexicon(sorted(self.learned | set(glossary)), self.rejected)

    def sv_candidates(self, fi_keys: Iterable[str]) -> set[str]:
        """Every Swedish key that some of ``fi_keys`` translates to."""
        out: set[str] = set()
        for key in fi_keys:
            out |= self.fi_sv.get(key, frozenset())
        return out


@lru_cache(maxsize=1)
def _seed_tables() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The seed pairs as the two tables of :class:`Lexicon` (shared by every lexicon: never changed)."""
    fi_sv: dict[str, set[str]] = {}
    sv_fi: dict[str, set[str]] = {}
    for fi, sv in seed_pairs():
        fi_sv.setdefault(fi, set()).add(sv)
        sv_fi.setdefault(sv, set()).add(fi)
    return ({k: frozenset(v) for k, v in fi_sv.items()}, {k: frozenset(v) for k, v in sv_fi.items()})


def _discard(table: dict[str, frozenset[str]], word: str, translation: str) -> None:
    """Take ``translation`` out of ``word``'s entry; a word left with none has no entry (as if never added)."""
    left = table.get(word, frozenset()) - {translation}
    if left:
        table[word] = left
    else:
        table.pop(word, None)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The seed lexicon without learned pairs (loaded once)."""
    return Lexicon()


def _partner(word: Word, other_keys: frozenset[str], other_stems: Mapping[str, str],
             lexicon: Lexicon, fi_side: bool) -> Optional[tuple[str, str]]:
    """(matched key on the other side, method) for one word, or None.

    Tried in order: the same token; a lexicon translation; a lexicon
    translation sharing a stem with a word there ("uudistaa" → "förnya" ~
    "förnyelse"); a cognate (a shared stem with a word there).
    """
    same = word.keys & other_keys
    if same:
        return min(same), "identical"
    if word.anchor:
        return None
    table = lexicon.fi_sv if fi_side else lexicon.sv_fi
    for key in word.ordered:
        hits = table.get(key, set()) & other_keys
        if hits:
            pair = (key, min(hits)) if fi_side else (min(hits), key)
            return min(hits), "glossary" if pair in lexicon.learned else "freedict"
    for key in word.ordered:
        for translated in sorted(table.get(key, ())):
            s = stem(translated)
            if s and s in other_stems:
                return other_stems[s], "freedict~stem"
    for key in word.ordered:
        s = stem(key)
        if s and s in other_stems:
            return other_stems[s], "cognate"
    return None


def length_similarity(fi_chars: int, sv_chars: int) -> float:
    """How plausible the character-length ratio of a translation is, 0–1."""
    if fi_chars <= 0 or sv_chars <= 0:
        return 0.0
    deviation = math.log(sv_chars / fi_chars) - LENGTH_MEAN
    return math.exp(-(deviation**2) / (2 * LENGTH_SPREAD**2))


def translation_score(fi: Bitext, sv: Bitext, lexicon: Lexicon) -> tuple[float, dict[str, Any]]:
    """Score in 0–1 that ``sv`` translates ``fi`` (or the reverse), with evidence.

    The score is ``(1 - w) * coverage + w * length_similarity`` where coverage
    is the share of words on both sides aligned to some word on the other
    side and ``w`` is :data:`LENGTH_WEIGHT`.
    """
    if not fi.words or not sv.words:
        return 0.0, {"coverage": 0.0, "aligned": [0, 0], "words": [len(fi.words), len(sv.words)]}
    fi_keys, sv_keys, fi_stems, sv_stems = fi.keys, sv.keys, fi.stems, sv.stems
    pairs: list[list[str]] = []
    covered_fi = 0
    for word in fi.words:
        found = _partner(word, sv_keys, sv_stems, lexicon, True)
        if found:
            covered_fi += 1
            pairs.append([word.form, found[0], found[1]])
    covered_sv = sum(1 for word in sv.words if _partner(word, fi_keys, fi_stems, lexicon, False))
    coverage = (covered_fi + covered_sv) / (len(fi.words) + len(sv.words))
    length = length_similarity(fi.chars, sv.chars)
    score = (1 - LENGTH_WEIGHT) * coverage + LENGTH_WEIGHT * length
    anchors = sorted({p[0] for p in pairs if p[2] == "identical"})
    evidence = {
        "coverage": round(coverage, 3),
        "length_ratio": round(sv.chars / max(1, fi.chars), 2),
        "aligned_words": pairs,
        "anchors": anchors,
        "words": [len(fi.words), len(sv.words)],
        "aligned": [covered_fi, covered_sv],
    }
    return round(score, 4), evidence


def cross_similarity(fi_text: str, sv_text: str, lexicon: Optional[Lexicon] = None) -> tuple[float, dict[str, Any]]:
    """How well ``fi_text`` (Finnish) and ``sv_text`` (Swedish) say the same thing, 0–1, with evidence.

    >>> score, evidence = cross_similarity("Jokaiselle omalääkäri", "En husläkare för alla")

    :param fi_text: a Finnish text
    :param sv_text: a Swedish text
    :param lexicon: word pairs to use (default: the FreeDict seed)
    """
    return translation_score(bitext(fi_text, "fi"), bitext(sv_text, "sv"), lexicon or default_lexicon())
