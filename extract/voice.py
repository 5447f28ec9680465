"""Whether a short text speaks as "we": the first-person plural of a strategy's commitments.

Strategy themes are often written as what "we" do or are ("Onnistumme
yhdessä", "Meille jokainen on tärkeä", "Vi förnyar oss hållbart"), the vision
or motto they surround as an impersonal phrase ("Hyvinvointia yhdessä",
"Framtidens välfärd skapas tillsammans"). In Finnish a word speaks as "we"
when Voikko reads it as a first-person plural verb ("onnistumme", "emme"),
a case of the pronoun *me* ("meille", "meidät") or a noun with the
first-person plural possessive suffix ("asukkaidemme"); in Swedish, where
verbs do not show the person, when it is a first-person plural pronoun
(:data:`extract.lang.sv.WE_WORDS`).
"""

from __future__ import annotations

import re
from typing import Optional

from extract.fi_morphology import base_form, fi_analyses
from extract.lang import fi, sv

_WORD = re.compile(r"[^\W\d_]+")


def speaks_as_we(text: str, lang: Optional[str]) -> bool:
    """True when a word of ``text`` is in the first-person plural.

    Example: ``speaks_as_we("Olemme arvostettu kumppani", "fi") is True``;
    ``speaks_as_we("Hyvinvointia yhdessä", "fi") is False``

    :param text: a headline or sentence
    :param lang: its language ("fi", "sv"; anything else: either)
    """
    words = _WORD.findall(text)
    finnish = lang != "sv" and any(_fi_we(w) for w in words)
    swedish = lang != "fi" and any(w.lower() in sv.WE_WORDS for w in words)
    return finnish or swedish


def _fi_we(word: str) -> bool:
    for analysis in fi_analyses(word):
        verb = analysis.PERSON == "1" and analysis.NUMBER == "plural"
        pronoun = analysis.CLASS == "asemosana" and base_form(analysis) == fi.WE_PRONOUN
        if verb or pronoun or analysis.POSSESSIVE == "1p":
            return True
    return False
