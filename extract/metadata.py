"""A manifest entry proposed from a document's own text, each field with where it came from.

``strategy-kb add`` reads a file with the normal readers and calls
:func:`propose` on the document model: the title from the first page, the
organisation and region from the county names of ``extract/data/counties.toml``
found in the text (cover, running headers, footers: every block counts), the
period from the year range nearest the title, the kind from the file type,
page shape and title words, the languages by detection over the pages. A field
that cannot be inferred is left out with a note saying why.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

from extract.language import detect_language
from extract.manifest import LANGUAGES
from extract.records import Block, SourceDocument

COUNTIES = Path(__file__).resolve().parent / "data" / "counties.toml"
# A language is listed when its pages hold at least this share of the document's words.
LANGUAGE_SHARE = 0.15
# Width / height from which a PDF page has a slide's proportions (16:9 is 1.78, 4:3 is 1.33; A4 landscape 1.41).
SLIDE_ASPECT = 1.3
# A text export whose page languages switch at this share of page breaks is a bilingual deck
# (each slide followed by its translation); a bilingual report keeps its languages apart.
ALTERNATING = 0.4
_YEARS = re.compile(r"(?<!\d)(20\d\d)\s*[–—-]\s*(20\d\d)(?!\d)")
_EVALUATION = re.compile(r"\b(arvioin|arviointi|utvärder)", re.I)
_SERVICE = re.compile(r"(palvelustrategi|servicestrategi)", re.I)
_STRATEGY = re.compile(r"\b(strategia|strategi)\b", re.I)

Value = Union[str, list]


@dataclass(frozen=True)
class County:
    """One organiser of the services: Finnish and Swedish names, region, the stems naming it in text."""

    fi: str
    sv: str
    region: str
    match: tuple[str, ...]


@dataclass(frozen=True)
class Inferred:
    """A field's proposed value and where it came from ("in the title", "on page 1")."""

    value: Value
    origin: str


@dataclass
class Proposal:
    """The fields inferred from one document and, for the others, why they were not."""

    fields: dict[str, Inferred] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    def put(self, name: str, inferred: Optional[Inferred], note: str) -> None:
        """Record ``name`` as inferred, or as missing with ``note`` when ``inferred`` is None."""
        if inferred:
            self.fields[name] = inferred
        else:
            self.missing[name] = note


@lru_cache(maxsize=1)
def counties() -> tuple[County, ...]:
    """The wellbeing services counties and the City of Helsinki (``extract/data/counties.toml``)."""
    data = tomllib.loads(COUNTIES.read_text(encoding="utf-8"))
    return tuple(County(c["fi"], c["sv"], c["region"], tuple(c["match"])) for c in data["county"])


@lru_cache(maxsize=1)
def _county_pattern() -> tuple[re.Pattern, dict[str, County]]:
    by_stem = {stem.casefold(): county for county in counties() for stem in county.match}
    stems = sorted(by_stem, key=len, reverse=True)  # the longer stem wins where two match at one place
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in stems) + ")", re.I), by_stem


def _text(block: Block) -> str:
    return " ".join(" ".join(line.split()) for line in block.lines if line.strip())


def _page_text(page) -> str:
    return "\n".join(_text(b) for b in page.blocks)


def propose(source: SourceDocument, file_name: str) -> Proposal:
    """The manifest fields of ``source`` (read by :func:`extract.pipeline.read_source`) with their origins.

    :param source: the document model of the file
    :param file_name: the file's name (its suffix decides a deck)
    """
    proposal = Proposal()
    title = _title(source)
    proposal.put("title", title, "no text on the first page")
    page_languages = _page_languages(source)
    languages = _languages(page_languages)
    proposal.put("languages", languages, "no language could be detected")
    county = _county(source)
    swedish_only = bool(languages) and "fi" not in languages.value and "sv" in languages.value
    if county is None:
        note = "no county or city name of extract/data/counties.toml found in the text, or two equally often"
        proposal.missing["organisation"] = proposal.missing["region"] = note
    else:
        found, origin = county
        proposal.fields["organisation"] = Inferred(found.sv if swedish_only else found.fi, origin)
        proposal.fields["region"] = Inferred(found.region, f"the region of {found.fi}")
    proposal.put("period", _period(source, title.value if title else ""), "no year range such as 2023–2025 in the text")
    proposal.fields["kind"] = _kind(source, file_name, title.value if title else "", page_languages)
    return proposal


def _title(source: SourceDocument) -> Optional[Inferred]:
    """The largest text of the first page, a slide's title, or (text exports) the first block naming a period."""
    if not source.pages:
        return None
    blocks = [b for b in source.pages[0].blocks if _text(b)]
    if not blocks:
        return None
    titles = [b for b in blocks if b.role == "title"]
    if titles:
        return Inferred(_text(titles[0]), "the first page's title")
    sized = [b for b in blocks if b.font_size]
    if sized:
        largest = max(b.font_size for b in sized)
        return Inferred(_text(next(b for b in sized if b.font_size == largest)), "the largest text of page 1")
    with_period = [b for b in blocks if _YEARS.search(_text(b))]
    if with_period:
        return Inferred(_text(with_period[0]), "the first text of page 1 naming a period")
    return Inferred(_text(blocks[0]), "the first text of page 1")


def _page_languages(source: SourceDocument) -> list[tuple[str, int]]:
    """The detected language and word count of every page with text whose language was decided."""
    detected = [(detect_language(text), len(text.split())) for text in map(_page_text, source.pages) if text.strip()]
    return [(lang, n) for lang, n in detected if lang != "und"]


def _languages(pages: list[tuple[str, int]]) -> Optional[Inferred]:
    words: Counter[str] = Counter()
    for lang, n in pages:
        words[lang] += n
    total = sum(words.values())
    if not total:
        return None
    listed = sorted((lang for lang, n in words.items() if n / total >= LANGUAGE_SHARE), key=LANGUAGES.index)
    shares = ", ".join(f"{lang} {words[lang] / total:.0%}" for lang in listed)
    return Inferred(listed, f"detected page by page: {shares} of the words")


def _segments(source: SourceDocument) -> list[tuple[str, str]]:
    """The text of every page and of the running headers and footers the reader removed, with where it stood."""
    segments = [(_page_text(page), f"on page {page.number}") for page in source.pages]
    segments += [(r.text, f"in the {r.kind.replace('_', ' ')} of page {r.page}") for r in source.removals]
    return segments


def _county(source: SourceDocument) -> Optional[tuple[County, str]]:
    pattern, by_stem = _county_pattern()
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, str]] = {}
    for text, where in _segments(source):
        for match in pattern.finditer(text):
            county = by_stem[match.group(1).casefold()]
            counts[county.fi] += 1
            first.setdefault(county.fi, (match.group(1) + re.match(r"\S*", text[match.end():]).group(), where))
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    name, n = ranked[0]
    word, where = first[name]
    county = next(c for c in counties() if c.fi == name)
    return county, f"named {n} time{'s' if n > 1 else ''} in the text, first as '{word}' {where}"


def _period(source: SourceDocument, title: str) -> Optional[Inferred]:
    def ranges(text: str) -> list[str]:
        return [f"{a}-{b}" for a, b in _YEARS.findall(text) if 0 < int(b) - int(a) <= 10]

    if ranges(title):
        return Inferred(ranges(title)[0], "in the title")
    if source.pages and ranges(_page_text(source.pages[0])):
        return Inferred(ranges(_page_text(source.pages[0]))[0], "on page 1, nearest the title")
    found = [(r, page.number) for page in source.pages for r in ranges(_page_text(page))]
    named = Counter(r for r, _ in found).most_common(1)
    if named and named[0][1] >= 2:
        page = next(p for r, p in found if r == named[0][0])
        return Inferred(named[0][0], f"the most frequent year range ({named[0][1]} times, first on page {page})")
    span = _year_span(source)
    if span:
        return span
    if found:
        return Inferred(found[0][0], f"the only year range, on page {found[0][1]}")
    return None


def _year_span(source: SourceDocument) -> Optional[Inferred]:
    """The years a report speaks of when it names no range: the run of years around the most named
    one that are each named at least half as often (an evaluation of 2023–2025 names 2023, 2024, 2025)."""
    years = Counter(int(y) for page in source.pages for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", _page_text(page)))
    if not years:
        return None
    top, most = years.most_common(1)[0]
    start = end = top
    while years[start - 1] * 2 >= most:
        start -= 1
    while years[end + 1] * 2 >= most:
        end += 1
    if start == end:
        return None
    return Inferred(f"{start}-{end}", f"the years the text names most ({', '.join(str(y) for y in range(start, end + 1))})")


def _kind(source: SourceDocument, file_name: str, title: str, page_languages: list[tuple[str, int]]) -> Inferred:
    first_page = _page_text(source.pages[0]) if source.pages else ""
    if file_name.lower().endswith(".pptx"):
        return Inferred("slides", "a .pptx deck")
    shapes = [p.width / p.height for p in source.pages if p.width and p.height]
    if shapes and sum(s >= SLIDE_ASPECT for s in shapes) > len(shapes) / 2:
        return Inferred("slides", "PDF pages with a slide's proportions")
    if _EVALUATION.search(title) or _EVALUATION.search(first_page):
        return Inferred("evaluation", "'arviointi' / 'utvärdering' in the title or on page 1")
    if _alternates([lang for lang, _n in page_languages]):
        return Inferred("slides", "pages alternating between languages, as a bilingual deck's slides do")
    if _SERVICE.search(title) and not _STRATEGY.search(title):
        return Inferred("service-strategy", "'palvelustrategia' / 'servicestrategi' in the title")
    return Inferred("strategy", "the default: no sign of an evaluation, a service strategy or slides")


def _alternates(langs: list[str]) -> bool:
    """Whether the pages' languages switch often enough to be a bilingual deck's slide pairs."""
    switches = sum(a != b for a, b in zip(langs, langs[1:]))
    return len(langs) > 2 and switches >= ALTERNATING * (len(langs) - 1)


def slug(text: str) -> str:
    """ASCII lower-case words joined by hyphens: ``Länsi-Uusimaa`` → ``lansi-uusimaa``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
