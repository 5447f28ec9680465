"""Imported once by the worker fork server, so that every worker forks with the lexicons loaded.

Importing this module loads Voikko with the word frequencies that order a
word's readings, the Swedish and English lookup lexicons, the language
profiles and the PDF libraries (a few seconds together); a worker forked
afterwards shares them instead of loading them again. Nothing else imports it.
"""

import pdfplumber.page  # noqa: F401 - the table finder, imported on a document's first table page otherwise
import pypdfium2  # noqa: F401 - the PDF reader's engine

from extract.fi_morphology import is_fi_word
from extract.language import detect_language
from extract.lexicons import is_en_word, is_sv_word

is_fi_word("tilanne"), is_sv_word("välfärd"), is_en_word("welfare")  # "tilanne" has three readings to order
detect_language("Hyvinvointialue järjestää sosiaali- ja terveyspalvelut asukkailleen.")
