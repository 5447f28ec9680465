"""Packed lexicons kept between runs: loading a saved one takes a small fraction of building it.

The Swedish and English lexicons of :mod:`extract.lexicons` are built from
the gzipped JSON tables of ``spacy_lookups_data`` and spaCy's stop-word lists;
parsing and packing take about four seconds, which every build paid before its
extraction workers could start. The packed result is saved in the user's cache
folder (``$XDG_CACHE_HOME/strategy-kb``, else ``~/.cache/strategy-kb``) under a
name made from a digest of the bytes it was built from, so an updated package
gives a new file. A file that is missing, unreadable or not writable means
the lexicon is built as before, never an error.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, Iterable, Optional

from extract.cache import write_atomically
from extract.packed import Packed

_VERSION = "1"  # part of every digest: raise it when what is saved changes meaning


def cache_folder() -> Optional[Path]:
    """The folder saved lexicons go in, or ``None`` when there is no home folder to put it in."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder known
            return None
    return Path(base) / "strategy-kb"


def cached(name: str, sources: Iterable[bytes], kind: type[Packed], build: Callable[[], Packed]) -> Packed:
    """The packed lexicon ``name`` saved from ``sources``, else ``build()`` (then saved for the next run).

    :param name: what the lexicon is, part of the file name ("sv-words")
    :param sources: the bytes the lexicon is built from (its digest names the file)
    :param kind: :class:`~extract.packed.PackedSet` or :class:`~extract.packed.PackedTable`
    :param build: makes the lexicon when no saved one can be loaded
    """
    digest = hashlib.sha256(_VERSION.encode())
    for source in sources:
        digest.update(hashlib.sha256(source).digest())
    folder = cache_folder()
    path = folder / f"{name}-{digest.hexdigest()[:20]}.packed" if folder else None
    if path is not None and path.is_file():
        try:
            return kind.load(path)
        except (OSError, ValueError):  # cut short or damaged: made again below
            pass
    packed = build()
    if path is not None:
        try:
            write_atomically(path, packed.dumps())  # failing (a read-only or full disk): built next run
        except UnicodeError:  # a word with a lone surrogate cannot be saved: the lexicon is built again next run
            pass
    return packed
