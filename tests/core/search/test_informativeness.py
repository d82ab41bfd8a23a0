"""A word's English frequency, read from wordfreq's table without its tokenizer where that gives the same number."""

from __future__ import annotations

import random

from wordfreq import top_n_list, zipf_frequency

from bot.bench.synthetic import Vocabulary
from bot.core.search.informativeness import english_zipf


def test_english_zipf_is_wordfreqs_own_frequency() -> None:
    """Plain lower-case words English lacks (the generated corpus's), English words, and words with capitals,
    digits, apostrophes or accents all get exactly wordfreq's ``zipf_frequency``."""
    generated = random.Random(7).sample(sorted(Vocabulary.make().words), 3000)
    english = top_n_list("en", 3000)
    others = ["Kishida", "GSOMIA", "f-35", "2016", "don't", "café", "naïve", "x", "", "Ōsaka", "ｆｕｌｌ"]
    words = [*generated, *english, *others]
    assert [english_zipf(w) for w in words] == [zipf_frequency(w, "en") for w in words]
    assert sum(english_zipf(w) == 0 for w in generated) > 2000  # most take the shortcut
