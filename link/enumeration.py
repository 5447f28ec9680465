"""Enumerations inside a statement: a goal listing several fields or means may live on item by item.

"Rakennetaan kuntien kanssa ... yhteistyömallit erityisesti lasten ja nuorten
palveluissa, työllisyyden edistämisessä sekä maahanmuuttajapalveluissa" may
continue in a later unit on the children and young people alone; against the
whole statement that unit holds only a part of its words. :func:`item_texts`
gives the statement once per listed item, with the other items left out, for
lineage to compare as well (:meth:`link.matching.Context.items`).

An enumeration is a run ``A, B ja C`` (at least :data:`MIN_ITEMS` items, the
last two joined by a list conjunction of the language) whose items after the
first are short (:data:`MAX_ITEM_WORDS` words) and open no clause (a comma
before ``joka`` / ``että`` / ``som`` ends a clause, not an item). The first
item is the end of the text before the first comma, as long as the longest
other item and not over a stop word (:func:`_first_item`); what precedes it
is the frame every item shares. A frame that is a lead-in, closed by the copula
or a colon ("Pitkän aikavälin talouden tasapainotuksen keskeisiä keinoja ovat
A, B ja C"), makes each item a statement of its own (:func:`is_lead_in`); other
frames carry the content their items specify ("Rakennetaan kuntien kanssa
yhteistyömallit erityisesti lasten ja nuorten palveluissa, ...").
"""

from __future__ import annotations

import re

from extract.lang import fi, sv
from extract.nlp import analyse

MIN_ITEMS = 3
MAX_ITEM_WORDS = 6
_LANG = {"fi": fi, "sv": sv}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_COMMA = re.compile(r",\s+")


def _last_split(segment: str, conjunctions: tuple[str, ...]) -> list[str]:
    """``segment`` cut at its last list conjunction not closing a shortened compound ("digi- ja liikkuvien")."""
    words = segment.split()
    for i in range(len(words) - 2, 0, -1):
        if words[i] in conjunctions and not words[i - 1].endswith("-"):
            return [" ".join(words[:i]), " ".join(words[i + 1:])]
    return [segment]


def _is_stop(word: str, lang: str) -> bool:
    return all(t.is_stop for t in analyse(word, lang) if t.is_alpha)


def _first_item(segment: str, length: int, lang: str, conjunctions: tuple[str, ...]) -> tuple[str, str]:
    """(frame, first item) of the text before the first comma.

    The item takes up to ``length`` words from the end, not reaching back over a
    stop word ("keinoja ovat | A", "yhteistyömallit erityisesti | A"), except a
    conjunction inside the item ("lasten ja nuorten palveluissa").
    """
    words = segment.split()
    k = 0
    while k < min(length, len(words) - 1) and not _is_stop(words[-k - 1], lang):
        k += 1
    k = max(k, 1)
    if len(words) > k + 2 and words[-k - 1] in conjunctions and not _is_stop(words[-k - 2], lang):
        k += 2  # the item coordinates two words itself
    return " ".join(words[:-k]), " ".join(words[-k:])


def enumeration(sentence: str, lang: str) -> tuple[str, list[str]] | None:
    """(frame, items) of the enumeration ``sentence`` prints, or None (see the module docstring)."""
    rules = _LANG.get(lang, fi)
    segments = _COMMA.split(sentence.strip().rstrip(".!?").strip())
    if len(segments) < 2:
        return None
    last = _last_split(segments[-1], rules.LIST_CONJUNCTIONS)
    rest = segments[1:-1] + last
    if len(last) < 2 or 1 + len(rest) < MIN_ITEMS:
        return None
    if any(not item.split() or len(item.split()) > MAX_ITEM_WORDS or item.split()[0].casefold() in rules.CLAUSE_OPENERS
           for item in rest):
        return None
    frame, first = _first_item(segments[0], max(len(item.split()) for item in rest), lang, rules.LIST_CONJUNCTIONS)
    return frame, [first, *rest]


def is_lead_in(frame: str, lang: str) -> bool:
    """Whether ``frame`` introduces its items as statements of their own: it ends in the copula or a colon."""
    words = frame.split()
    return bool(words) and (frame.endswith(":") or words[-1].casefold() in _LANG.get(lang, fi).COPULA)


def item_texts(text: str, lang: str) -> list[tuple[str, str]]:
    """(frame, item) for every item of each enumeration ``text`` prints (empty without one)."""
    out = []
    for sentence in _SENTENCE_END.split(text.strip()):
        found = enumeration(sentence, lang)
        if found is not None:
            frame, items = found
            out.extend((frame, item) for item in items)
    return out
