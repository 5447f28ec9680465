"""The search page without Datasette's page machinery: anonymous ``GET /-/search?q=`` answered by a shell, same HTML.

Datasette answers a page through its CSRF and privacy layers, its router and
an asynchronous Jinja render of its whole frame, which costs about as much
CPU as the search itself. For a visitor without cookies or credentials the
search page's frame is the same on every request, so each process renders it
once, through Datasette, as a :class:`kb.site.shell.Shell` with markers for
the query, the table and the hits; such a request then runs only the search
(:func:`kb.site.pages.search`, hits rendered as before) and fills the shell.
Everything else goes on to Datasette's route for the page
(``plugins/pages.py``), as before: a request with a cookie or an
Authorization header (an actor, messages or a CSRF token may change the
page), no query, a query that cannot run (the page with its error), any other
method or path.
"""

import asyncio

from datasette import hookimpl
from datasette.utils.asgi import Request
from markupsafe import Markup, escape

from kb.site import pages, shell

_PAGE = next(page for page in pages.PAGES if page.context is pages.search)
_PATH = _PAGE.path.encode()
_VALUES = ("q", "table", "results")  # what differs between two anonymous searches' pages
# What Datasette's Response.html and its router's privacy layer send for an anonymous request.
_HEADERS = [(b"content-type", b"text/html; charset=utf-8"), (b"vary", b"Cookie, Authorization")]
_PERSONAL = (b"cookie", b"authorization")


@hookimpl
def asgi_wrapper(datasette):
    """Answer anonymous searches from the page's shell before Datasette sees them (not under a ``base_url``)."""
    if datasette.setting("base_url") != "/":
        return lambda app: app
    return lambda app: _SearchRoute(datasette, app)


class _SearchRoute:
    """ASGI: the search page from its shell when it can, else the wrapped Datasette app."""

    def __init__(self, datasette, app):
        self.datasette, self.app = datasette, app
        self.shell = None  # built by the first search, after Datasette's startup
        self.lock = asyncio.Lock()

    async def __call__(self, scope, receive, send):
        if not _anonymous_search(scope) or self.shell is False:  # False: the page cannot be a shell
            return await self.app(scope, receive, send)
        db = self.datasette.get_database()
        args = _PAGE.arguments(Request(scope, receive).args)
        context = await db.execute_fn(lambda conn: pages.search(conn, database=db.name, **args))
        frame = await self._shell(db) if context["found"] else None
        if frame is None:
            return await self.app(scope, receive, send)
        html = frame.fill({"q": escape(context["q"]), "table": escape(context["table"]), "results": context["results"]})
        await send({"type": "http.response.start", "status": 200, "headers": _HEADERS})
        await send({"type": "http.response.body", "body": html.encode("utf-8")})

    async def _shell(self, db):
        """The search page's shell; False (Datasette's route for every search) when the page cannot be one."""
        async with self.lock:
            if self.shell is None:
                await self.datasette.invoke_startup()
                empty = await db.execute_fn(lambda conn: pages.search(conn, database=db.name))
                try:
                    first, second = [await self._render(db, {**empty, **shell.marks(_VALUES, key)}) for key in "ab"]
                    self.shell = shell.build(first, second)
                except shell.ShellError:
                    self.shell = False
        return self.shell or None

    async def _render(self, db, context):
        """The page as Datasette renders it for an anonymous visitor, with ``context``'s markers in place of the values."""
        request = Request.fake(_PAGE.path)
        request.scope["csrftoken"] = _no_token
        context = {**context, "results": Markup(context["results"]), "found": True, "database": db.name}
        return await self.datasette.render_template(_PAGE.template, context, request=request)


def _anonymous_search(scope) -> bool:
    path = scope.get("raw_path") or scope.get("path", "").encode()
    return (scope["type"] == "http" and scope.get("method") == "GET" and path.partition(b"?")[0] == _PATH
            and not any(name in _PERSONAL for name, _ in scope.get("headers", ())))


def _no_token():
    # A page that asks for a CSRF token sets a cookie with it: not the same for every visitor.
    raise shell.ShellError("the page uses a CSRF token")
