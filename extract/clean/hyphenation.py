"""Repair words broken at line ends, deciding each break by morphology.

Text exported from PDFs keeps the physical lines of a paragraph. A line can
end in three ways that matter here:

* with a hyphen after a letter or digit (``tarvi-`` / ``taan``): a hyphenated
  break, a real hyphen (``HUS-`` / ``yhtymän``, ``ilmasto-`` / ``ohjelma``) or
  a suspended compound (``sosiaali-`` / ``ja``);
* with a letter and no trailing whitespace before a line that starts in lower
  case (``Hyvinvointi`` / ``alueelle``): perhaps a break inside a word whose
  hyphen the export lost, perhaps a word boundary whose space it lost;
* with trailing whitespace: always a word boundary.

Which one it is is decided by the lexicons (Voikko for Finnish in
:mod:`extract.fi_morphology`, the spaCy lookups table for Swedish in
:mod:`extract.lexicons`), never by a list of known words. For soft breaks a layout cue also counts: when the first line
could have taken the whole next word and still stayed within the paragraph's
longest line, a typesetter did not break that word.

Input is expected to be normalised already (:mod:`extract.clean.normalize`);
only whitespace and line-end hyphens are ever removed, never a letter.
"""

from __future__ import annotations

import re
from typing import Collection, Iterable, Optional, Sequence

from extract.fi_morphology import fi_is_complete_inflected_word, fi_lemmas, fi_split_is_inside_part, is_fi_word
from extract.lexicons import is_sv_word, is_word

_HYPHENS = "-\u2010"
_SOFT_HYPHEN = "\u00ad"
_VOWELS = frozenset("aeiouyäöå")
# Conjunctions after which a line-end hyphen marks a suspended compound
# ("sosiaali- ja terveyspalvelut", "familje- och ...").
_CONJUNCTIONS = {
    "fi": frozenset({"ja", "tai", "sekä", "eli", "taikka", "ynnä"}),
    "sv": frozenset({"och", "eller", "samt"}),
}
_ALL_CONJUNCTIONS = frozenset().union(*_CONJUNCTIONS.values())
# Characters that may stand just before a word (opening quotes and brackets).
_OPENERS = frozenset("([{\"'“”‘’«»„‚")
# A share of the longest line that a line plus the next word must stay under
# to count as "would have fitted" (proportional fonts make counts inexact).
_FIT_SHARE = 0.9
# another form of a base word shares the base word's letters but for its last few ("kielinen" / "kieliset")
_STEM_CUT = 3
_MIN_STEM = 6

_TRAILING_TOKEN = re.compile(r"[^\W_](?:[^\W_]|[-\u2010](?=[^\W_]))*$")
_LEADING_TOKEN = re.compile(r"[^\W_]+(?:[-\u2010][^\W_]+)*")
_TRAILING_LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*$")
_LEADING_LETTERS = re.compile(r"[^\W\d_]+")
_URL_LIKE = re.compile(r"://|^www\.|@", re.IGNORECASE)
_SENTENCE_ENDS = frozenset(".!?:;•·–—")


def _collapse(line: str) -> str:
    """The line's words separated by single spaces, no edge whitespace."""
    return " ".join(line.split())


def _languages(lang: Optional[str]) -> tuple[str, ...]:
    """The lexicons to consult: ``lang`` alone when given, else Finnish and Swedish."""
    return (lang,) if lang else ("fi", "sv")


def _pair_language(lang: Optional[str], *forms: str) -> Optional[str]:
    """The language of a word pair: ``lang`` if given, else Finnish, then Swedish.

    The first language whose lexicon knows any of ``forms`` (tried in order,
    the joined candidates first) wins; None when neither knows any.
    """
    if lang:
        return lang
    for form in forms:
        if form and is_fi_word(form):
            return "fi"
        if form and is_sv_word(form):
            return "sv"
    return None


def _starts_sentence(before: str) -> bool:
    """True when the text before a word ends a sentence (or is empty)."""
    before = before.rstrip()
    return not before or before[-1] in _SENTENCE_ENDS


def _last_word(text: str, pattern: re.Pattern[str]) -> Optional[tuple[str, str]]:
    """``(text before it, word)`` for the word ``pattern`` finds at the end of ``text``.

    Only the last space-separated token is searched, so long paragraphs cost
    nothing extra.
    """
    match = pattern.search(text, text.rfind(" ") + 1)
    return None if match is None else (text[: match.start()], match.group())


def _is_address(token: str) -> bool:
    """A URL or e-mail address, in which a hyphen is never a hyphenation."""
    return bool(_URL_LIKE.search(token))


def _is_acronym_or_code(part: str) -> bool:
    """``HUS``, ``TAHTI``, ``A``, ``2023``, ``covid19``: kept with their hyphen."""
    last = re.split(r"[-\u2010]", part)[-1]
    return any(ch.isdigit() for ch in last) or (last.isupper() and last.isalpha())


def _vowel_clash(first: str, second: str) -> bool:
    """Finnish writes a hyphen where a compound's parts meet at the same vowel."""
    a, b = first[-1:].lower(), second[:1].lower()
    return a == b and a in _VOWELS


def _is_proper_name(first: str, before: str) -> bool:
    """A capitalised word inside a sentence: a name, compounded with a hyphen (``Tahti-raportointi``)."""
    return first[:1].isupper() and not first.isupper() and not _starts_sentence(before)


def _join_hyphenated(head: str, tail: str, lang: Optional[str]) -> Optional[str]:
    """Join ``head`` (ending in a hyphen) and ``tail``; None when no hyphen rule applies."""
    body = head[:-1]
    if _is_address(body[body.rfind(" ") + 1 :]):
        return head + tail
    last = _last_word(body, _TRAILING_TOKEN)
    following = _LEADING_TOKEN.match(tail)
    if last is None or following is None:
        return None
    (before, first), second = last, following.group()
    if following.end() == len(tail.split(" ", 1)[0]) and second.lower() in _ALL_CONJUNCTIONS:
        return f"{head} {tail}"
    joined, hyphenated = first + second, f"{first}-{second}"
    language = _pair_language(lang, joined, hyphenated, first, second)
    if _keeps_hyphen(first, second, before, joined, hyphenated, language):
        return head + tail
    return body + tail


def _keeps_hyphen(
    first: str, second: str, before: str, joined: str, hyphenated: str, lang: Optional[str]
) -> bool:
    """Whether a line-end hyphen between ``first`` and ``second`` is a real one."""
    if _is_acronym_or_code(first) or not second[:1].islower():
        return True
    if lang != "sv" and _vowel_clash(first, second):
        return True
    if _is_proper_name(first, before):
        return True
    joined_known = any(is_word(joined, code) for code in _languages(lang))
    if joined_known:
        return False
    if any(is_word(hyphenated, code) for code in _languages(lang)):
        return True
    # Neither form is known: a hyphen inside the next word ("make-" / "or-buy")
    # says the whole is written with hyphens; otherwise lower case joins.
    return "-" in second or not first.islower()


def _soft_break_parts(head: str, tail: str) -> Optional[tuple[str, str]]:
    """The word halves around a line end with no hyphen and no space, if plausible."""
    if not tail[:1].islower() or not head[-1:].isalpha():
        return None
    last = _last_word(head, _TRAILING_LETTERS)
    following = _LEADING_LETTERS.match(tail)
    if last is None or following is None:
        return None
    before, first = last
    if before[-1:] and not before[-1:].isspace() and before[-1:] not in _OPENERS:
        return None
    if _is_address(tail.split(" ", 1)[0]):
        return None
    return first, following.group()


def _printed_whole(joined: str, lang: str, vocabulary: Collection[str]) -> bool:
    """Whether the document prints ``joined`` whole on one line: the form itself, or another
    form of its base word ("ruotsinkielisten" where "Ruotsinkieliset" stands elsewhere)."""
    if joined.casefold() in vocabulary:
        return True
    stems = {lemma[:-_STEM_CUT] for lemma in (fi_lemmas(joined) if lang == "fi" else ()) if len(lemma) >= _MIN_STEM + _STEM_CUT}
    return any(word.startswith(stem) for stem in stems for word in vocabulary if len(word) >= len(stem))


def _would_have_fitted(line: str, tail: str, width: int) -> bool:
    """True when the next word fits on ``line``: no reason to have broken it there."""
    next_word = tail.split(" ", 1)[0]
    return len(line) + 1 + len(next_word) <= _FIT_SHARE * width


def _joins_soft_break(
    head: str, tail: str, line: str, width: int, lang: Optional[str], unmarked: Optional[Collection[str]]
) -> bool:
    """Whether a line end without hyphen or space lies inside a word.

    :param unmarked: ``None`` when the source marks word-boundary line ends;
        else every line end is a candidate, and one whose first half is a word
        on its own joins only when the joined form stands elsewhere in the
        document on one line (this collection, case-folded).
    """
    parts = _soft_break_parts(head, tail)
    if parts is None:
        return False
    first, second = parts
    joined = first + second
    language = _pair_language(lang, joined)
    if language not in ("fi", "sv") or not is_word(joined, language):
        return False
    if unmarked is not None and is_word(first, language):
        return _printed_whole(joined, language, unmarked)
    if is_word(first, language) and _would_have_fitted(line, tail, width):
        return False
    if language == "sv":
        return True
    if fi_split_is_inside_part(joined, len(first)):
        return True
    return not fi_is_complete_inflected_word(first)


def _join_pair(
    head: str, line: str, spaced: bool, tail: str, width: int, lang: Optional[str], line_breaks: str,
    vocabulary: Collection[str],
) -> str:
    """``head`` (the text so far, ending with physical ``line``) continued by ``tail``.

    :param spaced: whether ``line`` had trailing whitespace.
    :param width: the length of the paragraph's longest line.
    :param line_breaks: what a line end without hyphen means (see :func:`join_lines`).
    :param vocabulary: words of the document as printed on one line (see :func:`join_lines`).
    """
    if spaced:
        return f"{head} {tail}"
    if head.endswith(_SOFT_HYPHEN):
        return head[:-1] + tail
    if head[-1] in _HYPHENS and len(head) > 1 and head[-2].isalnum():
        joined = _join_hyphenated(head, tail, lang)
        if joined is not None:
            return joined
    unmarked = vocabulary if line_breaks == "unmarked" else None
    if line_breaks != "word" and _joins_soft_break(head, tail, line, width, lang, unmarked):
        return head + tail
    return f"{head} {tail}"


def join_lines(
    lines: Sequence[str], lang: Optional[str] = None, line_breaks: str = "spaced", vocabulary: Collection[str] = ()
) -> str:
    """Join the physical lines of one paragraph into one line of text.

    Words broken at line ends are repaired (see the module docstring): a
    hyphenated break is joined (``tarvi-`` + ``taan`` -> ``tarvitaan``) unless
    the hyphen is real (``HUS-yhtymän``, ``ilmasto-ohjelma``) or marks a
    suspended compound (``sosiaali- ja``); a break without hyphen or space is
    joined only when the lexicon says the halves form one word and the first
    half cannot stand alone (``Hyvinvointi`` + ``alueelle``). Every other line
    end becomes a single space. Whitespace inside lines is collapsed and empty
    lines are skipped.

    Example: ``join_lines(["heitä hoitamaan tarvi-", "taan työssään"]) == "heitä hoitamaan tarvitaan työssään"``

    :param lines: the lines in reading order; a line's trailing whitespace
        tells that it ends at a word boundary.
    :param lang: "fi" or "sv" when the paragraph's language is known; None
        tries Finnish, then Swedish, for each break.
    :param line_breaks: what a line end without hyphen means
        (:data:`extract.records.LINE_BREAKS`): ``"word"`` always a word
        boundary (only a hyphen or soft hyphen can join two lines into one
        word); ``"spaced"`` a boundary when the line has trailing whitespace,
        else decided by the lexicon; ``"unmarked"`` joined when the first
        half is no word on its own, or when the joined form is in ``vocabulary``.
    :param vocabulary: the document's words as printed inside lines,
        case-folded (see :func:`line_vocabulary`); used with ``"unmarked"``.
    :returns: the paragraph as one line, no leading or trailing whitespace.
    """
    pieces = [(_collapse(line), line[-1:].isspace()) for line in lines]
    pieces = [(text, spaced) for text, spaced in pieces if text]
    if not pieces:
        return ""
    width = max(len(text) for text, _ in pieces)
    result = pieces[0][0]
    for (line, spaced), (text, _) in zip(pieces, pieces[1:]):
        result = _join_pair(result, line, spaced, text, width, lang, line_breaks, vocabulary)
    return result


def line_vocabulary(lines: Iterable[str]) -> frozenset[str]:
    """The words that stand whole inside lines (not at a line's end), case-folded.

    A word broken at a line end is usually printed whole elsewhere in the same
    document; this is the evidence :func:`join_lines` uses for ``"unmarked"``.
    """
    return frozenset(w.casefold() for line in lines for w in _LEADING_LETTERS.findall(line)[:-1])


def dehyphenate(text: str, lang: Optional[str] = None) -> str:
    """Repair line-end breaks in a multi-line text, paragraph by paragraph.

    Paragraphs are separated by one or more empty (or blank) lines; each is
    joined with :func:`join_lines` and the paragraphs are rejoined with a
    single empty line between them.

    Example: ``dehyphenate("ilmasto-\\nohjelma on\\n\\nvalmis") == "ilmasto-ohjelma on\\n\\nvalmis"``

    :param text: lines separated by newlines.
    :param lang: as for :func:`join_lines`.
    :returns: one line per paragraph, paragraphs separated by ``"\\n\\n"``.
    """
    paragraphs: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    joined = (join_lines(lines, lang) for lines in paragraphs if lines)
    return "\n\n".join(p for p in joined if p)
