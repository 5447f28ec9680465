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
The parts are cached (:mod:`link.cache`) under keys of exactly their
inputs: per round each document's alignment inside itself and each region's
pairs across documents; each region's same-text pairs; each region's
glossary counts of the first round (:func:`link.parallel.glossary_counts`,
led by their place in the corpus's first round, so the regions' counts
merge into the corpus's) and its whole result of the second round (the
structural pass, :mod:`link.structural`, pairs parents of two documents of
one region); each document's index key counts, summed into the frequent
keys. A rebuild after one document changed recomputes that document and
its region's passes and reads every other region's result whole; a part is
recomputed elsewhere only when the learned glossary or a frequent key it
reads changed. The word analyses of every text the passes read are kept
too (one entry and its additions: :meth:`link.cache.LinkCache.add`): a rebuild analyses only the texts it has not seen.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable, Optional, Sequence

from extract.records import ExtractedDocument
from link.bilingual import ASKED, STORED, Lexicon, bitext, default_lexicon, stored_form
from link.cache import LinkCache, link_from_json, link_to_json, memo, part_key
from link.glossary import Correction
from link import parallel as par
from link.records import GlossaryEntry, Link
from link.structural import hierarchical
from link.units import Unit, document_units

Picks = list[tuple[float, str, str, Link]]


def align_by_region(docs: Sequence[ExtractedDocument], corrections: Sequence[Correction] = (),
                    cache: Optional[LinkCache] = None) -> tuple[list[Link], list[GlossaryEntry]]:
    """:func:`link.parallel.align`, computed region by region (each region's result from ``cache`` where it holds)."""
    stored = _load_analyses(cache)
    by_doc = document_units(sorted(docs, key=lambda d: d.info.id), cache)
    units = [u for doc_units in by_doc.values() for u in doc_units]
    by_id = {u.id: u for u in units}
    # the keys of the parts name the documents by their keys (their units are theirs alone)
    doc_keys = {d.info.id: cache.document_key(d) for d in docs} if cache else {}
    comparable = par.comparable_pairs(docs)
    region_of = {d.info.id: d.info.region for d in docs}
    regions: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        regions[region_of[u.document_id]].append(u)
    accepted = [c for c in corrections if c.verdict == "accept"]
    rejected = {p for c in corrections if c.verdict == "reject" for p in c.pairs()}
    seed = Lexicon([p for c in accepted for p in sorted(c.pairs())], rejected) if corrections else default_lexicon()
    across_frequent, same_frequent = _frequent_by_region(by_doc, comparable, region_of, cache, doc_keys)
    rounds = _Rounds(regions, comparable, across_frequent, cache, doc_keys)
    seed_key = part_key("seed", list(corrections))
    counts = sorted(c for region in sorted(regions) for c in rounds.glossary_counts(region, by_id, seed, seed_key))
    learned = [e for e in par.glossary_from_counts([c[1:] for c in counts], seed) if (e.fi, e.sv) not in rejected]
    glossary = sorted([GlossaryEntry(c.fi, c.sv, 0, 1.0, "user") for c in accepted] + learned, key=lambda e: (e.fi, e.sv))
    lexicon = seed.with_glossary((e.fi, e.sv) for e in learned)
    lexicon_key = part_key("seed+glossary", list(corrections), [(e.fi, e.sv) for e in learned])
    links: list[Link] = []
    for region in sorted(regions):
        region_units, frequent = regions[region], same_frequent.get(region, [])
        links += memo(cache, lambda: ("region", lexicon_key, rounds.keys_of(region_units), sorted(rounds.comparable_in(region)),
                                      rounds.frequent.get(region, []), frequent),
                      lambda: _region_links(docs, rounds, region, by_id, lexicon, lexicon_key, frequent),
                      _encode_links, _decode_links)
    _store_analyses(cache, stored, units)
    bitext.cache_clear()  # free the words of every unit for the later stages (STORED keeps them plain: see link.run)
    return sorted({l.id: l for l in links}.values(), key=lambda l: l.id), glossary


def _region_links(docs: Sequence[ExtractedDocument], rounds: "_Rounds", region: str, by_id: dict[str, Unit],
                  lexicon: Lexicon, lexicon_key: str, same_frequent: list[str]) -> list[Link]:
    """A region's links of the second round: translations (carried over same-text copies too, then the structural
    pass: :func:`link.structural.hierarchical`) and ``same_as``.

    Every pass pairs units of one region only, and the links of one pass over the corpus, restricted to the
    region, come in the order the region's own pass gives them; so the region's result, merged by id with the
    others', is what the passes over the whole corpus give.
    """
    translations = rounds.translations(region, lexicon, lexicon_key)
    same = _same(docs, rounds, region, same_frequent)
    carried = par.via_same_as(translations, same, by_id, rounds.comparable_in(region))
    known = {(l.source_id, l.target_id) for l in translations}
    lexical = translations + [l for l in carried if (l.source_id, l.target_id) not in known]
    return hierarchical(rounds.regions[region], lexical, lexicon) + same


def _frequent_by_region(by_doc: dict[str, list[Unit]], comparable: set[tuple[str, str]], region_of: dict[str, str],
                        cache: Optional[LinkCache], doc_keys: dict[str, str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Per region, the keys too frequent in the corpus (:func:`link.parallel.frequent_keys`) that occur in the
    region's units: among the Swedish units that may pair across documents, and among those that may be the same text.

    Counted document by document (each document's counts cached), summed over the corpus.
    """
    with_partner = sorted({a for a, _ in comparable})

    def compute() -> list[dict[str, list[str]]]:
        counts = {doc: memo(cache, lambda doc=doc: ("key-counts", doc_keys[doc]), lambda units=units: _key_counts(units),
                            list, lambda v: (dict(v[0]), dict(v[1])))
                  for doc, units in by_doc.items()}
        return [_frequent_in(counts, [doc for doc in with_partner if doc in counts], 0, region_of),
                _frequent_in(counts, list(counts), 1, region_of)]

    across, same = memo(cache, lambda: ("frequent", [doc_keys[doc] for doc in by_doc], with_partner, sorted(region_of.items())),
                        compute, list, lambda v: (dict(v[0]), dict(v[1])))
    return across, same


def _key_counts(units: Sequence[Unit]) -> tuple[dict[str, int], dict[str, int]]:
    """A document's :func:`link.parallel.key_counts`: of its Swedish units that may pair across documents
    (:func:`link.parallel.pairs_across`), and of its units that may be the same text (:func:`link.parallel.same_eligible`)."""
    return (par.key_counts(u for u in units if u.lang == "sv" and par.pairs_across(u)),
            par.key_counts(par.same_eligible(units)))


def _frequent_in(counts: dict[str, tuple[dict[str, int], dict[str, int]]], docs: Sequence[str], which: int,
                 region_of: dict[str, str]) -> dict[str, list[str]]:
    """Per region, the keys of ``docs`` whose summed count (``which`` of each document's two) passes :data:`link.parallel.MAX_POSTING`."""
    total: Counter = Counter()
    for doc in docs:
        total.update(counts[doc][which])
    frequent = {key for key, n in total.items() if n > par.MAX_POSTING}
    out: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        out[region_of[doc]].update(frequent.intersection(counts[doc][which]))
    return {region: sorted(keys) for region, keys in out.items() if keys}


class _Rounds:
    """The lexical passes of one round in one region: inside each document, and across the region's documents.

    ``doc_keys`` holds each document's key (:meth:`link.cache.LinkCache.document_key`); empty without a cache.
    """

    def __init__(self, regions: dict[str, list[Unit]], comparable: set[tuple[str, str]],
                 frequent: dict[str, list[str]], cache: Optional[LinkCache], doc_keys: dict[str, str]) -> None:
        self.regions, self.comparable, self.frequent, self.cache = regions, comparable, frequent, cache
        self.doc_keys = doc_keys
        self.docs_in = {region: list(dict.fromkeys(u.document_id for u in units)) for region, units in regions.items()}

    def keys_of(self, units: Sequence[Unit]) -> list[str]:
        """The hashes of the documents ``units`` (one or more documents' units, document by document) are of."""
        return [self.doc_keys[doc] for doc in dict.fromkeys(u.document_id for u in units)]

    def comparable_in(self, region: str) -> set[tuple[str, str]]:
        """The pairs of documents of ``region`` that may translate each other."""
        docs = set(self.docs_in[region])
        return {p for p in self.comparable if p[0] in docs}

    def run(self, region: str, lexicon: Lexicon, lexicon_key: str) -> tuple[dict[str, list[Link]], Picks]:
        """The region's links inside each of its documents, and its picks across them (:func:`link.parallel.across_pairs`).

        :param lexicon_key: a hash of what made ``lexicon`` (:func:`link.cache.part_key`)
        """
        units = self.regions[region]
        by_doc: dict[str, list[Unit]] = defaultdict(list)
        for u in units:
            by_doc[u.document_id].append(u)
        within = {doc: memo(self.cache, lambda doc=doc: ("within", lexicon_key, self.doc_keys[doc]),
                            lambda doc_units=doc_units: par.within_documents(doc_units, lexicon), _encode_links, _decode_links)
                  for doc, doc_units in by_doc.items()}
        comparable = self.comparable_in(region)
        frequent = self.frequent.get(region, [])
        picks = memo(self.cache, lambda: ("across", lexicon_key, self.keys_of(units), sorted(comparable), frequent),
                     lambda: par.across_pairs(units, lexicon, comparable, frozenset(frequent)), _encode_picks, _decode_picks)
        return within, picks

    def translations(self, region: str, lexicon: Lexicon, lexicon_key: str) -> list[Link]:
        """The round's links in the region, as one pass over the corpus orders them: inside documents by document, then the picks."""
        within, picks = self.run(region, lexicon, lexicon_key)
        return [l for doc in sorted(within) for l in within[doc]] + [p[3] for p in sorted(picks, key=par.pick_order)]

    def glossary_counts(self, region: str, by_id: dict[str, Unit], seed: Lexicon, seed_key: str) -> list[tuple]:
        """The :func:`link.parallel.glossary_counts` of the region's first round, each led by its place in the
        corpus's first round (inside documents by document and order, then the picks in :func:`link.parallel.pick_order`)."""
        units = self.regions[region]

        def compute() -> list[tuple]:
            within, picks = self.run(region, seed, seed_key)
            ordered = [((0, doc, i), l) for doc in sorted(within) for i, l in enumerate(within[doc])]
            ordered += [((1, *par.pick_order(p)), p[3]) for p in picks]
            return [(place, *c) for place, l in ordered for c in par.glossary_counts([l], by_id)]

        return memo(self.cache, lambda: ("glossary-counts", seed_key, self.keys_of(units), sorted(self.comparable_in(region)),
                                         self.frequent.get(region, [])),
                    compute, list, lambda v: [(tuple(c[0]), c[1], tuple(c[2]), tuple(c[3])) for c in v])


def _same(docs: Sequence[ExtractedDocument], rounds: _Rounds, region: str, frequent: list[str]) -> list[Link]:
    """The region's ``same_as`` links, in the order of one pass over the corpus (:func:`link.parallel.same_pairs`)."""
    units = rounds.regions[region]
    compute: Callable[[], Picks] = lambda: par.same_pairs(docs, units, frozenset(frequent))
    picks = memo(rounds.cache, lambda: ("same", rounds.keys_of(units), frequent), compute, _encode_picks, _decode_picks)
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
    found = cache.get_dict(part_key("analyses")) if cache else {}
    bitext.cache_clear()  # every side asked for from now on is in ASKED
    STORED.clear()
    ASKED.clear()
    STORED.update(found)
    return set(STORED)


def _store_analyses(cache: Optional[LinkCache], loaded: set[tuple[str, str]], units: Sequence[Unit]) -> None:
    """Add the word analyses of every unit's text and of every text analysed in this build (the joined
    texts of the structural pass) to those stored for the next build (:meth:`LinkCache.add`), unless nothing is new.

    The loaded ones stay: a later build may recompute a region whose joined texts this one took from the
    cache. (Analyses of texts no longer in the corpus stay too, until the code version changes.)
    """
    if cache is None:
        return
    new = (ASKED | {(u.text, u.lang) for u in units}) - loaded
    if new:
        cache.add(part_key("analyses"), STORED, {key: STORED.get(key) or stored_form(bitext(*key)) for key in new})
