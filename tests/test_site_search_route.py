"""The search page's own route: the page's shell, and anonymous searches answered from it with Datasette's HTML.

The route is checked in this process against the Datasette app it wraps: the
same request once without and once with a cookie (which Datasette answers
itself), the two bodies byte for byte; a recording app shows which requests
the route passed on.
"""

from __future__ import annotations

import asyncio
import urllib.parse
from pathlib import Path

import pytest

from kb.serve import create_datasette
from kb.site import shell


def _page(marks: dict[str, str]) -> str:
    return f"<title>Search: {marks['q']}</title><input value=\"{marks['q']}\">{marks['results']}<footer>"


def test_shell_fills_its_values_where_the_page_showed_them():
    frame = shell.build(*(_page(shell.marks(("q", "results"), key)) for key in "ab"))
    assert frame.fill({"q": "a&amp;b", "results": "<ol></ol>"}) == _page({"q": "a&amp;b", "results": "<ol></ol>"})


def test_shell_refuses_a_page_that_transforms_a_value():
    first, second = (_page(shell.marks(("q", "results"), key)).upper() for key in "ab")
    with pytest.raises(shell.ShellError):
        shell.build(first, second)


class _Recorder:
    """An ASGI app that records the paths it is asked for and hands them to Datasette."""

    def __init__(self, app):
        self.app, self.paths = app, []

    async def __call__(self, scope, receive, send):
        self.paths.append(scope.get("query_string", b"").decode())
        await self.app(scope, receive, send)


async def _get(app, params: dict[str, str], headers: tuple = ()) -> tuple[int, dict[bytes, bytes], str]:
    query = urllib.parse.urlencode(params).encode()
    scope = {"type": "http", "method": "GET", "path": "/-/search", "raw_path": b"/-/search", "query_string": query,
             "headers": [(b"host", b"localhost"), *headers], "http_version": "1.1", "scheme": "http",
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "root_path": ""}
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    await app(scope, receive, send)
    start = sent[0]
    return start["status"], dict(start["headers"]), b"".join(m.get("body", b"") for m in sent[1:]).decode()


SEARCHES = [
    {"q": "palvelujen"},
    {"q": "palvelujen saatavuus", "table": "sections"},
    {"q": "tjänsterna", "table": "passages", "page": "2"},
    {"q": "asiakkaiden", "table": "evaluations"},
    {"q": '<script>alert("x")</script> & palvelu'},
    {"q": "zzzzqqq"},  # nothing found: the page says so
]
PASSED_ON = [{"q": ""}, {"q": "?!"}, {"q": "palvelu", "table": "nope"}, {"q": "palvelu", "page": "x"}]


def test_anonymous_search_is_answered_by_the_route_with_datasettes_page(site_db: Path):
    from kb.site.plugins import search_route

    async def run():
        ds = create_datasette(site_db)
        datasette_app = ds.app()
        recorder = _Recorder(datasette_app)
        route = search_route._SearchRoute(ds, recorder)
        for params in SEARCHES + PASSED_ON:
            status, headers, body = await _get(route, params)
            _, _, expected = await _get(datasette_app, params, ((b"cookie", b"a=1"),))
            assert body == expected, params
            assert headers[b"content-type"] == b"text/html; charset=utf-8" and status in (200, 400)
        assert recorder.paths == [urllib.parse.urlencode(p) for p in PASSED_ON]  # the searches never reached it

    asyncio.run(run())


def test_a_request_with_a_cookie_or_credentials_goes_to_datasette(site_db: Path):
    from kb.site.plugins import search_route

    async def run():
        ds = create_datasette(site_db)
        recorder = _Recorder(ds.app())
        route = search_route._SearchRoute(ds, recorder)
        for header in ((b"cookie", b"ds_actor=x"), (b"authorization", b"Bearer x")):
            await _get(route, {"q": "palvelu"}, (header,))
        assert recorder.paths == ["q=palvelu", "q=palvelu"]

    asyncio.run(run())
