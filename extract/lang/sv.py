"""Swedish cue words for statement typing and evaluation tables.

Same shape as :mod:`extract.lang.fi`. Sources: the Swedish versions of
Finnish wellbeing services county strategies (välfärdsområdesstrategier).
"""

HEADING_KINDS = (
    (r"\bgemensamma mål\b|^mål\b|\bfullmäktigeperiodens mål\b", "goal"),
    (r"\bhur vi förnyar oss\b|\båtgärder\b", "action"),
    (r"\bresultat vi vill uppnå\b|\beftersträvade effekter\b", "result"),
    (r"\beffektmål\b", "impact"),
    (r"\bmätare\b|\bmålnivåer\b", "target"),
    (r"^värderingar\b|^våra värderingar\b", "value"),
    (r"^grundläggande uppgift\b|^mission\b", "mission"),
    (r"^vision\b", "vision"),
    (r"^riktlinje(?:r)?\b|\bstrategiska riktlinjer\b", "guideline"),
    (r"\bprinciper för ordnande\b|\bprinciper\b", "principle"),
    (r"\bförändringslöften\b", "aim"),
)

MISSION_SENTENCE = r"\bgrundläggande uppgift är\b"
VALUES_CUE = r"\bvärderingar\b|\bvåra värden\b"
LIST_CONJUNCTIONS = ("och", "samt", "eller")
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
