"""Finnish cue words for statement typing and evaluation tables.

Patterns are matched against a heading or sentence after ``match_key``
normalisation (case-folded, whitespace collapsed, final full stop dropped).
Sources: the vocabulary of Finnish wellbeing services county strategies and
their evaluation reports (strategiat ja arviointiraportit, 2022–2025), as used
by the Association of Finnish Municipalities' strategy guidance.
"""

# heading → kind of the items listed under it
HEADING_KINDS = (
    (r"\bvaltuustokauden tavoitteet\b|\byhteiset tavoitteet\b|^tavoitteet\b|\btavoitteemme\b", "goal"),
    (r"\bmiten uudistumme\b|\btoimenpiteet\b|\bkeinot\b", "action"),
    (r"\bmillaisia vaikutuksia tavoittelemme\b|\btavoitellut vaikutukset\b", "result"),
    (r"\bvaikuttavuustavoitteet\b", "impact"),
    (r"\bselkeät tavoitteet\b|\bmittarit\b|\btavoitetasot\b", "target"),
    (r"^arvo(?:mme|t)\b", "value"),
    (r"^perustehtävä(?:mme)?\b|^missio\b", "mission"),
    (r"^visio\b|^visiomme\b", "vision"),
    (r"\blinjaukset\b|\blinjauksemme\b", "guideline"),
    (r"\bpäämäärät\b", "aim"),
    (r"\bperiaatteet\b", "principle"),
    (r"\bmuutoslupaukset\b", "aim"),
)

# a sentence stating the organisation's basic task
MISSION_SENTENCE = r"\b(?:perustehtävä(?:mme|nä)?|hyvinvointialueen tehtävä(?:nä)?) on\b"
# "our values are X, Y and Z" inside running text
VALUES_CUE = r"\barvo(?:mme|t|ja)\b"
# items of an enumeration
LIST_CONJUNCTIONS = ("ja", "sekä", "tai")
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
