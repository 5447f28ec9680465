"""Thin cached wrappers around the Finnish and Swedish word knowledge we have.

Finnish comes from Voikko, a morphological analyser that knows inflection and
compounding: the C library (``libvoikko`` with Debian's ``libvoikko1`` and
``voikko-fi``) when installed, else ``pyvoikko`` (on ``kfst-rs``); both give the
same transducer output, parsed by pyvoikko into the same analyses. Swedish comes from the spaCy lookups data: the
``sv_lemma_lookup`` table (inflected form -> lemma) plus spaCy's Swedish stop
words, which the lemma table lacks (``och``, ``hur``, ``att`` ...). A small
English lexicon built the same way serves only as language evidence.

Every resource loads lazily on first use (Voikko takes about 1.5 s, the
Swedish lexicon about 4 s the first time and a small fraction of that once
saved by :mod:`extract.lexicon_cache`; spaCy itself is not imported) and every
lookup is cached, so callers may ask freely.

Voikko accepts almost any concatenation of words as a compound, so "is this a
word" is a weak signal for Finnish; :func:`fi_is_complete_inflected_word`
gives the stronger one that line-break repair needs: a form that cannot be the
first part of a compound ends a word.
"""

from __future__ import annotations

import gzip
import importlib
import importlib.resources
import importlib.util
import sys
import json
from functools import lru_cache, partial
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Optional

from extract.lexicon_cache import cached
from extract.packed import PackedSet, PackedTable

if TYPE_CHECKING:  # pragma: no cover - typing only
    from pyvoikko.analysis import VoikkoAnalysis

_CACHE_SIZE = 1 << 18
# Shortest head or tail accepted when splitting a Swedish compound.
_MIN_SV_PART = 3
# A word the lexicon knows whole is still split when at least this long
# ("kostnadseffektiva" → kostnad + effektiv), into parts longer than _MIN_SV_PART.
_SV_LONG_WORD = 10

# Word classes whose forms never start a compound: adverbs, conjunctions and
# the negation verb ("ei", "en", ...).
_NON_COMPOUNDING_CLASSES = frozenset({"seikkasana", "sidesana", "kieltosana"})
# The only cases a compound's first part can stand in ("ilmasto|ohjelma",
# "ilmaston|muutos"); every other case ends the word.
_COMPOUNDING_CASES = frozenset({"nimento", "omanto"})
# Readings that say nothing about a text being Finnish: Roman numerals ("vi"),
# digits, bare abbreviations, and names (shared by texts in every language).
_UNINFORMATIVE_CLASSES = frozenset(
    {"lukusana", "lyhenne", "etunimi", "sukunimi", "paikannimi", "nimi"}
)


@lru_cache(maxsize=1)
def _voikko() -> ModuleType:
    """Import pyvoikko on first use (loading its transducer takes ~1.5 s)."""
    import pyvoikko

    return pyvoikko


@lru_cache(maxsize=1)
def _libvoikko() -> Optional[Any]:
    """The C library Voikko with its Finnish dictionary, or None when not installed.

    libvoikko (Debian ``libvoikko1`` + ``voikko-fi``) gives the same
    transducer output as pyvoikko about five times faster; pyvoikko (on kfst,
    compiled by the ``kfst-rs`` package) is the fallback that always works.
    """
    try:
        import libvoikko
    except ImportError:
        return None
    try:
        # Load the C library first: when it is missing, ``Voikko()`` fails half-built and its
        # ``__del__`` then prints "Exception ignored ... no attribute '_Voikko__handle'".
        libvoikko.VoikkoLibrary.open(getattr(libvoikko.Voikko, "_sharedLibrarySearchPath", None))
    except OSError:
        return None
    try:
        return libvoikko.Voikko("fi")
    except Exception:  # the library is there but not its Finnish dictionary (VoikkoException)
        return None


def voikko_engine() -> str:
    """Which Voikko analyses Finnish here: ``libvoikko <version> <dictionary>`` or ``pyvoikko``.

    The two differ in a few readings, so cached results must know which one made them.
    """
    fast = _libvoikko()
    if fast is None:
        return "pyvoikko"
    import libvoikko

    dictionaries = ",".join(sorted(str(d) for d in libvoikko.Voikko.listDicts()))
    return f"libvoikko {libvoikko.Voikko.getVersion()} {dictionaries}"


@lru_cache(maxsize=1)
def _analysis_parser() -> type:
    """pyvoikko's ``VoikkoAnalysis`` (the parser of transducer output) without pyvoikko's transducer.

    Importing the ``pyvoikko`` package loads its transducer (~240 MB, ~1.5 s),
    which is wasted when libvoikko does the analysing; the two modules that
    parse the output are loaded under a private package name instead.
    """
    spec = importlib.util.find_spec("pyvoikko")
    package = ModuleType("_pyvoikko_parser")
    package.__path__ = list(spec.submodule_search_locations or [])
    sys.modules.setdefault(package.__name__, package)
    return importlib.import_module("_pyvoikko_parser.analysis").VoikkoAnalysis


@lru_cache(maxsize=_CACHE_SIZE)  # "Alue" and "alue" both look up "alue"
def _analyse_one(form: str) -> tuple["VoikkoAnalysis", ...]:
    try:
        fast = _libvoikko()
        if fast is not None:
            parse = _analysis_parser().from_voikko_analysis
            return tuple(parse(a["FSTOUTPUT"]) for a in fast.analyze(form) if "FSTOUTPUT" in a)
        return tuple(_voikko().analyse(form))
    except Exception:  # a malformed string must not stop extraction
        return ()


@lru_cache(maxsize=_CACHE_SIZE)
def fi_analyses(word: str) -> tuple["VoikkoAnalysis", ...]:
    """All Voikko analyses of ``word``, lowercased form first, then as written.

    Voikko is case-sensitive: common nouns are only found in lower case and
    some proper nouns only as written, so both are tried and the results
    merged (duplicates dropped). The analyses are Voikko's own named tuples;
    treat them as read-only, they are shared through the cache.

    Example: ``fi_analyses("Hyvinvointialueelle")[0].BASEFORM == "hyvinvointialue"``

    :param word: one word, no surrounding spaces.
    :returns: a tuple of ``pyvoikko.analysis.VoikkoAnalysis``; empty when
        Voikko does not know the word.
    """
    word = word.strip()
    if not word or any(ch.isspace() for ch in word):
        return ()
    forms = [word.lower()]
    if word != forms[0]:
        forms.append(word)
    seen: set[str] = set()
    result: list["VoikkoAnalysis"] = []
    for form in forms:
        for analysis in _analyse_one(form):
            if analysis.FSTOUTPUT not in seen:
                seen.add(analysis.FSTOUTPUT)
                result.append(analysis)
    return tuple(result)


def _part_count(analysis: "VoikkoAnalysis") -> int:
    return len(analysis.COMPOUND_PARTS) if analysis.COMPOUND_PARTS else 1


def fi_plausible_analyses(word: str) -> tuple["VoikkoAnalysis", ...]:
    """The analyses of ``word`` built from the fewest compound parts.

    Voikko also offers far-fetched segmentations ("pitovoimaltaan" as
    ``pito|voi|maltaan``, genitive of *mallas*); the reading with fewest parts
    is the one a writer meant.

    Example: ``{a.SIJAMUOTO for a in fi_plausible_analyses("pitovoimaltaan")} == {"ulkoeronto"}``

    :param word: one word.
    :returns: the subset of :func:`fi_analyses` with the minimal part count.
    """
    analyses = fi_analyses(word)
    if not analyses:
        return ()
    fewest = min(_part_count(a) for a in analyses)
    return tuple(a for a in analyses if _part_count(a) == fewest)


@lru_cache(maxsize=_CACHE_SIZE)
def is_fi_word(word: str) -> bool:
    """True when Voikko knows ``word`` as a Finnish word (compounds included).

    Example: ``is_fi_word("tarvitaan") is True``; ``is_fi_word("tarvi") is False``

    :param word: one word.
    """
    return bool(fi_analyses(word))


def is_fi_informative_word(word: str) -> bool:
    """True when Voikko knows ``word`` other than as a numeral, abbreviation or name.

    Used as language evidence: Voikko reads "vi" as a Roman numeral and
    "Mikaela" as a first name, neither of which says the text is Finnish.

    Example: ``is_fi_informative_word("vi") is False``

    :param word: one word.
    """
    return any(a.CLASS not in _UNINFORMATIVE_CLASSES for a in fi_analyses(word))


@lru_cache(maxsize=_CACHE_SIZE)
def fi_lemmas(word: str) -> tuple[str, ...]:
    """The base forms Voikko gives for ``word``, lowercased, duplicates dropped.

    Voikko marks morpheme boundaries in base forms with ``=`` and writes a
    hyphenated compound's hyphen as ``--``; both are undone.

    Example: ``fi_lemmas("hyvinvointialueelle") == ("hyvinvointialue",)``

    :param word: one word.
    :returns: lemmas in Voikko's order; empty when the word is unknown.
    """
    lemmas: list[str] = []
    for analysis in fi_analyses(word):
        lemma = analysis.BASEFORM.replace("=", "").replace("--", "-").lower()
        if lemma and lemma not in lemmas:
            lemmas.append(lemma)
    return tuple(lemmas)


def _cannot_start_compound(analysis: "VoikkoAnalysis") -> bool:
    """True when this reading of a form cannot be the first part of a compound."""
    if analysis.POSSESSIVE or analysis.FOCUS:
        return True
    if analysis.CLASS in _NON_COMPOUNDING_CLASSES:
        return True
    if analysis.CLASS == "teonsana" and analysis.MOOD is not None:
        return True
    if analysis.SIJAMUOTO is None:
        return False
    if analysis.SIJAMUOTO not in _COMPOUNDING_CASES:
        return True
    return analysis.NUMBER == "plural"


@lru_cache(maxsize=_CACHE_SIZE)
def fi_compound_parts(word: str) -> tuple[str, ...]:
    """The base forms of a Finnish compound's parts, from its most plausible reading.

    Example: ``fi_compound_parts("hyvinvointialueen") == ("hyvinvointi", "alue")``;
    a simple word gives ``()``.

    :param word: one word.
    """
    for analysis in fi_plausible_analyses(word):
        parts = analysis.COMPOUND_PARTS or []
        if len(parts) > 1:
            return tuple(p.BASEFORM.replace("=", "").replace("--", "-").lower() for p in parts)
    return ()


@lru_cache(maxsize=_CACHE_SIZE)
def fi_is_complete_inflected_word(word: str) -> bool:
    """True when ``word`` is a Finnish word that cannot begin a compound.

    That holds when every plausible reading (see :func:`fi_plausible_analyses`)
    is a case other than nominative or genitive singular, carries a possessive
    suffix or a clitic (-kin, -kaan), is a finite or infinite verb form, an
    adverb, a conjunction or the negation verb. Such a form ends a word, so a
    line break after it is a word boundary even when the concatenation with
    the next line is something Voikko would accept as a compound.

    Example: ``fi_is_complete_inflected_word("pitovoimaltaan") is True``;
    ``fi_is_complete_inflected_word("ilmaston") is False`` (genitive, as in
    *ilmastonmuutos*).

    :param word: one word.
    :returns: False for unknown words and for any form that may start a compound.
    """
    plausible = fi_plausible_analyses(word)
    return bool(plausible) and all(_cannot_start_compound(a) for a in plausible)


def _part_boundaries(analysis: "VoikkoAnalysis", length: int) -> Optional[frozenset[int]]:
    """Offsets where the compound parts of ``analysis`` meet, or None if unknown."""
    parts = analysis.COMPOUND_PARTS or []
    offsets: set[int] = set()
    position = 0
    for part in parts[:-1]:
        position += len(part.FORM)
        offsets.add(position)
    if parts and position + len(parts[-1].FORM) != length:
        return None
    return frozenset(offsets)


def fi_split_is_inside_part(word: str, index: int) -> bool:
    """True when a plausible reading of ``word`` has no compound boundary at ``index``.

    A line break at such an offset falls inside one lexical unit ("käynnis|tetään",
    "hyvin|vointi"), so the two halves belong together whatever they would be
    on their own.

    Example: ``fi_split_is_inside_part("hyvinvointi", 5) is True``;
    ``fi_split_is_inside_part("ilmastonmuutos", 8) is False``

    :param word: the joined word.
    :param index: the offset of the line break inside ``word`` (0 < index < len).
    """
    if not 0 < index < len(word):
        return False
    for analysis in fi_plausible_analyses(word):
        boundaries = _part_boundaries(analysis, len(word))
        if boundaries is not None and index not in boundaries:
            return True
    return False


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
