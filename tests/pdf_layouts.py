"""Test PDFs in the layouts strategy documents use, each with what a reader should find in it.

Every case is a function ``(folder) -> Path`` registered in :data:`LAYOUTS`,
so the layout tests and the engine comparison read the same files. The
texts are the tests' own; none comes from the corpus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from pdf_factory import A4, Box, Justified, Lines, Rotated, Rule, Table, Text, build_pdf, string_width

LANDSCAPE = (A4[1], A4[0])

TITLE = "Hyvinvointialueen strategia"
COLUMN_TEXT = [
    ["Alue järjestää sosiaali- ja", "terveyspalvelut sekä pelas-", "tustoimen palvelut kaikille."],
    ["Palvelut tuotetaan lähellä", "asukkaita ja yhä useammin", "myös digitaalisesti."],
    ["Talous on tasapainossa, ja", "investoinnit tehdään harki-", "ten vuosina 2026–2029."],
    ["Henkilöstö voi hyvin ja", "osaaminen kasvaa koko ajan", "uusien tehtävien myötä."],
    ["Yhteistyö kuntien kanssa", "tiivistyy ja järjestöt ovat", "mukana kehittämisessä."],
    ["Asukkaat osallistuvat", "palveluiden suunnitteluun", "entistä useammin."],
]


def _column(x: float, y: float, paragraphs: list[list[str]], size: float = 10.0) -> list[Lines]:
    """Paragraphs stacked in one column, a blank line between them."""
    items, top = [], y
    for lines in paragraphs:
        items.append(Lines(x, top, lines, size=size))
        top += (len(lines) + 1) * 1.3 * size
    return items


def _widest(paragraphs: list[list[str]], size: float = 10.0) -> float:
    return max(string_width(line, size) for lines in paragraphs for line in lines)


def two_columns_with_rule(folder: Path) -> Path:
    """Two columns only 8 pt apart, a vertical rule between them: too narrow for a whitespace gutter."""
    left, right = COLUMN_TEXT[:3], COLUMN_TEXT[3:]
    rule = 56 + _widest(left) + 4
    page = [Text(56, 70, TITLE, size=18, bold=True), Rule(rule, 95, rule, 300)]
    page += _column(56, 110, left) + _column(rule + 4, 110, right)
    return build_pdf(folder / "two-columns-rule.pdf", [page])


def three_columns(folder: Path) -> Path:
    """Three columns without rules under a full-width title."""
    width = _widest(COLUMN_TEXT) + 16
    page = [Text(56, 70, TITLE, size=18, bold=True)]
    for n in range(3):
        page += _column(56 + n * width, 110, COLUMN_TEXT[2 * n: 2 * n + 2])
    return build_pdf(folder / "three-columns.pdf", [page])


INTERRUPTED = (
    ["Strategian tavoitteena on, että jokainen asukas saa", "tarvitsemansa palvelut oikeaan aikaan ja"],
    ["mahdollisimman lähellä kotiaan, myös harvaan", "asutuilla alueilla."],
)
BOX_LINES = ["Tiesitkö? Alueella asuu", "yli 270 000 ihmistä."]
SIDEBAR = "Aluevaltuusto hyväksynyt 12.6.2025"


def side_box_and_rotated_sidebar(folder: Path) -> Path:
    """A narrow main column whose paragraph a shaded box interrupts, and a rotated sidebar in the margin."""
    first, second = INTERRUPTED
    page = [
        Text(90, 70, TITLE, size=18, bold=True),
        Lines(90, 110, first),
        Box(90, 140, 300, 40, fill=(200, 225, 240)),
        Lines(98, 156, BOX_LINES),
        Lines(90, 200, second),
        Rotated(40, 600, SIDEBAR, size=9),
    ]
    return build_pdf(folder / "side-box.pdf", [page])


EVAL_HEADER = ("Tavoite", "Tavoite saavutettu?", "Arviointi (1-5)", "Sanallinen arviointi")
EVAL_ROWS = [
    ("Palvelut ovat saavutettavia\n• jonot lyhenevät\n• digipalvelut kasvavat", "Kyllä", "4", "Jonot lyhenivät."),
    ("Talous on tasapainossa", "Osittain", "3", "Alijäämä pieneni."),
    ("Henkilöstö voi hyvin\n• vaihtuvuus laskee", "Ei", "2", "Vaihtuvuus kasvoi."),
]
EVAL_WIDTHS = [250, 130, 110, 250]
CONTINUES = "Jatkuu seuraavalla sivulla"


def ruled_landscape_table(folder: Path) -> Path:
    """A landscape evaluation table over two pages, the (plain, not bold) header row repeated on each."""
    pages = [
        [Text(56, 60, "Tavoitteiden arviointi", size=16, bold=True),
         Table(56, 80, [EVAL_HEADER, *EVAL_ROWS[:2]], EVAL_WIDTHS),
         Text(56, 330, CONTINUES, size=9)],
        [Table(56, 80, [EVAL_HEADER, EVAL_ROWS[2]], EVAL_WIDTHS)],
    ]
    return build_pdf(folder / "ruled-table.pdf", pages, size=LANDSCAPE)


SHADED_HEADER = ("Arvio", "Tavoite", "Pisteet")
SHADED_ROWS = [
    ("Kyllä", "Palvelut ovat saavutettavia", "4"),
    ("Osittain", "Talous on tasapainossa", "3"),
    ("Ei", "Henkilöstö voi hyvin", "2"),
]
SHADED_MORE = [("Kyllä", "Yhteistyö tiivistyy", "5"), ("Ei", "Osallisuus kasvaa", "2")]
_DARK, _LIGHT = (60, 90, 140), (225, 232, 242)


def borderless_shaded_table(folder: Path) -> Path:
    """A borderless table on shaded rows, columns in another order; the header row on the first page only."""
    widths = [110, 240, 80]
    pages = [
        [Text(56, 60, "Arviointi", size=16, bold=True),
         Table(56, 80, [SHADED_HEADER, *SHADED_ROWS], widths, ruled=False, bold_rows=1,
               fills=[_DARK, _LIGHT, None, _LIGHT]),
         Lines(56, 200, ["Taulukon arviot perustuvat vuoden 2025 seurantaan."])],
        [Table(56, 80, SHADED_MORE, widths, ruled=False, fills=[_LIGHT, None])],
    ]
    return build_pdf(folder / "shaded-table.pdf", pages)


JUSTIFIED = [
    "Hyvinvointialueen palveluita tarvitaan yhä enemmän, ja alueen asukkaat niiden tarvi\u00ad",
    "taan myös jatkossa, joten ﬁnanssointi vaatii tehokkaita toimia sekä yhdessä halutun",
    "työyhteisön rakentamista henkilöstön ja järjestöjen kanssa, jotta henki\u00ad",
    "löstön ﬂow ja osaaminen säilyvät ja kasvavat koko alueella vuosina 2026–2029.",
]


def justified_soft_hyphens(folder: Path) -> Path:
    """Justified lines, words placed one by one (no space glyphs), soft hyphens and a ligature."""
    width = max(string_width(line, 10) for line in JUSTIFIED[:-1]) + 4
    page = [Justified(60, 100, width, JUSTIFIED, size=10)]
    return build_pdf(folder / "justified.pdf", [page])


def letter_spaced_heading(folder: Path) -> Path:
    """A heading set with wide letter spacing over a paragraph."""
    page = [
        Text(72, 80, "STRATEGIA 2030", size=16, bold=True, spacing=6),
        Lines(72, 120, ["Strategia ohjaa alueen toimintaa ja", "taloutta koko valtuustokauden ajan."]),
    ]
    return build_pdf(folder / "letter-spaced.pdf", [page])


STRETCHED = [
    "Vahvistamme asukkaiden ja asiakkaiden osallisuutta",
    "Teemme tiivistä yhteistyötä kuntien, järjestöjen ja yritysten kanssa koko alueella, ja",
    "varmistamme palvelujen jatkuvuuden.",
]


def justified_wide_gaps(folder: Path) -> Path:
    """A justified paragraph whose first line has few words, stretched over the column: gaps of several em."""
    width = string_width(STRETCHED[1], 10) + 4
    return build_pdf(folder / "justified-wide.pdf", [[Justified(60, 100, width, STRETCHED, size=10)]])


RUNNING_TEXT = ["Hyvinvointialue on olemassa asukkaitaan", "varten. Tuemme ja edistämme yhdessä",
                "asukkaidemme ja asiakkaidemme kanssa", "hyvinvointia, terveyttä ja turvallisuutta.",
                "Rakennamme yhdessä hyvinvointialuetta,", "joka järjestää palvelut oikea-aikaisesti."]
JUSTIFIED_COLUMNS = (
    [RUNNING_TEXT, RUNNING_TEXT, ["Asiakaslähtöisesti, yhdenvertaisesti ja", "vastuullisesti."],
     ["Hyvinvointialueen talous on", "tasapainossa talouden", "suunnitelmakauden loppuun mennessä."], RUNNING_TEXT],
    [RUNNING_TEXT[1::2] * 3, RUNNING_TEXT, ["Palvelumme saavuttavat asukkaamme",
                                          "monella eri tavalla. Yksi kohtaa ehkä",
                                          "mieluiten lääkärin vastaanotolla."]],
)


def justified_narrow_columns(folder: Path) -> Path:
    """Two narrow justified columns whose baselines do not line up: lines of two or three words stretched to
    gaps of several em, a paragraph's short last line under its only full one; the right column opens with
    text set in by a list's indent, which widens the gutter beside it."""
    page = []
    for x, y, paragraphs in ((56, 100, JUSTIFIED_COLUMNS[0]), (305, 106, JUSTIFIED_COLUMNS[1])):
        for n, lines in enumerate(paragraphs):
            indent = 19 if x == 305 and n == 0 else 0
            page.append(Justified(x + indent, y, 225 - indent, lines, size=10))
            y += 13 * len(lines) + 8
    return build_pdf(folder / "justified-columns.pdf", [page])


def paragraph_over_page_break(folder: Path) -> Path:
    """Text that runs on over pages: a paragraph and a list item each broken at a page break (one at a hyphen),
    a running header on every page."""
    header = [Text(56, 40, "Hyvinvointialueen strategia", size=8)]
    first = header + [Lines(56, 700, ["Palvelut tuotetaan lähellä asukkaita ja", "yhä useammin myös digi-"])]
    second = header + [Lines(56, 100, ["taalisesti kaikilla alueilla."]),
                       Lines(56, 740, ["1. Talous on tasapainossa ja investoinnit"])]
    third = header + [Lines(56, 100, ["tehdään harkiten.", ]), Lines(56, 140, ["Uusi kappale alkaa tästä."])]
    return build_pdf(folder / "page-break.pdf", [first, second, third])


def item_over_column_break(folder: Path) -> Path:
    """Two columns whose text runs on: a list item at the foot of the left column ends atop the right one
    (on page 1 the right column holds nothing else, on page 2 a new paragraph follows the rest)."""
    left = [Text(56, 80, "Yhteiset tavoitteet", size=16, bold=True),
            Lines(56, 110, ["Strategia ohjaa alueen toimintaa koko", "valtuustokauden ajan ja kaikissa palveluissa."]),
            Text(56, 160, "1."), Lines(72, 160, ["Palvelut ovat saavutettavia ja", "asiakkaat saavat apua ajoissa."]),
            Text(56, 200, "2."), Lines(72, 200, ["Luomme edellytykset tehokkaalle", "kilpailulle ja lisäämme vaikuttavia"])]
    rest = Lines(332, 80, ["hankintoja koko alueella."])
    after = Lines(316, 120, ["Toinen kappale alkaa tästä ja kertoo", "seurannasta ja mittareista."])
    return build_pdf(folder / "column-break.pdf", [left + [rest], left + [rest, after]])


def unmapped_glyphs(folder: Path) -> Path:
    """A page whose font has no ToUnicode map: its glyphs read as ``(cid:N)``."""
    page = [Text(72, 100, "Tavoitteena on hyvinvointi", size=24)]
    return build_pdf(folder / "cid.pdf", [page], unmapped=True)


SLIDE = (960.0, 540.0)


def _bullets(x: float, y: float, items: list[list[str]], numbered: bool = False, indent: float = 25.0,
             size: float = 12.0) -> list[Text]:
    """List items with their marker ("•", or "1." "2." …) at ``x`` and their lines hung at ``x + indent``."""
    out, top = [], y
    for n, lines in enumerate(items, 1):
        out.append(Text(x, top, f"{n}." if numbered else "•", size=size))
        out += Lines(x + indent, top, lines, size=size).items()
        top += (len(lines) + 0.6) * 1.3 * size
    return out


def list_over_column_break(folder: Path) -> Path:
    """Slides whose last list item of the left column goes on atop the right column, in lower case.

    On the first slide the right column holds nothing but the item's last line (too few lines for a
    gutter, and set higher than the left column's first line); on the second a heading and an item follow it.
    """
    first = [Text(40, 60, "Palvelulupaus", size=26, bold=True), Text(36, 100, "Miten uudistumme", size=16, bold=True)]
    first += _bullets(36, 125, [["Avaamme neuvonnan kaikille asukkaille", "yhden numeron kautta."],
                                ["Kotiin vietävät palvelut lisääntyvät ja", "tukevat asumista, kun apua"]], True)
    first += [Text(518, 112, "tarvitaan arjessa.", size=12)]
    second = [Text(40, 60, "Toinen lupaus", size=26, bold=True), Text(36, 100, "Miten uudistumme", size=16, bold=True)]
    second += _bullets(36, 125, [["Digitaaliset palvelut ovat saatavilla", "vuorokauden ympäri."],
                                 ["Henkilöstö saa koulutusta uusien", "välineiden"]], True)
    second += [Text(518, 112, "käyttöön joka vuosi.", size=12), Text(493, 145, "Tulokset", size=16, bold=True)]
    second += _bullets(493, 170, [["Asiakkaiden odotusajat lyhenevät"]])
    return build_pdf(folder / "column-break.pdf", [first, second], size=SLIDE)


def short_bulleted_column(folder: Path) -> Path:
    """A slide whose right column is a short bullet list, set a little higher than the left column's text;
    the whitespace between its bullets and their text is as wide as a gutter."""
    page = [Text(40, 60, "Asiakaslähtöiset palveluketjut", size=26, bold=True)]
    page += _bullets(36, 112, [["Kuvaamme keskeiset asiakaspolut", "kokonaisuutena."],
                               ["Ohjaus ja neuvonta annetaan", "yhdestä paikasta."],
                               ["Palvelutarve arvioidaan kerralla."]], True)
    page += _bullets(493, 105, [["Kustannukset asiakasta kohden laskevat"],
                                ["Asiakastyöhön käytetty osuus", "työajasta kasvaa"]])
    return build_pdf(folder / "short-bulleted-column.pdf", [page], size=SLIDE)


STACKED = ["Asiakas valitsee", "Vastuu annetaan tiimeille", "Perustaso vahvistuu", "Digitalisoimme"]


def stacked_headings(folder: Path) -> Path:
    """One-line bold headings stacked at an even, loose spacing: on the first page (before any text showed
    the document's line spacing) and again after two pages of paragraphs set at an ordinary spacing."""
    stack = [Text(56, 60, TITLE, size=20, bold=True), Lines(56, 100, STACKED, size=13.5, bold=True, leading=2.0)]
    text = [Lines(56, 100 + 60 * i, lines, size=10) for i, lines in enumerate(COLUMN_TEXT)]
    return build_pdf(folder / "stacked-headings.pdf", [stack, text, text, stack])


def heading_and_item_broken(folder: Path) -> Path:
    """A list item whose next line opens with a dash at the item's text indent (the sentence goes on),
    another whose dashed lines after a colon are its sub-items, and a heading broken over a page break."""
    body = ["Palvelut järjestetään asukkaiden tarpeiden mukaan koko alueella.",
            "Kunnat ja järjestöt osallistuvat palvelujen suunnitteluun."]
    first = [Text(56, 60, TITLE, size=18, bold=True), Lines(56, 100, body, size=10),
             Text(56, 140, "1.", size=10), Lines(74, 140, ["Hyödynnämme kumppanien vahvuudet ja yritykset",
                                                             "– asukkaiden parhaaksi."], size=10),
             Text(56, 170, "2.", size=10), Lines(74, 170, ["Kehitämme kolmea asiaa:", "– lähipalveluja",
                                                             "– etäpalveluja"], size=10),
             Lines(56, 220, body, size=10), Text(56, 800, "Järjestämme ja uudistamme palveluja", size=13, bold=True)]
    second = [Text(56, 60, "kestävällä tavalla", size=13, bold=True), Lines(56, 90, body, size=10)]
    return build_pdf(folder / "broken-heading.pdf", [first, second])


WRAPPED_AT_A_DASH = ["Alueen väestö kasvaa ja ikääntyy,", "ja palvelujen tarve lisääntyy kaikissa ikäryhmissä ja",
                     "– vuonna 2030 meillä on enemmän iäkkäitä kuin nyt."]


def paragraph_wrapped_at_a_dash(folder: Path) -> Path:
    """A paragraph whose sentence wraps before a dash (its line as wide as its widest), then two dashed lists
    after lead-ins without a colon: one line, and two lines the last of which stops short."""
    page = [Text(56, 60, TITLE, size=18, bold=True), Lines(56, 100, WRAPPED_AT_A_DASH, size=10),
            Lines(56, 150, ["Keskeisiä keinojamme ovat", "– lähipalvelut", "– etäpalvelut"], size=10),
            Lines(56, 210, ["Palvelujen järjestämisessä keskeisiä keinojamme", "ovat", "– kumppanuudet"], size=10)]
    return build_pdf(folder / "wrapped-dash.pdf", [page])


LAYOUTS: dict[str, Callable[[Path], Path]] = {
    "two-columns-rule": two_columns_with_rule,
    "three-columns": three_columns,
    "side-box": side_box_and_rotated_sidebar,
    "ruled-table": ruled_landscape_table,
    "shaded-table": borderless_shaded_table,
    "justified": justified_soft_hyphens,
    "letter-spaced": letter_spaced_heading,
    "justified-wide": justified_wide_gaps,
    "justified-columns": justified_narrow_columns,
    "page-break": paragraph_over_page_break,
    "column-break": item_over_column_break,
    "column-break-slide": list_over_column_break,
    "short-bulleted-column": short_bulleted_column,
    "stacked-headings": stacked_headings,
    "broken-heading": heading_and_item_broken,
    "wrapped-dash": paragraph_wrapped_at_a_dash,
}
