"""spaCy pipelines for Finnish and Swedish: tokens, sentences and lemmas.

Each language gets a blank spaCy pipeline (its tokenizer, stop words and
punctuation rules) with two components of our own:

- ``fi_voikko_lemmatizer``: lemmas from Voikko (``hyvinvointialueen`` →
  ``hyvinvointialue``); ``token._.lemmas`` keeps every reading, ``lemma_`` the
  first, ``token._.parts`` a compound's parts (``hyvinvointi``, ``alue``);
- ``sv_lookup_lemmatizer``: lemmas from spaCy's ``sv_lemma_lookup`` table, with
  a compound's tail looked up when the whole word is unknown
  (``välfärdsområdets`` → ``välfärdsområde``), and the parts of a compound
  in ``token._.parts`` (``välfärd``, ``område``);

plus spaCy's rule-based ``sentencizer``. Everything downstream that needs
words (parallel text, lineage, full-text search) asks :func:`lemmas` or
:func:`lemma_text`, so indexing and querying use the same analysis.
"""

from __future__ import annotations

from functools import lru_cache, partial
from types import ModuleType
from typing import TYPE_CHECKING, Iterable

from extract.fi_morphology import fi_compound_parts, fi_lemmas
from extract.lang import sv
from extract.lexicons import sv_compound_parts, sv_lemma_of

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

LANGUAGES = ("fi", "sv")


def _plain(token: Token) -> str:
    return token.text.lower()


def fi_voikko_lemmatizer(doc: Doc) -> Doc:
    """Set ``lemma_`` and ``_.lemmas`` of Finnish tokens from Voikko."""
    for token in doc:
        readings = fi_lemmas(token.text) if token.is_alpha or "-" in token.text else ()
        token._.lemmas = readings or (_plain(token),)
        token.lemma_ = token._.lemmas[0]
        token._.parts = fi_compound_parts(token.text) if readings else ()
    return doc


def sv_lookup_lemmatizer(doc: Doc) -> Doc:
    """Set ``lemma_`` and ``_.lemmas`` of Swedish tokens from the lookup table."""
    for token in doc:
        lemma = sv_lemma_of(token.text) if token.is_alpha else _plain(token)
        token._.lemmas = (lemma,)
        token.lemma_ = lemma
        token._.parts = sv_compound_parts(lemma) if token.is_alpha else ()
    return doc


@lru_cache(maxsize=1)
def _spacy() -> ModuleType:
    """spaCy with our token attributes and components registered, imported on the first pipeline asked for.

    Importing spaCy takes about a second: a rebuild that finds every analysis in its caches never does.
    """
    import spacy
    from spacy.language import Language
    from spacy.tokens import Token

    for name in ("lemmas", "parts"):
        if not Token.has_extension(name):
            Token.set_extension(name, default=())
    Language.component("fi_voikko_lemmatizer", func=fi_voikko_lemmatizer)
    Language.component("sv_lookup_lemmatizer", func=sv_lookup_lemmatizer)
    return spacy


def _add_stop_words(nlp: Language, words: Iterable[str]) -> None:
    """Make ``words`` stop words of ``nlp``'s vocabulary in every casing, as spaCy's own stop words are."""
    from spacy.attrs import IS_STOP
    from spacy.lang.lex_attrs import is_stop

    stops = frozenset(nlp.Defaults.stop_words | set(words))
    nlp.vocab.lex_attr_getters[IS_STOP] = partial(is_stop, stops=stops)  # for the words the vocabulary meets later
    for lexeme in nlp.vocab:  # and those it holds already
        lexeme.is_stop = lexeme.lower_ in stops


@lru_cache(maxsize=None)
def pipeline(lang: str) -> Language:
    """The blank spaCy pipeline of ``lang`` ("fi" or "sv") with lemmatizer and sentencizer.

    :raises ValueError: for a language other than "fi" and "sv"
    """
    if lang not in LANGUAGES:
        raise ValueError(f"no pipeline for language {lang!r}; known: {', '.join(LANGUAGES)}")
    nlp = _spacy().blank(lang)
    if lang == "sv":  # spaCy's Swedish stop list lacks closed-class words such as "hos" (read as the noun "ho")
        _add_stop_words(nlp, sv.FUNCTION_WORDS)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fi_voikko_lemmatizer" if lang == "fi" else "sv_lookup_lemmatizer")
    return nlp


def _language(lang: str) -> str:
    return lang if lang in LANGUAGES else "fi"


@lru_cache(maxsize=1 << 10)  # Docs are large; callers cache what they keep of them
def analyse(text: str, lang: str) -> Doc:
    """The processed spaCy ``Doc`` of ``text`` (recent ones cached; unknown languages read as Finnish)."""
    return pipeline(_language(lang))(text)


def content_tokens(doc: Doc) -> Iterable[Token]:
    """Tokens that carry meaning: words and numbers, not stop words or punctuation."""
    return (t for t in doc if (t.is_alpha and not t.is_stop and len(t.text) > 1) or t.like_num)


@lru_cache(maxsize=1 << 16)
def lemmas(text: str, lang: str) -> tuple[str, ...]:
    """The content lemmas of ``text`` in order (stop words and punctuation dropped).

    Example: ``lemmas("Palvelujen saatavuus paranee", "fi") == ("palvelu", "saatavuus", "parata")``

    :param text: any text.
    :param lang: "fi" or "sv" (others are read as Finnish).
    """
    return tuple(t.lemma_ for t in content_tokens(analyse(text, lang)))


@lru_cache(maxsize=1 << 16)
def lemma_text(text: str, lang: str) -> str:
    """Every reading of every word of ``text`` as one space-separated string, for a search index.

    All of Voikko's readings are kept (an ambiguous form is found by each of its
    lemmas); stop words stay out.

    :param text: any text.
    :param lang: "fi" or "sv" (others are read as Finnish).
    """
    out: list[str] = []
    for token in content_tokens(analyse(text, lang)):
        out.extend(token._.lemmas)
    return " ".join(out)


def warm_up() -> None:
    """Load both pipelines and the word knowledge behind them (spaCy, Voikko, the Swedish lexicon): a few seconds."""
    for lang, text in (("fi", "Hyvinvointialueen palvelut"), ("sv", "Välfärdsområdets tjänster")):
        lemma_text(text, lang)


def sentences(text: str, lang: str) -> list[str]:
    """``text`` split into sentences by the pipeline's sentencizer."""
    return [s.text.strip() for s in analyse(text, lang).sents if s.text.strip()]
