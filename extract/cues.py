"""Cue headings: what kind of statements a heading announces, read from its words.

A heading such as "Strategiset tavoitteet", "Valtuustokauden tavoitteet:",
"Våra mål" or "Keskeiset toimenpiteet 2024" announces the kind of the items
under it by its *head noun*, whatever modifies it. Each word of a short
heading is looked up by its lemma (Voikko for Finnish, spaCy's lookup table
for Swedish) and, for a compound, by its last part ("toimintatavoitteet" →
tavoite), in the cue nouns of :mod:`extract.lang`; a whole-compound entry
wins over its part ("vaikuttavuustavoitteet" → impact, not goal). Clause
headings with no cue noun ("Miten uudistumme", "Så här gör vi") are matched
as phrases.

A noun only counts where it heads the heading: in Finnish it must have a
nominative reading ("Lue lisää tavoitteista" is no goal list), in Swedish it
must not stand after a preposition ("Vi arbetar för gemensamma mål"); in a
heading with a finite verb (Finnish by Voikko; Swedish by a subject
pronoun in front: "Vi uppnår de bästa resultaten …") only a last word counts ("Meitä ohjaavat selkeät
tavoitteet", not "Saavutamme parhaat tulokset sujuvalla yhteistyöllä"). A heading
that coordinates two cue nouns ("Strategiset päämäärät ja tavoitteet")
announces both kinds, in order; the caller picks the list kind for list items
and the other for statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from extract.clean.normalize import match_key
from extract.lang import fi, sv
from extract.fi_morphology import FINITE_MOODS, base_form, fi_analyses, fi_compound_parts
from extract.lexicons import sv_compound_parts, sv_lemma_of

CUE_MAX_WORDS = 7
_CHAPTER = re.compile(r"^\d{1,2}\s+")
_NUMBERED = re.compile(r"^(?P<head>.*?)\s+(?P<number>\d{1,2})\s*(?:/\s*\d+)?$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_URL = re.compile(r"https?://|www\.|\.fi\b|\.se\b|\.com\b")


@dataclass(frozen=True)
class Cue:
    """What a cue heading announces.

    ``kinds`` are the statement kinds named, in the heading's order;
    ``single`` is True for a numbered singular heading ("Riktlinje 2",
    "Muutoslupaus 3"), which titles one statement rather than a list.
    """

    kinds: tuple[str, ...]
    single: bool = False


@lru_cache(maxsize=4096)
def read_cue(heading: str) -> Optional[Cue]:
    """The kinds a heading announces, or ``None`` when it is no cue heading.

    >>> read_cue("Strategiset tavoitteet").kinds
    ('goal',)
    >>> read_cue("Lue lisää tavoitteista ja mittareista: keusote.fi") is None
    True
    """
    if heading.rstrip().endswith((".", "!", "?")):
        return None  # a sentence, not a heading
    key = match_key(_CHAPTER.sub("", heading)).rstrip(":").strip()
    if not key or _URL.search(key):
        return None
    numbered = _NUMBERED.match(key)
    body = numbered.group("head") if numbered else key
    words = _WORD.findall(body)
    if not words or len(words) > CUE_MAX_WORDS:
        return None
    for module in (fi, sv):
        for pattern, kind in module.CUE_PHRASES:
            if re.search(pattern, body):
                return Cue((kind,))
    kinds = _noun_kinds(words)
    if not kinds:
        return None
    return Cue(kinds, single=bool(numbered) and len(words) <= 2)


def _noun_kinds(words: list[str]) -> tuple[str, ...]:
    kinds: list[str] = []
    clause = any(_fi_finite_verb(w) for w in words) or words[0] in sv.SUBJECT_PRONOUNS
    for i, word in enumerate(words):
        if clause and i + 1 < len(words):
            continue  # in a clause only the last word can be the heading's head ("Meitä ohjaavat selkeät tavoitteet")
        kind = _fi_kind(word) or _sv_kind(word, words[:i])
        if kind and kind not in kinds:
            kinds.append(kind)
    return tuple(kinds)


def _fi_finite_verb(word: str) -> bool:
    return bool(fi_analyses(word)) and all(a.CLASS == "teonsana" and a.MOOD in FINITE_MOODS for a in fi_analyses(word)[:1])


def _fi_kind(word: str) -> Optional[str]:
    for analysis in fi_analyses(word):
        if analysis.SIJAMUOTO != "nimento":
            continue
        lemma = base_form(analysis)
        kind = fi.CUE_NOUNS.get(lemma)
        if kind is None:
            parts = fi_compound_parts(word)
            kind = fi.CUE_NOUNS.get(parts[-1]) if parts else None
        if kind:
            return kind
    return None


def _sv_kind(word: str, before: list[str]) -> Optional[str]:
    if sv.PREPOSITIONS.intersection(before):
        return None
    for form in (word, sv_lemma_of(word)):
        if form in sv.CUE_NOUNS:
            return sv.CUE_NOUNS[form]
    parts = sv_compound_parts(word)
    return sv.CUE_NOUNS.get(parts[-1]) if parts else None
