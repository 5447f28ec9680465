"""Line-end break repair: extract.clean.hyphenation and the morphology it relies on."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.clean.hyphenation import dehyphenate, join_lines, line_vocabulary
from extract.clean.normalize import normalize_text
from extract.fi_morphology import fi_is_complete_inflected_word, fi_lemmas, fi_split_is_inside_part, is_fi_word
from extract.lexicons import is_sv_word, is_word, sv_lemma

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def letters(text: str) -> list[str]:
    return [ch for ch in text if ch.isalpha()]


# --- morphology -------------------------------------------------------------


@pytest.mark.parametrize(
    "word, complete",
    [
        ("pitovoimaltaan", True),  # ablative + possessive (Voikko's far-fetched genitive reading ignored)
        ("aktiivisesti", True),  # -sti adverb
        ("osalta", True),  # ablative
        ("hyvinvointialueesta", True),  # elative
        ("tarvitaan", True),  # finite verb
        ("ja", True),  # conjunction
        ("palvelut", True),  # nominative plural
        ("ilmaston", False),  # genitive singular: ilmaston|muutos
        ("toiminta", False),  # nominative singular: toiminta|kyky
        ("Hyvinvointi", False),
        ("turvalli", False),  # not a word at all
    ],
)
def test_complete_inflected_word_tells_forms_that_cannot_start_a_compound(word: str, complete: bool) -> None:
    assert fi_is_complete_inflected_word(word) is complete


@pytest.mark.parametrize(
    "word, index, inside",
    [
        ("hyvinvointi", 5, True),  # lexicalised: no compound boundary after "hyvin"
        ("käynnistetään", 7, True),
        ("ilmastonmuutos", 8, False),  # ilmaston|muutos
        ("toimintakyky", 8, False),
    ],
)
def test_split_inside_part_finds_breaks_within_one_lexical_unit(word: str, index: int, inside: bool) -> None:
    assert fi_split_is_inside_part(word, index) is inside


def test_lexicons_know_finnish_and_swedish_words() -> None:
    assert is_fi_word("tarvitaan") and not is_fi_word("tarvi")
    assert is_fi_word("Hyvinvointialueelle")  # case-insensitive
    assert is_sv_word("hanteras") and is_sv_word("och") and not is_sv_word("teras")
    assert sv_lemma("hanteras") == "hantera"
    assert fi_lemmas("hyvinvointialueelle") == ("hyvinvointialue",)
    assert fi_lemmas("ilmasto-ohjelma") == ("ilmasto-ohjelma",)
    assert is_word("hanteras", "sv") and not is_word("hanteras", "fi") and is_word("hanteras", None)


# --- hyphen at the line end ---------------------------------------------------


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["tarvi-", "taan"], "tarvitaan"),
        (["palvelu-", "rakennetta"], "palvelurakennetta"),
        (["työntekijöi-", "demme"], "työntekijöidemme"),
        (["ammat-", "tilaisemme "], "ammattilaisemme"),
        (["saavu-", "tettu?"], "saavutettu?"),
        (["ennalta-", "ehkäiseviä"], "ennaltaehkäiseviä"),
        (["asiakas-", "lähtöisyyden, "], "asiakaslähtöisyyden,"),
        (["Toimitila-", "verkostomme tukee "], "Toimitilaverkostomme tukee"),
    ],
)
def test_hyphenation_joins_word_split_across_lines(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["HUS-", "yhtymän"], "HUS-yhtymän"),  # acronym
        (["TAHTI-", "kokoukset"], "TAHTI-kokoukset"),
        (["2023-", "2025"], "2023-2025"),  # digits
        (["Länsi-", "Uudenmaan"], "Länsi-Uudenmaan"),  # capital after the hyphen
        (["ilmasto-", "ohjelma"], "ilmasto-ohjelma"),  # same vowel meets: Finnish spelling
        (["oikea-", "aikaiset"], "oikea-aikaiset"),
        (["eri-", "ikäisten"], "eri-ikäisten"),
        (["palvelutuotannon Tahti-", "raportointi"], "palvelutuotannon Tahti-raportointi"),  # name
        (["(”make-", "or-buy”)"], "(”make-or-buy”)"),  # the next word is hyphenated itself
        (["katso https://www.luvn.fi/fi/palvelu-", "rakenne "], "katso https://www.luvn.fi/fi/palvelu-rakenne"),  # address
    ],
)
def test_hyphenation_keeps_real_hyphen(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["sosiaali-", "ja terveyspalvelut"], "sosiaali- ja terveyspalvelut"),
        (["veto-", "tai pitovoima"], "veto- tai pitovoima"),
        (["familje-", "och funktionshinderjänster"], "familje- och funktionshinderjänster"),
        (["social-", "eller hälsovård"], "social- eller hälsovård"),
    ],
)
def test_hyphenation_keeps_suspended_compound_before_conjunction(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


@pytest.mark.parametrize(
    "lines, lang, expected",
    [
        (["han-", "teras"], "sv", "hanteras"),
        (["Om kundens situation inte han-", "teras som en helhet "], None, "Om kundens situation inte hanteras som en helhet"),
        (["HUS, Studenternas hälsovårds-", "stiftelse eller "], None, "HUS, Studenternas hälsovårdsstiftelse eller"),
        (["ägarstyrningen av HUS-", "sammanslutningen på ett "], None, "ägarstyrningen av HUS-sammanslutningen på ett"),
    ],
)
def test_hyphenation_repairs_swedish_breaks(lines: list[str], lang: str | None, expected: str) -> None:
    assert join_lines(lines, lang) == expected


def test_hyphen_after_a_space_is_a_dash_not_a_break() -> None:
    assert join_lines(["yhteiset tavoitteet -", "Arviointiasteikko"]) == "yhteiset tavoitteet - Arviointiasteikko"


# --- soft break: no hyphen, no trailing space ----------------------------------


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["Hyvinvointi", "alueelle"], "Hyvinvointialueelle"),
        (["Turvalli", "suuteemme"], "Turvallisuuteemme"),
        (["ilmaston", "muutos"], "ilmastonmuutos"),
        (["toiminta", "kyky"], "toimintakyky"),
        (["Monituottajamallim", "me perustuu "], "Monituottajamallimme perustuu"),
    ],
)
def test_soft_break_joins_word_split_without_hyphen(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["pitovoimaltaan", "kilpailukykyinen"], "pitovoimaltaan kilpailukykyinen"),
        (["aktiivisesti", "kansalainvälistä"], "aktiivisesti kansalainvälistä"),
        (["Pelastustoimen osalta", "laaditaan palvelutasopäätös."], "Pelastustoimen osalta laaditaan palvelutasopäätös."),
        (["Vaikuttavaa ja taloudellisesti", "kestävää tukea"], "Vaikuttavaa ja taloudellisesti kestävää tukea"),
        (["kustannustehokkaat hyödyt ja", "totuttaa ammattilaisia"], "kustannustehokkaat hyödyt ja totuttaa ammattilaisia"),
        (["Vi uppnår de bästa", "resultaten genom "], "Vi uppnår de bästa resultaten genom"),
        (["THL:n", "tietoja"], "THL:n tietoja"),
        (["digitaalinen asiointi", "https://www.luvn.fi/fi/lunna-"], "digitaalinen asiointi https://www.luvn.fi/fi/lunna-"),
        (["Hyvinvointi", "Alueelle"], "Hyvinvointi Alueelle"),  # capital: a new word
    ],
)
def test_soft_break_keeps_two_words_apart(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


def test_soft_break_left_alone_when_the_whole_next_word_would_have_fitted() -> None:
    # "terveysalan" is a genitive that could start a compound, but the line is
    # far shorter than its neighbours: a typesetter did not break a word there.
    lines = [
        "tiivistämällä yhteistyötä sosiaali- ja ",
        "terveysalan",
        "ammattilaisia kouluttavien oppilaitosten ",
        "kanssa.",
    ]
    assert join_lines(lines) == (
        "tiivistämällä yhteistyötä sosiaali- ja terveysalan ammattilaisia kouluttavien oppilaitosten kanssa."
    )


def test_trailing_space_always_ends_a_word() -> None:
    assert join_lines(["Hyvinvointi ", "alueelle"]) == "Hyvinvointi alueelle"
    assert join_lines(["tarvi-", "taan"]) == "tarvitaan"


def test_lang_restricts_the_lexicon() -> None:
    assert join_lines(["toiminta", "kyky"], lang="fi") == "toimintakyky"
    assert join_lines(["toiminta", "kyky"], lang="sv") == "toiminta kyky"


def test_join_lines_collapses_whitespace_and_skips_empty_lines() -> None:
    assert join_lines(["  Meillä   on ", "", "   ", "hyvä\tpäivä "]) == "Meillä on hyvä päivä"
    assert join_lines([]) == ""
    assert join_lines(["", "  "]) == ""


# --- real paragraphs from the corpus --------------------------------------------


def corpus_lines(name: str, first: int, last: int) -> list[str]:
    """Lines ``first``..``last`` (1-based, inclusive) of a corpus file, normalised."""
    text = normalize_text((CORPUS / name).read_text(encoding="utf-8"))
    return text.split("\n")[first - 1 : last]


@pytest.mark.parametrize(
    "name, first, last, expected",
    [
        (
            "luvn-strategia-2023-2025.txt",
            108,
            120,
            "Hyvinvointialueellamme on monia haasteita ratkottavana. Suomalaiset ikääntyvät, ja heitä "
            "hoitamaan tarvitaan työssään taitavia ammattilaisia. Koronapandemia on lisännyt hoitovelkaa "
            "yhä entisestään ja entisestään ja syrjäytyminen sekä yksinäisyys ovat kasvussa. Myös "
            "mielenterveyden ja päihdehuollon palvelujen kysyntä on kasvussa. Turvallisuuteemme "
            "vaikuttavat kriisit, ilmastonmuutos ja talouden heikko tilanne\n\nmuuttavat maailmaa "
            "ympärillämme.",
        ),
        (
            "luvn-strategia-2023-2025.txt",
            93,
            98,
            "Länsi-Uudenmaan hyvinvointialueen strategia antaa suunnan hyvinvointialueen ensiaskelille "
            "ja kuvaa hyvinvointialueen ensimmäisen valtuustokauden 2023–2025 päämäärät.",
        ),
        (
            # "hyvin" is an adverb, but "hyvinvointi" is one lexical unit
            "luvn-strategia-2023-2025.txt",
            350,
            354,
            "Uudistumalla haluamme myös lisätä palvelujemme kustannusvaikuttavuutta. Se tarkoittaa, että "
            "pyrimme tuottamaan mahdollisimman paljon terveys-, hyvinvointi- tai turvallisuushyötyä "
            "jokaista käyttämäämme euroa kohden.",
        ),
        (
            "luvn-strategia-2023-2025-arviointi.txt",
            321,
            323,
            "Länsi-Uudenmaan hyvinvointialueesta kehittyy veto- ja pitovoimaltaan kilpailukykyinen työyhteisö.",
        ),
        (
            "luvn-strategia-2023-2025-arviointi.txt",
            1271,
            1279,
            "Monituottajamallimme perustuu asiakaslähtöisyyden, kustannustehokkuuden ja "
            "yhteiskunnallisen vastuun huomioimiselle.",
        ),
        (
            "luvn-strategia-2023-2025-arviointi.txt",
            294,
            295,
            "Laaditaan hyvinvointialueelle ilmasto-ohjelma ja tiekartta toimista, joilla",
        ),
        (
            "luvn-strategi-2026-2029-sv.txt",
            960,
            961,
            "Om kundens situation inte hanteras som en helhet leder det till",
        ),
    ],
)
def test_dehyphenate_repairs_corpus_paragraphs(name: str, first: int, last: int, expected: str) -> None:
    assert dehyphenate("\n".join(corpus_lines(name, first, last))) == expected


def test_corpus_lines_are_what_the_cases_assume() -> None:
    lines = corpus_lines("luvn-strategia-2023-2025.txt", 108, 120)
    assert lines[2] == "ikääntyvät, ja heitä hoitamaan tarvi-"
    assert lines[8] == "palvelujen kysyntä on kasvussa. Turvalli"
    assert lines[9] == "suuteemme vaikuttavat kriisit, ilmaston"


def test_dehyphenate_keeps_paragraphs_apart() -> None:
    text = "tarvi-\ntaan\n\n\n  \nHyvinvointi\nalueelle\n"
    assert dehyphenate(text) == "tarvitaan\n\nHyvinvointialueelle"
    assert dehyphenate("") == ""
    assert dehyphenate("\n\n") == ""


# --- properties ------------------------------------------------------------------

_FRAGMENTS = [
    "tarvi", "taan", "Hyvinvointi", "alueelle", "ilmaston", "muutos", "HUS", "yhtymän", "ja", "och",
    "han", "teras", "palvelu", "rakennetta", "oikea", "aikaiset", "Länsi", "Uudenmaan", "2023", "ö",
    "pitovoimaltaan", "kilpailukykyinen", "a", "e", "",
]
_SEPARATORS = ["", " ", "-", "- ", "\n", " \n", "-\n", "\n\n", "\t", "\u00a0", ", ", ".\n", " -\n"]

realistic_text = st.lists(
    st.tuples(st.sampled_from(_FRAGMENTS), st.sampled_from(_SEPARATORS)), max_size=12
).map(lambda pairs: "".join(word + sep for word, sep in pairs))
any_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60
) | st.text(alphabet="aäoöuyAHSj- \n\t-1", max_size=40)
texts = realistic_text | any_text

_PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PROPERTY_SETTINGS
@given(texts)
def test_dehyphenate_loses_no_letters_and_is_idempotent(text: str) -> None:
    once = dehyphenate(text)
    assert letters(once) == letters(text)
    assert dehyphenate(once) == once


@_PROPERTY_SETTINGS
@given(st.lists(texts, max_size=6), st.sampled_from([None, "fi", "sv"]))
def test_join_lines_loses_no_letters_and_is_idempotent(lines: list[str], lang: str | None) -> None:
    lines = [line for chunk in lines for line in chunk.split("\n")]
    joined = join_lines(lines, lang)
    assert "\n" not in joined
    assert letters(joined) == letters("".join(lines))
    assert join_lines([joined], lang) == joined
    assert dehyphenate(joined, lang) == joined


@_PROPERTY_SETTINGS
@given(texts)
def test_dehyphenate_of_normalised_text_keeps_letters(text: str) -> None:
    normalised = normalize_text(text)
    out = dehyphenate(normalised)
    assert letters(unicodedata.normalize("NFD", out)) == letters(unicodedata.normalize("NFD", normalised))


@pytest.mark.parametrize(
    "lines",
    [
        ["Teemme yhdessä hyvinvoivan ja halutun", "työyhteisön"],
        ["talouden", "tasapainottamisohjelma"],
        ["suunnitelman", "ruotsinkielisten palvelujen kehittämiseksi"],
        ["Hyvinvointi", "alueelle"],
    ],
)
def test_where_line_ends_are_word_boundaries_only_a_hyphen_joins(lines: list[str]) -> None:
    # a PDF or slide: a line end without a hyphen never lies inside a word
    assert join_lines(lines, "fi", line_breaks="word") == " ".join(lines)
    assert join_lines(["palvelu-", "strategian"], "fi", line_breaks="word") == "palvelustrategian"
    assert join_lines(["ennalta\u00ad", "ehkäisy"], "fi", line_breaks="word") == "ennaltaehkäisy"


def test_unmarked_line_ends_join_a_word_half_or_a_word_printed_whole_elsewhere() -> None:
    # an export that strips every line: "vaikuttamis" is no word on its own;
    # "hyvinvointi" is, so it joins only because the document prints the whole word
    assert join_lines(["osallisuus- ja vaikuttamis", "mahdollisuudet"], "fi", "unmarked") == (
        "osallisuus- ja vaikuttamismahdollisuudet"
    )
    assert join_lines(["laaditaan hyvinvointi", "alueelle"], "fi", "unmarked") == "laaditaan hyvinvointi alueelle"
    vocabulary = line_vocabulary(["koko hyvinvointialueelle yhteinen"])
    assert join_lines(["laaditaan hyvinvointi", "alueelle"], "fi", "unmarked", vocabulary) == (
        "laaditaan hyvinvointialueelle"
    )
    assert join_lines(["hyvinvoivan ja halutun", "työyhteisön"], "fi", "unmarked", vocabulary) == (
        "hyvinvoivan ja halutun työyhteisön"
    )
    # another form of the same base word printed whole elsewhere is evidence too
    assert join_lines(["suunnitelman ruotsin", "kielisten palvelujen"], "fi", "unmarked",
                      line_vocabulary(["Ruotsinkieliset palvelut ovat"])) == "suunnitelman ruotsinkielisten palvelujen"


def test_line_vocabulary_leaves_out_the_word_that_ends_a_line() -> None:
    assert line_vocabulary(["Palvelu strategia", "yksi"]) == frozenset({"palvelu"})
