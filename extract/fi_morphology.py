"""Finnish morphology: thin cached wrappers around Voikko.

Voikko is a morphological analyser that knows inflection and compounding: the
C library (``libvoikko`` with Debian's ``libvoikko1`` and ``voikko-fi``) when
installed, else ``pyvoikko`` (on ``kfst-rs``); both give the same transducer
output, parsed by pyvoikko into the same analyses. The Swedish and English
lexicons are in :mod:`extract.lexicons`.

Voikko loads lazily on first use (about 1.5 s) and every lookup is cached, so
callers may ask freely.

The two engines give a word's readings in different orders (libvoikko in its
transducer's traversal order, kfst in another; neither transducer is weighted),
and the first reading is the lemma callers take. :func:`fi_analyses` therefore
puts them in one order of its own, the same under both engines: common words
before names, compounds whose base form keeps their first parts as written,
fewer compound parts, no possessive suffix, then the base form
most frequent in Finnish (``wordfreq``'s word list), so "tilanne" reads as
*tilanne*, not *tilata* or *tila* + "-nne" (:func:`_reading_rank`).

Voikko accepts almost any concatenation of words as a compound, so "is this a
word" is a weak signal for Finnish; :func:`fi_is_complete_inflected_word`
gives the stronger one that line-break repair needs: a form that cannot be the
first part of a compound ends a word.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from functools import lru_cache, partial
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:  # pragma: no cover - typing only
    from pyvoikko.analysis import VoikkoAnalysis

_CACHE_SIZE = 1 << 18

# Word classes whose forms never start a compound: adverbs, conjunctions and
# the negation verb ("ei", "en", ...).
_NON_COMPOUNDING_CLASSES = frozenset({"seikkasana", "sidesana", "kieltosana"})
# The only cases a compound's first part can stand in ("ilmasto|ohjelma",
# "ilmaston|muutos"); every other case ends the word.
_COMPOUNDING_CASES = frozenset({"nimento", "omanto"})
# Readings of names and abbreviations: no common word of the language.
NAME_CLASSES = frozenset({"lyhenne", "etunimi", "sukunimi", "paikannimi", "nimi"})
# Readings that say nothing about a text being Finnish: Roman numerals ("vi"),
# digits, bare abbreviations, and names (shared by texts in every language).
_UNINFORMATIVE_CLASSES = NAME_CLASSES | {"lukusana"}
# Moods of a finite verb form (a Voikko reading's MOOD); the infinitives are not among them
FINITE_MOODS = frozenset({"indicative", "imperative", "conditional", "potential"})
ENGINE_ENV = "STRATEGY_KB_VOIKKO"  # "pyvoikko": analyse with pyvoikko even where libvoikko is installed


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
    compiled by the ``kfst-rs`` package) is the fallback that always works;
    ``STRATEGY_KB_VOIKKO=pyvoikko`` in the environment chooses it even where
    libvoikko is installed.
    """
    if os.environ.get(ENGINE_ENV) == "pyvoikko":
        return None
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
    """All Voikko analyses of ``word``, of its lowercased form and as written, likeliest first.

    Voikko is case-sensitive: common nouns are only found in lower case and
    some proper nouns only as written, so both are tried and the results
    merged (duplicates dropped), then ordered by :func:`_reading_rank`, the
    same order whichever engine made them. The analyses are Voikko's own named tuples;
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
    readings = {a.FSTOUTPUT: a for form in forms for a in _analyse_one(form)}
    if len(readings) < 2:
        return tuple(readings.values())
    key = partial(_reading_rank, word.lower(), lowercase=word[:1].islower())
    return tuple(sorted(readings.values(), key=key))


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """Finnish word frequencies: ``wordfreq``'s small list (about 59,000 words), as its ``get_frequency_dict`` gives it.

    The list is read from its file in wordfreq's documented "cBpack" format (gzipped msgpack: a
    header, then one list of words per centibel of frequency) in 0.11 s; importing ``wordfreq``
    itself would load its tokenizers and language tables too (0.29 s in all).
    """
    import gzip

    import msgpack

    folder = Path(importlib.util.find_spec("wordfreq").submodule_search_locations[0])
    with gzip.open(folder / "data" / "small_fi.msgpack.gz", "rb") as packed:
        header, *buckets = msgpack.load(packed, raw=False)
    if header != {"format": "cB", "version": 1}:
        raise ValueError(f"unexpected wordfreq list header {header!r}")
    return {word: 10 ** (-cb / 100) for cb, bucket in enumerate(buckets) for word in bucket}


def _nearness(analysis: "VoikkoAnalysis", word: str) -> int:
    """How many letters of the written word (of each compound part) begin its base form too."""
    parts = analysis.COMPOUND_PARTS or ()
    pairs = [(base_form(p), p.FORM) for p in parts] if len(parts) > 1 else [(base_form(analysis), word)]
    return sum(len(os.path.commonprefix((base, form.lower()))) for base, form in pairs)


def _written_parts_kept(analysis: "VoikkoAnalysis") -> float:
    """The share of a compound's first parts, as written, that begins its base form too (1.0 for a simple word).

    A Finnish compound's base form keeps its first parts as written; Voikko also reads
    "kokonaisvaltainen" as kokonainen + valtainen and then gives the base form
    "kokonainenvaltainen", which no one writes.
    """
    parts = analysis.COMPOUND_PARTS or ()
    written = "".join(p.FORM for p in parts[:-1]).replace("-", "").lower()
    if not written:
        return 1.0
    return len(os.path.commonprefix((base_form(analysis).replace("-", ""), written))) / len(written)


def _reading_rank(word: str, analysis: "VoikkoAnalysis", lowercase: bool) -> tuple:
    """Where a reading of ``word`` goes among its readings: an order that does not depend on the engine.

    A word written in lower case is a common word before a name ("annan": *antaa*, not *Anna*);
    then a compound's base form that keeps its first parts as written (:func:`_written_parts_kept`),
    the fewest compound parts (:func:`fi_plausible_analyses`), no possessive suffix or clitic
    ("arvostamme": *arvostaa*, not *arvo* + "-sta-mme"), the base form most frequent in Finnish
    ("tilanne": *tilanne*, not *tilata*), fewer derivations ("terveyspalvelu", not
    the adjective "terveyspalveluinen"), the base forms nearest the written word and its parts
    ("vammais|palvelu" before "vammainen|palvelu"), and Voikko's output string to break the
    last ties.
    """
    return (
        lowercase and analysis.CLASS in NAME_CLASSES,
        -_written_parts_kept(analysis),
        _part_count(analysis),
        bool(analysis.POSSESSIVE or analysis.FOCUS),
        -_frequencies().get(base_form(analysis), 0.0),
        analysis.FSTOUTPUT.count("[Xj]"),
        -_nearness(analysis, word),
        analysis.FSTOUTPUT,
    )


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


def base_form(analysis: "VoikkoAnalysis") -> str:
    """A Voikko reading's (or compound part's) base form as a lemma: morpheme marks ``=`` dropped, a compound's ``--`` one hyphen, lower case."""
    return analysis.BASEFORM.replace("=", "").replace("--", "-").lower()


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
        lemma = base_form(analysis)
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
            return tuple(base_form(p) for p in parts)
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
