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

# evaluation tables
VERDICTS = {"kyllä": "yes", "osittain": "partial", "ei": "no"}
EVALUATION_HEADER_CELLS = (
    r"^tavoite$",
    r"^alatavoitteet$",
    r"^tavoite saavutettu\??$",
    r"^arviointi \(1-5\)$",
    r"^sanallinen arviointi",
)
CONTINUES_NEXT_PAGE = r"^jatkuu seuraavalla sivulla$"
GROUP_PREFIX = r"^strateginen linjaus:\s*"
STATED_COUNT = r"\b(\d+)\s+(?:valtuustokauden|yhteistä|yhteistä pitkän aikavälin)?\s*tavoitet"
SUMMARY_HEADER = r"\btavoitteiden lukumäärä\b"
SUMMARY_HEADER_CELLS = (r"^strateginen linjaus", r"^tavoitteiden lukumäärä", r"^keskiarvo", r"^valmistuneita", r"^kyllä osittain$")
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
