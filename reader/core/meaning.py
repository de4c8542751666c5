"""The meaning saved with a word: the one rule for `s` in the reader and `yuedu vocab add`.

The glossary's official English first, then the dictionary's entry for the word; a word no dictionary
knows (提质增效) gets the meanings of its parts, cut by longest dictionary match, marked ``[parts]``
so the user sees it was built, not looked up.
"""

from __future__ import annotations

PARTS_MARK = "[parts]"


def word_meaning(word: str, glossary_entry=None, dictionary=None, *, open_dictionary: bool = True,
                 syllables: list[str] | None = None) -> str:
    """The meaning to save for ``word``; ``""`` when neither the word nor any part of it is known.

    ``dictionary`` is an open :class:`Dictionary`; without one it is opened unless ``open_dictionary`` is
    False (the reader passes its own, and never builds the index on the event loop)."""
    if glossary_entry is not None:
        official = getattr(glossary_entry, "official_english", None)
        english = list(getattr(glossary_entry, "english", None) or ())
        if official is not None:
            return official.text
        if english:
            return "; ".join(r.text for r in english[:3])
    if dictionary is None:
        if not open_dictionary:
            return ""
        try:
            from reader.core.dictionary import Dictionary

            dictionary = Dictionary.open()
        except Exception:
            return ""
    entries = dictionary.lookup(word)
    if entries:  # the entry read as the text reads it, with real senses (效 alone: "effect", not "variant of 傚")
        best = _best(entries, syllables if syllables and len(syllables) == len(word) else None)
        return "; ".join([d for d in best.definitions if not _weak(d)][:4] or best.definitions[:4])
    return parts_meaning(word, dictionary, syllables)


_WEAK = ("used in ", "variant of ", "old variant of ", "surname ", "see ", "abbr. for ", "CL:")


def _weak(sense: str) -> bool:
    """A sense that says nothing of the part's meaning in a word: a cross-reference ("variant of 效",
    "to imitate (variant of 效[xiao4])"), a surname, a measure-word note."""
    return sense.startswith(_WEAK) or "variant of " in sense or (sense.startswith("(") and ")" not in sense)


def _best(entries, syllables: list[str] | None):
    """The entry to quote for a part: the one read as the word reads it (else the reading with the most
    senses: the character's common one), then the one with the most real senses (效 xiào "effect;
    efficacy", not the variant entry "to imitate (variant of 效)")."""
    def rank(e) -> tuple[int, int, int]:
        same = syllables is not None and [s.rstrip("5") for s in e.syllables] == [s.rstrip("5") for s in syllables]
        useful = [d for d in e.definitions if not _weak(d)]
        return (0 if same else 1, 0 if useful else 1, -len(useful))
    return min(entries, key=rank)


def parts_meaning(word: str, dictionary, syllables: list[str] | None = None) -> str:
    """``"[parts] 提质: improve quality | 增效: increase efficiency"`` for a word the dictionary lacks."""
    parts: list[str] = []
    i = 0
    while i < len(word):
        n, entries = dictionary.longest_match(word, i)
        if n == 0:
            i += 1
            continue
        if n == len(word):  # the whole word is a headword after all
            return "; ".join(entries[0].definitions[:4])
        syls = syllables[i:i + n] if syllables and len(syllables) == len(word) else None
        best = _best(entries, syls)
        defs = "; ".join(d for d in best.definitions if not _weak(d))
        defs = "; ".join(defs.split("; ")[:2]) or "; ".join(best.definitions[:2])
        parts.append(f"{word[i:i + n]}: {defs}")
        i += n
    if not parts:
        return ""
    return f"{PARTS_MARK} " + " | ".join(parts)
