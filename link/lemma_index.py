"""Lemma profiles of statements, IDF weights and an inverted lemma index for blocking.

Lineage (``continues``) and cross-region (``similar_to``) linking compare
statements by their content lemmas (:func:`extract.nlp.lemmas`). Each
statement becomes a :class:`Profile`: its lemmas, the parts of its
compounds (``omalääkäri`` → ``oma``, ``lääkäri``, weighted lower, so that
``digipalvelu`` meets ``digitaalinen palvelu`` half-way) and the numbers it
prints. :class:`LemmaIndex` finds the candidates that share a lemma with a
query, skipping lemmas too common to discriminate, so the work per query is
bounded and the whole linking grows near-linearly with the corpus.
"""

from __future__ import annotations

import math
import re
from collections import Counter, OrderedDict, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Sequence

from extract.nlp import analyse, content_tokens
from extract.records import Statement
from link.cache import Answers, LinkCache
from link.readings import lemma_in_context

PART_WEIGHT = 0.5  # a compound part counts half a lemma
MAX_POSTINGS = 40  # a term in more profiles than this does not open candidates
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[,.]\d+)?")
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class Profile:
    """What a statement says, as weighted terms: lemmas, compound parts, numbers."""

    id: str
    lang: str
    terms: Mapping[str, float]  # term -> share (1 for a lemma, PART_WEIGHT for a compound part)
    numbers: frozenset[str]

    @property
    def lemmas(self) -> frozenset[str]:
        """The full lemmas (not compound parts)."""
        return frozenset(t for t, share in self.terms.items() if share >= 1)


Analysis = tuple[tuple[tuple[str, float], ...], tuple[tuple[str, tuple[str, ...]], ...], int, int]
RECENT_ANALYSES = 32_768  # analyses kept in a process between builds without a link cache (a few corpora's worth)


class _Recent:
    """The analyses made in this process without a link cache, for the next: at most ``size``, the least
    recently asked dropped first, so a long process (tests, a server that builds) does not grow with them.

    Asked like :class:`link.cache.Answers` outside a build; a build without a cache reads them and hands
    its own back (:func:`kept_analyses`).
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.answers: OrderedDict[str, Any] = OrderedDict()

    def get(self, question: str, answer: Callable[[], Any]) -> Any:
        """The answer to ``question``: remembered, or ``answer()``."""
        if question in self.answers:
            self.answers.move_to_end(question)
            return self.answers[question]
        value = self.answers[question] = answer()
        self._trim()
        return value

    def update(self, asked: Mapping[str, Any]) -> None:
        """Remember a build's answers as the most recent ones."""
        for question, value in asked.items():
            self.answers[question] = value
            self.answers.move_to_end(question)
        self._trim()

    def _trim(self) -> None:
        while len(self.answers) > self.size:
            self.answers.popitem(last=False)


_recent = _Recent(RECENT_ANALYSES)
# Within kept_analyses, one build's analyses (those of the link cache, or of the builds before); else the recent ones
_analyses: Answers | _Recent = _recent


@contextmanager
def kept_analyses(cache: Optional[LinkCache]) -> Iterator[None]:
    """Within the block (one build), text analyses are looked up in ``cache`` and, when it ends, stored with the
    new ones asked for (:meth:`link.cache.Answers.store`).

    An analysis depends on the text, its language and the code only (the code
    version is in every key of the link cache). Without a cache they are looked
    up among those of the builds before in this process, and the block's own are
    kept to its end whatever their number (a build never makes one twice), then
    handed to those, which keep the most recent :data:`RECENT_ANALYSES`.
    """
    global _analyses
    scoped = Answers(cache, "text-analyses")
    if cache is None:
        scoped.known = _recent.answers
    before, _analyses = _analyses, scoped
    try:
        yield
        scoped.store()
        if cache is None:
            _recent.update(scoped.asked)
    finally:
        _analyses = before


def kept(question: str, answer: Callable[[], Any]) -> Any:
    """The answer to ``question`` about a text or word (``<what>\0<text>``): kept (:func:`kept_analyses`) or ``answer()``.

    For answers that depend on the question and the code only, e.g. whether a text is a cue heading.
    """
    return _analyses.get(question, answer)


def _analysis(text: str, lang: str) -> Analysis:
    """(terms, compounds, content words, sentences) of ``text``: :func:`text_terms`, :func:`text_compounds`, counts."""
    return _analyses.get(f"{lang}\0{text}", lambda: _analyse(text, lang))


def _analyse(text: str, lang: str) -> Analysis:
    doc = analyse(text, lang)
    terms: dict[str, float] = {}
    compounds: dict[str, tuple[str, ...]] = {}
    words = 0
    for token in content_tokens(doc):
        words += 1
        if token.like_num:
            continue
        lemma = lemma_in_context(token) if lang == "fi" else token.lemma_
        terms[lemma] = 1.0
        parts = tuple(p for p in token._.parts if len(p) > 2)
        for part in parts:
            terms.setdefault(part, PART_WEIGHT)
        if parts:
            compounds.setdefault(lemma, parts)
    sentences = sum(1 for s in doc.sents if s.text.strip())
    return tuple(sorted(terms.items())), tuple(sorted(compounds.items())), words, sentences


def text_terms(text: str, lang: str) -> tuple[tuple[str, float], ...]:
    """The content lemmas of ``text`` (share 1) and their compound parts (share :data:`PART_WEIGHT`).

    A Finnish word's lemma is the reading its attribute position tells (:func:`link.readings.lemma_in_context`).
    """
    return _analysis(text, lang)[0]


def text_compounds(text: str, lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The compound lemmas of ``text`` with their parts (``monituottajamalli`` → moni, tuottaja, malli)."""
    return _analysis(text, lang)[1]


def text_counts(text: str, lang: str) -> tuple[int, int]:
    """How many content words (:func:`extract.nlp.lemmas`) and sentences (:func:`extract.nlp.sentences`) ``text`` has."""
    return _analysis(text, lang)[2:]


def analysis_lang(lang: str) -> str:
    """The language a text is analysed in: Finnish or Swedish (anything else is read as Finnish)."""
    return lang if lang in ("fi", "sv") else "fi"


def profile(statement: Statement) -> Profile:
    """The lemma profile of ``statement`` (lemmas in its own language, compound parts, numbers)."""
    lang = analysis_lang(statement.lang)
    terms = dict(text_terms(statement.text, lang))
    numbers = frozenset(re.sub(r"\s", "", n).replace(",", ".") for n in _NUMBER.findall(statement.text) if not _YEAR.match(n))
    return Profile(statement.id, lang, terms, numbers)


def idf_weights(profiles: Iterable[Profile]) -> dict[str, float]:
    """Smoothed inverse document frequency of every term over ``profiles``: ``log(1 + N / df)``."""
    profiles = list(profiles)
    df = Counter(term for p in profiles for term in p.terms)
    n = len(profiles)
    return {term: math.log(1 + n / count) for term, count in df.items()}


def _weight(p: Profile, term: str, idf: Mapping[str, float]) -> float:
    return p.terms[term] * idf.get(term, 1.0)


def mass(p: Profile, idf: Mapping[str, float]) -> float:
    """The total weight of a profile's terms."""
    return sum(_weight(p, t, idf) for t in p.terms)


def overlap(a: Profile, b: Profile, idf: Mapping[str, float],
            masses: Optional[dict[str, float]] = None) -> tuple[float, list[str], float, float]:
    """IDF-weighted overlap of two profiles of the same language.

    Each side's coverage is the share of its term weight that the other side
    holds too; the score is their geometric mean (a weighted cosine over term
    sets), so a short statement restated inside a longer one still scores
    well, while a single shared word between long texts does not.

    :param masses: profile id → :func:`mass`, filled as the profiles come (for a caller comparing each many times)
    :returns: (score 0–1, shared terms by falling weight, coverage of ``a``, coverage of ``b``)
    """
    shared = sorted(set(a.terms) & set(b.terms), key=lambda t: (-idf.get(t, 1.0), t))
    masses = {} if masses is None else masses
    for p in (a, b):
        if p.id not in masses:
            masses[p.id] = mass(p, idf)
    wa, wb = masses[a.id], masses[b.id]
    if not wa or not wb or not shared:
        return 0.0, [], 0.0, 0.0
    cov_a = sum(_weight(a, t, idf) for t in shared) / wa
    cov_b = sum(_weight(b, t, idf) for t in shared) / wb
    return math.sqrt(cov_a * cov_b), shared, cov_a, cov_b


class LemmaIndex:
    """An inverted index from terms to the profiles that contain them.

    >>> index = LemmaIndex(profiles_of_the_later_strategy)
    >>> index.candidates(query_weights(profile_of_an_earlier_goal, idf))  # {profile id: shared weight}
    """

    def __init__(self, profiles: Sequence[Profile], max_postings: int = MAX_POSTINGS) -> None:
        self.max_postings = max_postings
        postings: dict[str, list[str]] = defaultdict(list)
        for p in sorted(profiles, key=lambda p: p.id):
            for term in p.terms:
                postings[term].append(p.id)
        self._postings = dict(postings)

    def candidates(self, query: Mapping[str, float]) -> dict[str, float]:
        """Profiles holding some of the ``query`` terms, with the summed weight of the terms they hold.

        ``query`` maps terms to weights (e.g. IDF × share). A term found in
        more than ``max_postings`` profiles is too common to find anything
        (its IDF is small) and is skipped, except the query's rarest term,
        whose postings are read up to ``max_postings``; so one query costs at
        most ``len(query) * max_postings`` steps however large the index.
        """
        found: dict[str, float] = defaultdict(float)
        terms = sorted((t for t in query if t in self._postings), key=lambda t: (len(self._postings[t]), t))
        for i, term in enumerate(terms):
            postings = self._postings[term]
            if i and len(postings) > self.max_postings:
                break
            for pid in postings[: self.max_postings]:
                found[pid] += query[term]
        return dict(found)


def query_weights(p: Profile, idf: Mapping[str, float]) -> dict[str, float]:
    """A profile's terms with their IDF weights, as a query for :meth:`LemmaIndex.candidates`."""
    return {t: _weight(p, t, idf) for t in p.terms}
