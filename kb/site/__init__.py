"""The Datasette site of the knowledge base: its files and the data behind its pages.

``metadata.yml``, ``templates/``, ``plugins/`` and ``static/`` are Datasette's
configuration (loaded by :mod:`kb.serve`); the modules here read the database
for the plugin pages (:mod:`kb.site.data`, :mod:`kb.site.lineage`) and draw
pictures (:mod:`kb.site.svg`). Plugins import these modules; nothing here
imports Datasette.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

SITE_DIR = Path(__file__).resolve().parent
METADATA = SITE_DIR / "metadata.yml"
TEMPLATES = SITE_DIR / "templates"
PLUGINS = SITE_DIR / "plugins"
STATIC = SITE_DIR / "static"
# The URL path the static files are served under (``/assets/site.css``).
STATIC_MOUNT = "assets"


def statement_url(unit_id: str) -> str:
    """The site path of a statement's (or passage's, or section's) page."""
    return "/-/statement/" + quote(unit_id, safe="/")
