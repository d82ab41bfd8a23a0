"""Passages follow paragraphs, split long ones at sentences, merge fragments, and pair short neighbours."""

from __future__ import annotations

import dataclasses

from bot.core.ingest.clean import clean_article
from bot.core.ingest.passages import MAX_PASSAGE_CHARS, MAX_SENTENCES, captions, split_passages, split_sentences
from bot.core.models import Article, Removed
from tests.conftest import make_article


def _article(*paragraphs: str) -> Article:
    return make_article(*paragraphs)


def test_sentences_do_not_break_at_abbreviations() -> None:
    """ "Nov.", "U.S.", "S. Korea" and initials do not end a sentence."""
    text = "On Nov. 23, S. Korea and the U.S. met Gen. J. Smith in Seoul. Then they left."
    assert split_sentences(text) == ["On Nov. 23, S. Korea and the U.S. met Gen. J. Smith in Seoul.", "Then they left."]


def test_long_paragraph_is_split_at_sentences() -> None:
    """A paragraph of seven sentences becomes runs of at most three, in order, losing nothing."""
    sentences = [f"Sentence number {n} says something about the pact and the talks." for n in range(7)]
    base = [p for p in split_passages(_article(" ".join(sentences))) if p.first == p.last]
    assert len(base) == 3
    assert all(len(p.sentences) <= MAX_SENTENCES for p in base)
    assert " ".join(p.text for p in base) == " ".join(sentences)


def test_short_fragment_joins_the_next_paragraph() -> None:
    """A fragment under the minimum length is merged into the following passage."""
    passages = split_passages(
        _article("Seoul, quickly.", "The agreement was signed after two rounds of talks in Tokyo.")
    )
    assert passages[0].text == "Seoul, quickly. The agreement was signed after two rounds of talks in Tokyo."


def test_short_last_paragraph_joins_the_previous_one() -> None:
    """A fragment at the end is merged into the passage before it."""
    passages = split_passages(_article("The agreement was signed after two rounds of talks in Tokyo.", "He agreed."))
    assert passages[0].text.endswith("in Tokyo. He agreed.")


def test_duplicates_inside_an_article_are_dropped() -> None:
    """An exact repeat of a passage is not indexed twice."""
    para = "The agreement was signed after two rounds of talks in Tokyo last week, officials said."
    assert len([p for p in split_passages(_article(para, para)) if p.is_base]) == 1


def test_short_neighbours_are_also_indexed_as_a_pair() -> None:
    """Two short adjacent passages get a joined passage too, with its own id and both sentence spans."""
    one = "A ministry spokesman said the exchange of classified information took place in Seoul on Friday."
    two = "During talks held later in the day, the officials of all three countries agreed to cooperate."
    passages = split_passages(_article(one, two))
    assert [p.passage_id for p in passages] == ["a#0", "a#1", "a#0-1"]
    pair = passages[2]
    assert pair.text == f"{one} {two}"
    assert [pair.text[a:b] for a, b in pair.sentences] == [one, two]
    assert pair.overlaps(passages[0]) and pair.overlaps(passages[1]) and not passages[0].overlaps(passages[1])


def test_long_neighbours_are_not_paired() -> None:
    """Neighbours that together exceed the size limit stay apart."""
    long_para = "Officials said the talks covered many things. " * 7
    passages = split_passages(_article(long_para.strip(), long_para.strip().replace("Officials", "Ministers")))
    assert all(p.is_base for p in passages)
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in passages)


def test_sentence_spans_index_the_passage_text() -> None:
    """Every sentence span slices one whole sentence out of the passage."""
    text = "First sentence of the paragraph is here. Second one follows it! Third asks why?"
    (passage,) = split_passages(_article(text))
    assert [passage.text[a:b] for a, b in passage.sentences] == split_sentences(text)


def test_captions_are_read_from_the_lines_cleaning_removed() -> None:
    """A caption keeps its image credit; a copyright line's text after "© Holder." counts when it reads as one."""
    removed = [
        Removed("Protesters shout slogans during a rally in Seoul", "photo caption"),
        Removed("Image: Getty Images/AFP/J. Yeon-Je", "image credit"),
        Removed("© Reuters. Police officer stands guard near the flags at the hotel", "copyright or photo credit"),
        Removed("© 2016 Reuters. All rights reserved", "copyright or photo credit"),
        Removed("Image: Getty Images", "image credit"),
    ]
    assert captions(removed) == [
        "Protesters shout slogans during a rally in Seoul (Image: Getty Images/AFP/J. Yeon-Je)",
        "Police officer stands guard near the flags at the hotel",
    ]


def test_a_caption_is_a_passage_of_its_own_after_the_body() -> None:
    """The caption cleaning removed becomes one passage numbered after the body's, never paired; repeats are one."""
    body = ["The two ministers met in Seoul on Monday to sign the pact, officials said in a statement."]
    body += ["Opposition lawmakers protested outside the ministry for most of the afternoon, police said."]
    caption = "This undated image shows a missile and a flag. (Yonhap)"
    cleaned = clean_article("\n\n".join([body[0], caption, body[1], caption]))
    article = dataclasses.replace(make_article(*cleaned.paragraphs), removed=tuple(cleaned.removed))
    passages = split_passages(article)
    assert [p.text for p in passages if caption in p.text] == [caption]
    last = max(p.last for p in passages if p.text != caption)
    assert [(p.first, p.last) for p in passages if p.text == caption] == [(last + 1, last + 1)]
