"""Knowledge-base stage: the SQLite database, its search and the Datasette site."""

from kb.build import build

__all__ = ["build"]
