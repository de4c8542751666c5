"""Review aid: every single-character token whose character CC-CEDICT reads more than one way, grouped by
character and reading, each with its context, so each usual-reading default is re-read in place."""
import sys
from collections import defaultdict

from common import HERE, cedict_check

genre = sys.argv[1]
groups = defaultdict(list)
para = 0
for line in (HERE / f"{genre}.gold").read_text(encoding="utf-8").splitlines():
    if line.startswith("@para"):
        para = int(line.split()[1])
        continue
    if line.startswith("#"):
        continue
    toks = line.split(" ")
    for k, t in enumerate(toks):
        if "=" not in t:
            continue
        w, r = t.split("=", 1)
        if len(w) != 1:
            continue
        rs = {x[0].lower() for x in cedict_check.cedict().get(w, ())}
        if len(rs) < 2:
            continue
        left = "".join(x.split("=")[0] for x in toks[max(0, k - 5):k])
        right = "".join(x.split("=")[0] for x in toks[k + 1:k + 5])
        groups[(w, r)].append(f"{para}:{left}[{w}]{right}")
for (w, r), ctx in sorted(groups.items(), key=lambda x: (x[0][0], x[0][1])):
    print(f"{w} {r} ({len(ctx)}): " + " | ".join(ctx))
