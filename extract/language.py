"""The language of a piece of text: Finnish, Swedish, English or undecided.

Two sources of evidence, cheapest first:

1. the lexicons (Voikko for Finnish in :mod:`extract.fi_morphology`, the
   spaCy lookups tables for Swedish and English in :mod:`extract.lexicons`):
   when clearly more words are known to one lexicon alone than to any other,
   that decides. This is what makes short headings ("Arvomme", "Hur vi
   förnyar oss") come out right, where character n-grams are unreliable;
2. langdetect, restricted to the fi, sv and en profiles and seeded, for the
   rest, accepted only for three or more words and when it is confident.

Everything is deterministic: the same text gets the same answer in every call
and every process.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

from extract.fi_morphology import is_fi_informative_word
from extract.lexicons import is_en_word, is_sv_compound, is_sv_word

if TYPE_CHECKING:  # pragma: no cover - typing only
    from langdetect.detector_factory import DetectorFactory

LANGUAGES = ("fi", "sv", "en")
UNDECIDED = "und"

_MIN_LETTERS = 3
# Fewer words than this are too little for character statistics (langdetect).
_MIN_NGRAM_WORDS = 3
_MIN_PROBABILITY = 0.80
# Share of the words the winning lexicon must know (alone or shared), and how
# many times more words it must know alone than the runner-up, to decide.
_LEXICON_SHARE = 0.5
_LEXICON_MARGIN = 3
# Words looked up per text; enough to decide, cheap on long paragraphs.
_MAX_WORDS = 40
# A line this short whose language differs from two agreeing neighbours is
# taken to be misjudged (a name, a fragment) and joins them.
_SHORT_LINE_WORDS = 2

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w-]+\.(?:fi|se|com|org|net)\b\S*", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_BREAK = re.compile(r"[.!?:;•·–—]")


def _is_sv_evidence(word: str) -> bool:
    """A Swedish word or a compound of two (the lexicon lists few compounds)."""
    return is_sv_word(word) or is_sv_compound(word)


_LEXICONS = (("fi", is_fi_informative_word), ("sv", _is_sv_evidence), ("en", is_en_word))


@lru_cache(maxsize=1)
def _factory() -> "DetectorFactory":
    """A langdetect factory holding only the fi, sv and en profiles, seed 0."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    profiles = [Path(PROFILES_DIRECTORY, code).read_text(encoding="utf-8") for code in LANGUAGES]
    factory.load_json_profile(profiles)
    factory.set_seed(0)
    return factory


def _words(text: str) -> list[str]:
    """The words of ``text`` with URLs, e-mail addresses and numbers left out."""
    return _WORD.findall(_URL.sub(" ", text))


def _evidence_words(text: str) -> list[str]:
    """The words whose language counts.

    When the text has lower-case words, capitalised and upper-case words
    inside a sentence are left out: they are names and acronyms ("Maaret
    Laine, Kati Villgren och Timo", "HUS"), the same in every language.
    """
    text = _URL.sub(" ", text)
    matches = list(_WORD.finditer(text))
    if not any(m.group()[:1].islower() for m in matches):
        return [m.group() for m in matches]
    words: list[str] = []
    previous_end = 0
    for i, match in enumerate(matches):
        initial = i == 0 or bool(_SENTENCE_BREAK.search(text, previous_end, match.start()))
        if initial or match.group()[:1].islower():
            words.append(match.group())
        previous_end = match.end()
    return words


def _lexicon_vote(words: Sequence[str]) -> Optional[str]:
    """The language whose lexicon alone knows clearly more of ``words``; else None.

    A word counts for a language when only that language's lexicon knows it.
    The winner needs over three times the runner-up's count and must know
    (alone or shared) at least half of the words.
    """
    sample = words[:_MAX_WORDS]
    exclusive = dict.fromkeys(LANGUAGES, 0)
    covered = dict.fromkeys(LANGUAGES, 0)
    for word in sample:
        known = [code for code, knows in _LEXICONS if knows(word)]
        for code in known:
            covered[code] += 1
        if len(known) == 1:
            exclusive[known[0]] += 1
    best, runner_up = sorted(LANGUAGES, key=lambda code: -exclusive[code])[:2]
    if exclusive[best] > _LEXICON_MARGIN * exclusive[runner_up] and covered[best] >= _LEXICON_SHARE * len(sample):
        return best
    return None


def _langdetect_vote(text: str) -> Optional[str]:
    """langdetect's answer when its top probability reaches the threshold; else None."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return None
    if ranked and ranked[0].prob >= _MIN_PROBABILITY:
        return ranked[0].lang
    return None


@lru_cache(maxsize=1 << 14)
def detect_language(text: str) -> str:
    """The language of ``text``: "fi", "sv", "en", or "und" when undecided.

    The lexicons decide first (see the module docstring); when they do not,
    langdetect decides texts of three or more words if it is at least 0.80
    sure. Undecided: fewer than three letters outside URLs and numbers, only
    numbers and addresses, or neither source sure enough.

    Example: ``detect_language("Hur vi förnyar oss") == "sv"``;
    ``detect_language("https://www.luvn.fi") == "und"``

    :param text: a heading, line or paragraph.
    :returns: one of ``"fi"``, ``"sv"``, ``"en"``, ``"und"``.
    """
    words = _words(text)
    if sum(len(w) for w in words) < _MIN_LETTERS:
        return UNDECIDED
    decided = _lexicon_vote(_evidence_words(text))
    if decided is None and len(words) >= _MIN_NGRAM_WORDS:
        decided = _langdetect_vote(" ".join(words))
    return decided or UNDECIDED


def _smoothed(labels: list[str], lines: Sequence[str]) -> list[str]:
    """Labels with short misfits taken into agreeing neighbours and undecided lines attached."""
    decided = [i for i, label in enumerate(labels) if label != UNDECIDED]
    # A language seen on one line only is a misfit; seen on several (lines alternating
    # fi/sv), every line keeps its own.
    seen = Counter(labels[i] for i in decided)
    labels = list(labels)
    for before, here, after in zip(decided, decided[1:], decided[2:]):
        short = len(_words(lines[here])) <= _SHORT_LINE_WORDS
        if short and seen[labels[here]] == 1 and labels[before] == labels[after] != labels[here]:
            labels[here] = labels[before]
    if not decided:
        return labels
    current = labels[decided[0]]
    for i, label in enumerate(labels):
        if label == UNDECIDED:
            labels[i] = current
        else:
            current = label
    return labels


def split_by_language(lines: Sequence[str]) -> list[tuple[str, list[str]]]:
    """Split a block into consecutive runs of lines that share one language.

    Each line is judged with :func:`detect_language`. A line of at most two
    words whose language differs from the two decided lines around it, when
    those agree and no other line of the block has its language, is taken as
    theirs (lines alternating Finnish and Swedish keep theirs); undecided lines (blank lines, numbers,
    URLs, names) join the run before them, or the first run when they lead.
    Concatenating the runs' lines gives back ``lines`` unchanged.

    Example: ``split_by_language(["Arvomme", "Våra värderingar"]) == [("fi", ["Arvomme"]), ("sv", ["Våra värderingar"])]``

    :param lines: the lines of a block in reading order.
    :returns: ``(language, lines)`` runs in order; a block with no decidable
        line is one ``"und"`` run; an empty block gives ``[]``.
    """
    labels = _smoothed([detect_language(line) for line in lines], lines)
    runs: list[tuple[str, list[str]]] = []
    for label, line in zip(labels, lines):
        if runs and runs[-1][0] == label:
            runs[-1][1].append(line)
        else:
            runs.append((label, [line]))
    return runs
