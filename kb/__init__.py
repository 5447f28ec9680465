"""Knowledge-base stage: the SQLite database, its search and the Datasette site."""

import importlib
import sys

# sqlite-utils imports these, where installed, only to map their column types; the knowledge base inserts none
_UNUSED_BY_SQLITE_UTILS = ("pandas", "numpy")


def _import_sqlite_utils() -> None:
    """Import sqlite-utils without pandas and numpy (most of a second of every command's start-up)."""
    if "sqlite_utils" in sys.modules:
        return
    blocked = [name for name in _UNUSED_BY_SQLITE_UTILS if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # importing it raises ImportError
    try:
        importlib.import_module("sqlite_utils")
    finally:
        for name in blocked:
            del sys.modules[name]


_import_sqlite_utils()

from kb.build import build  # noqa: E402 (sqlite-utils imported first)

__all__ = ["build"]
