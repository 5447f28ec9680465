"""Word bases of derived Finnish words, from Voikko: what a derivation and its base word share.

Two strategies rarely word a goal alike: one county *commits to a balanced
economy* (``tasapainoinen``), the other's economy *is in balance*
(``tasapaino``); one values *asiakaslähtöisyys*, the other *ihmislähtöisyys*.
Voikko's analysis names the base of every part of a word (``[Xp]base[X]`` in
its transducer output: ``kestävyys`` → ``kestää``, ``taloudellinen`` →
``talous``, ``uudistua`` → ``uudistaa``, ``asiakaslähtöinen`` → ``asiakas``,
``lähtö``), so a derived word and its base meet on the base. Swedish words
get none (the lookup table knows no derivations).
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.fi_morphology import NAME_CLASSES, fi_analyses

_BASE = re.compile(r"\[Xp\]([^\[]+)\[X\]")
MIN_BASE = 3  # shorter bases ("osa" aside) are prefixes and particles, not words


@lru_cache(maxsize=1 << 16)
def word_bases(lemma: str, lang: str) -> tuple[str, ...]:
    """The base words Voikko gives for the parts of ``lemma`` (every reading), without the lemma itself.

    >>> word_bases("kestävyys", "fi")
    ('kestää',)
    >>> word_bases("ihmislähtöisyys", "fi")
    ('ihminen', 'lähtö', 'lähtöinen')
    """
    if lang != "fi" or not lemma.isalpha():
        return ()
    # a name's reading ("Asukas", a surname) names no base of the common word
    found = {base.replace("=", "") for a in fi_analyses(lemma) if a.CLASS not in NAME_CLASSES
             for base in _BASE.findall(a.FSTOUTPUT or "")}
    return tuple(sorted(b for b in found if b != lemma and len(b) >= MIN_BASE and b.isalpha()))
