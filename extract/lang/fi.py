"""Finnish cue words for statement typing and evaluation tables.

Patterns are matched against a heading or sentence after ``match_key``
normalisation (case-folded, whitespace collapsed, final full stop dropped).
Sources: the vocabulary of Finnish wellbeing services county strategies and
their evaluation reports (strategiat ja arviointiraportit, 2022–2025), as used
by the Association of Finnish Municipalities' strategy guidance.
"""

# Cue headings (read by extract/cues.py). The head noun of a short heading, by
# lemma (or a compound's last part), names the kind of the items under it,
# whatever modifies it: "Strategiset / Keskeiset / Yhteiset / Valtuustokauden
# tavoitteet", "Tavoitteemme", "Toimenpiteet 2024". The nouns are those of the
# parts of Finnish municipal and wellbeing services county strategies in
# general (Kuntaliitto's strategy guidance: visio, arvot, perustehtävä,
# strategiset linjaukset / painopisteet / päämäärät, tavoitteet, toimenpiteet /
# keinot, mittarit / tavoitetasot / indikaattorit, vaikutukset / tulokset), not
# the headings of one county's template.
CUE_NOUNS = {
    "tavoite": "goal",
    "päämäärä": "aim",
    "toimenpide": "action",
    "keino": "action",
    "teko": "action",
    "vaikutus": "result",
    "tulos": "result",
    "vaikuttavuus": "result",
    "vaikuttavuustavoite": "impact",
    "mittari": "target",
    "tavoitetaso": "target",
    "tavoitearvo": "target",
    "indikaattori": "target",
    "tunnusluku": "target",
    "arvo": "value",
    "arvopohja": "value",
    "perustehtävä": "mission",
    "missio": "mission",
    "tehtävä": "mission",
    "toiminta-ajatus": "mission",
    "visio": "vision",
    "tulevaisuuskuva": "vision",
    "linjaus": "guideline",
    "painopiste": "guideline",
    "painopistealue": "guideline",
    "kärki": "guideline",
    "valinta": "guideline",
    "periaate": "principle",
    "muutoslupaus": "promise",
    "lupaus": "promise",
}
# Clause headings that announce a kind without a cue noun in the nominative.
CUE_PHRASES = (
    (r"^(?:miten|näin) (?:uudistumme|toteutamme|toimimme|teemme|etenemme)\b|^mitä teemme\b", "action"),
    (r"^millaisia vaikutuksia\b|^mihin pyrimme\b|^mitä tavoittelemme\b", "result"),
)

# the base form Voikko gives every case of the first-person plural pronoun ("me", "meillä", "meidät", "meille"):
# strategy themes speak as "we" (extract/voice.py)
WE_PRONOUN = "me"
# a sentence stating the organisation's basic task
MISSION_SENTENCE = r"\b(?:perustehtävä(?:mme|nä)?|hyvinvointialueen tehtävä(?:nä)?) on\b"
# "our values are X, Y and Z" inside running text
VALUES_CUE = r"\barvo(?:mme|t|ja)\b"
# items of an enumeration
LIST_CONJUNCTIONS = ("ja", "sekä", "tai")
# the copula closing a list's lead-in ("Keskeisiä keinoja ovat A, B ja C"): there each item is a statement of
# its own and the lead-in the frame it shares (link/enumeration.py)
COPULA = frozenset({"on", "ovat", "oli", "olivat"})
# words opening a clause: a comma before one ends no list item ("..., joka tukee ... ja edistää ...")
CLAUSE_OPENERS = frozenset({"joka", "jotka", "jota", "joita", "jonka", "joiden", "jossa", "joissa", "josta", "joista",
                            "johon", "joihin", "jolla", "joilla", "mikä", "mitkä", "missä", "mistä", "että", "jotta",
                            "kun", "koska", "jos", "kuin", "kuten", "vaikka", "mutta"})
# impact goals written as bullets right after the strategy's summary
IMPACT_CUE = r"\bparanevat\b|\bparanee\b"

# evaluation tables: a header cell → the column it names (first pattern that matches wins; a
# trailing parenthetical without digits, e.g. "(tiivistelmä)", is tried without it)
VERDICTS = {"kyllä": "yes", "osittain": "partial", "ei": "no"}
EVALUATION_HEADER_CELLS = (
    (r"^alatavoit(?:e|teet)$|^osatavoit(?:e|teet)$", "subgoals"),
    (r"^(?:onko )?tavoite (?:on )?saavutettu\??$|^saavutettu\??$|^tavoitteen (?:saavuttaminen|toteutuminen)$"
     r"|^toteutu(?:nut|nutko|minen)\??$", "achieved"),
    (r"^arvio(?:inti)? \(?1 ?[-–] ?5\)?$|^arvosana(?: \(?1 ?[-–] ?5\)?)?$|^pisteet$|^\(?1 ?[-–] ?5\)?$", "score"),
    (r"^sanallinen arvio(?:inti)?$|^(?:arvion )?perustelu(?:t)?$|^kommentit?$|^tilannekuvaus$|^arvio(?:inti)?$",
     "assessment"),
    (r"^(?:\w+ )?tavoite$|^(?:\w+ )?tavoitteet$|^päämäärä$", "goal"),
)
CONTINUES_NEXT_PAGE = r"^jatkuu seuraavalla sivulla$|^jatkuu$"
GROUP_PREFIX = r"^strateginen linjaus:\s*"
# a part's introduction stating how many goals it set ("on asetettu 22 valtuustokauden tavoitetta")
STATED_COUNT = r"\b(\d+)\s+(?:valtuustokauden|yhteistä|yhteistä pitkän aikavälin|strategista)?\s*tavoitet"
# a summary table is a table with a goal-count column; its total row covers the whole part
SUMMARY_HEADER = r"\btavoitteiden (?:luku)?määrä\b|\blukumäärä\b"
SUMMARY_TOTAL = r"^(?:yhteensä|kaikki(?: tavoitteet)?|koko strategia)$"
# summary tables: a header cell → what its column holds; "label" is a cell over other columns
SUMMARY_HEADER_CELLS = (
    (r"^strateginen linjaus$|^linjaus$|^teema$|^kokonaisuus$|^painopiste$|^tavoitealue$", "name"),
    (r"^tavoitteiden (?:luku)?määrä$|^lukumäärä$|^tavoitteita yhteensä$", "count"),
    (r"^(?:arvioiden |arvosanojen )?keskiarvo(?: \w+){0,3}$", "average"),
    (r"^(?:valmistuneita|saavutettuja|toteutuneita)(?: tavoitteita)?$|^tavoitteen saavuttaminen$", "label"),
    (r"^kyllä$", "yes"),
    (r"^osittain$", "partial"),
    (r"^ei$", "no"),
)
SCALE_CUE = r"^arviointiasteikko|^\d = "

# measurable targets: comparison words → operator
COMPARISONS = (
    (r"\byli\b|\byli\s|\benemmän kuin\b|\byläpuolella\b", ">"),
    (r"\bvähintään\b", ">="),
    (r"\balle\b|\bvähemmän kuin\b", "<"),
    (r"\bkorkeintaan\b|\benintään\b|\bmaksimissaan\b", "<="),
    (r"\bsäilyttää\b.*\bnykyisellä tasolla\b|\bpysyy\b.*\btasolla\b|\bpysyy\b.*\braameissa\b", "keep"),
    (r"\bkorkeampana\b|\bparempana\b", ">"),
)
UNITS = (
    (r"%|prosentti", "%"),
    (r"\bminuut", "min"),
    (r"\btunn", "h"),
    (r"\bvuorokau", "d"),
    (r"\bpäivä", "d"),
    (r"\beuro|€", "EUR"),
)
