"""The link cache's key of a document (LinkCache.document_key) and each document's units kept under it."""

import dataclasses

from extract.cache import result_origin
from link.cache import LinkCache
from link.units import document_units, units_of
from tests.lineage_helpers import document

GOALS = [("g1", "goal", "Parannamme asukkaiden palveluja."), ("g2", "goal", "Vahvistamme yhteistyötä kuntien kanssa.")]


def test_a_document_is_keyed_by_all_it_holds_its_id_too(tmp_path):
    doc = document("vanha-2023", "2023-2025", GOALS)
    cache = LinkCache(tmp_path)
    key = cache.document_key(doc)
    assert cache.document_key(dataclasses.replace(doc)) == key  # an equal result, another object: the same key
    # the same statements under another name (a replicated document) and a changed text are other documents
    renamed = dataclasses.replace(doc, info=dataclasses.replace(doc.info, id="kopio-2023"))
    edited = dataclasses.replace(doc, statements=doc.statements[:1])
    assert len({key, cache.document_key(renamed), cache.document_key(edited)}) == 3


def test_a_document_with_an_origin_is_keyed_by_it(tmp_path):
    doc = document("vanha-2023", "2023-2025", GOALS)
    renamed = dataclasses.replace(doc, info=dataclasses.replace(doc.info, id="kopio-2023"))
    origins = {d.info.id: result_origin(d, None) for d in (doc, renamed)}
    assert origins[doc.info.id] != origins[renamed.info.id]  # the manifest entry, its id too, is in the origin
    with_origins, without = LinkCache(tmp_path / "a", origins), LinkCache(tmp_path / "b")
    assert with_origins.document_key(doc) != without.document_key(doc)  # the origin, not the result, is hashed
    assert with_origins.document_key(doc) != with_origins.document_key(renamed)


def test_units_are_kept_per_document_and_read_back_equal(tmp_path):
    docs = [document("vanha-2023", "2023-2025", GOALS), document("uusi-2026", "2026-2029", GOALS[:1])]
    want = {d.info.id: units_of(d) for d in docs}
    first = LinkCache(tmp_path)
    assert document_units(docs, first) == want and first.stores == 2 and first.hits == 0
    again = LinkCache(tmp_path)
    assert document_units(docs, again) == want and again.hits == 2 and again.stores == 0
    edited = [dataclasses.replace(docs[0], statements=docs[0].statements[:1]), docs[1]]
    third = LinkCache(tmp_path)
    assert document_units(edited, third) == {d.info.id: units_of(d) for d in edited}
    assert third.hits == 1 and third.stores == 1  # only the edited document's units are made again
    assert document_units(docs) == want  # without a cache: made
