"""Datasette on the knowledge base, configured from ``kb/site/``, run in this process.

:func:`create_datasette` assembles what ``datasette serve --immutable DB
--metadata kb/site/metadata.yml --template-dir ... --plugins-dir ... --static
...`` would: the database opened immutable (read-only, no writes possible),
the project's metadata, templates, plugins and static files, a SQL time limit
and a row cap. :func:`serve` runs it with uvicorn on a loopback address.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from kb.site import METADATA, PLUGINS, STATIC, STATIC_MOUNT, TEMPLATES

if TYPE_CHECKING:  # pragma: no cover - typing only
    from datasette.app import Datasette

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
SETTINGS = {"sql_time_limit_ms": 2000, "max_returned_rows": 2000, "facet_time_limit_ms": 500}
# The metadata describes the database under this name; it follows the file's name when that differs.
METADATA_DB = "strategies"


def site_metadata(db_path: Path) -> dict[str, Any]:
    """``metadata.yml`` with its database entry named after ``db_path`` (Datasette names a database by its file)."""
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    databases = metadata.get("databases", {})
    if METADATA_DB in databases:
        databases[Path(db_path).stem] = databases.pop(METADATA_DB)
    return metadata


def create_datasette(db_path: Path, settings: dict[str, Any] | None = None) -> "Datasette":
    """A Datasette instance serving ``db_path`` immutable, with the site's metadata, templates, plugins and static files.

    >>> ds = create_datasette(Path("strategies.db"))

    :param db_path: the knowledge base built by ``strategy-kb build``.
    :param settings: Datasette settings overriding :data:`SETTINGS`.
    """
    from datasette.app import Datasette

    return Datasette(
        immutables=[str(db_path)],
        metadata=site_metadata(db_path),
        template_dir=str(TEMPLATES),
        plugins_dir=str(PLUGINS),
        static_mounts=[(STATIC_MOUNT, str(STATIC))],
        settings={**SETTINGS, **(settings or {})},
    )


def serve(db_path: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve ``db_path`` on ``host:port`` until interrupted (loopback by default)."""
    import uvicorn

    uvicorn.run(create_datasette(db_path).app(), host=host, port=port, log_level="warning", lifespan="on")
