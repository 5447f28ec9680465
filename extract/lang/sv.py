"""Swedish cue words for statement typing and evaluation tables.

Same shape as :mod:`extract.lang.fi`. Sources: the Swedish versions of
Finnish wellbeing services county strategies (välfärdsområdesstrategier).
"""

# Cue headings (read by extract/cues.py): head nouns by lemma, as in the
# Swedish versions of Finnish municipal and wellbeing services county
# strategies (vision, värderingar, grundläggande uppgift, strategiska
# riktlinjer / fokusområden, mål / målsättningar, åtgärder / insatser,
# mätare / målnivåer / indikatorer, effekter / resultat).
CUE_NOUNS = {
    "mål": "goal",
    "målsättning": "goal",
    "delmål": "goal",
    "åtgärd": "action",
    "insats": "action",
    "effekt": "result",
    "resultat": "result",
    "effektmål": "impact",
    "mätare": "target",
    "målnivå": "target",
    "indikator": "target",
    "nyckeltal": "target",
    "värdering": "value",
    "värde": "value",
    "värdegrund": "value",
    "mission": "mission",
    "uppdrag": "mission",
    "vision": "vision",
    "framtidsbild": "vision",
    "riktlinje": "guideline",
    "fokusområde": "guideline",
    "val": "guideline",
    "princip": "principle",
    "förändringslöfte": "promise",
    "löfte": "promise",
}
CUE_PHRASES = (
    (r"^grundläggande uppgift\b|^vår uppgift\b", "mission"),
    (r"^(?:hur|så) (?:vi förnyar oss|vi gör|gör vi|här gör vi|förnyar vi oss|genomför vi)\b|^vad vi gör\b", "action"),
    (r"^(?:resultat|effekter) vi vill\b|^vad vi vill uppnå\b", "result"),
)
# the first-person plural: subject, object and possessive forms ("Vi förnyar oss", "Våra invånare"; extract/voice.py)
WE_WORDS = frozenset({"vi", "oss", "vår", "vårt", "våra"})
# a heading that starts with one of these is a clause ("Vi uppnår de bästa resultaten genom …")
SUBJECT_PRONOUNS = frozenset({"vi", "jag", "du", "ni", "de", "han", "hon", "hen", "man", "det", "den"})
# a cue noun after one of these is no heading's head ("Vi arbetar för gemensamma mål")
PREPOSITIONS = frozenset({"för", "om", "av", "till", "med", "i", "på", "mot", "från", "inom", "genom", "kring"})

MISSION_SENTENCE = r"\bgrundläggande uppgift är\b"
VALUES_CUE = r"\bvärderingar\b|\bvåra värden\b"
LIST_CONJUNCTIONS = ("och", "samt", "eller")
# the copula closing a list's lead-in ("De viktigaste medlen är A, B och C") (link/enumeration.py)
COPULA = frozenset({"är", "var"})
CLAUSE_OPENERS = frozenset({"som", "där", "vilket", "vilka", "vars", "att", "när", "eftersom", "om", "så", "men",
                            "medan", "för"})
# Prepositions, conjunctions and articles: closed-class words no title ends in (extract/title_runs.py).
FUNCTION_WORDS = PREPOSITIONS | set(LIST_CONJUNCTIONS) | {
    "men", "att", "som", "än", "när", "då", "så", "eftersom", "medan",
    "vid", "under", "över", "utan", "efter", "hos", "mellan", "enligt", "bland", "åt", "trots", "inför", "utifrån",
    "en", "ett", "den", "det", "de",
}
IMPACT_CUE = r"\bförbättras\b"

VERDICTS = {"ja": "yes", "delvis": "partial", "nej": "no"}
EVALUATION_HEADER_CELLS = (
    (r"^delmål$", "subgoals"),
    (r"^(?:har )?målet (?:har )?uppnåtts\??$|^målet uppnått\??$|^uppnått\??$|^måluppfyllelse$|^förverkligats\??$",
     "achieved"),
    (r"^bedömning \(?1 ?[-–] ?5\)?$|^betyg(?: \(?1 ?[-–] ?5\)?)?$|^poäng$|^\(?1 ?[-–] ?5\)?$", "score"),
    (r"^verbal bedömning$|^motivering(?:ar)?$|^kommentar(?:er)?$|^lägesbeskrivning$|^bedömning$", "assessment"),
    (r"^(?:\w+ )?mål$|^målsättning(?:ar)?$", "goal"),
)
CONTINUES_NEXT_PAGE = r"^fortsätter på nästa sida$|^fortsätter$"
GROUP_PREFIX = r"^strategisk riktlinje:\s*"
STATED_COUNT = r"\b(\d+)\s+(?:gemensamma\s+|strategiska\s+)?mål\b"
SUMMARY_HEADER = r"\bantal mål\b|\bantal\b"
SUMMARY_TOTAL = r"^(?:totalt|sammanlagt|alla mål|hela strategin)$"
SUMMARY_HEADER_CELLS = (
    (r"^strategisk riktlinje$|^riktlinje$|^tema$|^helhet$|^insatsområde$", "name"),
    (r"^antal(?: mål)?$", "count"),
    (r"^(?:medeltal|medelvärde|genomsnitt)(?: \w+){0,3}$", "average"),
    (r"^(?:slutförda|uppnådda|förverkligade)(?: mål)?$", "label"),
    (r"^ja$", "yes"),
    (r"^delvis$", "partial"),
    (r"^nej$", "no"),
)
SCALE_CUE = r"^bedömningsskala|^\d = "

COMPARISONS = (
    (r"\böver\b|\bmer än\b", ">"),
    (r"\bminst\b", ">="),
    (r"\bunder\b|\bmindre än\b", "<"),
    (r"\bhögst\b|\bmaximalt\b", "<="),
    (r"\bbibehålla\b|\bförblir\b.*\bnivå\b", "keep"),
)
UNITS = (
    (r"%|procent", "%"),
    (r"\bminut", "min"),
    (r"\btimm", "h"),
    (r"\bdygn|\bdag", "d"),
    (r"\beuro|€", "EUR"),
)
