"""List the undecided items (`=?`) of a .gold file with their context: `para: word=?options | context`."""
import re
import sys

from common import HERE

genre = sys.argv[1]
para = 0
for line in (HERE / f"{genre}.gold").read_text(encoding="utf-8").splitlines():
    if line.startswith("@para"):
        para = int(line.split()[1])
        continue
    toks = line.split(" ")
    for k, t in enumerate(toks):
        if "=?" in t:
            left = "".join(x.split("=")[0] for x in toks[max(0, k - 6):k])
            right = "".join(x.split("=")[0] for x in toks[k + 1:k + 6])
            print(f"{para}: {t}  | {left}[{t.split('=')[0]}]{right}")
