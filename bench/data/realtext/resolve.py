"""Apply review decisions to a .gold file: each decision `word=reading` resolves the next undecided `word=?…`
in file order (the word must match, and the reading must be one of the options unless forced with `!`).

    .venv/bin/python bench/data/realtext/resolve.py news news.decisions
"""
import sys

from common import HERE

genre, dec_file = sys.argv[1], sys.argv[2]
gold = HERE / f"{genre}.gold"
decisions = []
for line in (HERE / dec_file).read_text(encoding="utf-8").split():
    if line.strip():
        decisions.append(line.strip())
out_lines = []
k = 0
for line in gold.read_text(encoding="utf-8").splitlines():
    if line.startswith("@") or line.startswith("#"):
        out_lines.append(line)
        continue
    toks = line.split(" ")
    for i, t in enumerate(toks):
        if "=?" in t and k < len(decisions):
            word, opts = t.split("=?")
            dw, dr = decisions[k].split("=")
            force = dr.startswith("!")
            dr = dr.lstrip("!")
            if dw != word:
                sys.exit(f"decision {k + 1} {decisions[k]!r} does not match {t!r}")
            if not force and dr not in opts.split("/"):
                sys.exit(f"decision {k + 1} {decisions[k]!r}: {dr} is not among {opts}")
            toks[i] = f"{word}={dr}"
            k += 1
    out_lines.append(" ".join(toks))
if k != len(decisions):
    sys.exit(f"only {k} of {len(decisions)} decisions used")
gold.write_text("\n".join(out_lines) + "\n", encoding="utf-8")
print(f"{gold.name}: {k} decisions applied, {gold.read_text(encoding='utf-8').count('=?')} left")
