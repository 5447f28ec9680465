"""Large read-only word sets and word tables packed into a few thousand strings.

The Swedish lemma table has 660,000 entries: as a ``dict`` of ``str`` it
takes about 160 MB, its word set another 55 MB, in every process that loads
them (the build and its extraction workers). Packed, the entries of a bucket
(chosen by the word's hash) are one string, ``"\\nform\\tlemma\\nform\\tlemma\\n"``,
and a lookup is a substring search in one short string: about a tenth of the
memory, a lookup a few hundred nanoseconds. Buckets are chosen by the CRC-32
of the word's UTF-8, the same in every process, so a packed object can be
saved to a file and loaded again (:meth:`PackedSet.save`, :meth:`PackedSet.load`)
in a small fraction of the time packing takes.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Iterable, Optional, TypeVar

_PER_BUCKET = 32  # entries per bucket on average: short strings to search, few string headers
_SEPARATOR = "\0"  # between the buckets of a saved object; no entry holds it
_FORMAT = "packed-1"

Packed = TypeVar("Packed", bound="_Packed")


def _bucket_count(size: int) -> int:
    return max(1, size // _PER_BUCKET)


def _slot(key: str, count: int) -> int:
    """The bucket of ``key`` among ``count``: the same in every process (unlike ``hash``, which is salted)."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % count


def _buckets(entries: Iterable[tuple[str, str]], size: int) -> list[str]:
    """``size`` entries ``(key, line)`` packed: each line in the bucket of its key, one string per bucket."""
    buckets: list[list[str]] = [[] for _ in range(_bucket_count(size))]
    for key, line in entries:
        buckets[_slot(key, len(buckets))].append(line)
    return ["\n" + "\n".join(b) + "\n" for b in buckets]


def _plain(word: str) -> bool:
    """A word that can be an entry: not empty, no separator inside (none of the packed tables has any)."""
    return bool(word) and "\n" not in word and "\t" not in word and _SEPARATOR not in word


class _Packed:
    """What the packed set and table share: their buckets, size, the text they are saved as (:meth:`dumps`) and loading from a file."""

    _buckets: list[str]
    _size: int

    def __len__(self) -> int:
        return self._size

    def dumps(self) -> str:
        """The object as saved: a header line (format, class, size, buckets, characters), then the buckets."""
        body = _SEPARATOR.join(self._buckets)
        return f"{_FORMAT}\t{type(self).__name__}\t{self._size}\t{len(self._buckets)}\t{len(body)}\n" + body

    @classmethod
    def load(cls: type[Packed], path: Path) -> Packed:
        """The object saved in ``path``.

        :raises ValueError: when the file is not a saved object of this class, or is cut short
        """
        header, _, body = path.read_text(encoding="utf-8").partition("\n")
        fields = header.split("\t")
        buckets = body.split(_SEPARATOR)
        if fields[:2] != [_FORMAT, cls.__name__] or fields[3:] != [str(len(buckets)), str(len(body))]:
            raise ValueError(f"{path} is not a saved {cls.__name__}")
        packed = cls.__new__(cls)
        packed._buckets, packed._size = buckets, int(fields[2])
        return packed


class PackedSet(_Packed):
    """A read-only set of strings.

    >>> "och" in PackedSet(["och", "att"]), "hur" in PackedSet(["och", "att"])
    (True, False)
    """

    def __init__(self, words: Iterable[str]) -> None:
        unique = set(words)
        for word in unique:
            if not _plain(word):
                raise ValueError(f"a packed word must be non-empty without line break, tab or NUL: {word!r}")
        self._buckets = _buckets(((word, word) for word in unique), len(unique))
        self._size = len(unique)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and _plain(word) and f"\n{word}\n" in self._buckets[_slot(word, len(self._buckets))]


class PackedTable(_Packed):
    """A read-only mapping of strings to strings, with the ``in``, ``[]`` and ``get`` of a ``dict``.

    >>> table = PackedTable({"tjänster": "tjänst"})
    >>> table["tjänster"], table.get("tjänst"), "tjänster" in table
    ('tjänst', None, True)
    """

    def __init__(self, table: dict[str, str]) -> None:
        for key, value in table.items():
            if not (_plain(key) and _plain(value)):
                raise ValueError(f"a packed entry must be non-empty without line break, tab or NUL: {key!r}: {value!r}")
        self._buckets = _buckets(((key, f"{key}\t{value}") for key, value in table.items()), len(table))
        self._size = len(table)

    def get(self, key: str, default: Optional[str] = None) -> Optional[str]:
        """The value of ``key``, or ``default`` when the table has none."""
        if not _plain(key):
            return default
        bucket = self._buckets[_slot(key, len(self._buckets))]
        start = bucket.find(f"\n{key}\t")
        if start < 0:
            return default
        start += len(key) + 2
        return bucket[start:bucket.index("\n", start)]

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None
