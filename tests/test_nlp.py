"""The spaCy pipelines: tokens, sentences and lemmas for Finnish and Swedish."""

from __future__ import annotations

import pytest

from extract.morphology import fi_compound_parts, sv_compound_parts
from extract.nlp import analyse, lemma_text, lemmas, pipeline, sentences, sv_lemma_of


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
