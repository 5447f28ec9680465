"""The spaCy pipelines: tokens, sentences and lemmas for Finnish and Swedish."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT
from extract.fi_morphology import fi_compound_parts
from extract.lexicons import sv_compound_parts, sv_lemma_of
from extract.nlp import analyse, lemma_text, lemmas, pipeline, sentences


def test_pipelines_are_blank_spacy_with_our_components():
    assert pipeline("fi").pipe_names == ["sentencizer", "fi_voikko_lemmatizer"]
    assert pipeline("sv").pipe_names == ["sentencizer", "sv_lookup_lemmatizer"]
    with pytest.raises(ValueError, match="no pipeline"):
        pipeline("de")


@pytest.mark.parametrize("text, lang, expected", [
    ("hyvinvointialueen palveluja", "fi", ("hyvinvointialue", "palvelu")),
    ("Asukkaille vuonna 2026", "fi", ("asukas", "vuosi", "2026")),
    ("tjänsterna i välfärdsområdets kommuner", "sv", ("tjänst", "välfärdsområde", "kommun")),
])
def test_content_lemmas(text, lang, expected):
    assert lemmas(text, lang) == expected


def test_stop_words_and_punctuation_stay_out_of_the_index():
    indexed = lemma_text("Me ja he, sekä palvelut.", "fi").split()
    assert indexed == ["palvelu"]


def test_compounds_split_into_parts():
    assert fi_compound_parts("vammaispalvelujen") == ("vammais", "palvelu")
    assert fi_compound_parts("talo") == ()
    assert sv_compound_parts("välfärdsområdets") == ("välfärd", "område")
    assert sv_compound_parts("förnya") == ()
    token = analyse("Hyvinvointialueen", "fi")[0]
    assert token._.parts == ("hyvinvointi", "alue")


def test_swedish_unknown_compound_takes_its_tails_lemma():
    assert sv_lemma_of("funktionshindertjänsterna") == "funktionshindertjänst"


def test_sentences():
    assert sentences("Tämä on lause. Toinen lause tässä.", "fi") == ["Tämä on lause.", "Toinen lause tässä."]


def test_libvoikko_and_pyvoikko_agree_on_the_corpus_words():
    """The C library is a faster road to the same transducer: the base forms agree for ≥ 99 % of words.

    libvoikko drops a few readings pyvoikko keeps (some capitalised verb forms,
    hyphenated compounds with an unknown part), so the two are not identical.
    """
    import re

    from extract import fi_morphology

    if fi_morphology._libvoikko() is None:
        pytest.skip("needs the Voikko C library (scripts/install-optional-tools): pyvoikko is in use")
    slow = fi_morphology._voikko()
    text = (CORPUS / "luvn-strategia-2023-2025.txt").read_text(encoding="utf-8")
    words = sorted(set(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)))
    differ = []
    for word in words:
        fast = {a.BASEFORM for form in {word, word.lower()} for a in fi_morphology._analyse_one(form)}
        python = {a.BASEFORM for form in {word, word.lower()} for a in slow.analyse(form)}
        if fast != python:
            differ.append(word)
    assert len(words) > 1000 and len(differ) <= len(words) // 100, differ


def _python(code: str, stdin: str = "", **env: str) -> str:
    """What ``code`` prints, run by a fresh interpreter on this checkout with ``env`` added to the environment."""
    done = subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, text=True, cwd=ROOT,
                          check=True, env={**os.environ, "PYTHONPATH": str(ROOT), **env})
    return done.stdout


def test_the_build_command_imports_spacy_only_when_a_text_is_analysed():
    # a rebuild that finds every analysis in its caches never needs spaCy (about a second to import)
    probe = ("import sys, kb.cli; heavy = [m for m in ('spacy', 'pandas', 'numpy', 'networkx') if m in sys.modules]; "
             "from extract.nlp import lemmas; print(heavy, lemmas('Palvelujen saatavuus paranee', 'fi'), 'spacy' in sys.modules)")
    assert _python(probe).strip() == "[] ('palvelu', 'saatavuus', 'parata') True"


def test_both_engines_put_a_words_readings_in_the_same_order():
    """The first reading is the lemma: pyvoikko (chosen by STRATEGY_KB_VOIKKO) gives the C library's for every word.

    Where the two engines know a word alike (the same set of readings), they must
    also order them alike, or a lemma, a compound split and every link resting on
    them would depend on which engine is installed.
    """
    import json
    import re

    from extract import fi_morphology

    if fi_morphology._libvoikko() is None:
        pytest.skip("needs the Voikko C library (scripts/install-optional-tools): pyvoikko is in use")
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    words = sorted(set(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)))
    probe = ("import json, sys; from extract.fi_morphology import fi_analyses, voikko_engine; words = json.load(sys.stdin); "
             "print(json.dumps([voikko_engine(), {w: [a.FSTOUTPUT for a in fi_analyses(w)] for w in words}]))")
    engine, python = json.loads(_python(probe, json.dumps(words), **{fi_morphology.ENGINE_ENV: "pyvoikko"}))
    assert engine == "pyvoikko"
    here = {w: [a.FSTOUTPUT for a in fi_morphology.fi_analyses(w)] for w in words}
    alike = [w for w in words if sorted(here[w]) == sorted(python[w])]
    ambiguous = [w for w in alike if len(here[w]) > 1]
    assert len(alike) > 0.98 * len(words) and len(ambiguous) > 500
    assert [w for w in ambiguous if here[w] != python[w]] == []
    first = {w: fi_morphology.fi_lemmas(w)[0] for w in ("tilanne", "kuin", "annan", "kokonaisvaltaisesti",
                                                        "terveyspalveluista", "pitovoimaltaan")}
    assert first == {"tilanne": "tilanne", "kuin": "kuin", "annan": "antaa", "kokonaisvaltaisesti": "kokonaisvaltainen",
                     "terveyspalveluista": "terveyspalvelu", "pitovoimaltaan": "pitovoima"}
