"""A cache of linking results per part of the corpus, so that a rebuild re-links only the parts a change touches.

A part is, for example, the parallel-text alignment of one region's
documents in one round. Its key is a hash of everything the result depends
on: the part's units (ids, texts, pages, languages, parents), the pairs of
documents that may translate each other, the lexicon (seed, the user's
corrections, the learned glossary), the corpus-wide facts the part reads
(which index keys are too common to open candidates) and the code version:
a hash of the ``link`` package with its data files and of the extraction
code version (the word analyses come from :mod:`extract.nlp`). So an entry
is reused only where a full build would compute the same result.

Entries are :mod:`marshal` files (loading one runs no code, and is many
times faster than JSON for the word analyses of a whole corpus; the Python
version is part of the code version, as the format is Python's), written to
a temporary file and moved into place; a folder per code version, the
others removed when the cache is opened, like :class:`extract.cache.ExtractionCache`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
import re
import sys
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

from extract.cache import code_version as extract_version, collector_paused, open_version_folder, write_atomically
from extract.records import ExtractedDocument
from link.records import Link

_VERSION_DIR = re.compile(r"link-[0-9a-f]{16}")
MAX_ADDITIONS = 8  # additions to a dict entry (:meth:`LinkCache.add`) before it is written whole again


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the ``link`` package (code and data), of the extraction code version and of the Python version."""
    digest = hashlib.sha256(f"{extract_version()}\0{sys.version_info[:2]}\0{marshal.version}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def part_key(*inputs: Any) -> str:
    """The key of a part: a hash of its inputs (JSON-serialisable, or objects with a stable ``repr``) and the code."""
    digest = hashlib.sha256(code_version().encode())
    for item in inputs:
        digest.update(json.dumps(item, ensure_ascii=False, sort_keys=True, default=repr).encode() + b"\0")
    return digest.hexdigest()


def link_to_json(link: Link) -> list:
    """A link as a JSON list."""
    return [link.source_id, link.target_id, link.relation, link.score, link.method, link.evidence]


def link_from_json(data: list) -> Link:
    """The link :func:`link_to_json` made."""
    return Link(*data)


class LinkCache:
    """Linking results in a folder, one :mod:`marshal` file per part key; counts its hits and stores.

    :param folder: the cache folder (a subfolder per code version is made in it)
    :param origins: per document id, what decided its extraction result (:func:`extract.cache.result_origin`):
        the documents named here are keyed by it instead of by hashing the whole result
    """

    def __init__(self, folder: str | Path, origins: Optional[Mapping[str, str]] = None) -> None:
        self.folder = Path(folder)
        self.entries = open_version_folder(self.folder, f"link-{code_version()[:16]}", _VERSION_DIR)
        self.hits = 0
        self.stores = 0
        self._origins = dict(origins or {})
        self._document_keys: dict[str, tuple[ExtractedDocument, str]] = {}

    def document_key(self, doc: ExtractedDocument) -> str:
        """A hash of everything ``doc`` holds (its id and manifest entry too), made once per document.

        Equal origins, equal results (extraction is deterministic), so a document with an origin is
        hashed by that; any other by its ``repr``, which spells every field of every record.
        """
        known = self._document_keys.get(doc.info.id)
        if known is not None and known[0] is doc:
            return known[1]
        origin = self._origins.get(doc.info.id)
        text = f"origin {origin}" if origin is not None else f"result {doc!r}"
        key = hashlib.sha1(text.encode()).hexdigest()
        self._document_keys[doc.info.id] = (doc, key)
        return key

    def get(self, key: str) -> Optional[Any]:
        """The stored value, or ``None``; an entry that cannot be read is deleted."""
        path = self.entries / f"{key}.bin"
        try:
            with collector_paused():
                value = marshal.loads(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, EOFError, TypeError):
            path.unlink(missing_ok=True)
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> bool:
        """Store a value (of the types :mod:`marshal` writes: no objects) atomically; a failure to write
        leaves the cache as it was. Whether it was written."""
        try:
            data = marshal.dumps(value)
        except ValueError:
            return False
        written = write_atomically(self.entries / f"{key}.bin", data)
        self.stores += written
        return written

    def get_dict(self, key: str) -> dict:
        """The dict stored under ``key`` by :meth:`put` and :meth:`add` (the entry and its additions merged);
        ``{}`` when there is none."""
        merged: dict = {}
        for name in (key, *self._additions(key)):
            found = self.get(name)
            if isinstance(found, dict):
                merged.update(found)
            elif found is not None:  # an entry of another shape: dropped
                (self.entries / f"{name}.bin").unlink(missing_ok=True)
        return merged

    @staticmethod
    def _additions(key: str) -> list[str]:
        return [f"{key}+{n}" for n in range(1, MAX_ADDITIONS + 1)]

    def add(self, key: str, known: dict, new: dict) -> None:
        """Store ``new`` (keys not in ``known``, what :meth:`get_dict` gave) as an addition to the dict under
        ``key``, so a rebuild writes what it found, not the whole dict again; a missing entry is written
        whole, and after :data:`MAX_ADDITIONS` additions the merged dict replaces the entry and them.

        Every value must depend on its key and question only: two builds at once on one cache may
        overwrite each other's additions (the last writer wins), which loses answers, never gives a wrong one.
        """
        free = [name for name in self._additions(key) if not (self.entries / f"{name}.bin").exists()]
        if (self.entries / f"{key}.bin").exists() and free:
            self.put(free[0], new)
        elif self.put(key, {**known, **new}):
            for name in self._additions(key):
                (self.entries / f"{name}.bin").unlink(missing_ok=True)


class Answers:
    """Answers of a pure function by their question, kept from one build for the next.

    The answers are one cache entry under the key of ``name`` and ``inputs``
    (what else the answers depend on, e.g. the lexicon; the code version is
    in every key). The entry written back holds the answers loaded and those
    this build asked for (:meth:`store`). Without a cache they are remembered
    for the build only.

    :param cache: the link cache (``None``: none)
    :param name: what the answers are
    :param inputs: what besides the question decides an answer (JSON-serialisable)
    """

    def __init__(self, cache: Optional[LinkCache], name: str, *inputs: Any) -> None:
        self.cache = cache
        self.key = part_key(name, *inputs) if cache is not None else ""
        self.known: dict[str, Any] = cache.get_dict(self.key) if cache is not None else {}
        self.asked: dict[str, Any] = {}

    def get(self, question: str, answer: Callable[[], Any]) -> Any:
        """The answer to ``question``: remembered, or ``answer()`` (JSON-serialisable)."""
        if question in self.asked:
            return self.asked[question]
        value = self.known[question] if question in self.known else answer()
        self.asked[question] = value
        return value

    def store(self) -> None:
        """Add the answers this build found to those in the cache (:meth:`LinkCache.add`).

        The loaded ones stay though not asked: a result this build took from the cache (:func:`memo`)
        spared it their questions, which the next change may ask again. (Answers of texts no longer in
        the corpus stay too, until the code version changes.)
        """
        if self.cache is None:
            return
        new = {question: value for question, value in self.asked.items() if question not in self.known}
        if new:
            self.cache.add(self.key, self.known, new)


def memo(cache: Optional[LinkCache], key_inputs: Callable[[], tuple], compute: Callable[[], Any],
         encode: Callable[[Any], Any], decode: Callable[[Any], Any]) -> Any:
    """``compute()``, or its stored result under the key of ``key_inputs()``; without a cache just ``compute()``."""
    if cache is None:
        return compute()
    key = part_key(*key_inputs())
    found = cache.get(key)
    if found is not None:
        try:
            return decode(found)
        except (TypeError, ValueError, KeyError, IndexError):
            pass  # an entry of another shape: computed again and replaced
    value = compute()
    cache.put(key, encode(value))
    return value
