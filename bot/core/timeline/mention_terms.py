"""The content words of the timeline's dated sentences and clauses, as runs of term ids, with their rarity.

Merging compares each dated sentence with many others by the rare words they share. A frozenset of term
strings for each sentence and clause was the largest thing the merge held (about 600 bytes a sentence,
a third of a gigabyte at a million passages). Here each distinct text's terms are a sorted run of int32
ids in one array, and a set is made only for the few texts compared with many others in a row.
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Iterable

from bot.core.search.index import SearchIndex
from bot.core.search.tokenize import tokenize
from bot.core.timeline.mentions import EventMention

# Texts whose id sets are kept at once: a mention is compared with its candidates' members one after another.
_SETS = 256


class MentionTerms:
    """Each distinct sentence and clause of the mentions, numbered, with its terms' ids and its weight.

    Weights are idf sums (``SearchIndex.idf``) taken in id order, so a text and the same terms found in
    another weigh exactly the same, however the texts were met.
    """

    def __init__(self, index: SearchIndex, mentions: Iterable[EventMention]) -> None:
        self._index = index
        self.words: list[str] = []  # the texts' terms, by id
        self.idf: list[float] = []  # each term's rarity, by id
        self._term_ids: dict[str, int] = {}
        self._numbers: dict[str, int] = {}  # each distinct text's number
        self._ids = array("i")  # every text's term ids, sorted, end to end
        self._ends = array("q", [0])
        self._weights = array("d")
        self.id_set = functools.lru_cache(maxsize=_SETS)(self._id_set)
        for mention in mentions:
            self._add(mention.sentence)
            self._add(mention.clause)

    def _add(self, text: str) -> None:
        if text in self._numbers:
            return
        # Numbers only restate the date.
        ids = sorted({self._term_id(term) for term in tokenize(text) if not term.isdigit()})
        self._numbers[text] = len(self._weights)
        self._ids.extend(ids)
        self._ends.append(len(self._ids))
        self._weights.append(sum(map(self.idf.__getitem__, ids)))

    def _term_id(self, term: str) -> int:
        found = self._term_ids.get(term)
        if found is None:
            found = self._term_ids[term] = len(self.words)
            self.words.append(term)
            self.idf.append(self._index.idf(term))
        return found

    def ids(self, text: int) -> array[int]:
        """Text number ``text``'s term ids, in order."""
        return self._ids[self._ends[text] : self._ends[text + 1]]

    def _id_set(self, text: int) -> frozenset[int]:
        return frozenset(self.ids(text))

    def texts(self, mention: EventMention) -> tuple[int, int]:
        """The numbers of ``mention``'s sentence and clause (one number when the clause is the whole sentence)."""
        return self._numbers[mention.sentence], self._numbers[mention.clause]

    def words_of(self, mention: EventMention) -> list[int]:
        """The term ids of ``mention``'s sentence and clause together, in order."""
        sentence, clause = self.texts(mention)
        if sentence == clause:
            return self.ids(sentence).tolist()
        return sorted(self.id_set(sentence) | self.id_set(clause))

    def similarity(self, a: EventMention, b: EventMention) -> float:
        """The better of sentence-to-sentence and clause-to-clause similarity (see ``text_similarity``)."""
        a_sentence, a_clause = self.texts(a)
        b_sentence, b_clause = self.texts(b)
        if a_sentence == a_clause and b_sentence == b_clause:  # both clauses are their whole sentences
            return self.text_similarity(a_sentence, b_sentence)
        return max(self.text_similarity(a_sentence, b_sentence), self.text_similarity(a_clause, b_clause))

    def text_similarity(self, a: int, b: int) -> float:
        """Shared weight over the lighter text's weight, each word weighted by its rarity (``a`` is the one
        compared with many in a row: its set is kept)."""
        lighter = min(self._weights[a], self._weights[b])
        if not lighter:
            return 0.0
        shared = sum(map(self.idf.__getitem__, filter(self.id_set(a).__contains__, self.ids(b))))
        return shared / lighter
