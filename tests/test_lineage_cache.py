"""What lineage keeps from one build for the next: each document's terms, each similar_to pool's links, the
scored continues pairs of each pair of documents and languages, the matches of cross-language pairs; a rebuild
reuses them where their inputs are unchanged and equals linking anew."""

from __future__ import annotations

import dataclasses

import link
import link.continues as continues_module
import link.document_terms as document_terms
import link.lemma_index as lemma_index
from conftest import linked_rows
from link.cache import MAX_ADDITIONS, Answers, LinkCache
from link.glossary import Correction


def _reworded(doc, lang: str = "fi"):
    """``doc`` with its first goal (``lang="sv"``: its first Swedish statement) reworded: a word added to its text."""
    first = next(s for s in doc.statements if (s.kind == "goal" if lang == "fi" else s.lang == lang))
    changed = dataclasses.replace(first, text=first.text + (" ja kestävästi" if lang == "fi" else " och hållbart"))
    return dataclasses.replace(doc, statements=tuple(changed if s is first else s for s in doc.statements))


def test_a_rebuild_after_a_change_remakes_only_that_documents_terms_and_equals_linking_anew(warm_links, monkeypatch):
    docs = warm_links.docs
    changed_id = next(d.info.id for d in docs if d.info.kind != "evaluation" and any(s.kind == "goal" for s in d.statements))
    changed = [_reworded(d) if d.info.id == changed_id else d for d in docs]

    made: list[str] = []
    real = document_terms._made
    monkeypatch.setattr(document_terms, "_made", lambda doc, contexts: made.append(doc.info.id) or real(doc, contexts))
    rebuilt = linked_rows(link.run(changed, cache=LinkCache(warm_links.folder)))
    assert made == [changed_id]  # every other document's terms were kept
    monkeypatch.undo()
    assert rebuilt == linked_rows(link.run(changed))


def test_an_unchanged_corpus_is_relinked_from_the_kept_pools_and_pair_matches(warm_links, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("made again though its inputs are unchanged")

    monkeypatch.setattr("link.similar._pool_pairs", fail)
    monkeypatch.setattr("link.continues._score", fail)
    monkeypatch.setattr("link.crosslang.CrossLingual.partner", fail)  # only a new cross-language pair asks
    assert linked_rows(link.run(warm_links.docs, cache=LinkCache(warm_links.folder))) == warm_links.rows


def test_a_swedish_change_rescores_only_the_pairs_with_a_swedish_side(warm_links, monkeypatch):
    """The Finnish IDF is as it was, so the Finnish → Finnish pairs of an untouched pair of documents are kept."""
    docs = warm_links.docs
    swedish = next(d for d in docs if d.info.languages == ("sv",) and d.info.kind != "evaluation")
    changed = [_reworded(d, "sv") if d is swedish else d for d in docs]
    scored: list[tuple[str, str]] = []
    real = continues_module._score
    monkeypatch.setattr(continues_module, "_score", lambda ctx, sources, targets, same: scored.append(
        (ctx.lang(sources[0]), ctx.lang(targets[0]))) or real(ctx, sources, targets, same))
    rebuilt = linked_rows(link.run(changed, cache=LinkCache(warm_links.folder)))
    assert scored and all("sv" in pair for pair in scored) and ("fi", "fi") not in scored  # Finnish → Finnish kept
    monkeypatch.undo()
    assert rebuilt == linked_rows(link.run(changed))


def test_a_glossary_verdict_rescores_only_the_pairs_across_languages(warm_links, monkeypatch):
    """A user's accepted word pair changes the lexicon, which pairs within one language never read."""
    scored: list[tuple[str, str]] = []
    real = continues_module._score
    monkeypatch.setattr(continues_module, "_score", lambda ctx, sources, targets, same: scored.append(
        (ctx.lang(sources[0]), ctx.lang(targets[0]))) or real(ctx, sources, targets, same))
    accepted = [Correction("perustaso", "basnivå", "accept")]
    rebuilt = linked_rows(link.run(warm_links.docs, accepted, cache=LinkCache(warm_links.folder)))
    assert scored and all(ls != lt for ls, lt in scored)
    monkeypatch.undo()
    assert rebuilt == linked_rows(link.run(warm_links.docs, accepted))


def test_answers_loaded_stay_stored_with_the_new_ones_and_nothing_new_writes_nothing(tmp_path):
    first = Answers(LinkCache(tmp_path), "squares", "v1")
    assert [first.get(str(n), lambda n=n: n * n) for n in (2, 3)] == [4, 9]
    first.store()
    again = Answers(LinkCache(tmp_path), "squares", "v1")
    assert again.get("3", lambda: 0) == 9  # remembered, not answered again
    again.store()
    assert again.cache.stores == 0  # nothing new was asked
    again.get("5", lambda: 25)
    again.store()  # "2" was not asked by this build: a result it took from the cache may have spared it
    assert Answers(LinkCache(tmp_path), "squares", "v1").known == {"2": 4, "3": 9, "5": 25}


def test_a_dict_entry_grows_by_small_additions_and_is_written_whole_after_a_few(tmp_path):
    cache = LinkCache(tmp_path)
    cache.put("words", {"a": 1})
    for n in range(MAX_ADDITIONS):
        cache.add("words", cache.get_dict("words"), {f"new{n}": n})
    assert sorted(p.name for p in cache.entries.iterdir())[:2] == ["words+1.bin", "words+2.bin"]
    assert cache.get_dict("words") == {"a": 1, **{f"new{n}": n for n in range(MAX_ADDITIONS)}}
    cache.add("words", cache.get_dict("words"), {"last": 0})  # one too many: merged into the entry
    assert [p.name for p in cache.entries.iterdir()] == ["words.bin"]
    assert LinkCache(tmp_path).get_dict("words") == {"a": 1, "last": 0, **{f"new{n}": n for n in range(MAX_ADDITIONS)}}


def test_analyses_without_a_link_cache_are_kept_to_a_bound_and_never_made_twice_in_one_build(monkeypatch):
    recent = lemma_index._Recent(2)
    monkeypatch.setattr(lemma_index, "_recent", recent)
    monkeypatch.setattr(lemma_index, "_analyses", recent)
    analysed: list[str] = []
    monkeypatch.setattr(lemma_index, "_analyse", lambda text, lang: analysed.append(text) or ((), (), 0, 0))
    for text in ("yksi", "kaksi", "kolme", "kolme", "yksi"):
        lemma_index.text_terms(text, "fi")
    assert analysed == ["yksi", "kaksi", "kolme", "yksi"]  # outside a build the two most recent are kept
    assert len(recent.answers) == 2
    analysed.clear()
    with lemma_index.kept_analyses(None):
        for text in ("yksi", "kaksi", "kolme") * 2:
            lemma_index.text_terms(text, "fi")
    assert analysed == ["kaksi"]  # a build reads the recent ones and keeps its own past the bound
    assert len(recent.answers) == 2
    lemma_index.text_terms("kolme", "fi")
    assert analysed == ["kaksi"]  # the build's last answers are the recent ones after it
