"""Imported once by the worker fork server, so that every worker forks with the lexicons loaded.

Importing this module loads Voikko, the Swedish and English lookup lexicons and
the language profiles (about 3 s together); a worker forked afterwards shares
them instead of loading them again. Nothing else imports it.
"""

from extract.language import detect_language
from extract.morphology import is_en_word, is_fi_word, is_sv_word

is_fi_word("hyvinvointi"), is_sv_word("välfärd"), is_en_word("welfare")
detect_language("Hyvinvointialue järjestää sosiaali- ja terveyspalvelut asukkailleen.")
