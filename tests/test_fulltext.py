"""The site's full-text search (kb.site.fulltext) on a small knowledge base built here with the real lemma index.

Every row is written for the test; the index is the build's own
(:func:`kb.search.index_lemmas`), so inflected forms are found exactly as on
the served site.
"""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
import sqlite_utils

from kb import search as kb_search
from kb.search import index_lemmas, query_forms, word_lemmas
from kb.site import fulltext, statement_url

GOALS = [
    # id, document, lang, page, text
    ("fi23/g1", "fi23", "fi", 3, "Palvelujen saatavuus paranee kaikissa kunnissa."),
    ("fi23/g2", "fi23", "fi", 4, "Asukkaiden hyvinvointi ja terveys vahvistuvat."),
    ("fi23/g3", "fi23", "fi", 5, "Jonot lyhenevät <b>nopeasti</b>."),
    ("sv26/g1", "sv26", "sv", 2, "Tjänster för barn och unga utökas."),
    ("sv26/g2", "sv26", "sv", 7, "Invånarnas välfärd och hälsa stärks."),
]


@pytest.fixture(scope="module")
def kb() -> sqlite3.Connection:
    """Two documents (one with a web address), five statements, a section, passages and an evaluation, indexed."""
    db = sqlite_utils.Database(memory=True)
    db["documents"].insert_all([
        {"id": "fi23", "title": "Strategia 2023–2025", "region": "Länsi-Uusimaa", "period_start": 2023,
         "period_end": 2025, "source_url": "https://example.org/strategia.pdf"},
        {"id": "sv26", "title": "Strategi 2026–2029", "region": "Västra Nyland", "period_start": 2026,
         "period_end": 2029, "source_url": None},
    ], pk="id")
    db["goals"].insert_all([dict(zip(("id", "document_id", "lang", "page", "text"), g), kind="goal") for g in GOALS],
                           pk="id")
    db["sections"].insert({"id": "fi23/s1", "document_id": "fi23", "heading": "Palvelut", "lang": "fi",
                           "page_start": 3, "text": "Palveluverkko uudistetaan."}, pk="id")
    db["passages"].insert_all([
        {"id": f"fi23/p{i}", "document_id": "fi23", "role": "paragraph", "lang": "fi", "page": 10 + i,
         "text": f"Palvelu numero {i} kehittyy."} for i in range(1, 8)
    ], pk="id")
    db["evaluations"].insert({"goal_id": "fi23/g1", "assessment": "Palvelujen saatavuus on parantunut."})
    index_lemmas(db)
    return db.conn


def test_base_form_finds_inflected_finnish(kb):
    found = fulltext.search(kb, "palvelu")  # the statement says "Palvelujen"
    assert [h["id"] for h in found["hits"]] == ["fi23/g1"]
    assert "<mark>Palvelujen</mark>" in found["hits"][0]["excerpt"]


def test_inflected_query_finds_its_lemma_in_both_languages(kb):
    finnish = fulltext.search(kb, "asukkaat hyvinvoinnin")  # the statement: "Asukkaiden hyvinvointi"
    assert [h["id"] for h in finnish["hits"]] == ["fi23/g2"]
    swedish = fulltext.search(kb, "tjänsterna")  # the statement: "Tjänster"
    assert [h["id"] for h in swedish["hits"]] == ["sv26/g1"]
    assert swedish["hits"][0]["excerpt"].startswith("<mark>Tjänster</mark>")


def test_every_word_must_occur(kb):
    assert fulltext.search(kb, "palvelujen saatavuus")["hits"][0]["id"] == "fi23/g1"
    assert fulltext.search(kb, "palvelujen välfärd")["hits"] == []


def test_hit_links_its_statement_document_and_page(kb):
    hit = fulltext.search(kb, "saatavuus", database="kb")["hits"][0]
    assert hit["url"] == statement_url("fi23/g1")
    assert hit["document_url"] == "/kb/documents/fi23"
    assert hit["page"] == 3 and hit["document"]["title"] == "Strategia 2023–2025"
    assert hit["source_url"] == "https://example.org/strategia.pdf#page=3"
    swedish = fulltext.search(kb, "välfärd")["hits"][0]
    assert swedish["source_url"] is None and swedish["document_url"] == "/strategies/documents/sv26"


def test_other_tables_and_their_counts(kb):
    found = fulltext.search(kb, "palvelujen", table="evaluations")
    assert [h["id"] for h in found["hits"]] == ["fi23/g1"] and found["hits"][0]["kind"] == "evaluation"
    assert found["counts"]["goals"] == {"count": 1, "exact": True}
    assert found["counts"]["passages"] == {"count": 7, "exact": True}
    assert found["counts"]["sections"]["count"] == 1  # its heading "Palvelut"


def test_pages_follow_each_other_and_counts_stop_at_the_cap(kb, monkeypatch):
    first = fulltext.search(kb, "palvelu", table="passages", size=3)
    second = fulltext.search(kb, "palvelu", table="passages", page=2, size=3)
    last = fulltext.search(kb, "palvelu", table="passages", page=3, size=3)
    ids = [h["id"] for found in (first, second, last) for h in found["hits"]]
    assert sorted(ids) == [f"fi23/p{i}" for i in range(1, 8)]
    assert first["more"] and second["more"] and not last["more"]
    monkeypatch.setattr(fulltext, "COUNT_CAP", 5)
    assert fulltext.search(kb, "palvelu")["counts"]["passages"] == {"count": 5, "exact": False}


def test_text_is_escaped_around_the_marks(kb):
    excerpt = fulltext.search(kb, "nopeasti")["hits"][0]["excerpt"]
    assert excerpt == "Jonot lyhenevät &lt;b&gt;<mark>nopeasti</mark>&lt;/b&gt;."


@pytest.mark.parametrize(("query", "table", "message"), [
    ("", "goals", "nothing to search for"),
    ("  !?  ", "goals", "nothing to search for"),
    ("palvelu", "links", "unknown table 'links'"),
])
def test_a_search_that_cannot_run_says_why(kb, query, table, message):
    with pytest.raises(fulltext.SearchError, match=message):
        fulltext.search(kb, query, table=table)


def test_page_numbers_must_be_whole_numbers():
    assert fulltext.number("", 1, "page") == 1 and fulltext.number("3", 1, "page") == 3
    with pytest.raises(fulltext.SearchError, match="page must be a whole number"):
        fulltext.number("two", 1, "page")


def test_long_text_is_cut_around_the_first_match():
    text = "Alku. " * 80 + "Palvelujen saatavuus paranee." + " Loppu." * 80
    excerpt = fulltext.highlight(text, {"palvelu"}, "fi")
    assert excerpt.startswith("…") and excerpt.endswith("…") and "<mark>Palvelujen</mark>" in excerpt
    assert len(excerpt) < len(text) / 2


def test_words_are_analysed_one_at_a_time_from_many_threads(monkeypatch):
    """Datasette's threads search at once; libvoikko and spaCy may not be entered by two (libvoikko aborts)."""
    inside, most, count = 0, 0, threading.Lock()

    def analysis(text: str, lang: str) -> str:  # stands in for the analysers, slow enough for threads to meet
        nonlocal inside, most
        with count:
            inside += 1
            most = max(most, inside)
        time.sleep(0.002)
        with count:
            inside -= 1
        return text.lower()

    monkeypatch.setattr(kb_search, "lemma_text", analysis)
    threads = [threading.Thread(target=lambda n=n: (word_lemmas(f"Sana{n}", "fi"), query_forms(f"Ord{n}")))
               for n in range(8)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:  # the stand-in's answers must not stay in the caches
        word_lemmas.cache_clear()
        query_forms.cache_clear()
    assert most == 1
