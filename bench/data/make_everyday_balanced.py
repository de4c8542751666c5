"""Build and check bench/data/everyday-balanced.tsv from everyday-balanced.src (see everyday-balanced.md).

    .venv/bin/python bench/data/make_everyday_balanced.py          # check, then write the TSV
    .venv/bin/python bench/data/make_everyday_balanced.py --check  # check only

Checks (any failure: message naming the line, exit status 1, nothing written):
* exactly one [marked] hanzi per sentence; the gold is a tone-number syllable (1-5, ü as v);
* the CC-CEDICT headword in column 3 occurs in the sentence over the marked character, and CC-CEDICT gives it
  a reading with the gold syllable at that character;
* no sentence twice, and none that is already in bench/data/everyday*.tsv.
The split column alternates dev/test inside each (character, reading) group, the first item of the groups
alternating too, so each character and each reading is halved as evenly as possible.
A line `@batch 2` starts a later batch: its items are split the same way among themselves, as dev2 / held2
(held2 is a held-out set of its own, measured once and never tuned on), so no earlier item changes split;
`@batch N held` puts all of a batch's items in heldN.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import cedict_check  # noqa: E402

SRC = HERE / "everyday-balanced.src"
OUT = HERE / "everyday-balanced.tsv"
SYL = re.compile(r"^[a-z]+[1-5]$")
HEADER = (
    "# sentence\tindex of the marked character (0-based)\tits reading (tone numbers, 5 = neutral, v = ü)"
    "\tthe CC-CEDICT headword that confirms the reading\tsplit (dev/test)\n"
)


def main() -> int:
    check_only = "--check" in sys.argv
    existing = set()
    for p in HERE.glob("everyday*.tsv"):
        if p.name == OUT.name:
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                existing.add(line.split("\t")[0])
    items = []
    errors = []
    seen = set()
    batch = 1
    all_held: set[int] = set()
    for n, line in enumerate(SRC.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@batch"):
            batch = int(line.split()[1])
            if line.split()[2:] == ["held"]:
                all_held.add(batch)
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            errors.append(f"{SRC.name}:{n}: expected 3 tab-separated fields")
            continue
        marked, gold, word = parts
        if marked.count("[") != 1 or marked.count("]") != 1:
            errors.append(f"{SRC.name}:{n}: mark exactly one character with [ ]")
            continue
        i = marked.index("[")
        if marked[i + 2] != "]":
            errors.append(f"{SRC.name}:{n}: the mark must hold one character")
            continue
        sentence = marked.replace("[", "").replace("]", "")
        ch = sentence[i]
        if not SYL.match(gold):
            errors.append(f"{SRC.name}:{n}: bad gold syllable {gold!r}")
        ok = False
        for start in range(max(0, i - len(word) + 1), i + 1):
            if sentence[start : start + len(word)] == word and cedict_check.word_has_reading(word, i - start, gold):
                ok = True
        if not ok:
            errors.append(f"{SRC.name}:{n}: CC-CEDICT {word} does not give {ch} the reading {gold} here")
        if sentence in seen:
            errors.append(f"{SRC.name}:{n}: duplicate sentence")
        if sentence in existing:
            errors.append(f"{SRC.name}:{n}: sentence already in another everyday set")
        seen.add(sentence)
        items.append([sentence, i, gold, word, ch, batch])
    if errors:
        print("\n".join(errors))
        return 1
    groups: dict[tuple[int, str, str], list[list]] = defaultdict(list)
    for it in items:
        groups[(it[5], it[4], it[2])].append(it)
    start_with_dev = {}
    for it in items:  # first group of each character starts with dev, its next group with test, ...
        key = (it[5], it[4], it[2])
        if key not in start_with_dev:
            k = sum(1 for b, c, _ in start_with_dev if (b, c) == (it[5], it[4]))
            start_with_dev[key] = k % 2 == 0
    names = {1: ("dev", "test")}
    split = {}
    for key, group in groups.items():
        dev, held = names.get(key[0], (f"dev{key[0]}", f"held{key[0]}"))
        for j, it in enumerate(group):
            split[id(it)] = held if key[0] in all_held else dev if (j % 2 == 0) == start_with_dev[key] else held
    chars = Counter(it[4] for it in items)
    print(f"{len(items)} items, {len(chars)} characters, "
          + ", ".join(f"{s} {n}" for s, n in Counter(split[id(it)] for it in items).items()))
    if not check_only:
        with OUT.open("w", encoding="utf-8") as f:
            f.write("# everyday-balanced: built by make_everyday_balanced.py from everyday-balanced.src; "
                    "see everyday-balanced.md\n")
            f.write(HEADER)
            for it in items:
                f.write(f"{it[0]}\t{it[1]}\t{it[2]}\t{it[3]}\t{split[id(it)]}\n")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
