"""The site's full-text search: one table's best hits by FTS5 rank, capped counts of all four, marked excerpts.

A search request does what a reader needs and nothing more: the query's
words are rewritten to "the word or any of its lemmas" once
(:func:`kb.search.lemma_query`, cached per word), the chosen table's FTS
index is matched and ordered by its ``rank`` (BM25) with a LIMIT, so only one
page of rows is read from the table, and each other table's hits are counted
up to :data:`COUNT_CAP` (no exact count of thousands of rows, no facets).
Datasette's table search (``/strategies/goals?_search=``) stays for facets
and CSV or JSON export of every hit.

Like :mod:`kb.site.data`, everything takes an open ``sqlite3`` connection.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from kb.search import lemma_query, query_forms, query_words, word_lemmas
from kb.site import statement_url
from kb.site.data import rows

# Searchable tables in the order the search page offers them, with their names there.
TABLES = {"goals": "Statements", "evaluations": "Evaluations", "sections": "Sections", "passages": "Passages"}
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
COUNT_CAP = 1000
# Per table: id, document, kind, language, page and the shown text of a hit.
_COLUMNS = {
    "sections": "t.id, t.document_id, 'section', t.lang, t.page_start, trim(t.heading || char(10) || t.text)",
    "goals": "t.id, t.document_id, t.kind, t.lang, t.page, t.text",
    "passages": "t.id, t.document_id, t.role, t.lang, t.page, t.text",
    "evaluations": "t.goal_id, g.document_id, 'evaluation', g.lang, g.page, t.assessment",
}
_JOINS = {"evaluations": "LEFT JOIN goals g ON g.id = t.goal_id"}
_EXCERPT = 320
_TOKEN = re.compile(r"([^\W_]+)")


class SearchError(ValueError):
    """A search that cannot run: no words to search for, an unknown table or a bad page number."""


def search(conn: sqlite3.Connection, query: str, table: str = "goals", page: int = 1,
           size: int = PAGE_SIZE, database: str = "strategies") -> dict[str, Any]:
    """One page of ``table``'s rows matching every word of ``query`` (as written or by lemma), best first.

    Returns ``q``, ``table``, ``page``, ``size``, ``hits`` (each with ``id``,
    ``table``, ``kind``, ``lang``, ``page``, ``document_id``, ``document``
    (title, region, period), ``url`` of its statement page, ``document_url``,
    ``source_url`` (the published original at the hit's page, when the
    manifest has a web address) and ``excerpt`` (escaped HTML, the matched
    words in ``<mark>``)), ``more`` (a next page exists) and ``counts``
    (per table ``count`` and whether it is ``exact``, capped at
    :data:`COUNT_CAP`).

    >>> search(conn, "palvelujen saatavuus")["hits"][0]["url"]
    '/-/statement/keusote-strategia-2023-2025/g0012'

    :param query: words as typed, any inflection, Finnish or Swedish.
    :param table: one of :data:`TABLES`.
    :param page: 1 for the best hits, 2 for the next ``size``, ...
    :param size: hits per page (at most :data:`MAX_PAGE_SIZE`).
    :param database: the database's name in the site's URLs.
    :raises SearchError: when ``query`` has no words, or ``table``, ``page`` or ``size`` is out of range.
    """
    words = query_words(query)
    if not words:
        raise SearchError("nothing to search for: give one or more words in q (e.g. q=palvelujen saatavuus)")
    if table not in TABLES:
        raise SearchError(f"unknown table {table!r}: search one of {', '.join(TABLES)}")
    if page < 1 or not 1 <= size <= MAX_PAGE_SIZE:
        raise SearchError(f"page must be 1 or more and size 1 to {MAX_PAGE_SIZE}")
    match = lemma_query(query)
    # bm25() in the ORDER BY is FTS5's default rank, without the statement FTS5 prepares for ORDER BY rank
    sql = (
        f"SELECT {_COLUMNS[table]} FROM (SELECT rowid, bm25([{table}_fts]) AS score FROM [{table}_fts]"
        f" WHERE [{table}_fts] MATCH ? ORDER BY score, rowid LIMIT ? OFFSET ?) f JOIN [{table}] t ON t.rowid = f.rowid"
        f" {_JOINS.get(table, '')} ORDER BY f.score, t.rowid"
    )
    found = conn.execute(sql, (match, size + 1, (page - 1) * size)).fetchall()
    forms = {form for word in words for form in query_forms(word)}
    docs = _documents(conn, {row[1] for row in found[:size]})
    hits = [_hit(table, row, docs.get(row[1]), forms, database) for row in found[:size]]
    return {"q": query, "table": table, "page": page, "size": size, "hits": hits, "more": len(found) > size,
            "counts": _counts(conn, match)}


def number(text: str | None, default: int, name: str) -> int:
    """A page number or page size from the query string (``default`` when absent).

    :raises SearchError: when ``text`` is not a whole number.
    """
    try:
        return int(text) if text else default
    except ValueError:
        raise SearchError(f"{name} must be a whole number, not {text!r}") from None


def _counts(conn: sqlite3.Connection, match: str) -> dict[str, dict[str, Any]]:
    """How many rows of each of :data:`TABLES` match, each read up to one past :data:`COUNT_CAP` (one statement)."""
    sql = "SELECT " + ", ".join(
        f"(SELECT count(*) FROM (SELECT rowid FROM [{name}_fts] WHERE [{name}_fts] MATCH ?1 LIMIT ?2))" for name in TABLES
    )
    found = conn.execute(sql, (match, COUNT_CAP + 1)).fetchone()
    return {name: {"count": min(n, COUNT_CAP), "exact": n <= COUNT_CAP} for name, n in zip(TABLES, found)}


def _documents(conn: sqlite3.Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    """Title, region, period and web address of the documents ``ids``, by id."""
    marks = ", ".join("?" for _ in ids)
    sql = f"SELECT id, title, region, period_start, period_end, source_url FROM documents WHERE id IN ({marks})"
    return {doc["id"]: doc for doc in rows(conn, sql, sorted(ids))}


def _hit(table: str, row: tuple, doc: dict[str, Any] | None, forms: set[str], database: str) -> dict[str, Any]:
    unit_id, document_id, kind, lang, page, text = row
    source = (doc or {}).get("source_url") or ""
    return {
        "id": unit_id, "table": table, "kind": kind, "lang": lang, "page": page, "document_id": document_id,
        "document": doc and {k: doc[k] for k in ("title", "region", "period_start", "period_end")},
        "url": statement_url(unit_id),
        "document_url": f"/{quote(database)}/documents/{quote(document_id or '')}",
        "source_url": (source + (f"#page={page}" if page else "")) if source.startswith(("https://", "http://")) else None,
        "excerpt": highlight(text or "", forms, lang or "fi"),
    }


def highlight(text: str, forms: set[str], lang: str) -> Markup:
    """``text`` escaped, cut around its first match, with words whose form or lemma is in ``forms`` in ``<mark>``.

    A word matches as written (lower case) or by one of its lemmas in
    ``lang``, as the index matched it; each word is analysed once per process.
    Only the words up to the end of the excerpt are looked at.
    """
    parts = _TOKEN.split(text)  # text, word, text, word, ..., text
    first = next((i for i in range(1, len(parts), 2) if _matches(parts[i], forms, lang)), None)
    start = max(0, len("".join(parts[:first])) - _EXCERPT // 3) if first else 0
    out, plain, length = ["…"] if start else [], [], 0
    for i, part in enumerate(parts):
        length += len(part)
        if length <= start:
            continue
        if i % 2 and (i == first or (first and i > first and _matches(part, forms, lang))):
            out += [str(escape("".join(plain))), "<mark>", str(escape(part)), "</mark>"]
            plain = []
        else:
            plain.append(part)
        if length - start > _EXCERPT:
            plain.append("…")
            break
    return Markup("".join(out) + str(escape("".join(plain))))


def _matches(word: str, forms: set[str], lang: str) -> bool:
    return word.lower() in forms or not forms.isdisjoint(word_lemmas(word, lang))
