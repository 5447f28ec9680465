"""Datasette on the knowledge base, configured from ``kb/site/``, run in this process.

:func:`create_datasette` assembles what ``datasette serve --immutable DB
--metadata kb/site/metadata.yml --template-dir ... --plugins-dir ... --static
...`` would: the database opened immutable (read-only, no writes possible),
the project's metadata, templates, plugins and static files, a SQL time limit
and a row cap. :func:`serve` runs it with uvicorn on a loopback address.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from kb.site import METADATA, PLUGINS, STATIC, STATIC_MOUNT, TEMPLATES

if TYPE_CHECKING:  # pragma: no cover - typing only
    from datasette.app import Datasette

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
DEFAULT_WORKERS = min(2, os.cpu_count() or 1)
DB_ENV = "STRATEGY_KB_SERVE_DB"  # how ``serve`` tells uvicorn's worker processes the database
SETTINGS = {"sql_time_limit_ms": 2000, "max_returned_rows": 2000, "facet_time_limit_ms": 100, "suggest_facets": False}
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


def serve(db_path: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, workers: int = 1) -> None:
    """Serve ``db_path`` on ``host:port`` until interrupted (loopback by default).

    With ``workers`` > 1, that many server processes share the port (the
    database is immutable, so they need no coordination): one process
    answers requests one at a time, so concurrent readers queue behind each other.
    """
    import uvicorn

    options = {"host": host, "port": port, "log_level": "warning", "lifespan": "on"}
    if workers <= 1:
        uvicorn.run(create_datasette(db_path).app(), **options)
        return
    os.environ[DB_ENV] = str(Path(db_path).resolve())
    uvicorn.run("kb.serve:app_from_environment", factory=True, workers=workers, **options)


def app_from_environment() -> Any:
    """The ASGI app of the database named by :data:`DB_ENV` (for uvicorn's worker processes)."""
    return create_datasette(Path(os.environ[DB_ENV])).app()
