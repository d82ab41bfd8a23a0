"""The tokenizer makes a question and an article agree on names, abbreviations, spellings and word forms."""

from __future__ import annotations

import pytest

from bot.core.search.tokenize import tokenize


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("Han Min-koo", "Han Min Koo"),
        ("Park Geun-hye", "PARK Geun Hye".title()),
        ("S. Korea", "South Korea"),
        ("N. Korea", "North Korea"),
        ("U.S.", "US"),
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
