"""The tokenizer makes a question and an article agree on names, abbreviations, spellings and word forms."""

from __future__ import annotations

import pytest
import snowballstemmer
import Stemmer
from snowballstemmer.english_stemmer import EnglishStemmer

from bot.core.search.tokenize import stem, tokenize, tokenize_sentences, tokenize_words
from bot.core.service import QAService


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("Han Min-koo", "Han Min Koo"),
        ("Park Geun-hye", "PARK Geun Hye".title()),
        ("S. Korea", "South Korea"),
        ("N. Korea", "North Korea"),
        ("U.S.", "US"),
        ("what did the us and japan sign", "What did the U.S. and Japan sign"),
        ("they told us", "they told"),
        ("U.N. resolutions", "UN resolutions"),
        ("Japan’s ministry", "Japan's ministry"),
        ("the ministry's statement", "ministry statement"),
        ("“necessary”", '"necessary"'),
        ("Defence Ministry", "Defense Ministry"),
        ("the talks took place", "talks take place"),
        ("who spoke", "speaks"),
        ("relationship", "relations"),
        ("Séoul", "Seoul"),
        ("countries", "country"),
    ],
)
def test_forms_agree(question: str, article: str) -> None:
    """Both spellings produce the same terms."""
    assert tokenize(question) == tokenize(article)


@pytest.mark.parametrize(
    ("degree", "base"), [("higher", "high"), ("lowest", "low"), ("best", "good"), ("later", "late")]
)
def test_comparatives_keep_their_degree(degree: str, base: str) -> None:
    """A comparative or superlative is not read as its base word."""
    assert tokenize(degree) != tokenize(base)


def test_a_verb_meets_its_comparative_form() -> None:
    """The verb "lowering" and the adjective "lower" share a term, as Snowball stems both."""
    assert tokenize("lowering") == tokenize("lower")


def test_stopwords_and_single_letters_are_dropped() -> None:
    """Function words, contractions and stray letters carry no weight."""
    assert tokenize("What is it that they don't know about a b c?") == ["know"]


def test_capitalised_acronym_is_not_a_stopword() -> None:
    """ "US" in capitals is the country; "us" in lower case is a pronoun."""
    assert tokenize("Tell us about the US") == ["tell", "us"]


def test_shouted_text_is_read_as_words() -> None:
    """A question typed in capitals is not read as a string of acronyms."""
    assert tokenize("WHO IS HAN MIN-KOO?") == tokenize("who is han min-koo?")


def test_numbers_and_ranges_are_kept() -> None:
    """Years and counts are searchable; a range gives both ends."""
    assert tokenize("the 1950-53 war and 20 missiles in 2012") == ["1950", "53", "war", "20", "missil", "2012"]


def test_empty_and_punctuation_give_no_terms() -> None:
    """Nothing searchable yields an empty list rather than an error."""
    assert tokenize("") == []
    assert tokenize("?!… —") == []


@pytest.mark.parametrize(
    "sentences",
    [
        ["Japan and S. Korea signed.", "Seoul said so."],
        ["THE PACT IS SIGNED BY THE US AND JAPAN.", "The US said so."],
        ["He left for the N.", "Korea replied at once."],
        ["Défense minister's talks in the U.S. went well.", "Café owners' hopes rose."],
        ["NATO and the EU met.", "A B C.", ""],
        [],
    ],
)
def test_sentences_tokenize_as_their_text(sentences: list[str]) -> None:
    """Sentence by sentence gives the joined text's words, and each run it reports is that sentence's own."""
    words, lengths = tokenize_sentences(sentences)
    assert words == tokenize_words(" ".join(sentences))
    if lengths is not None:
        starts = [sum(lengths[:n]) for n in range(len(lengths))]
        runs = [words[start : start + length] for start, length in zip(starts, lengths, strict=True)]
        assert runs == [tokenize_words(s) for s in sentences]


def test_a_shouted_sentence_beside_plain_ones_has_no_run() -> None:
    """A sentence read as shouting alone but not in its passage is tokenized alone, never read off a run."""
    _, lengths = tokenize_sentences(["THE US AND JAPAN SIGNED IT.", "Officials in Tokyo and Seoul welcomed the pact."])
    assert lengths is None


def test_the_corpus_keeps_every_sentence_terms(service: QAService) -> None:
    """Each passage's terms are its text's, and each sentence's terms as the index keeps them are its own."""
    corpus = service.corpus
    for position, passage in enumerate(corpus.passages):
        assert corpus.index.terms[position] == tokenize(passage.text)
        assert corpus.index.terms.sentence_sets(position) is not None
        own = [frozenset(tokenize(passage.text[start:end])) for start, end in passage.sentences]
        assert corpus.sentence_terms(position) == own


def test_a_corpus_word_term_is_its_stem(service: QAService) -> None:
    """Every word the lexicon gives a term other than itself has that term as its stem, worked out afresh."""
    stemmed = {word: term for word, term in service.corpus.lexicon.words.items() if term != word}
    assert len(stemmed) > 200
    assert all(stem.__wrapped__(word) == term for word, term in stemmed.items())


def test_the_c_stemmer_gives_the_pure_python_stems(service: QAService) -> None:
    """Stemming runs in Snowball's C build (PyStemmer), and every word of the bundled corpus gets the stem of
    snowballstemmer's own pure-Python English stemmer."""
    c_stemmer, reference = snowballstemmer.stemmer("english"), EnglishStemmer()
    assert isinstance(c_stemmer, Stemmer.Stemmer)
    articles = service.corpus.articles.values()
    words = {word for article in articles for text in article.paragraphs for word, _ in tokenize_words(text)}
    assert len(words) > 400
    assert [c_stemmer.stemWord(w) for w in sorted(words)] == [reference.stemWord(w) for w in sorted(words)]


def test_a_word_reads_the_same_each_time_in_plain_and_shouted_text() -> None:
    """Words read once are kept per kind of text: "US" stays the acronym in plain text after shouted text read
    it as the stopword, and the other way round."""
    plain, shouted = "US troops left Seoul.", "US TROOPS LEFT SEOUL."
    first = tokenize(plain)
    assert "us" in first and "us" not in tokenize(shouted)
    assert tokenize(plain) == first and tokenize(shouted + " ") == tokenize(shouted)


def test_according_to_is_no_treaty() -> None:
    """ "According to Kyodo" names a source: it is not searched as "accord", the articles' word for a treaty."""
    assert tokenize("the accord, according to Kyodo") == ["accord", "kyodo"]
