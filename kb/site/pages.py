"""The template context of each page of the site, one function per page.

Each function takes an open ``sqlite3`` connection (Datasette's
``execute_fn`` hands one over) and returns the dict its template renders;
:data:`PAGES` lists the routes the plugin registers for them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

from kb.site import data, fragments, fulltext, lineage, statement_url, svg

Context = dict[str, Any]


def statement(conn: sqlite3.Connection, unit_id: str) -> Optional[Context]:
    """A statement (or passage, or section): text, translations, evaluations, lineage and its graph; None when unknown."""
    unit = data.unit(conn, unit_id)
    if unit is None:
        return None
    docs = data.documents(conn)
    walk = lineage.walk(conn, unit_id)
    return {
        "unit": unit,
        "docs": docs,
        "translations": data.link_rows(conn, unit_id, data.TRANSLATION_RELATIONS),
        "evaluations": data.evaluations_of(conn, unit_id),
        "targets": data.rows(conn, "SELECT * FROM targets WHERE goal_id = ? ORDER BY id", (unit_id,)),
        "steps": walk["steps"],
        "candidates": lineage.candidates_of(conn, unit_id),
        "fate": data.fate(conn, unit_id),
        "graph": svg.lineage_svg(walk["nodes"], walk["edges"], docs, statement_url, current=unit_id),
    }


def search(conn: sqlite3.Connection, query: str = "", table: str = "", page: str = "",
           database: str = "strategies") -> Context:
    """The search page: one table's best hits for ``query`` and how many each table has, both languages.

    No query gives the empty form; a query that cannot run (no words, an
    unknown table, a bad page number) gives ``error``. ``found`` (the hits)
    comes with ``results``, its tabs, hits and pager as HTML.
    """
    context: Context = {"q": query, "table": table or "goals", "labels": fulltext.TABLES, "found": None,
                        "results": None, "error": None}
    if not query.strip():
        return context
    try:
        found = fulltext.search(conn, query, context["table"], fulltext.number(page, 1, "page"), database=database)
    except fulltext.SearchError as exc:
        context["error"] = str(exc)
        return context
    results = fragments.render("_kb_search_results.html", found=found, q=query, labels=fulltext.TABLES,
                               database=database)
    return {**context, "found": found, "results": results}


def graph(conn: sqlite3.Connection, unit_id: str = "") -> Context:
    """The lineage graph of the whole corpus, or of one unit's lineage when ``unit_id`` is given."""
    docs = data.documents(conn)
    drawn = lineage.walk(conn, unit_id) if unit_id else lineage.graph(conn)
    return {"unit_id": unit_id, "docs": docs, "edges": len(drawn["edges"]), "nodes": len(drawn["nodes"]),
            "graph": svg.lineage_svg(drawn["nodes"], drawn["edges"], docs, statement_url, current=unit_id or None)}


def versions(conn: sqlite3.Connection) -> Context:
    """Earlier against later strategy period per region: changes, dropped and new statements."""
    return {"comparisons": lineage.versions(conn)}


def bilingual(conn: sqlite3.Connection, document_id: str = "") -> Optional[Context]:
    """The bilingual documents, and one document's Finnish and Swedish side by side; None for an unknown document."""
    docs = data.documents(conn)
    if document_id and document_id not in docs:
        return None
    return {"documents": data.bilingual_documents(conn), "document": docs.get(document_id),
            **(data.bilingual(conn, document_id) if document_id else {})}


def regions(conn: sqlite3.Connection) -> Context:
    """Statements matched across regions (``similar_to``)."""
    return data.regions(conn)


def findings(conn: sqlite3.Connection) -> Context:
    """Where the sources contradict themselves, and extraction warnings."""
    return {"findings": data.findings(conn)}


def scores(conn: sqlite3.Connection) -> Context:
    """Evaluation scores by group, as a chart and a table."""
    groups = data.score_groups(conn)
    return {"groups": groups, "chart": svg.score_chart_svg(groups)}


@dataclass(frozen=True)
class Page:
    """A page of the site: its route (a regex whose named groups are arguments), template and context.

    ``query`` maps further arguments of ``context`` to query-string keys
    (``/-/search?q=`` gives ``query``); ``title`` is its name in the menu, None
    for pages reached from other pages; ``database``: ``context`` also takes
    the database's name (for links into Datasette's tables).
    """

    route: str
    template: str
    context: Callable[..., Optional[Context]]
    title: Optional[str] = None
    query: tuple[tuple[str, str], ...] = ()
    database: bool = False

    def arguments(self, args: Mapping[str, str]) -> dict[str, str]:
        """The ``context`` arguments that ``query`` names, from a request's query-string ``args`` ("" when absent)."""
        return {name: args.get(key, "") for name, key in self.query}

    @property
    def path(self) -> str:
        """The route as a path (for pages without arguments)."""
        return self.route.strip("^$")


PAGES = (
    Page(r"^/-/search$", "kb_search.html", search, "Search", (("query", "q"), ("table", "table"), ("page", "page")),
         database=True),
    Page(r"^/-/statement/(?P<unit_id>.+)$", "kb_statement.html", statement),
    Page(r"^/-/changes$", "kb_versions.html", versions, "2023–2025 vs 2026–2029"),
    Page(r"^/-/bilingual$", "kb_bilingual.html", bilingual, "Finnish and Swedish side by side"),
    Page(r"^/-/bilingual/(?P<document_id>.+)$", "kb_bilingual.html", bilingual),
    Page(r"^/-/regions$", "kb_regions.html", regions, "Regions compared"),
    Page(r"^/-/findings$", "kb_findings.html", findings, "Findings"),
    Page(r"^/-/scores$", "kb_scores.html", scores, "Evaluation scores"),
    Page(r"^/-/lineage$", "kb_lineage.html", graph, "Lineage graph", (("unit_id", "id"),)),
)
