"""A word's English frequency, read from wordfreq's table without its tokenizer where that gives the same number."""

from __future__ import annotations

import random

from wordfreq import get_frequency_dict, top_n_list, zipf_frequency

from bot.bench.synthetic import Vocabulary
from bot.core.search.informativeness import english_zipf, load_frequencies


def test_english_zipf_is_wordfreqs_own_frequency() -> None:
    """Plain lower-case words English lacks (the generated corpus's), English words, and words with capitals,
    digits, apostrophes or accents all get exactly wordfreq's ``zipf_frequency``."""
    generated = random.Random(7).sample(sorted(Vocabulary.make().words), 3000)
    english = top_n_list("en", 3000)
    others = ["Kishida", "GSOMIA", "f-35", "2016", "don't", "café", "naïve", "x", "", "Ōsaka", "ｆｕｌｌ"]
    words = [*generated, *english, *others]
    assert [english_zipf(w) for w in words] == [zipf_frequency(w, "en") for w in words]
    assert sum(english_zipf(w) == 0 for w in generated) > 2000  # most take the shortcut


def test_the_shortcut_reads_the_table_a_start_loads() -> None:
    """english_zipf reads the very table ``load_frequencies`` loads at a start: no second load in a question."""
    get_frequency_dict.cache_clear()
    load_frequencies()
    english_zipf("zzqxw")
    assert get_frequency_dict.cache_info().currsize == 1
