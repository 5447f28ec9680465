"""Finnish/Swedish parallel text: gold pairs of the slide deck and small made-up documents."""

from __future__ import annotations

import dataclasses
import gzip
from collections import Counter, defaultdict
from pathlib import Path
from typing import Optional

import pytest

from conftest import GOLD, load_jsonl
from extract.clean.normalize import match_key
from extract.records import DocumentInfo, ExtractedDocument, Passage, Section
from link.bilingual import cross_similarity
from link.lexicon import read_dictd, seed_pairs
from link.parallel import align, units_of

DECK = "000_c4a48b2cd542f95a.txt"


@pytest.fixture(scope="module")
def aligned(corpus_documents):
    return align(list(corpus_documents.values()))


def _texts(docs):
    return {u.id: u for d in docs for u in units_of(d)}


def test_deck_gold_pairs_precision_and_recall(corpus_documents, aligned):
    links, _ = aligned
    units = _texts(corpus_documents.values())
    gold = {(match_key(g["fi"]["text"]), match_key(g["sv"]["text"])) for g in load_jsonl(GOLD / "parallel_000_dev.jsonl")}
    gold_fi = {f for f, _ in gold}
    gold_sv = {s for _, s in gold}
    deck = corpus_documents[DECK].info.id
    true_pos, false_pos, found = 0, [], set()
    for link in links:
        if link.relation != "translation_of":
            continue
        sv, fi = units[link.source_id], units[link.target_id]
        assert (sv.lang, fi.lang) == ("sv", "fi")
        if sv.document_id != deck or fi.document_id != deck:
            continue
        pair = (match_key(fi.text), match_key(sv.text))
        if pair in gold:
            true_pos += 1
            found.add(pair)
        elif pair[0] in gold_fi or pair[1] in gold_sv:  # a gold unit linked to the wrong partner
            false_pos.append(pair)
    precision = true_pos / (true_pos + len(false_pos))
    recall = len(found) / len(gold)
    assert precision >= 0.95, false_pos
    assert recall >= 0.95, sorted(gold - found)


def test_every_link_explains_itself(aligned):
    links, glossary = aligned
    assert {l.relation for l in links} == {"translation_of", "same_as"}
    for link in links:
        assert 0 < link.score <= 1 and link.method.startswith("parallel:")
        assert link.evidence, link.id
    methods = Counter(l.method for l in links)
    assert methods["parallel:within-document"] > 100
    direct = [l for l in links if l.method == "parallel:within-document"]
    assert all(l.evidence["aligned_words"] for l in direct if l.evidence["words"][0] > 2)
    assert glossary and all(e.dice >= 0.6 and e.pairs >= 2 for e in glossary)


def test_deck_connects_to_the_swedish_strategy(corpus_documents, aligned):
    """A Finnish slide, its Swedish slide and the Swedish strategy's paragraph are all connected."""
    links, _ = aligned
    units = _texts(corpus_documents.values())
    deck = corpus_documents[DECK].info.id
    strategy = corpus_documents["001_a8cff20e7dabf1ab.txt"].info.id
    between = lambda l: {units[l.source_id].document_id, units[l.target_id].document_id} == {deck, strategy}
    same = [l for l in links if l.relation == "same_as" and between(l)]
    translated = [l for l in links if l.relation == "translation_of" and between(l)]
    assert len(same) > 50 and len(translated) > 100
    assert {l.method for l in translated} == {"parallel:across-documents", "parallel:via-same_as", "parallel:structural"}
    for link in translated:
        assert units[link.source_id].document_id == strategy and units[link.target_id].document_id == deck
    # a heading every change promise repeats pairs by its place inside the promise, one partner each
    how = [l for l in translated if units[l.source_id].text == "Hur vi förnyar oss"]
    assert len(how) >= 5 and len({l.target_id for l in how}) == len(how) == len({l.source_id for l in how})
    for link in how:
        sv, fi = units[link.source_id], units[link.target_id]
        assert fi.text == "Miten uudistumme" and link.method == "parallel:structural"
        assert link.evidence["parent"] == [fi.parent, sv.parent] and link.evidence["parent_anchors"] >= 2
    older = corpus_documents["003_936e5353a6c4ad34.txt"].info.id
    assert not any(l.relation == "translation_of" and older in (units[l.source_id].document_id, units[l.target_id].document_id)
                   for l in links), "a 2023 Finnish text is continued in 2026, not translated"


def test_alignment_is_deterministic(corpus_documents, aligned):
    again, glossary = align(list(corpus_documents.values()))
    assert [(l.id, l.score, l.evidence_json()) for l in again] == [(l.id, l.score, l.evidence_json()) for l in aligned[0]]
    assert glossary == aligned[1]


# small documents the tests write ---------------------------------------------------------------


def _doc(doc_id: str, pages: list[tuple[str, list[str]]], period: str = "2026-2029",
         languages: tuple[str, ...] = ("fi", "sv")) -> ExtractedDocument:
    """A document whose page i holds the given (language, item texts); the first text is the title."""
    passages = []
    for page, (lang, texts) in enumerate(pages, 1):
        for i, text in enumerate(texts):
            n = len(passages) + 1
            role = "heading" if i == 0 else "item"
            passages.append(Passage(f"{doc_id}/p{n:04d}", doc_id, None, n, role, 1 if i == 0 else None, None, text, lang, page))
    info = DocumentInfo(doc_id, f"{doc_id}.txt", "Länsi-Uudenmaan hyvinvointialue", "Länsi-Uusimaa", period, "slides",
                        languages, doc_id)
    return ExtractedDocument(info, "0" * 64, len(pages), passages=passages)


FI_SLIDE = ("fi", ["Turvallisempaa elämää kotona",
                   "Kotihoidon asiakkaat saavat apua nopeammin.",
                   "Ikääntyneiden kotiin tarjotaan turvateknologiaa.",
                   "Omaishoitajien jaksamista tuetaan."])
SV_SLIDE = ("sv", ["Tryggare liv hemma",
                   "Kunderna inom hemvården får hjälp snabbare.",
                   "Äldre personers hem erbjuds trygghetsteknologi.",
                   "Närståendevårdarnas ork stöds."])


def _pairs(links, docs) -> set[tuple[str, str]]:
    units = _texts(docs)
    return {(units[l.target_id].text, units[l.source_id].text) for l in links if l.relation == "translation_of"}


def test_swapped_item_order_still_pairs_each_item():
    sv_title, *sv_items = SV_SLIDE[1]
    swapped = ("sv", [sv_title, sv_items[2], sv_items[0], sv_items[1]])
    docs = [_doc("deck", [FI_SLIDE, swapped])]
    pairs = _pairs(align(docs)[0], docs)
    assert pairs == set(zip(FI_SLIDE[1], SV_SLIDE[1]))


def test_finnish_slide_without_swedish_twin_stays_unpaired():
    lonely = ("fi", ["Kiitos", "Lisätietoja saa hyvinvointialueen verkkosivuilta."])
    docs = [_doc("deck", [FI_SLIDE, SV_SLIDE, lonely])]
    links = align(docs)[0]
    pairs = _pairs(links, docs)
    assert pairs == set(zip(FI_SLIDE[1], SV_SLIDE[1]))
    lonely_ids = {u.id for u in units_of(docs[0]) if u.page == 3}
    assert not any(l.source_id in lonely_ids or l.target_id in lonely_ids for l in links)


def test_near_identical_finnish_slides_compete_for_one_swedish_slide():
    draft = ("fi", [FI_SLIDE[1][0], *FI_SLIDE[1][1:3], "Omaishoitajien jaksamista tuetaan paremmin."])
    docs = [_doc("deck", [draft, FI_SLIDE, SV_SLIDE])]
    links = [l for l in align(docs)[0] if l.relation == "translation_of"]
    units = _texts(docs)
    targets = Counter(units[l.target_id].page for l in links)
    sources = Counter(l.source_id for l in links)
    assert set(targets) == {2}, "the slide right before the translation wins, the draft stays unpaired"
    assert max(sources.values()) == 1, "one Swedish unit, one Finnish partner"


def test_same_text_twice_is_same_as_and_carries_the_translation():
    deck = _doc("deck", [FI_SLIDE, SV_SLIDE])
    typo = ("sv", [SV_SLIDE[1][0], SV_SLIDE[1][1].replace("snabbare", "snabbbare"), *SV_SLIDE[1][2:]])
    strategy = _doc("strategy-sv", [typo], languages=("sv",))
    links = align([deck, strategy])[0]
    units = _texts([deck, strategy])
    same = [l for l in links if l.relation == "same_as"]
    assert any("snabbbare" in units[l.source_id].text + units[l.target_id].text for l in same)
    translated = {(units[l.target_id].text, units[l.source_id].text) for l in links if l.relation == "translation_of"}
    assert (FI_SLIDE[1][1], typo[1][1]) in translated and (FI_SLIDE[1][1], SV_SLIDE[1][1]) in translated


def test_translation_across_documents_only_within_the_same_period():
    fi_doc = _doc("strategia-fi", [FI_SLIDE], languages=("fi",))
    sv_doc = _doc("strategi-sv", [SV_SLIDE], languages=("sv",))
    pairs = _pairs(align([fi_doc, sv_doc])[0], [fi_doc, sv_doc])
    assert (FI_SLIDE[1][1], SV_SLIDE[1][1]) in pairs
    older = _doc("strategia-fi", [FI_SLIDE], period="2023-2025", languages=("fi",))
    assert not _pairs(align([older, sv_doc])[0], [older, sv_doc])


# the word knowledge under it ------------------------------------------------------------------


def test_cross_similarity_separates_translations_from_other_sentences():
    right, evidence = cross_similarity("Kotihoidon asiakkaat saavat apua nopeammin.", "Kunderna inom hemvården får hjälp snabbare.")
    wrong, _ = cross_similarity("Kotihoidon asiakkaat saavat apua nopeammin.", "Närståendevårdarnas ork stöds.")
    assert right > 0.5 > wrong
    assert ["asiakkaat", "kund", "freedict"] in evidence["aligned_words"]


def test_numbers_and_names_anchor_without_a_dictionary():
    score, evidence = cross_similarity("Organisaatiomuutos 1.1.2026", "Organisationsförändring 1.1.2026")
    assert "1.1.2026" in evidence["anchors"] and score > 0.5


def test_read_dictd_takes_translation_lines_not_glosses(tmp_path: Path):
    entries = ["arvo /ˈarvo/ <n>\n1. värde\nse, miten tärkeä jokin on\n2. pris\nse, mitä jokin maksaa\n",
               "asiakas /ˈasɪakas/ <n>\nkund, klient\njonkin palvelun tilaaja\n"]
    data = "".join(entries).encode()
    b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    def enc(n: int) -> str:
        out = ""
        while True:
            out = b64[n % 64] + out
            n //= 64
            if not n:
                return out

    offset, lines = 0, []
    for word, entry in zip(("arvo", "asiakas"), entries):
        size = len(entry.encode())
        lines.append(f"{word}\t{enc(offset)}\t{enc(size)}")
        offset += size
    (tmp_path / "x.index").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "x.dict.dz", "wb") as handle:
        handle.write(data)
    assert dict(read_dictd(tmp_path / "x.index", tmp_path / "x.dict.dz")) == {
        "arvo": ["värde", "pris"], "asiakas": ["kund", "klient"]}


def test_bundled_seed_lexicon_is_loaded():
    pairs = seed_pairs()
    assert len(pairs) > 20000
    assert {("palvelu", "tjänst"), ("asiakas", "kund"), ("hyvinvointi", "välfärd")} <= pairs


def test_glossary_corrections_accept_and_reject(tmp_path: Path):
    from extract.errors import ManifestError
    from link.glossary import load_corrections

    (tmp_path / "glossary.toml").write_text(
        '[[pair]]\nfi = "omaishoitaja"\nsv = "närståendevårdare"\nverdict = "accept"\n'
        '[[pair]]\nfi = "asiakas"\nsv = "kund"\nverdict = "reject"\n', encoding="utf-8")
    corrections = load_corrections(tmp_path)
    docs = [_doc("deck", [FI_SLIDE, SV_SLIDE])]
    plain_links, plain_glossary = align(docs)
    links, glossary = align(docs, corrections)
    assert ("omaishoitaja", "närståendevårdare", "user") in {(e.fi, e.sv, e.source) for e in glossary}
    words = {tuple(w) for l in links if l.relation == "translation_of" for w in l.evidence.get("aligned_words", [])}
    assert ("Omaishoitajien", "närståendevårdare", "glossary") in words
    assert not any(w[:2] == ("asiakkaat", "kund") for w in words)
    assert any(tuple(w[:2]) == ("asiakkaat", "kund") for l in plain_links for w in l.evidence.get("aligned_words", []))
    (tmp_path / "glossary.toml").write_text('[[pair]]\nfi = "a"\nverdict = "maybe"\n', encoding="utf-8")
    with pytest.raises(ManifestError, match="glossary.toml"):
        load_corrections(tmp_path)


# hierarchical alignment: sections first, then the units inside aligned sections ---------------

HEADINGS = {"fi": ["Miksi meidän tulee uudistua", "Miten uudistumme", "Millaisia vaikutuksia tavoittelemme"],
            "sv": ["Varför behövs förnyelse", "Hur vi förnyar oss", "Resultat vi vill uppnå"]}
PROMISES = [  # (title, three items) in Finnish and in Swedish
    (("Turvallisempaa elämää kotona", ["Kotihoidon asiakkaat saavat apua nopeammin.", "Omaishoitajien jaksamista tuetaan.",
                                       "Hoidon jatkuvuus paranee selvästi."]),
     ("Tryggare liv hemma", ["Kunderna inom hemvården får hjälp snabbare.", "Närståendevårdarnas ork stöds.",
                             "Vårdens kontinuitet förbättras tydligt."])),
    (("Jokaiselle omalääkäri", ["Jokaisella asukkaalla on oma lääkäri.", "Turhat päivystyskäynnit vähenevät.",
                                "Perheiden palvelut kehittyvät."]),
     ("En husläkare för alla", ["Varje invånare har en egen läkare.", "Onödiga jourbesök minskar.",
                                "Familjernas tjänster utvecklas."])),
    (("Lisää palveluja lapsille", ["Lapset ja nuoret saavat tukea koulussa.", "Yhteistyö kuntien kanssa tiivistyy.",
                                   "Kotona asumista tuetaan teknologialla."]),
     ("Fler tjänster för barn", ["Barn och unga får stöd i skolan.", "Samarbetet med kommunerna intensifieras.",
                                 "Boende hemma stöds med teknologi."])),
]


def _sectioned(doc_id: str, lang: str, promises: list[int], overview: Optional[str] = None) -> ExtractedDocument:
    """A one-language strategy: per promise a section with its title, then each heading followed by one item;
    with ``overview`` "first" or "last", a section introducing and listing all promises' titles before or after them."""
    side = 0 if lang == "fi" else 1
    contents = [(PROMISES[p][side][0], [("heading", PROMISES[p][side][0])]
                 + [u for h, i in zip(HEADINGS[lang], PROMISES[p][side][1]) for u in (("heading", h), ("item", i))])
                for p in promises]
    if overview:
        head = ("Muutoslupaukset", "Förändringslöften")[side]
        intro = ("Muutoslupaukset ohjaavat palvelujen uudistamista.", "Förändringslöftena styr förnyelsen av tjänsterna.")
        listing = (head, [("heading", head), ("paragraph", intro[side])] + [("item", p[side][0]) for p in PROMISES])
        contents.insert(0 if overview == "first" else len(contents), listing)
    sections, passages = [], []
    for title, units in contents:
        sid = f"{doc_id}/s{len(sections) + 1:04d}"
        sections.append(Section(sid, doc_id, None, len(sections) + 1, 1, title, "", lang, 1, 1))
        for role, text in units:
            n = len(passages) + 1
            passages.append(Passage(f"{doc_id}/p{n:04d}", doc_id, sid, n, role, 1 if role == "heading" else None, None,
                                    text, lang, 1))
    info = DocumentInfo(doc_id, f"{doc_id}.txt", "Länsi-Uudenmaan hyvinvointialue", "Länsi-Uusimaa", "2026-2029",
                        "strategy", (lang,), doc_id)
    return ExtractedDocument(info, "0" * 64, 1, sections=sections, passages=passages)


def _heading_pairs(links, docs) -> dict[tuple[str, str], set[str]]:
    """(Finnish title, Swedish title) of the sections of each heading pair → the pairs' Finnish headings."""
    units = _texts(docs)
    titles = {s.id: s.heading for d in docs for s in d.sections}
    section = {p.id: p.section_id for d in docs for p in d.passages}
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link in links:
        sv, fi = units[link.source_id], units[link.target_id]
        if link.relation == "translation_of" and sv.level == "passage" and fi.text in HEADINGS["fi"]:
            out[(titles[section[fi.id]], titles[section[sv.id]])].add(fi.text)
    return out


def test_repeated_headings_pair_inside_their_own_section():
    fi, sv = _sectioned("strategia", "fi", [0, 1, 2]), _sectioned("strategi", "sv", [2, 0, 1])
    links = align([fi, sv])[0]
    pairs = _heading_pairs(links, [fi, sv])
    assert pairs == {(f[0], s[0]): set(HEADINGS["fi"]) for f, s in PROMISES}
    structural = [l for l in links if l.method == "parallel:structural"]
    assert structural and all(l.evidence["parent"] and len(l.evidence["position"]) == 2 for l in structural)
    assert all(0 < l.score <= 1 for l in structural)


def test_section_without_translation_leaves_its_headings_unpaired():
    fi, sv = _sectioned("strategia", "fi", [0, 1, 2]), _sectioned("strategi", "sv", [2, 0])
    links = align([fi, sv])[0]
    pairs = _heading_pairs(links, [fi, sv])
    assert set(pairs) == {(PROMISES[p][0][0], PROMISES[p][1][0]) for p in (0, 2)}
    lonely = {p.id for p in fi.passages if p.section_id == "strategia/s0002"}
    assert not any(l.target_id in lonely for l in links if l.relation == "translation_of")


def test_a_strong_lexical_pair_is_not_overridden_by_position():
    """A Swedish item moved elsewhere keeps its lexical partner; the unit left in its place stays unpaired."""
    fi = _sectioned("strategia", "fi", [0])
    sv = _sectioned("strategi", "sv", [0])
    moved = [p for p in sv.passages if p.role == "item"]
    order = [p for p in sv.passages if p not in moved[:1]] + moved[:1]  # first item now last
    sv = dataclasses.replace(sv, passages=tuple(dataclasses.replace(p, ordinal=i + 1) for i, p in enumerate(order)))
    links = align([fi, sv])[0]
    pairs = _pairs(links, [fi, sv])
    assert (PROMISES[0][0][1][0], PROMISES[0][1][1][0]) in pairs
    units = _texts([fi, sv])
    partners = Counter(l.target_id for l in links if l.relation == "translation_of" and units[l.source_id].level == "passage")
    assert max(partners.values()) == 1


def test_units_of_a_list_pair_by_place_between_paired_neighbours():
    """Service names the lexicon does not know pair by their place in a list; a short name detected as
    Finnish amid the Swedish list is read as Swedish."""
    fi_list = ("fi", ["Palvelut ja aukioloajat", "Terveysaseman digiklinikka", "Hammashoito", "Seniori-info",
                      "Sosiaalipalvelujen neuvonta", "Asiakaspalvelu"])
    sv_list = ("sv", ["Tjänster och öppettider", "Hälsostationens digitala klinik", "Tandvård", "Seniorinfo",
                      "Rådgivningen inom socialservice", "Kundtjänst"])
    doc = _doc("deck", [fi_list, sv_list])
    doc = dataclasses.replace(doc, passages=tuple(dataclasses.replace(p, lang="fi") if p.text == "Seniorinfo" else p
                                                  for p in doc.passages))
    pairs = _pairs(align([doc])[0], [doc])
    assert ("Hammashoito", "Tandvård") in pairs and ("Seniori-info", "Seniorinfo") in pairs
    assert pairs == set(zip(fi_list[1], sv_list[1]))


def test_mixed_page_pairs_each_unit():
    """Finnish and Swedish side by side on one page, read row by row: a pair per unit."""
    rows = [t for pair in zip(FI_SLIDE[1], SV_SLIDE[1]) for t in pair]
    doc = _doc("deck", [("fi", rows)])
    langs = {text: ("fi" if i % 2 == 0 else "sv") for i, text in enumerate(rows)}
    doc = dataclasses.replace(doc, passages=tuple(dataclasses.replace(p, lang=langs[p.text]) for p in doc.passages))
    assert _pairs(align([doc])[0], [doc]) == set(zip(FI_SLIDE[1], SV_SLIDE[1]))


def test_a_repeated_title_pairs_with_the_copy_in_the_aligned_parent():
    """Titles listed on an overview and over their own sections: each copy pairs with the copy under the aligned parent."""
    fi = _sectioned("strategia", "fi", [0, 1, 2], overview="last")
    sv = _sectioned("strategi", "sv", [1, 2, 0], overview="first")
    links = align([fi, sv])[0]
    units = _texts([fi, sv])
    titles = {s.id: s.heading for d in (fi, sv) for s in d.sections}
    section = {p.id: p.section_id for d in (fi, sv) for p in d.passages}
    promise_titles = {f[0] for f, _ in PROMISES}
    seen = set()
    for link in links:
        sv_unit, fi_unit = units[link.source_id], units[link.target_id]
        if link.relation == "translation_of" and fi_unit.level == "passage" and fi_unit.text in promise_titles:
            fi_parent, sv_parent = titles[section[fi_unit.id]], titles[section[sv_unit.id]]
            assert (fi_parent == "Muutoslupaukset") == (sv_parent == "Förändringslöften"), (fi_unit.text, sv_parent)
            seen.add((fi_unit.text, fi_parent == "Muutoslupaukset"))
    assert seen == {(t, o) for t in promise_titles for o in (True, False)}
