"""Wording variants of the documents: cue headings as other strategies word them, verdicts in other cases, no trailing spaces.

Each variant is a function on the lines of a text export, and (where it
applies) on a structured source, so the same rewording can be rendered in a
layout. The cue-heading alternatives are the headings Finnish and Swedish
public strategies commonly use for each kind of list (goals: "Strategiset
tavoitteet", "Våra mål"; actions: "Toimenpiteet", "Så här gör vi"; …), not
this corpus's template headings.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from typing import Callable, Optional

#: the cue headings of the bundled documents (as read, lines joined, case-folded) → (language, kind)
ORIGINAL_CUES: dict[str, tuple[str, str]] = {
    "valtuustokauden tavoitteet:": ("fi", "goal"),
    "perustehtävämme": ("fi", "mission"),
    "perustehtävä": ("fi", "mission"),
    "arvomme": ("fi", "value"),
    "arvot": ("fi", "value"),
    "linjaukset": ("fi", "guideline"),
    "strategiset linjaukset ja päämäärät": ("fi", "chapter"),
    "meitä ohjaavat selkeät tavoitteet": ("fi", "target"),
    "palveluidemme järjestämistä ohjaavat seuraavat periaatteet": ("fi", "principle"),
    "järjestämisen periaatteet": ("fi", "principle"),
    "muutoslupaukset": ("fi", "promise"),
    "miten uudistumme": ("fi", "action"),
    "millaisia vaikutuksia tavoittelemme": ("fi", "result"),
    "grundläggande uppgift": ("sv", "mission"),
    "värderingar": ("sv", "value"),
    "riktlinjer": ("sv", "guideline"),
    "principer för ordnande": ("sv", "principle"),
    "förändringslöften": ("sv", "promise"),
    "gemensamma mål": ("sv", "goal"),
    "hur vi förnyar oss": ("sv", "action"),
    "resultat vi vill uppnå": ("sv", "result"),
}

#: three other wordings per language and kind
ALTERNATIVES: dict[tuple[str, str], tuple[str, str, str]] = {
    ("fi", "goal"): ("Strategiset tavoitteet", "Keskeiset tavoitteet", "Tavoitteemme valtuustokaudelle"),
    ("fi", "action"): ("Toimenpiteet", "Keinot", "Näin toteutamme"),
    ("fi", "result"): ("Vaikutukset", "Tulokset", "Odotetut tulokset"),
    ("fi", "target"): ("Mittarit", "Tavoitetasot", "Indikaattorit"),
    ("fi", "value"): ("Arvopohjamme", "Yhteiset arvomme", "Arvot"),
    ("fi", "mission"): ("Tehtävämme", "Missiomme", "Toiminta-ajatus"),
    ("fi", "guideline"): ("Strategiset painopisteet", "Strategiset valinnat", "Painopistealueet"),
    ("fi", "chapter"): ("Strategiset painopisteet ja päämäärät", "Strategiset päämäärät ja tavoitteet",
                        "Linjaukset ja päämäärät"),
    ("fi", "principle"): ("Palvelujen järjestämisen periaatteet", "Toimintaperiaatteemme",
                          "Järjestämistä ohjaavat periaatteet"),
    ("fi", "promise"): ("Lupauksemme", "Muutoslupauksemme", "Uudistuslupaukset"),
    ("sv", "goal"): ("Våra mål", "Strategiska mål", "Centrala mål"),
    ("sv", "action"): ("Åtgärder", "Så här gör vi", "Våra åtgärder"),
    ("sv", "result"): ("Effekter", "Resultat", "Förväntade resultat"),
    ("sv", "target"): ("Mätare", "Målnivåer", "Indikatorer"),
    ("sv", "value"): ("Våra värderingar", "Vår värdegrund", "Värden"),
    ("sv", "mission"): ("Vårt uppdrag", "Uppdrag", "Mission"),
    ("sv", "guideline"): ("Strategiska riktlinjer", "Strategiska val", "Fokusområden"),
    ("sv", "principle"): ("Principer för ordnandet", "Våra principer", "Principer för att ordna tjänster"),
    ("sv", "promise"): ("Våra löften", "Förändringslöftena", "Löften om förnyelse"),
}

_VERDICT_AT_START = re.compile(r"^(\s*)(KYLLÄ|OSITTAIN|EI|JA|DELVIS|NEJ)(?=\s+[1-5]\b|\s*$)")
_RUNNING_TITLE = re.compile(r"^[A-ZÅÄÖ][A-ZÅÄÖ-]+(?: [A-ZÅÄÖ][A-ZÅÄÖ-]+){0,2}$")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _cased_like(original: str, text: str) -> str:
    """``text`` in the original's casing (all capitals stay capitals) with its final colon."""
    text = text.upper() if original.isupper() else text
    return text + ":" if original.rstrip().endswith(":") and not text.endswith(":") else text


def reword_heading(text: str, variant: int) -> Optional[str]:
    """The ``variant``-th (0–2) other wording of a cue heading, ``None`` when ``text`` is not one of the cues."""
    cue = ORIGINAL_CUES.get(_key(text))
    if cue is None:
        return None
    choices = [a for a in ALTERNATIVES[cue] if _key(a) != _key(text).rstrip(":")]
    return _cased_like(text.strip(), choices[variant % len(choices)])


def cue_headings(variant: int) -> Callable[[list[str]], list[str]]:
    """Lines with each cue heading (on one line, or two running lines) replaced by its ``variant``-th other wording."""

    def apply(lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            joined = f"{line.strip()} {lines[i + 1].strip()}" if i + 1 < len(lines) and lines[i + 1].strip() else None
            if line.strip() and (new := reword_heading(line, variant)) is not None:
                out.append(_in_place(line, new))
                i += 1
            elif line.strip() and joined and (new := reword_heading(joined, variant)) is not None:
                out.append(_in_place(line, new))
                i += 2  # the heading's second line is folded into the first
            else:
                out.append(line)
                i += 1
        return out

    return apply


def _in_place(line: str, text: str) -> str:
    """``text`` where ``line``'s content stood, its leading and trailing whitespace kept."""
    start = len(line) - len(line.lstrip())
    end = len(line.rstrip())
    return line[:start] + text + line[end:]


def verdict_case(case: str) -> Callable[[list[str]], list[str]]:
    """Verdict words (KYLLÄ 4, OSITTAIN, EI) and the report's all-caps running titles in another case.

    :param case: "sentence" (Kyllä, running titles capitalised) or "lower" (kyllä, running titles capitalised)
    """

    def apply(lines: list[str]) -> list[str]:
        titles = _running_titles(lines)
        out = []
        for line in lines:
            found = _VERDICT_AT_START.match(line)
            if found:
                word = found.group(2).capitalize() if case == "sentence" else found.group(2).lower()
                line = found.group(1) + word + line[found.end():]
            elif line.strip() in titles:
                line = _in_place(line, line.strip().title())
            out.append(line)
        return out

    return apply


def _running_titles(lines: list[str]) -> set[str]:
    """Short all-caps lines that repeat on many pages (a report's running titles)."""
    counts = Counter(line.strip() for line in lines if _RUNNING_TITLE.match(line.strip()))
    return {text for text, n in counts.items() if n >= 3}


def no_trailing_space(lines: list[str]) -> list[str]:
    """Every line without trailing spaces and tabs (an exporter that leaves none)."""
    return [line.rstrip(" \t") for line in lines]


def combine(*steps: Callable[[list[str]], list[str]]) -> Callable[[list[str]], list[str]]:
    """The steps applied one after another."""

    def apply(lines: list[str]) -> list[str]:
        for step in steps:
            lines = step(lines)
        return lines

    return apply


#: the text-export variants by name
TEXT_VARIANTS: dict[str, Callable[[list[str]], list[str]]] = {
    "cues-1": cue_headings(0),
    "cues-2": cue_headings(1),
    "cues-3": cue_headings(2),
    "verdicts-sentence": verdict_case("sentence"),
    "verdicts-lower": verdict_case("lower"),
    "no-trailing-space": no_trailing_space,
    "combined": combine(cue_headings(0), verdict_case("sentence"), no_trailing_space),
}


def reword_text(text: str, variant: str) -> str:
    """A text export in wording variant ``variant`` (lines split on "\\n", the line ends kept)."""
    return "\n".join(TEXT_VARIANTS[variant](text.split("\n")))


def reword_source(variant: int, case: str = "sentence") -> Callable[[dict], dict]:
    """A structured source with its cue headings in the ``variant``-th other wording and verdicts, running titles in ``case``."""

    def apply(source: dict) -> dict:
        source = copy.deepcopy(source)
        for page in source["pages"]:
            if page.get("running_title"):
                page["running_title"] = page["running_title"].title()
            for element in page["elements"]:
                if element["type"] == "heading" and (new := reword_heading(element["text"], variant)) is not None:
                    element["text"] = new
                if element["type"] == "evaluation_table":
                    for row in element["rows"]:
                        row["verdict"] = row["verdict"].capitalize() if case == "sentence" else row["verdict"].lower()
        return source

    return apply
