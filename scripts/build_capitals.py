"""Builds bot/core/search/resources/capitals.tsv.gz from a WordNet 3.0 dict folder (run once, by hand).

News names a government by its capital ("Pyongyang said", "talks between Seoul and Tokyo"). WordNet
files each national capital as an instance of "national capital" and as a part of its country; this
keeps those pairs (capital TAB country, as WordNet writes them) so a question saying "Pyongyang" also
finds passages saying "North Korea". Usage:

    python scripts/build_capitals.py WORDNET_DICT_DIR bot/core/search/resources/capitals.tsv.gz
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

# What a capital's holonym must be an instance of to be its country ("Tokyo" is also part of "Honshu").
_COUNTRY_KINDS = re.compile(r"^(?:\w+_)?(?:country|state|principality)$")


def _noun_synsets(folder: Path) -> dict[str, tuple[list[str], list[tuple[str, str]]]]:
    """offset -> (words as written, pointers (symbol, target offset)) for every noun synset."""
    found = {}
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split(" | ")[0].split()
        count = int(fields[3], 16)
        words = [re.sub(r"\(.*\)$", "", w) for w in fields[4 : 4 + 2 * count : 2]]
        rest = fields[4 + 2 * count :]
        pointers = [(rest[1 + 4 * k], rest[2 + 4 * k]) for k in range(int(rest[0]))]
        found[fields[0]] = (words, pointers)
    return found


def build(folder: Path) -> dict[str, str]:
    """Each national capital's one-word name (lower-case) -> its country's name ("pyongyang" -> "North Korea")."""
    synsets = _noun_synsets(folder)
    capitals: dict[str, str] = {}
    for words, pointers in synsets.values():
        if not any(symbol == "@i" and "national_capital" in synsets[target][0] for symbol, target in pointers):
            continue
        countries = [
            synsets[target][0][0]
            for symbol, target in pointers
            if symbol == "#p"
            and any(kind == "@i" and _COUNTRY_KINDS.match(synsets[of][0][0].lower()) for kind, of in synsets[target][1])
        ]
        if len(countries) != 1:
            continue
        for word in words:
            if word.isalpha():
                capitals.setdefault(word.lower(), countries[0].replace("_", " "))
    return capitals


def main() -> None:
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    capitals = build(folder)
    header = (
        "# WordNet 3.0 extract (Princeton University, WordNet License, see LICENSE-WordNet):\n"
        "# national capital TAB its country\n"
    )
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(header + "".join(f"{c}\t{capitals[c]}\n" for c in sorted(capitals)))
    print(f"{len(capitals)} capitals -> {out}")


if __name__ == "__main__":
    main()
