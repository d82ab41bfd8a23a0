"""The passage table gives back exactly the passages it was made from, in any piece, and refuses bad arrays."""

from __future__ import annotations

import itertools
import pickle

import numpy as np
import pytest

from bot.core.ingest.passages import split_passages
from bot.core.ingest.read import load_articles
from bot.core.models import Passage
from bot.core.passage_table import PassageTable
from tests.conftest import CORPUS, make_article


def _passages() -> list[Passage]:
    """The bundled corpus's passages, and an article written beyond ASCII (text kept in UTF-8 bytes)."""
    articles, _ = load_articles(CORPUS)
    accented = make_article(
        "Le ministre a signé l'accord à Séoul, 서울, mardi.",
        "Die Vereinbarung gilt für ein Jahr — so heißt es.",
        article_id="é",
    )
    return [p for article in [*articles, accented] for p in split_passages(article)]


def test_every_passage_comes_back_equal() -> None:
    """Each passage made from the table equals the one it was made from: id, article, numbers, text, spans."""
    passages = _passages()
    table = PassageTable.of(passages)
    assert len(table) == len(passages)
    assert [table[n] for n in range(len(table))] == passages
    assert list(table) == passages
    assert table[-1] == passages[-1]
    assert [table.article_of(n) for n in range(len(table))] == [p.article_id for p in passages]


def test_pieces_join_into_the_whole() -> None:
    """Runs taken from tables and joined again give the same passages, whatever the cuts."""
    passages = _passages()
    whole = PassageTable.of(passages)
    cuts = [0, 1, 7, 40, len(passages) - 3, len(passages)]
    pieces = [whole.take(a, b) for a, b in itertools.pairwise(cuts)]
    joined = PassageTable.concat([pieces[0], PassageTable.of(passages[1:7]), *pieces[2:]])
    assert list(joined) == passages
    assert joined == whole
    assert list(PassageTable.concat([])) == []


def test_a_table_crosses_processes_and_saves_as_arrays() -> None:
    """A pickled table, and one rebuilt from a piece's arrays, hold the same passages."""
    passages = _passages()
    piece = PassageTable.of(passages).take(5, 30)
    assert list(pickle.loads(pickle.dumps(piece))) == passages[5:30]
    assert list(PassageTable.from_arrays(piece.article_ids, piece.arrays())) == passages[5:30]


def test_passages_by_article() -> None:
    """Positions by article, base passages and openings are read off the arrays."""
    passages = _passages()
    table = PassageTable.of(passages)
    article = passages[0].article_id
    assert table.positions_of(article) == [n for n, p in enumerate(passages) if p.article_id == article]
    assert table.positions_of("no such article") == []
    assert table.positions_in([article, "é"]) == [n for n, p in enumerate(passages) if p.article_id in {article, "é"}]
    assert table.openings() == [n for n, p in enumerate(passages) if p.first == 0 and p.is_base]
    assert table.base_mask().tolist() == [p.is_base for p in passages]


def test_arrays_that_do_not_fit_together_are_refused() -> None:
    """Offsets past the text, or an article number past the ids, make ``from_arrays`` raise."""
    table = PassageTable.of(_passages())
    arrays = table.arrays()
    past_text = {**arrays, "text_offsets": arrays["text_offsets"] + 1}
    with pytest.raises(ValueError, match="out of bounds"):
        PassageTable.from_arrays(table.article_ids, past_text)
    with pytest.raises(ValueError, match="out of bounds"):
        PassageTable.from_arrays(table.article_ids[:-1], arrays)
    shorter = {**arrays, "first": arrays["first"][:-1]}
    with pytest.raises(ValueError, match="disagree"):
        PassageTable.from_arrays(table.article_ids, shorter)


def test_passages_not_numbered_by_the_splitter_are_refused() -> None:
    """A passage whose id does not follow from its article and numbers cannot be kept (it would come back
    with another id)."""
    with pytest.raises(ValueError, match="numbered"):
        PassageTable.of([Passage("p", "a", 0, 0, "Text.", ((0, 5),))])
    assert np.array_equal(PassageTable.of([Passage("a#0", "a", 0, 0, "Text.", ((0, 5),))]).spans, [[0, 5]])
