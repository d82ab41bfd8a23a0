"""The corpus's lexicon counts each term over all passages, however the counting is sliced."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.core import corpus as corpus_module
from bot.core.corpus import build_corpus, lexicon_from


def test_term_counts_counted_in_slices_equal_one_count(corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lexicon's term counts, counted seven term ids at a time, equal a count of all ids at once."""
    terms = build_corpus(corpus_copy).index.terms
    whole = np.bincount(terms.ids, minlength=len(terms.vocabulary))
    expected = {terms.vocabulary[n]: int(count) for n, count in enumerate(whole) if count}
    monkeypatch.setattr(corpus_module, "COUNT_SLICE", 7)
    assert dict(lexicon_from({}, terms).term_counts) == expected
