"""Parts of pages with many rows, rendered by a plain Jinja environment whose templates compile once per process.

Datasette renders its templates asynchronously (Jinja's async mode), so each
loop, attribute and filter of a template runs through its coroutine
machinery: on the search page the twenty hits cost about twice the CPU of
the same template rendered synchronously. Such a part is a template of its
own in ``templates/`` (the same folder as the pages, escaped the same way),
rendered here from plain data and handed to its page's template as HTML.
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

from kb.site import TEMPLATES

# The templates do not change while a site is served: no modification check on each use.
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True, auto_reload=False)


def render(template: str, **context: Any) -> Markup:
    """The part ``template`` (a file in ``kb/site/templates``) rendered with ``context``, as safe HTML.

    >>> render("_kb_search_results.html", found=found, q="palvelu", labels=TABLES, database="strategies")
    """
    return Markup(_ENV.get_template(template).render(**context))
