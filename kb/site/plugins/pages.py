"""The site's own pages (:data:`kb.site.pages.PAGES`) as Datasette routes, the search's JSON, and the menu."""

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from kb.site import STATIC_MOUNT, fulltext, statement_url
from kb.site.data import documents, evidence_text
from kb.site.pages import PAGES


def _view(page):
    async def view(datasette, request):
        kwargs = dict(request.url_vars)
        kwargs.update(page.arguments(request.args))
        db = datasette.get_database()
        if page.database:
            kwargs["database"] = db.name
        context = await db.execute_fn(lambda conn: page.context(conn, **kwargs))
        if context is None:
            raise NotFound("Nothing here: " + request.path)
        html = await datasette.render_template(page.template, {**context, "database": db.name}, request=request)
        return Response.html(html)

    return view


async def search_json(datasette, request):
    """``/-/search.json?q=&table=&page=&size=``: the search page's hits and counts as JSON.

    A search that cannot run (no words, unknown table, bad number) answers 400 with ``error``.
    """
    db = datasette.get_database()
    args = request.args

    def run(conn):
        page = fulltext.number(args.get("page"), 1, "page")
        size = fulltext.number(args.get("size"), fulltext.PAGE_SIZE, "size")
        return fulltext.search(conn, args.get("q", ""), args.get("table") or "goals", page, size, database=db.name)

    try:
        found = await db.execute_fn(run)
    except fulltext.SearchError as exc:
        return Response.json({"ok": False, "error": str(exc)}, status=400)
    return Response.json({"ok": True, **found})


@hookimpl
def register_routes():
    """One route per page of the site, and the search's JSON."""
    return [(page.route, _view(page)) for page in PAGES] + [(r"^/-/search\.json$", search_json)]


@hookimpl
def menu_links(datasette):
    """The site's pages in Datasette's menu."""
    return [{"href": datasette.urls.path(page.path), "label": page.title} for page in PAGES if page.title]


@hookimpl
def extra_template_vars(template, datasette):
    """``statement_url``, ``evidence_text`` and the menu pages for every template; the documents for the home page."""
    async def inner():
        extra = {"statement_url": statement_url, "evidence_text": evidence_text, "site_pages": [p for p in PAGES if p.title]}
        if template == "index.html":
            docs = await datasette.get_database().execute_fn(documents)
            extra["kb_documents"] = list(docs.values())
        return extra

    return inner


@hookimpl
def extra_css_urls(datasette):
    """The site's stylesheet."""
    return [datasette.urls.path(f"/{STATIC_MOUNT}/site.css")]
