"""Parallel text region by region: the passes of :mod:`link.parallel` on each region, merged as the corpus gives them.

Every pass pairs units of one region only: inside a document, across
documents of one region and overlapping periods, the same text twice within a
region. So each region's result depends on its own units and on three facts
about the whole corpus: the lexicon (seed, the user's corrections and, in
the second round, the glossary learned from every region's first round),
and which index keys are in so many units of the corpus that they open no
candidates (:func:`link.parallel.frequent_keys`, of which only the keys
that occur in the region count). Given those, a region's links are the ones
a pass over the whole corpus makes there, and the regions' one-to-one picks
merge in the order the whole pass would take them
(:func:`link.parallel.pick_order`), so the result is the same link for link.
Each document's alignment inside itself, and each region's across
documents, same-text pairs and structural pass (:mod:`link.structural`:
its pairs of parents join two documents of one region), are cached
(:mod:`link.cache`) under a key of exactly those inputs: a rebuild after
one document changed recomputes that document and its region's passes,
and every part only when the learned glossary or a frequent key changed.
The word analyses of every text the passes read are kept too (one entry):
a rebuild analyses only the texts it has not seen.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Optional, Sequence

from extract.records import ExtractedDocument
from link.bilingual import ASKED, STORED, Lexicon, bitext, default_lexicon, stored_form
from link.cache import LinkCache, link_from_json, link_to_json, memo, part_key
from link.glossary import Correction
from link import parallel as par
from link.records import GlossaryEntry, Link
from link.structural import hierarchical
from link.units import Unit, units_of

Picks = list[tuple[float, str, str, Link]]


def align_by_region(docs: Sequence[ExtractedDocument], corrections: Sequence[Correction] = (),
                    cache: Optional[LinkCache] = None) -> tuple[list[Link], list[GlossaryEntry]]:
    """:func:`link.parallel.align`, computed region by region (each region's result from ``cache`` where it holds)."""
    stored = _load_analyses(cache)
    by_doc = {d.info.id: units_of(d) for d in sorted(docs, key=lambda d: d.info.id)}
    units = [u for doc_units in by_doc.values() for u in doc_units]
    by_id = {u.id: u for u in units}
    # a document's units hashed once: the keys of the parts name the documents by these
    doc_keys = {doc: part_key("units", doc_units) for doc, doc_units in by_doc.items()} if cache else {}
    comparable = par.comparable_pairs(docs)
    region_of = {d.info.id: d.info.region for d in docs}
    regions: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        regions[region_of[u.document_id]].append(u)
    accepted = [c for c in corrections if c.verdict == "accept"]
    rejected = {p for c in corrections if c.verdict == "reject" for p in c.pairs()}
    seed = Lexicon([p for c in accepted for p in sorted(c.pairs())], rejected) if corrections else default_lexicon()
    across_frequent = _frequent_by_region(
        [u for u in par.across_eligible(units, comparable) if u.lang == "sv"], region_of)
    rounds = _Rounds(regions, comparable, across_frequent, cache, doc_keys)
    first = rounds.run(seed, part_key("seed", list(corrections)))
    learned = [e for e in par.learn_glossary(first, by_id, seed) if (e.fi, e.sv) not in rejected]
    glossary = sorted([GlossaryEntry(c.fi, c.sv, 0, 1.0, "user") for c in accepted] + learned, key=lambda e: (e.fi, e.sv))
    lexicon = seed.with_glossary((e.fi, e.sv) for e in learned)
    lexicon_key = part_key("seed+glossary", list(corrections), [(e.fi, e.sv) for e in learned])
    translations = rounds.run(lexicon, lexicon_key)
    same = _same(docs, rounds, _frequent_by_region(par.same_eligible(units), region_of))
    carried = par.via_same_as(translations, same, by_id, comparable)
    known = {(l.source_id, l.target_id) for l in translations}
    lexical = translations + [l for l in carried if (l.source_id, l.target_id) not in known]
    links = _hierarchical(rounds, lexical, by_id, lexicon, lexicon_key) + same
    _store_analyses(cache, stored, units)
    bitext.cache_clear()  # free the words of every unit for the later stages (STORED keeps them plain: see link.run)
    return sorted({l.id: l for l in links}.values(), key=lambda l: l.id), glossary


def _hierarchical(rounds: "_Rounds", lexical: Sequence[Link], by_id: dict[str, Unit], lexicon: Lexicon,
                  lexicon_key: str) -> list[Link]:
    """:func:`link.structural.hierarchical` region by region, each region's links from the cache where it holds.

    A lexical link joins units of one region, and the structural pass pairs
    units inside one pair of documents: a region's result depends on its units,
    its lexical links (in their order) and the lexicon only. Concatenated in
    region order, the links keep each region's order, so merging them by id
    gives what one pass over the corpus gives.
    """
    by_region: dict[str, list[Link]] = defaultdict(list)
    region_of = {u.document_id: region for region, units in rounds.regions.items() for u in units}
    for l in lexical:
        by_region[region_of[by_id[l.source_id].document_id]].append(l)
    out: list[Link] = []
    for region in sorted(by_region):
        units, links = rounds.regions[region], by_region[region]
        out += memo(rounds.cache, lambda: ("hierarchical", lexicon_key, rounds.keys_of(units), _encode_links(links)),
                    lambda: hierarchical(units, links, lexicon), _encode_links, _decode_links)
    return out


def _frequent_by_region(units: Sequence[Unit], region_of: dict[str, str]) -> dict[str, list[str]]:
    """Per region, the keys too frequent in ``units`` (the whole corpus's) that occur in the region's units."""
    index = par._index(units)
    out: dict[str, set[str]] = defaultdict(set)
    for key in par.frequent_keys(index):
        for u in index[key]:
            out[region_of[u.document_id]].add(key)
    return {region: sorted(keys) for region, keys in out.items()}


class _Rounds:
    """One round of the lexical passes: inside each document, and across the documents of each region.

    ``doc_keys`` holds each document's units hashed (:func:`link.cache.part_key`); empty without a cache.
    """

    def __init__(self, regions: dict[str, list[Unit]], comparable: set[tuple[str, str]],
                 frequent: dict[str, list[str]], cache: Optional[LinkCache], doc_keys: dict[str, str]) -> None:
        self.regions, self.comparable, self.frequent, self.cache = regions, comparable, frequent, cache
        self.doc_keys = doc_keys

    def keys_of(self, units: Sequence[Unit]) -> list[str]:
        """The hashes of the documents ``units`` (one or more documents' units, document by document) are of."""
        return [self.doc_keys[doc] for doc in dict.fromkeys(u.document_id for u in units)]

    def run(self, lexicon: Lexicon, lexicon_key: str) -> list[Link]:
        """The round's links as one pass over the corpus orders them: inside documents by document, then the picks.

        :param lexicon_key: a hash of what made ``lexicon`` (:func:`link.cache.part_key`)
        """
        within: dict[str, list[Link]] = {}
        picks: Picks = []
        for region in sorted(self.regions):
            units = self.regions[region]
            by_doc: dict[str, list[Unit]] = defaultdict(list)
            for u in units:
                by_doc[u.document_id].append(u)
            for doc, doc_units in by_doc.items():
                within[doc] = memo(self.cache, lambda doc=doc: ("within", lexicon_key, self.doc_keys[doc]),
                                   lambda doc_units=doc_units: par.within_documents(doc_units, lexicon),
                                   _encode_links, _decode_links)
            comparable = {p for p in self.comparable if p[0] in by_doc}
            frequent = self.frequent.get(region, [])
            picks += memo(self.cache, lambda: ("across", lexicon_key, self.keys_of(units), sorted(comparable), frequent),
                          lambda: par.across_pairs(units, lexicon, comparable, frozenset(frequent)),
                          _encode_picks, _decode_picks)
        return [l for doc in sorted(within) for l in within[doc]] + [p[3] for p in sorted(picks, key=par.pick_order)]


def _same(docs: Sequence[ExtractedDocument], rounds: _Rounds, frequent: dict[str, list[str]]) -> list[Link]:
    """``same_as`` links region by region, merged in the order of one pass (:func:`link.parallel.same_pairs`)."""
    picks: Picks = []
    for region in sorted(rounds.regions):
        units, keys = rounds.regions[region], frequent.get(region, [])
        compute: Callable[[], Picks] = lambda units=units, keys=keys: par.same_pairs(docs, units, frozenset(keys))
        picks += memo(rounds.cache, lambda: ("same", rounds.keys_of(units), keys), compute, _encode_picks, _decode_picks)
    return [p[3] for p in sorted(picks, key=par.pick_order)]


def _encode_picks(picks: Picks) -> list:
    return [[score, a, b, link_to_json(link)] for score, a, b, link in picks]


def _decode_picks(data: list) -> Picks:
    return [(score, a, b, link_from_json(link)) for score, a, b, link in data]


def _encode_links(links: list[Link]) -> list:
    return [link_to_json(l) for l in links]


def _decode_links(data: list) -> list[Link]:
    return [link_from_json(l) for l in data]


def _load_analyses(cache: Optional[LinkCache]) -> set[tuple[str, str]]:
    """Put the word analyses of the last build into :data:`link.bilingual.STORED`; which ones there were."""
    found = cache.get(part_key("analyses")) if cache else None
    bitext.cache_clear()  # every side asked for from now on is in ASKED
    STORED.clear()
    ASKED.clear()
    if isinstance(found, dict):
        STORED.update(found)
    return set(STORED)


def _store_analyses(cache: Optional[LinkCache], loaded: set[tuple[str, str]], units: Sequence[Unit]) -> None:
    """Store the word analyses of every unit's text and of every text analysed in this build (the joined
    texts of the structural pass) for the next build, with those loaded, unless nothing is new.

    The loaded ones stay: a later build may recompute a region whose joined texts this one took from the
    cache. (Analyses of texts no longer in the corpus stay too, until the code version changes.)
    """
    if cache is None:
        return
    wanted = loaded | ASKED | {(u.text, u.lang) for u in units}
    if wanted != loaded:
        cache.put(part_key("analyses"), {key: STORED.get(key) or stored_form(bitext(*key)) for key in wanted})
