"""The packed word set and word table answer exactly as a ``set`` and a ``dict`` of the same entries."""

from __future__ import annotations

import random

import pytest

from extract import lexicons
from extract.packed import PackedSet, PackedTable


def _words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyzåäöé-"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(1, 12))) for _ in range(count)]


def _probes(words: list[str]) -> list[str]:
    """Absent words that share most of their letters with present ones, and words with separators."""
    out = [w[:-1] for w in words] + [w[1:] for w in words] + [w + "s" for w in words] + [w.upper() for w in words]
    return out + ["", "\n", "\t", "a\nb", "ab\t", words[0] + "\n" + words[1]]


def test_packed_set_is_the_set():
    words = _words(5000, 1)
    packed, plain = PackedSet(words), set(words)
    assert len(packed) == len(plain)
    for word in words + _probes(words):
        assert (word in packed) == (word in plain), word
    assert 3 not in packed


def test_packed_table_is_the_dict():
    rng = random.Random(2)
    keys = _words(5000, 3)
    table = {k: rng.choice(keys) for k in keys}
    packed = PackedTable(table)
    assert len(packed) == len(table)
    for key in keys + _probes(keys):
        assert packed.get(key) == table.get(key), key
        assert packed.get(key, "-") == table.get(key, "-")
        assert (key in packed) == (key in table)
        if key in table:
            assert packed[key] == table[key]
        else:
            with pytest.raises(KeyError):
                packed[key]


def test_entries_with_separators_are_refused():
    with pytest.raises(ValueError):
        PackedSet(["och", "a\nb"])
    with pytest.raises(ValueError):
        PackedTable({"och": ""})


def test_swedish_lexicon_packed_from_the_lookups_table():
    table = lexicons._lookups_table("sv_lemma_lookup.json.gz")
    packed, words = lexicons._sv_tables()
    assert len(packed) == len(table)
    for form in list(table)[::997]:
        assert packed[form] == table[form]
        assert form.lower() in words and table[form].lower() in words
    assert lexicons.sv_lemma_of("tjänsterna") == "tjänst" and lexicons.is_sv_word("och")
