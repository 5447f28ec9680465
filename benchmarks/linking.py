"""Linking time as the corpus grows, for the project's linker and a naive all-pairs baseline.

The corpus is grown by replicating extracted documents under new ids. Each
replica's statements have about half their words swapped for words of the
same language from elsewhere in the corpus (seeded), so replicas are related
the way the strategies of different counties are, not verbatim duplicates
(which any linker must pair with every other copy, whatever its indexing).
"""

from __future__ import annotations

import dataclasses
import random
import re
import time
from collections import defaultdict
from typing import Any, Sequence

import link
from link.parallel import align
from extract.records import ExtractedDocument

_WORD = re.compile(r"\w+")
SWAP_SHARE = 0.5
NAIVE_THRESHOLD = 0.5


def replicate(documents: Sequence[ExtractedDocument], factor: int, swap_share: float = SWAP_SHARE) -> list[ExtractedDocument]:
    """``factor`` copies of ``documents``: the originals, then replicas with new ids and swapped words.

    :param documents: extracted documents
    :param factor: how many copies in all (1: the originals only)
    :param swap_share: the share of statement words each replica swaps (0: verbatim copies as other counties)
    """
    vocabulary: dict[str, list[str]] = defaultdict(list)
    for document in documents:
        for statement in document.statements:
            vocabulary[statement.lang].extend(_WORD.findall(statement.text))
    out = list(documents)
    for copy in range(1, factor):
        rng = random.Random(copy)
        out.extend(_replica(document, copy, vocabulary, rng, swap_share) for document in documents)
    return out


def _replica(
    document: ExtractedDocument, copy: int, vocabulary: dict[str, list[str]], rng: random.Random, swap_share: float
) -> ExtractedDocument:
    """One replica: every id under the new document id, statement words swapped, a region of its own."""
    old, new = document.info.id, f"{document.info.id}-x{copy:03d}"
    info = dataclasses.replace(document.info, id=new, region=f"{document.info.region} {copy}")
    changes: dict[str, Any] = {"info": info}
    for field in dataclasses.fields(document):
        value = getattr(document, field.name)
        if isinstance(value, tuple):
            changes[field.name] = tuple(_renamed(record, old, new) for record in value)
    changes["statements"] = tuple(
        dataclasses.replace(s, text=_swapped(s.text, vocabulary.get(s.lang, ()), rng, swap_share))
        for s in changes["statements"]
    )
    return dataclasses.replace(document, **changes)


def _renamed(record: Any, old: str, new: str) -> Any:
    """A record with every id field of document ``old`` moved under ``new``."""
    if not dataclasses.is_dataclass(record):
        return record
    changes = {
        f.name: new + value[len(old):]
        for f in dataclasses.fields(record)
        if isinstance(value := getattr(record, f.name), str) and (value == old or value.startswith(old + "/"))
    }
    return dataclasses.replace(record, **changes) if changes else record


def _swapped(text: str, words: Sequence[str], rng: random.Random, share: float) -> str:
    """``text`` with about ``share`` of its words replaced by random ``words``."""
    if not words or not share:
        return text
    return _WORD.sub(lambda m: rng.choice(words) if rng.random() < share else m.group(0), text)


def naive_pairs(documents: Sequence[ExtractedDocument], budget: int) -> tuple[int, float, bool]:
    """Compare every pair of statements by word-overlap (Dice) score: the all-pairs baseline.

    When there are more than ``budget`` pairs, only the first statements' rows
    (about ``budget`` pairs) are compared and the time is scaled to all pairs.

    :param documents: the corpus
    :param budget: the most pairs to compare
    :returns: pairs scoring at least :data:`NAIVE_THRESHOLD` (among those compared),
        seconds (for all pairs), and whether the seconds are extrapolated
    """
    bags = [set(_WORD.findall(s.text.lower())) for d in documents for s in d.statements]
    total = len(bags) * (len(bags) - 1) // 2
    rows, compared = 0, 0
    while rows < len(bags) and compared < budget:
        compared += len(bags) - rows - 1
        rows += 1
    started = time.perf_counter()
    found = 0
    for i in range(rows):
        a = bags[i]
        for b in bags[i + 1:]:
            if a and b and 2 * len(a & b) >= NAIVE_THRESHOLD * (len(a) + len(b)):
                found += 1
    seconds = time.perf_counter() - started
    estimated = compared < total
    return found, seconds * total / compared if estimated and compared else seconds, estimated


def measure(base: Sequence[ExtractedDocument], factors: Sequence[int], naive_budget: int) -> dict:
    """Linking time at each growth factor, for ``link.run``, its parallel-text part and the naive baseline; growth ratios.

    :param base: the documents at ×1
    :param factors: growth factors, the first being the base of the ratios (e.g. 1, 10, 50)
    :param naive_budget: the most pairs the naive baseline compares at one factor
    """
    link.run(base)  # load the linkers' lexicons and models outside the timings
    rows = []
    for factor in factors:
        documents = replicate(base, factor)
        started = time.perf_counter()
        align(documents)
        parallel_seconds = time.perf_counter() - started
        started = time.perf_counter()
        links = link.run(documents)
        seconds = time.perf_counter() - started
        found, naive_seconds, estimated = naive_pairs(documents, naive_budget)
        rows.append({
            "factor": factor,
            "statements": sum(len(d.statements) for d in documents),
            "links": len(links),
            "seconds": round(seconds, 3),
            "parallel_seconds": round(parallel_seconds, 3),
            "naive_seconds": round(naive_seconds, 3),
            "naive_estimated": estimated,
            "naive_pairs_found": found,
        })
    first = rows[0]
    for row in rows:
        row["growth"] = round(row["seconds"] / first["seconds"], 2) if first["seconds"] else None
        row["parallel_growth"] = round(row["parallel_seconds"] / first["parallel_seconds"], 2)
        row["naive_growth"] = round(row["naive_seconds"] / first["naive_seconds"], 2) if first["naive_seconds"] else None
    return {"steps": rows}
