"""Build and check the real-text evaluation sets (see ../realtext.md).

    .venv/bin/python bench/data/realtext/make_realtext.py            # check all, write ../realtext-*.jsonl
    .venv/bin/python bench/data/realtext/make_realtext.py --check    # check only

For each genre (news, literature, traditional) it reads GENRE.src (the paragraphs, verbatim, with source,
URL and licence) and GENRE.gold (the reviewed readings, word by word) and checks that
* the gold tokens spell the paragraph exactly, and every hanzi has exactly one syllable;
* no item is left undecided (`=?`), every syllable is a tone-number syllable (1-5, ü as v, erhua r5);
* every syllable is a reading CC-CEDICT or pypinyin's character table allows for that character
  (an error otherwise); places where only ONE of the two allows it are listed for re-reading
  (--report prints them), as are the neutral tones.
Split: paragraphs alternate dev/test inside each source, the first paragraph of successive sources
alternating too, so each source and each genre is halved. Stop 21 looked at the errors on that test half (it is
no longer held out); a later source block with `@split test` is a batch never looked at: its paragraphs get
the split "held".
"""

from __future__ import annotations

import json
import re
import sys

from common import HERE, cedict_check, is_han, read_src

SYL = re.compile(r"^([a-z]+[1-5]|r5)$")
OUT = HERE.parent
GENRES = ["news", "literature", "traditional"]
# Readings the standard dictionaries give that neither table has; each was checked by hand.
EXTRA_ALLOWED = {("乐", "yao4"): "乐 yào 'to delight in' (仁者乐山), Xiandai Hanyu Cidian; news para 71: 中国人乐山"}


def read_gold(genre: str) -> dict[int, list[tuple[str, list[str]]]]:
    paras: dict[int, list[tuple[str, list[str]]]] = {}
    cur = None
    for n, line in enumerate((HERE / f"{genre}.gold").read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("@para"):
            cur = paras.setdefault(int(line.split()[1]), [])
            continue
        for tok in line.split(" "):
            if "=" in tok:
                w, r = tok.split("=", 1)
                cur.append((w, r.split("_") if not r.startswith("?") else [r]))
            else:
                cur.append((tok.replace("␣", " ").replace("⏎", "\n"), []))
    return paras


def check_genre(genre: str, report: bool) -> tuple[list[dict], list[str], list[str]]:
    src_paras = read_src(HERE / f"{genre}.src")
    gold = read_gold(genre)
    errors, notes, rows = [], [], []
    if len(gold) != len(src_paras):
        errors.append(f"{genre}: {len(src_paras)} paragraphs in .src, {len(gold)} in .gold")
    ced = cedict_check.char_readings_cedict()
    pyp = cedict_check.char_readings_pypinyin()
    prev_source, first_dev, k = None, False, 0
    for i, p in enumerate(src_paras, 1):
        toks = gold.get(i, [])
        spelled = "".join(w for w, _ in toks)
        if spelled != p["text"]:
            j = next((a for a, (x, y) in enumerate(zip(spelled, p["text"])) if x != y), min(len(spelled), len(p["text"])))
            errors.append(f"{genre}.gold para {i}: tokens spell {spelled[j:j+15]!r}, text has {p['text'][j:j+15]!r}")
            continue
        pinyin = []
        for w, syls in toks:
            if not syls:
                if any(is_han(c) for c in w):
                    errors.append(f"{genre}.gold para {i}: hanzi {w!r} has no reading")
                continue
            if len(syls) != len(w):
                errors.append(f"{genre}.gold para {i}: {w} has {len(syls)} syllables for {len(w)} characters")
                continue
            for c, s in zip(w, syls):
                if not SYL.match(s):
                    errors.append(f"{genre}.gold para {i}: {w}: bad syllable {s!r}")
                    continue
                base = cedict_check.norm(s)
                if s == "r5":
                    ok_c = c in "儿兒"
                    ok_p = ok_c
                else:
                    ok_c = base in ced.get(c, set()) or (s.endswith("5") and any(x[:-1] == s[:-1] for x in ced.get(c, set())))
                    ok_p = base in pyp.get(c, set()) or (s.endswith("5") and any(x[:-1] == s[:-1] for x in pyp.get(c, set())))
                if (c, s) in EXTRA_ALLOWED:
                    notes.append(f"{genre} para {i}: {c}={s} in {w} (neither table; {EXTRA_ALLOWED[(c, s)]})")
                elif not ok_c and not ok_p:
                    errors.append(f"{genre}.gold para {i}: {c}={s} in {w}: neither CC-CEDICT nor pypinyin allows it")
                elif ok_c != ok_p:
                    notes.append(f"{genre} para {i}: {c}={s} in {w} (only {'CC-CEDICT' if ok_c else 'pypinyin'} allows it)")
                pinyin.append(s)
        n_han = sum(1 for c in p["text"] if is_han(c))
        if len(pinyin) != n_han:
            errors.append(f"{genre}.gold para {i}: {len(pinyin)} syllables for {n_han} hanzi")
        if p["source"] != prev_source:
            first_dev = not first_dev if prev_source is not None else True
            prev_source, k = p["source"], 0
        split = "dev" if (k % 2 == 0) == first_dev else "test"
        k += 1
        if p.get("split"):  # a source block's own @split: `test` marks a later, wholly held-out batch ("held")
            split = "held" if p["split"] == "test" else p["split"]
        row = {"source": p["source"], "url": p["url"], "licence": p["licence"], "split": split,
               "text": p["text"], "pinyin": pinyin}
        if p.get("via"):
            row["via"] = p["via"]
        rows.append(row)
    return rows, errors, notes


def main() -> int:
    check_only = "--check" in sys.argv
    report = "--report" in sys.argv
    all_errors = []
    for genre in GENRES:
        if not (HERE / f"{genre}.gold").exists():
            continue
        rows, errors, notes = check_genre(genre, report)
        all_errors += errors
        n_han = sum(len(r["pinyin"]) for r in rows)
        dev = sum(1 for r in rows if r["split"] == "dev")
        neutral = sum(1 for r in rows for s in r["pinyin"] if s.endswith("5"))
        held = sum(1 for r in rows if r["split"] == "held")
        print(f"{genre}: {len(rows)} paragraphs ({dev} dev, {len(rows) - dev - held} test, {held} held out), {n_han} hanzi, "
              f"{neutral} neutral tones, {len(notes)} syllables only one table allows, {len(errors)} errors")
        if report:
            print("\n".join("  " + x for x in notes))
        if not errors and not check_only:
            with (OUT / f"realtext-{genre}.jsonl").open("w", encoding="utf-8") as f:
                for r in rows:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if all_errors:
        print("\n".join(all_errors))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
