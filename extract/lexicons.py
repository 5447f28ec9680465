"""The Swedish and English lexicons: thin cached wrappers around the spaCy lookups data.

Swedish is the ``sv_lemma_lookup`` table (inflected form -> lemma) plus spaCy's
Swedish stop words, which the lemma table lacks (``och``, ``hur``, ``att`` ...).
A small English lexicon built the same way serves only as language evidence.
Finnish morphology (Voikko) is in :mod:`extract.fi_morphology`; :func:`is_word`
asks either.

Each lexicon loads lazily on first use (the Swedish one takes about 4 s the
first time and a small fraction of that once saved by :mod:`extract.lexicon_cache`;
spaCy itself is not imported) and every lookup is cached, so callers may ask
freely.
"""

from __future__ import annotations

import gzip
import importlib.resources
import importlib.util
import json
from functools import lru_cache, partial
from pathlib import Path
from typing import Optional

from extract.fi_morphology import is_fi_word
from extract.lexicon_cache import cached
from extract.packed import PackedSet, PackedTable

_CACHE_SIZE = 1 << 18

# Shortest head or tail accepted when splitting a Swedish compound.
_MIN_SV_PART = 3
# A word the lexicon knows whole is still split when at least this long
# ("kostnadseffektiva" → kostnad + effektiv), into parts longer than _MIN_SV_PART.
_SV_LONG_WORD = 10


def _lookups_file(name: str) -> bytes:
    """The bytes of one gzipped JSON table shipped in the ``spacy_lookups_data`` package."""
    return (importlib.resources.files("spacy_lookups_data") / "data" / name).read_bytes()


def _lookups_table(name: str) -> dict[str, str]:
    """One gzipped JSON table shipped in the ``spacy_lookups_data`` package."""
    return json.loads(gzip.decompress(_lookups_file(name)))


@lru_cache(maxsize=1)
def _sv_tables() -> tuple[PackedTable, PackedSet]:
    """The spaCy lookups ``sv_lemma_lookup`` table (form -> lemma) and the Swedish word set, packed, loaded once.

    The words are the table's keys and values and spaCy's Swedish stop words
    (function words such as "och", "hur" that the lemma table lacks). Both are
    kept between runs by :mod:`extract.lexicon_cache`.
    """
    name = "sv_lemma_lookup.json.gz"
    table = lru_cache(maxsize=1)(partial(_lookups_table, name))  # parsed only when one of the two is built
    lookups, stop_words = _lookups_file(name), _stop_words_file("sv").read_bytes()
    return (
        cached("sv-lemmas", [lookups], PackedTable, lambda: PackedTable(table())),
        cached("sv-words", [lookups, stop_words], PackedSet, lambda: PackedSet(_words(table(), _spacy_stop_words("sv")))),
    )


def _sv_lemma_table() -> PackedTable:
    """The Swedish lemma table (form -> lemma)."""
    return _sv_tables()[0]


def _sv_lexicon() -> PackedSet:
    """The Swedish words."""
    return _sv_tables()[1]


def _words(table: dict[str, str], stop_words: frozenset[str]) -> set[str]:
    """Every lowercased key and value of a lemma table, plus stop words."""
    words = set(map(str.lower, table))
    words.update(map(str.lower, table.values()))
    words.update(map(str.lower, stop_words))
    return words


def _stop_words_file(lang: str) -> Path:
    """spaCy's ``spacy/lang/<lang>/stop_words.py``, found without importing spaCy."""
    spec = importlib.util.find_spec("spacy")
    return Path(next(iter(spec.submodule_search_locations or [])), "lang", lang, "stop_words.py")


def _spacy_stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words of ``lang``, read from ``spacy/lang/<lang>/stop_words.py`` without importing spaCy.

    That module is one set literal; importing it through the package would load
    all of spaCy (about a second), which extraction otherwise never needs.
    """
    module = importlib.util.module_from_spec(
        importlib.util.spec_from_file_location(f"_spacy_stop_words_{lang}", _stop_words_file(lang))
    )
    module.__spec__.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


@lru_cache(maxsize=1)
def _en_lexicon() -> PackedSet:
    """English words: the ``en_lemma_lookup`` table's keys and values and spaCy's stop words (kept between runs)."""
    name = "en_lemma_lookup.json.gz"
    sources = [_lookups_file(name), _stop_words_file("en").read_bytes()]
    return cached("en-words", sources, PackedSet, lambda: PackedSet(_words(_lookups_table(name), _spacy_stop_words("en"))))


@lru_cache(maxsize=_CACHE_SIZE)
def is_sv_word(word: str) -> bool:
    """True when the Swedish lexicon knows ``word`` (lowercased).

    The lexicon is the spaCy ``sv_lemma_lookup`` table, keys and values, plus
    spaCy's Swedish stop words. It lists words, not compounding rules, so a
    rare compound ("hälsovårdsstiftelse") is unknown.

    Example: ``is_sv_word("hanteras") is True``; ``is_sv_word("hyvinvointi") is False``

    :param word: one word.
    """
    word = word.strip()
    return bool(word) and word.lower() in _sv_lexicon()


@lru_cache(maxsize=_CACHE_SIZE)
def is_sv_compound(word: str) -> bool:
    """True when ``word`` splits into two Swedish words the lexicon knows.

    Swedish writes compounds as one word and the lexicon lists few of them;
    this accepts a head and a tail of at least three letters each, the head
    optionally followed by the linking ``s`` ("funktionshinder|servicen",
    "hälsovårds|stiftelse"). Only language evidence, not a spelling check.

    Example: ``is_sv_compound("funktionshinderservicen") is True``

    :param word: one word.
    """
    word = word.strip().lower()
    lexicon = _sv_lexicon()
    for cut in range(_MIN_SV_PART, len(word) - _MIN_SV_PART + 1):
        head, tail = word[:cut], word[cut:]
        if tail in lexicon and (head in lexicon or (head.endswith("s") and head[:-1] in lexicon)):
            return True
    return False


@lru_cache(maxsize=_CACHE_SIZE)
def sv_compound_parts(word: str) -> tuple[str, ...]:
    """A Swedish compound split into known words, as lemmas, fewest parts first.

    Parts are at least three letters; a linking ``s`` after a part is dropped
    ("välfärdsområdets" → ``("välfärd", "område")``) and each part is
    lemmatised ("hälsovårdstjänster" → ``("hälsovård", "tjänst")``). A word the
    lexicon knows whole gives ``()`` unless it is long ("kostnadseffektiva" →
    ``("kostnad", "effektiv")``); so does a word that does not split
    ("mångproducentmodell": "mång" is not a word of the lexicon).

    :param word: one word.
    """
    word = word.strip().lower()
    known = word in _sv_lexicon()
    if known and len(word) < _SV_LONG_WORD:
        return ()
    parts = _sv_segments(word, whole=not known)
    if len(parts) < 2 or known and min(map(len, parts)) <= _MIN_SV_PART:
        return ()
    table = _sv_lemma_table()
    return tuple(table.get(p, p).lower() for p in parts)


@lru_cache(maxsize=_CACHE_SIZE)
def _sv_segments(word: str, whole: bool = True) -> tuple[str, ...]:
    """The segmentation of ``word`` into the fewest known words (with linking s), or ``()``.

    ``whole=False`` asks for a split even when ``word`` itself is known.
    """
    lexicon = _sv_lexicon()
    if whole and word in lexicon:
        return (word,)
    best: tuple[str, ...] = ()
    for cut in range(len(word) - _MIN_SV_PART, _MIN_SV_PART - 1, -1):
        head, rest = word[:cut], word[cut:]
        stems = [h for h in (head, head[:-1] if head.endswith("s") else "") if len(h) >= _MIN_SV_PART and h in lexicon]
        if not stems:
            continue
        tail = _sv_segments(rest)
        if tail and (not best or len(tail) + 1 < len(best)):
            best = (stems[0], *tail)
    return best


@lru_cache(maxsize=_CACHE_SIZE)
def sv_lemma(word: str) -> Optional[str]:
    """The lemma of a Swedish word form, or None when the table does not know it.

    A word that is itself a lemma (a value of the table) or a stop word is
    returned lowercased.

    Example: ``sv_lemma("hanteras") == "hantera"``

    :param word: one word.
    """
    table = _sv_lemma_table()
    for form in (word, word.lower()):
        if form in table:
            return table[form]
    return word.lower() if is_sv_word(word) else None


@lru_cache(maxsize=_CACHE_SIZE)
def sv_lemma_of(word: str) -> str:
    """A Swedish word's lemma: the lookup table's, else the compound tail's, else the word.

    Example: ``sv_lemma_of("tjänsterna") == "tjänst"``;
    ``sv_lemma_of("funktionshindertjänsterna") == "funktionshindertjänst"``

    :param word: one word (any case).
    """
    lemma = sv_lemma(word)
    if lemma:
        return lemma.lower()
    lower = word.lower()
    table = _sv_lemma_table()
    for cut in range(_MIN_SV_PART, len(lower) - _MIN_SV_PART + 1):
        tail = lower[cut:]
        if tail in table:
            return lower[:cut] + table[tail].lower()
    return lower


@lru_cache(maxsize=_CACHE_SIZE)
def is_en_word(word: str) -> bool:
    """True when the small English lexicon knows ``word`` (lowercased).

    Only language evidence: the spaCy ``en_lemma_lookup`` table (inflected
    forms and their lemmas, so not every base form) plus English stop words.

    Example: ``is_en_word("services") is True``; ``is_en_word("palvelut") is False``

    :param word: one word.
    """
    word = word.strip()
    return bool(word) and word.lower() in _en_lexicon()


def is_word(word: str, lang: Optional[str] = None) -> bool:
    """True when ``word`` is a word of ``lang`` ("fi", "sv"; None: either).

    Example: ``is_word("hanteras", "sv") is True``; ``is_word("hanteras", "fi") is False``

    :param word: one word.
    :param lang: "fi", "sv" or None; any other code knows no words.
    """
    if lang == "fi":
        return is_fi_word(word)
    if lang == "sv":
        return is_sv_word(word)
    if lang is None:
        return is_fi_word(word) or is_sv_word(word)
    return False
