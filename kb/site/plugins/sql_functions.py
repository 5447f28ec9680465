"""SQL functions of the site: ``lemma_query(text)``, and Datasette's ``escape_fts`` made lemma-aware.

Datasette's table search (``?_search=``) matches ``escape_fts(:search)``
against the table's FTS index. Registered after Datasette's own functions
(``trylast``), :func:`kb.search.lemma_query` takes that name's place, so every
word of a table search is matched as itself or as any of its Finnish or
Swedish lemmas: ``?_search=palveluja`` finds rows with ``palvelujen`` through
their ``lemmas`` column. It quotes every word, as the original does, so no
FTS syntax gets through.
"""

from datasette import hookimpl

from kb.search import lemma_query


@hookimpl(trylast=True)
def prepare_connection(conn):
    """Register ``lemma_query`` and replace ``escape_fts`` with it."""
    conn.create_function("lemma_query", 1, lemma_query, deterministic=True)
    conn.create_function("escape_fts", 1, lemma_query, deterministic=True)


@hookimpl
def startup():
    """Load the Finnish and Swedish lemmatizers before the first request, so no search spends its time limit on that."""
    lemma_query("palveluja tjänsterna")
