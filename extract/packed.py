"""Large read-only word sets and word tables packed into a few thousand strings.

The Swedish lemma table has 660,000 entries: as a ``dict`` of ``str`` it
takes about 160 MB, its word set another 55 MB, in every process that loads
them (the build and its extraction workers). Packed, the entries of a bucket
(chosen by the word's hash) are one string, ``"\\nform\\tlemma\\nform\\tlemma\\n"``,
and a lookup is a substring search in one short string: about a tenth of the
memory, a lookup a few hundred nanoseconds. Buckets are chosen by Python's
string hash, which is salted per process: a packed object is valid in the
process that built it (and its forks) and must not be pickled.
"""

from __future__ import annotations

from typing import Iterable, Optional

_PER_BUCKET = 32  # entries per bucket on average: short strings to search, few string headers


def _bucket_count(size: int) -> int:
    return max(1, size // _PER_BUCKET)


def _buckets(entries: Iterable[tuple[str, str]], size: int) -> list[str]:
    """``size`` entries ``(key, line)`` packed: each line in the bucket of its key's hash, one string per bucket."""
    buckets: list[list[str]] = [[] for _ in range(_bucket_count(size))]
    for key, line in entries:
        buckets[hash(key) % len(buckets)].append(line)
    return ["\n" + "\n".join(b) + "\n" for b in buckets]


def _plain(word: str) -> bool:
    """A word that can be an entry: not empty, no separator inside (none of the packed tables has either)."""
    return bool(word) and "\n" not in word and "\t" not in word


class PackedSet:
    """A read-only set of strings.

    >>> "och" in PackedSet(["och", "att"]), "hur" in PackedSet(["och", "att"])
    (True, False)
    """

    def __init__(self, words: Iterable[str]) -> None:
        unique = set(words)
        for word in unique:
            if not _plain(word):
                raise ValueError(f"a packed word must be non-empty without line break or tab: {word!r}")
        self._buckets = _buckets(((word, word) for word in unique), len(unique))
        self._size = len(unique)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and _plain(word) and f"\n{word}\n" in self._buckets[hash(word) % len(self._buckets)]

    def __len__(self) -> int:
        return self._size


class PackedTable:
    """A read-only mapping of strings to strings, with the ``in``, ``[]`` and ``get`` of a ``dict``.

    >>> table = PackedTable({"tjänster": "tjänst"})
    >>> table["tjänster"], table.get("tjänst"), "tjänster" in table
    ('tjänst', None, True)
    """

    def __init__(self, table: dict[str, str]) -> None:
        for key, value in table.items():
            if not (_plain(key) and _plain(value)):
                raise ValueError(f"a packed entry must be non-empty without line break or tab: {key!r}: {value!r}")
        self._buckets = _buckets(((key, f"{key}\t{value}") for key, value in table.items()), len(table))
        self._size = len(table)

    def get(self, key: str, default: Optional[str] = None) -> Optional[str]:
        """The value of ``key``, or ``default`` when the table has none."""
        if not _plain(key):
            return default
        bucket = self._buckets[hash(key) % len(self._buckets)]
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

    def __len__(self) -> int:
        return self._size
