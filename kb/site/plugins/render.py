"""Cells holding a statement, passage or section id link to its page (``/-/statement/<id>``)."""

import re

from datasette import hookimpl
from markupsafe import Markup

from kb.site import statement_url

_UNIT_ID = re.compile(r"^[\w-]+/[gsp]\d+$")


@hookimpl
def render_cell(value, column):
    """An id of a unit becomes a link to its statement page; everything else is left to Datasette."""
    if isinstance(value, str) and column != "document_id" and _UNIT_ID.match(value):
        return Markup('<a href="{}">{}</a>').format(statement_url(value), value)
    return None
