"""Review aid: where two or three neighbouring gold tokens together make a CC-CEDICT word whose
reading(s) all differ from the gold, print it (a likely mis-cut word, e.g. 这时|候 for 这时候)."""
import sys

from common import HERE, cedict_check
from make_realtext import read_gold

genre = sys.argv[1]
ced = cedict_check.cedict()
for i, toks in read_gold(genre).items():
    toks = [t for t in toks if t[1]]
    for k in range(len(toks)):
        for n in (2, 3):
            grp = toks[k:k + n]
            if len(grp) < n:
                continue
            w = "".join(t[0] for t in grp)
            syl = tuple(s for t in grp for s in t[1])
            rs = {tuple(x.lower() for x in r) for r in ced.get(w, ())}
            if len(w) >= 2 and rs and syl not in rs:
                print(f"{i}: {'|'.join(t[0] for t in grp)} gold {' '.join(syl)}  CC-CEDICT {' / '.join(' '.join(r) for r in sorted(rs))}")
