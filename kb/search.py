"""Lemma search: a ``lemmas`` column beside the text, FTS5 over both, and queries rewritten to lemmas.

SQLite's FTS5 has no Finnish or Swedish stemmer, so the build stores every
reading of every word (:func:`extract.nlp.lemma_text`) in a ``lemmas`` column of
each searchable table and indexes text and lemmas together. A base form then
finds its inflected forms through the lemma column (``palvelu`` finds
``palveluja``); :func:`lemma_query` rewrites a query's words to "the word or
any of its Finnish or Swedish lemmas", so an inflected query finds its lemma's
rows too (``tjänsterna`` finds ``tjänster``). Index and query use the same
analysis.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import sqlite_utils

from extract.nlp import lemma_text

# Table → the text columns indexed with its lemmas.
SEARCHABLE: dict[str, tuple[str, ...]] = {
    "sections": ("heading", "text"),
    "goals": ("text",),
    "passages": ("text",),
    "evaluations": ("assessment",),
}
# Where a table's language comes from when it has no ``lang`` column of its own.
_LANG_SQL = {"evaluations": "(SELECT lang FROM goals WHERE goals.id = evaluations.goal_id)"}
_WORD = re.compile(r"[^\W_]+")
_QUERY_LANGS = ("fi", "sv")
# A served site analyses words in several threads at once (Datasette's SQL threads, the search page's
# route); neither spaCy's pipelines nor libvoikko (a C library called through ctypes, without the GIL)
# may be entered by two threads at a time: two in libvoikko abort the process. Words are analysed one at
# a time; a word already analysed is answered by the caches below without the lock.
_ANALYSING = threading.Lock()


def index_lemmas(db: sqlite_utils.Database) -> None:
    """Add and fill ``lemmas`` on every searchable table and build its FTS5 index over text and lemmas.

    >>> index_lemmas(sqlite_utils.Database("strategies.db"))

    :param db: the database being built (tables of :data:`SEARCHABLE` already filled).
    """
    for table, columns in SEARCHABLE.items():
        db[table].add_column("lemmas", str)
        db.conn.executemany(f"UPDATE [{table}] SET lemmas = ? WHERE rowid = ?", lemma_rows(db, table))
        db[table].enable_fts([*columns, "lemmas"], fts_version="FTS5")


def lemma_rows(db: sqlite_utils.Database, table: str, where: str = "1") -> list[tuple[str, int]]:
    """(lemmas, rowid) of the rows of a searchable ``table`` that match the SQL condition ``where``."""
    columns, lang = SEARCHABLE[table], _LANG_SQL.get(table, "lang")
    rows = db.execute(f"SELECT rowid, {', '.join(columns)}, {lang} FROM [{table}] WHERE {where} ORDER BY rowid").fetchall()
    return [(lemma_text(" ".join(t for t in row[1:-1] if t), row[-1] or "fi"), row[0]) for row in rows]


@lru_cache(maxsize=1 << 14)  # a served site analyses each query word once
def query_forms(word: str) -> tuple[str, ...]:
    """``word`` in lower case followed by its Finnish and Swedish lemmas, without repeats.

    Example: ``query_forms("palveluja") == ("palveluja", "palvelu")``
    """
    forms = [word.lower()]
    for lang in _QUERY_LANGS:
        forms.extend(_lemma_text(word, lang).split())
    return tuple(dict.fromkeys(forms))


def query_words(text: str) -> list[str]:
    """The words of a query as the search sees them: runs of letters and digits."""
    return _WORD.findall(text or "")


@lru_cache(maxsize=1 << 16)  # the words of a corpus repeat: each is analysed once per process
def word_lemmas(word: str, lang: str) -> frozenset[str]:
    """The lemmas of one word of a text in ``lang`` as the index stores them (empty for a stop word).

    Example: ``word_lemmas("palvelujen", "fi") == frozenset({"palvelu"})``
    """
    return frozenset(_lemma_text(word, lang).split())


def _lemma_text(text: str, lang: str) -> str:
    with _ANALYSING:
        return lemma_text(text, lang)


def lemma_query(text: str) -> str:
    """An FTS5 MATCH expression: every word of ``text`` required, as itself or as any of its lemmas.

    Only letters and digits reach the expression, each form quoted, so no
    query can inject FTS5 syntax. A text without words gives ``'""'``, which
    matches nothing.

    Example: ``lemma_query("tjänsterna") == '("tjänsterna" OR "tjänst")'``

    :param text: what the user typed.
    """
    groups = ["(" + " OR ".join(f'"{form}"' for form in query_forms(word)) + ")" for word in query_words(text)]
    return " AND ".join(groups) or '""'
